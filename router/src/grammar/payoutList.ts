/**
 * A list of payments written with no verb, recipient first: "payouts: alice.eth 40 usdc, bob.eth 25 usdc",
 * "carol 3 dai, dave 4 dai", "alice.eth: 5 USDC; bob.eth: 7 USDC". Each entry is a name (an ENS name, an
 * address, or one word that can be a contact), an optional ":" or "-", an amount and a token; entries are
 * separated by ",", ";", a new line, "+", "and" or "plus", or follow each other. A header naming payments
 * ("payouts:", "payments:") may lead. The entries are rewritten into the sentence they say ("send 40 USDC
 * to alice.eth and 25 USDC to bob.eth"), which the productions then read like typed words, so a contact
 * name, a token or a vague word inside is checked exactly as in a sentence; the words after the list stay.
 *
 * Without a header at least two entries are needed: one name and an amount ("alice 5 dai") says too
 * little to be a payment. Anything that is not exactly this shape is left to the sentence grammar.
 */
import { foreignChains, foreignTokens, nativeAliases, reservedWords, unsupportedVerbs, balanceMarkers } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Words that head a list of payments before a colon. */
const headers: ReadonlySet<string> = new Set([
  'payout', 'payouts', 'payment', 'payments', 'transfers', 'payroll', 'disbursements', 'distribution', 'recipients', 'batch',
]);
const separators: ReadonlySet<string> = new Set([',', ';', '+', 'and', 'plus']);

type Entry = { name: Token; amount: readonly Token[]; token: Token };

/**
 * The tokens of the sentence a verbless payment list says, or undefined when `tokens` are not one.
 * `isSymbol` says whether a lower-case word is a token symbol of the list in use.
 */
export function readPayoutList(tokens: readonly Token[], isSymbol: (word: string) => boolean): Token[] | undefined {
  let i = 0;
  let header = false;
  // "💸 alice.eth 5 usdc, bob.eth 6 usdc": an emoji before the list is decoration.
  while (tokens[i]?.kind === 'punct' && tokens[i]!.value === 'emoji') i++;
  if (tokens[i]?.kind === 'word' && headers.has(tokens[i]!.lower) && isMark(tokens[i + 1], ':')) {
    header = true;
    i += 2;
    // "payments:" on a line of its own.
    while (isMark(tokens[i], ';')) i++;
  }
  const entries: Entry[] = [];
  for (;;) {
    const entry = readEntry(tokens, i, isSymbol);
    if (!entry) break;
    entries.push(entry.entry);
    i = entry.next;
    const sep = tokens[i];
    if (sep && separators.has(sep.kind === 'punct' ? sep.value : sep.lower)) {
      // ", and" is one separator.
      i += isWord(tokens[i + 1], 'and') && sep.kind === 'punct' ? 2 : 1;
      if (!readEntry(tokens, i, isSymbol)) {
        i -= isWord(tokens[i - 1], 'and') && tokens[i - 2]?.kind === 'punct' ? 2 : 1;
        break;
      }
    }
  }
  if (entries.length === 0 || (!header && entries.length < 2)) return undefined;
  const out: Token[] = [synthetic('send', entries[0]!.name)];
  entries.forEach((entry, n) => {
    if (n > 0) out.push(synthetic('and', entry.name));
    out.push(...entry.amount, entry.token, synthetic('to', entry.name), entry.name);
  });
  return [...out, ...tokens.slice(i)];
}

function readEntry(tokens: readonly Token[], at: number, isSymbol: (word: string) => boolean): { entry: Entry; next: number } | undefined {
  const name = tokens[at];
  if (!name || !isName(name, isSymbol)) return undefined;
  let i = at + 1;
  if (isMark(tokens[i], ':') || isMark(tokens[i], '-') || isMark(tokens[i], '->') || isMark(tokens[i], '=')) i++;
  const first = tokens[i];
  if (!first || (first.kind !== 'number' && first.kind !== 'numberWord') || first.dollar) return undefined;
  const amount: Token[] = [first];
  i++;
  while (tokens[i]?.kind === 'suffix' || tokens[i]?.kind === 'numberWord') amount.push(tokens[i++]!);
  const token = tokens[i];
  if (!token || token.kind !== 'word' || !(isSymbol(token.lower) || nativeAliases.has(token.lower))) return undefined;
  return { entry: { name, amount, token }, next: i + 1 };
}

/** An ENS name, an address, or one word that could name a contact (never a verb, token, number or filler). */
export function isName(t: Token, isSymbol: (word: string) => boolean): boolean {
  if (t.kind === 'ens' || t.kind === 'address') return true;
  if (t.kind !== 'word' || !/^[a-z][a-z0-9_]*$/.test(t.lower)) return false;
  return !(
    reservedWords.has(t.lower) ||
    isSymbol(t.lower) ||
    nativeAliases.has(t.lower) ||
    foreignTokens.has(t.lower) ||
    foreignChains.has(t.lower) ||
    unsupportedVerbs.has(t.lower) ||
    balanceMarkers.has(t.lower) ||
    headers.has(t.lower)
  );
}

function isMark(t: Token | undefined, mark: string): boolean {
  return t?.kind === 'punct' && t.value === mark;
}

function isWord(t: Token | undefined, word: string): boolean {
  return t?.kind === 'word' && t.lower === word;
}

/** A word the list implies, placed where its entry starts so an error's caret points there. */
function synthetic(word: string, at: Token): Token {
  return { kind: 'word', start: at.start, end: at.end, text: word, lower: word, value: word, spaced: true };
}

/** Field names of a recipient said before the request. */
const recipientFields: ReadonlySet<string> = new Set(['recipient', 'beneficiary', 'payee', 'receiver', 'destination']);

/**
 * "Recipient: carol.eth. Please send 20 DAI.", "the recipient is bob.eth, send 4 USDC": the recipient named
 * first, then the request without one. Rewritten as the request with "to" and the name after it; a request
 * that names a recipient of its own then fails to parse, so two recipients are never merged into one.
 */
export function readLeadingRecipient(tokens: readonly Token[]): Token[] | undefined {
  let i = isWord(tokens[0], 'the') ? 1 : 0;
  if (tokens[i]?.kind !== 'word' || !recipientFields.has(tokens[i]!.lower)) return undefined;
  i++;
  if (!isWord(tokens[i], 'is') && !isMark(tokens[i], ':') && !isMark(tokens[i], '=')) return undefined;
  i++;
  const name = tokens[i];
  if (!name || (name.kind !== 'ens' && name.kind !== 'address')) return undefined;
  i++;
  if (!(isMark(tokens[i], ',') || isMark(tokens[i], '.') || isMark(tokens[i], ';') || isMark(tokens[i], '-'))) return undefined;
  i++;
  let end = tokens.length;
  while (end > i && tokens[end - 1]!.kind === 'punct') end--;
  if (end <= i) return undefined;
  return [...tokens.slice(i, end), synthetic('to', name), name, ...tokens.slice(end)];
}
