import { createTestClient, decodeFunctionData, encodeFunctionData, erc20Abi, http, maxUint256, multicall3Abi, parseEther, parseUnits, type Address, type PublicClient } from 'viem';
import { NonfungiblePositionManager } from '../../registry-contracts/artifacts.js';
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

describe('quotes', () => {
  /** The agent's context with its reads counted: how many quotes each read that carried any carried. */
  const counting = (base: AgentContext) => {
    const quotes: number[] = [];
    const client = base.client as PublicClient;
    const readContract = ((parameters: Parameters<PublicClient['readContract']>[0]) => {
      if (parameters.functionName === 'aggregate3') {
        const reads = (parameters.args as readonly [readonly { target: Address }[]])[0];
        const quoted = reads.filter((read) => read.target.toLowerCase() === base.contracts.uniswapV3Quoter!.toLowerCase()).length;
        if (quoted) quotes.push(quoted);
      } else if (parameters.address.toLowerCase() === base.contracts.uniswapV3Quoter!.toLowerCase()) quotes.push(1); // one read alone: no aggregate
      return client.readContract(parameters);
    }) as PublicClient['readContract'];
    return { ctx: { ...base, client: { ...client, readContract } as PublicClient }, quotes };
  };

  test('behavior: a route through a pool the factory said is not there is not quoted again, until that pool exists; then it is, in a second read', async () => {
    expect(multicall3Abi.some((item) => item.type === 'function' && item.name === 'aggregate3')).toBe(true);
    const [usdc, dai] = [token('USDC'), token('DAI')];
    const intent = swap(usdc, dai, exactly(parseUnits('100', 6)));
    const first = counting(ctx);
    const before = await uniswapV3Agent.plan(first.ctx, intent);
    const again = counting(ctx);
    const repeat = await uniswapV3Agent.plan(again.ctx, intent);
    // The devnet's V3 pools are WETH/USDC and WETH/DAI at 0.05% and 0.3%: four routes through WETH exist, out of 20
    // (4 direct fee tiers, 16 through WETH). The first search (this process may have seen none of them) quoted each
    // route it did not know to be absent; the repeat quotes only the four, in one read, and finds the same route.
    expect(first.quotes.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(4);
    expect(again.quotes).toEqual([4]);
    expect(repeat.quote).toEqual(before.quote);
    expect(repeat.quote?.route).toEqual(['USDC', 'WETH', 'DAI']);

    // A 1% USDC/DAI pool appears, pricing USDC 2% above DAI: it beats two hops through WETH (which lose ~0.7%).
    const positions = ctx.contracts.uniswapV3PositionManager as Address;
    const usdcIs0 = (usdc.address as Address).toLowerCase() < (dai.address as Address).toLowerCase();
    const [token0, token1] = usdcIs0 ? [usdc.address as Address, dai.address as Address] : [dai.address as Address, usdc.address as Address];
    // Raw price, token1 per token0 in base units: 1.02e12 DAI units per USDC unit, or its inverse.
    const sqrtPriceX96 = usdcIs0 ? sqrt((2n ** 192n * 102n * 10n ** 10n)) : sqrt((2n ** 192n * 100n) / (102n * 10n ** 12n));
    const [amount0, amount1] = usdcIs0 ? [parseUnits('10000', 6), parseEther('10000')] : [parseEther('10000'), parseUnits('10000', 6)];
    const call = (to: Address, data: `0x${string}`) => ({ to, data, value: 0n, description: 'test setup' });
    await executePlan(devnet.rpcUrl, {
      calls: [
        call(usdc.address as Address, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [positions, maxUint256] })),
        call(dai.address as Address, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [positions, maxUint256] })),
        call(positions, encodeFunctionData({ abi: NonfungiblePositionManager.abi, functionName: 'createAndInitializePoolIfNecessary', args: [token0, token1, 10_000, sqrtPriceX96] })),
        call(
          positions,
          encodeFunctionData({
            abi: NonfungiblePositionManager.abi,
            functionName: 'mint',
            args: [{ token0, token1, fee: 10_000, tickLower: -887200, tickUpper: 887200, amount0Desired: amount0, amount1Desired: amount1, amount0Min: 0n, amount1Min: 0n, recipient: ctx.account, deadline: ctx.now + 3600n }],
          }),
        ),
      ],
    });
    const after = counting(await devnetContext(devnet));
    const plan = await uniswapV3Agent.plan(after.ctx, intent);
    // The four known routes first; the new direct pool's route once its pool is seen (the other direct tiers are still absent).
    expect(after.quotes).toEqual([4, 1]);
    expect(plan.quote?.route).toEqual(['USDC', 'DAI']);
    expect(plan.summary).toContain('1% pool');
    const { result } = await ctx.client.simulateContract({
      address: ctx.contracts.uniswapV3Quoter!,
      abi: v3QuoterAbi,
      functionName: 'quoteExactInput',
      args: [encodePath([usdc.address as Address, dai.address as Address], [10_000]), parseUnits('100', 6)],
    });
    expect(plan.quote?.amountOut).toBe(result[0]);
  });
});

function sqrt(value: bigint): bigint {
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) [x, y] = [y, (y + value / y) / 2n];
  return x;
}

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
