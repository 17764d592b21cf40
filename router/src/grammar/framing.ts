/**
 * The framing of a message around a request (round 7): an e-mail's or ticket's subject line, its greeting
 * sentence and sign-off, line breaks between them, markdown emphasis. Runs on the tokens the frame
 * (./frame.ts) kept, so every word of the framing has already been checked by the frame's refusals
 * (an instruction hidden in a subject line is refused before it could be dropped here); what this removes
 * says nothing about what to do.
 *
 * Only whole framing units go: a subject line with no amount, token or address in it ("Subject: Payment
 * request"), a well-wishing sentence before the request ("hope you're well."), a closing at the very end
 * with at most two name words after it ("Regards,\nDana", "Thanks, Bob", "Best regards"). A unit that
 * carries any part of a request is left for the productions, which then refuse or read it.
 */
import { verbs } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Header keys of a message, before a colon at its very start. */
const headerKeys: ReadonlySet<string> = new Set(['subject', 'subj', 'title', 'topic', 're', 'fwd', 'fw', 'regarding']);

/** A body label after a header: "Body: …", "Message: …". */
const bodyKeys: ReadonlySet<string> = new Set(['body', 'message', 'msg', 'text', 'content']);

/** Closings of a message, longest first where they share a word; a signature of names may follow. */
const closings: readonly (readonly string[])[] = [
  ['best', 'regards'], ['kind', 'regards'], ['warm', 'regards'], ['warmest', 'regards'], ['many', 'thanks'], ['thanks', 'again'],
  ['thank', 'you'], ['best', 'wishes'], ['all', 'the', 'best'], ['yours', 'truly'], ['yours', 'sincerely'], ['yours', 'faithfully'],
  ['take', 'care'], ['with', 'thanks'], ['thanks', 'so', 'much'], ['thanks', 'a', 'lot'], ['thank', 'you', 'so', 'much'],
  ['regards'], ['sincerely'], ['cheers'], ['thanks'], ['thx'], ['ty'], ['best'], ['br'], ['rgds'], ['brgds'], ['respectfully'], ['cordially'],
].sort((a, b) => b.length - a.length);

/** Words of a well-wishing sentence before the request: "hope you're well", "I hope this finds you well". */
const wellWishing: ReadonlySet<string> = new Set([
  'i', 'we', 'hope', 'hoping', "you're", 'youre', 'you', 'are', 'r', 'u', 'ur', 'well', 'good', 'great', 'fine', 'doing', 'this', 'message',
  'email', 'e-mail', 'mail', 'finds', 'find', 'all', 'is', 'your', 'day', 'week', 'going', "it's", 'having', 'a', 'nice', 'lovely', 'wonderful',
  'and', 'safe', 'healthy', 'everything', 'ok', 'okay', 'hi', 'hello', 'hey', 'there', 'dear', 'lucid', 'team',
]);

export type StripFramingParameters = { tokens: readonly Token[]; isSymbol: (word: string) => boolean };

/**
 * The tokens without their message framing.
 *
 * @example
 * stripFraming({ tokens: tokenize('Subject: Payment request\n\nHi,\nplease send 5 DAI to bob.\nRegards,\nDana'), isSymbol })
 * // the tokens of 'Hi, please send 5 DAI to bob.'
 */
export function stripFraming({ tokens, isSymbol }: StripFramingParameters): Token[] {
  let out = dropHeader([...tokens], isSymbol);
  out = out.filter((token, i) => !isEmphasis(token, out, i));
  out = collapseBreaks(out);
  out = out.filter((token, i) => !isSetOffPlease(out, i));
  out = dropWellWishing(out);
  out = dropClosing(out, isSymbol);
  return out;
}

const isBreak = (token: Token | undefined): boolean => token?.kind === 'punct' && token.value === ';' && (token.text === '\n' || token.text === '\r');
const isMark = (token: Token | undefined, ...marks: string[]): boolean => token?.kind === 'punct' && marks.includes(token.value);
const isWord = (token: Token | undefined, words: ReadonlySet<string>): boolean => token?.kind === 'word' && words.has(token.lower);

/** Whether a token carries part of a request: an amount, a token, an address or name with a dot. */
function carriesRequest(token: Token, isSymbol: (word: string) => boolean): boolean {
  return token.kind === 'number' || token.kind === 'numberWord' || token.kind === 'address' || token.kind === 'ens' || token.kind === 'percent' ||
    (token.kind === 'word' && isSymbol(token.lower));
}

/**
 * "Subject: Payment request\n…", "Subject: transfer request. Body: …": a header line that names no amount,
 * token or address, up to its line break (or a full stop before a body label).
 */
