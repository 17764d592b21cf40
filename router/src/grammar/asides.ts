/**
 * Purpose and aside clauses (round 7): which words open a note beyond ./lexicon.ts `noteStarters`, and which
 * numbers in an aside could be meant as the amount. Used by the parser's notes (./parser.ts `startsNote`,
 * `note`, `commaAside`) and by the frame's report check (./frame.ts), so both read an aside the same way.
 *
 * A note is kept verbatim and never changes the intent; so an aside that could be read as part of the
 * request — a bare number ("he owes me 500", "she asked for 30", "the other 10"), an address or an ENS name —
 * is refused as `AMBIGUOUS_INTENT`. A number that only identifies something ("invoice 42", "#42", "order
 * 7781") or counts something that is no token ("for 2 pizzas") is part of the note.
 */
import type { Token } from './tokenize.js';

/** Labels of a note before a colon ("memo: groceries", "reason: refund"): the note is what follows. */
export const noteLabels: ReadonlySet<string> = new Set([
  'memo', 'note', 'notes', 'reason', 'purpose', 'ref', 'reference', 'description', 'desc', 'comment', 'comments', 'message', 'msg', 'remark',
  'remarks', 'nb',
]);

/** Words that open a note without a colon: "per our call", "re invoice 42", "ref INV-2041", "being the refund for …". */
export const noteOpeners: ReadonlySet<string> = new Set([
  'per', 're', 'ref', 'regarding', 'concerning', 'being', 'happy', 'congrats', 'congratulations', 'merry', 'memo', 'note', 'reason', 'purpose',
  'description', 'comment', 'message', 'msg', 'remark', 'reference', 'fyi',
]);

/** Words that make a reason clause: "because she paid", "since he covered", "bc he won". */
export const reasonWords: ReadonlySet<string> = new Set(['because', 'since', 'cause', "'cause", 'cuz', 'coz', 'cos', 'bc', 'b/c', 'bcoz', 'bcos', 'becuase', 'becasue', 'bcause']);

/** Nouns a number after them only identifies: "invoice 42", "order #5512", "table 4". */
const idNouns: ReadonlySet<string> = new Set([
  'invoice', 'inv', 'order', 'ticket', 'ref', 'reference', 'no', 'number', 'num', 'item', 'table', 'room', 'case', 'issue', 'bill', 'receipt',
  'account', 'acct', 'id', 'job', 'project', 'po', 'pr', 'task', 'unit', 'apt', 'apartment', 'flat', 'seat', 'row', 'gate', 'flight', 'season',
  'episode', 'chapter', 'version', 'v', 'week', 'day', 'round', 'level', 'batch', 'lot', 'contract', 'claim', 'policy', 'file', 'page', 'line',
  // "booking 7781-B", "reservation 42", "nr 12": more documents a number names.
  'booking', 'reservation', 'confirmation', 'nr', 'code', 'member', 'membership', 'customer', 'client', 'student',
]);

/** Words after a number that make it an amount of money even without a token: "500 bucks", "30 dollars". */
const moneyUnits: ReadonlySet<string> = new Set([
  'bucks', 'buck', 'dollars', 'dollar', 'usd', 'quid', 'euros', 'euro', 'eur', 'pounds', 'gbp', 'cents', 'cent', 'k', 'grand', 'sats', 'gwei', 'wei',
  'units', 'unit', 'coins', 'tokens', 'each', 'apiece', 'more', 'extra', 'back', 'total', 'instead', 'too', 'also', 'left', 'remaining', 'of',
  'to', 'for', 'and', 'or', 'goes', 'go', 'is', 'was', 'will', 'should', 'please', 'pls', 'plus', 'minus', 'then',
  // Words that are no noun a number could count ("the 500 he lent me", "30 from last week"): the number stands alone.
  'he', 'she', 'they', 'i', 'we', 'you', 'u', 'it', 'that', 'which', 'who', 'me', 'him', 'her', 'them', 'us', 'from', 'in', 'on', 'at', 'by',
  'with', 'ago', 'yesterday', 'earlier', 'now', 'already', 'lol', 'right', 'as', 'but', 'so', 'if', 'when', 'not', 'the', 'a', 'an', 'my', 'his',
  'their', 'our', 'your', 'last', 'before', 'after', 'ok', 'okay', 'thanks', 'thx', 'ty', 'lent', 'sent', 'paid', 'owed', 'gave', 'asked',
]);

/** Words before "one" that make it a pronoun: "owe you one", "this one", "the big one". */
const pronounOneBefore: ReadonlySet<string> = new Set(['you', 'u', 'ya', 'this', 'that', 'the', 'a', 'another', 'big', 'good', 'next', 'last', 'no', 'which', 'each', 'every', 'any']);

