import { createTestClient, decodeFunctionData, erc20Abi, http, parseEther, parseUnits, type Address } from 'viem';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { InputError, type AgentContext, type ResolvedIntent, type TokenInfo } from '../../kernel/index.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import { v2ForkAgent, uniswapV2Agent } from '../swap/agent.js';
import { createV3SwapAgent, encodePath, uniswapV3Agent, v3QuoterAbi, v3RouterAbi } from './agent.js';

const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
let devnet: TestDevnet;
let ctx: AgentContext;
let snapshot: `0x${string}`;

const token = (symbol: string): TokenInfo => ({ ...devnet.deployment.tokens.find((t) => t.symbol === symbol)!, verified: true });
const testClient = () => createTestClient({ mode: 'anvil', transport: http(devnet.rpcUrl) });
const balanceOf = (asset: TokenInfo, owner: Address = ctx.account) =>
  asset.address === 'ETH'
    ? ctx.client.getBalance({ address: owner })
    : ctx.client.readContract({ address: asset.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
const swap = (tokenIn: TokenInfo, tokenOut: TokenInfo, amounts: Pick<ResolvedIntent, 'amount' | 'amountOut'>): ResolvedIntent => ({
  action: 'swap',
  token: tokenIn,
  tokenOut,
  slippageBps: 50,
  ...amounts,
});
const gasOf = (receipts: Awaited<ReturnType<typeof executePlan>>) => receipts.reduce((sum, r) => sum + r.gasUsed * r.effectiveGasPrice, 0n);
const exactly = (value: bigint) => ({ amount: { kind: 'exact' as const, value } });

beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});
beforeEach(async () => {
  snapshot = await testClient().snapshot();
  ctx = await devnetContext(devnet);
});
afterEach(async () => {
  await testClient().revert({ id: snapshot });
});