function dropHeader(tokens: Token[], isSymbol: (word: string) => boolean): Token[] {
  if (!isWord(tokens[0], headerKeys) || !isMark(tokens[1], ':')) return tokens;
  let end = 2;
  while (end < tokens.length && !isBreak(tokens[end]) && !(isMark(tokens[end], '.') && isWord(tokens[end + 1], bodyKeys))) {
    if (carriesRequest(tokens[end]!, isSymbol)) return tokens;
    end++;
  }
  if (end >= tokens.length) return tokens;
  end++;
  while (isBreak(tokens[end])) end++;
  if (isWord(tokens[end], bodyKeys) && isMark(tokens[end + 1], ':')) end += 2;
  return tokens.slice(end);
}

/** "**send** 5 DAI", "*urgent*": markdown emphasis around words, not a bullet. */
function isEmphasis(token: Token, tokens: readonly Token[], i: number): boolean {
  if (!isMark(token, '*')) return false;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  // Part of a "**" pair, or touching a word on one side with no space: emphasis, not a bullet or a product.
  return isMark(before, '*') || isMark(after, '*') || (after !== undefined && !after.spaced && after.kind !== 'punct') ||
    (before !== undefined && !token.spaced && before.kind !== 'punct');
}

/** "send, please, 5 DAI to bob": politeness set off by commas inside the request, with its commas. */
function isSetOffPlease(tokens: readonly Token[], i: number): boolean {
  const please = (k: number) => isWord(tokens[k], politeWords) && isMark(tokens[k - 1], ',') && isMark(tokens[k + 1], ',') && k > 1 && k + 2 < tokens.length;
  return please(i) || please(i + 1) || please(i - 1);
}
const politeWords: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'kindly']);

/** Line breaks at either end, after another break, or after a mark that already ends the clause, say nothing more. */
function collapseBreaks(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (isBreak(token) && (out.length === 0 || isBreak(out[out.length - 1]) || isMark(out[out.length - 1], ',', '.', '!', '?'))) continue;
    out.push(token);
  }
  while (isBreak(out[out.length - 1])) out.pop();
  return out;
}

/** "Hi Lucid, hope you're well. Please send …": a well-wishing sentence among the opening words. */
function dropWellWishing(tokens: readonly Token[]): Token[] {
  let i = 0;
  while (i < tokens.length && (isWord(tokens[i], wellWishing) || isMark(tokens[i], ',', '!', ':', '-')) && tokens[i]!.lower !== 'hope' && tokens[i]!.lower !== 'hoping') i++;
  const start = i;
  if (!(tokens[i]?.lower === 'hope' || tokens[i]?.lower === 'hoping' || (tokens[i]?.lower === 'i' && tokens[i + 1]?.lower === 'hope'))) return [...tokens];
  while (i < tokens.length && isWord(tokens[i], wellWishing)) i++;
  if (i - start < 2 || !isMark(tokens[i], '.', '!', ',', ';')) return [...tokens];
  let end = i + 1;
  while (isMark(tokens[end], '.', '!', ',', ';')) end++;
  // A request must follow; the sentence is framing only before one.
  const next = tokens[end];
  if (next === undefined || next.kind !== 'word') return [...tokens];
  return [...tokens.slice(0, start), ...tokens.slice(end)];
}

/**
 * "…. Regards,\nDana", "…, thanks, Bob", "… Best regards": a closing at the very end, after a mark that ends
 * the request, with at most two name words (no token, verb or number) after it.
 */
function dropClosing(tokens: readonly Token[], isSymbol: (word: string) => boolean): Token[] {
  for (let start = Math.max(1, tokens.length - 8); start < tokens.length; start++) {
    const mark = tokens[start - 1];
    if (!isMark(mark, ',', '.', '!', ';', '-')) continue;
    const closing = closings.find((words) => words.every((word, k) => tokens[start + k]?.kind === 'word' && tokens[start + k]!.lower === word));
    if (!closing) continue;
    // "…, best price": a bare "best" or "br" closes a message only after its sentence or line ends.
    if (closing.length === 1 && weakClosings.has(closing[0]!) && !isMark(mark, '.', '!', ';')) continue;
    let k = start + closing.length;
    while (isMark(tokens[k], ',', '!', '.', ';', '-')) k++;
    const names = tokens.slice(k).filter((token) => !isMark(token, '.', '!'));
    if (names.length > 2) continue;
    // Only names may follow a closing: "thanks, bob" signs the message; "thanks, bob.eth" or "thanks, 5 DAI" is no signature.
    if (names.some((token) => token.kind !== 'word' || isSymbol(token.lower) || verbs.has(token.lower) || !/^[a-z][a-z'-]*$/.test(token.lower))) continue;
    let end = start - 1;
    while (end > 0 && isMark(tokens[end - 1], ',', ';', '-')) end--;
    return tokens.slice(0, end);
  }
  return [...tokens];
}

/** Closings that are ordinary words elsewhere ("best price"): only after a full stop or a line break. */
const weakClosings: ReadonlySet<string> = new Set(['best', 'br']);
