/**
 * Lucid's own bound on a swap routed as a split: what the plan guarantees when it is mined is the sum of the
 * minimums of its legs that end in the output token. Real devnet, real Uniswap V2 router, real simulation; the
 * bound is computed here from the router's own `getAmountsOut`, not from Lucid's math.
 */
import { encodeFunctionData, parseEther, parseUnits, type Address, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devnetContext } from '../../../agents/sdk/testing.js';
import { formatUnitsHuman, type AgentContext, type PlanCall, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { createClients } from '../chain/clients.js';
import { countRequests } from '../chain/countRequests.js';
import { devnetPoolHashesByFactory } from '../devnet/poolInitCodeHashes.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { simulatePlan } from '../simulate/simulatePlan.js';
import { checkSwapBounds } from './checkSwapBounds.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let USDC: TokenInfo;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const slippageBps = 50;
const sold = parseEther('2');

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  USDC = ctx.tokens!.find((token) => token.symbol === 'USDC')!;
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

const intent = (): ResolvedIntent => ({ action: 'swap', amount: { kind: 'exact', value: sold }, token: ETH, tokenOut: USDC, slippageBps });

/** One leg of the split: half the ETH through the V2 router, paid to the user, with its own minimum. */
const leg = (amountOutMin: bigint): PlanCall => ({
  to: ctx.contracts.uniswapV2Router!,
  data: encodeFunctionData({
    abi: UniswapV2Router02.abi,
    functionName: 'swapExactETHForTokens',
    args: [amountOutMin, [ctx.contracts.weth!, USDC.address as Address], ctx.account, ctx.now + 1200n],
  }),
  value: sold / 2n,
  description: 'Swap half the ETH for USDC on Uniswap V2',
});

/** The venue's own quote for `amount` ETH, from the router. */
async function quote(amount: bigint): Promise<bigint> {
  const amounts = await ctx.client.readContract({
    address: ctx.contracts.uniswapV2Router!,
    abi: UniswapV2Router02.abi,
    functionName: 'getAmountsOut',
    args: [amount, [ctx.contracts.weth!, USDC.address as Address]],
  });
  return amounts[1]!;
}
const lessSlippage = (amount: bigint) => (amount * BigInt(10_000 - slippageBps)) / 10_000n;

/**
 * The user's bound for the whole 2 ETH (the quote less the 0.5% slippage limit), and a first leg's minimum that
 * looks right on its own: its own quote for 1 ETH less the same slippage. The second leg trades after the first
 * moved the price, so its fair minimum is the rest of the bound.
 */
async function split() {
  const bound = lessSlippage(await quote(sold));
  const first = lessSlippage(await quote(sold / 2n));
  return { bound, first, rest: bound - first };
}

async function check(calls: PlanCall[]) {
  const report = await simulatePlan(ctx.client, { account: ctx.account, calls, tokens: [ETH, ...ctx.tokens!] });
  expect(report.ok).toBe(true);
  return checkSwapBounds(ctx.client, { report, steps: [{ intent: intent(), plan: { calls } }], contracts: ctx.contracts, knownTokens: [ETH, ...ctx.tokens!], account: ctx.account });
}

describe('checkSwapBounds, a route split into legs', () => {
  test('behavior: legs whose minimums each look fine but sum below the bound are refused, naming the sum', async () => {
    const { bound, first, rest } = await split();
    // One base unit short in total: the first leg at its own 99.5%, the second at the rest of the bound less 1.
    const { violations } = await check([leg(first), leg(rest - 1n)]);
    expect(violations.map((v) => v.code)).toEqual(['MINIMUM_BELOW_BOUND']);
    expect(violations[0]!.message).toContain(`accepts as little as ${formatUnitsHuman(bound - 1n, 6)} USDC when it is mined`);
    expect(violations[0]!.message).toContain(`the least acceptable is ${formatUnitsHuman(bound, 6)} USDC`);
  }, 60_000);

  test('behavior: legs whose minimums sum to the bound pass, though neither alone reaches it', async () => {
    const { bound, first, rest } = await split();
    expect(first).toBeLessThan(bound);
    expect(rest).toBeLessThan(bound);
    const { violations, quotes } = await check([leg(first), leg(rest)]);
    expect(violations).toEqual([]);
    expect(quotes[0]?.bound).toBe(bound);
  }, 60_000);

  test('behavior: a leg ending in another token adds nothing to the guarantee', async () => {
    const { first } = await split();
    // Half of the ETH goes through DAI: its minimum is in DAI and is not USDC the plan guarantees.
    const dai = ctx.tokens!.find((token) => token.symbol === 'DAI')!.address as Address;
    const toDai: PlanCall = {
      ...leg(0n),
      data: encodeFunctionData({
        abi: UniswapV2Router02.abi,
        functionName: 'swapExactETHForTokens',
        args: [parseUnits('1', 18), [ctx.contracts.weth!, dai], ctx.account, ctx.now + 1200n],
      }),
    };
    const { violations } = await check([leg(first), toDai]);
    expect(violations.map((v) => v.code)).toContain('MINIMUM_BELOW_BOUND');
  }, 60_000);
});

describe('checkSwapBounds with the pairs found by CREATE2', () => {
  const getPair = '0xe6a43905';
  const run = async (calls: PlanCall[], pairInitCodeHashes?: ReadonlyMap<string, `0x${string}`>) => {
    const report = await simulatePlan(ctx.client, { account: ctx.account, calls, tokens: [ETH, ...ctx.tokens!] });
    // The session's client on its devnet: reads made together share one round trip.
    const client = createClients({ rpcUrl: devnet.rpcUrl, batch: true }).publicClient as unknown as PublicClient;
    const counter = countRequests();
    try {
      const result = await checkSwapBounds(client, { report, steps: [{ intent: intent(), plan: { calls } }], contracts: ctx.contracts, knownTokens: [ETH, ...ctx.tokens!], account: ctx.account, pairInitCodeHashes });
      return { result, traffic: counter.take() };
    } finally {
      counter.restore();
    }
  };

  test('behavior: the same quotes and refusals as asking the factory, without getPair and in a round trip fewer', async () => {
    const { first, rest } = await split();
    const hashes = devnetPoolHashesByFactory(ctx.contracts).v2;
    for (const calls of [[leg(first), leg(rest)], [leg(first), leg(rest - 1n)]]) {
      const asked = await run(calls);
      const derived = await run(calls, hashes);
      expect(derived.result).toEqual(asked.result);
      expect(asked.traffic.ethCalls.some((call) => call.endsWith(getPair))).toBe(true);
      expect(derived.traffic.ethCalls.some((call) => call.endsWith(getPair))).toBe(false);
      expect(derived.traffic.roundTrips).toBe(asked.traffic.roundTrips - 1);
    }
  }, 60_000);

  test('behavior: a wrong init code hash finds no pool, so there is no independent price and the swap is refused', async () => {
    const { first, rest } = await split();
    const wrong = new Map([...devnetPoolHashesByFactory(ctx.contracts).v2.keys()].map((factory) => [factory, `0x${'11'.repeat(32)}` as const]));
    const { result } = await run([leg(first), leg(rest)], wrong);
    expect(result.quotes).toEqual([undefined]);
    expect(result.violations.map((v) => v.code)).toEqual(['NO_INDEPENDENT_PRICE']);
  }, 60_000);
});
