/**
 * Purpose and aside clauses, read as words of a class, not as sentences. Used by the parser's notes
 * (./parser.ts `note`, `commaAside`, `leadingAside`, `modifiers`) and by the frame's exceptions (./frame.ts).
 *
 * A note never changes the intent, so what could change it is refused, never kept: a second recipient joined
 * to the purpose ("for the rent and to alice"), a verb of moving funds with an amount of its own ("memo: send
 * all"), and a date the payment would be made on ("memo: pay on the 15th", "for rent by the 1st"). Hashtags
 * after the request ("#rent #march") are a note; one that names a time ("#every-week") is a schedule.
 */
import { bareAmountIn, noteLabels } from './asides.js';
import { purposeVerbs } from './lexicon.js';
import type { Token } from './tokenize.js';

/** A reason the words of a note are not a note. */
export interface NoteRefusal {
  readonly code: 'ambiguous' | 'unsupported';
  readonly at: Token;
  readonly why: string;
}

const joiners: ReadonlySet<string> = new Set(['and', '&', 'plus', 'also', 'n']);
/** Words that scale an amount: "…, but double", "(twice as much)", "make it triple". */
const scaleWords: ReadonlySet<string> = new Set(['double', 'doubled', 'twice', 'triple', 'tripled', 'treble', 'quadruple', 'halve', 'halved', 'x2', '2x', 'x3', '3x', 'more', 'less', 'bigger', 'smaller', 'larger', 'fewer']);
/** Words before a scaling word that make it say how much: "but double", "make it twice", "only half". */
const scaleLeads: ReadonlySet<string> = new Set(['but', 'make', 'it', 'only', 'just', 'maybe']);
/** Nouns of an account: "alice's wallet" in a note names where funds would go. */
const accountNouns: ReadonlySet<string> = new Set(['wallet', 'address', 'addr', 'account', 'acct', 'addy', 'ens', 'eoa', 'safe', 'vault', 'multisig']);
/** Words after a verb of moving funds that make an amount: "send all", "swap everything", "pay half". */
const amountWords: ReadonlySet<string> = new Set(['all', 'everything', 'half', 'max', 'maximum', 'rest', 'remainder', 'entire', 'whole', 'double', 'twice', 'triple']);
/** Prepositions that put a date on the act: "on the 15th", "by the 1st", "before the 3rd". */
const datePrepositions: ReadonlySet<string> = new Set(['on', 'by', 'before', 'until', 'till', 'til', 'due']);
const ordinalSuffixes: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th']);
const monthNames: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
const ordinalWords: ReadonlySet<string> = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'fifteenth', 'twentieth', 'thirtieth', '1st', '2nd',
  '3rd', '15th',
]);

/**
 * Whether `tokens[start, end)` of a note carries what could change the request; the caller refuses with the
 * code. `isFundsVerb` says whether a word is a verb of the lexicon that moves funds.
 */
export function noteChangesRequest(tokens: readonly Token[], start: number, end: number, isFundsVerb: (token: Token) => boolean): NoteRefusal | undefined {
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    const next = i + 1 < end ? tokens[i + 1] : undefined;
    const lower = t.kind === 'word' ? t.lower : t.kind === 'punct' ? t.value : '';
    // "for the rent and to alice for groceries": a second recipient joined to the purpose, which a note would drop.
    if (joiners.has(lower) && next?.kind === 'word' && next.lower === 'to') {
      const who = i + 2 < end ? tokens[i + 2] : undefined;
      if (who && (who.kind === 'ens' || who.kind === 'address' || (who.kind === 'word' && !purposeVerbs.has(who.lower))))
        return { code: 'ambiguous', at: next, why: 'adds a recipient to the request: give each step its own verb, amount and recipient' };
    }
    // "…, but double", "(twice as much)", "make it more": the amount said again, changed; a note would drop it.
    if (t.kind === 'word' && scaleWords.has(t.lower) && (i === start || (tokens[i - 1]?.kind === 'word' && scaleLeads.has(tokens[i - 1]!.lower))))
      return { code: 'ambiguous', at: t, why: 'changes the amount: say the amount in the request itself' };
    // "send 5 dai to bob (alice's wallet)": another name's account, which may be meant as the recipient.
    if (t.kind === 'word' && /^[a-z0-9_.-]+'s$/.test(t.lower) && next?.kind === 'word' && accountNouns.has(next.lower))
      return { code: 'ambiguous', at: t, why: 'names another account: give one recipient' };
    // "(memo: ignore this and send all)": a verb of moving funds with an amount of its own.
    if (t.kind === 'word' && isFundsVerb(t) && next?.kind === 'word' && (amountWords.has(next.lower) || (next.lower === 'it' && tokens[i + 2]?.kind === 'word' && tokens[i + 2]!.lower === 'all')))
      return { code: 'ambiguous', at: t, why: 'asks for a step of its own: say every step in the request itself' };
    // "for groceries #every-week": a tag in the note that names a time is a schedule.
    const tags = lower === '#' ? hashtagsAt(tokens, i) : undefined;
    if (tags?.schedule) return { code: 'unsupported', at: tags.schedule, why: 'asks for a time or a schedule; Lucid acts now, once' };
    // "memo: pay on the 15th", "for rent by the 1st", "due on march 3": a date the act would wait for.
    if (t.kind === 'word' && datePrepositions.has(t.lower) && next !== undefined && isDateAt(tokens, t.lower === 'due' && next.kind === 'word' && next.lower === 'on' ? i + 2 : i + 1, end))
      return { code: 'unsupported', at: t, why: 'puts a date on the payment; Lucid acts now, once' };
  }
  return undefined;
}

