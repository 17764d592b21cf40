/**
 * Uniswap V2 pricing in bigint, exactly as UniswapV2Library computes it (0.3% fee, integer division), so a
 * quote from reserves equals `router.getAmountsOut` / `getAmountsIn` to the wei.
 */

export type Reserves = { reserveIn: bigint; reserveOut: bigint };

/** UniswapV2Library.getAmountOut; undefined when the pool is empty. */
export function getAmountOut(amountIn: bigint, { reserveIn, reserveOut }: Reserves): bigint | undefined {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return undefined;
  const amountInWithFee = amountIn * 997n;
  return (amountInWithFee * reserveOut) / (reserveIn * 1000n + amountInWithFee);
}

/** UniswapV2Library.getAmountIn; undefined when the pool cannot pay `amountOut`. */
export function getAmountIn(amountOut: bigint, { reserveIn, reserveOut }: Reserves): bigint | undefined {
  if (amountOut <= 0n || reserveIn <= 0n || reserveOut <= amountOut) return undefined;
  return (reserveIn * amountOut * 1000n) / ((reserveOut - amountOut) * 997n) + 1n;
}

/** UniswapV2Library.getAmountsOut over hops; undefined when a hop yields nothing. */
export function getAmountsOut(amountIn: bigint, hops: readonly Reserves[]): bigint[] | undefined {
  const amounts = [amountIn];
  for (const hop of hops) {
    const next = getAmountOut(amounts[amounts.length - 1] ?? 0n, hop);
    if (next === undefined || next === 0n) return undefined;
    amounts.push(next);
  }
  return amounts;
}

/** UniswapV2Library.getAmountsIn over hops; undefined when a pool is too shallow. */
export function getAmountsIn(amountOut: bigint, hops: readonly Reserves[]): bigint[] | undefined {
  const amounts = [amountOut];
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index];
    const previous = hop && getAmountIn(amounts[0] ?? 0n, hop);
    if (previous === undefined) return undefined;
    amounts.unshift(previous);
  }
  return amounts;
}

/**
 * How much worse the trade is than the mid price of the pools (reserve ratio, before fees), in bps.
 * Includes the 0.3% LP fee of each hop, so a tiny one-hop trade shows about 30 bps.
 */
export function priceImpactBps(amountIn: bigint, amountOut: bigint, hops: readonly Reserves[]): number {
  let mid = amountIn * 10n ** 18n;
  for (const hop of hops) mid = (mid * hop.reserveOut) / hop.reserveIn;
  const actual = amountOut * 10n ** 18n;
  if (mid <= 0n || actual >= mid) return 0;
  return Number(((mid - actual) * 10_000n) / mid);
}
