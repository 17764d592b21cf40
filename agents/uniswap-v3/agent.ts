/**
 * The swap agent on Uniswap V3 ("uniswap-v3"). Quotes come from the venue's QuoterV2 (it runs the pools' own
 * swap code in an `eth_call` and reverts with the result), over every fee tier of the direct pool and every
 * path through one intermediate (WETH, USDC); the best route wins: most out for exact-in, least in for
 * exact-out. The plan calls the venue's SwapRouter; the output always goes to `ctx.account` (through the
 * router's `unwrapWETH9` when it is ETH).
 */
import { concat, encodeFunctionData, isAddressEqual, numberToHex, parseAbi, zeroAddress, type Address, type Hex } from 'viem';
import { InputError, defineAgent, formatAmount, parseParams, resolveAmount, type Agent, type AgentContext, type Plan, type PlanCall } from '../sdk/index.js';
import { SWAP_DEADLINE_SECONDS, approvalCalls, noRouteError, routeSymbols, swapEnds, swapExpects, swapLimits, swapPaths } from '../swap/utils.js';
import { swapParams, type SwapParams } from './schemas.js';

export const v3RouterAbi = parseAbi([
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 deadline, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params) payable returns (uint256 amountOut)',
  'function exactInput((bytes path, address recipient, uint256 deadline, uint256 amountIn, uint256 amountOutMinimum) params) payable returns (uint256 amountOut)',
  'function exactOutputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 deadline, uint256 amountOut, uint256 amountInMaximum, uint160 sqrtPriceLimitX96) params) payable returns (uint256 amountIn)',
  'function exactOutput((bytes path, address recipient, uint256 deadline, uint256 amountOut, uint256 amountInMaximum) params) payable returns (uint256 amountIn)',
  'function multicall(bytes[] data) payable returns (bytes[] results)',
  'function unwrapWETH9(uint256 amountMinimum, address recipient) payable',
  'function refundETH() payable',
]);
export const v3QuoterAbi = parseAbi([
  'function quoteExactInput(bytes path, uint256 amountIn) returns (uint256 amountOut, uint160[] sqrtPriceX96AfterList, uint32[] initializedTicksCrossedList, uint256 gasEstimate)',
  'function quoteExactOutput(bytes path, uint256 amountOut) returns (uint256 amountIn, uint160[] sqrtPriceX96AfterList, uint32[] initializedTicksCrossedList, uint256 gasEstimate)',
]);
export const v3FactoryAbi = parseAbi(['function getPool(address tokenA, address tokenB, uint24 fee) view returns (address pool)']);
export const v3PoolAbi = parseAbi([
  'function slot0() view returns (uint160 sqrtPriceX96, int24 tick, uint16 observationIndex, uint16 observationCardinality, uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked)',
  'function liquidity() view returns (uint128)',
]);

/** The fee tiers a V3 factory enables by default, in hundredths of a bip. */
export const V3_FEE_TIERS = [100, 500, 3000, 10_000] as const;

/** A V3 route: token addresses (WETH standing for ETH), the fee of each hop, its pools, and the quoted amounts. */
export type V3Route = { tokens: Address[]; fees: number[]; pools: Address[]; amountIn: bigint; amountOut: bigint };

type Venue = { factory: Address; router: Address; quoter: Address; weth: Address; intermediates: readonly string[] };

export type CreateV3SwapAgentParameters = {
  id: string;
  venueName: string;
  /** Keys in `ctx.contracts`. */
  factoryKey: string;
  routerKey: string;
  quoterKey: string;
  intermediates?: readonly string[] | undefined;
};

/**
 * Makes a swap agent for one Uniswap V3 deployment.
 *
 * @example
 * const v3 = createV3SwapAgent({ id: 'uniswap-v3', venueName: 'Uniswap V3', factoryKey: 'uniswapV3Factory', routerKey: 'uniswapV3Router', quoterKey: 'uniswapV3Quoter' })
 */
