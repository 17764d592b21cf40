/**
 * Fractions said in words around a whole unit or a balance, read before the tokenizer (like "½" in
 * ./numberPhrases.ts): "three quarters of an ETH" is 0.75 ETH, "a quarter of an ETH" 0.25 ETH, "three quarters of
 * my USDC" 75% of it, "one and three quarters ETH" 1.75 ETH, "half a dozen" 6. Only shapes with one reading:
 * "a quarter ETH" and "three quarters ETH" (one unit's share or the balance's?) are left to the parser, which
 * refuses them as two readings. "nought point five" is 0.5.
 */
import { numberWords } from './lexicon.js';

const count = '(\\d+|[a-z]+(?:-[a-z]+)?)';
const wholeOf = (word: string): number | undefined => (/^\d+$/.test(word) ? Number(word) : numberWords.has(word) ? Number(numberWords.get(word)) : undefined);

/** `text` with the fraction phrases above said as numbers or percentages; unchanged when there is none. */
export function readFractionWords(text: string): string {
  if (!/quarter|dozen|ught/i.test(text)) return text;
  return text
    // "nought point five": zero in British English, only before "point" ("ought I to …" is no number).
    .replace(/\bn[ao]ught point\b/gi, 'zero point')
    // "three quarters of an ETH", "a quarter of one ETH": a share of one unit.
    .replace(/\b(a|one|three)[\s-]quarters? of (?:an?|one) (?=[a-z])/gi, (match: string, n: string) => (n.toLowerCase() === 'three' ? '0.75 ' : '0.25 '))
    // "three quarters of my USDC", "three-quarters of the DAI": a share of the balance.
    .replace(/\bthree[\s-]quarters (of (?:my|the|all my)\b)/gi, (_match: string, of: string) => `75% ${of}`)
    // "one and three quarters ETH", "2 and a quarter ETH".
    .replace(new RegExp(`\\b${count} and (a|one|three) quarters?\\b`, 'gi'), (match: string, whole: string, n: string) => {
      const value = wholeOf(whole.toLowerCase());
      return value === undefined ? match : String(value + (n.toLowerCase() === 'three' ? 0.75 : 0.25));
    })
    // "half a dozen DAI".
    .replace(/\bhalf an? dozen\b/gi, '6');
}
