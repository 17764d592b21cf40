/**
 * Funds named by where they were placed, in a request to take them out: "withdraw my supplied USDC from aave", "pull
 * out our deposited DAI", "unstake my staked stETH". After "my" / "our" and before a token, the participle says which of
 * the user's funds, not that something was done: the frame does not read it as a report (./frame.ts asks
 * {@link placedParticipleAt} through ./verbPhrases.ts `isVerbPhraseException`), and ./verbPhrases.ts drops it as an
 * adjective, so "my supplied USDC" reads as "my USDC". Only with a verb that takes funds out before it: "send my
 * staked ETH to bob" (which token is "staked ETH"?) and "I supplied 100 USDC" keep their readings (refused).
 */
import { verbs } from './lexicon.js';

const placedParticiples: ReadonlySet<string> = new Set(['supplied', 'deposited', 'lent', 'provided', 'staked', 'parked', 'locked']);
const takingOutKinds: ReadonlySet<string> = new Set(['withdraw', 'redeem', 'unstake']);
const takingOutWords: ReadonlySet<string> = new Set(['take', 'pull', 'remove', 'exit', 'unlock', 'retrieve', 'reclaim', 'recover']);

/** Whether the word at `i` is such a participle: after "my" / "our", before a token, with a taking-out verb before. */
export function placedParticipleAt(words: readonly (string | undefined)[] | ((k: number) => string | undefined), i: number, isSymbol: (word: string | undefined) => boolean): boolean {
  const at = typeof words === 'function' ? words : (k: number) => words[k];
  if (!placedParticiples.has(at(i) ?? '') || !['my', 'our'].includes(at(i - 1) ?? '') || !isSymbol(at(i + 1))) return false;
  for (let k = i - 2; k >= Math.max(0, i - 4); k--) {
    const word = at(k) ?? '';
    if (takingOutWords.has(word) || takingOutKinds.has(verbs.get(word) ?? '')) return true;
  }
  return false;
}
