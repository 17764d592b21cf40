/**
 * The swap agent on Uniswap V3 ("uniswap-v3"). Quotes come from the venue's QuoterV2 (it runs the pools' own
 * swap code in an `eth_call` and reverts with the result), over every fee tier of the direct pool and every
 * path through one intermediate (WETH, USDC); the best route wins: most out for exact-in, least in for
 * exact-out. The pools, the quotes and the router's allowance are read together: one round trip where the
 * pool init code hash is known (`ctx.poolInitCodeHashes`, pools found by CREATE2) and the chain has Multicall3. The plan calls the venue's SwapRouter; the output always goes to `ctx.account` (through the
 * router's `unwrapWETH9` when it is ETH).
 */
import { concat, encodeAbiParameters, encodeFunctionData, getCreate2Address, isAddressEqual, keccak256, numberToHex, parseAbi, zeroAddress, type Address, type Hex } from 'viem';
import { InputError, defineAgent, formatAmount, parseParams, readAllowance, readContracts, resolveAmount, type Agent, type AgentContext, type Plan, type PlanCall } from '../sdk/index.js';
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

/**
 * A V3 route: token addresses (WETH standing for ETH), the fee of each hop, its pools, and the quoted amounts;
 * `sqrtPricesX96`, each pool's price (`slot0`) read with the quote, when it was.
 */
export type V3Route = { tokens: Address[]; fees: number[]; pools: Address[]; amountIn: bigint; amountOut: bigint; sqrtPricesX96?: bigint[] | undefined };

type Venue = { factory: Address; router: Address; quoter: Address; weth: Address; intermediates: readonly string[]; poolInitCodeHash?: Hex | undefined };

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
      return planSwap(ctx, { id, name: venueName }, { factory, router, quoter, weth, intermediates, poolInitCodeHash: ctx.poolInitCodeHashes?.[factoryKey] }, params);
    },
  });
}

