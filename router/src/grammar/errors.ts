/**
 * How the grammar says no: one {@link InputError} code, `UNPARSEABLE_INTENT`, a message that quotes the word
 * it could not use, a caret line under that word in `details`, and a hint with a sentence that would parse.
 */
import { InputError, intentErrorCodes, type IntentErrorCode } from '../../../kernel/core.js';

export const unparseableCode = intentErrorCodes.unparseable;

/** Sentences that parse, one per action, offered as hints. */
export const examples = {
  transfer: 'send 20 USDC to alice.eth',
  swap: 'swap 1 ETH for USDC',
  buy: 'buy 100 USDC with ETH',
  wrap: 'wrap 1 ETH',
  unwrap: 'unwrap 0.5 WETH',
  stake: 'stake 5 stETH',
  unstake: 'unstake all stETH',
  claim: 'claim my rewards',
  approve: 'approve 100 USDC for 0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D',
  revoke: 'revoke USDC approval for 0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D',
  balance: "what's my USDC balance",
  multi: 'swap 1 ETH for USDC then send 50 USDC to alice.eth',
} as const;
export type ExampleKey = keyof typeof examples;

/** A span of the input: [start, end) in UTF-16 code units, as the tokenizer records them. */
export type Span = { start: number; end: number };

export type UnparseableErrorType = InputError;

/** Builds the error; `span` points at the word in `source` that could not be used. */
export function unparseable(
  source: string,
  span: Span | undefined,
  message: string,
  example: ExampleKey | readonly ExampleKey[] = 'swap',
): InputError {
  const keys: readonly ExampleKey[] = typeof example === 'string' ? [example] : example;
  return new InputError(unparseableCode, message, {
    details: span ? caret(source, span) : undefined,
    hints: keys.map((key) => `try: ${examples[key]}`),
  });
}

/**
 * A refusal with a specific code (ambiguous, unsupported, unknown token or chain): the message says what
 * was understood and why it is not done; the caret points at the words that decided it.
 */
export function refusal(
  code: IntentErrorCode,
  source: string,
  span: Span | undefined,
  message: string,
  hints: readonly string[] = [],
): InputError {
  return new InputError(code, message, { details: span ? caret(source, span) : undefined, hints: [...hints] });
}

/** Quotes a word from the input for a message: control characters escaped, long words cut. */
export function quote(word: string): string {
  const safe = visible(word);
  return `"${safe.length > 48 ? `${safe.slice(0, 45)}...` : safe}"`;
}

/** The input (or an 80-column window of it) with a caret line under `span`, and the column. */
function caret(source: string, span: Span): string {
  const width = 80;
  const from = Math.max(0, Math.min(span.start - 20, source.length - width));
  const to = Math.min(source.length, from + width);
  const line = visible(source.slice(from, to));
  const prefix = from > 0 ? '...' : '';
  const start = Math.max(0, span.start - from) + prefix.length;
  const length = Math.max(1, Math.min(span.end, to) - Math.max(span.start, from));
  return `${prefix}${line}${to < source.length ? '...' : ''}\n${' '.repeat(start)}${'^'.repeat(length)}\n(column ${span.start + 1})`;
}

/**
 * Replaces control and invisible characters one for one with U+FFFD, so the text can be printed and the
 * caret still lines up with it. Terminal escape sequences in hostile input never reach the screen.
 */
function visible(text: string): string {
  // In ASCII the control characters are \x00-\x1f and \x7f, and none is a format character: no Unicode class
  // (built from ICU's tables on first use, milliseconds of a `lucid parse`) is needed for it.
  return /[^\x00-\x7f]/.test(text) ? text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '\uFFFD') : text.replace(/[\x00-\x1f\x7f]/g, '\uFFFD');
}
