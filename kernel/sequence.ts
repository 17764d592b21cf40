/**
 * How the intent contract's actions follow one another in a sequence ("swap 1 ETH for USDC then send it to
 * bob"): the one table of what each action is to the step after it. Typed as a record over every action, so a
 * new action does not compile until its row says whether it signs or only reads, what it gives the user that
 * "it" can refer to, and whether its amount may be "previous". The grammar reads "it" with {@link stepOutput};
 * the runtime's pair test (runtime/src/pipeline/actionPairs.test.ts) runs every pair {@link listActionPairs}
 * lists through the real pipeline.
 */
import { intentActions, type IntentAction } from './intentFields.js';
import type { Intent } from './intent.js';

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
  /**
   * Whether the same step (same token and venue) may come twice in one request. A claim takes everything
   * claimable, so a second one right after it has next to nothing left: refused rather than promised twice.
   */
  repeatable: boolean;
};

const none = () => undefined;

export const actionSequencing = {
  transfer: { kind: 'transaction', output: none, takesPrevious: true, repeatable: true },
  swap: { kind: 'transaction', output: (step) => step.tokenOut, takesPrevious: true, repeatable: true },
  wrap: { kind: 'transaction', output: () => 'WETH', takesPrevious: true, repeatable: true },
  unwrap: { kind: 'transaction', output: () => 'ETH', takesPrevious: true, repeatable: true },
  stake: { kind: 'transaction', output: none, takesPrevious: true, repeatable: true },
  unstake: { kind: 'transaction', output: (step) => step.token, takesPrevious: true, repeatable: true },
  claim: { kind: 'transaction', output: none, takesPrevious: false, repeatable: false },
  approve: { kind: 'transaction', output: none, takesPrevious: true, repeatable: true },
  revoke: { kind: 'transaction', output: none, takesPrevious: false, repeatable: true },
  balance: { kind: 'question', output: none, takesPrevious: false, repeatable: true },
  supply: { kind: 'transaction', output: none, takesPrevious: true, repeatable: true },
  withdraw: { kind: 'transaction', output: (step) => step.token, takesPrevious: true, repeatable: true },
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
  /** The error code the runtime refuses it with, when it does. */
  refusedCode?: 'MIXED_QUESTION_AND_TRANSACTION' | 'REPEATED_STEP' | undefined;
};

/** Why a question and a transaction are never one request (the runtime's `MIXED_QUESTION_AND_TRANSACTION`). */
export const mixedQuestionReason = 'one request cannot both send something and ask a question';

/** Why a step that is not repeatable comes once per request (the runtime's `REPEATED_STEP`). */
export const repeatedStepReason = 'a claim takes everything claimable, so the same claim twice in one request has nothing left the second time';

/** The index of the first step that repeats an earlier one the table says may come only once, or -1. */
export function findRepeatedStep(steps: readonly Pick<Intent, 'action' | 'token' | 'venue'>[]): number {
  return steps.findIndex((step, index) =>
    !(actionSequencing[step.action] as ActionSequencing).repeatable &&
    steps.slice(0, index).some((before) => before.action === step.action && before.token === step.token && before.venue === step.venue),
  );
}

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
      const mixed = kinds.size > 1;
      const repeated = first === second && !(actionSequencing[first] as ActionSequencing).repeatable;
      const refusal = mixed
        ? { refused: mixedQuestionReason, refusedCode: 'MIXED_QUESTION_AND_TRANSACTION' as const }
        : repeated
          ? { refused: repeatedStepReason, refusedCode: 'REPEATED_STEP' as const }
          : {};
      pairs.push({ first, second, previous: false, ...refusal });
      const produces = actionSequencing[first].output !== none;
      if (produces && actionSequencing[second].takesPrevious) pairs.push({ first, second, previous: true, ...refusal });
    }
  return pairs;
}
