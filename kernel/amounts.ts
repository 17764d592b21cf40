/**
 * Human units for bigint amounts. Every number Lucid shows a person goes through here, so that "2950.12 USDC"
 * reads the same in the report, the expectation check and the risk flags; and every decimal a person typed
 * becomes base units through {@link parseUnits}. Exact bigint arithmetic, no floats. Written here rather
 * than taken from viem because the kernel loads on `lucid parse`, where viem's index costs ~400 ms.
 */

/** Base units → the exact decimal in human units, no grouping, no trailing zeros: 1500000n, 6 → "1.5". */
export function formatUnits(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const integer = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A non-negative decimal in human units → base units, exactly: "1.5", 6 → 1500000n. Trailing zeros past
 * `decimals` are fine; a non-zero digit there cannot be represented and throws (callers that take input
 * from a person check first and say so in their own words).
 *
 * @throws RangeError when `decimal` is not a plain decimal or needs more than `decimals` fraction digits.
 */
export function parseUnits(decimal: string, decimals: number): bigint {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(decimal);
  if (!match || decimal === '' || decimal === '.') throw new RangeError(`not a decimal number: "${decimal}"`);
  const [, integer = '', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > decimals) throw new RangeError(`"${decimal}" has more than ${decimals} decimals`);
  return BigInt(`${integer || '0'}${fraction.padEnd(decimals, '0')}`);
}

export type FormatUnitsHumanOptions = {
  /** Most fraction digits to keep (rounded toward zero). Default 6. */
  maxFractionDigits?: number | undefined;
  /** Group the integer part with commas ("1,234.5"). Default true. */
  group?: boolean | undefined;
};

/**
 * Formats base units as a decimal in human units, trimmed: 2950120000n with 6 decimals → "2,950.12".
 * Amounts that would round to zero keep enough digits to stay non-zero ("0.000000001"), so a dust amount
 * never reads as "0".
 *
 * @param value - Amount in base units (may be negative).
 * @param decimals - The token's decimals.
 * @returns The amount in human units.
 * @example formatUnitsHuman(-1500000000000000000n, 18) // '-1.5'
 */
export function formatUnitsHuman(value: bigint, decimals: number, options: FormatUnitsHumanOptions = {}): string {
  const maxFractionDigits = options.maxFractionDigits ?? 6;
  const group = options.group ?? true;
  const negative = value < 0n;
  const full = formatUnits(negative ? -value : value, decimals);
  const [integer = '0', fraction = ''] = full.split('.');
  let kept = fraction.slice(0, maxFractionDigits).replace(/0+$/, '');
  // A non-zero amount must not print as 0: keep digits up to the first significant one.
  if (!kept && integer === '0' && /[1-9]/.test(fraction)) kept = fraction.slice(0, fraction.search(/[1-9]/) + 1);
  const groupedInteger = group ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : integer;
  return `${negative ? '-' : ''}${groupedInteger}${kept ? `.${kept}` : ''}`;
}

/** The largest uint256: what "unlimited" approvals set. */
export const maxUint256 = 2n ** 256n - 1n;

/** "1.5 USDC", or "unlimited USDC" for approvals at (or near) the uint256 maximum. */
export function formatAmount(value: bigint, decimals: number, symbol: string): string {
  if (value >= maxUint256 / 2n) return `unlimited ${symbol}`;
  return `${formatUnitsHuman(value, decimals)} ${symbol}`;
}