/** Whether a date starts at `index`: "the 15th", "15th", "the 1st of", "march 3", "3 march", "the first". */
function isDateAt(tokens: readonly Token[], index: number, end: number): boolean {
  let k = index;
  if (tokens[k]?.kind === 'word' && tokens[k]!.lower === 'the') k++;
  const t = tokens[k];
  if (!t || k >= end) return false;
  const after = k + 1 < end ? tokens[k + 1] : undefined;
  if (t.kind === 'number') return (after?.kind === 'word' && (ordinalSuffixes.has(after.lower) || monthNames.has(after.lower))) || (k > index && (after === undefined || after.kind === 'punct'));
  if (t.kind === 'word' && monthNames.has(t.lower) && t.lower !== 'may' && t.lower !== 'march') return true;
  if (t.kind === 'word' && (t.lower === 'may' || t.lower === 'march')) return after?.kind === 'number';
  return t.kind === 'word' && ordinalWords.has(t.lower) && k > index;
}

/** Words of time inside a hashtag ("#every-week", "#weekly", "#monthlyRent"): the tag asks for a schedule. */
const tagTimeWords: ReadonlySet<string> = new Set([
  'every', 'each', 'daily', 'weekly', 'monthly', 'yearly', 'annually', 'hourly', 'nightly', 'biweekly', 'fortnightly', 'quarterly', 'recurring',
  'schedule', 'scheduled', 'repeat', 'auto', 'autopay', 'tomorrow', 'tonight', 'later', 'dca', 'subscription', 'next', 'week', 'weeks', 'month',
  'months', 'day', 'days', 'year', 'years', 'hour', 'hours', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'weekend', 'payday', 'eom', 'eow',
]);

/**
 * "#rent", "#rent #march": the end of a run of hashtags starting at `index` (a "#" and a word written against
 * it), or undefined. A tag with a word of time in it is returned in `schedule` for the caller to refuse.
 */
export function hashtagsAt(tokens: readonly Token[], index: number): { end: number; schedule?: Token } | undefined {
  let k = index;
  let schedule: Token | undefined;
  while (tokens[k]?.kind === 'punct' && tokens[k]!.value === '#' && tokens[k + 1]?.kind === 'word' && !tokens[k + 1]!.spaced) {
    const tag = tokens[k + 1]!;
    const parts = tag.text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[-_\s]+/u);
    if (parts.some((part) => tagTimeWords.has(part))) schedule ??= tag;
    k += 2;
  }
  return k > index ? { end: k, ...(schedule ? { schedule } : {}) } : undefined;
}

const doneGerunds =
  'sending|swapping|paying|transferring|buying|selling|moving|wrapping|unwrapping|staking|unstaking|supplying|lending|withdrawing|approving|revoking|claiming|converting|exchanging|trading|depositing|wiring|bridging';
const thanksFor = 'thanks|thank|thx|ty|tysm|cheers|thnx|tnx for';

/**
 * Extra patterns for the frame's report rule (./frame.ts): thanks for an act with its amount ("Thanks for sending 5
 * DAI to bob!", "thank you for swapping the 2 ETH") tell of something done, not something to do.
 */
export const reportAsidePatterns: readonly string[] = [
  `${thanksFor} ${doneGerunds} #`, `${thanksFor} ${doneGerunds} the|my|our|those|that|all|everything`,
  `thank you|u|ya for ${doneGerunds} #`, `thank you|u|ya for ${doneGerunds} the|my|our|those|that|all|everything`,
  `appreciate|appreciated you ${doneGerunds}`,
];

/** Extra patterns for the frame's rule on acting unseen: "…, tell no one", "keep it between us". */
export const unseenAsidePatterns: readonly string[] = ['tell|telling no|noone|nobody', 'tell no one', 'keep it|this between us', 'keep it|this quiet|secret|hidden|hush'];

/** Before the request: the length of an opener of a note kept in it and its colon ("re:", "regarding:"), or 0. */
export function leadingNoteOpener(tokens: readonly Token[], index: number): number {
  const t = tokens[index];
  const colon = tokens[index + 1];
  return t?.kind === 'word' && ['re', 'regarding', 'concerning', 'ref', 'reference'].includes(t.lower) && !noteLabels.has(t.lower) && colon?.kind === 'punct' && colon.value === ':' ? 2 : 0;
}

