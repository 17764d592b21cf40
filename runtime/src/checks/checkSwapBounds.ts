/**
 * Independent amounts (issue 13, guarantee 5): the least a swap may pay and its price impact are Lucid's own
 * numbers, computed from the venue's state, never the agent's. For every swap step:
 *
 * - the reference quote is read from chain at the simulated block: the pools of the venue the plan trades on (a
 *   known router's own factory), or, when the plan uses a contract of the agent's own, the best quote among the
 *   deployment's venues; direct and through WETH or USDC — Uniswap-V2-style pools with UniswapV2Library's exact
 *   math, Uniswap V3 pools (every fee tier) through the deployment's own QuoterV2 for that factory;
 * - the bound is the reference less the user's slippage limit (the default limit when they named none);
 * - the simulated output must reach the bound (`OUTPUT_BELOW_MARKET`), and a guaranteed minimum the plan passes
 *   to a known router (V2 `amountOutMin`, V3 `amountOutMinimum`, also inside a `multicall`) must not be below it (`MINIMUM_BELOW_BOUND`): a minimum of one base unit
 *   leaves the trade to whoever moves the price first. Exact-output swaps are bounded the same way on the input.
 *
 * Where no pool of a known venue quotes the pair there is no reference (`NO_INDEPENDENT_PRICE`): refused when the
 * user named no slippage limit; with one, returned in `unpriced` for a danger flag that `--yes` cannot pass.
 */
