/**
 * Round 8: amounts said in shapes the productions do not read, rewritten into the shapes they do, and amounts that
 * cannot be acted on refused with the reason. Read before the frame, so every refusal the frame makes still stands:
 * - "two dozen DAI" is 24 DAI ("a dozen" and "half a dozen" the parser reads itself);
 * - "one-and-a-half ETH", written as one hyphenated word, is 1.5 like "one and a half";
 * - "half of all my DAI", "half my balance of DAI" are "half of my DAI";
 * - "five (5) USDC", a legal text's number said twice, is 5 when both say the same number and `AMBIGUOUS_INTENT`
 *   when they differ ("five (6)"): never a pick of one of them;
 * - "50$ of ETH" is "$50 of ETH"; an amount in another currency ("€50 of ETH", "50 euros worth of ETH") is
 *   `UNSUPPORTED_INTENT` naming the currency (Lucid has no price to turn it into an amount);
 * - "half of my ETH balance" is "half of my ETH"; "the entire balance of DAI", "the whole amount of DAI" are all of it;
 * - "½ ETH" is 0.5 ETH and "1½" 1.5 (one character, one reading, unlike "1/2"); "¼ of my ETH" is 25% of it;
 * - "10 000 USDC" (thousands set apart by spaces, groups of three digits) is 10000; "10pc of my" is 10%;
 * - "$50 ETH": a dollar sign cannot be the currency of an amount of ETH, so it is "$50 of ETH" (`amountUsd`); on a
 *   dollar stablecoin ("$50 USDC", "$20 DAI") the parser reads it as that many tokens;
 * - "5 DAI's" is 5 DAI; "1000 gwei", "5 finney", "100 wei" are amounts of ETH in its small units (not before "gas").
 * Left as they were, by the tuned must-stay lines: "a hundredth of my ETH" (round-4.jsonl) and a decimal comma
 * ("1.000,50", round-7-recipients-lists.jsonl) stay `UNPARSEABLE_INTENT`.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { quote, refusal } from './errors.js';
import { numberWords } from './lexicon.js';
import type { Token } from './tokenize.js';

const currencyNames = 'euros?|eur|gbp|pounds?|quid|sterling|yen|jpy|yuan|cny|rupees?|inr|francs?|chf|pesos?|rubles?|roubles?|krw|reais|brl|cad|aud';
const currencySigns = '€£¥₹₩₽';
const foreignCurrency = new RegExp(
  `(?:[${currencySigns}]\\s?\\d[\\d,.]*(?:\\s?[kmb]\\b)?|\\d[\\d,.]*\\s?[${currencySigns}]|\\b\\d[\\d,.]*\\s?(?:${currencyNames})\\b(?=\\s+(?:worth|of|in)\\b))`,
  'i',
);
/** "50$", "20 $": a dollar sign written after the number, as many languages write it. */
const trailingDollar = /(^|[\s(:])(\d[\d,]*(?:\.\d+)?)\s?\$(?=$|[\s,.;:!?)])/g;

/**
 * Text-level amounts, before the tokenizer: "50$" is said as "$50"; another currency is refused here with its
 * reason (the tokenizer would only say "unexpected character").
 */
export function readCurrencyAmounts(text: string): string {
  const foreign = foreignCurrency.exec(text);
  if (foreign) {
    const span = { start: foreign.index, end: foreign.index + foreign[0].length };
    throw refusal(intentErrorCodes.unsupported, text, span, `not done: ${quote(foreign[0])} is an amount in another currency, and Lucid has no price to turn it into tokens; say the amount of the token, like "0.02 ETH"`);
  }
  if (/[½¼¾]/.test(text))
    text = text.replace(/(\d+)?\s?([½¼¾])(\s+of\b)?/g, (match: string, whole: string | undefined, glyph: string, of: string | undefined) => {
      const part = glyph === '½' ? 0.5 : glyph === '¼' ? 0.25 : 0.75;
      const lead = whole === undefined && match.startsWith(' ') ? ' ' : '';
      return `${lead}${of && whole === undefined ? `${part * 100}%${of}` : `${whole === undefined ? part : Number(whole) + part}${of ?? ''}`}`;
    });
  return text.includes('$') ? text.replace(trailingDollar, (match: string, before: string, number: string) => `${before}$${number}`.padEnd(match.length)) : text;
}

