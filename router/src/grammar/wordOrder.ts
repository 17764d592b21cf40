/**
 * Word orders that say a plain request in another order, put back into the order the productions read. Runs on
 * the frame's tokens (after every refusal of the frame has looked at the words as typed):
 *
 * - "max send my DAI to bob.eth": an amount word said before the verb ("send max my DAI …");
 * - "send 7 USDC my friend bob's way", "… bob's way": the one paid, said as the way the funds go ("… to my friend bob");
 * - "give unlimited approval of USDC to uniswap": an approval given is granted;
 * - "withdraw everything I have on aave in USDC": the place said inside the relative clause ("… in USDC on aave").
 *
 * Nothing here makes a word vanish: each word keeps its token, only the order (and "to" said as "'s way") changes.
 */
import { venuePhrases, verbs } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Words that may stand before a name in "my friend bob's way". */
const nameLeads: ReadonlySet<string> = new Set(['my', 'our', 'friend', 'buddy', 'pal', 'mate', 'colleague', 'brother', 'sister', 'mom', 'mum', 'dad', 'cousin', 'boss', 'roommate', 'partner', 'neighbour', 'neighbor']);
/** What may follow "'s way": the end of the step. */
const wayEnds: ReadonlySet<string> = new Set(['.', '!', ',', ';', '?', 'please', 'pls', 'thanks', 'now', 'asap', 'for', 'and', 'then']);

export type ReorderWordsReturnType = Token[];

/** `tokens` with the word orders above put back; the same array when none is found. */
export function reorderWords(tokens: readonly Token[]): ReorderWordsReturnType {
  let out = [...tokens];
  // "max send my DAI to bob.eth": not before a number ("max send 5 DAI" names two amounts).
  const first = out.findIndex((token) => token.kind !== 'punct');
  const verb = out[first + 1];
  const after = out[first + 2];
  if (first !== -1 && ['max', 'maximum'].includes(out[first]!.lower) && verb?.kind === 'word' && isActionVerb(verb.lower) && after !== undefined && after.kind !== 'number' && after.kind !== 'numberWord')
    out = [...out.slice(0, first), verb, out[first]!, ...out.slice(first + 2)];
  // "give unlimited approval of USDC to uniswap": giving an approval grants it (giving tokens stays a transfer).
  const give = out.findIndex((token) => token.kind === 'word' && token.lower === 'give');
  if (give !== -1) {
    let k = give + 1;
    if (['a', 'an'].includes(out[k]?.lower ?? '')) k++;
    if (['unlimited', 'infinite'].includes(out[k]?.lower ?? '')) k++;
    if (['approval', 'allowance'].includes(out[k]?.lower ?? '') && ['of', 'for'].includes(out[k + 1]?.lower ?? ''))
      out[give] = { ...out[give]!, lower: 'grant', value: 'grant' };
  }
  // "withdraw everything I have on aave in USDC": the place said inside the relative clause goes after its token.
  for (let i = 0; i + 5 < out.length; i++) {
    const w = (k: number): string => out[k]?.lower ?? '';
    if (!['everything', 'all'].includes(w(i)) || !['i', 'we'].includes(w(i + 1)) || !['have', 'hold', 'got'].includes(w(i + 2)) || !['on', 'at', 'with', 'in'].includes(w(i + 3))) continue;
    let place = i + 4;
    if (w(place) === 'the') place++;
    const venue = venuePhrases.filter((phrase) => phrase.words.every((word, k) => w(place + k) === word)).sort((a, b) => b.words.length - a.words.length)[0];
    if (!venue) continue;
    let end = place + venue.words.length;
    if (/^v\d$/.test(w(end))) end++;
    if (!['in', 'of'].includes(w(end)) || out[end + 1]?.kind !== 'word') continue;
    out = [...out.slice(0, i + 3), ...out.slice(end, end + 2), ...out.slice(i + 3, end), ...out.slice(end + 2)];
    break;
  }
  for (let i = 1; i < out.length; i++) {
    const owner = /^([a-z][a-z0-9-]*)'s$/.exec(out[i]!.lower);
    const way = out[i + 1];
    if (!owner || out[i]!.kind !== 'word' || way?.lower !== 'way' || !(out[i + 2] === undefined || wayEnds.has(out[i + 2]!.kind === 'punct' ? out[i + 2]!.value : out[i + 2]!.lower))) continue;
    let lead = i;
    while (lead > 0 && nameLeads.has(out[lead - 1]!.lower)) lead--;
    if (out[lead - 1]?.lower === 'to') continue;
    const name = out[i]!.text.slice(0, owner[1]!.length);
    const to: Token = { kind: 'word', text: 'to', lower: 'to', value: 'to', start: out[lead]!.start, end: out[lead]!.start, spaced: true };
    const payee: Token = { ...out[i]!, text: name, lower: owner[1]!, value: name, end: out[i]!.start + name.length };
    out = [...out.slice(0, lead), to, ...out.slice(lead, i), payee, ...out.slice(i + 2)];
    break;
  }
  return out;
}

function isActionVerb(word: string): boolean {
  const kind = verbs.get(word);
  return kind !== undefined && kind !== 'balance';
}
