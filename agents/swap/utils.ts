/**
 * What every swap agent builds the same way, whatever its venue (Uniswap V2 and its forks, Uniswap V3): the
 * two ends of the route, the paths tried, the slippage limits, the approval the router needs, the effects the
 * plan promises and the route's symbols. Only the quote and the router call are the venue's own.
 */
import { getAddress, isAddressEqual, type Address } from 'viem';
import { InputError, findTokenByAddress, findTokenBySymbol, planApproval, type AgentContext, type ExpectedEffect, type PlanCall, type TokenInfo } from '../sdk/index.js';
import type { SwapParams } from './schemas.js';

/** Seconds a swap stays valid after the block the plan was built against. */
export const SWAP_DEADLINE_SECONDS = 20n * 60n;

/** The route's two ends as the venue trades them (WETH standing for ETH); the same token on both sides is refused. */
export function swapEnds(params: Pick<SwapParams, 'token' | 'tokenOut'>, weth: Address): { from: Address; to: Address } {
  const { token: tokenIn, tokenOut } = params;
  const from = tokenIn.address === 'ETH' ? weth : getAddress(tokenIn.address);
  const to = tokenOut.address === 'ETH' ? weth : getAddress(tokenOut.address);
  if (isAddressEqual(from, to))
    throw new InputError('SAME_TOKEN', `cannot swap ${tokenIn.symbol} for ${tokenOut.symbol}`, {
      hints: tokenIn.address === 'ETH' || tokenOut.address === 'ETH' ? ['to turn ETH into WETH or back, wrap or unwrap it'] : [],
    });
  return { from, to };
}

/** The direct path and every path through one of the venue's intermediates (by symbol; "WETH" is the venue's). */
export function swapPaths(ctx: Pick<AgentContext, 'chainId' | 'tokens'>, venue: { weth: Address; intermediates: readonly string[] }, from: Address, to: Address): Address[][] {
  const middles = venue.intermediates
    .map((symbol) => (symbol.toUpperCase() === 'WETH' ? venue.weth : findTokenBySymbol(ctx, symbol)?.address))
    .filter((address): address is Address => typeof address === 'string' && address !== 'ETH')
    .filter((address) => !isAddressEqual(address, from) && !isAddressEqual(address, to));
  return [[from, to], ...[...new Set(middles.map((middle) => getAddress(middle)))].map((middle) => [from, middle, to])];
}

export function noRouteError(venueName: string, params: Pick<SwapParams, 'token' | 'tokenOut'>): InputError {
  return new InputError('NO_ROUTE', `no ${venueName} route from ${params.token.symbol} to ${params.tokenOut.symbol} can fill this amount`, {
    hints: ['try a smaller amount or another venue'],
  });
}

export type SwapLimits = { exactIn: boolean; amountIn: bigint; amountOut: bigint; minOut: bigint; maxIn: bigint };

/** The limits the router enforces: the least accepted for exact-in (rounded down), the most paid for exact-out (rounded up). */
export function swapLimits(quote: { exactIn: boolean; amountIn: bigint; amountOut: bigint }, slippageBps: number): SwapLimits {
  const minOut = (quote.amountOut * BigInt(10_000 - slippageBps)) / 10_000n;
  const maxIn = (quote.amountIn * BigInt(10_000 + slippageBps) + 9_999n) / 10_000n;
  return { ...quote, minOut, maxIn };
}

/**
 * The approval the router needs to take the input token (the SDK's {@link planApproval}): for what the swap
 * may spend, all of it for exact-in, the maximum for exact-out; none for ETH or when `allowance` (read with
 * the SDK's `readAllowance`, beside the quotes) covers it.
 */
export async function approvalCalls(ctx: Pick<AgentContext, 'client' | 'account'>, venue: { name: string; router: Address }, params: Pick<SwapParams, 'token' | 'unlimited'>, limits: SwapLimits, allowance: bigint): Promise<PlanCall[]> {
  const amount = limits.exactIn ? limits.amountIn : limits.maxIn;
  return planApproval(ctx, { token: params.token, spender: venue.router, spenderName: `the ${venue.name} router`, amount, unlimited: params.unlimited, allowance });
}

/** What the swap promises: the exact side exact, the other held to its slippage limit. */
export function swapExpects(params: Pick<SwapParams, 'token' | 'tokenOut'>, limits: SwapLimits): ExpectedEffect[] {
  const { token: tokenIn, tokenOut } = params;
  return limits.exactIn
    ? [effect(tokenIn, 'out', limits.amountIn, 'exact'), effect(tokenOut, 'in', limits.minOut, 'atLeast')]
    : [effect(tokenIn, 'out', limits.maxIn, 'atMost'), effect(tokenOut, 'in', limits.amountOut, 'exact')];
}

/** The route by symbol for people: the user's own tokens at the ends (ETH, not WETH), WETH or a known symbol between. */
export function routeSymbols(ctx: Pick<AgentContext, 'chainId' | 'tokens'>, weth: Address, path: readonly Address[], params: Pick<SwapParams, 'token' | 'tokenOut'>): string[] {
  return path.map((address, index) =>
    index === 0 ? params.token.symbol : index === path.length - 1 ? params.tokenOut.symbol : isAddressEqual(address, weth) ? 'WETH' : (findTokenByAddress(ctx, address)?.symbol ?? address),
  );
}

function effect(token: TokenInfo, direction: 'in' | 'out', amount: bigint, bound: ExpectedEffect['bound']): ExpectedEffect {
  return { token: token.address, symbol: token.symbol, decimals: token.decimals, direction, amount, bound };
}
