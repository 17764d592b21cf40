/**
 * Round 8 — verb phrases whose action is decided by the words around the verb, put into the form the productions
 * of ./parser.ts read. Runs on the frame's tokens (after every refusal of the frame has looked at the words as
 * typed; {@link isVerbPhraseException} tells the frame which of its words are such phrases, not what it refuses):
 *
 * - "stop lending / supplying my 50 USDC on aave" takes the funds out (`withdraw`), "stop staking my 4 stETH"
 *   unstakes: the verb has an inverse, and an object says what to take out. "stop lending" alone, "stop
 *   sending …" (no inverse) stay refused by the frame.
 * - "airdrop 1 DAI to bob.eth": sending an amount to someone is a transfer ("claim my airdrop" stays refused).
 * - "repay bob 10 DAI", "repay 15 USDC to carol.eth": paying a person back pays them; repaying a venue, a loan or
 *   a debt ("repay 10 DAI to aave", "repay my loan", "repay 20 USDC") stays `UNSUPPORTED_INTENT`.
 * - "make / let / have my 50 USDC earn yield (on aave)": what earns is supplied ("earn yield on my 50 USDC …").
 * - "cash out / exit / pull my aave USDC (position)": the place said before the token ("my USDC from aave").
 * - "I want my USDC back from aave": having it back out of a venue withdraws it.
 * - "move my 60 USDC out of aave": motion out of a lending venue withdraws.
 * - "take back my 100 USDC from aave", "put in 60 DAI on aave": the particle said before the object.
 * - "make 0.5 ETH into WETH": making an amount into a token turns it into that token.
 * - "I need 1 ETH wrapped", "I'd like 5 DAI sent to bob": a wish for an amount with the action as a participle.
 * - "withdraw / delete the USDC approval for uniswap", "zero out uniswap's DAI allowance": revokes.
 * - "grant uniswap a 100 USDC allowance", "give 0x… allowance for 200 USDC": the allowance said as a noun phrase.
 * - "make a small deposit of …", "do a quick swap of …": an adjective between a light verb's article and its noun.
 * - "put my idle DAI to work": an adjective of unused funds before the token.
 * - "lend usdc 100", "wrap eth 0.5": the token before its amount after a lending, staking or wrapping verb.
 * - "in the aave lending pool": the kind of pool before its noun.
 * - "withdraw 100 USDC from aave (back) to my wallet": the user's own wallet, where it goes anyway, at the step's end.
 * - "top-up" / "topup" is "top up"; "market sell" / "market buy" at the start is the swap.
 *
 * Each word keeps a token: a verb phrase becomes one token with the phrase's text and the verb it stands for; a word
 * that only frames the phrase ("back", "in", an adjective) is recognised and dropped; nothing else vanishes.
 */
import { knownSymbols } from '../../../kernel/core.js';
import { stakingVenues, venuePhrases } from './lexicon.js';
import { placedParticipleAt } from './placedFunds.js';
import { readAmountsBeforeNouns } from './nounAmounts.js';
import { readLendingPlaces } from './lendingPlaces.js';
import type { Token } from './tokenize.js';