const isNumber = (token: Token | undefined): token is Token => token?.kind === 'number' || token?.kind === 'numberWord';
const integer = (token: Token): bigint | undefined => (/^\d+$/.test(token.value) ? BigInt(token.value) : undefined);

function number(like: Token, value: string, end: number, text: string): Token {
  return { kind: 'number', start: like.start, end, text, lower: text.toLowerCase(), value, spaced: like.spaced, dollar: false };
}

/** Symbols whose unit is a dollar: a "$" before their amount is only its currency sign. */
const dollarStable = /usd|^dai$|^frax$|^gho$/;

/** ETH's small units, as powers of ten below one ETH. */
const ethUnits: ReadonlyMap<string, number> = new Map([['wei', 18], ['gwei', 9], ['szabo', 6], ['finney', 3]]);
const gasWords: ReadonlySet<string> = new Set(['gas', 'gwei', 'priority', 'tip', 'fee', 'fees', 'base', 'basefee']);
const comparisons: ReadonlySet<string> = new Set(['above', 'below', 'under', 'over', 'at', 'is', 'than', 'of', '<', '>', 'to']);

/** `value` (a decimal) divided by 10^places, as a decimal string. */
function shiftDown(value: string, places: number): string {
  const [whole, fraction = ''] = value.split('.');
  const digits = (whole! + fraction).replace(/^0+(?=\d)/, '').padStart(places + fraction.length + 1, '0');
  const point = digits.length - places - fraction.length;
  const result = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/0+$/, '').replace(/\.$/, '');
  return result.replace(/^0+(?=\d)/, '');
}

function word(like: Token, lower: string): Token {
  return { kind: 'word', start: like.start, end: like.end, text: like.text, lower, value: lower, spaced: like.spaced };
}

