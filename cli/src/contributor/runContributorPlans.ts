/**
 * Plans built from command arguments (register an entry, stake, distribute…) go through the same guarded
 * pipeline as `lucid "<intent>"` (`runPlan`: simulate, show, confirm, sign) and print the same way.
 */
import type { Plan } from '../../../kernel/index.js';
import type { RunOutcome, Session } from '../../../runtime/index.js';
import type { TxOptions } from '../commands/options.js';
import { paint, say, writeData } from '../output.js';

/** Runs the plans and prints the outcome; returns it for the caller's follow-up (e.g. the new entry id). */
export async function runContributorPlans(session: Session, { text, plans, options }: { text: string; plans: Plan[]; options: TxOptions }): Promise<RunOutcome> {
  const { runPlan } = await import('../../../runtime/index.js');
  const { renderReview, renderOutcome } = await import('../render/review.js');
  const { confirmReview } = await import('../commands/run.js');
  const outcome = await runPlan(session, {
    text,
    plans,
    mode: options.dryRun ? 'dry-run' : 'execute',
    onStage: (event) => {
      if (!options.json && ['sent', 'confirmed'].includes(event.stage)) say(paint(event.message, 'dim'));
    },
    confirm: async (review) => {
      if (!options.json) writeData(renderReview(review, { explain: false }));
      return confirmReview(review, options);
    },
  });
  if (options.json) return outcome;
  if (outcome.status === 'simulated') {
    writeData(renderReview(outcome.review, { explain: false }));
    say('dry run: nothing was signed');
  } else if (outcome.status !== 'read-only') writeData(renderOutcome(outcome));
  return outcome;
}

/** JSON of an outcome, as `lucid --json "<intent>"` prints it, plus command-specific fields. */
export async function outcomeDocument(outcome: RunOutcome, extra: Record<string, unknown> = {}): Promise<unknown> {
  const { outcomeJson } = await import('../render/review.js');
  return { ...(outcomeJson(outcome) as Record<string, unknown>), ...extra };
}
