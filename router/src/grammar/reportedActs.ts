/**
 * Clues, read only after the productions found no reading, for words that tell of an act already done or point at a
 * request Lucid never kept. They change the code and message of a refusal, never make words parse (./frame.ts
 * `explainRefusal`); patterns use the frame's syntax (`|` alternatives, `*` any word).
 *
 * - A subject then the past of a verb that acts: "I performed a swap of 1 ETH to DAI", "I made a payment of …",
 *   "bob pulled his DAI out of aave", "bob repaid me 10 DAI", "we executed the transfer". A report of the past or of
 *   someone else, `UNSUPPORTED_INTENT`, not an unknown word "I".
 * - A light verb with "the" / "that" and an action noun and nothing to say what: "proceed with the swap", "execute the
 *   transfer", "go ahead with that payment". It points at an earlier request, and none is kept: `AMBIGUOUS_INTENT`.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import type { Clue } from './amountClues.js';

/** Past forms of verbs that move, trade, lend or carry out: what a report of a done act is told with. */
const pastActs = [
  'made', 'did', 'performed', 'executed', 'completed', 'initiated', 'processed', 'submitted', 'carried', 'conducted', 'placed',
  'sent', 'paid', 'transferred', 'moved', 'gave', 'wired', 'forwarded', 'repaid', 'refunded', 'tipped', 'swapped', 'traded', 'exchanged',
  'converted', 'sold', 'bought', 'wrapped', 'unwrapped', 'staked', 'unstaked', 'claimed', 'approved', 'revoked', 'supplied', 'lent',
  'deposited', 'withdrew', 'withdrawn', 'pulled', 'took', 'redeemed', 'put', 'parked', 'provided', 'borrowed', 'bridged',
].join('|');
const lightHeads = 'proceed|continue|go|execute|do|complete|process|perform|confirm|finish|finalize|finalise|run|submit';
const actionNouns = 'swap|transfer|payment|trade|transaction|deposit|withdrawal|conversion|exchange|purchase|sale|supply|stake|wrap|unwrap|order';

export const reportedActClues: readonly (Clue & { atStart?: boolean })[] = [
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of something already done, not something to do now; say what Lucid should do now',
    atStart: true,
    // A subject is any one word (a pronoun or a name): `*` stands alone, as the frame's patterns need.
    patterns: [`* ${pastActs}`, `* already|just|previously|yesterday ${pastActs}`],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it points at an earlier request, and Lucid keeps none to carry out; say the amount, the token and the recipient',
    patterns: [
      `${lightHeads} the|that|this|my ${actionNouns}`, `${lightHeads} with|ahead the|that|this|my ${actionNouns}`,
      `go ahead with the|that|this|my ${actionNouns}`,
    ],
  },
];
