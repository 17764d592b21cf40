import { decodeFunctionData, erc20Abi, maxUint256, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../kernel/index.js';
import { aaveAgent } from './agent.js';
import { aavePoolAbi, formatSupplyRate, readLendingReserve } from './reserve.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let USDC: TokenInfo;
let stETH: TokenInfo;
let aUSDC: Address;
const intent = (action: 'supply' | 'withdraw', token: TokenInfo, amount: ResolvedIntent['amount']): ResolvedIntent => ({ action, token, amount, slippageBps: 0 });
const balanceOf = (token: Address) => ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  const token = (symbol: string): TokenInfo => ({ ...devnet.deployment.tokens.find((t) => t.symbol === symbol)!, verified: true });
  USDC = token('USDC');
  stETH = token('stETH');
  aUSDC = devnet.deployment.contracts['aaveAToken:USDC']!;
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('aaveAgent', () => {
  test('default: supply 100 USDC approves exactly 100 to the Pool, supplies for the user, and mints aUSDC 1:1; the summary states the rate read from the Pool', async () => {
    const pool = ctx.contracts.aavePool!;
    const reserve = await readLendingReserve(ctx.client, { pool, asset: USDC.address as Address });
    expect(reserve?.aToken).toBe(aUSDC);
    expect(reserve!.liquidityRateRay).toBeGreaterThan(0n);
    const plan = await aaveAgent.plan(ctx, intent('supply', USDC, { kind: 'exact', value: parseUnits('100', 6) }));
    expect(plan.summary).toContain(formatSupplyRate(reserve!.liquidityRateRay));
    expect(plan.summary).toContain('aUSDC 1:1');
    expect(plan.calls.map((c) => c.to)).toEqual([USDC.address, pool]);
    const supply = decodeFunctionData({ abi: aavePoolAbi, data: plan.calls[1]!.data });
    expect(supply.args).toEqual([USDC.address, parseUnits('100', 6), ctx.account, 0]);

    const before = { usdc: await balanceOf(USDC.address as Address), a: await balanceOf(aUSDC) };
    await executePlan(devnet.rpcUrl, plan);
    expect(before.usdc - (await balanceOf(USDC.address as Address))).toBe(parseUnits('100', 6));
    const minted = (await balanceOf(aUSDC)) - before.a;
    expect(minted >= parseUnits('100', 6) - 2n && minted <= parseUnits('100', 6) + 2n).toBe(true);
  }, 60_000);

  test('behavior: withdraw all asks the Pool for type(uint256).max to the user, says so, and empties the position', async () => {
    const position = await balanceOf(aUSDC);
    expect(position).toBeGreaterThan(0n);
    const plan = await aaveAgent.plan(ctx, intent('withdraw', USDC, { kind: 'all' }));
    const call = decodeFunctionData({ abi: aavePoolAbi, data: plan.calls[0]!.data });
    expect(call.args).toEqual([USDC.address, maxUint256, ctx.account]);
    expect(plan.summary).toMatch(/the whole aUSDC balance when the transaction is mined/);
    expect(plan.expects).toEqual([expect.objectContaining({ token: USDC.address, direction: 'in', amount: position, bound: 'atLeast' })]);
    const before = await balanceOf(USDC.address as Address);
    await executePlan(devnet.rpcUrl, plan);
    expect(await balanceOf(aUSDC)).toBe(0n);
    expect((await balanceOf(USDC.address as Address)) - before).toBeGreaterThanOrEqual(position);
  }, 60_000);

  test('errors: no market for stETH, nothing supplied to withdraw, more than the position', async () => {
    await expect(aaveAgent.plan(ctx, intent('supply', stETH, { kind: 'exact', value: 1n }))).rejects.toMatchObject({ code: 'NO_MARKET' });
    await expect(aaveAgent.plan(ctx, intent('withdraw', USDC, { kind: 'all' }))).rejects.toMatchObject({ code: 'NOTHING_SUPPLIED' });
    await executePlan(devnet.rpcUrl, await aaveAgent.plan(ctx, intent('supply', USDC, { kind: 'exact', value: parseUnits('10', 6) })));
    await expect(aaveAgent.plan(ctx, intent('withdraw', USDC, { kind: 'exact', value: parseUnits('11', 6) }))).rejects.toMatchObject({ code: 'INSUFFICIENT_POSITION' });
    await expect(aaveAgent.plan(ctx, intent('supply', { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true }, { kind: 'exact', value: 1n }))).rejects.toMatchObject({ code: 'NO_MARKET' });
  }, 60_000);
});
