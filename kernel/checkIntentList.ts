/**
 * The intent list's contract (kernel/intent.ts's `intentListSchema`) checked by hand, without loading zod:
 * `lucid parse` starts faster when zod and the schemas are not built for one check. It is one-sided on
 * purpose: true only when the schema accepts the value AND would return it unchanged (same fields, same
 * order, no value it converts), so the caller may use the value as the schema's output. false means "not
 * decided here": the caller asks the schema, which decides and words the error. kernel/checkIntentList.test.ts
 * holds it to the schema on every reading of the tuned corpus and on generated values.
 */
import {
  MAX_LOCK_SECONDS,
  chainPattern,
  decimalPattern,
  intentActions,
  percentPattern,
  recipientRefPattern,
  tokenRefPattern,
  venuePattern,
} from './intentFields.js';
import type { IntentList } from './intent.js';

export type CheckIntentListParameters = unknown;
export type CheckIntentListReturnType = boolean;

/** The schema's fields, in its order (zod returns an object's fields in the order of its shape). */
const listFields = ['intents', 'preview', 'notes', 'corrections'];
const intentFields = ['action', 'amount', 'amountUsd', 'amountOut', 'token', 'tokenOut', 'to', 'slippageBps', 'chain', 'venue', 'unlimited', 'lockSeconds'];
const correctionFields = ['from', 'to'];
/** The recipient pattern on ASCII text: \p{L} and \p{N} are the ASCII letters and digits there (no Unicode tables). */
const asciiRecipientPattern = /^(?:0x[0-9a-fA-F]{40}|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/;

/**
 * Whether `value` is an {@link IntentList} the schema would return as it is.
 *
 * @example
 * checkIntentList({ intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] }) // true
 * checkIntentList({ intents: [{ action: 'swap', amount: '1', token: 'ETH' }] }) // false: the schema says why
 */
export function checkIntentList(value: CheckIntentListParameters): value is IntentList {
  if (!hasFieldsInOrder(value, listFields)) return false;
  const { intents, preview, notes, corrections } = value;
  if (!isArrayOf(intents, 1, 16, checkIntent)) return false;
  if ((intents[0] as Record<string, unknown>).amount === 'previous') return false;
  if (preview !== undefined && preview !== true) return false;
  if (notes !== undefined && !isArrayOf(notes, 0, 8, (note) => isString(note, 1, 120))) return false;
  const isCorrection = (item: unknown) => hasFieldsInOrder(item, correctionFields) && isString(item.from, 1, 64) && isString(item.to, 1, 64);
  return corrections === undefined || isArrayOf(corrections, 0, 8, isCorrection);
}

/** A plain array of `min`…`max` items (no holes), each passing `check`. */
function isArrayOf(value: unknown, min: number, max: number, check: (item: unknown) => boolean): value is unknown[] {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype || value.length < min || value.length > max) return false;
  for (let index = 0; index < value.length; index++) if (!(index in value) || !check(value[index])) return false;
  return true;
}

/**
 * A plain object whose own fields are all among `order`, appear in that order and are not undefined (zod
 * would drop or keep an undefined field by rules not worth copying here).
 */
function hasFieldsInOrder(value: unknown, order: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.getOwnPropertySymbols(value).length) return false;
  let at = 0;
  for (const key of Object.keys(value)) {
    while (at < order.length && order[at] !== key) at++;
    if (at === order.length || (value as Record<string, unknown>)[key] === undefined) return false;
    at++;
  }
  // Non-enumerable own fields: zod reads by name, so one of them would count; none is expected.
  return Object.getOwnPropertyNames(value).length === Object.keys(value).length;
}

const isString = (value: unknown, min = 0, max = Infinity): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
const isPositiveDecimal = (value: unknown) => typeof value === 'string' && decimalPattern.test(value) && /[1-9]/.test(value);
const isAmount = (value: unknown) =>
  isPositiveDecimal(value) || value === 'all' || value === 'previous' || (typeof value === 'string' && percentPattern.test(value) && value !== '0%');
const isTokenRef = (value: unknown) => isString(value, 1, 64) && tokenRefPattern.test(value);
const isRecipientRef = (value: unknown) =>
  isString(value, 1, 255) && (/^[\x00-\x7f]*$/.test(value) ? asciiRecipientPattern : recipientRefPattern).test(value);
const isIntegerIn = (value: unknown, min: number, max: number) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** One intent: every field's own check, then the rules on which fields an action needs and forbids. */
function checkIntent(value: unknown): boolean {
  if (!hasFieldsInOrder(value, intentFields)) return false;
  const intent = value;
  if (!(intentActions as readonly unknown[]).includes(intent.action)) return false;
  const fieldChecks: Record<string, (field: unknown) => boolean> = {
    amount: isAmount,
    amountUsd: isPositiveDecimal,
    amountOut: isPositiveDecimal,
    token: isTokenRef,
    tokenOut: isTokenRef,
    to: isRecipientRef,
    slippageBps: (field) => isIntegerIn(field, 0, 10_000),
    chain: (field) => typeof field === 'string' && chainPattern.test(field),
    venue: (field) => isString(field, 1, 40) && venuePattern.test(field),
    unlimited: (field) => field === true,
    lockSeconds: (field) => isIntegerIn(field, 1, MAX_LOCK_SECONDS),
  };
  for (const key of Object.keys(intent)) if (key !== 'action' && !fieldChecks[key]!(intent[key])) return false;
  const has = (field: string) => intent[field] !== undefined;
  const lacks = (...fields: string[]) => fields.every((field) => !has(field));
  const oneAmount = has('amount') !== has('amountUsd');
  let allowed: boolean;
  switch (intent.action) {
    case 'transfer':
      allowed = oneAmount && has('token') && has('to') && lacks('tokenOut', 'amountOut');
      break;
    case 'swap':
      allowed = has('token') && has('tokenOut') && ['amount', 'amountOut', 'amountUsd'].filter(has).length === 1 && lacks('to');
      break;
    case 'wrap':
    case 'unwrap':
    case 'stake':
    case 'unstake':
    case 'supply':
    case 'withdraw':
      allowed = oneAmount && has('token') && lacks('tokenOut', 'amountOut', 'to');
      break;
    case 'approve':
      allowed = has('token') && has('to') && has('amount') !== has('unlimited');
      break;
    case 'revoke':
      allowed = has('token') && has('to') && lacks('amount', 'amountUsd');
      break;
    default: // claim, balance
      allowed = lacks('amount', 'amountUsd', 'amountOut', 'tokenOut', 'to');
  }
  if (intent.action !== 'approve' && has('unlimited')) return false;
  if (intent.action !== 'stake' && has('lockSeconds')) return false;
  if (intent.action === 'approve' && has('amountUsd')) return false;
  if (['transfer', 'approve', 'revoke', 'balance'].includes(intent.action as string) && has('venue')) return false;
  if (intent.action !== 'swap' && has('amountOut')) return false;
  return allowed;
}
