import { createTestClient, encodeFunctionData, erc20Abi, http, isAddressEqual, parseEther, parseUnits, type Address } from 'viem';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { InputError, type AgentContext, type Plan, type ResolvedIntent, type TokenInfo } from '../../kernel/index.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import { createV2SwapAgent, uniswapV2Agent, v2ForkAgent, v2RouterAbi } from './agent.js';
import { getAmountIn, getAmountOut, getAmountsIn, getAmountsOut, priceImpactBps } from './v2math.js';

const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const account1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

let devnet: TestDevnet;
let ctx: AgentContext;
let snapshot: `0x${string}`;
const token = (symbol: string): TokenInfo => {
  const found = devnet.deployment.tokens.find((t) => t.symbol === symbol);
  if (!found) throw new Error(`no ${symbol} on the devnet`);
  return { ...found, verified: true };
};
const testClient = () => createTestClient({ mode: 'anvil', transport: http(devnet.rpcUrl) });
const balanceOf = (asset: TokenInfo, owner: Address = ctx.account) =>
  asset.address === 'ETH'
    ? ctx.client.getBalance({ address: owner })
    : ctx.client.readContract({ address: asset.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
const swap = (token: TokenInfo, tokenOut: TokenInfo, amounts: Pick<ResolvedIntent, 'amount' | 'amountOut'>, extra: Partial<ResolvedIntent> = {}): ResolvedIntent => ({
  action: 'swap',
  token,
  tokenOut,
  slippageBps: 50,
  ...amounts,
  ...extra,
});
// The router path of a plan: its quote's route symbols as addresses (ETH is WETH in V2 paths).
const pathOf = (plan: Plan): Address[] =>
  (plan.quote?.route ?? []).map((symbol) => (symbol === 'ETH' ? devnet.deployment.contracts.weth! : token(symbol).address) as Address);
const gasOf = (receipts: Awaited<ReturnType<typeof executePlan>>) => receipts.reduce((sum, r) => sum + r.gasUsed * r.effectiveGasPrice, 0n);

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
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

describe('v2math', () => {
  test('getAmountOut and getAmountIn follow UniswapV2Library', () => {
    const reserves = { reserveIn: 100n * 10n ** 18n, reserveOut: 300_000n * 10n ** 6n };
    const out = getAmountOut(10n ** 18n, reserves)!;
    expect(out).toBe((10n ** 18n * 997n * reserves.reserveOut) / (reserves.reserveIn * 1000n + 10n ** 18n * 997n));
    // Paying getAmountIn(out) must yield at least out: the +1 rounds in the pool's favour.
    const needed = getAmountIn(out, reserves)!;
    expect(getAmountOut(needed, reserves)! >= out).toBe(true);
    expect(getAmountIn(reserves.reserveOut, reserves)).toBeUndefined();
    expect(getAmountsOut(0n, [reserves])).toBeUndefined();
    expect(getAmountsIn(1n, [reserves, reserves])).toHaveLength(3);
  });

  test('priceImpactBps: a tiny trade pays about the 0.3% fee, a large one much more', () => {
    const reserves = { reserveIn: 10n ** 24n, reserveOut: 10n ** 24n };
    const small = 10n ** 15n;
    expect(priceImpactBps(small, getAmountOut(small, reserves)!, [reserves])).toBe(30);
    const large = 10n ** 23n;
    expect(priceImpactBps(large, getAmountOut(large, reserves)!, [reserves])).toBeGreaterThan(900);
  });
});

describe('uniswap-v2 on the devnet', () => {
  test('default: exact-in ETH → USDC quotes what router.getAmountsOut says and receives it', async () => {
    const usdc = token('USDC');
    const amountIn = parseEther('1');
    const plan = await uniswapV2Agent.plan(ctx, swap(ETH, usdc, { amount: { kind: 'exact', value: amountIn } }));
    expect(plan.quote?.route).toEqual(['ETH', 'USDC']);
    expect(plan.calls).toHaveLength(1);
    const onChain = await ctx.client.readContract({
      address: ctx.contracts.uniswapV2Router!,
      abi: v2RouterAbi,
      functionName: 'getAmountsOut',
      args: [amountIn, pathOf(plan)],
    });
    expect(plan.quote?.amountOut).toBe(onChain[onChain.length - 1]);
    const minOut = plan.expects.find((e) => e.direction === 'in')!;
    expect(minOut).toMatchObject({ symbol: 'USDC', bound: 'atLeast' });
    expect(minOut.amount).toBe((plan.quote!.amountOut! * 9950n) / 10_000n);
    expect(plan.expects.find((e) => e.direction === 'out')).toMatchObject({ token: 'ETH', amount: amountIn, bound: 'exact' });

    const before = { eth: await balanceOf(ETH), usdc: await balanceOf(usdc) };
    const receipts = await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(usdc)) - before.usdc).toBe(plan.quote!.amountOut);
    expect(before.eth - (await balanceOf(ETH)) - gasOf(receipts)).toBe(amountIn);
  });

  test('exact-out: buying 100 DAI with USDC approves the exact maximum and receives exactly 100 DAI', async () => {
    const [usdc, dai] = [token('USDC'), token('DAI')];
    const amountOut = parseUnits('100', 18);
    const plan = await uniswapV2Agent.plan(ctx, swap(usdc, dai, { amountOut }));
    expect(plan.calls).toHaveLength(2);
    const maxIn = plan.expects.find((e) => e.direction === 'out')!;
    expect(maxIn).toMatchObject({ symbol: 'USDC', bound: 'atMost' });
    expect(plan.calls[0]!.data).toBe(encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [ctx.contracts.uniswapV2Router!, maxIn.amount] }));
    const onChain = await ctx.client.readContract({
      address: ctx.contracts.uniswapV2Router!,
      abi: v2RouterAbi,
      functionName: 'getAmountsIn',
      args: [amountOut, pathOf(plan)],
    });
    expect(plan.quote?.amountIn).toBe(onChain[0]);

    const before = { usdc: await balanceOf(usdc), dai: await balanceOf(dai) };
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(dai)) - before.dai).toBe(amountOut);
    const spent = before.usdc - (await balanceOf(usdc));
    expect(spent).toBe(plan.quote!.amountIn);
    expect(spent <= maxIn.amount).toBe(true);
  });

  test('ETH out: exact-in USDC → ETH and exact-out USDC → 0.1 ETH both settle in ETH', async () => {
    const usdc = token('USDC');
    const sell = await uniswapV2Agent.plan(ctx, swap(usdc, ETH, { amount: { kind: 'exact', value: parseUnits('300', 6) } }));
    let before = await balanceOf(ETH);
    let receipts = await executePlan(devnet.rpcUrl, sell);
    expect((await balanceOf(ETH)) + gasOf(receipts) - before).toBe(sell.quote!.amountOut);

    const buy = await uniswapV2Agent.plan(await devnetContext(devnet), swap(usdc, ETH, { amountOut: parseEther('0.1') }));
    before = await balanceOf(ETH);
    receipts = await executePlan(devnet.rpcUrl, buy);
    expect((await balanceOf(ETH)) + gasOf(receipts) - before).toBe(parseEther('0.1'));
  });

  test('exact-out with ETH in refunds the unused slippage margin', async () => {
    const usdc = token('USDC');
    const plan = await uniswapV2Agent.plan(ctx, swap(ETH, usdc, { amountOut: parseUnits('30', 6) }));
    expect(plan.calls[0]!.value).toBe(plan.expects.find((e) => e.direction === 'out')!.amount);
    const before = { eth: await balanceOf(ETH), usdc: await balanceOf(usdc) };
    const receipts = await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(usdc)) - before.usdc).toBe(parseUnits('30', 6));
    expect(before.eth - (await balanceOf(ETH)) - gasOf(receipts)).toBe(plan.quote!.amountIn);
  });

  test('multi-hop: stETH → USDC has no direct pool and goes through WETH, as the router quotes it', async () => {
    const [steth, usdc] = [token('stETH'), token('USDC')];
    const amountIn = parseEther('1');
    const plan = await uniswapV2Agent.plan(ctx, swap(steth, usdc, { amount: { kind: 'exact', value: amountIn } }));
    expect(plan.quote?.route).toEqual(['stETH', 'WETH', 'USDC']);
    expect(plan.summary).toContain('via WETH');
    const onChain = await ctx.client.readContract({
      address: ctx.contracts.uniswapV2Router!,
      abi: v2RouterAbi,
      functionName: 'getAmountsOut',
      args: [amountIn, pathOf(plan)],
    });
    expect(plan.quote?.amountOut).toBe(onChain[2]);
    const before = await balanceOf(usdc);
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(usdc)) - before).toBe(plan.quote!.amountOut);
  });

  test('behavior: the two venues compete — the deeper fork pays more USDC for 1 ETH', async () => {
    const intent = swap(ETH, token('USDC'), { amount: { kind: 'exact', value: parseEther('1') } });
    const [uni, fork] = await Promise.all([uniswapV2Agent.plan(ctx, intent), v2ForkAgent.plan(ctx, intent)]);
    expect(fork.quote?.venue).toBe('v2-fork');
    expect(uni.quote?.venue).toBe('uniswap-v2');
    expect(fork.quote!.amountOut! > uni.quote!.amountOut!).toBe(true);
    expect(fork.calls[0]!.to).toBe(ctx.contracts.forkV2Router);
    const before = await balanceOf(token('USDC'));
    await executePlan(devnet.rpcUrl, fork);
    expect((await balanceOf(token('USDC'))) - before).toBe(fork.quote!.amountOut);
  });

  test('behavior: slippage exceeded — after another account moves the price, the planned swap reverts', async () => {
    const usdc = token('USDC');
    const plan = await uniswapV2Agent.plan(ctx, swap(ETH, usdc, { amount: { kind: 'exact', value: parseEther('1') } }));
    const call = plan.calls[0]!;
    // The plan passes a simulation now…
    await ctx.client.call({ account: ctx.account, to: call.to, data: call.data, value: call.value });
    // …then account #1 sells 10 ETH into the same pool.
    const mover = await uniswapV2Agent.plan({ ...ctx, account: account1 }, swap(ETH, usdc, { amount: { kind: 'exact', value: parseEther('10') } }));
    await executePlan(devnet.rpcUrl, mover, 1);
    await expect(ctx.client.call({ account: ctx.account, to: call.to, data: call.data, value: call.value })).rejects.toThrow(
      /INSUFFICIENT_OUTPUT_AMOUNT/,
    );
  });

  test('approval: exact by default, unlimited only when asked, none when the allowance suffices', async () => {
    const [dai, usdc] = [token('DAI'), token('USDC')];
    const intent = swap(dai, usdc, { amount: { kind: 'exact', value: parseEther('50') } });
    const exact = await uniswapV2Agent.plan(ctx, intent);
    expect(exact.calls[0]!.data).toBe(encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [ctx.contracts.uniswapV2Router!, parseEther('50')] }));
    const unlimited = await uniswapV2Agent.plan(ctx, { ...intent, unlimited: true });
    expect(unlimited.calls[0]!.description).toContain('unlimited DAI');
    await executePlan(devnet.rpcUrl, unlimited);
    const again = await uniswapV2Agent.plan(await devnetContext(devnet), intent);
    expect(again.calls).toHaveLength(1);
    expect(isAddressEqual(again.calls[0]!.to, ctx.contracts.uniswapV2Router!)).toBe(true);
  });

  test('amount: "all" ETH keeps 0.01 ETH for gas and says so; 50% of USDC is half the balance', async () => {
    const all = await uniswapV2Agent.plan(ctx, swap(ETH, token('USDC'), { amount: { kind: 'all' } }));
    expect(all.quote!.amountIn).toBe((await balanceOf(ETH)) - parseEther('0.01'));
    expect(all.summary).toContain('keeping 0.01 ETH for gas');
    const half = await uniswapV2Agent.plan(ctx, swap(token('USDC'), token('DAI'), { amount: { kind: 'percent', bps: 5000 } }));
    expect(half.quote!.amountIn).toBe((await balanceOf(token('USDC'))) / 2n);
  });

  test('deadline is the plan block time + 20 minutes and the output goes to the user', async () => {
    const plan = await uniswapV2Agent.plan(ctx, swap(ETH, token('DAI'), { amount: { kind: 'exact', value: parseEther('0.5') } }));
    const data = plan.calls[0]!.data.toLowerCase();
    expect(data).toContain((ctx.now + 1200n).toString(16).padStart(64, '0'));
    expect(data).toContain(ctx.account.slice(2).toLowerCase());
  });
});

