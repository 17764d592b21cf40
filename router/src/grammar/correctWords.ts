/**
 * Spelling slips in the grammar's closed vocabularies ("twnety", "percnt", "wroth", "hlaf", "rewrds",
 * "ehter", "remvoe", "simualte", "previw", "wnat", "coud"), corrected before the frame and the productions
 * read the words, so a slipped negation is still a negation and a slipped number still a number. Only
 * words that are nothing else (not a symbol, verb, or reserved word) are touched; each change is recorded.
 */
import { numberWords, preambleWords, reservedWords, scaleSuffixes, tailWords, verbs } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Closed-class words a slip may stand for: number words, units, and the function words requests lean on. */
const vocabulary: readonly string[] = [
  ...[...numberWords.keys()].filter((word) => word.length >= 4 && !word.includes('-')),
  // Round 8: scale words slip too ("thousnad", "hundrd", "milion").
  'hundred', 'thousand', 'million', 'billion', 'dozen',
  'percent', 'worth', 'half', 'rewards', 'reward', 'ether', 'would', 'could', 'should', 'want', 'remove', 'simulate', 'preview',
  'urgent', 'please', 'kindly', 'thanks', 'wants', 'asked', 'told', 'already', 'quarter', 'quarters', 'entire', 'entirety', 'whole', 'balance', 'everything', 'allowance',
  'approval', 'permission', 'exchange', 'estimate', 'instead', 'without', 'don\'t', 'dont', 'never', 'what', 'each',
  // Real words one letter from a target, kept as typed: "review:" asks about the words, it is no slip of "preview".
  'review',
  // "wats 2 ETH worth in USDC": the frame reads "wats" as a slip of "what's", never of "wants".
  'wats',
  // Round 9: the step joiner, the preposition of venues and slippage, and chain names slip too ("thne", "wiht", "mainet").
  'then', 'with', 'mainnet', 'ethereum', 'arbitrum', 'optimism', 'polygon',
];

const vocabularySet: ReadonlySet<string> = new Set(vocabulary);

export type CorrectWordsReturnType = { tokens: Token[]; corrections: { from: string; to: string }[] };

/** Rewrites slipped closed-class words in `tokens`; `isSymbol` says which words are token symbols. */
export function correctWords(tokens: readonly Token[], isSymbol: (word: string) => boolean): CorrectWordsReturnType {
  const corrections: { from: string; to: string }[] = [];
  const out = tokens.map((t, i) => {
    // "al my DAI", "all off my DAI": short slips fixed only where nothing else fits ("Al" alone may be a name).
    const slip = contextSlip(tokens, i);
    if (slip) {
      corrections.push({ from: t.text, to: slip });
      return { ...t, lower: slip };
    }
    if (t.kind !== 'word' || t.lower.length < 4 || !/^[a-z]+$/.test(t.lower)) return t;
    if (reservedWords.has(t.lower) || preambleWords.has(t.lower) || tailWords.has(t.lower) || verbs.has(t.lower) || vocabularySet.has(t.lower) || isSymbol(t.lower)) return t;
    const guess = guessOf(t.lower);
    if (guess === undefined) return t;
    corrections.push({ from: t.text, to: guess });
    const number = numberWords.get(guess);
    const scale = scaleSuffixes.get(guess);
    if (scale !== undefined) return { ...t, kind: 'suffix' as const, lower: guess, value: String(scale) };
    return number === undefined ? { ...t, lower: guess } : { ...t, kind: 'numberWord' as const, lower: guess, value: number };
  });
  return { tokens: out, corrections };
}

/** "al" before "my"/"of"/"the" is "all"; "off" between "all" and "my"/"the" is "of". */
function contextSlip(tokens: readonly Token[], i: number): string | undefined {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  const nextIs = (...words: string[]) => next?.kind === 'word' && words.includes(next.lower);
  if (t.kind !== 'word') return undefined;
  if (t.lower === 'al' && nextIs('my', 'of', 'the')) return 'all';
  if (t.lower === 'off' && tokens[i - 1]?.kind === 'word' && tokens[i - 1]!.lower === 'all' && nextIs('my', 'the')) return 'of';
  // "swap 1 ETH for DAI adn then send …", "annd": "and" with two letters swapped or one doubled, only before "then" or a
  // verb's place after a step, never where a short word could be meant ("nad" alone is left as typed).
  if (i > 0 && next?.kind === 'word' && !['and', 'nad'].includes(t.lower) && (isSwap(t.lower, 'and') || isDoubled(t.lower, 'and'))) return 'and';
  return undefined;
}

/**
 * Only the slips a keyboard makes without making another word: two neighbouring letters swapped ("hlaf",
 * "twnety", "remvoe") or one letter left out ("coud", "percnt", "rewrds"). Substitutions and extra letters
 * are left alone, since they turn real words into vocabulary ("other" → "ether", "regards" → "rewards").
 */
function guessOf(word: string): string | undefined {
  const found = vocabulary.filter((c) => (c.length === word.length && isSwap(word, c)) || (c.length === word.length + 1 && word.length >= 4 && isDrop(word, c)));
  return found.length === 1 ? found[0] : undefined;
}

function isSwap(word: string, candidate: string): boolean {
  let i = 0;
  while (i < word.length && word[i] === candidate[i]) i++;
  return i < word.length - 1 && word[i] === candidate[i + 1] && word[i + 1] === candidate[i] && word.slice(i + 2) === candidate.slice(i + 2);
}

/** "annd" for "and": one letter of `candidate` typed twice. */
function isDoubled(word: string, candidate: string): boolean {
  if (word.length !== candidate.length + 1) return false;
  for (let i = 0; i + 1 < word.length; i++) if (word[i] === word[i + 1] && word.slice(0, i) + word.slice(i + 1) === candidate) return true;
  return false;
}

function isDrop(word: string, candidate: string): boolean {
  let i = 0;
  while (i < word.length && word[i] === candidate[i]) i++;
  return word.slice(i) === candidate.slice(i + 1);
}
