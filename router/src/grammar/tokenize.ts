/**
 * The tokenizer: turns the input into typed tokens with source positions, so the grammar never looks at
 * raw characters. Each token records `start`/`end` (UTF-16 offsets into the input) for the caret in errors.
 *
 * Hostile input is refused here with a clear error: over-long input, control and invisible characters
 * (zero-width spaces, bidi overrides), letters outside ASCII (look-alikes such as Cyrillic "С" in "USDС"),
 * malformed numbers and addresses. Every pattern is a sticky, linear regex applied at one position.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { maxAmountDigits, scaleDecimal } from './decimal.js';
import { quote, refusal, unparseable, type Span } from './errors.js';
import { numberWords, scaleSuffixes } from './lexicon.js';

/** The longest input the grammar reads; longer text is refused before tokenizing. */
export const maxInputLength = 1000;

/** The longest run of one punctuation mark read ("!!!" is tone); longer runs are refused before they cost anything. */
const maxMarkRun = 12;

export type TokenKind = 'number' | 'numberWord' | 'suffix' | 'percent' | 'address' | 'ens' | 'word' | 'punct';

export type Token = Span & {
  kind: TokenKind;
  /** The text as written. */
  text: string;
  /** Lower-case text (with ’ as '): what word matching uses. */
  lower: string;
  /**
   * number / numberWord: the canonical decimal ("1000" for "1,000", "0.001" for "1e-3");
   * suffix: the power of ten as a string ("3" for k); punct: the normalised mark ("->" for →).
   */
  value: string;
  /** number: written with a leading "$". */
  dollar?: boolean;
  /** Whether whitespace separates this token from the previous one. */
  spaced: boolean;
};

export type TokenizeErrorType = ReturnType<typeof unparseable>;

/** "1,000", "1_000" (a programmer's digit separator, between thousands only), "1000", "1.5", ".5". */
const numberPattern = /(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)(?:\.\d+)?|\.\d+/y;
const hexPattern = /0x[0-9a-fA-F]*/y;

