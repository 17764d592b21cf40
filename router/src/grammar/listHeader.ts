/**
 * A heading that says a list of payments follows: "the following payments:", "Please make the following
 * payments:", "Kindly process these transfers:", "execute these payments:", "payments:" before lines that
 * start with an amount. It says only "send each of these", so it is rewritten as the verb heading a list
 * the productions already read ("send:" before "5 DAI to alice.eth", one a line or joined by "and"), or as
 * the header of a recipient-first list ("payments:" before "alice.eth 5 usdc"; ./payoutList.ts). Every
 * entry is then read as typed, so a vague amount, a time or an unknown token in one entry refuses all.
 *
 * A heading with nothing after it, or one whose verb is not a verb of paying, is left as it is.
 */
import type { Token } from './tokenize.js';

/** Politeness before the heading. */
const lead: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'kindly', 'now']);
/** Verbs that carry out payments listed after them. */
const verbs: ReadonlySet<string> = new Set([
  'make', 'process', 'execute', 'do', 'disburse', 'send', 'pay', 'transfer', 'handle', 'complete', 'initiate', 'run', 'perform', 'issue', 'submit', 'action', 'effect',
]);
/** Verbs that say "pay" on their own, so "the following:" after them needs no noun. */
const payingVerbs: ReadonlySet<string> = new Set(['send', 'pay', 'disburse', 'transfer']);
/** Nouns of payments. */
const nouns: ReadonlySet<string> = new Set(['payments', 'transfers', 'payouts', 'transactions', 'disbursements', 'sends', 'remittances']);

/**
 * The tokens with the heading rewritten (see the module comment), or undefined when they open with none.
 */
export function readListHeader(tokens: readonly Token[]): Token[] | undefined {
  let i = 0;
  while (isWordIn(tokens[i], lead)) i++;
  let verb = false;
  const verbToken = tokens[i];
  if (isWordIn(tokens[i], verbs)) {
    verb = true;
    i++;
    // "carry out the following payments"
  } else if (isWord(tokens[i], 'carry') && isWord(tokens[i + 1], 'out')) {
    verb = true;
    i += 2;
  }
  let determiner = false;
  if (isWord(tokens[i], 'the') && isWord(tokens[i + 1], 'following')) (i += 2), (determiner = true);
  else if (isWord(tokens[i], 'the') && isWord(tokens[i + 1], 'below')) (i += 2), (determiner = true);
  else if (isWord(tokens[i], 'these') || isWord(tokens[i], 'following') || isWord(tokens[i], 'below')) i++, (determiner = true);
  // "send the following: 5 USDC to alice, …": a verb of paying and "the following" need no noun.
  const nounless = determiner && isWordIn(verbToken, payingVerbs);
  if (!isWordIn(tokens[i], nouns) && !(nounless && tokens[i]?.kind === 'punct' && tokens[i]!.value === ':')) return undefined;
  const noun = isWordIn(tokens[i], nouns) ? tokens[i++]! : tokens[i - 1]!;
  if (!(tokens[i]?.kind === 'punct' && tokens[i]!.value === ':')) return undefined;
  const colon = tokens[i]!;
  i++;
  let first = i;
  while (tokens[first]?.kind === 'punct') first++;
  const entry = tokens[first];
  if (!entry) return undefined;
  // "payments:" alone before a recipient-first list is ./payoutList.ts's own header.
  if (!verb && !determiner && entry.kind !== 'number' && entry.kind !== 'numberWord') return undefined;
  const recipientFirst = entry.kind === 'ens' || entry.kind === 'address' || (entry.kind === 'word' && tokens[first + 1]?.kind === 'number');
  return [synthetic(recipientFirst ? 'payments' : 'send', noun), colon, ...tokens.slice(i)];
}

function isWord(t: Token | undefined, word: string): boolean {
  return t?.kind === 'word' && t.lower === word;
}

function isWordIn(t: Token | undefined, words: ReadonlySet<string>): boolean {
  return t?.kind === 'word' && words.has(t.lower);
}

/** A word the heading implies, placed where the heading's noun stands so an error's caret points there. */
function synthetic(word: string, at: Token): Token {
  return { kind: 'word', start: at.start, end: at.end, text: word, lower: word, value: word, spaced: true };
}