export function createV3SwapAgent({ id, venueName, factoryKey, routerKey, quoterKey, intermediates = ['WETH', 'USDC'] }: CreateV3SwapAgentParameters): Agent<typeof swapParams> {
  return defineAgent({
    id,
    description: `Swap tokens on ${venueName} (exact-in or exact-out, any fee tier, direct or through WETH/USDC), with a slippage limit.`,
    actions: ['swap'],
    chains: [],
    params: swapParams,
    supports: (ctx) => Boolean(ctx.contracts[factoryKey] && ctx.contracts[routerKey] && ctx.contracts[quoterKey] && ctx.contracts.weth),
    async plan(ctx, intent) {
      const params = parseParams(id, swapParams, intent);
      const [factory, router, quoter, weth] = [ctx.contracts[factoryKey], ctx.contracts[routerKey], ctx.contracts[quoterKey], ctx.contracts.weth];
      if (!factory || !router || !quoter || !weth) throw new InputError('VENUE_NOT_DEPLOYED', `${venueName} is not deployed on chain ${ctx.chainId}`);
      return planSwap(ctx, { id, name: venueName }, { factory, router, quoter, weth, intermediates }, params);
    },
  });
}

async function planSwap(ctx: AgentContext, agent: { id: string; name: string }, venue: Venue, params: SwapParams): Promise<Plan> {
  const { token: tokenIn, tokenOut, slippageBps } = params;
  const { from, to } = swapEnds(params, venue.weth);
  const exactIn = params.amount !== undefined;
  const resolved = params.amount ? await resolveAmount(ctx, tokenIn, params.amount) : undefined;
  const requested = resolved?.value ?? params.amountOut ?? 0n;
  const route = requested > 0n ? await bestV3Route(ctx, venue, from, to, requested, exactIn) : undefined;
  if (!route) throw noRouteError(agent.name, params);
  const limits = swapLimits({ exactIn, amountIn: route.amountIn, amountOut: route.amountOut }, slippageBps);
  const { amountIn, amountOut, minOut, maxIn } = limits;
  const calls: PlanCall[] = [
    ...(await approvalCalls(ctx, { name: agent.name, router: venue.router }, params, limits)),
    swapCall(ctx, agent.name, venue, params, route, { exactIn, minOut, maxIn, deadline: ctx.now + SWAP_DEADLINE_SECONDS }),
  ];
  const symbols = routeSymbols(ctx, venue.weth, route.tokens, params);
  const tiers = route.fees.map((fee) => `${fee / 10_000}%`).join(' + ');
  const via = symbols.length > 2 ? `, via ${symbols.slice(1, -1).join(', ')}` : '';
  const note = resolved?.note ? `; ${resolved.note}` : '';
  const summary = exactIn
    ? `Swap ${formatAmount(amountIn, tokenIn)} for ≥ ${formatAmount(minOut, tokenOut)} on ${agent.name} (${tiers} pool; quote ${formatAmount(amountOut, tokenOut)}${via}${note})`
    : `Buy ${formatAmount(amountOut, tokenOut)} for ≤ ${formatAmount(maxIn, tokenIn)} on ${agent.name} (${tiers} pool; quote ${formatAmount(amountIn, tokenIn)}${via})`;
  return {
    agentId: agent.id,
    summary,
    calls,
    expects: swapExpects(params, limits),
    quote: { venue: agent.id, route: symbols, priceImpactBps: await v3PriceImpactBps(ctx.client, route), amountIn, amountOut },
  };
}

/**
 * The best route among every fee tier of the direct pool and of each one-intermediate path, as the venue's
 * QuoterV2 quotes it. Only pools the factory knows and that hold liquidity are quoted.
 */
