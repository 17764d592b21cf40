/**
 * Ways of asking that look like something else (issue 18, framing): "if you don't mind" is no condition and no
 * negation, only a softener of the asking; "think" is a word of its own, not a slip of "thank". Used by the
 * frame's exceptions (./frame.ts `isException`) and the parser's filler reading (./parser.ts `fillerWord`).
 */
import type { Words } from './phrasePattern.js';

/** The softener's words as the frame matches them: "if you don't mind", "if u dont mind", "if you do not mind". */
const softener: readonly (readonly string[])[] = [
  ['if', 'you', "don't", 'mind'], ['if', 'you', 'dont', 'mind'], ['if', 'u', "don't", 'mind'], ['if', 'u', 'dont', 'mind'], ['if', 'you', 'do', 'not', 'mind'],
];

/**
 * Whether the word at `words[i]` is part of "if you don't mind" (its "if", its negation or any word of it):
 * asking politely, so neither the condition nor the negation rule reads it. "if you mind" and "don't mind
 * the fee, send …" are not it.
 */
export function isPoliteSoftener(words: Words, i: number): boolean {
  for (const phrase of softener)
    for (let offset = 0; offset < phrase.length; offset++) {
      const start = i - offset;
      if (start < 0) continue;
      if (phrase.every((word, k) => words[start + k] === word)) return true;
    }
  return false;
}

/**
 * Real words one letter from a filler word, never read as its slip: "i think i should send …" is a hedge
 * ("thank" would make it a request), "the thing is" is no thanks.
 */
export const notFillerSlips: ReadonlySet<string> = new Set(['think', 'thinks', 'thing', 'things', 'thinking', 'world', 'wound', 'cloud', 'plaster', 'kinda', 'kindle']);

/**
 * An opinion about what to do is not yet the decision (frame hedges, `UNSUPPORTED_INTENT`): "i think i should send
 * …", "i guess we could swap …". Patterns as ./phrasePattern.ts reads them.
 */
export const opinionHedgePatterns: readonly string[] = ['i|we think|guess|suppose|reckon|believe i|we should|could|might|ought|can|will|shall|must'];
