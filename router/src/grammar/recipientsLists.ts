/**
 * Recipient phrases and list shapes that other tools and people write, said again in the shapes the
 * productions read. Runs on the tokens before the frame, so every refusal of the frame still sees each word;
 * a rule here only swaps words for the words they mean, never drops one that could carry a request:
 *
 * - a name labelled with its address or ENS name in other words ("bob, his address is 0x…", "carol, ens
 *   carol.eth", "bob whose wallet is 0x…", "to alice: 0x…", "Bob aka bob.eth", "(ENS: carol.eth)") becomes
 *   the bracket form "bob (0x…)", whose rule keeps the check that an ENS name matches the name;
 * - an address or ENS name in angle or square brackets after "to" ("to <bob.eth>", "to [bob.eth]");
 * - the recipient's field name after the token ("…, receiver bob.eth", "| to: bob.eth", "(recipient: bob.eth)",
 *   "dest=0x…", "here: 0x…", "to the wallet below: 0x…") says "to";
 * - the recipient said first with a colon ("send to bob.eth: 5 DAI", "to bob: 5 usdc");
 * - a slip of "address" or "wallet" before an address ("adress 0x…", "walet 0x…"), and a mark after the word
 *   ("to this wallet - 0x…", "to ens: bob.eth");
 * - "from me" after the amount of a payment ("send 20 usdc from me to bob"): the user pays anyway;
 * - joiners between two whole payments ("as well as", "plus", "&", "/", "adn") say "and"; "n" between names;
 * - a share said per person ("5 DAI per person / per wallet / a piece / each one") says "each";
 * - names one a line after "each of:" or "to each address:" are a list;
 * - a verb and token heading lines of "address, amount" or "name amount" ("send DAI:\n0x…,5\n0x…,7") are
 *   one payment a line;
 * - splits said with a colon ("split 30 dai evenly: alice, bob"), "down the middle", "into equal parts for", "send 2
 *   eth split equally between …", "distribute … evenly to / across …"; "5 dai each: alice, bob"; "to every address:";
 * - a later entry of a recipient-first list without its token ("give alice 5 dai and carol 2") keeps the token
 *   of the entry before, as "send 5 dai to alice and 3 to bob" does.
 *
 * - a payment told as facts and then one command ("the recipient is carol.eth, amount 7 DAI, send it").
 *
 * What stays refused: a list without "each" or amounts for every entry, a slash or "or" between names, an
 * ENS name that is not the name's own, two recipients for one payment, a line with no amount.
 */
import { damerauLevenshtein } from './distance.js';
import { reservedWords, verbs } from './lexicon.js';
import type { Token } from './tokenize.js';

export type ReadRecipientsListsReturnType = Token[];

const fieldWords: ReadonlySet<string> = new Set(['recipient', 'receiver', 'to', 'dest', 'destination', 'payee', 'beneficiary']);
const addressWords: ReadonlySet<string> = new Set(['address', 'wallet', 'addr', 'account', 'acct']);
const pronouns: ReadonlySet<string> = new Set(['his', 'her', 'their', 'its', 'the']);
const perNouns: ReadonlySet<string> = new Set(['person', 'head', 'recipient', 'wallet', 'address', 'account', 'user', 'member', 'name', 'addy', 'payee']);
const isJoinable = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'number' || t.kind === 'numberWord');

