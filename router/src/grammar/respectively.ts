/**
 * "respectively" / "in that order": the n-th amount goes to the n-th recipient, in every order the two lists
 * are said — "send 5 DAI, 6 DAI and 7 DAI to alice, bob and carol respectively", "send alice and bob 3 and 4
 * DAI respectively", "send 2, 3 and 4 USDC to …" (the token said once, after the last amount, is every
 * amount's). The words are rewritten into the sentence they say ("send 5 DAI to alice and 6 DAI to bob …"),
 * which the productions read like typed words, so each amount, token and name is checked as typed. Lists of
 * different lengths cannot be paired and are `AMBIGUOUS_INTENT`, naming both counts; a shape this does not
 * know is left to the productions as it is.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { refusal } from './errors.js';
import { nativeAliases } from './lexicon.js';
import { isName } from './payoutList.js';
import type { Token } from './tokenize.js';

type Amount = { amount: Token[]; token: Token | undefined };

/**
 * The tokens rewritten as one payment per pair, or undefined when they hold no list paired by "respectively".
 * @throws InputError `AMBIGUOUS_INTENT` when the amounts and the recipients are not as many.
 */
export function readRespectively(source: string, tokens: readonly Token[], isSymbol: (word: string) => boolean): Token[] | undefined {
  const at = tokens.findIndex((t, k) => isWord(t, 'respectively', 'respectivly') || (isWord(t, 'in') && isWord(tokens[k + 1], 'that', 'this') && isWord(tokens[k + 2], 'order')));
  if (at === -1) return undefined;
  const width = isWord(tokens[at], 'in') ? 3 : 1;
  const end = isMark(tokens[at - 1], ',') ? at - 1 : at;
  const symbol = (t: Token | undefined) => t?.kind === 'word' && (isSymbol(t.lower) || nativeAliases.has(t.lower));
  for (let verb = 0; verb < end; verb++) {
    if (tokens[verb]?.kind !== 'word') continue;
    const shapes = [amountsThenNames(tokens, verb + 1, end, symbol, isSymbol), namesThenAmounts(tokens, verb + 1, end, symbol, isSymbol)];
    const shape = shapes.find(Boolean);
    if (!shape) continue;
    const { amounts, names } = shape;
    if (amounts.length !== names.length || amounts.length < 2)
      throw refusal(intentErrorCodes.ambiguous, source, tokens[at], `not done: ${amounts.length} ${amounts.length === 1 ? 'amount' : 'amounts'} and ${names.length} recipients cannot be paired one to one: give each recipient their own amount`, [
        'say one amount for each recipient, like: send 5 DAI and 6 DAI to alice and bob respectively',
      ]);
    // "2, 3 and 4 USDC": only the last amount names the token, so it is every amount's.
    const last = amounts[amounts.length - 1]!.token;
    const bare = amounts.filter((a) => !a.token).length;
    if (!last || (bare !== 0 && bare !== amounts.length - 1)) return undefined;
    const out: Token[] = [...tokens.slice(0, verb + 1)];
    amounts.forEach(({ amount, token }, n) => {
      if (n > 0) out.push(synthetic('and', amount[0]!));
      out.push(...amount, token ?? last, synthetic('to', names[n]!), names[n]!);
    });
    return [...out, ...tokens.slice(at + width)];
  }
  return undefined;
}

/** AMOUNTS ("to" | "->") NAMES, filling [from, end) exactly. */
function amountsThenNames(tokens: readonly Token[], from: number, end: number, symbol: (t: Token | undefined) => boolean, isSymbol: (word: string) => boolean) {
  const amounts = readAmounts(tokens, from, symbol);
  if (!amounts || !(isWord(tokens[amounts.next], 'to') || isMark(tokens[amounts.next], '->'))) return undefined;
  const names = readNames(tokens, amounts.next + 1, isSymbol);
  return names && names.next === end ? { amounts: amounts.list, names: names.list } : undefined;
}

/** NAMES AMOUNTS, filling [from, end) exactly. */
function namesThenAmounts(tokens: readonly Token[], from: number, end: number, symbol: (t: Token | undefined) => boolean, isSymbol: (word: string) => boolean) {
  const names = readNames(tokens, from, isSymbol);
  if (!names) return undefined;
  const amounts = readAmounts(tokens, names.next, symbol);
  return amounts && amounts.next === end ? { amounts: amounts.list, names: names.list } : undefined;
}

function readAmounts(tokens: readonly Token[], from: number, symbol: (t: Token | undefined) => boolean): { list: Amount[]; next: number } | undefined {
  const list: Amount[] = [];
  let i = from;
  for (;;) {
    const first = tokens[i];
    if (!first || (first.kind !== 'number' && first.kind !== 'numberWord') || first.dollar) break;
    const amount: Token[] = [first];
    i++;
    while (tokens[i]?.kind === 'suffix') amount.push(tokens[i++]!);
    const token = symbol(tokens[i]) ? tokens[i++] : undefined;
    list.push({ amount, token });
    const sep = separator(tokens, i);
    if (!sep || !(tokens[i + sep]?.kind === 'number' || tokens[i + sep]?.kind === 'numberWord')) break;
    i += sep;
  }
  return list.length ? { list, next: i } : undefined;
}

function readNames(tokens: readonly Token[], from: number, isSymbol: (word: string) => boolean): { list: Token[]; next: number } | undefined {
  const list: Token[] = [];
  let i = from;
  for (;;) {
    const name = tokens[i];
    if (!name || !isName(name, isSymbol)) break;
    list.push(name);
    i++;
    const sep = separator(tokens, i);
    if (!sep || !tokens[i + sep] || !isName(tokens[i + sep]!, isSymbol)) break;
    i += sep;
  }
  return list.length ? { list, next: i } : undefined;
}

/** ",", "and", ", and", "&": how many tokens the separator at `i` takes, or 0. */
function separator(tokens: readonly Token[], i: number): number {
  if (isMark(tokens[i], ',') && isWord(tokens[i + 1], 'and')) return 2;
  if (isMark(tokens[i], ',') || isMark(tokens[i], '&') || isWord(tokens[i], 'and')) return 1;
  return 0;
}

function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t?.kind === 'word' && words.includes(t.lower);
}

function isMark(t: Token | undefined, mark: string): boolean {
  return t?.kind === 'punct' && t.value === mark;
}

/** A word the pairing implies, placed where its entry starts so an error's caret points there. */
function synthetic(word: string, at: Token): Token {
  return { kind: 'word', start: at.start, end: at.end, text: word, lower: word, value: word, spaced: true };
}
