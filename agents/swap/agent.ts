/**
 * Swap agents for Uniswap V2 style venues. One factory, {@link createV2SwapAgent}, makes an agent per
 * venue (the real Uniswap V2 deployment and any fork of its bytecode); they compete on quotes.
 *
 * Quotes come from the pools' reserves read on chain and the V2 formula in bigint (./v2math.ts), over the
 * direct pool and every path through one intermediate (WETH, USDC); the best path wins. Every pool, the
 * router's allowance and (for "all") the balance are read together: one round trip where the factory's pair
 * init code hash is known (`ctx.poolInitCodeHashes`) and the chain has Multicall3 (see sdk/readContracts.ts).
 */
import { encodeFunctionData, encodePacked, getCreate2Address, isAddressEqual, keccak256, parseAbi, zeroAddress, type Address, type Hex } from 'viem';
import { InputError, formatAmount, resolveAmount, defineAgent, parseParams, readAllowance, readContracts, type Agent, type AgentContext, type Plan, type PlanCall } from '../sdk/index.js';
import { SWAP_DEADLINE_SECONDS, approvalCalls, noRouteError, routeSymbols, swapEnds, swapExpects, swapLimits, swapPaths, type SwapLimits } from './utils.js';
import { swapParams, type SwapParams } from './schemas.js';
import { getAmountsIn, getAmountsOut, priceImpactBps, type Reserves } from './v2math.js';

export const v2FactoryAbi = parseAbi(['function getPair(address tokenA, address tokenB) view returns (address pair)']);
export const v2PairAbi = parseAbi(['function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)']);
export const v2RouterAbi = parseAbi([
  'function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)',
  'function getAmountsIn(uint256 amountOut, address[] path) view returns (uint256[] amounts)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)',
  'function swapETHForExactTokens(uint256 amountOut, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)',
  'function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)',
  'function swapTokensForExactETH(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline) returns (uint256[] amounts)',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)',
  'function swapTokensForExactTokens(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline) returns (uint256[] amounts)',
]);

export { SWAP_DEADLINE_SECONDS } from './utils.js';

export type CreateV2SwapAgentParameters = {
  /** Agent id, also the quote's venue ("uniswap-v2"). */
  id: string;
  /** Venue name for people ("Uniswap V2"). */
  venueName: string;
  /** Key of the factory in `ctx.contracts`. */
  factoryKey: string;
  /** Key of the router in `ctx.contracts`. */
  routerKey: string;
  /** Symbols tried as the middle of a two-hop path. */
  intermediates?: readonly string[] | undefined;
};

/** A resolved route: token addresses (WETH standing for ETH), the reserves of each hop, and the amounts. */
export type V2Route = { path: Address[]; hops: Reserves[]; amounts: bigint[] };

/**
 * Makes a swap agent for one V2 venue.
 *
 * @example
 * const uniswap = createV2SwapAgent({ id: 'uniswap-v2', venueName: 'Uniswap V2', factoryKey: 'uniswapV2Factory', routerKey: 'uniswapV2Router' })
 */
export function createV2SwapAgent({
  id,
  venueName,
  factoryKey,
  routerKey,
  intermediates = ['WETH', 'USDC'],
}: CreateV2SwapAgentParameters): Agent<typeof swapParams> {
  return defineAgent({
    id,
    description: `Swap tokens on ${venueName} (exact-in or exact-out, direct or through WETH/USDC), with a slippage limit.`,
    actions: ['swap'],
    chains: [],
    params: swapParams,
    supports: (ctx) => Boolean(ctx.contracts[factoryKey] && ctx.contracts[routerKey] && ctx.contracts.weth),
    async plan(ctx, intent) {
      const params = parseParams(id, swapParams, intent);
      const factory = ctx.contracts[factoryKey];
      const router = ctx.contracts[routerKey];
      const weth = ctx.contracts.weth;
      if (!factory || !router || !weth) throw new InputError('VENUE_NOT_DEPLOYED', `${venueName} is not deployed on chain ${ctx.chainId}`);
      const venue: Venue = { id, name: venueName, factory, router, weth, intermediates, pairInitCodeHash: ctx.poolInitCodeHashes?.[factoryKey] };
      return planSwap(ctx, venue, params);
    },
  });
}

