import { erc20Abi, maxUint256, parseUnits, zeroAddress, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../kernel/index.js';
import { approveAgent } from './agent.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let usdc: TokenInfo;
let spender: Address;
const allowance = () => ctx.client.readContract({ address: usdc.address as Address, abi: erc20Abi, functionName: 'allowance', args: [ctx.account, spender] });
const intent = (extra: Partial<ResolvedIntent>): ResolvedIntent => ({ action: 'approve', token: usdc, to: spender, slippageBps: 50, ...extra });

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  usdc = { ...devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!, verified: true };
  spender = devnet.deployment.contracts.uniswapV2Router!;
});
afterAll(async () => {
  await devnet?.stop();
});

describe('approve on the devnet', () => {
  test('default: approve 100 USDC sets the allowance to exactly 100 USDC', async () => {
    const plan = await approveAgent.plan(ctx, intent({ amount: { kind: 'exact', value: parseUnits('100', 6) }, toLabel: 'Uniswap V2 router' }));
    expect(plan.summary).toBe('Approve Uniswap V2 router to spend 100 USDC');
    expect(plan.expects).toEqual([]);
    await executePlan(devnet.rpcUrl, plan);
    expect(await allowance()).toBe(parseUnits('100', 6));
  });

  test('unlimited only when asked: maxUint256', async () => {
    await executePlan(devnet.rpcUrl, await approveAgent.plan(ctx, intent({ unlimited: true })));
    expect(await allowance()).toBe(maxUint256);
  });

  test('revoke sets the allowance back to 0', async () => {
    const plan = await approveAgent.plan(ctx, { action: 'revoke', token: usdc, to: spender, slippageBps: 50 });
    await executePlan(devnet.rpcUrl, plan);
    expect(await allowance()).toBe(0n);
  });

  test('errors: ETH has no allowance; the zero address is refused; approve needs an amount', async () => {
    const eth: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
    await expect(approveAgent.plan(ctx, intent({ token: eth, unlimited: true }))).rejects.toMatchObject({ code: 'NOT_AN_ERC20' });
    await expect(approveAgent.plan(ctx, intent({ to: zeroAddress, unlimited: true }))).rejects.toMatchObject({ code: 'ZERO_ADDRESS_SPENDER' });
    await expect(approveAgent.plan(ctx, intent({}))).rejects.toMatchObject({ code: 'BAD_INTENT' });
  });
});