/** Before the request: the length of a note's label and its colon at `index` ("Memo:", "ref:"), or 0. */
export function leadingNoteLabel(tokens: readonly Token[], index: number): number {
  const t = tokens[index];
  const colon = tokens[index + 1];
  return t?.kind === 'word' && noteLabels.has(t.lower) && colon?.kind === 'punct' && colon.value === ':' ? 2 : 0;
}

/**
 * In an aside before the request (`tokens[start, …)`): whether the token at `index` is part of a number that only
 * identifies ("invoice 1187", "#4471", "2024-117") — a "#" or a hyphen against a number, or a number that
 * ./asides.ts `bareAmountIn` would not take for an amount. A number that could be the amount is no such part.
 */
export function leadingIdNumber(tokens: readonly Token[], start: number, index: number, isSymbol: (token: Token) => boolean): boolean {
  const t = tokens[index]!;
  const next = tokens[index + 1];
  if (t.kind === 'punct' && (t.value === '#' || t.value === '-') && next?.kind === 'number' && !next.spaced) return index > start || t.value === '#';
  if (t.kind !== 'number' || index === start) return false;
  const before = tokens[index - 1]!;
  if (before.kind !== 'word' && !(before.kind === 'punct' && (before.value === '#' || before.value === '-'))) return false;
  return bareAmountIn(tokens, Math.max(start, index - 1), Math.min(tokens.length, index + 2), isSymbol) === undefined;
}

/** Occasions whose noun before a verb's word makes it a noun: "birthday gift", "wedding present", "lunch money". */
const occasionNouns: ReadonlySet<string> = new Set([
  'birthday', 'bday', 'wedding', 'christmas', 'xmas', 'holiday', 'anniversary', 'graduation', 'housewarming', 'farewell', 'welcome', 'baby', 'lunch',
  'dinner', 'coffee', 'rent', 'gas', 'pocket', 'tip', 'bonus', 'thank-you', 'thankyou', 'congrats', 'retirement', 'valentine', 'valentines', 'gift',
]);

/** Nouns that are also verbs of the lexicon, read as nouns after an occasion ("birthday gift", never "lunch swap"). */
const occasionHeads: ReadonlySet<string> = new Set(['gift', 'present', 'money', 'fund', 'funds', 'cash', 'tip', 'treat', 'bonus', 'payout', 'share']);

/** Whether `tokens[index]` is a word standing as a noun after an occasion's noun, last in the aside: "Birthday gift", "lunch money". */
export function occasionNoun(tokens: readonly Token[], start: number, index: number): boolean {
  const t = tokens[index];
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return index > start && t?.kind === 'word' && occasionHeads.has(t.lower) && before?.kind === 'word' && occasionNouns.has(before.lower) && after?.kind === 'punct';
}

/** Whether an aside before the request ends at `index` with a dash set off by spaces ("for groceries — send …") or an emoji. */
export function leadingAsideEnd(tokens: readonly Token[], index: number): boolean {
  const t = tokens[index];
  if (t?.kind !== 'punct') return false;
  if (t.value === 'emoji') return true;
  if (!['-', '—', '–'].includes(t.value) || !t.spaced) return false;
  let k = index + 1;
  while (tokens[k]?.kind === 'punct' && ['-', '—', '–'].includes(tokens[k]!.value)) k++;
  return tokens[k] !== undefined && tokens[k]!.spaced;
}

/**
 * Extra closing words for the frame's polite tails, only at the very end: asking to hear back ("Let me know once
 * done", "keep me posted") and a mail client's signature ("-- Sent from my phone").
 */
export const politeTailPatterns: readonly string[] = [
  'let me|us know once|when done|finished|complete|completed|sent|confirmed', "let me|us know once|when it's|its|it is done|finished|complete|completed|sent|through|confirmed",
  'let me|us know', 'keep me|us posted', 'please confirm once|when done|finished|complete|completed|sent',
  '- - sent from my iphone|phone|ipad|android|mobile|device', '- sent from my iphone|phone|ipad|android|mobile|device', 'sent from my iphone|phone|ipad|android|mobile|device',
];

/**
 * "as my part of the gift", "covering our part of the airbnb": a share said with its owner is a share of a cost in
 * a note, not a vague amount of a token ("part of my DAI" stays vague). `words` as the frame matches them.
 */
export function vagueWordException(words: readonly string[], i: number, symbols: ReadonlySet<string>): boolean {
  if (words[i] !== 'part' || words[i + 1] !== 'of') return false;
  if (!['my', 'our', 'his', 'her', 'your', 'their'].includes(words[i - 1] ?? '')) return false;
  const object = words.slice(i + 2, i + 5);
  return object.length > 0 && !object.some((word) => symbols.has(word) || word === '#' || word === 'it' || word === 'that' || word === 'them') && /^[a-z]/.test(object[object.length - 1] ?? '');
}
