/**
 * For the grammar's tests: the refusal a sentence gets. One helper so every round's tests judge refusals the
 * same way (an `InputError` with the contract's code; anything else, or a reading, fails the test).
 */
import { InputError } from '../../../kernel/index.js';
import { parseWithGrammar } from './index.js';

/** The refusal `text` gets: its code and message. Throws when the words parse or fail with anything but an `InputError`. */
export function refused(text: string): { code: string; message: string } {
  let parsed: unknown;
  try {
    parsed = parseWithGrammar(text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { code: error.code, message: error.message };
  }
  throw new Error(`parsed: ${text} → ${JSON.stringify(parsed)}`);
}

/** The code of the refusal `text` gets (see {@link refused}). */
export const refusalCode = (text: string): string => refused(text).code;