/**
 * The first number in `tokens[start, end)` that could be meant as an amount: one standing bare ("he owes me
 * 500"), before a word of money or of more ("500 bucks", "15 each", "the other 10 goes to bob"). Numbers that
 * identify ("invoice 42", "#42"), count a noun ("2 pizzas", "5 coffees"), or tell a time of day or a date
 * are not; a token after the number is the caller's to refuse (it names an amount of a token).
 */
export function bareAmountIn(tokens: readonly Token[], start: number, end: number, isSymbol: (token: Token) => boolean): Token | undefined {
  // (An aside that ends the words: `end` may run past the last token; "…, tell no one" ends on a number word.)
  for (let i = start; i < Math.min(end, tokens.length); i++) {
    const t = tokens[i]!;
    if (t.kind !== 'number' && t.kind !== 'numberWord') continue;
    const before = tokens[i - 1];
    const after = i + 1 < end ? tokens[i + 1] : undefined;
    // "so we're even": a word the spelling pass took for a number ("seven") is a word in an aside.
    if (t.kind === 'numberWord' && t.text.toLowerCase().replace(/’/g, "'") !== t.lower) continue;
    if (t.kind === 'numberWord' && t.lower === 'one' && before?.kind === 'word' && pronounOneBefore.has(before.lower)) continue;
    if (before?.kind === 'punct' && before.value === '#') continue;
    // "2024-031": the second part of a number written with a hyphen, as the first part goes.
    if (before?.kind === 'punct' && before.value === '-' && !before.spaced && !t.spaced && tokens[i - 2]?.kind === 'number' && i - 2 >= start) {
      const first = tokens[i - 2]!;
      if (tokens[i - 3]?.kind === 'punct' && tokens[i - 3]!.value === '#') continue;
      if (tokens[i - 3]?.kind === 'word' && idNouns.has(tokens[i - 3]!.lower) && first.spaced) continue;
    }
    if (before?.kind === 'word' && idNouns.has(before.lower) && i - 1 >= start) continue;
    // "invoice no. 2231", "ref: 8831": a number after an identifying noun and its mark identifies too.
    const noun = tokens[i - 2];
    if (before?.kind === 'punct' && ['.', ':'].includes(before.value) && noun?.kind === 'word' && idNouns.has(noun.lower) && i - 2 >= start) continue;
    if (t.dollar || after?.kind === 'suffix' || after?.kind === 'percent') return t;
    if (after?.kind === 'word' && isSymbol(after)) return t;
    if (after?.kind === 'word' && !moneyUnits.has(after.lower)) continue;
    return t;
  }
  return undefined;
}

const subjectPronouns: ReadonlySet<string> = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'u']);

/**
 * Whether the past verb whose subject stands at `words[subject]` tells a reason after the request (a word per
 * token as ./frame.ts matches them, "#" for a number): after a reason word ("because she paid", "bc bob
 * covered it"), after a comma or dash with a pronoun ("…, she paid for coffee"), or in a purpose of "for" that
 * names an amount ("for the 10 DAI he lent me", which the parser refuses as ambiguous). A request with an
 * action verb must come before it; a report that opens the words ("I sent …", "bob paid …") is none.
 */
export function isReasonAside(words: readonly string[], subject: number, isActionVerb: (word: string) => boolean): boolean {
  const before = words[subject - 1];
  const who = words[subject];
  if (before === undefined || who === undefined) return false;
  let boundary = -1;
  if (reasonWords.has(before)) boundary = subject - 1;
  // Round 8: "… as she lent me her charger": "as" before someone else as subject gives a reason, like "because".
  else if (before === 'as' && subjectPronouns.has(who) && who !== 'i' && who !== 'you' && who !== 'u') boundary = subject - 1;
  // "…, i paid her already" is a report on this very payment, not a reason for it: only others after a bare mark.
  else if ((before === ',' || before === '-') && subjectPronouns.has(who) && who !== 'i' && who !== 'you' && who !== 'u') boundary = subject - 1;
  else if (subjectPronouns.has(who)) {
    for (let k = subject - 1; k >= Math.max(0, subject - 6); k--) {
      if (words[k] === 'for' && words.slice(k + 1, subject).includes('#')) {
        boundary = k;
        break;
      }
      if (!/^[a-z#]/.test(words[k]!)) break;
    }
  }
  // "… because I already paid": the payment itself done before is a report, whatever leads it.
  if (words.slice(boundary, subject + 6).some((word) => word === 'already' || word === 'alredy' || word === 'allready')) return false;
  // "because he fronted the gas, send him 0.01 ETH": a reason said first, up to a comma, with the request after it.
  if (boundary === 0 && reasonWords.has(before)) {
    const comma = words.indexOf(',', subject);
    return comma > subject && words.slice(comma + 1).some(isActionVerb);
  }
  return boundary > 0 && words.slice(0, boundary).some(isActionVerb);
}
