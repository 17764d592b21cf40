/**
 * Signs a plan bundle through the same guarded path as a fresh run: the bundle's words are resolved again
 * on this machine (its contacts, its token list), its calls are simulated again as one sequence on the
 * current block, the agents' promises, "the words explain every effect", the risk flags and this machine's
 * policy are checked again, the review is shown together with what changed since the bundle was made, and
 * only then — after yes — exactly the reviewed calls are signed.
 */
import { InputError, RefusedError, type PlanCall, type ResolvedIntent } from '../../../kernel/index.js';
import { finishRun, guardRun } from '../pipeline/runIntent.js';
import type { Review, RunOutcome, StageEvent } from '../pipeline/types.js';
import { resolveStep, stepOutputs, stepReport, type StepOutputs } from '../pipeline/resolveStep.js';
import type { Session } from '../session/types.js';
import type { SimulationReport } from '../simulate/types.js';
import { comparePlanSimulations, type PlanSimulationChanges } from './comparePlanSimulations.js';
import type { VerifiedPlanBundle } from './planBundle.js';

export type SignPlanBundleParameters = {
  bundle: VerifiedPlanBundle;
  /** Shown the new review and what changed since the bundle; resolves true to sign. */
  confirm: (review: Review, changes: PlanSimulationChanges) => Promise<boolean>;
  /** 'dry-run' re-simulates and checks but never signs (what `approve`-style callers use to preview). */
  mode?: 'execute' | 'dry-run' | undefined;
  onStage?: ((event: StageEvent) => void) | undefined;
};

export type SignPlanBundleReturnType = RunOutcome & { changes: PlanSimulationChanges | undefined };

/**
 * @throws InputError `BUNDLE_WRONG_CHAIN` / `BUNDLE_WRONG_ACCOUNT` (exit 2) when this session is not the chain
 *   or account the bundle was made for; RefusedError `BUNDLE_STALE` (exit 3) when the account has sent anything
 *   since (a bundle is signed at most once); every refusal of a fresh run otherwise (policy, checks, consent).
 */
export async function signPlanBundle(session: Session, parameters: SignPlanBundleParameters): Promise<SignPlanBundleReturnType> {
  const { bundle, plans, intents } = parameters.bundle;
  if (bundle.chainId !== session.chainId)
    throw new InputError('BUNDLE_WRONG_CHAIN', `the bundle is for chain ${bundle.chainId}, but Lucid is connected to ${session.chainName} (chain id ${session.chainId})`, {
      hints: ['nothing was signed', 'connect to the chain it was made for with --rpc-url'],
    });
  if (bundle.account.toLowerCase() !== session.account.address.toLowerCase())
    throw new InputError('BUNDLE_WRONG_ACCOUNT', `the bundle was simulated for ${bundle.account}, but the account here is ${session.account.address}`, {
      hints: ['nothing was signed', 'choose that account with --account <wallet>'],
    });
  const nonce = await session.publicClient.getTransactionCount({ address: session.account.address, blockTag: 'pending' });
  if (nonce !== bundle.nonce)
    throw new RefusedError('BUNDLE_STALE', `the account has sent ${nonce - bundle.nonce} transaction(s) since the bundle was made; it may already have been signed`, {
      details: `nonce in the bundle: ${bundle.nonce}; the account's next nonce now: ${nonce}`,
      hints: ['nothing was signed', '`lucid history` shows what was sent; make a new bundle with --dry-run --save if you still want it'],
    });
  const emit = (stage: StageEvent['stage'], message: string, extra: Partial<StageEvent> = {}) => parameters.onStage?.({ stage, message, at: Date.now(), ...extra });
  const runId = session.recorder.createRun({ text: bundle.text, parser: 'command', chainId: session.chainId, account: session.account.address, intents });
  let changes: PlanSimulationChanges | undefined;
  const outcome = await guardRun(session, runId, emit, async () => {
    // Each step resolved and simulated on top of the ones before (the agents' promises and the words are about
    // their own step), exactly as a fresh run does: "… then send it" is what the step before produces now.
    const resolvedIntents: ResolvedIntent[] = [];
    const stepReports: SimulationReport[] = [];
    let prefix: PlanCall[] = [];
    let before: SimulationReport | undefined;
    let previous: StepOutputs | undefined;
    for (const [index, plan] of plans.entries()) {
      const intent = intents.intents[index];
      if (intent) resolvedIntents.push(await resolveStep(session, { intent, previous }));
      const firstCall = prefix.length;
      prefix = [...prefix, ...plan.calls];
      const full = await session.simulate(prefix);
      const own = stepReport(full, before, firstCall);
      stepReports.push(own);
      previous = stepOutputs(index + 1, session.account.address, own.balanceChanges);
      before = full;
    }
    return finishRun(
      session,
      runId,
      {
        text: bundle.text,
        intents,
        plans,
        resolvedIntents,
        checkIntent: true,
        stepReports,
        steps: plans.map((plan, index) => ({
          intent: intents.intents[index],
          resolved: resolvedIntents[index],
          agentId: plan.agentId,
          reason: bundle.steps[index]?.reason ?? 'from the plan bundle',
          summary: plan.summary,
          candidates: [],
        })),
      },
      {
        mode: parameters.mode ?? 'execute',
        confirm: (review) => {
          changes = comparePlanSimulations(bundle.simulation, review.simulation, bundle.account);
          return parameters.confirm(review, changes);
        },
      },
      emit,
    );
  });
  if (!changes && outcome.status === 'simulated') changes = comparePlanSimulations(bundle.simulation, outcome.review.simulation, bundle.account);
  return { ...outcome, changes };
}
