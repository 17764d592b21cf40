/**
 * Asides written inside a step or after a mark that is neither a comma nor a full stop:
 *
 * - between the parts of a step: "send 800 USDC (rent) to landlord.eth", "send 800 USDC — rent — to …",
 *   "send, for the rent, 800 USDC to …", "send 120 USDC (inv 2231) to acme.eth";
 * - after the step and a colon, a semicolon or "//": "send 40 USDC to ravi.eth: rent", "…; snacks for the
 *   trip", "… // for the pool".
 *
 * Both are moved, as a bracketed aside, to the end of their clause, where the parser reads a bracketed note
 * with every check it makes of one (a time, an amount of a token, an address, a word that adds to the
 * request). Notes belong to the whole request, so where the aside stood changes nothing else.
 *
 * Only an aside that could be nothing but a comment moves: words, and numbers that identify ("inv 2231",
 * "order #88"), with no token, verb, address or name of the devnet; two words at least, or one purpose noun
 * ("(rent)", ": snacks"), so a lone name ("(alice)") stays where the parser can refuse it. An aside that offers
 * a second amount ("(or 900)", "— or was it 50 —") is `AMBIGUOUS_INTENT`. Everything else is left as written.
 * The frame (./frame.ts) has read every word before this runs: negation, times and conditions in the aside
 * are refused there.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { bareAmountIn, noteLabels, noteOpeners } from './asides.js';
import { quote, refusal } from './errors.js';
import { noteStarters, purposeNouns, purposeVerbs, verbs } from './lexicon.js';
import type { Token } from './tokenize.js';

export type MoveAsidesParameters = {
  tokens: readonly Token[];
  /** Whether a word is a token symbol the grammar knows. */
  isSymbol: (word: string) => boolean;
  /** The words as typed, for messages. */
  source: string;
};
export type MoveAsidesReturnType = Token[];

/** Words that open an aside set off by a pair of commas inside a step: "send, for the rent, 800 USDC …". */
const commaPairOpeners: ReadonlySet<string> = new Set(['for', 'as', 'just', 'because', 'since', 'bc', 'cuz', 'coz', 'towards', 'toward']);

/** Words an aside may not hold: they add to the request or join it to another. */
const joiningWords: ReadonlySet<string> = new Set(['and', 'also', 'plus', 'too', 'then', 'each', 'all', 'half', 'every', 'to', 'from', 'via', 'on', 'using', 'through', 'into', 'with']);

/** Marks that end a clause: a moved aside goes before the first of them. */
const clauseEnds: ReadonlySet<string> = new Set([',', '.', ';', '!', '?']);

/** Moves asides inside a step, or after ":", ";" or "//", to the end of their clause as a bracketed aside. */
export function moveAsides({ tokens, isSymbol, source }: MoveAsidesParameters): MoveAsidesReturnType {
  let out = moveLeadingPurpose([...tokens], isSymbol);
  // Two passes at most per aside; a sentence has few, and each move shortens what is left to scan.
  for (let guard = 0; guard < 4; guard++) {
    const moved = moveOne(out, isSymbol, source);
    if (!moved) break;
    out = moved;
  }
  return out;
}