export async function bestV3Route(
  ctx: Pick<AgentContext, 'client' | 'chainId' | 'tokens'>,
  venue: Pick<Venue, 'factory' | 'quoter' | 'weth' | 'intermediates'>,
  from: Address,
  to: Address,
  amount: bigint,
  exactIn: boolean,
  blockNumber?: bigint,
): Promise<V3Route | undefined> {
  const paths = swapPaths(ctx, venue, from, to);
  const pools = new Map<string, Promise<{ fee: number; pool: Address }[]>>();
  const poolsOf = (a: Address, b: Address) => {
    const key = [a.toLowerCase(), b.toLowerCase()].sort().join(':');
    if (!pools.has(key)) pools.set(key, livePools(ctx, venue.factory, a, b, blockNumber));
    return pools.get(key)!;
  };
  const candidates: { tokens: Address[]; fees: number[]; pools: Address[] }[] = [];
  for (const path of paths) {
    let partial: { fees: number[]; pools: Address[] }[] = [{ fees: [], pools: [] }];
    for (let i = 0; i + 1 < path.length; i++) {
      const hop = await poolsOf(path[i]!, path[i + 1]!);
      partial = partial.flatMap((p) => hop.map(({ fee, pool }) => ({ fees: [...p.fees, fee], pools: [...p.pools, pool] })));
    }
    for (const p of partial) candidates.push({ tokens: path, ...p });
  }
  const quoted = await Promise.all(
    candidates.map(async (candidate): Promise<V3Route | undefined> => {
      try {
        if (exactIn) {
          const { result } = await ctx.client.simulateContract({
            address: venue.quoter,
            abi: v3QuoterAbi,
            functionName: 'quoteExactInput',
            args: [encodePath(candidate.tokens, candidate.fees), amount],
            blockNumber,
          });
          return result[0] > 0n ? { ...candidate, amountIn: amount, amountOut: result[0] } : undefined;
        }
        const { result } = await ctx.client.simulateContract({
          address: venue.quoter,
          abi: v3QuoterAbi,
          functionName: 'quoteExactOutput',
          args: [encodePath([...candidate.tokens].reverse(), [...candidate.fees].reverse()), amount],
          blockNumber,
        });
        return { ...candidate, amountIn: result[0], amountOut: amount };
      } catch {
        // The pool cannot fill it (exact-out beyond its liquidity), or the quoter reverted: no route.
        return undefined;
      }
    }),
  );
  let best: V3Route | undefined;
  for (const route of quoted) {
    if (!route) continue;
    if (!best || (exactIn ? route.amountOut > best.amountOut : route.amountIn < best.amountIn)) best = route;
  }
  return best;
}

/** A V3 path: token, fee (uint24), token, … as the router and quoter read it. */
export function encodePath(tokens: readonly Address[], fees: readonly number[]): Hex {
  const parts: Hex[] = [];
  tokens.forEach((token, index) => {
    parts.push(token);
    if (index < fees.length) parts.push(numberToHex(fees[index]!, { size: 3 }));
  });
  return concat(parts);
}

async function livePools(ctx: Pick<AgentContext, 'client'>, factory: Address, a: Address, b: Address, blockNumber?: bigint): Promise<{ fee: number; pool: Address }[]> {
  const found = await Promise.all(
    V3_FEE_TIERS.map(async (fee: number): Promise<{ fee: number; pool: Address } | undefined> => {
      const pool = await ctx.client.readContract({ address: factory, abi: v3FactoryAbi, functionName: 'getPool', args: [a, b, fee], blockNumber }).catch(() => zeroAddress);
      if (isAddressEqual(pool, zeroAddress)) return undefined;
      const liquidity = await ctx.client.readContract({ address: pool, abi: v3PoolAbi, functionName: 'liquidity', blockNumber }).catch(() => 0n);
      return liquidity > 0n ? { fee, pool } : undefined;
    }),
  );
  return found.filter((p): p is { fee: number; pool: Address } => p !== undefined);
}

/** Price impact of a route against its pools' current prices (at `blockNumber`), fees included, in bps. */
export async function v3PriceImpactBps(client: AgentContext['client'], route: V3Route, blockNumber?: bigint): Promise<number> {
  let ideal = Number(route.amountIn);
  for (let i = 0; i < route.pools.length; i++) {
    const [sqrtPriceX96] = await client.readContract({ address: route.pools[i]!, abi: v3PoolAbi, functionName: 'slot0', blockNumber });
    const price = (Number(sqrtPriceX96) / 2 ** 96) ** 2; // token1 per token0
    const zeroForOne = route.tokens[i]!.toLowerCase() < route.tokens[i + 1]!.toLowerCase();
    ideal *= zeroForOne ? price : 1 / price;
  }
  if (!(ideal > 0)) return 0;
  return Math.max(0, Math.round((1 - Number(route.amountOut) / ideal) * 10_000));
}

