/**
 * Swap agents for Uniswap V2 style venues. One factory, {@link createV2SwapAgent}, makes an agent per
 * venue (the real Uniswap V2 deployment and any fork of its bytecode); they compete on quotes.
 *
 * Quotes come from the pools' reserves read on chain and the V2 formula in bigint (./v2math.ts), over the
 * direct pool and every path through one intermediate (WETH, USDC); the best path wins.
 */
import { encodeFunctionData, isAddressEqual, parseAbi, zeroAddress, type Address } from 'viem';
import { InputError, formatAmount, resolveAmount, defineAgent, parseParams, type Agent, type AgentContext, type Plan, type PlanCall } from '../sdk/index.js';
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
      const venue: Venue = { id, name: venueName, factory, router, weth, intermediates };
      return planSwap(ctx, venue, params);
    },
  });
}

type Venue = { id: string; name: string; factory: Address; router: Address; weth: Address; intermediates: readonly string[] };

async function planSwap(ctx: AgentContext, venue: Venue, params: SwapParams): Promise<Plan> {
  const { token: tokenIn, tokenOut, slippageBps } = params;
  const { from, to } = swapEnds(params, venue.weth);
  const exactIn = params.amount !== undefined;
  const resolved = params.amount ? await resolveAmount(ctx, tokenIn, params.amount) : undefined;
  const requested = resolved?.value ?? params.amountOut ?? 0n;
  const route = await bestRoute(ctx, venue, from, to, requested, exactIn);
  if (!route) throw noRouteError(venue.name, params);

  const limits = swapLimits({ exactIn, amountIn: route.amounts[0] ?? 0n, amountOut: last(route.amounts) }, slippageBps);
  const { amountIn, amountOut, minOut, maxIn } = limits;
  const calls: PlanCall[] = [
    ...(await approvalCalls(ctx, venue, params, limits)),
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
 * for exact-out. Pools are read once each.
 */
export async function bestRoute(
  ctx: AgentContext,
  venue: Pick<Venue, 'factory' | 'weth' | 'intermediates'>,
  from: Address,
  to: Address,
  amount: bigint,
  exactIn: boolean,
): Promise<V2Route | undefined> {
  const paths = swapPaths(ctx, venue, from, to);

  const pools = new Map<string, Promise<{ reserveA: bigint; reserveB: bigint; tokenA: Address } | undefined>>();
  const reservesOf = async (a: Address, b: Address): Promise<Reserves | undefined> => {
    const [tokenA, tokenB] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
    const key = `${tokenA}:${tokenB}`;
    if (!pools.has(key)) pools.set(key, readPool(ctx, venue.factory, tokenA, tokenB));
    const pool = await pools.get(key);
    if (!pool) return undefined;
    return isAddressEqual(pool.tokenA, a)
      ? { reserveIn: pool.reserveA, reserveOut: pool.reserveB }
      : { reserveIn: pool.reserveB, reserveOut: pool.reserveA };
  };

  const routes = await Promise.all(
    paths.map(async (path): Promise<V2Route | undefined> => {
      const hops: Reserves[] = [];
      for (let index = 0; index + 1 < path.length; index++) {
        const hop = await reservesOf(path[index] as Address, path[index + 1] as Address);
        if (!hop) return undefined;
        hops.push(hop);
      }
      const amounts = exactIn ? getAmountsOut(amount, hops) : getAmountsIn(amount, hops);
      return amounts ? { path, hops, amounts } : undefined;
    }),
  );
  let best: V2Route | undefined;
  for (const route of routes) {
    if (!route) continue;
    if (!best) best = route;
    else if (exactIn ? last(route.amounts) > last(best.amounts) : (route.amounts[0] ?? 0n) < (best.amounts[0] ?? 0n)) best = route;
  }
  return best;
}

/** The reserves of the `a`/`b` pool of a V2 factory, oriented a → b; undefined when there is no funded pool. */
export async function readReserves(ctx: Pick<AgentContext, 'client'>, factory: Address, a: Address, b: Address): Promise<Reserves | undefined> {
  const [tokenA, tokenB] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
  const pool = await readPool(ctx, factory, tokenA, tokenB);
  if (!pool) return undefined;
  return isAddressEqual(pool.tokenA, a) ? { reserveIn: pool.reserveA, reserveOut: pool.reserveB } : { reserveIn: pool.reserveB, reserveOut: pool.reserveA };
}

// A pool that does not exist or holds nothing is no route: undefined.
async function readPool(ctx: Pick<AgentContext, 'client'>, factory: Address, tokenA: Address, tokenB: Address) {
  const pair = await ctx.client.readContract({ address: factory, abi: v2FactoryAbi, functionName: 'getPair', args: [tokenA, tokenB] });
  if (isAddressEqual(pair, zeroAddress)) return undefined;
  const [reserve0, reserve1] = await ctx.client.readContract({ address: pair, abi: v2PairAbi, functionName: 'getReserves' });
  if (reserve0 === 0n || reserve1 === 0n) return undefined;
  // The pair's token0 is the lower address: tokenA here.
  return { reserveA: reserve0, reserveB: reserve1, tokenA };
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