function moveOne(tokens: Token[], isSymbol: (word: string) => boolean, source: string): Token[] | undefined {
  const firstWord = tokens.findIndex((t) => t.kind !== 'punct');
  for (let i = firstWord + 1; i > 0 && i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      const id = idPhraseAt(tokens, i, isSymbol);
      if (id) return placeIdPhrase(tokens, id, isSymbol);
      continue;
    }
    if (t.kind !== 'punct') continue;
    const group = groupAt(tokens, i);
    if (!group) continue;
    // "(invoice of 150 USDC)": a bracket inside the step that names an amount of a token might be meant as the amount.
    if (t.value === '(') refuseAmountIn(tokens, group, isSymbol, source);
    const { open, from, to, close } = group;
    const words = tokens.slice(from, to);
    if (!isComment(words, tokens, from, to, isSymbol, source)) continue;
    const after = close + 1;
    const rest = tokens.slice(after);
    if (group.trailing) {
      // "memo: rent", "re: rent" are labels the parser reads; only a mark after the step itself sets off an aside.
      const before = tokens[open - 1]!;
      // A step must stand before the mark ("Assistant: please check …" has none).
      if (!tokens.slice(0, open).some((b) => b.kind === 'word' && verbs.has(b.lower))) continue;
      if (before.kind === 'punct' || (before.kind === 'word' && (noteLabels.has(before.lower) || noteOpeners.has(before.lower) || (verbs.has(before.lower) && verbs.get(before.lower) !== 'balance'))) || isWord(before, 'to', 'for', 'from')) continue;
      // "…: rent", "…; snacks", "… // for the pool": the aside ends the words; it becomes "(rent)" in place.
      if (rest.some((r) => r.kind !== 'punct')) continue;
      return [...tokens.slice(0, open), bracket(tokens[open]!, '('), ...words, bracket(tokens[to - 1]!, ')'), ...rest];
    }
    // In the middle: something of the step must follow, and something of it come before.
    if (!rest.some((r) => r.kind !== 'punct')) continue;
    let end = after;
    while (end < tokens.length && !(tokens[end]!.kind === 'punct' && clauseEnds.has(tokens[end]!.value)) && !isWord(tokens[end], 'then')) end++;
    // What follows must be the rest of the step (its amount, token, recipient or "to"/"for"), not closing words.
    if (!tokens.slice(after, end).some((r) => r.kind === 'number' || r.kind === 'numberWord' || r.kind === 'ens' || r.kind === 'address' || (r.kind === 'word' && (isSymbol(r.lower) || ['to', 'for', 'into'].includes(r.lower)))))
      continue;
    return [...tokens.slice(0, open), ...tokens.slice(after, end), bracket(tokens[open]!, '('), ...words, bracket(tokens[to - 1]!, ')'), ...tokens.slice(end)];
  }
  return undefined;
}

/** Nouns of a document a number after them identifies: "invoice 2231", "PO #4411", "order no. 88", "ref: 8831". */
const documentNouns: ReadonlySet<string> = new Set([
  'invoice', 'inv', 'order', 'po', 'ref', 'reference', 'ticket', 'booking', 'reservation', 'receipt', 'bill', 'case', 'claim', 'contract', 'quote',
]);

/** Words between a document's noun and its number: "invoice no. 2231", "order number 88", "booking id 7781". */
const numberWords: ReadonlySet<string> = new Set(['no', 'nr', 'number', 'num', 'id', 'ref', 'reference', 'code']);

/** Words after a number that make it an amount, not an identifier ("order 2 more", "invoice 5 each"). */
const amountAfter: ReadonlySet<string> = new Set(['more', 'each', 'extra', 'usd', 'dollars', 'dollar', 'bucks', 'of', 'k', 'units', 'coins', 'tokens', 'worth']);

type IdPhrase = { start: number; end: number };

/**
 * A document's number after the verb: "[for|re] invoice [no.|#] 2231[-B]". Not at the start of the words
 * (a leading one is the parser's), never one whose number is followed by a token or a word of amount.
 */
function idPhraseAt(tokens: readonly Token[], i: number, isSymbol: (word: string) => boolean): IdPhrase | undefined {
  const noun = tokens[i]!;
  if (!documentNouns.has(noun.lower)) return undefined;
  if (!tokens.slice(0, i).some((b) => b.kind === 'word' && verbs.has(b.lower))) return undefined;
  // Inside brackets it is a bracketed note already.
  if (tokens.slice(0, i).reduce((depth, b) => depth + (b.kind === 'punct' ? (b.value === '(' ? 1 : b.value === ')' ? -1 : 0) : 0), 0) > 0) return undefined;
  const start = isWord(tokens[i - 1], 'for', 're', 'regarding', 'per') ? i - 1 : i;
  // Only right after a part of the step ("… to acme.eth invoice 2231", "120 USDC for invoice 2231 to …", "…, PO #4411"):
  // inside a longer note ("in payment of invoice 42", "re: invoice #42") the number is the note's already.
  let b = start - 1;
  if (tokens[b]?.kind === 'punct' && [',', '-', ';'].includes(tokens[b]!.value)) b--;
  const part = tokens[b];
  if (!part || !(part.kind === 'ens' || part.kind === 'address' || part.kind === 'number' || (part.kind === 'word' && isSymbol(part.lower)))) return undefined;
  let k = i + 1;
  if (isWord(tokens[k], ...numberWords) && tokens[k]!.lower !== noun.lower) k++;
  if (tokens[k]?.kind === 'punct' && ['.', ':', '#'].includes(tokens[k]!.value)) k++;
  if (tokens[k]?.kind === 'punct' && tokens[k]!.value === '#' && tokens[k - 1]!.value !== '#') k++;
  const number = tokens[k];
  if (number?.kind !== 'number' || number.value.includes('.')) return undefined;
  k++;
  // "2026-044", "7781-B", "A-1192" go on against the number.
  while (tokens[k]?.kind === 'punct' && tokens[k]!.value === '-' && !tokens[k]!.spaced && tokens[k + 1] && !tokens[k + 1]!.spaced && tokens[k + 1]!.kind !== 'punct') k += 2;
  const after = tokens[k];
  if (after?.kind === 'word' && (isSymbol(after.lower) || amountAfter.has(after.lower))) return undefined;
  // "order #88 and #89": a list of documents may be a list of payments; left to the parser.
  if (isWord(after, 'and', 'or', 'plus') || (after?.kind === 'punct' && ['&', '/'].includes(after.value))) return undefined;
  if (after?.kind === 'suffix' || after?.kind === 'percent') return undefined;
  return { start, end: k };
}