type SwapLimits = { exactIn: boolean; minOut: bigint; maxIn: bigint; deadline: bigint };

// exact-in / exact-out, single pool / path; ETH out goes to the router first and is unwrapped to the user.
function swapCall(ctx: AgentContext, venueName: string, venue: Venue, params: SwapParams, route: V3Route, l: SwapLimits): PlanCall {
  const { token: tokenIn, tokenOut } = params;
  const ethIn = tokenIn.address === 'ETH';
  const ethOut = tokenOut.address === 'ETH';
  const recipient = ethOut ? venue.router : ctx.account;
  const single = route.fees.length === 1;
  const [tIn, tOut] = [route.tokens[0]!, route.tokens[route.tokens.length - 1]!];
  let swap: Hex;
  if (l.exactIn)
    swap = single
      ? encodeFunctionData({
          abi: v3RouterAbi,
          functionName: 'exactInputSingle',
          args: [{ tokenIn: tIn, tokenOut: tOut, fee: route.fees[0]!, recipient, deadline: l.deadline, amountIn: route.amountIn, amountOutMinimum: l.minOut, sqrtPriceLimitX96: 0n }],
        })
      : encodeFunctionData({
          abi: v3RouterAbi,
          functionName: 'exactInput',
          args: [{ path: encodePath(route.tokens, route.fees), recipient, deadline: l.deadline, amountIn: route.amountIn, amountOutMinimum: l.minOut }],
        });
  else
    swap = single
      ? encodeFunctionData({
          abi: v3RouterAbi,
          functionName: 'exactOutputSingle',
          args: [{ tokenIn: tIn, tokenOut: tOut, fee: route.fees[0]!, recipient, deadline: l.deadline, amountOut: route.amountOut, amountInMaximum: l.maxIn, sqrtPriceLimitX96: 0n }],
        })
      : encodeFunctionData({
          abi: v3RouterAbi,
          functionName: 'exactOutput',
          args: [{ path: encodePath([...route.tokens].reverse(), [...route.fees].reverse()), recipient, deadline: l.deadline, amountOut: route.amountOut, amountInMaximum: l.maxIn }],
        });
  const inner: Hex[] = [swap];
  if (ethOut) inner.push(encodeFunctionData({ abi: v3RouterAbi, functionName: 'unwrapWETH9', args: [l.exactIn ? l.minOut : route.amountOut, ctx.account] }));
  // Exact-out paid in ETH sends the most it may cost; the router gives back what the swap did not use.
  if (ethIn && !l.exactIn) inner.push(encodeFunctionData({ abi: v3RouterAbi, functionName: 'refundETH' }));
  const data = inner.length === 1 ? swap : encodeFunctionData({ abi: v3RouterAbi, functionName: 'multicall', args: [inner] });
  const value = ethIn ? (l.exactIn ? route.amountIn : l.maxIn) : 0n;
  const description = l.exactIn
    ? `Swap ${formatAmount(route.amountIn, tokenIn)} for at least ${formatAmount(l.minOut, tokenOut)} on ${venueName}`
    : `Buy ${formatAmount(route.amountOut, tokenOut)} for at most ${formatAmount(l.maxIn, tokenIn)} on ${venueName}`;
  return { to: venue.router, data, value, description };
}


/** The swap agent on the devnet's (or a chain's) Uniswap V3 deployment. */
export const uniswapV3Agent = createV3SwapAgent({
  id: 'uniswap-v3',
  venueName: 'Uniswap V3',
  factoryKey: 'uniswapV3Factory',
  routerKey: 'uniswapV3Router',
  quoterKey: 'uniswapV3Quoter',
});