const lendingVenueWords: ReadonlySet<string> = new Set(['aave', 'compound', 'morpho', 'spark', 'euler', 'fluid']);
/** What was lent can be taken out; the gerund after "stop" names the inverse. */
const stopInverse: ReadonlyMap<string, string> = new Map([
  ['lending', 'withdraw'], ['supplying', 'withdraw'], ['providing', 'withdraw'], ['depositing', 'withdraw'], ['staking', 'unstake'],
]);
const objectStarts: ReadonlySet<string> = new Set(['my', 'our', 'all', 'half', 'the', '#']);
const rateNouns: ReadonlySet<string> = new Set(['yield', 'interest', 'apy', 'apr', 'returns', 'income']);
const earnVerbs: ReadonlySet<string> = new Set(['earn', 'accrue', 'generate', 'make']);
const idleWords: ReadonlySet<string> = new Set(['idle', 'spare', 'unused', 'extra']);
const lightAdjectives: ReadonlySet<string> = new Set(['small', 'quick', 'new', 'single', 'further', 'simple', 'direct', 'standard', 'one-off', 'one-time', 'instant', 'immediate', 'fast']);
const lightHeads: ReadonlySet<string> = new Set(['make', 'do', 'execute', 'initiate', 'perform', 'process', 'effect', 'carry', 'place', 'submit', 'request', 'run', 'complete', 'conduct', 'with', 'through']);
const actionNounWords: ReadonlySet<string> = new Set(['payment', 'transfer', 'transaction', 'trade', 'swap', 'exchange', 'conversion', 'sale', 'purchase', 'deposit', 'withdrawal', 'supply', 'wrap', 'unwrap', 'stake']);
/** Verbs that take an approval away. Not "kill" or "nuke": round 6 keeps those unknown (`round-6-verbs.jsonl:349`). */
const revokeVerbs: ReadonlySet<string> = new Set(['withdraw', 'delete', 'scrap', 'wipe', 'clear', 'drop']);
const approvalWords: ReadonlySet<string> = new Set(['approval', 'approvals', 'allowance', 'allowances', 'permission', 'permissions']);
/** A participle after "I need/want/'d like N TOKEN" and the verb it is the form of. */
const participles: ReadonlyMap<string, string> = new Map([
  ['wrapped', 'wrap'], ['unwrapped', 'unwrap'], ['staked', 'stake'], ['unstaked', 'unstake'], ['swapped', 'swap'], ['converted', 'convert'],
  ['sent', 'send'], ['transferred', 'transfer'], ['paid', 'pay'], ['turned', 'turn'], ['supplied', 'supply'], ['lent', 'lend'],
]);
/** Participles that move funds to someone: only with "to" after the token. */
const payingParticiples: ReadonlySet<string> = new Set(['sent', 'transferred', 'paid']);
const wishLeads: readonly (readonly string[])[] = [
  ['i', 'need'], ['i', 'want'], ["i'd", 'like'], ['id', 'like'], ['i', 'would', 'like'], ['need'], ['want'], ['get'], ['have'], ['pls', 'get'], ['please', 'get'],
];
/** Verbs that may take the token before its amount ("lend usdc 100"). */
const tokenFirstVerbs: ReadonlySet<string> = new Set(['lend', 'supply', 'deposit', 'withdraw', 'redeem', 'stake', 'unstake', 'wrap', 'unwrap']);
/** Verbs whose funds come back to the user: "… to my wallet" after them says where they go anyway. */
const ownWalletVerbs: ReadonlySet<string> = new Set(['withdraw', 'redeem', 'unstake', 'unwrap', 'pull', 'take', 'cash']);
const repayNonNames: ReadonlySet<string> = new Set([
  'my', 'the', 'a', 'an', 'all', 'it', 'that', 'this', 'loan', 'loans', 'debt', 'debts', 'back', 'off', 'what', 'everything', 'half', 'me', 'some',
]);

let symbolSet: ReadonlySet<string> | undefined;
function isSymbolWord(word: string | undefined): boolean {
  symbolSet ??= new Set(knownSymbols().map((symbol) => symbol.toLowerCase()));
  return word !== undefined && symbolSet.has(word);
}
function isVenueWord(word: string | undefined): boolean {
  return word !== undefined && venuePhrases.some((phrase) => phrase.words[0] === word);
}

/** The word a token is matched by: numbers as "#". */
const wordOf = (token: Token | undefined): string | undefined =>
  token === undefined ? undefined : token.kind === 'number' || token.kind === 'numberWord' ? '#' : token.kind === 'punct' ? token.value : token.lower;

/**
 * Whether the frame's word at `i` opens one of the verb phrases above rather than what the frame would refuse it as:
 * "stop" before a lending or staking gerund and its object, "airdrop" before an amount paid to someone, a
 * participle after a wish for an amount of a token ("I need 1 ETH wrapped").
 */
export function isVerbPhraseException(words: readonly string[], i: number): boolean {
  const word = words[i];
  if (word === 'stop') return stopObjectAt(words, i);
  if (word === 'airdrop') return airdropAt(words, i);
  if (placedParticipleAt(words, i, isSymbolWord)) return true;
  if (word !== undefined && participles.has(word)) return wishAt(words, i) !== undefined;
  return false;
}

function stopObjectAt(words: readonly string[], i: number): boolean {
  const next = words[i + 2];
  return stopInverse.has(words[i + 1] ?? '') && next !== undefined && (objectStarts.has(next) || isSymbolWord(next));
}

/** Words after "airdrop … to" that name no one in particular ("to my friends", "to all holders"): an airdrop proper, refused. */
const crowdWords: ReadonlySet<string> = new Set(['my', 'our', 'the', 'all', 'every', 'everyone', 'everybody', 'people', 'holders', 'users', 'wallets', 'random', 'some', 'many', 'each', '#']);