/**
 * Puts a document's number in brackets: where it stands when only marks or closing words follow in its clause
 * ("…, invoice #7781", "… PO 4411"), else at the end of the clause ("send 120 USDC for invoice 2231 to acme.eth").
 */
function placeIdPhrase(tokens: Token[], id: IdPhrase, isSymbol: (word: string) => boolean): Token[] {
  const words = tokens.slice(id.start, id.end);
  let open = id.start;
  // ", order #88, thanks", " - ref 8831": the mark that set it off goes with it.
  if (tokens[open - 1]?.kind === 'punct' && [',', '-', ';'].includes(tokens[open - 1]!.value)) open--;
  let end = id.end;
  while (end < tokens.length && !(tokens[end]!.kind === 'punct' && clauseEnds.has(tokens[end]!.value)) && !isWord(tokens[end], 'then')) end++;
  const stepGoesOn = tokens.slice(id.end, end).some((r) => r.kind === 'number' || r.kind === 'numberWord' || r.kind === 'ens' || r.kind === 'address' || (r.kind === 'word' && (isSymbol(r.lower) || ['to', 'for', 'into'].includes(r.lower))));
  const group = [bracket(words[0]!, '('), ...words, bracket(words[words.length - 1]!, ')')];
  if (!stepGoesOn) return [...tokens.slice(0, open), ...group, ...tokens.slice(id.end)];
  return [...tokens.slice(0, open), ...tokens.slice(id.end, end), ...group, ...tokens.slice(end)];
}

/** A bracketed aside inside a step that names an amount of a token is refused: it might be meant as the amount. */
function refuseAmountIn(tokens: readonly Token[], group: Group, isSymbol: (word: string) => boolean, source: string): void {
  for (let k = group.from; k < group.to - 1; k++) {
    const t = tokens[k]!;
    const next = tokens[k + 1]!;
    if ((t.kind === 'number' || t.kind === 'numberWord') && next.kind === 'word' && isSymbol(next.lower))
      throw refusal(
        intentErrorCodes.ambiguous,
        source,
        { start: t.start, end: next.end },
        `the aside ${quote(source.slice(tokens[group.from]!.start, tokens[group.to - 1]!.end))} names an amount of a token: say the amount in the request itself`,
        ['leave the amount out of the aside, e.g. send 120 USDC to acme.eth (invoice 2231)'],
      );
  }
}

/** Words that open what a verb of purpose takes: "to pay the rent", "to cover my share", "to pay back". */
const purposeObjects: ReadonlySet<string> = new Set(['the', 'my', 'our', 'a', 'an', 'his', 'her', 'their', 'this', 'that', 'back', 'off', 'up', 'for', 'some', 'part', 'costs', 'expenses']);

/** Words that may stand between a leading purpose's comma and the step's verb: "…, please send …". */
const askingWords: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'kindly', 'just', 'can', 'could', 'would', 'you', 'u']);

/**
 * A purpose said first, up to a comma: "to pay the rent, send …", "so that ravi can pay rent, send …", "in
 * order to settle the bill, …", "so she has gas, …". It goes to the end of the step it leads, bracketed, where the
 * parser keeps it as a note with a note's checks. It may hold verbs (it tells what the funds are for), never a
 * token, an address or a name of the devnet, and a step's verb must follow its comma.
 */
