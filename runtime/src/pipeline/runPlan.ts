/**
 * Plans Lucid builds itself from explicit command arguments (`lucid agent register`, `lucid emissions
 * distribute`, …) go through the same guarded path as intents: simulated as one sequence, checked
 * against the plan's expected effects and policy, shown, confirmed, and only then signed. The only step
 * skipped is "the user's words explain every effect", because there are no words — the command's own
 * arguments are the specification, and the plan's `expects` state them.
 */
import type { Plan } from '../../../kernel/index.js';
import type { Session } from '../session/types.js';
import type { Review, RunOutcome, StageEvent } from './types.js';
import { finishRun, guardRun } from './runIntent.js';

export type RunPlanParameters = {
  /** What the user asked for, as a line for history ("lucid agent register ./my-agent"). */
  text: string;
  plans: Plan[];
  mode: 'execute' | 'dry-run';
  confirm: (review: Review) => Promise<boolean>;
  onStage?: ((event: StageEvent) => void) | undefined;
};

export type RunPlanReturnType = RunOutcome;

export async function runPlan(session: Session, parameters: RunPlanParameters): Promise<RunPlanReturnType> {
  const emit = (stage: StageEvent['stage'], message: string, extra: Partial<StageEvent> = {}) =>
    parameters.onStage?.({ stage, message, at: Date.now(), ...extra });
  const runId = session.recorder.createRun({
    text: parameters.text,
    parser: 'command',
    chainId: session.chainId,
    account: session.account.address,
    intents: { intents: [] },
  });
  return guardRun(session, runId, emit, () =>
    finishRun(
      session,
      runId,
      {
        text: parameters.text,
        intents: { intents: [] },
        plans: parameters.plans,
        resolvedIntents: [],
        checkIntent: false,
        steps: parameters.plans.map((plan) => ({
          agentId: plan.agentId,
          reason: 'built by lucid from the command arguments',
          summary: plan.summary,
          candidates: [],
        })),
      },
      parameters,
      emit,
    ),
  );
}