function airdropAt(words: readonly string[], i: number): boolean {
  const to = words.indexOf('to', i + 3);
  return words[i + 1] === '#' && isSymbolWord(words[i + 2]) && to !== -1 && words[to + 1] !== undefined && !crowdWords.has(words[to + 1]!) && /^[a-z0-9]/.test(words[to + 1]!) &&
    !['my', 'the', 'an', 'your', 'claim'].includes(words[i - 1] ?? '');
}

/** The start of the wish before a participle at `i` ("i need" # TOKEN wrapped), or undefined. */
function wishAt(words: readonly string[], i: number): number | undefined {
  const participle = words[i]!;
  if (!isSymbolWord(words[i - 1]) || words[i - 2] !== '#') return undefined;
  if (payingParticiples.has(participle) && words[i + 1] !== 'to') return undefined;
  for (const lead of wishLeads) {
    const start = i - 2 - lead.length;
    if (start >= 0 && lead.every((w, k) => words[start + k] === w) && (start === 0 || [',', '.', ':', 'please', 'pls', 'hey', 'so', 'ok'].includes(words[start - 1] ?? ''))) return start;
  }
  return undefined;
}

export type ReadVerbPhrasesReturnType = Token[];

/** `tokens` with the verb phrases above said as the productions read them; the same tokens when none is found. */
export function readVerbPhrases(tokens: readonly Token[]): ReadVerbPhrasesReturnType {
  // "make a 5 DAI payment to bob.eth": the amount said before its action noun (./nounAmounts.ts).
  // "supply 100 USDC to the lending pool", "withdraw 100 USDC from my position on aave" (./lendingPlaces.ts).
  let out = [...readLendingPlaces(readAmountsBeforeNouns(tokens, isSymbolWord), isSymbolWord)];
  const w = (k: number): string | undefined => wordOf(out[k]);
  const verbToken = (from: Token, to: Token, verb: string): Token => ({ ...from, kind: 'word', text: from.text, lower: verb, value: verb, end: to.end });
  const synthetic = (at: Token, word: string): Token => ({ kind: 'word', text: word, lower: word, value: word, start: at.start, end: at.start, spaced: true });
  for (let i = 0; i < out.length; i++) {
    const word = w(i);
    if (word === undefined) continue;
    // "top-up bob.eth with 10 USDC", "topup …": the phrasal verb written as one word.
    if ((word === 'top-up' || word === 'topup') && out[i + 1] !== undefined && out[i + 1]!.kind !== 'punct') {
      out.splice(i, 1, verbToken(out[i]!, out[i]!, 'top'), { ...synthetic(out[i]!, 'up'), start: out[i]!.end, end: out[i]!.end });
      continue;
    }
    // "market sell 10 LUCID for USDC": an order at the market price is what a swap is.
    if (word === 'market' && ['sell', 'buy'].includes(w(i + 1) ?? '') && (i === 0 || ['please', 'pls', ',', ':'].includes(w(i - 1) ?? ''))) {
      out.splice(i, 1);
      continue;
    }
    // Round 9: "liquid stake 1 ETH with lido": liquid staking is what stake does here (a receipt token comes back).
    if (word === 'liquid' && ['stake', 'staking'].includes(w(i + 1) ?? '') && (i === 0 || ['please', 'pls', ',', ':'].includes(w(i - 1) ?? ''))) {
      out.splice(i, 1);
      continue;
    }
    // "stop lending my 50 USDC on aave": the inverse of the gerund, over the object that follows.
    if (word === 'stop' && stopObjectAt(out.map(wordOf) as string[], i)) {
      out.splice(i, 2, verbToken(out[i]!, out[i + 1]!, stopInverse.get(w(i + 1)!)!));
      // "stop supplying USDC to aave": the place it was put is the place it comes from.
      const to = out.findIndex((t, k) => k > i && ['to', 'into', 'in'].includes(wordOf(t) ?? '') && isVenueWord(wordOf(out[k + 1])));
      if (to !== -1) out[to] = { ...out[to]!, lower: 'from', value: 'from' };
      // "stop lending USDC": all of it stops earning.
      if (isSymbolWord(w(i + 1))) out.splice(i + 1, 0, synthetic(out[i + 1]!, 'all'));
      continue;
    }
    if (word === 'airdrop' && airdropAt(out.map(wordOf) as string[], i)) {
      out[i] = verbToken(out[i]!, out[i]!, 'send');
      continue;
    }
    if (word === 'repay' && repaysPerson(out, i)) {
      out[i] = verbToken(out[i]!, out[i]!, 'pay');
      continue;
    }
    if (participles.has(word)) {
      const start = wishAt(out.map(wordOf) as string[], i);
      if (start !== undefined) {
        // "I need 1 ETH wrapped" → "wrap 1 ETH"; "get 2 WETH turned back into ETH" → "turn 2 WETH back into ETH".
        const verb = verbToken(out[i]!, out[i]!, participles.get(word)!);
        out = [...out.slice(0, start), verb, ...out.slice(i - 2, i), ...out.slice(i + 1)];
        continue;
      }
    }
    // "make / let / have my 50 USDC earn yield on aave" → "earn yield on my 50 USDC on aave".
    if (['make', 'let', 'have'].includes(word) && ['my', 'our'].includes(w(i + 1) ?? '')) {
      let k = i + 2;
      while (idleWords.has(w(k) ?? '')) k++;
      if (w(k) === '#') k++;
      if (isSymbolWord(w(k)) && earnVerbs.has(w(k + 1) ?? '')) {
        let r = k + 2;
        if (['some', 'a', 'the', 'more'].includes(w(r) ?? '')) r++;
        if (rateNouns.has(w(r) ?? '')) {
          const object = out.slice(i + 1, k + 1);
          const earn = verbToken(out[i]!, out[k + 1]!, 'earn');
          earn.start = out[k + 1]!.start;
          out = [...out.slice(0, i), earn, ...out.slice(k + 2, r + 1), synthetic(out[r]!, 'on'), ...object, ...out.slice(r + 1)];
          continue;
        }
      }
    }
    // "cash out / exit / pull / withdraw my aave USDC (position)" → "… my USDC from aave".
    // Round 9: also after "all (of)" and with "entire" / "whole" ("withdraw all my aave USDC", "… my entire aave USDC
    // position"), and the venue said after the position ("exit / close out my USDC position on aave").
    const adjective = ['entire', 'whole'].includes(w(i + 1) ?? '') ? 1 : 0;
    let verbAt = i - 1;
    while (['all', 'of'].includes(w(verbAt) ?? '')) verbAt--;
    if (['out', 'off'].includes(w(verbAt) ?? '')) verbAt--;
    const takesOut = ['cash', 'exit', 'pull', 'withdraw', 'take', 'redeem', 'close'].includes(w(verbAt) ?? '');
    const v = i + 1 + adjective;
    if (['my', 'our'].includes(word) && (lendingVenueWords.has(w(v) ?? '') || stakingVenues.has(w(v) ?? '')) && isSymbolWord(w(v + 1)) && i > 0 && takesOut) {
      let end = v + 2;
      if (['position', 'deposit', 'deposits', 'balance', 'supply'].includes(w(end) ?? '')) end++;
      const venue = out[v]!;
      const from = synthetic(venue, 'from');
      if (['exit', 'close'].includes(w(verbAt)!)) out[verbAt] = verbToken(out[verbAt]!, out[verbAt]!, 'withdraw');
      out = [...out.slice(0, v), out[v + 1]!, from, venue, ...out.slice(end)];
      continue;
    }
    if (['my', 'our'].includes(word) && ['exit', 'close'].includes(w(verbAt) ?? '') && isSymbolWord(w(v)) && ['position', 'deposit', 'supply'].includes(w(v + 1) ?? '') &&
      ['on', 'in', 'at', 'with'].includes(w(v + 2) ?? '') && lendingVenueWords.has(w(v + 3) ?? '')) {
      out[verbAt] = verbToken(out[verbAt]!, out[verbAt]!, 'withdraw');
      out = [...out.slice(0, v + 1), synthetic(out[v + 2]!, 'from'), out[v + 3]!, ...out.slice(v + 4)];
      continue;
    }
    // "I want my USDC back from aave" → "withdraw my USDC from aave".
    if (['want', 'need'].includes(word) && ['my', 'our'].includes(w(i + 1) ?? '') && ['i', 'we'].includes(w(i - 1) ?? '')) {
      let k = i + 2;
      if (w(k) === '#') k++;
      if (isSymbolWord(w(k)) && w(k + 1) === 'back' && ((w(k + 2) === 'from' && isVenueWord(w(k + 3))) || (w(k + 2) === 'out' && w(k + 3) === 'of' && isVenueWord(w(k + 4))))) {
        const verb = verbToken(out[i - 1]!, out[i]!, 'withdraw');
        out = [...out.slice(0, i - 1), verb, ...out.slice(i + 1, k + 1), ...out.slice(k + 2)];
        continue;
      }
    }
    // "move my 60 USDC out of aave": out of a lending venue, with no destination after it.
    if (['move', 'shift'].includes(word)) {
      let k = i + 1;
      if (['my', 'our', 'all'].includes(w(k) ?? '')) k++;
      if (w(k) === '#') k++;
      if (isSymbolWord(w(k)) && ((w(k + 1) === 'out' && w(k + 2) === 'of' && lendingVenueWords.has(w(k + 3) ?? '')) || (w(k + 1) === 'from' && lendingVenueWords.has(w(k + 2) ?? ''))) &&
        !out.slice(k + 1).some((t) => ['to', 'into', '->'].includes(wordOf(t) ?? ''))) {
        out[i] = verbToken(out[i]!, out[i]!, 'withdraw');
        continue;
      }
    }
    // "take back my 100 USDC from aave": "back" goes after what is taken back.
    if (['take', 'pull', 'get'].includes(word) && w(i + 1) === 'back' && ['my', 'our', '#'].includes(w(i + 2) ?? '')) {
      const from = out.findIndex((t, k) => k > i + 2 && (wordOf(t) === 'from' || (wordOf(t) === 'out' && wordOf(out[k + 1]) === 'of')));
      if (from !== -1 && isVenueWord(w(from) === 'from' ? w(from + 1) : w(from + 2))) {
        out = [...out.slice(0, i + 1), ...out.slice(i + 2, from), out[i + 1]!, ...out.slice(from)];
        continue;
      }
    }
    // "put in 60 DAI on aave": the particle before the amount.
    if (word === 'put' && w(i + 1) === 'in' && w(i + 2) === '#' && out.slice(i + 3).some((t) => isVenueWord(wordOf(t)))) {
      out.splice(i + 1, 1);
      continue;
    }
    // "make 0.5 ETH into WETH": making an amount into a token.
    if (word === 'make' && (w(i + 1) === '#' || (['my', 'our'].includes(w(i + 1) ?? '') && w(i + 2) === '#'))) {
      const k = w(i + 1) === '#' ? i + 1 : i + 2;
      if (isSymbolWord(w(k + 1)) && ['into', 'to'].includes(w(k + 2) ?? '') && isSymbolWord(w(k + 3))) {
        out[i] = verbToken(out[i]!, out[i]!, 'turn');
        continue;
      }
    }
    // "kill the USDC approval for uniswap", "zero out uniswap's DAI allowance": an approval taken away.
    const zero = out[i]!.lower === 'zero' && w(i + 1) === 'out';
    if (revokeVerbs.has(word) || zero) {
      const end = zero ? i + 2 : i + 1;
      const ahead = out.slice(end, end + 5).map(wordOf);
      const noun = ahead.findIndex((a) => approvalWords.has(a ?? ''));
      if (noun !== -1 && !ahead.slice(0, noun + 2).includes('#')) {
        out.splice(i, end - i, verbToken(out[i]!, out[end - 1]!, 'revoke'));
        continue;
      }
    }
    // "grant uniswap a 100 USDC allowance" → "grant uniswap an allowance of 100 USDC".
    if (['grant', 'give'].includes(word) && out[i + 1] !== undefined && out[i + 1]!.kind !== 'number') {
      let k = i + 2;
      if (['a', 'an'].includes(w(k) ?? '')) k++;
      if (w(k) === '#' && isSymbolWord(w(k + 1)) && approvalWords.has(w(k + 2) ?? '') && !isSymbolWord(w(i + 1))) {
        const noun = out[k + 2]!;
        out = [...out.slice(0, i + 2), synthetic(noun, 'an'), noun, synthetic(noun, 'of'), out[k]!, out[k + 1]!, ...out.slice(k + 3)];
        continue;
      }
      // "give 0x… allowance for 200 USDC": the allowance with its article left out.
      if (approvalWords.has(w(i + 2) ?? '') && w(i + 3) === 'for' && w(i + 4) === '#' && (out[i + 1]!.kind === 'address' || isVenueWord(w(i + 1)))) {
        out = [...out.slice(0, i + 2), synthetic(out[i + 2]!, 'an'), out[i + 2]!, { ...out[i + 3]!, lower: 'of', value: 'of' }, ...out.slice(i + 4)];
        continue;
      }
    }
    // "make a small deposit of 25 USDC": an adjective between a light verb's article and its noun.
    if (lightAdjectives.has(word) && ['a', 'an', 'the'].includes(w(i - 1) ?? '') && lightHeads.has(w(i - 2) ?? '') && actionNounWords.has(w(i + 1) ?? '')) {
      out.splice(i, 1);
      continue;
    }
    // "put my idle DAI to work"; "withdraw my supplied USDC" (./placedFunds.ts).
    if ((idleWords.has(word) && ['my', 'our'].includes(w(i - 1) ?? '') && isSymbolWord(w(i + 1))) || placedParticipleAt(w, i, isSymbolWord)) {
      out.splice(i, 1);
      i--;
      continue;
    }
    // "lend usdc 100", "wrap eth 0.5", "withdraw dai 20 from aave": the token before its amount, as "send eth 0.3" has it.
    if (tokenFirstVerbs.has(word) && (i === 0 || !isSymbolWord(w(i - 1))) && isSymbolWord(w(i + 1)) && w(i + 2) === '#' && !isSymbolWord(w(i + 3)) &&
      !['%', 'percent', 'k', 'm'].includes(w(i + 3) ?? '') && out[i + 3]?.kind !== 'suffix' && out[i + 3]?.kind !== 'percent') {
      out = [...out.slice(0, i + 1), out[i + 2]!, out[i + 1]!, ...out.slice(i + 3)];
      continue;
    }
    // "deposit 300 USDC in the aave lending pool": the kind of pool said before its noun.
    if (['lending', 'staking', 'liquidity'].includes(word) && isVenueWord(w(i - 1)) && ['pool', 'pools', 'market', 'markets', 'protocol', 'vault'].includes(w(i + 1) ?? '') && word !== 'liquidity') {
      out.splice(i, 1);
      i--;
      continue;
    }
    // "withdraw 100 USDC from aave (back) to my wallet": what comes out comes to the user's own wallet, where it goes anyway.
    if (ownWalletVerbs.has(word)) {
      // Round 9: also "… back to me", "… to myself" (the user, said as a pronoun).
      const ownAt = (k: number): number =>
        wordOf(out[k + 1]) === 'my' && ['wallet', 'account'].includes(wordOf(out[k + 2]) ?? '') ? 3 : ['me', 'myself'].includes(wordOf(out[k + 1]) ?? '') ? 2 : 0;
      const at = out.findIndex((t, k) => k > i && ['to', 'into'].includes(wordOf(t) ?? '') && ownAt(k) > 0);
      const end = at === -1 ? -1 : at + ownAt(at);
      const after = end === -1 ? undefined : w(end);
      if (at !== -1 && out.slice(i + 1, at).some((t) => isVenueWord(wordOf(t)) || wordOf(t) === 'weth') && (after === undefined || ['.', ',', '!', 'and', 'then', 'please', 'pls', 'thanks'].includes(after))) {
        const start = w(at - 1) === 'back' ? at - 1 : at;
        out.splice(start, end - start);
      }
    }
  }
  return out;
}

/** "repay bob 10 DAI", "repay 15 USDC to carol.eth": a person is paid back; a venue, a loan or a debt is not. */
function repaysPerson(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined) return false;
  const isPerson = (t: Token | undefined): boolean =>
    t !== undefined && (t.kind === 'ens' || t.kind === 'address' || (t.kind === 'word' && !repayNonNames.has(t.lower) && !isSymbolWord(t.lower) && !isVenueWord(t.lower) && /^[a-z][a-z0-9-]*$/.test(t.lower)));
  if (tokens.some((t) => ['loan', 'loans', 'debt', 'debts', 'borrowed', 'borrow', 'collateral'].includes(t.lower))) return false;
  // "repay bob 10 DAI".
  if (isPerson(next) && (tokens[i + 2]?.kind === 'number' || tokens[i + 2]?.kind === 'numberWord')) return true;
  // "repay 15 USDC to carol.eth".
  if ((next.kind === 'number' || next.kind === 'numberWord') && isSymbolWord(tokens[i + 2]?.lower) && tokens[i + 3]?.lower === 'to') return isPerson(tokens[i + 4]);
  return false;
}