describe('errors', () => {
  test('SAME_TOKEN: ETH for WETH is a wrap, not a swap', async () => {
    const error = await uniswapV2Agent.plan(ctx, swap(ETH, token('WETH'), { amount: { kind: 'exact', value: 1n } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('SAME_TOKEN');
    expect((error as InputError).hints[0]).toMatch(/wrap/);
  });

  test('NO_ROUTE: more USDC than every path holds', async () => {
    const error = await uniswapV2Agent.plan(ctx, swap(ETH, token('USDC'), { amountOut: parseUnits('900000', 6) })).catch((e: unknown) => e);
    expect((error as InputError).code).toBe('NO_ROUTE');
    expect((error as InputError).shortMessage).toMatchInlineSnapshot(`"no Uniswap V2 route from ETH to USDC can fill this amount"`);
  });

  test('VENUE_NOT_DEPLOYED / supports: a venue missing from the deployment is not supported', async () => {
    const agent = createV2SwapAgent({ id: 'nowhere', venueName: 'Nowhere', factoryKey: 'nowhereFactory', routerKey: 'nowhereRouter' });
    expect(agent.supports?.(ctx)).toBe(false);
    expect(uniswapV2Agent.supports?.(ctx)).toBe(true);
    await expect(agent.plan(ctx, swap(ETH, token('USDC'), { amount: { kind: 'exact', value: 1n } }))).rejects.toMatchObject({ code: 'VENUE_NOT_DEPLOYED' });
  });

  test('BAD_INTENT: both amount and amountOut', async () => {
    await expect(
      uniswapV2Agent.plan(ctx, swap(ETH, token('USDC'), { amount: { kind: 'exact', value: 1n }, amountOut: 1n })),
    ).rejects.toMatchObject({ code: 'BAD_INTENT' });
  });
});