type Venue = { id: string; name: string; factory: Address; router: Address; weth: Address; intermediates: readonly string[]; pairInitCodeHash?: Hex | undefined };

async function planSwap(ctx: AgentContext, venue: Venue, params: SwapParams): Promise<Plan> {
  const { token: tokenIn, tokenOut, slippageBps } = params;
  const { from, to } = swapEnds(params, venue.weth);
  const exactIn = params.amount !== undefined;
  // Every read of the plan goes out together (one round trip on a batching node): the pools do not depend on
  // the amount, nor the router's allowance on the route.
  const paths = swapPaths(ctx, venue, from, to);
  const [resolved, pools, allowance] = await Promise.all([
    params.amount ? resolveAmount(ctx, tokenIn, params.amount) : undefined,
    readPools(ctx, venue.factory, pathPairs(paths), venue.pairInitCodeHash),
    readAllowance(ctx, { token: tokenIn, spender: venue.router }),
  ]);
  const requested = resolved?.value ?? params.amountOut ?? 0n;
  const route = pickRoute(paths, pools, requested, exactIn);
  if (!route) throw noRouteError(venue.name, params);

  const limits = swapLimits({ exactIn, amountIn: route.amounts[0] ?? 0n, amountOut: last(route.amounts) }, slippageBps);
  const { amountIn, amountOut, minOut, maxIn } = limits;
  const calls: PlanCall[] = [
    ...(await approvalCalls(ctx, venue, params, limits, allowance)),
    swapCall(ctx, venue, params, route.path, { ...limits, deadline: ctx.now + SWAP_DEADLINE_SECONDS }),
  ];
  const symbols = routeSymbols(ctx, venue.weth, route.path, params);
  const via = symbols.length > 2 ? `, via ${symbols.slice(1, -1).join(', ')}` : '';
  const note = resolved?.note ? `; ${resolved.note}` : '';
  const summary = exactIn
    ? `Swap ${formatAmount(amountIn, tokenIn)} for ≥ ${formatAmount(minOut, tokenOut)} on ${venue.name} (quote ${formatAmount(amountOut, tokenOut)}${via}${note})`
    : `Buy ${formatAmount(amountOut, tokenOut)} for ≤ ${formatAmount(maxIn, tokenIn)} on ${venue.name} (quote ${formatAmount(amountIn, tokenIn)}${via})`;
  return {
    agentId: venue.id,
    summary,
    calls,
    expects: swapExpects(params, limits),
    quote: { venue: venue.id, route: symbols, priceImpactBps: priceImpactBps(amountIn, amountOut, route.hops), amountIn, amountOut },
  };
}

/**
 * The best route among the direct pool and every one-intermediate path: most out for exact-in, least in
 * for exact-out. All pools are read together, each once.
 */
export async function bestRoute(
  ctx: Pick<AgentContext, 'client' | 'chainId' | 'tokens'>,
  venue: Pick<Venue, 'factory' | 'weth' | 'intermediates' | 'pairInitCodeHash'>,
  from: Address,
  to: Address,
  amount: bigint,
  exactIn: boolean,
): Promise<V2Route | undefined> {
  const paths = swapPaths(ctx, venue, from, to);
  return pickRoute(paths, await readPools(ctx, venue.factory, pathPairs(paths), venue.pairInitCodeHash), amount, exactIn);
}

/** The reserves of the `a`/`b` pool of a V2 factory, oriented a → b; undefined when there is no funded pool. */
export async function readReserves(ctx: Pick<AgentContext, 'client'>, factory: Address, a: Address, b: Address, initCodeHash?: Hex | undefined): Promise<Reserves | undefined> {
  return orient(await readPools(ctx, factory, [[a, b]], initCodeHash), a, b);
}

