import { erc20Abi, parseEther, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../kernel/index.js';
import { wrapAgent } from './agent.js';

const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
let devnet: TestDevnet;
let ctx: AgentContext;
let weth: TokenInfo;
const wethBalance = () => ctx.client.readContract({ address: weth.address as Address, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
const gasOf = (receipts: Awaited<ReturnType<typeof executePlan>>) => receipts.reduce((sum, r) => sum + r.gasUsed * r.effectiveGasPrice, 0n);
const intent = (action: 'wrap' | 'unwrap', token: TokenInfo, amount: ResolvedIntent['amount']): ResolvedIntent => ({ action, token, amount, slippageBps: 50 });

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  weth = { ...devnet.deployment.tokens.find((t) => t.symbol === 'WETH')!, verified: true };
});
afterAll(async () => {
  await devnet?.stop();
});

describe('weth on the devnet', () => {
  test('default: wrap 2 ETH mints exactly 2 WETH', async () => {
    const plan = await wrapAgent.plan(ctx, intent('wrap', ETH, { kind: 'exact', value: parseEther('2') }));
    expect(plan.calls[0]).toMatchObject({ to: weth.address, data: '0xd0e30db0', value: parseEther('2') });
    const before = { eth: await ctx.client.getBalance({ address: ctx.account }), weth: await wethBalance() };
    const receipts = await executePlan(devnet.rpcUrl, plan);
    expect((await wethBalance()) - before.weth).toBe(parseEther('2'));
    expect(before.eth - (await ctx.client.getBalance({ address: ctx.account })) - gasOf(receipts)).toBe(parseEther('2'));
  });

  test('unwrap "all" WETH returns every WETH as ETH', async () => {
    const held = await wethBalance();
    const plan = await wrapAgent.plan(ctx, intent('unwrap', weth, { kind: 'all' }));
    expect(plan.expects).toEqual([
      { token: weth.address, symbol: 'WETH', decimals: 18, direction: 'out', amount: held, bound: 'exact' },
      { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'in', amount: held, bound: 'exact' },
    ]);
    const before = await ctx.client.getBalance({ address: ctx.account });
    const receipts = await executePlan(devnet.rpcUrl, plan);
    expect(await wethBalance()).toBe(0n);
    expect((await ctx.client.getBalance({ address: ctx.account })) + gasOf(receipts) - before).toBe(held);
  });

  test('errors: NOT_WRAPPABLE for other tokens; unsupported without a weth contract', async () => {
    const usdc = { ...devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!, verified: true };
    await expect(wrapAgent.plan(ctx, intent('wrap', usdc, { kind: 'exact', value: 1n }))).rejects.toMatchObject({ code: 'NOT_WRAPPABLE' });
    expect(wrapAgent.supports?.({ ...ctx, contracts: {} })).toBe(false);
    expect(wrapAgent.supports?.(ctx)).toBe(true);
  });
});