/** `tokens` with the shapes above said as the productions read them; the same array when none is found. */
export function readRecipientsLists(tokens: readonly Token[], isSymbol: (word: string) => boolean): ReadRecipientsListsReturnType {
  let out = [...tokens];
  const word = (t: Token | undefined): string => (t === undefined ? '' : t.kind === 'punct' ? (t.text === '\n' ? '\n' : t.value) : t.lower);
  const w = (k: number): string => word(out[k]);
  const isSym = (t: Token | undefined): boolean => t?.kind === 'word' && isSymbol(t.lower);
  const isTarget = (t: Token | undefined): boolean => t?.kind === 'address' || t?.kind === 'ens';
  const isNameWord = (t: Token | undefined): boolean =>
    t?.kind === 'word' && /^[a-z][a-z0-9_-]*$/i.test(t.text) && !reservedWords.has(t.lower) && !verbs.has(t.lower) && !isSym(t) && !addressWords.has(t.lower) && !fieldWords.has(t.lower) && t.lower !== 'ens';
  const isName = (t: Token | undefined): boolean => isTarget(t) || isNameWord(t);
  const made = (like: Token, text: string, kind: Token['kind'] = text.length === 1 && !/[a-z]/i.test(text) ? 'punct' : 'word'): Token => ({ ...like, kind, text, lower: text.toLowerCase(), value: text, end: like.start + Math.min(text.length, like.end - like.start) });
  const stepEnd = (t: Token | undefined): boolean => t === undefined || ['.', ',', ';', '!', '?', '\n', ')'].includes(word(t)) || ['and', 'then', 'please', 'pls', 'thanks', 'asap'].includes(word(t));
  let changed = false;
  const splice = (start: number, remove: number, ...add: Token[]): void => {
    out.splice(start, remove, ...add);
    changed = true;
  };

  // "The recipient is dave.eth; the amount is 30 DAI. Please send it.": the payment told as facts, then one command.
  const told = readToldPayment(out, word, isSym, isTarget, isNameWord);
  if (told) return told;

  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    // "to <bob.eth>", "to [bob.eth]": brackets around one address or name.
    if (((w(i) === '<' && w(i + 2) === '>') || (w(i) === '[' && w(i + 2) === ']')) && isTarget(out[i + 1]) && (w(i - 1) === 'to' || w(i - 1) === ':')) {
      splice(i + 2, 1);
      splice(i, 1);
      continue;
    }
    // "to to bob.eth": a doubled "to".
    if (w(i) === 'to' && w(i + 1) === 'to' && isName(out[i + 2])) {
      splice(i, 1);
      continue;
    }
    // "adress 0x…", "walet 0x…": a slip of the word before an address.
    if (t.kind === 'word' && t.lower.length >= 5 && isTarget(out[i + 1]) && !reservedWords.has(t.lower) && !isSym(t)) {
      const fixed = ['address', 'wallet'].find((noun) => noun !== t.lower && damerauLevenshtein(t.lower, noun) === 1);
      if (fixed) out[i] = made(t, fixed);
    }
    // "(ENS: carol.eth)": the label of the name in brackets.
    if (w(i) === '(' && w(i + 1) === 'ens' && w(i + 2) === ':' && isTarget(out[i + 3]) && w(i + 4) === ')') {
      splice(i + 1, 2);
      continue;
    }
    // Names labelled with their address or ENS name, after "to": into the bracket form "bob (0x…)".
    if (w(i - 1) === 'to' && isNameWord(t)) {
      let k = i + 1;
      let quoted = false;
      if (w(i - 2) === '"' || w(k) === '"') quoted = w(k) === '"';
      if (quoted) k++;
      const start = k;
      if (w(k) === ',') k++;
      if (w(k) === 'whose' && k === start) k++;
      else if (pronouns.has(w(k)) && k > start) k++;
      let labelled = false;
      if (addressWords.has(w(k)) || w(k) === 'ens') {
        labelled = true;
        k++;
        if (w(k) === 'name') k++;
        if (w(k) === 'is' || w(k) === ':') k++;
      } else if (k > start && ["it's", 'its', "that's", 'thats'].includes(w(k))) {
        labelled = true;
        k++;
      } else if (k === start && (w(k) === ':' || w(k) === 'aka')) {
        labelled = true;
        k++;
      } else if (quoted && k === start) labelled = true;
      if (labelled && k > start - (quoted ? 0 : 0) && isTarget(out[k]) && stepEnd(out[k + 1]) && (k > start || quoted)) {
        const target = out[k]!;
        splice(i + 1, k - i, made(target, '('), target, made(target, ')'));
        if (quoted && w(i - 1) === '"') splice(i - 1, 1);
        continue;
      }
    }
    // "to this wallet - 0x…", "to ens: bob.eth": the word for the account, then a mark, then the address.
    if ((addressWords.has(w(i)) || w(i) === 'ens') && ['-', ':', '–', '—'].includes(w(i + 1)) && isTarget(out[i + 2]) && ['to', 'the', 'this', 'that', 'my', 'his', 'her', 'our', 'their'].includes(w(i - 1)) && out.slice(Math.max(0, i - 3), i).some((token) => word(token) === 'to')) {
      splice(i + 1, 1);
      continue;
    }
    // "send 20 usdc from me to bob", "carol.eth should receive 11 dai from me": the sender is the user already.
    if (w(i) === 'from' && w(i + 1) === 'me' && (w(i + 2) === 'to' || stepEnd(out[i + 2])) && isSym(out[i - 1]) && out.slice(0, i).some((token) => verbs.get(word(token)) === 'transfer' || ['receive', 'get', 'gets', 'have'].includes(word(token)))) {
      splice(i, 2);
      continue;
    }
    // "…DAI, receiver bob.eth", "…DAI | to: bob.eth", "(recipient: bob.eth)", "dest=0x…": the recipient's field.
    if (isSym(t)) {
      let k = i + 1;
      const open = w(k) === '(';
      if ([',', '|', '(', '.', ';', '-'].includes(w(k))) k++;
      let field = false;
      if (fieldWords.has(w(k)) && !(w(k) === 'to' && k === i + 1)) {
        field = true;
        k++;
        if (addressWords.has(w(k))) k++;
        if (w(k) === ':' || w(k) === '=') k++;
        else if (w(k - 1) === 'to') field = false;
      } else {
        // "… here: 0x…", "… to the wallet below: 0x…".
        let m = k === i + 1 ? k : -1;
        if (m !== -1) {
          if (w(m) === 'to') m++;
          if (w(m) === 'the' || w(m) === 'this') m++;
          if (addressWords.has(w(m))) m++;
          if ((w(m) === 'here' || w(m) === 'below') && w(m + 1) === ':') {
            field = true;
            k = m + 2;
          }
        }
      }
      if (w(k) === '\n') k++;
      if (field && isTarget(out[k]) && (!open || w(k + 1) === ')')) {
        const target = out[k]!;
        if (open) splice(k + 1, 1);
        splice(i + 1, k - i - 1, made(out[i + 1] ?? target, 'to'));
        continue;
      }
    }
    // "send to bob.eth: 5 DAI", "to bob: 5 usdc": the recipient first, with a colon.
    if (w(i) === 'to' && isName(out[i + 1]) && w(i + 2) === ':' && isJoinable(out[i + 3]) && isSym(out[i + 4]) && stepEnd(out[i + 5])) {
      const first = out.findIndex((token) => token.kind !== 'punct');
      const verb = i > 0 && out[i - 1]!.kind === 'word' && verbs.has(w(i - 1)) && i - 1 === first;
      if (verb || i === first) {
        const moved = [out[i + 3]!, out[i + 4]!, out[i]!, out[i + 1]!];
        splice(i, 5, ...(verb ? [] : [made(t, 'send')]), ...moved);
        continue;
      }
    }
    // "as well as", "plus", "&", "/", "adn" between two whole payments: "and".
    const joiner = w(i) === 'as' && w(i + 1) === 'well' && w(i + 2) === 'as' ? 3 : ['plus', '&', '/', 'adn'].includes(w(i)) ? 1 : 0;
    if (joiner && i > 0 && (isName(out[i - 1]) || isSym(out[i - 1]))) {
      const k = i + joiner;
      const amountNext = isJoinable(out[k]) && isSym(out[k + 1]) && ['to', '→', '->'].includes(w(k + 2)) && isName(out[k + 3]);
      const nameNext = isName(out[k]) && isJoinable(out[k + 1]) && isSym(out[k + 2]);
      if (amountNext || nameNext) {
        splice(i, joiner, made(t, 'and'));
        continue;
      }
    }
    // "to alice n bob each": "n" between two names.
    if (w(i) === 'n' && isName(out[i - 1]) && isName(out[i + 1]) && out.slice(0, i).some((token) => word(token) === 'to')) out[i] = made(t, 'and');
    // "5 DAI per person", "5 DAI a piece", "5 DAI each one": each.
    if (isSym(out[i - 1]) || isJoinable(out[i - 1])) {
      if (w(i) === 'per' && perNouns.has(w(i + 1))) splice(i, 2, made(t, 'each'));
      else if (w(i) === 'a' && w(i + 1) === 'piece') splice(i, 2, made(t, 'each'));
      else if (w(i) === 'each' && w(i + 1) === 'one') splice(i + 1, 1);
    }
    // "and likewise to bob": the same again.
    if (w(i) === 'likewise' && w(i - 1) === 'and' && w(i + 1) === 'to') splice(i, 1, made(t, 'the'), made(t, 'same'));
    // "split 30 dai evenly: alice, bob", "… three ways: …", "down the middle", "into equal parts for".
    if (w(i) === ':' && out.slice(0, i).some((token) => word(token) === 'split') && ['evenly', 'equally', 'ways', 'half'].includes(w(i - 1)) && isName(out[i + 1]))
      out[i] = made(t, 'between');
    // "send 2 eth split equally between …", "send a total of 30 dai split evenly …": the split is the verb.
    if (['split', 'divided'].includes(w(i)) && ['evenly', 'equally'].includes(w(i + 1)) && isSym(out[i - 1]) && isJoinable(out[i - 2])) {
      let verb = i - 3;
      if (w(verb) === 'of' && w(verb - 1) === 'total' && w(verb - 2) === 'a') verb -= 3;
      if (verb >= 0 && verbs.get(w(verb)) === 'transfer' && out.slice(0, verb).every((token) => token.kind === 'punct' || ['please', 'pls', 'kindly'].includes(word(token)))) {
        const amount = [out[i - 2]!, out[i - 1]!];
        splice(verb, i - verb + 1, made(out[verb]!, 'split'), ...amount);
        continue;
      }
    }
    // "distribute 30 dai evenly to / across alice, bob and carol": the shares go between them.
    if (['evenly', 'equally'].includes(w(i)) && ['to', 'across', 'for'].includes(w(i + 1)) && isName(out[i + 2]) && isSym(out[i - 1]))
      out[i + 1] = made(out[i + 1]!, 'between');
    // "send 5 dai each: alice, bob": the names after the colon get it.
    if (w(i) === 'each' && w(i + 1) === ':' && w(i + 2) !== '\n' && isName(out[i + 2]) && isSym(out[i - 1])) out[i + 1] = made(out[i + 1]!, 'to');
    // "to every address below:": each one listed.
    if (w(i) === 'every' && w(i - 1) === 'to' && perNouns.has(w(i + 1))) {
      out[i] = made(t, 'each');
      if (['below', 'listed', 'here'].includes(w(i + 2)) && w(i + 3) === ':') splice(i + 2, 1);
    }
    if (w(i) === 'down' && w(i + 1) === 'the' && w(i + 2) === 'middle') splice(i, 3, made(t, 'in'), made(t, 'half'));
    if (w(i) === 'into' && w(i + 1) === 'equal' && ['parts', 'shares'].includes(w(i + 2)) && ['for', 'between', 'among', 'amongst'].includes(w(i + 3)))
      splice(i, 4, made(t, 'equally'), made(t, 'between'));
  }

  // Names one a line after "each of:", "each address:", "each recipient:" are a list: "a, b, c".
  for (let i = 0; i + 2 < out.length; i++) {
    if (w(i) !== ':' || !out.slice(Math.max(0, i - 3), i).some((token) => word(token) === 'each') || w(i + 1) !== '\n') continue;
    let k = i + 2;
    const names: number[] = [];
    while (isName(out[k]) && (w(k + 1) === '\n' || k + 1 === out.length)) {
      names.push(k);
      k += 2;
    }
    if (names.length < 2 || k < out.length) continue;
    const list: Token[] = [];
    names.forEach((n, m) => list.push(...(m ? [made(out[n]!, m === names.length - 1 ? 'and' : ',')] : []), out[n]!));
    splice(i + 1, out.length - i - 1, ...list);
    break;
  }

  // "send DAI:\n0x…,5\n0x…,7", "send DAI: alice.eth 5, bob.eth 7", "send USDC\naddress,amount\n…": one payment a line.
  const first = out.findIndex((token) => token.kind !== 'punct');
  if (first !== -1 && verbs.get(w(first)) === 'transfer' && isSym(out[first + 1])) {
    let k = first + 2;
    if (w(k) === 'to') k++;
    if (w(k) === ':' || w(k) === '\n') {
      k++;
      if (w(k) === '\n') k++;
      // A header line of column names.
      if (['address', 'recipient', 'to', 'wallet', 'name'].includes(w(k)) && w(k + 1) === ',' && w(k + 2) === 'amount' && w(k + 3) === '\n') k += 4;
      const entries: [Token, Token][] = [];
      while (k < out.length && isName(out[k])) {
        const name = out[k]!;
        k++;
        if ([',', ':', '-'].includes(w(k))) k++;
        if (!isJoinable(out[k]) || out[k]!.kind !== 'number') break;
        entries.push([name, out[k]!]);
        k++;
        if ([',', ';', '\n'].includes(w(k))) k++;
      }
      if (entries.length >= 2 && k >= out.length) {
        const symbol = out[first + 1]!;
        const said: Token[] = [out[first]!];
        entries.forEach(([name, amount], m) => said.push(...(m ? [made(amount, 'and')] : []), amount, symbol, made(name, 'to'), name));
        out = said;
        changed = true;
      }
    }
  }

  // "give alice 5 dai and carol 2": a later recipient-first entry keeps the entry before's token.
  for (let i = 0; i + 3 < out.length; i++) {
    if (!isName(out[i]) || !isJoinable(out[i + 1]) || !isSym(out[i + 2]) || ![',', 'and'].includes(w(i + 3))) continue;
    let k = i + 4;
    if (w(k) === 'and' && w(k - 1) === ',') k++;
    if (isName(out[k]) && isJoinable(out[k + 1]) && out[k + 1]!.kind === 'number' && (k + 2 >= out.length || ['.', '!', ',', 'please', 'pls', 'thanks'].includes(w(k + 2)))) {
      splice(k + 2, 0, out[i + 2]!);
    }
  }
  return changed ? out : out.length === tokens.length && out.every((token, k) => token === tokens[k]) ? (tokens as Token[]) : out;
}