/** A funded pair: its reserves, `tokenA` the lower address (the pair's token0). */
type Pool = { reserveA: bigint; reserveB: bigint; tokenA: Address };

// Every pair a path crosses, each once.
function pathPairs(paths: readonly Address[][]): [Address, Address][] {
  const pairs = new Map<string, [Address, Address]>();
  for (const path of paths) for (let i = 0; i + 1 < path.length; i++) pairs.set(pairKey(path[i]!, path[i + 1]!), [path[i]!, path[i + 1]!]);
  return [...pairs.values()];
}

function pairKey(a: Address, b: Address): string {
  return [a.toLowerCase(), b.toLowerCase()].sort().join(':');
}

function orient(pools: ReadonlyMap<string, Pool | undefined>, a: Address, b: Address): Reserves | undefined {
  const pool = pools.get(pairKey(a, b));
  if (!pool) return undefined;
  return isAddressEqual(pool.tokenA, a) ? { reserveIn: pool.reserveA, reserveOut: pool.reserveB } : { reserveIn: pool.reserveB, reserveOut: pool.reserveA };
}

function pickRoute(paths: readonly Address[][], pools: ReadonlyMap<string, Pool | undefined>, amount: bigint, exactIn: boolean): V2Route | undefined {
  let best: V2Route | undefined;
  for (const path of paths) {
    const hops: Reserves[] = [];
    for (let index = 0; index + 1 < path.length; index++) {
      const hop = orient(pools, path[index]!, path[index + 1]!);
      if (hop) hops.push(hop);
    }
    if (hops.length !== path.length - 1) continue;
    const amounts = exactIn ? getAmountsOut(amount, hops) : getAmountsIn(amount, hops);
    if (!amounts) continue;
    const route = { path, hops, amounts };
    if (!best || (exactIn ? last(route.amounts) > last(best.amounts) : (route.amounts[0] ?? 0n) < (best.amounts[0] ?? 0n))) best = route;
  }
  return best;
}

/** A V2 pair's address by CREATE2: the factory deploys each pair with salt keccak256(token0 ‖ token1), the tokens sorted. */
export function v2PairAddress(factory: Address, initCodeHash: Hex, tokenA: Address, tokenB: Address): Address {
  const [token0, token1] = tokenA.toLowerCase() < tokenB.toLowerCase() ? [tokenA, tokenB] : [tokenB, tokenA];
  // A pure function of its inputs (three hashes each time), asked for the same pairs by every agent and check of a run.
  const key = `${factory}:${initCodeHash}:${token0}:${token1}`.toLowerCase();
  let address = pairAddresses.get(key);
  if (!address) {
    if (pairAddresses.size >= 10_000) pairAddresses.clear();
    address = getCreate2Address({ from: factory, salt: keccak256(encodePacked(['address', 'address'], [token0, token1])), bytecodeHash: initCodeHash });
    pairAddresses.set(key, address);
  }
  return address;
}
const pairAddresses = new Map<string, Address>();