import { getAddress, isAddressEqual, parseAbi, zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { formatUnitsHuman, type Plan, type PlanCall, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { bestV3Route, getAmountsIn, getAmountsOut, priceImpactBps, v2PairAddress, v3PriceImpactBps, type Reserves } from '../../../agents/index.js';
import { SwapRouter, UniswapV2Router02 } from '../../../registry-contracts/index.js';
import type { SimulationReport } from '../simulate/types.js';
import { decodeCall } from '../chain/decodeCall.js';
import { userDiff } from './checkAgentPromises.js';

export type SwapBoundViolation = { code: 'OUTPUT_BELOW_MARKET' | 'MINIMUM_BELOW_BOUND' | 'NO_INDEPENDENT_PRICE'; message: string };

/** Lucid's own quote for one swap step. */
export type MarketQuote = {
  /** Exact-in: the most the venue pays for `amountIn`; exact-out: the least it takes for `amountOut`. */
  amountIn: bigint;
  amountOut: bigint;
  /** The user's slippage bound applied: least output (exact-in) or most input (exact-out). */
  bound: bigint;
  exactIn: boolean;
  /** Price impact of the reference trade against the pools' mid price, bps. */
  impactBps: number;
};

export type CheckSwapBoundsParameters = {
  report: SimulationReport;
  /** Each step with its own simulated effect when there are several (`report` is then the whole sequence's). */
  steps: readonly {
    intent: ResolvedIntent;
    plan: Pick<Plan, 'calls' | 'fees'>;
    report?: SimulationReport | undefined;
    /** Whether the user's words named the slippage limit (else the default applies). */
    slippageNamed?: boolean | undefined;
  }[];
  /** The deployment's protocol contracts by name (`weth`, the V2 and V3 factories and routers, V3 quoters). */
  contracts: Record<string, Address>;
  knownTokens: readonly TokenInfo[];
  account: Address;
  /**
   * V2 factories (lower-case) → the init code hash of the pairs they create, where known (the devnet's, from the
   * shipped artifacts): their pairs are found by CREATE2 instead of asking `getPair`, a round trip fewer.
   */
  pairInitCodeHashes?: ReadonlyMap<string, Hex> | undefined;
};

const factoryAbi = parseAbi([
  'function getPair(address, address) view returns (address)',
  'function getReserves() view returns (uint112, uint112, uint32)',
  'function token0() view returns (address)',
  'function factory() view returns (address)',
]);

/** A Uniswap V3 factory's quoter: the deployment's contracts named like "…Quoter", by the factory they quote. */
async function v3QuotersOf(client: PublicClient, contracts: Record<string, Address>, blockNumber: bigint): Promise<Map<string, Address>> {
  const quoters = new Map<string, Address>();
  const named = Object.entries(contracts).filter(([name]) => /quoter/i.test(name));
  // Asked together, then taken in the deployment's order (a later quoter of the same factory wins, as before).
  const factories = await Promise.all(named.map(([, address]) => client.readContract({ address, abi: factoryAbi, functionName: 'factory', blockNumber }).catch(() => undefined)));
  named.forEach(([, address], i) => {
    const factory = factories[i];
    if (factory) quoters.set(factory.toLowerCase(), address);
  });
  return quoters;
}

/**
 * @returns One violation per broken bound, and Lucid's quote per swap step (undefined where no venue quotes it).
 * @example
 * const { violations } = await checkSwapBounds(client, { report, steps, contracts, knownTokens, account })
 */
export async function checkSwapBounds(
  client: PublicClient,
  params: CheckSwapBoundsParameters,
): Promise<{ violations: SwapBoundViolation[]; quotes: (MarketQuote | undefined)[]; unpriced: string[] }> {
  const { report, steps, contracts, account } = params;
  const violations: SwapBoundViolation[] = [];
  const quotes: (MarketQuote | undefined)[] = [];
  const unpriced: string[] = [];
  // The deployment's quoters are read once, while the first step reads its routers' factories.
  const swaps = steps.some(({ intent }) => intent.action === 'swap' && intent.token && intent.tokenOut);
  const v3Quoters = swaps ? v3QuotersOf(client, contracts, report.blockNumber) : undefined;
  for (const { intent, plan, report: own, slippageNamed } of steps) {
    const mine = own ?? report;
    if (intent.action !== 'swap' || !intent.token || !intent.tokenOut) {
      quotes.push(undefined);
      continue;
    }
    const tokenIn = intent.token;
    const tokenOut = intent.tokenOut;
    const routerCalls = plan.calls.flatMap((call) =>
      Object.values(contracts).some((address) => isAddressEqual(address, call.to)) ? decodeRouterCalls(call.data).map((decoded) => ({ call, decoded })) : [],
    );
    // The venue's own state: a known router's factory; else every known venue, best first.
    const factories = routerCalls.length
      ? [...new Set(await Promise.all(routerCalls.map(({ call }) => readFactory(client, call.to, report.blockNumber))))].filter((f): f is Address => Boolean(f))
      : Object.entries(contracts)
          .filter(([name]) => /factory/i.test(name))
          .map(([, address]) => address);
    const exactIn = intent.amountOut === undefined;
    // Only the usage fees the review shows (the runtime's own): ETH an agent pays to the ledger itself is spent on the swap.
    const fees = (plan.fees ?? []).reduce((sum, fee) => sum + fee.amount, 0n);
    const spent = -userDiff(mine, account, tokenIn.address) - (tokenIn.address === 'ETH' ? fees : 0n);
    const amountIn = intent.amount?.kind === 'exact' ? intent.amount.value : spent;
    const quote = await quoteMarket(client, {
      factories,
      v3Quoters: await v3Quoters,
      weth: contracts.weth,
      tokenIn,
      tokenOut,
      knownTokens: params.knownTokens,
      exactIn,
      amount: exactIn ? amountIn : intent.amountOut!,
      slippageBps: intent.slippageBps,
      blockNumber: report.blockNumber,
      pairInitCodeHashes: params.pairInitCodeHashes,
    });
    quotes.push(quote);
    if (!quote) {
      // No pool of a known venue prices the pair: the only price is the agent's own. Said plainly; without a
      // slippage limit the user named, refused; with one, a danger only a person at a terminal can accept.
      const pair = `${tokenIn.symbol} for ${tokenOut.symbol}`;
      const message = `no Uniswap V2 or V3 pool of the deployment prices ${pair}, so Lucid has no independent price: the only price is the agent's own`;
      if (slippageNamed) unpriced.push(`${message}; your ${intent.slippageBps / 100}% slippage limit applies to the agent's simulated output.`);
      else violations.push({ code: 'NO_INDEPENDENT_PRICE', message: `${message}. Name a slippage limit ("with 1% slippage") and confirm at a terminal to trade at it anyway` });
      continue;
    }
    const said = exactIn
      ? `swap ${formatUnitsHuman(amountIn, tokenIn.decimals)} ${tokenIn.symbol} for ${tokenOut.symbol}`
      : `buy ${formatUnitsHuman(intent.amountOut!, tokenOut.decimals)} ${tokenOut.symbol} with ${tokenIn.symbol}`;
    const slip = `${intent.slippageBps / 100}%`;
    if (exactIn) {
      const received = userDiff(mine, account, tokenOut.address);
      const market = `${formatUnitsHuman(quote.amountOut, tokenOut.decimals)} ${tokenOut.symbol}`;
      const least = `${formatUnitsHuman(quote.bound, tokenOut.decimals)} ${tokenOut.symbol}`;
      if (received < quote.bound)
        violations.push({
          code: 'OUTPUT_BELOW_MARKET',
          message: `${said}: the plan pays you ${formatUnitsHuman(received > 0n ? received : 0n, tokenOut.decimals)} ${tokenOut.symbol}; the venue's own pools pay ${market}, so with your ${slip} slippage limit you get at least ${least}`,
        });
      // What the plan guarantees when mined: the minimums of the legs that end in the output token, added up (a
      // route split across venues guarantees the sum of its legs). A plan whose legs do not name their output
      // token is held to the bound leg by leg, as strictly as before.
      const outAddress = tokenOut.address === 'ETH' ? contracts.weth : tokenOut.address;
      const minimums = routerCalls.filter(({ decoded }) => decoded.amountOutMin !== undefined);
      const finalLegs = minimums.filter(({ decoded }) => decoded.tokenOut !== undefined && outAddress !== undefined && isAddressEqual(decoded.tokenOut, outAddress));
      const guarantees =
        finalLegs.length > 0 && minimums.every(({ decoded }) => decoded.tokenOut !== undefined)
          ? [finalLegs.reduce((sum, { decoded }) => sum + decoded.amountOutMin!, 0n)]
          : minimums.map(({ decoded }) => decoded.amountOutMin!);
      for (const guaranteed of guarantees)
        if (guaranteed < quote.bound)
          violations.push({
            code: 'MINIMUM_BELOW_BOUND',
            message: `${said}: the plan accepts as little as ${formatUnitsHuman(guaranteed, tokenOut.decimals)} ${tokenOut.symbol} when it is mined; the venue's own pools pay ${market}, so with your ${slip} slippage limit the least acceptable is ${least}`,
          });
    } else {
      const most = `${formatUnitsHuman(quote.bound, tokenIn.decimals)} ${tokenIn.symbol}`;
      if (spent > quote.bound)
        violations.push({
          code: 'OUTPUT_BELOW_MARKET',
          message: `${said}: the plan takes ${formatUnitsHuman(spent, tokenIn.decimals)} ${tokenIn.symbol}; the venue's own pools take ${formatUnitsHuman(quote.amountIn, tokenIn.decimals)} ${tokenIn.symbol}, so with your ${slip} slippage limit at most ${most}`,
        });
      for (const { call, decoded } of routerCalls) {
        const maxIn = decoded.amountInMax ?? (decoded.exactOut ? call.value : undefined);
        if (maxIn !== undefined && maxIn > quote.bound)
          violations.push({
            code: 'MINIMUM_BELOW_BOUND',
            message: `${said}: the plan accepts paying up to ${formatUnitsHuman(maxIn, tokenIn.decimals)} ${tokenIn.symbol} when it is mined; with your ${slip} slippage limit the most acceptable is ${most}`,
          });
      }
    }
  }
  return { violations, quotes, unpriced };
}

type QuoteMarketParameters = {
  factories: readonly Address[];
  /** V3 factories (lower-case) → the QuoterV2 that quotes their pools; other factories are V2-style. */
  v3Quoters?: ReadonlyMap<string, Address> | undefined;
  weth: Address | undefined;
  tokenIn: TokenInfo;
  tokenOut: TokenInfo;
  knownTokens: readonly TokenInfo[];
  exactIn: boolean;
  amount: bigint;
  slippageBps: number;
  blockNumber: bigint;
  /** See {@link CheckSwapBoundsParameters.pairInitCodeHashes}. */
  pairInitCodeHashes?: ReadonlyMap<string, Hex> | undefined;
};

/** The best quote of the given factories' pools (V2-style, or V3 through its quoter): direct, or through WETH or USDC. */
export async function quoteMarket(client: PublicClient, p: QuoteMarketParameters): Promise<MarketQuote | undefined> {
  if (!p.weth || p.amount <= 0n) return undefined;
  const from = p.tokenIn.address === 'ETH' ? p.weth : getAddress(p.tokenIn.address);
  const to = p.tokenOut.address === 'ETH' ? p.weth : getAddress(p.tokenOut.address);
  if (isAddressEqual(from, to)) return undefined;
  const middles = [p.weth, ...p.knownTokens.filter((token) => token.symbol === 'USDC' && token.address !== 'ETH').map((token) => token.address as Address)];
  const paths: Address[][] = [[from, to], ...middles.filter((m) => !isAddressEqual(m, from) && !isAddressEqual(m, to)).map((m) => [from, m, to])];
  const bound = (amountIn: bigint, amountOut: bigint) =>
    p.exactIn ? (amountOut * BigInt(10_000 - p.slippageBps)) / 10_000n : (amountIn * BigInt(10_000 + p.slippageBps) + 9_999n) / 10_000n;
  // Every venue and every path is read at once (their reads share round trips); the best is then taken in the
  // venues' and paths' order, the first of equal quotes winning, exactly as reading them one by one would.
  const weth = p.weth;
  const perFactory = await Promise.all(
    p.factories.map(async (factory): Promise<(MarketQuote | undefined)[]> => {
      const quoter = p.v3Quoters?.get(factory.toLowerCase());
      if (quoter) {
        const tokens = p.knownTokens.filter((token) => token.address !== 'ETH');
        const route = await bestV3Route({ client, chainId: 0, tokens }, { factory, quoter, weth, intermediates: ['WETH', 'USDC'] }, from, to, p.amount, p.exactIn, p.blockNumber).catch(
          () => undefined,
        );
        if (!route) return [];
        return [
          {
            amountIn: route.amountIn,
            amountOut: route.amountOut,
            bound: bound(route.amountIn, route.amountOut),
            exactIn: p.exactIn,
            impactBps: await v3PriceImpactBps(client, route, p.blockNumber).catch(() => 0),
          },
        ];
      }
      return Promise.all(
        paths.map(async (path) => {
          const hops = await readHops(client, factory, path, p.blockNumber, p.pairInitCodeHashes?.get(factory.toLowerCase()));
          if (!hops) return undefined;
          const amounts = p.exactIn ? getAmountsOut(p.amount, hops) : getAmountsIn(p.amount, hops);
          if (!amounts) return undefined;
          const amountIn = amounts[0]!;
          const amountOut = amounts[amounts.length - 1]!;
          return { amountIn, amountOut, bound: bound(amountIn, amountOut), exactIn: p.exactIn, impactBps: priceImpactBps(amountIn, amountOut, hops) };
        }),
      );
    }),
  );
  let best: MarketQuote | undefined;
  for (const quote of perFactory.flat()) {
    if (!quote) continue;
    const better = !best || (p.exactIn ? quote.amountOut > best.amountOut : quote.amountIn < best.amountIn);
    if (better) best = quote;
  }
  return best;
}

async function readHops(client: PublicClient, factory: Address, path: readonly Address[], blockNumber: bigint, initCodeHash?: Hex | undefined): Promise<Reserves[] | undefined> {
  const legs = path.slice(0, -1).map((a, i) => [a, path[i + 1]!] as const);
  if (initCodeHash) {
    // The pair's address by CREATE2: only the factory can have put code there, and only the pair of exactly these
    // two tokens, initialized with the lower address as token0. No code there (no such pair) reads as no reserves.
    const reserves = await Promise.all(
      legs.map(([a, b]) => client.readContract({ address: v2PairAddress(factory, initCodeHash, a, b), abi: factoryAbi, functionName: 'getReserves', blockNumber }).catch(() => undefined)),
    );
    const hops: Reserves[] = [];
    for (const [i, state] of reserves.entries()) {
      if (!state) return undefined;
      const [r0, r1] = state;
      const [a, b] = legs[i]!;
      hops.push(a.toLowerCase() < b.toLowerCase() ? { reserveIn: r0, reserveOut: r1 } : { reserveIn: r1, reserveOut: r0 });
    }
    return hops;
  }
  // Every leg's pair at once, then every pair's reserves and token0 at once: two round trips for any path.
  const pairs = await Promise.all(
    legs.map(([a, b]) => client.readContract({ address: factory, abi: factoryAbi, functionName: 'getPair', args: [a, b], blockNumber }).catch(() => undefined)),
  );
  if (pairs.some((pair) => !pair || isAddressEqual(pair, zeroAddress))) return undefined;
  const states = await Promise.all(
    pairs.map((pair) =>
      Promise.all([
        client.readContract({ address: pair!, abi: factoryAbi, functionName: 'getReserves', blockNumber }).catch(() => undefined),
        client.readContract({ address: pair!, abi: factoryAbi, functionName: 'token0', blockNumber }).catch(() => undefined),
      ]),
    ),
  );
  const hops: Reserves[] = [];
  for (const [i, [reserves, token0]] of states.entries()) {
    if (!reserves || !token0) return undefined;
    const [r0, r1] = reserves;
    hops.push(isAddressEqual(token0, legs[i]![0]) ? { reserveIn: r0, reserveOut: r1 } : { reserveIn: r1, reserveOut: r0 });
  }
  return hops;
}

/**
 * Starts the swap bound's first reads for a plan about to be simulated on `blockNumber`: the factory of each
 * deployment contract it calls (a router's venue), and of the deployment's V3 quoters. Asked beside the simulation through the run's memo of reads at
 * that block (memoizeReads), the bound then finds them answered and reads the pools' reserves at once: a round
 * trip fewer. Nothing is judged here; the checks read exactly what they read without it.
 */
export function prefetchSwapBoundReads(client: PublicClient, { calls, contracts, blockNumber }: { calls: readonly Pick<PlanCall, 'to'>[]; contracts: Record<string, Address>; blockNumber: bigint }): void {
  const deployment = Object.values(contracts);
  const targets = [...new Set(calls.map((call) => call.to.toLowerCase()))].filter((to) => deployment.some((address) => address.toLowerCase() === to));
  if (targets.length === 0) return;
  for (const to of targets) void readFactory(client, getAddress(to), blockNumber);
  // The V3 quoters' factories too: a swap's quote waits for them before it reads any pool.
  for (const [name, address] of Object.entries(contracts)) if (/quoter/i.test(name)) void readFactory(client, address, blockNumber);
}

async function readFactory(client: PublicClient, router: Address, blockNumber: bigint): Promise<Address | undefined> {
  return client.readContract({ address: router, abi: factoryAbi, functionName: 'factory', blockNumber }).catch(() => undefined);
}

type RouterCall = {
  amountOutMin?: bigint | undefined;
  amountInMax?: bigint | undefined;
  exactOut: boolean;
  /** The token the swap ends in (WETH where the router unwraps to ETH), where the call names it. */
  tokenOut?: Address | undefined;
};

/** The swaps a call to a known router makes, with the limits it passes: V2 functions, V3 functions, and V3 `multicall`s. */
function decodeRouterCalls(data: `0x${string}`): RouterCall[] {
  const v2 = decodeV2RouterCall(data);
  if (v2) return [v2];
  try {
    const decoded = decodeCall(SwapRouter.abi, data);
    if (!decoded) return [];
    if (decoded.functionName === 'multicall') return (decoded.args![0] as readonly `0x${string}`[]).flatMap((inner) => decodeRouterCalls(inner));
    const params = (decoded.args?.[0] ?? {}) as { amountOutMinimum?: bigint; amountInMaximum?: bigint; tokenOut?: Address; path?: `0x${string}` };
    switch (decoded.functionName) {
      case 'exactInputSingle':
        return [{ amountOutMin: params.amountOutMinimum, exactOut: false, tokenOut: params.tokenOut }];
      case 'exactInput':
        // An exact-input path is token (fee token)*: it ends in the last 20 bytes.
        return [{ amountOutMin: params.amountOutMinimum, exactOut: false, tokenOut: params.path && params.path.length >= 42 ? getAddress(`0x${params.path.slice(-40)}`) : undefined }];
      case 'exactOutput':
      case 'exactOutputSingle':
        return [{ amountInMax: params.amountInMaximum, exactOut: true }];
      default:
        return [];
    }
  } catch {
    return [];
  }
}

function decodeV2RouterCall(data: `0x${string}`): RouterCall | undefined {
  try {
    const decoded = decodeCall(UniswapV2Router02.abi, data);
    if (!decoded?.functionName.startsWith('swap')) return undefined;
    const item = UniswapV2Router02.abi.find((entry) => entry.type === 'function' && entry.name === decoded.functionName);
    const inputs = item && 'inputs' in item ? item.inputs : [];
    const args = (decoded.args ?? []) as readonly unknown[];
    const arg = (name: string) => {
      const index = inputs.findIndex((input) => input.name === name);
      const value = index >= 0 ? args[index] : undefined;
      return typeof value === 'bigint' ? value : undefined;
    };
    const pathIndex = inputs.findIndex((input) => input.name === 'path');
    const path = pathIndex >= 0 ? (args[pathIndex] as readonly Address[] | undefined) : undefined;
    return { amountOutMin: arg('amountOutMin'), amountInMax: arg('amountInMax'), exactOut: /ForExact/.test(decoded.functionName), tokenOut: path?.at(-1) };
  } catch {
    return undefined;
  }
}