function moveLeadingPurpose(tokens: Token[], isSymbol: (word: string) => boolean): Token[] {
  const start = tokens.findIndex((t) => t.kind !== 'punct');
  if (start < 0) return tokens;
  const w = (k: number) => (tokens[k]?.kind === 'word' ? tokens[k]!.lower : undefined);
  let body = start;
  if (w(start) === 'to' && purposeVerbs.has(w(start + 1) ?? '')) body = start + 2;
  else if (w(start) === 'in' && w(start + 1) === 'order' && w(start + 2) === 'to') body = start + 3;
  else if (w(start) === 'so' && w(start + 1) === 'as' && w(start + 2) === 'to') body = start + 3;
  else if (w(start) === 'so' && w(start + 1) === 'that') body = start + 2;
  // "so she has gas", "so ravi can pay the landlord": "so" and a subject with its verb.
  else if (w(start) === 'so' && tokens[start + 1]?.kind === 'word' && tokens[start + 2]?.kind === 'word' && !verbs.has(w(start + 1)!)) body = start + 1;
  else return tokens;
  let comma = body;
  while (comma < tokens.length && comma < start + 14 && !(tokens[comma]!.kind === 'punct' && tokens[comma]!.value === ',')) {
    const t = tokens[comma]!;
    if (t.kind === 'address' || t.kind === 'ens' || t.kind === 'number' || t.kind === 'numberWord' || t.kind === 'suffix' || t.kind === 'percent') return tokens;
    if (t.kind === 'punct' && !["'", '-'].includes(t.value)) return tokens;
    if (t.kind === 'word' && isSymbol(t.lower)) return tokens;
    comma++;
  }
  if (tokens[comma]?.kind !== 'punct' || tokens[comma]!.value !== ',' || comma === body) return tokens;
  // "to pay the rent", "in order to cover gas": what the verb of purpose takes is a thing; "to pay bob, send … to
  // ravi" names a second payee, which is no note to keep.
  if (w(body - 1) !== undefined && purposeVerbs.has(w(body - 1)!) && w(body - 2) === 'to') {
    const object = w(body);
    if (object === undefined || !(purposeObjects.has(object) || purposeNouns.has(object))) return tokens;
  }
  let verb = comma + 1;
  while (tokens[verb]?.kind === 'word' && askingWords.has(tokens[verb]!.lower)) verb++;
  const next = tokens[verb];
  if (next?.kind !== 'word' || !verbs.has(next.lower) || verbs.get(next.lower) === 'balance') return tokens;
  let end = comma + 1;
  while (end < tokens.length && !(tokens[end]!.kind === 'punct' && clauseEnds.has(tokens[end]!.value)) && !isWord(tokens[end], 'then')) end++;
  const words = tokens.slice(start, comma);
  return [...tokens.slice(0, start), ...tokens.slice(comma + 1, end), bracket(words[0]!, '('), ...words, bracket(words[words.length - 1]!, ')'), ...tokens.slice(end)];
}

type Group = { open: number; from: number; to: number; close: number; trailing: boolean };