/** The patterns that name Unicode classes; {@link asciiPatterns} are the same on text that is all ASCII. */
export type TokenPatterns = {
  exponent: RegExp;
  suffix: RegExp;
  word: RegExp;
  wordChar: RegExp;
  emoticon: RegExp;
  possessive: RegExp;
  scanChar: RegExp;
};
export const unicodePatterns: TokenPatterns = {
  exponent: /[eE][+-]?\d{1,4}(?![\p{L}\p{N}_])/uy,
  suffix: /(?:bn|[kmb])(?![\p{L}\p{N}_])/iuy,
  // A hyphen belongs to a word ("bob-the-builder") unless it starts an arrow ("ETH->USDC").
  word: /[\p{L}_](?:[\p{L}\p{M}\p{N}_'’]|-(?!>))*(?:\.(?:[\p{L}\p{M}\p{N}_]|-(?!>))+)*/uy,
  wordChar: /[\p{L}\p{M}\p{N}_]/u,
  emoticon: /^[:;]-?[)(DPp](?![\p{L}\p{N}])/u,
  possessive: /^[sS](?![\p{L}\p{N}_])/u,
  scanChar: /[\p{L}\p{N}_.,]/u,
};
/**
 * The same patterns for text that is all ASCII, where \p{L} is [A-Za-z], \p{N} is [0-9] and \p{M} matches
 * nothing (and case folding under `i` is ASCII's): V8 builds a Unicode property class from ICU's tables when a
 * pattern first runs, milliseconds of a `lucid parse`, and most requests are plain ASCII. tokenizeAscii.test.ts
 * runs both sets at every position of the corpus.
 */
export const asciiPatterns: TokenPatterns = {
  exponent: /[eE][+-]?\d{1,4}(?![A-Za-z0-9_])/y,
  suffix: /(?:bn|[kmb])(?![A-Za-z0-9_])/iy,
  word: /[A-Za-z_](?:[A-Za-z0-9_']|-(?!>))*(?:\.(?:[A-Za-z0-9_]|-(?!>))+)*/y,
  wordChar: /[A-Za-z0-9_]/,
  emoticon: /^[:;]-?[)(DPp](?![A-Za-z0-9])/,
  possessive: /^[sS](?![A-Za-z0-9_])/,
  scanChar: /[A-Za-z0-9_.,]/,
};
const nonAscii = /[^\x00-\x7f]/;
const invisible = /[\p{Cf}\u2028\u2029\u034F\u115F\u1160\u3164\uFFA0]/u;
const control = /[\p{Cc}]/u;
/** Pictographs by code point range (a `\p{Extended_Pictographic}` regex costs tens of ms to compile on first use). */
const isEmoji = (code: number) => (code >= 0x1f000 && code <= 0x1faff) || (code >= 0x2600 && code <= 0x27bf) || (code >= 0x2b00 && code <= 0x2bff);
/** Variation selector 16 and skin-tone modifiers, which belong to the pictograph before them. */
const isEmojiTail = (code: number) => code === 0xfe0f || (code >= 0x1f3fb && code <= 0x1f3ff);

/**
 * Splits `source` into tokens.
 * @throws InputError `UNPARSEABLE_INTENT` naming the offending character or word and its column.
 */
export function tokenize(source: string): Token[] {
  if (source.length > maxInputLength)
    throw unparseable(
      source,
      { start: maxInputLength, end: Math.min(source.length, maxInputLength + 1) },
      `input is too long: ${source.length} characters (the limit is ${maxInputLength})`,
      'multi',
    );
  const patterns = nonAscii.test(source) ? unicodePatterns : asciiPatterns;
  const tokens: Token[] = [];
  let i = 0;
  let spaced = true;
  const push = (kind: TokenKind, start: number, end: number, value: string, extra: Partial<Token> = noExtra) => {
    const text = source.slice(start, end);
    const lower = kind === 'punct' ? text : text.toLowerCase().replace(/’/g, "'");
    tokens.push(extra === noExtra ? { kind, start, end, text, lower, value, spaced } : { kind, start, end, text, lower, value, spaced, ...extra });
    spaced = false;
    i = end;
  };
  while (i < source.length) {
    const ch = source[i]!;
    const code = source.codePointAt(i)!;
    if (ch === '\n' || ch === '\r') {
      // A new line ends a clause, like ";".
      push('punct', i, i + 1, ';');
      spaced = true;
      // "- 5 USDC to alice", "* …", "• …", "2) …", "3. …" at the start of a line: list markup, not words.
      const bullet = /^[ \t]*(?:[-*•·]|\d{1,2}[.)])[ \t]+(?=\S)/.exec(source.slice(i, i + 12));
      if (bullet) i += bullet[0].length;
      continue;
    }
    // ASCII is checked by code (the Unicode-class regexes run interpreted until V8 tiers them up).
    const ascii = code < 0x80;
    if (ascii ? (code < 0x20 && ch !== '\t') || code === 0x7f : control.test(ch))
      throw unparseable(source, { start: i, end: i + 1 }, `control character U+${hex(code)} is not allowed`);
    if (!ascii && invisible.test(ch))
      throw unparseable(source, { start: i, end: i + 1 }, `invisible character U+${hex(code)} is not allowed`);
    if (ascii ? ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f' : /\s/.test(ch)) {
      i++;
      spaced = true;
      continue;
    }
    if (ch === '0' && (source[i + 1] === 'x' || source[i + 1] === 'X')) {
      lexAddress(source, i, push, patterns);
      continue;
    }
    if (ch === '$' && startsNumber(source, i + 1)) {
      const start = i;
      i++;
      lexNumber(source, i, start, push, patterns);
      continue;
    }
    if (startsNumber(source, i)) {
      lexNumber(source, i, i, push, patterns);
      continue;
    }
    if (ch === '-' && startsNumber(source, i + 1) && !patterns.wordChar.test(source[i - 1] ?? '')) {
      const end = scanEnd(source, i + 1, patterns);
      throw unparseable(source, { start: i, end }, `negative amount ${quote(source.slice(i, end))}: amounts must be greater than zero`);
    }
    if (ch === 'Ξ') {
      push('word', i, i + 1, 'Ξ');
      continue;
    }
    if (ch === '%') {
      push('percent', i, i + 1, '%');
      continue;
    }
    if (ch === '~' || ch === '≈') {
      // "~5 DAI", "≈ 5 DAI": an approximate amount, which the frame refuses as vague.
      push('punct', i, i + 1, '~');
      continue;
    }
    if ((ch === "'" || ch === '’') && !spaced && tokens[tokens.length - 1]?.kind === 'ens' && patterns.possessive.test(source.slice(i + 1, i + 3))) {
      // "alice.eth's wallet": the possessive of a name, as one word.
      push('word', i, i + 2, "'s", { lower: "'s" });
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '“' || ch === '”' || ch === '`') {
      // Quotes around a word ("send 5 "USDC" to bob") carry no meaning.
      i++;
      spaced = true;
      continue;
    }
    if (ch === '+' && /\s/.test(source[i - 1] ?? '') && /\s/.test(source[i + 1] ?? '')) {
      // "5 DAI to alice + 6 DAI to bob": a plus standing alone joins like "and".
      push('word', i, i + 1, 'and', { lower: 'and' });
      continue;
    }
    if (ch === '&') {
      push('word', i, i + 1, 'and', { lower: 'and' });
      continue;
    }
    // The arrow emoji ("swap 1 eth ➡️ usdc") is an arrow, not tone: read by the marks below.
    if (isEmoji(code) && code !== 0x27a1) {
      // "🙏", "🚀": a pictograph carries tone, not meaning; the grammar treats it as filler.
      let end = i + (code > 0xffff ? 2 : 1);
      while (end < source.length && isEmojiTail(source.codePointAt(end)!)) end += source.codePointAt(end)! > 0xffff ? 2 : 1;
      push('punct', i, end, 'emoji');
      continue;
    }
    const emoticon = patterns.emoticon.exec(source.slice(i, i + 4));
    if (emoticon && (i === 0 || /\s/.test(source[i - 1]!))) {
      // ":)", ";-)": tone, like a pictograph.
      push('punct', i, i + emoticon[0].length, 'emoji');
      continue;
    }
    const punct = punctuationAt(source, i);
    if (punct) {
      let run = i + punct.length;
      while (run < source.length && source.startsWith(source.slice(i, i + punct.length), run) && run - i <= maxMarkRun) run += punct.length;
      if (run - i > maxMarkRun)
        throw unparseable(source, { start: i, end: run }, `${quote(source.slice(i, run))}: a run of the same mark says nothing to do`);
      push('punct', i, i + punct.length, punct.value);
      continue;
    }
    patterns.word.lastIndex = i;
    const word = patterns.word.exec(source);
    if (word) {
      // "to 'carol'": a closing quote is not part of a word the same quote opened.
      let text = word[0];
      if (i > 0 && closingQuotes.has(source.charCodeAt(i - 1))) while (closingQuotes.has(text.charCodeAt(text.length - 1))) text = text.slice(0, -1);
      const end = i + text.length;
      const foreign = /[^\x00-\x7F’]/u.exec(text);
      if (foreign)
        throw unparseable(
          source,
          { start: i, end },
          `${quote(text)} contains the non-ASCII character "${foreign[0]}" (U+${hex(foreign[0].codePointAt(0)!)}); type symbols and names in plain ASCII`,
        );
      // "teh" is only ever a slip of "the".
      const lower = text.toLowerCase().replace(/’/g, "'").replace(/^teh$/, 'the');
      if (text.includes('.')) push('ens', i, end, lower);
      else if (numberWords.has(lower)) push('numberWord', i, end, numberWords.get(lower)!);
      else if (scaleSuffixes.has(lower) && lower.length > 2) push('suffix', i, end, String(scaleSuffixes.get(lower)));
      else if (lower === 'percent' || lower === 'pct') push('percent', i, end, '%');
      else push('word', i, end, lower, lower === 'the' ? { lower } : noExtra);
      continue;
    }
    const full = String.fromCodePoint(code);
    throw unparseable(source, { start: i, end: i + full.length }, `unexpected character "${full}" (U+${hex(code)})`);
  }
  return tokens;
}

const noExtra: Partial<Token> = {};

/** Straight and curly single quotes: one that opens a word ("'carol'") also closes it. */
const closingQuotes: ReadonlySet<number> = new Set([0x27, 0x2019]);

type Push = (kind: TokenKind, start: number, end: number, value: string, extra?: Partial<Token>) => void;

/** `0x…`: exactly 40 hex digits and nothing glued on, or a clear error saying how many it has. */
function lexAddress(source: string, i: number, push: Push, patterns: TokenPatterns): void {
  hexPattern.lastIndex = i;
  const match = hexPattern.exec(source)!;
  const end = i + match[0].length;
  const digits = match[0].length - 2;
  let tail = end;
  while (tail < source.length && tail - end < 64 && patterns.wordChar.test(source[tail]!)) tail++;
  if (tail > end)
    throw unparseable(source, { start: i, end: tail }, `${quote(source.slice(i, tail))} is not a 0x address: it has characters that are not hex digits`, 'transfer');
  if (digits !== 40)
    throw unparseable(source, { start: i, end }, `${quote(match[0])} is not a 0x address: it has ${digits} hex digits, an address has 40`, 'transfer');
  push('address', i, end, match[0]);
}

/** A number, then maybe a glued scale suffix ("1.5k") that becomes its own token. */
function lexNumber(source: string, i: number, start: number, push: Push, patterns: TokenPatterns): void {
  numberPattern.lastIndex = i;
  const match = numberPattern.exec(source)!;
  let end = i + match[0].length;
  const body = match[0].replace(/[,_]/g, '');
  let shift = 0;
  patterns.exponent.lastIndex = end;
  const exponent = patterns.exponent.exec(source);
  if (exponent) {
    shift = Number(exponent[0].slice(1));
    end += exponent[0].length;
  }
  const next = source[end] ?? '';
  if (next === ',' && /\d/.test(source[end + 1] ?? '')) {
    const stop = scanEnd(source, end + 1, patterns);
    throw unparseable(
      source,
      { start, end: stop },
      `${quote(source.slice(start, stop))} is not a number: use a dot for decimals (1.5) and commas only between thousands (1,000)`,
    );
  }
  if (/\d/.test(next) || (next === '.' && /\d/.test(source[end + 1] ?? ''))) {
    const stop = scanEnd(source, end, patterns);
    throw unparseable(source, { start, end: stop }, `${quote(source.slice(start, stop))} is not a number`);
  }
  if (!exponent && /^[1-9]\d{0,2}\.\d\d0$/.test(match[0]))
    throw refusal(
      intentErrorCodes.ambiguous,
      source,
      { start, end },
      `${quote(match[0])} has two readings: ${scaleDecimal(body, 0)} with a decimal point, or ${body.replace('.', '')} with a dot between thousands; write it without the trailing zeros or with a comma (1,000)`,
    );
  const value = scaleDecimal(body, shift);
  if (value.replace('.', '').length > maxAmountDigits)
    throw unparseable(source, { start, end }, `${quote(source.slice(start, end))} is too large or too small to be an amount`);
  push('number', start, end, value, { dollar: start !== i });
  patterns.suffix.lastIndex = end;
  const suffix = patterns.suffix.exec(source);
  if (suffix) push('suffix', end, end + suffix[0].length, String(scaleSuffixes.get(suffix[0].toLowerCase())));
}

const marks: readonly (readonly [string, string])[] = [
  ['->', '->'],
  ['=>', '->'],
  ['→', '->'],
  ['⇒', '->'],
  // Round 7: the arrow emoji, with or without its presentation selector ("swap 1 eth ➡️ usdc").
  ['\u27a1\ufe0f', '->'],
  ['\u27a1', '->'],
  [',', ','],
  [';', ';'],
  ['.', '.'],
  ['!', '!'],
  ['?', '?'],
  [':', ':'],
  ['=', '='],
  ['(', '('],
  [')', ')'],
  ['[', '('],
  [']', ')'],
  ['—', '-'],
  ['–', '-'],
  ['-', '-'],
  ['/', '/'],
  ['>', '>'],
  ['<', '<'],
  ['#', '#'],
  ['@', '@'],
  ['*', '*'],
  ['+', '+'],
];

function punctuationAt(source: string, i: number): { length: number; value: string } | undefined {
  for (const [mark, value] of marks) if (source.startsWith(mark, i)) return { length: mark.length, value };
  return undefined;
}

/** End of the run of word-ish characters from `i`, to quote a whole malformed word. */
function scanEnd(source: string, i: number, patterns: TokenPatterns): number {
  let end = i;
  while (end < source.length && end - i < 64 && patterns.scanChar.test(source[end]!)) end++;
  return end;
}

/** A digit, or a dot followed by a digit (".5"). */
function startsNumber(source: string, i: number): boolean {
  return /\d/.test(source[i] ?? '') || (source[i] === '.' && /\d/.test(source[i + 1] ?? ''));
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