// The pools of `pairs`, by pairKey; a pair that does not exist or holds nothing is no pool (undefined).
// In one round trip: the factory's `getPair` for each pair and, with the factory's pair init code hash, the
// reserves at the CREATE2 address (only the factory can have put code there). When `getPair` names that same
// address, its reserves are the pool's; without a hash, or if the factory names another address (a wrong hash
// costs a round trip, not a route), the reserves are read there in a second round trip.
async function readPools(ctx: Pick<AgentContext, 'client'>, factory: Address, pairs: readonly (readonly [Address, Address])[], initCodeHash?: Hex | undefined): Promise<Map<string, Pool | undefined>> {
  const sorted = pairs.map(([a, b]) => (a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a]) as [Address, Address]);
  const computed = sorted.map(([tokenA, tokenB]) => (initCodeHash ? v2PairAddress(factory, initCodeHash, tokenA, tokenB) : undefined));
  const [named, atComputed] = await Promise.all([
    readContracts(ctx.client, { contracts: sorted.map(([tokenA, tokenB]) => ({ address: factory, abi: v2FactoryAbi, functionName: 'getPair', args: [tokenA, tokenB] }) as const) }),
    readContracts(ctx.client, { contracts: computed.flatMap((address) => (address ? [{ address, abi: v2PairAbi, functionName: 'getReserves' } as const] : [])) }),
  ]);
  const reserves: (readonly [bigint, bigint] | undefined)[] = sorted.map(() => undefined);
  const again: { index: number; pair: Address }[] = [];
  let next = 0;
  sorted.forEach((_, index) => {
    const answer = computed[index] ? atComputed[next++] : undefined;
    const pair = named[index]?.status === 'success' ? named[index].result : zeroAddress;
    if (isAddressEqual(pair, zeroAddress)) return;
    if (computed[index] && isAddressEqual(pair, computed[index]) && answer?.status === 'success') reserves[index] = [answer.result[0], answer.result[1]];
    else again.push({ index, pair });
  });
  if (again.length) {
    const read = await readContracts(ctx.client, { contracts: again.map(({ pair }) => ({ address: pair, abi: v2PairAbi, functionName: 'getReserves' }) as const) });
    again.forEach(({ index }, i) => {
      const answer = read[i];
      if (answer?.status === 'success') reserves[index] = [answer.result[0], answer.result[1]];
    });
  }
  return new Map(
    sorted.map(([tokenA, tokenB], index) => {
      const found = reserves[index];
      const funded = found && found[0] > 0n && found[1] > 0n;
      return [pairKey(tokenA, tokenB), funded ? { reserveA: found[0], reserveB: found[1], tokenA } : undefined] as const;
    }),
  );
}

type SwapAmounts = SwapLimits & { deadline: bigint };

// The router function follows from which side is ETH and which side is exact.
function swapCall(ctx: AgentContext, venue: Venue, params: SwapParams, path: Address[], a: SwapAmounts): PlanCall {
  const { token: tokenIn, tokenOut } = params;
  const recipient = ctx.account;
  const description = a.exactIn
    ? `Swap ${formatAmount(a.amountIn, tokenIn)} for at least ${formatAmount(a.minOut, tokenOut)} on ${venue.name}`
    : `Buy ${formatAmount(a.amountOut, tokenOut)} for at most ${formatAmount(a.maxIn, tokenIn)} on ${venue.name}`;
  const call = (data: `0x${string}`, value = 0n): PlanCall => ({ to: venue.router, data, value, description });
  if (tokenIn.address === 'ETH')
    return a.exactIn
      ? call(encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactETHForTokens', args: [a.minOut, path, recipient, a.deadline] }), a.amountIn)
      : call(encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapETHForExactTokens', args: [a.amountOut, path, recipient, a.deadline] }), a.maxIn);
  if (tokenOut.address === 'ETH')
    return a.exactIn
      ? call(encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForETH', args: [a.amountIn, a.minOut, path, recipient, a.deadline] }))
      : call(encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapTokensForExactETH', args: [a.amountOut, a.maxIn, path, recipient, a.deadline] }));
  return a.exactIn
    ? call(encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [a.amountIn, a.minOut, path, recipient, a.deadline] }))
    : call(encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapTokensForExactTokens', args: [a.amountOut, a.maxIn, path, recipient, a.deadline] }));
}



function last(values: readonly bigint[]): bigint {
  return values[values.length - 1] ?? 0n;
}

/** The swap agent on the real Uniswap V2 deployment. */
export const uniswapV2Agent = createV2SwapAgent({
  id: 'uniswap-v2',
  venueName: 'Uniswap V2',
  factoryKey: 'uniswapV2Factory',
  routerKey: 'uniswapV2Router',
});

/** The swap agent on the devnet's second deployment of the same bytecode, with different liquidity. */
export const v2ForkAgent = createV2SwapAgent({ id: 'v2-fork', venueName: 'V2 Fork', factoryKey: 'forkV2Factory', routerKey: 'forkV2Router' });
