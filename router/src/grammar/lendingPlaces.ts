/**
 * Where lent funds are, said without a venue's name or through the user's position in one, after a verb that lends or
 * takes out of lending:
 *
 * - "supply 100 USDC to the lending pool", "deposit 100 USDC into a lending protocol", "put 100 USDC into lending",
 *   "withdraw 100 USDC from the lending market": lending in general. The words say no venue, so none is set and every
 *   lending agent competes, as for "lend 100 USDC".
 * - "withdraw 100 USDC from my position on aave", "… of my aave deposit", "… from my lending position", "remove 100 USDC
 *   from my aave supply": the user's position in a venue is the venue ("from aave"), or lending in general.
 * - "supply 100 USDC to the USDC pool on aave", "… into aave's USDC pool", "… into the aave USDC market": the pool of a
 *   token in a venue is the venue; without a venue's name, lending in general.
 *
 * Only after a lending or withdrawing verb (./lexicon.ts kinds supply, deposit, withdraw, redeem): "send 100 USDC to the
 * lending pool" stays refused. The place's words are recognised and dropped; a venue named in them is kept after "from"
 * or "to" as the productions read it.
 */
import { verbs, venuePhrases } from './lexicon.js';
import type { Token } from './tokenize.js';

const lendingKinds: ReadonlySet<string> = new Set(['supply', 'deposit', 'withdraw', 'redeem', 'remove']);
const takingKinds: ReadonlySet<string> = new Set(['withdraw', 'redeem', 'remove']);
const intoWords: ReadonlySet<string> = new Set(['to', 'into', 'in', 'on', 'with']);
const fromWords: ReadonlySet<string> = new Set(['from', 'of']);
const determiners: ReadonlySet<string> = new Set(['the', 'a', 'an', 'my', 'our', 'any']);
const placeNouns: ReadonlySet<string> = new Set(['pool', 'pools', 'market', 'markets', 'protocol', 'protocols', 'platform', 'vault']);
const positionNouns: ReadonlySet<string> = new Set(['position', 'deposit', 'deposits', 'supply', 'stake']);
const venueLinks: ReadonlySet<string> = new Set(['on', 'in', 'at', 'with']);

const wordAt = (tokens: readonly Token[], k: number): string => {
  const token = tokens[k];
  if (token === undefined) return '';
  if (token.kind === 'number' || token.kind === 'numberWord') return '#';
  return token.kind === 'punct' ? token.value : token.lower;
};

/** Length of a venue's name at `k` (its words, as ./lexicon.ts venuePhrases spell them), or 0. */
function venueAt(tokens: readonly Token[], k: number): number {
  let best = 0;
  for (const phrase of venuePhrases)
    if (phrase.words.length > best && phrase.words.every((word, j) => wordAt(tokens, k + j) === word)) best = phrase.words.length;
  return best;
}

/** The tokens with each such place read, or the same array when there is none. */
export function readLendingPlaces(tokens: readonly Token[], isSymbol: (word: string | undefined) => boolean): readonly Token[] {
  const verbAt = tokens.findIndex((token) => token.kind === 'word' && lendingKinds.has(verbs.get(token.lower) ?? ''));
  if (verbAt === -1) return tokens;
  const taking = takingKinds.has(verbs.get(tokens[verbAt]!.lower) ?? '');
  let out = tokens;
  for (let i = verbAt + 1; i < out.length; i++) {
    const prep = wordAt(out, i);
    if (!(taking ? fromWords : intoWords).has(prep)) continue;
    let k = i + 1;
    const determiner = determiners.has(wordAt(out, k)) ? wordAt(out, k++) : undefined;
    let venueStart = k;
    let venueLength = venueAt(out, k);
    // "aave's USDC pool": the venue's possessive.
    const possessive = venueLength === 0 && /^[a-z0-9-]+['’]s$/.test(wordAt(out, k)) ? venuePhrases.find((phrase) => phrase.words.length === 1 && phrase.words[0] === wordAt(out, k).slice(0, -2)) : undefined;
    if (possessive) venueLength = 1;
    k += venueLength;
    // "the USDC pool (on aave)", "the aave USDC market": the pool of the token lent.
    // Only the pool of the token the step moves: "supply 100 USDC to the DAI pool" names two tokens, left refused.
    const poolToken = wordAt(out, k);
    const tokenPool = isSymbol(poolToken) && placeNouns.has(wordAt(out, k + 1)) && out.slice(verbAt, i).some((_, j) => wordAt(out, verbAt + j) === poolToken);
    if (tokenPool) k++;
    let end: number | undefined;
    if (tokenPool) {
      end = k + 1;
    } else if (possessive) {
      continue;
    } else if (wordAt(out, k) === 'lending' && venueLength === 0) {
      // "the lending pool", "lending" alone ("put 100 USDC into lending"), "my lending position".
      end = placeNouns.has(wordAt(out, k + 1)) || positionNouns.has(wordAt(out, k + 1)) ? k + 2 : k + 1;
    } else if (wordAt(out, k) === 'money' && wordAt(out, k + 1) === 'market' && venueLength === 0) {
      end = k + 2;
    } else if ((determiner === 'my' || determiner === 'our') && positionNouns.has(wordAt(out, k))) {
      // "from my aave position", "of my aave deposit", "from my position on aave".
      end = k + 1;
    }
    if (end === undefined) continue;
    let venue: Token[] = venueLength ? out.slice(venueStart, venueStart + venueLength) : [];
    if (possessive) {
      const named = out[venueStart]!;
      const word = possessive.words[0]!;
      venue = [{ ...named, text: named.text.slice(0, -2), lower: word, value: word }];
    }
    if (!venueLength && venueLinks.has(wordAt(out, end)) && venueAt(out, end + 1)) {
      const length = venueAt(out, end + 1);
      venue = out.slice(end + 1, end + 1 + length);
      end += 1 + length;
    }
    const at = out[i]!;
    const link: Token = { kind: 'word', text: taking ? 'from' : 'to', lower: taking ? 'from' : 'to', value: taking ? 'from' : 'to', start: at.start, end: at.start, spaced: true };
    out = [...out.slice(0, i), ...(venue.length ? [link, ...venue] : []), ...out.slice(end)];
  }
  return out;
}
