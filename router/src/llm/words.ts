/**
 * The user's words as the LLM's grounding reads them: a list of words with their positions, and the
 * mentions in them — numbers (with their scale, a `%` or a `$`), token symbols and names — each at a word
 * index, so a value can be tied to the words around it (its role), not merely found somewhere in the text.
 */

/** One word of the text, lower-cased, with the spelling the user wrote. */
export type Word = { text: string; written: string };

/**
 * A number in the words: `value` is a canonical decimal; [start, end) are word indices. `share` marks one said
 * as a share word ("half", "a quarter", "three quarters"), which may be a part of one unit or of the balance.
 */
export type NumberMention = { start: number; end: number; value: string; percent: boolean; dollar: boolean; bps: boolean; share?: true };

const wordPattern =
  /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])|\$?(?:\d[\d,_]*(?:\.\d+)?|\.\d+)(?:k|mm|m|bn|b)?(?![\p{L}\p{N}])|[\p{L}\p{N}_$][\p{L}\p{N}_.'’-]*|%|→|->|=>|[,;:&+]/giu;

/** Splits the text into words; a trailing full stop or apostrophe is not part of a word ("alice.eth."). */
export function readWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(wordPattern)) {
    let written = match[0];
    while (written.length > 1 && /[.'’-]$/.test(written)) written = written.slice(0, -1);
    // "don't" reads as "don" + "n't", so negations are one word each way they are written.
    const contraction = /^(.+)n['’]t$/i.exec(written);
    if (contraction) {
      words.push({ text: contraction[1]!.toLowerCase(), written: contraction[1]! });
      words.push({ text: "n't", written: "n't" });
      continue;
    }
    words.push({ text: written.toLowerCase(), written });
  }
  return words;
}

const scaleSuffixes: Record<string, number> = { k: 3, thousand: 3, m: 6, mm: 6, mil: 6, million: 6, b: 9, bn: 9, billion: 9 };
const units: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const scales: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const percentWords = new Set(['%', 'percent', 'pct', 'per-cent']);
const dollarWords = new Set(['dollars', 'dollar', 'usd', 'bucks']);
const bpsWords = new Set(['bps', 'bp', 'bips']);

/** Every number the words state, with where it stands. */
export function readNumbers(words: readonly Word[]): NumberMention[] {
  const mentions: NumberMention[] = [];
  const push = (start: number, end: number, value: string, dollar = false, share = false) => {
    const next = words[end]?.text;
    const percent = next !== undefined && percentWords.has(next);
    const isDollar = dollar || (next !== undefined && dollarWords.has(next));
    const bps = next !== undefined && (bpsWords.has(next) || (next === 'basis' && words[end + 1]?.text === 'points'));
    mentions.push({ start, end: percent || isDollar || bps ? end + 1 : end, value, percent, dollar: isDollar, bps, ...(share ? { share } : {}) });
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.text;
    const numeric = /^(\$?)(\d[\d,_]*(?:\.\d+)?|\.\d+)(k|mm|m|bn|b)?$/.exec(word);
    if (numeric) {
      const raw = numeric[2]!.replace(/[,_]/g, '');
      if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(raw)) continue;
      let value = canonicalDecimal(raw.startsWith('.') ? `0${raw}` : raw);
      let end = i + 1;
      const suffix = numeric[3] ?? (words[i + 1] && words[i + 1]!.text in scaleSuffixes ? words[i + 1]!.text : undefined);
      if (suffix) {
        value = shiftDecimal(value, scaleSuffixes[suffix]!);
        if (!numeric[3]) end = i + 2;
      }
      push(i, end, value, numeric[1] === '$' || words[i - 1]?.text === '$');
      continue;
    }
    if (word === 'half') push(words[i - 1]?.text === 'a' ? i - 1 : i, i + 1, '0.5', false, true);
    if (word === 'quarter' || word === 'quarters') {
      if (words[i - 1]?.text === 'three') push(i - 1, i + 1, '0.75', false, true);
      else push(words[i - 1]?.text === 'a' ? i - 1 : i, i + 1, '0.25', false, true);
    }
    const read = readNumberWords(words, i);
    if (!read) continue;
    let value = String(read.value);
    let end = read.end;
    if (words[end]?.text === 'and' && words[end + 1]?.text === 'a' && words[end + 2]?.text === 'half') {
      value = canonicalDecimal(`${read.value}.5`);
      end += 3;
    }
    push(i, end, value);
    i = end - 1;
  }
  return mentions;
}

/** Reads a run of number words from `start` ("two hundred and fifty", "a thousand"); undefined if none. */
function readNumberWords(words: readonly Word[], start: number): { value: number; end: number } | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  let i = start;
  for (; i < words.length; i++) {
    const word = words[i]!.text;
    if (word in units) {
      current += units[word]!;
      seen = true;
    } else if (word in scales && (seen || (i === start + 1 && (words[start]!.text === 'a' || words[start]!.text === 'an')))) {
      const scale = scales[word]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      seen = true;
    } else if ((word === 'a' || word === 'an') && i === start && (words[i + 1]?.text ?? '') in scales) {
      continue;
    } else if (word === 'and' && seen && (words[i + 1]?.text ?? '') in units) {
      continue;
    } else break;
  }
  if (!seen) return undefined;
  return { value: total + current, end: i };
}

/** Where `phrase` (one or more words, lower-case) stands in the words, as start indices. */
export function findPhrase(words: readonly Word[], phrase: string): number[] {
  const parts = phrase.toLowerCase().split(/\s+/);
  const found: number[] = [];
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((part, k) => stripDollar(words[i + k]!.text) === part)) found.push(i);
  }
  return found;
}

function stripDollar(word: string): string {
  return word.length > 1 && word.startsWith('$') && !/^\$\d/.test(word) ? word.slice(1) : word;
}

/** "007.50" → "7.5"; "1.0" → "1". */
export function canonicalDecimal(value: string): string {
  const [int = '0', fraction = ''] = value.split('.');
  const whole = int.replace(/^0+(?=\d)/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** Multiplies a decimal string by 10^places (negative places divide), exactly. */
export function shiftDecimal(value: string, places: number): string {
  const [int = '0', fraction = ''] = value.split('.');
  let digits = int + fraction;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  return canonicalDecimal(`${digits.slice(0, point) || '0'}.${digits.slice(point)}`);
}

/** Edit distance counting insert, delete, substitute and swapping two neighbours as one each, for spelling slips. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
