/**
 * Words that point at what the step before produced, beyond "it" and "the proceeds": the output said as an amount
 * ("that amount", "the whole amount", "the full sum"), as tokens ("those tokens"), described after its noun ("the USDC
 * received", "the amount obtained"), or not said at all: a step with no object after a step that produced something
 * ("swap 1 ETH for stETH, then stake", "wrap 2 ETH and send to bob", "… and deposit into aave").
 *
 * Plain data and token tests; the parser reads them in `startsReference`, `reference` and `impliedOutput`, where the
 * output is resolved (or refused as ambiguous) exactly as for "it".
 */
import type { Token } from './tokenize.js';

/** "amount", "whole amount", "full sum": the output as a quantity, after "the" / "that" / "this". */
export const outputAmountNouns: readonly (readonly string[])[] = ['whole', 'full', 'entire', 'total', 'exact'].flatMap((whole) => [
  [whole, 'amount'],
  [whole, 'sum'],
]).concat([['amount'], ['sum']]);

/** Participles that describe the output after its noun: "the USDC received", "the amount obtained". */
export const outputParticiples: readonly string[] = ['received', 'obtained', 'bought', 'purchased', 'acquired', 'gotten', 'got', 'swapped', 'produced', 'returned'];

const determiners: ReadonlySet<string> = new Set(['the', 'that', 'this', 'those', 'these']);
const tokenNounWords: ReadonlySet<string> = new Set(['token', 'tokens', 'coin', 'coins', 'funds']);

function wordAt(tokens: readonly Token[], index: number): string | undefined {
  const t = tokens[index];
  return t?.kind === 'word' ? t.lower : undefined;
}

/**
 * Whether the words at `at` name an earlier output by a noun: a determiner and an amount noun not followed by "of"
 * ("that amount", "the whole amount"; "the amount of 5 USDC" is an amount), or "that/those tokens".
 */
export function startsOutputNoun(tokens: readonly Token[], at: number): boolean {
  const head = wordAt(tokens, at);
  if (head === undefined || !determiners.has(head)) return false;
  for (const phrase of outputAmountNouns) {
    if (phrase.every((word, k) => wordAt(tokens, at + 1 + k) === word) && wordAt(tokens, at + 1 + phrase.length) !== 'of') return true;
  }
  return head !== 'the' && tokenNounWords.has(wordAt(tokens, at + 1) ?? '');
}

/**
 * Whether `t` (the word after a verb that found no object) leaves the object unsaid: the end, a mark, a joiner, or
 * the preposition that starts a recipient, a venue or a chain.
 */
export function objectlessStepEnds(t: Token | undefined): boolean {
  if (t === undefined) return true;
  if (t.kind === 'punct') return [',', '.', ';', '!', '->', '→'].includes(t.value);
  return t.kind === 'word' && ['to', 'into', 'in', 'on', 'with', 'via', 'through', 'using', 'at', 'then', 'and', 'over', 'please', 'pls'].includes(t.lower);
}