const recipientNouns: ReadonlySet<string> = new Set(['recipient', 'receiver', 'payee', 'destination', 'beneficiary']);
const commandVerbs: ReadonlySet<string> = new Set(['send', 'transfer', 'pay']);
const clauseMarks: ReadonlySet<string> = new Set([',', ';', '.', '\n', 'and']);
const greetings: ReadonlySet<string> = new Set(['lucid', 'hey', 'hi', 'hello', 'ok', 'okay']);

/**
 * "the recipient is carol.eth, amount 7 DAI, send it", "The recipient is dave.eth; the amount is 30 DAI. Please send
 * it.": one clause naming the recipient, one the amount, one command to send "it"; nothing else but marks and a
 * greeting. Said as "send 7 DAI to carol.eth"; any other word, or a clause twice, leaves the words as they are.
 */
function readToldPayment(
  tokens: readonly Token[],
  word: (t: Token | undefined) => string,
  isSym: (t: Token | undefined) => boolean,
  isTarget: (t: Token | undefined) => boolean,
  isNameWord: (t: Token | undefined) => boolean,
): Token[] | undefined {
  const w = (k: number): string => word(tokens[k]);
  let k = 0;
  let to: Token | undefined;
  let amount: Token | undefined;
  let symbol: Token | undefined;
  let verb: Token | undefined;
  while (k < tokens.length && (tokens[k]!.kind === 'punct' || greetings.has(w(k)))) k++;
  while (k < tokens.length) {
    let m = k;
    if (w(m) === 'the') m++;
    if (recipientNouns.has(w(m)) && !to) {
      m++;
      if (w(m) === 'address' || w(m) === 'wallet') m++;
      if (!['is', ':', '='].includes(w(m))) return undefined;
      m++;
      if (!(isTarget(tokens[m]) || isNameWord(tokens[m]))) return undefined;
      to = tokens[m]!;
      k = m + 1;
    } else if (w(m) === 'amount' && !amount) {
      m++;
      if (['is', ':', '='].includes(w(m))) m++;
      if (tokens[m]?.kind !== 'number' || !isSym(tokens[m + 1])) return undefined;
      amount = tokens[m]!;
      symbol = tokens[m + 1]!;
      k = m + 2;
    } else if (!verb && (to || amount)) {
      m = k;
      if (['please', 'pls', 'kindly'].includes(w(m))) m++;
      if (!commandVerbs.has(w(m)) || !['it', 'that', 'this'].includes(w(m + 1))) return undefined;
      verb = tokens[m]!;
      k = m + 2;
      if (['now', 'please', 'pls'].includes(w(k))) k++;
    } else return undefined;
    while (k < tokens.length && clauseMarks.has(w(k))) k++;
    if (k < tokens.length && ['!', '?'].includes(w(k)) && k === tokens.length - 1) k++;
  }
  if (!to || !amount || !symbol || !verb || verb.start < Math.max(to.start, amount.start)) return undefined;
  const toWord: Token = { ...verb, kind: 'word', text: 'to', lower: 'to', value: 'to' };
  return [verb, amount, symbol, toWord, to];
}