async function planSwap(ctx: AgentContext, agent: { id: string; name: string }, venue: Venue, params: SwapParams): Promise<Plan> {
  const { token: tokenIn, tokenOut, slippageBps } = params;
  const { from, to } = swapEnds(params, venue.weth);
  const exactIn = params.amount !== undefined;
  // The allowance does not depend on the route: read beside the quotes.
  const [{ resolved, route }, allowance] = await Promise.all([
    (async () => {
      const resolved = params.amount ? await resolveAmount(ctx, tokenIn, params.amount) : undefined;
      const requested = resolved?.value ?? params.amountOut ?? 0n;
      return { resolved, route: requested > 0n ? await bestV3Route(ctx, venue, from, to, requested, exactIn) : undefined };
    })(),
    readAllowance(ctx, { token: tokenIn, spender: venue.router }),
  ]);
  if (!route) throw noRouteError(agent.name, params);
  const limits = swapLimits({ exactIn, amountIn: route.amountIn, amountOut: route.amountOut }, slippageBps);
  const { amountIn, amountOut, minOut, maxIn } = limits;
  const calls: PlanCall[] = [
    ...(await approvalCalls(ctx, { name: agent.name, router: venue.router }, params, limits, allowance)),
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
 * QuoterV2 quotes it. Only routes whose pools the factory knows (`getPool`) and that hold liquidity count.
 *
 * One round trip: every pool's `getPool`, every candidate route's quote (a route through a pool that does not
 * exist is refused by the quoter itself; once this process has seen the factory name no pool there, the route waits
 * for its pools' reads and is quoted only if they exist now), and, with the pool init code hash, each pool's
 * liquidity and price at its CREATE2 address. Without the hash, or where the factory names another address than the computed one (a
 * wrong hash costs a round trip, never a route), liquidity and price are read from the factory's pools after.
 */
export async function bestV3Route(
  ctx: Pick<AgentContext, 'client' | 'chainId' | 'tokens'>,
  venue: Pick<Venue, 'factory' | 'quoter' | 'weth' | 'intermediates' | 'poolInitCodeHash'>,
  from: Address,
  to: Address,
  amount: bigint,
  exactIn: boolean,
  blockNumber?: bigint,
): Promise<V3Route | undefined> {
  const paths = swapPaths(ctx, venue, from, to);
  const pools = new Map<string, PoolRead>();
  const poolOf = (a: Address, b: Address, fee: number): PoolRead => {
    const [tokenA, tokenB] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
    const key = `${tokenA}:${tokenB}:${fee}`.toLowerCase();
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = { tokenA, tokenB, fee, computed: venue.poolInitCodeHash ? v3PoolAddress(venue.factory, venue.poolInitCodeHash, tokenA, tokenB, fee) : undefined }));
    return pool;
  };
  const candidates: { tokens: Address[]; fees: number[]; pools: PoolRead[] }[] = [];
  for (const path of paths) {
    let partial: { fees: number[]; pools: PoolRead[] }[] = [{ fees: [], pools: [] }];
    for (let i = 0; i + 1 < path.length; i++)
      partial = partial.flatMap((p) => V3_FEE_TIERS.map((fee) => ({ fees: [...p.fees, fee], pools: [...p.pools, poolOf(path[i]!, path[i + 1]!, fee)] })));
    for (const p of partial) candidates.push({ tokens: path, ...p });
  }
  const all = [...pools.values()];
  const computed = all.filter((pool) => pool.computed);
  // A route through a pool the factory named no pool for, the last time this process asked, is not quoted with the
  // rest (its quote is a revert that costs the node as much as a real one): its pools are read again with the others,
  // and if one exists now, its quote follows in a second read. A pool never read, or read as existing, is quoted at once.
  const absent = knownAbsentPools(ctx, venue.factory);
  const quoteNow = candidates.map((candidate) => !candidate.pools.some((pool) => absent.has(poolKey(pool))));
  const quoteOf = (candidate: (typeof candidates)[number]) =>
    exactIn
      ? ({ address: venue.quoter, abi: v3QuoterAbi, functionName: 'quoteExactInput', args: [encodePath(candidate.tokens, candidate.fees), amount] } as const)
      : ({ address: venue.quoter, abi: v3QuoterAbi, functionName: 'quoteExactOutput', args: [encodePath([...candidate.tokens].reverse(), [...candidate.fees].reverse()), amount] } as const);
  const [named, states, quotedNow] = await Promise.all([
    readContracts(ctx.client, { contracts: all.map((pool) => ({ address: venue.factory, abi: v3FactoryAbi, functionName: 'getPool', args: [pool.tokenA, pool.tokenB, pool.fee] }) as const), blockNumber }),
    readPoolStates(ctx.client, computed.map((pool) => pool.computed!), blockNumber),
    readContracts(ctx.client, { contracts: candidates.filter((_, index) => quoteNow[index]).map(quoteOf), blockNumber }),
  ]);
  all.forEach((pool, index) => {
    const answer = named[index];
    pool.address = answer?.status === 'success' && !isAddressEqual(answer.result, zeroAddress) ? answer.result : undefined;
    // Only the factory's own answer "no pool" is remembered; a failed read tells nothing.
    if (answer?.status === 'success') rememberPool(absent, poolKey(pool), pool.address === undefined);
  });
  computed.forEach((pool, index) => {
    if (pool.address && isAddressEqual(pool.address, pool.computed!)) pool.state = states[index];
  });
  // Pools the factory names that were not read at their address yet (no hash, or another address).
  const unread = all.filter((pool) => pool.address && !pool.state);
  if (unread.length) {
    const read = await readPoolStates(ctx.client, unread.map((pool) => pool.address!), blockNumber);
    unread.forEach((pool, index) => (pool.state = read[index]));
  }
  const usable = (candidate: (typeof candidates)[number]) => candidate.pools.every((pool) => pool.address && pool.state && pool.state.liquidity > 0n);
  // Routes held back whose pools all exist now (created since they were last read): quoted now.
  const late = candidates.filter((candidate, index) => !quoteNow[index] && usable(candidate));
  const quotedLate = late.length ? await readContracts(ctx.client, { contracts: late.map(quoteOf), blockNumber }) : [];
  const quotes = new Map<(typeof candidates)[number], (typeof quotedNow)[number]>();
  candidates.filter((_, index) => quoteNow[index]).forEach((candidate, index) => quotes.set(candidate, quotedNow[index]!));
  late.forEach((candidate, index) => quotes.set(candidate, quotedLate[index]!));
  let best: V3Route | undefined;
  candidates.forEach((candidate) => {
    if (!usable(candidate)) return;
    const quote = quotes.get(candidate);
    if (quote?.status !== 'success') return; // the pools cannot fill it (exact-out beyond their liquidity), or the quoter reverted
    const quoted = quote.result[0];
    if (exactIn && quoted === 0n) return;
    const route: V3Route = {
      tokens: candidate.tokens,
      fees: candidate.fees,
      pools: candidate.pools.map((pool) => pool.address!),
      amountIn: exactIn ? amount : quoted,
      amountOut: exactIn ? quoted : amount,
      sqrtPricesX96: candidate.pools.map((pool) => pool.state!.sqrtPriceX96),
    };
    if (!best || (exactIn ? route.amountOut > best.amountOut : route.amountIn < best.amountIn)) best = route;
  });
  return best;
}

/** A V3 pool's address by CREATE2: the factory deploys each pool with salt keccak256(abi.encode(token0, token1, fee)). */
export function v3PoolAddress(factory: Address, initCodeHash: Hex, tokenA: Address, tokenB: Address, fee: number): Address {
  const [token0, token1] = tokenA.toLowerCase() < tokenB.toLowerCase() ? [tokenA, tokenB] : [tokenB, tokenA];
  // A pure function of its inputs (three hashes each time), asked for the same pools by every agent and check of a run.
  const key = `${factory}:${initCodeHash}:${token0}:${token1}:${fee}`.toLowerCase();
  let address = poolAddresses.get(key);
  if (!address) {
    if (poolAddresses.size >= 10_000) poolAddresses.clear();
    const salt = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'address' }, { type: 'uint24' }], [token0, token1, fee]));
    address = getCreate2Address({ from: factory, salt, bytecodeHash: initCodeHash });
    poolAddresses.set(key, address);
  }
  return address;
}
const poolAddresses = new Map<string, Address>();

