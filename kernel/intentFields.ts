/**
 * The intent's vocabulary without zod: the actions, the lock bound and the patterns its fields must match.
 * kernel/intent.ts builds its schemas from these, and ./checkIntentList.ts (the check `lucid parse` runs
 * without loading zod) reads the same ones, so the two cannot drift on a pattern.
 */
export const intentActions = [
  'transfer',
  'swap',
  'wrap',
  'unwrap',
  'stake',
  'unstake',
  'claim',
  'approve',
  'revoke',
  'balance',
  'supply',
  'withdraw',
] as const;
export type IntentAction = (typeof intentActions)[number];

/** The capital pool's longest lock: two years (`CapitalPool.MAX_LOCK`), the lock with the largest multiplier. */
export const MAX_LOCK_SECONDS = 730 * 86_400;

/** A non-negative decimal in human units, no exponent, no separators: "0.5", "1000". */
export const decimalPattern = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
/** A percentage of the balance, 0 < N ≤ 100: "25%", "12.5%". */
export const percentPattern = /^(?:100|[1-9]?\d(?:\.\d+)?)%$/;
/** A venue: lower-case words joined by hyphens ("uniswap", "capital-pool"). */
export const venuePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A token: a 0x address, or a symbol as the token list spells it. */
export const tokenRefPattern = /^(?:0x[0-9a-fA-F]{40}|[A-Za-z0-9.$_-]{1,32})$/;
/** A recipient or spender: a 0x address, an ENS name or a contact's name (letters and digits of any script). */
export const recipientRefPattern = /^(?:0x[0-9a-fA-F]{40}|[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*)$/u;
/** A chain: a viem chain name ("mainnet", "base", "arbitrumSepolia"). */
export const chainPattern = /^[a-z][a-zA-Z0-9]*$/;
