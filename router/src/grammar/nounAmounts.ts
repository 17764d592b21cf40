/**
 * The amount said before an action noun, as a modifier: "make a 5 DAI payment to bob.eth", "execute a 100 USDC transfer
 * to alice.eth", "do a 1 ETH to DAI swap", "place a 50 USDC deposit into aave". Said in the order the light-verb forms
 * of ./parser.ts read ("make a payment of 5 DAI to bob.eth", "do a swap of 1 ETH to DAI"): the noun moves before the
 * amount with an "of" that stands for no typed word. Only after a word that carries an action noun (a light verb, or
 * the particle of one: "carry out", "kick off", "set up", "go ahead with") and an article; every word keeps its token.
 */
import type { Token } from './tokenize.js';

const carriers: ReadonlySet<string> = new Set([
  'make', 'do', 'execute', 'initiate', 'perform', 'process', 'complete', 'submit', 'place', 'conduct', 'effect', 'send', 'run', 'request', 'arrange',
  'out', 'off', 'up', 'with', 'need', 'want',
]);
const articles: ReadonlySet<string> = new Set(['a', 'an', 'one']);
const nouns: ReadonlySet<string> = new Set(['payment', 'transfer', 'transaction', 'swap', 'trade', 'exchange', 'conversion', 'deposit', 'withdrawal', 'supply', 'stake']);
const swapNouns: ReadonlySet<string> = new Set(['swap', 'trade', 'exchange', 'conversion']);
const toWords: ReadonlySet<string> = new Set(['to', 'into', 'for', '->']);

const wordAt = (tokens: readonly Token[], k: number): string | undefined => {
  const token = tokens[k];
  if (token === undefined) return undefined;
  if (token.kind === 'number' || token.kind === 'numberWord') return '#';
  return token.kind === 'punct' ? token.value : token.lower;
};

/** The tokens with each such amount put after its noun, or the same array when there is none. */
export function readAmountsBeforeNouns(tokens: readonly Token[], isSymbol: (word: string | undefined) => boolean): readonly Token[] {
  let out = tokens;
  for (let i = 0; i + 4 < out.length; i++) {
    if (!carriers.has(wordAt(out, i) ?? '') || !articles.has(wordAt(out, i + 1) ?? '') || wordAt(out, i + 2) !== '#') continue;
    let k = i + 3;
    if (out[k]?.kind === 'suffix') k++;
    if (!isSymbol(wordAt(out, k))) continue;
    k++;
    // "do a 1 ETH to DAI swap": what is bought, said before the swap's noun.
    if (toWords.has(wordAt(out, k) ?? '') && isSymbol(wordAt(out, k + 1)) && swapNouns.has(wordAt(out, k + 2) ?? '')) k += 2;
    const noun = out[k];
    if (noun === undefined || !nouns.has(wordAt(out, k) ?? '')) continue;
    const of: Token = { kind: 'word', text: 'of', lower: 'of', value: 'of', start: noun.start, end: noun.start, spaced: true };
    out = [...out.slice(0, i + 2), noun, of, ...out.slice(i + 2, k), ...out.slice(k + 1)];
  }
  return out;
}