/** The aside that opens at `tokens[i]`: bracketed, between two spaced dashes or two commas, or after ":", ";", "//". */
function groupAt(tokens: readonly Token[], i: number): Group | undefined {
  const t = tokens[i]!;
  if (t.value === '(') {
    const close = tokens.findIndex((c, k) => k > i && c.kind === 'punct' && c.value === ')');
    if (close < 0 || tokens.slice(i + 1, close).some((c) => c.kind === 'punct' && c.value === '(')) return undefined;
    // A bracket at the very end is the parser's own (a bracketed note): only one inside the step moves here.
    return { open: i, from: i + 1, to: close, close, trailing: false };
  }
  if (t.value === '-' && t.spaced) {
    // " — rent — ", " -- rent -- ", " - for rent - ": two dashes set off by spaces.
    const width = tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.value === '-' && !tokens[i + 1]!.spaced ? 2 : 1;
    const from = i + width;
    if (!tokens[from]?.spaced) return undefined;
    for (let k = from; k < tokens.length && k < from + 10; k++) {
      const c = tokens[k]!;
      if (c.kind !== 'punct') continue;
      if (c.value !== '-' || !c.spaced) return undefined;
      const width2 = tokens[k + 1]?.kind === 'punct' && tokens[k + 1]!.value === '-' && !tokens[k + 1]!.spaced ? 2 : 1;
      if (tokens[k + width2] && !tokens[k + width2]!.spaced) return undefined;
      return { open: i, from, to: k, close: k + width2 - 1, trailing: false };
    }
    return undefined;
  }
  if (t.value === ',' && tokens[i + 1]?.kind === 'word' && commaPairOpeners.has(tokens[i + 1]!.lower)) {
    // "as well as" adds a step; it is no aside.
    if (isWord(tokens[i + 1], 'as') && isWord(tokens[i + 2], 'well')) return undefined;
    for (let k = i + 2; k < tokens.length && k < i + 12; k++) {
      const c = tokens[k]!;
      if (c.kind !== 'punct') continue;
      if (c.value !== ',') return undefined;
      return { open: i, from: i + 1, to: k, close: k, trailing: false };
    }
    return undefined;
  }
  // "…: rent", "…; snacks for the trip", "… // for the pool": after the step, to the end.
  const slashes = t.value === '/' && tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.value === '/' && !tokens[i + 1]!.spaced;
  if (t.value === ':' || t.value === ';' || slashes) {
    const from = i + (slashes ? 2 : 1);
    let to = tokens.length;
    while (to > from && tokens[to - 1]!.kind === 'punct' && ['.', '!', 'emoji'].includes(tokens[to - 1]!.value)) to--;
    if (to <= from) return undefined;
    return { open: i, from, to, close: to - 1, trailing: true };
  }
  return undefined;
}

/**
 * Whether `tokens[from, to)` can be nothing but a comment: words (and numbers that identify), no token, verb,
 * address or name, no word that adds to the request; two words, or one purpose noun. A second amount offered
 * ("or 900") is refused as ambiguous.
 */
function isComment(words: readonly Token[], tokens: readonly Token[], from: number, to: number, isSymbol: (word: string) => boolean, source: string): boolean {
  if (words.length === 0 || words.length > 10) return false;
  const said = words.filter((w) => w.kind === 'word');
  if (said.length === 0) return false;
  const or = said.find((w) => w.lower === 'or');
  const amount = bareAmountIn(tokens, from, to, (w) => isSymbol(w.lower));
  if (or && (amount || words.some((w) => w.kind === 'word' && isSymbol(w.lower))))
    throw refusal(
      intentErrorCodes.ambiguous,
      source,
      { start: words[0]!.start, end: words[words.length - 1]!.end },
      `the aside ${quote(source.slice(words[0]!.start, words[words.length - 1]!.end))} offers another amount or token: say one request`,
      ['say the amount once, e.g. send 800 USDC to landlord.eth'],
    );
  if (or || amount) return false;
  for (const w of words) {
    if (w.kind === 'address' || w.kind === 'ens' || w.kind === 'suffix' || w.kind === 'percent') return false;
    // Marks only inside a word or a number ("inv. 2231", "A-1192", "#88", "it's"): "; rm -rf /" is no comment.
    if (w.kind === 'punct' && !['#', "'"].includes(w.value) && !(['-', '.', ':', '/'].includes(w.value) && attached(words, w))) return false;
    if (w.kind !== 'word') continue;
    if (isSymbol(w.lower) || joiningWords.has(w.lower)) return false;
    // Any verb of the lexicon, a question's too ("; check my balance"), may be a step: no comment.
    if (verbs.has(w.lower) && !(w === said[0] && noteStarters.has(w.lower))) return false;
  }
  // ("inv 2231": a word and the number it identifies are two.)
  return words.filter((w) => w.kind !== 'punct').length >= 2 || purposeNouns.has(said[0]!.lower);
}

/** Whether a mark stands inside the aside between two of its tokens, against the one before it. */
function attached(words: readonly Token[], mark: Token): boolean {
  const k = words.indexOf(mark);
  return k > 0 && k < words.length - 1 && !mark.spaced && words[k - 1]!.kind !== 'punct' && words[k + 1]!.kind !== 'punct';
}

/** A bracket made from the mark or word it stands for, so its place in the words is kept. */
function bracket(at: Token, mark: '(' | ')'): Token {
  return { ...at, kind: 'punct', value: mark, text: mark, lower: mark, spaced: true };
}

function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.lower);
}
