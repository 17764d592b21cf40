/**
 * Exact decimal arithmetic on strings, enough for amounts: "1.5" scaled by 10^3 is "1500", "1" by 10^-3 is
 * "0.001". No floats, so "0.1k" is "100" and never "100.00000000000001".
 */

/** Most digits an amount may have after scaling; beyond this it is a typo, not an amount. */
export const maxAmountDigits = 60;

/** `digits` is an unsigned decimal ("1", "0.25", ".5"); returns its canonical form times 10^shift. */
export function scaleDecimal(digits: string, shift: number): string {
  const [whole = '', fraction = ''] = digits.split('.');
  const all = whole + fraction;
  let point = whole.length + shift;
  let body = all;
  if (point < 0) {
    body = '0'.repeat(-point) + body;
    point = 0;
  } else if (point > body.length) {
    body = body + '0'.repeat(point - body.length);
  }
  return canonical(body.slice(0, point), body.slice(point));
}

/** True when the canonical decimal is 0. */
export function isZero(decimal: string): boolean {
  return !/[1-9]/.test(decimal);
}

/** Compares two canonical unsigned decimals: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const [aw = '0', af = ''] = a.split('.');
  const [bw = '0', bf = ''] = b.split('.');
  if (aw.length !== bw.length) return aw.length < bw.length ? -1 : 1;
  if (aw !== bw) return aw < bw ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const ap = af.padEnd(width, '0');
  const bp = bf.padEnd(width, '0');
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

/** Strips leading zeros of the whole part and trailing zeros of the fraction: "007.50" → "7.5". */
function canonical(whole: string, fraction: string): string {
  const w = whole.replace(/^0+/, '') || '0';
  const f = fraction.replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}

/**
 * `digits` (canonical, unsigned) divided by `parts` when the share is a finite decimal of at most `maxPlaces`
 * places ("10" / 4 is "2.5"); undefined when it is not ("10" / 3 repeats), so no share is ever rounded.
 */
export function divideDecimal(digits: string, parts: number, maxPlaces = 18): string | undefined {
  if (!Number.isInteger(parts) || parts < 1) return undefined;
  const [whole = '0', fraction = ''] = digits.split('.');
  const mantissa = BigInt(whole + fraction);
  for (let extra = 0; fraction.length + extra <= maxPlaces; extra++) {
    const scaled = mantissa * 10n ** BigInt(extra);
    if (scaled % BigInt(parts) === 0n) return scaleDecimal(String(scaled / BigInt(parts)), -(fraction.length + extra));
  }
  return undefined;
}