describe('uniswap-v3 on the devnet', () => {
  test('default: exact-in 1 ETH → USDC takes the 0.05% pool, quotes what QuoterV2 says, and receives it', async () => {
    const usdc = token('USDC');
    const plan = await uniswapV3Agent.plan(ctx, swap(ETH, usdc, exactly(parseEther('1'))));
    expect(plan.quote?.route).toEqual(['ETH', 'USDC']);
    expect(plan.summary).toContain('0.05% pool');
    expect(plan.calls).toHaveLength(1);
    const { args } = decodeFunctionData({ abi: v3RouterAbi, data: plan.calls[0]!.data });
    expect(args[0]).toMatchObject({ fee: 500, recipient: ctx.account, amountIn: parseEther('1'), amountOutMinimum: (plan.quote!.amountOut! * 9950n) / 10_000n });
    const { result } = await ctx.client.simulateContract({
      address: ctx.contracts.uniswapV3Quoter!,
      abi: v3QuoterAbi,
      functionName: 'quoteExactInput',
      args: [encodePath([ctx.contracts.weth!, usdc.address as Address], [500]), parseEther('1')],
    });
    expect(plan.quote?.amountOut).toBe(result[0]);
    expect(plan.quote!.priceImpactBps).toBeGreaterThanOrEqual(5);
    const before = { eth: await balanceOf(ETH), usdc: await balanceOf(usdc) };
    const receipts = await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(usdc)) - before.usdc).toBe(plan.quote!.amountOut);
    expect(before.eth - (await balanceOf(ETH)) - gasOf(receipts)).toBe(parseEther('1'));
  });

  test('multi-hop exact-out: buying 100 DAI with USDC goes through WETH, approves the exact maximum, and receives exactly 100 DAI', async () => {
    const [usdc, dai] = [token('USDC'), token('DAI')];
    const plan = await uniswapV3Agent.plan(ctx, swap(usdc, dai, { amountOut: parseEther('100') }));
    expect(plan.quote?.route).toEqual(['USDC', 'WETH', 'DAI']);
    expect(plan.calls).toHaveLength(2);
    const maxIn = plan.expects.find((e) => e.direction === 'out')!;
    expect(maxIn).toMatchObject({ symbol: 'USDC', bound: 'atMost' });
    const before = { usdc: await balanceOf(usdc), dai: await balanceOf(dai) };
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(dai)) - before.dai).toBe(parseEther('100'));
    expect(before.usdc - (await balanceOf(usdc))).toBe(plan.quote!.amountIn);
  });

  test('ETH out: exact-in USDC → ETH and exact-out USDC → 0.1 ETH unwrap to the user, nothing left in the router', async () => {
    const usdc = token('USDC');
    const sell = await uniswapV3Agent.plan(ctx, swap(usdc, ETH, exactly(parseUnits('300', 6))));
    let before = await balanceOf(ETH);
    let receipts = await executePlan(devnet.rpcUrl, sell);
    expect((await balanceOf(ETH)) + gasOf(receipts) - before).toBe(sell.quote!.amountOut);
    const buy = await uniswapV3Agent.plan(await devnetContext(devnet), swap(usdc, ETH, { amountOut: parseEther('0.1') }));
    before = await balanceOf(ETH);
    receipts = await executePlan(devnet.rpcUrl, buy);
    expect((await balanceOf(ETH)) + gasOf(receipts) - before).toBe(parseEther('0.1'));
    const router = ctx.contracts.uniswapV3Router!;
    expect(await ctx.client.getBalance({ address: router })).toBe(0n);
    expect(await balanceOf(token('WETH'), router)).toBe(0n);
  });

  test('exact-out paid in ETH refunds the unused margin: the user pays the quote, the router keeps nothing', async () => {
    const usdc = token('USDC');
    const plan = await uniswapV3Agent.plan(ctx, swap(ETH, usdc, { amountOut: parseUnits('30', 6) }));
    expect(plan.calls[0]!.value).toBe(plan.expects.find((e) => e.direction === 'out')!.amount);
    const before = { eth: await balanceOf(ETH), usdc: await balanceOf(usdc) };
    const receipts = await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(usdc)) - before.usdc).toBe(parseUnits('30', 6));
    expect(before.eth - (await balanceOf(ETH)) - gasOf(receipts)).toBe(plan.quote!.amountIn);
    expect(await ctx.client.getBalance({ address: ctx.contracts.uniswapV3Router! })).toBe(0n);
  });

  test('behavior: the best venue depends on size — V3 quotes more than both V2 venues for 1 ETH, less than the fork for 60 ETH', async () => {
    const usdc = token('USDC');
    const quotes = async (amount: bigint) => {
      const intent = swap(ETH, usdc, exactly(amount));
      const [v3, uni, fork] = await Promise.all([uniswapV3Agent.plan(ctx, intent), uniswapV2Agent.plan(ctx, intent), v2ForkAgent.plan(ctx, intent)]);
      return { v3: v3.quote!.amountOut!, v2: [uni.quote!.amountOut!, fork.quote!.amountOut!] };
    };
    const small = await quotes(parseEther('1'));
    expect(small.v2.every((q) => small.v3 > q)).toBe(true);
    const large = await quotes(parseEther('60'));
    expect(large.v2[1]! > large.v3).toBe(true);
  });
});

describe('errors', () => {
  test('SAME_TOKEN, NO_ROUTE (stETH has no V3 pool), VENUE_NOT_DEPLOYED', async () => {
    const same = await uniswapV3Agent.plan(ctx, swap(ETH, token('WETH'), exactly(1n))).catch((e: unknown) => e);
    expect(same).toBeInstanceOf(InputError);
    expect((same as InputError).code).toBe('SAME_TOKEN');
    await expect(uniswapV3Agent.plan(ctx, swap(token('stETH'), token('USDC'), exactly(parseEther('1'))))).rejects.toMatchObject({ code: 'NO_ROUTE' });
    const nowhere = createV3SwapAgent({ id: 'nowhere', venueName: 'Nowhere', factoryKey: 'x', routerKey: 'y', quoterKey: 'z' });
    expect(nowhere.supports?.(ctx)).toBe(false);
    expect(uniswapV3Agent.supports?.(ctx)).toBe(true);
  });
});
