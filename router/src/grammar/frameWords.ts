/**
 * The words the frame (./frame.ts) and its question readers (./quoteQuestions.ts) share: how a token is matched
 * as a word, which words are action verbs, token symbols or the end of a clause, the hints a refusal carries, and
 * the synthetic words a reading adds when it rewrites a question as a command.
 */
import { intentErrorCodes, knownSymbols, type IntentErrorCode } from '../../../kernel/core.js';
import { verbs } from './lexicon.js';
import { matchAt, type Pattern, type Words } from './phrasePattern.js';
import type { Token } from './tokenize.js';

/** The word a token is matched as: lower-case words, "#" for numbers, punctuation as its mark. */
export function wordOf(token: Token): string {
  if (token.kind === 'number' || token.kind === 'numberWord') return '#';
  if (token.kind === 'punct') return token.value;
  return token.lower;
}

/** Length of the first pattern matching at `i`, or 0. */
export function matchAny(words: Words, i: number, patterns: readonly Pattern[]): number {
  for (const pattern of patterns) if (matchAt(words, i, pattern)) return pattern.length;
  return 0;
}

export function isActionVerb(word: string): boolean {
  const kind = verbs.get(word);
  return kind !== undefined && kind !== 'balance';
}

let symbolSet: ReadonlySet<string> | undefined;
/** Every token symbol of every list, lower-case, and the native asset's names. */
export function symbolWords(): ReadonlySet<string> {
  return (symbolSet ??= new Set([...knownSymbols().map((symbol) => symbol.toLowerCase()), 'eth', 'ether']));
}

/** The end of a sentence or clause: nothing, or a mark. */
export function isEnd(word: string | undefined): boolean {
  return word === undefined || word === '.' || word === '!' || word === '?' || word === ',' || word === ';';
}

/** The suggestion a refusal of the frame carries, by its code. */
export function hintsFor(code: IntentErrorCode): string[] {
  if (code === intentErrorCodes.ambiguous) return ['say exactly one amount, token and recipient, like: send 20 USDC to alice.eth'];
  return ['say what Lucid should do now, like: swap 1 ETH for USDC (or "quote …" to only look)'];
}

/** Words that may open a request before the words a frame reads ("hey", "ok so", "quick question:"). */
export const openingFiller: ReadonlySet<string> = new Set(['hey', 'hi', 'hello', 'lucid', 'ok', 'okay', 'so', 'um', 'well', 'quick', 'question', ',', ':', '-']);

/** A word the reading adds (a verb or link the question implied), placed at `near` for messages. */
export function synthetic(word: string, near: Token): Token {
  return { kind: 'word', value: word, text: word, lower: word, start: near.start, end: near.start, spaced: true };
}
