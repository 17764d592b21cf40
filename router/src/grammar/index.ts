/**
 * The embedded intent parser: offline, deterministic, no model. Words in, {@link IntentList} out, or an
 * `UNPARSEABLE_INTENT` {@link InputError} that quotes the word it could not use and shows where it stands.
 *
 * Pipeline: {@link tokenize} (typed tokens with positions) → {@link parseTokens} (recursive descent, one
 * production per action) → `intentListSchema.parse` (the schema is the contract; nothing leaves unchecked).
 */
import { InputError, intentListSchema, type IntentList } from '../../../kernel/index.js';
import { unparseableCode } from './errors.js';
import { readWithGrammar, type ParseWithGrammarOptions, type ReadWithGrammarReturnType } from './readIntents.js';

export { damerauLevenshtein, nearest } from './distance.js';
export { examples, unparseableCode } from './errors.js';
export { maxInputLength, tokenize, type Token, type TokenKind } from './tokenize.js';
export { readWithGrammar, type ParseWithGrammarOptions, type ReadWithGrammarReturnType } from './readIntents.js';

export type ParseWithGrammarReturnType = IntentList;
export type ParseWithGrammarErrorType = InputError;

/**
 * Parses what a person typed into intents, one per step, in order.
 *
 * @param text - The words, e.g. `swap 1 ETH for USDC then send 50 USDC to alice.eth`.
 * @param options - {@link ParseWithGrammarOptions}.
 * @returns The {@link IntentList}, already checked against `intentListSchema`.
 * @throws InputError `UNPARSEABLE_INTENT` (exit 2) with the word it could not use, a caret line in
 *   `details` and a hint with a sentence that would parse.
 *
 * @example
 * parseWithGrammar('swap 1.5k usdc for eth with 0.5% slippage on base')
 * // { intents: [{ action: 'swap', amount: '1500', token: 'USDC', tokenOut: 'ETH', slippageBps: 50, chain: 'base' }] }
 */
export function parseWithGrammar(text: string, options: ParseWithGrammarOptions = {}): ParseWithGrammarReturnType {
  return checkGrammarReading(readWithGrammar(text, options));
}

/** The grammar's reading checked against `intentListSchema`: the schema's output, or the InputError it words. */
export function checkGrammarReading(reading: ReadWithGrammarReturnType): IntentList {
  // jitless: the same checks without zod's compiled fast path, whose build (new Function, which the start
  // script's code cache cannot keep) costs a one-shot `lucid parse` more than the one parse it speeds up.
  const checked = intentListSchema.safeParse(
    reading,
    { jitless: true },
  );
  if (!checked.success) {
    // The grammar should never build an intent the schema refuses; if it does, say what, not a stack trace.
    const issue = checked.error.issues[0];
    throw new InputError(unparseableCode, `could not build an intent: ${issue?.path.join('.') || 'intent'} ${issue?.message ?? 'is invalid'}`, {
      hints: ['try: swap 1 ETH for USDC'],
    });
  }
  return checked.data;
}
