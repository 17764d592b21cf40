/**
 * How the intent contract's actions follow one another in a sequence ("swap 1 ETH for USDC then send it to
 * bob"): the one table of what each action is to the step after it. Typed as a record over every action, so a
 * new action does not compile until its row says whether it signs or only reads, what it gives the user that
 * "it" can refer to, and whether its amount may be "previous". The grammar reads "it" with {@link stepOutput};
 * the runtime's pair test (runtime/src/pipeline/actionPairs.test.ts) runs every pair {@link listActionPairs}
 * lists through the real pipeline.
 */
import { intentActions, type Intent, type IntentAction } from './intent.js';

export type ActionSequencing = {
  /** `transaction`: the step signs calls. `question`: it only reads, and is answered on its own. */
  kind: 'transaction' | 'question';
  /**
   * What the step gives the user that a next step's `"previous"` amount ("it", "the proceeds") refers to, as the
   * words name it; undefined when it gives nothing a later step can name (a claim's reward token is the pool's,
   * not the user's words).
   */
  output: (step: Pick<Intent, 'token' | 'tokenOut'>) => string | undefined;
  /** Whether the step's amount may be `"previous"`: it sends, sells, wraps, stakes, lends or approves an amount. */
  takesPrevious: boolean;
};

const none = () => undefined;

export const actionSequencing = {
  transfer: { kind: 'transaction', output: none, takesPrevious: true },
  swap: { kind: 'transaction', output: (step) => step.tokenOut, takesPrevious: true },
  wrap: { kind: 'transaction', output: () => 'WETH', takesPrevious: true },
  unwrap: { kind: 'transaction', output: () => 'ETH', takesPrevious: true },
  stake: { kind: 'transaction', output: none, takesPrevious: true },
  unstake: { kind: 'transaction', output: (step) => step.token, takesPrevious: true },
  claim: { kind: 'transaction', output: none, takesPrevious: false },
  approve: { kind: 'transaction', output: none, takesPrevious: true },
  revoke: { kind: 'transaction', output: none, takesPrevious: false },
  balance: { kind: 'question', output: none, takesPrevious: false },
  supply: { kind: 'transaction', output: none, takesPrevious: true },
  withdraw: { kind: 'transaction', output: (step) => step.token, takesPrevious: true },
} as const satisfies Record<IntentAction, ActionSequencing>;

/** What a step gives the user that "it" in the next step refers to (a symbol as the words name it), or undefined. */
export function stepOutput(step: Pick<Intent, 'action' | 'token' | 'tokenOut'>): string | undefined {
  return (actionSequencing[step.action] as ActionSequencing).output(step);
}

export type ActionPair = {
  first: IntentAction;
  second: IntentAction;
  /** The second step's amount is `"previous"`: what the first produced ("… then send it to bob"). */
  previous: boolean;
  /** Why the contract never runs this pair as one request, when it does not. */
  refused?: string | undefined;
};

/** Why a question and a transaction are never one request (the runtime's `MIXED_QUESTION_AND_TRANSACTION`). */
export const mixedQuestionReason = 'one request cannot both send something and ask a question';

/**
 * Every ordered pair of actions that can follow each other: each pair with the second step's own amount, and,
 * where the first step produces something and the second takes an amount, again with the second step's amount
 * `"previous"`. A pair the contract refuses as one request carries the reason.
 *
 * @example
 * listActionPairs().filter((pair) => !pair.refused).length
 */
export function listActionPairs(): ActionPair[] {
  const pairs: ActionPair[] = [];
  for (const first of intentActions)
    for (const second of intentActions) {
      const kinds = new Set([actionSequencing[first].kind, actionSequencing[second].kind]);
      const refused = kinds.size > 1 ? mixedQuestionReason : undefined;
      pairs.push({ first, second, previous: false, refused });
      const produces = actionSequencing[first].output !== none;
      if (produces && actionSequencing[second].takesPrevious) pairs.push({ first, second, previous: true, refused });
    }
  return pairs;
}