/** `tokens` with the number phrases above said in the parser's shapes; throws when a number said twice disagrees. */
export function readNumberPhrases(source: string, tokens: readonly Token[], isSymbol: (word: string) => boolean = () => false): readonly Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // "two dozen", "3 dozen": the count times twelve ("a dozen", "half a dozen" are the parser's).
    if (isNumber(t) && next?.lower === 'dozen' && integer(t) !== undefined) {
      out.push(number(t, String(integer(t)! * 12n), next.end, source.slice(t.start, next.end)));
      i++;
      continue;
    }
    // "one-and-a-half", "two-and-a-quarter": one hyphenated word.
    const hyphenated = t.kind === 'word' ? /^([a-z]+)-and-a-(half|quarter)$/.exec(t.lower) : null;
    if (hyphenated && numberWords.has(hyphenated[1]!) && /^\d+$/.test(numberWords.get(hyphenated[1]!)!)) {
      out.push(number(t, `${numberWords.get(hyphenated[1]!)}.${hyphenated[2] === 'half' ? '5' : '25'}`, t.end, t.text));
      continue;
    }
    // "five (5)", "20 (twenty)": the same number said twice reads once; two different numbers are two readings.
    if (isNumber(t) && tokens[i + 1]?.value === '(' && isNumber(tokens[i + 2]) && tokens[i + 3]?.value === ')') {
      const again = tokens[i + 2]!;
      const span = { start: t.start, end: tokens[i + 3]!.end };
      if (again.value !== t.value)
        throw refusal(intentErrorCodes.ambiguous, source, span, `not done: ${quote(source.slice(span.start, span.end))} says two different amounts; say exactly one`);
      out.push(t);
      i += 3;
      continue;
    }
    // "10 000 USDC": groups of three digits set apart by spaces, before a word.
    if (t.kind === 'number' && /^\d{1,3}$/.test(t.text) && tokens[i + 1]?.kind === 'number' && /^\d{3}$/.test(tokens[i + 1]!.text) && tokens[i + 1]!.spaced) {
      let k = i + 1;
      while (tokens[k + 1]?.kind === 'number' && /^\d{3}$/.test(tokens[k + 1]!.text) && tokens[k + 1]!.spaced) k++;
      if (tokens[k + 1]?.kind === 'word') {
        const digits = tokens.slice(i, k + 1).map((token) => token.text).join('');
        out.push(number(t, String(BigInt(digits)), tokens[k]!.end, source.slice(t.start, tokens[k]!.end)));
        i = k;
        continue;
      }
    }
    // "$50 ETH": the dollar value of a token that is no dollar, said as "$50 of ETH".
    if (t.kind === 'number' && t.dollar && next?.kind === 'word' && isSymbol(next.lower) && !dollarStable.test(next.lower)) {
      out.push(t, { ...word(t, 'of'), start: t.end, end: t.end, text: '', spaced: true });
      continue;
    }
    // "10pc of my USDC": per cent, shortened.
    if (t.kind === 'number' && next?.lower === 'pc' && tokens[i + 2]?.lower === 'of') {
      out.push(t, { ...next, kind: 'percent', text: '%', lower: '%', value: '%' });
      i++;
      continue;
    }
    // "5 DAI's": a plural written with an apostrophe after an amount.
    const plural = t.kind === 'word' ? /^(.+)['’]s$/.exec(t.lower) : null;
    if (plural && isSymbol(plural[1]!) && isNumber(tokens[i - 1])) {
      out.push(word(t, plural[1]!));
      continue;
    }
    // "1000 gwei", "5 finney": ETH in its small units; "20 gwei gas" and "above 50 gwei" are a gas price.
    const unit = next && ethUnits.get(next.lower);
    if (unit && t.kind === 'number' && !t.dollar && !gasWords.has(tokens[i + 2]?.lower ?? '') && !comparisons.has(tokens[i - 1]?.lower ?? '')) {
      out.push(number(t, shiftDown(t.value, unit), t.end, t.text), word(next, 'eth'));
      i++;
      if (tokens[i + 1]?.lower === 'of' && ['eth', 'ether'].includes(tokens[i + 2]?.lower ?? '')) i += 2;
      continue;
    }
    // "the entire balance of DAI", "my full balance of USDC", "the whole amount of DAI": all of it.
    const wholeAt = ['the', 'my'].includes(t.lower) ? i + 1 : i;
    if (['entire', 'full', 'whole', 'total'].includes(tokens[wholeAt]?.lower ?? '') && ['balance', 'amount', 'stack'].includes(tokens[wholeAt + 1]?.lower ?? '') && ['of', 'in'].includes(tokens[wholeAt + 2]?.lower ?? '')) {
      out.push(word(t, 'all'));
      i = wholeAt + 2;
      continue;
    }
    // "5 USDC (5)": the amount said again after its token.
    if (isNumber(t) && next?.kind === 'word' && isSymbol(next.lower) && tokens[i + 2]?.value === '(' && isNumber(tokens[i + 3]) && tokens[i + 4]?.value === ')') {
      const again = tokens[i + 3]!;
      const span = { start: t.start, end: tokens[i + 4]!.end };
      if (again.value !== t.value)
        throw refusal(intentErrorCodes.ambiguous, source, span, `not done: ${quote(source.slice(span.start, span.end))} says two different amounts; say exactly one`);
      out.push(t, next);
      i += 4;
      continue;
    }
    out.push(t);
    // "half of my ETH balance": the balance of a token is that token.
    if ((['half', 'quarter', 'quarters'].includes(t.lower) || t.kind === 'percent') && ['of', 'my'].includes(next?.lower ?? '')) {
      const at = next!.lower === 'of' ? i + 2 : i + 1;
      if (tokens[at]?.lower === 'my' && isSymbol(tokens[at + 1]?.lower ?? '') && ['balance', 'holdings'].includes(tokens[at + 2]?.lower ?? '')) {
        out.push(...tokens.slice(i + 1, at + 2));
        i = at + 2;
        continue;
      }
    }
    // "half of all my DAI", "25% of all my USDC": "all" adds nothing after a share of the balance.
    const isShare = ['half', 'quarter', 'quarters'].includes(t.lower) || t.kind === 'percent';
    if (isShare && next?.lower === 'of' && tokens[i + 2]?.lower === 'all' && ['my', 'the'].includes(tokens[i + 3]?.lower ?? '')) {
      out.push(next);
      i += 2;
      continue;
    }
    // "half my balance of DAI": the balance of a token is that token.
    const my = next?.lower === 'of' ? i + 2 : i + 1;
    if (isShare && tokens[my]?.lower === 'my' && ['balance', 'holdings', 'stack'].includes(tokens[my + 1]?.lower ?? '') && ['of', 'in'].includes(tokens[my + 2]?.lower ?? '')) {
      out.push(...tokens.slice(i + 1, my + 1));
      i = my + 2;
      continue;
    }
  }
  return out.length === tokens.length && out.every((token, k) => token === tokens[k]) ? tokens : out;
}