/**
 * Pools (by tokens and fee) a factory answered "no pool" for when last asked, per chain and factory, in this process.
 * Only saves quotes: every such pool is read again on every route search, and quoted as soon as it exists.
 */
const absentPools = new Map<string, Set<string>>();

function knownAbsentPools(ctx: Pick<AgentContext, 'client' | 'chainId'>, factory: Address): Set<string> {
  const key = `${ctx.client.chain?.id ?? ctx.chainId}:${factory}`.toLowerCase();
  let set = absentPools.get(key);
  if (!set) {
    if (absentPools.size >= 1_000) absentPools.clear();
    absentPools.set(key, (set = new Set()));
  }
  return set;
}

function rememberPool(absent: Set<string>, key: string, isAbsent: boolean): void {
  if (!isAbsent) absent.delete(key);
  else if (absent.size < 10_000) absent.add(key);
}

function poolKey(pool: Pick<PoolRead, 'tokenA' | 'tokenB' | 'fee'>): string {
  return `${pool.tokenA}:${pool.tokenB}:${pool.fee}`.toLowerCase();
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

type PoolState = { liquidity: bigint; sqrtPriceX96: bigint };
type PoolRead = { tokenA: Address; tokenB: Address; fee: number; computed: Address | undefined; address?: Address | undefined; state?: PoolState | undefined };

// Liquidity and price of each pool; undefined where either read fails (no pool there).
async function readPoolStates(client: AgentContext['client'], pools: readonly Address[], blockNumber?: bigint): Promise<(PoolState | undefined)[]> {
  const answers = await readContracts(client, {
    contracts: pools.flatMap((address) => [{ address, abi: v3PoolAbi, functionName: 'liquidity' } as const, { address, abi: v3PoolAbi, functionName: 'slot0' } as const]),
    blockNumber,
  });
  return pools.map((_, index) => {
    const [liquidity, slot0] = [answers[2 * index], answers[2 * index + 1]];
    if (liquidity?.status !== 'success' || slot0?.status !== 'success') return undefined;
    return { liquidity: liquidity.result as bigint, sqrtPriceX96: (slot0.result as readonly [bigint, ...unknown[]])[0] };
  });
}

/**
 * Price impact of a route against its pools' current prices (at `blockNumber`, or those read with the quote),
 * fees included, in bps.
 */
export async function v3PriceImpactBps(client: AgentContext['client'], route: V3Route, blockNumber?: bigint): Promise<number> {
  const prices =
    route.sqrtPricesX96 && route.sqrtPricesX96.length === route.pools.length
      ? route.sqrtPricesX96
      : await Promise.all(route.pools.map(async (address) => (await client.readContract({ address, abi: v3PoolAbi, functionName: 'slot0', blockNumber }))[0]));
  let ideal = Number(route.amountIn);
  for (let i = 0; i < route.pools.length; i++) {
    const price = (Number(prices[i]!) / 2 ** 96) ** 2; // token1 per token0
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
