/**
 * A slash between two numbers written together, read before the frame (which refuses any other "#/#" as two
 * alternatives: round-4.jsonl keeps "send 1/2 dai to bob" a must-stay refusal, "1 or 2"):
 * - "50/50" says the shares are equal ("split 10 dai 50/50 between carol and dave"), like "fifty-fifty";
 * - a zero below the bar ("1/0") is no amount and no alternative: refused by name.
 * A date's preposition before it ("on 1/0"), another slash around it, a unit after it, or "of" after it (a share
 * of a balance, which the parser reads: "3/4 of my stETH") leaves it alone.
 */
import { unparseable } from './errors.js';
import type { Token } from './tokenize.js';

const datePrepositions: ReadonlySet<string> = new Set(['on', 'by', 'at', 'until', 'till', 'before', 'after', 'from', 'since', 'due']);

const isInteger = (token: Token | undefined): token is Token => token?.kind === 'number' && /^\d+$/.test(token.text) && !token.dollar;

/** `tokens` with "50/50" as the word "fifty-fifty"; throws on a zero below the bar. */
export function readFractions(source: string, tokens: readonly Token[]): readonly Token[] {
  if (!tokens.some((token) => token.kind === 'punct' && token.value === '/')) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [top, slash, bottom] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    const written =
      isInteger(top) && slash?.kind === 'punct' && slash.value === '/' && isInteger(bottom) && slash.start === top.end && bottom.start === slash.end;
    const before = tokens[i - 1];
    const after = tokens[i + 3];
    const alone = written && !(before && datePrepositions.has(before.lower)) && !(before?.value === '/' && before.end === top.start) && !(after?.value === '/' && after.start === bottom.end) && after?.kind !== 'suffix' && after?.kind !== 'percent' && after?.lower !== 'of';
    if (!alone) {
      out.push(tokens[i]!);
      continue;
    }
    const span = { start: top.start, end: bottom.end };
    const text = source.slice(span.start, span.end);
    if (/^0+$/.test(bottom.text)) throw unparseable(source, span, `"${text}" divides by zero: say the amount as a number`, 'transfer');
    if (top.text === '50' && bottom.text === '50') {
      out.push({ ...top, kind: 'word', end: bottom.end, text, lower: 'fifty-fifty', value: 'fifty-fifty', spaced: top.spaced });
      i += 2;
      continue;
    }
    out.push(tokens[i]!);
  }
  return out;
}
