/**
 * The pipeline every intent goes through, in a fixed order, whatever front end drives it:
 *
 *   parse → resolve → select agent (plans simulated in competition) → simulate the whole sequence →
 *   check (agent's promises, the intent explains every effect) → risks → policy → review shown →
 *   confirmation → sign exactly what was shown → send → receipts → real changes compared.
 *
 * Every step is written to SQLite before the next starts, so nothing is lost if the process dies. Nothing
 * reaches the signer that was not simulated and put in the review; `confirm` is the only way past the
 * review, and the signer compares what it signs with the reviewed calls.
 */
import type { Address } from 'viem';
import { markPhase } from '../../../kernel/timing.js';
import { LucidError, InputError, findRepeatedStep, mixedQuestionReason, repeatedStepReason, RefusedError, ChainError, findLucidError, formatUnitsHuman, type Agent, type Plan, type PlanCall, type ResolvedIntent, type IntentList, type TokenInfo } from '../../../kernel/index.js';
import { PolicyViolationError } from '../policy/errors.js';
import { failedParseEntry } from './recordFailedParse.js';
import { resolveStep, stepApprovals, stepBalanceChanges, stepOutputs, stepViews, type StepOutputs } from './resolveStep.js';
import { planFee, selectAgent, type Candidate } from '../select/selectAgent.js';
import { readPlanSupplyRate } from '../select/readPlanSupplyRate.js';
import type { SimulationReport } from '../simulate/types.js';
import { isFeeAboveMarket } from '../simulate/readFees.js';
import type { Session } from '../session/types.js';
import type { Review, RiskFlagView, RunOutcome, SentTx, StageEvent, StepView, CandidateView } from './types.js';

export type RunIntentParameters = {
  text: string;
  /** 'execute' signs after confirmation; 'dry-run' stops at the review. */
  mode: 'execute' | 'dry-run';
  /** `grounding` defaults to `words` for the grammar and `roles` for the LLM. */
  parse: (text: string) => Promise<{ intents: IntentList; parser: 'grammar' | 'llm'; grounding?: 'words' | 'roles' | undefined }>;
  /** Shown the review; resolves true to sign. With a typed-confirmation policy, `typed` must equal the asked text. */
  confirm: (review: Review) => Promise<boolean>;
  forcedAgentId?: string | undefined;
  onStage?: ((event: StageEvent) => void) | undefined;
};

export type RunIntentReturnType = RunOutcome;

export async function runIntent(session: Session, parameters: RunIntentParameters): Promise<RunIntentReturnType> {
  const emit = (stage: StageEvent['stage'], message: string, extra: Partial<StageEvent> = {}) => {
    markPhase(`stage ${stage} begins`);
    parameters.onStage?.({ stage, message, at: Date.now(), ...extra });
  };
  const { recorder } = session;

  emit('parsing', 'understanding your words');
  let parsed: Awaited<ReturnType<RunIntentParameters['parse']>>;
  try {
    parsed = await parameters.parse(parameters.text);
  } catch (error) {
    // Recorded so `lucid history` shows failed attempts too; nothing else happens for words that do not parse.
    const entry = failedParseEntry(parameters.text, error);
    recorder.recordFailedParse({ text: entry.text, chainId: session.chainId, account: session.account.address, code: entry.errorCode, message: entry.errorMessage });
    throw error;
  }
  const runId = recorder.createRun({
    text: parameters.text,
    parser: parsed.parser,
    chainId: session.chainId,
    account: session.account.address,
    intents: parsed.intents,
  });
  emit('parsed', `${parsed.intents.intents.length} step(s) via ${parsed.parser}`, { runId });

  return guardRun(session, runId, emit, async () => {
    const repeated = findRepeatedStep(parsed.intents.intents);
    if (repeated >= 0)
      throw new InputError('REPEATED_STEP', `step ${repeated + 1} repeats a ${parsed.intents.intents[repeated]!.action} that comes once per request; nothing was signed`, {
        details: repeatedStepReason,
        hints: ['say it once'],
      });
    const draft = await buildSteps(session, runId, parameters, parsed.intents, emit);
    const reading = { parser: parsed.parser, grounding: parsed.grounding ?? (parsed.parser === 'grammar' ? 'words' : 'roles') } as const;
    // Words that ask only to look are shown and never signed, whatever the flags say.
    const mode = parsed.intents.preview ? 'preview' : parameters.mode;
    return finishRun(session, runId, { ...draft, ...reading, text: parameters.text, intents: parsed.intents, checkIntent: true }, { ...parameters, mode }, emit);
  });
}

type Emit = (stage: StageEvent['stage'], message: string, extra?: Partial<StageEvent>) => void;

/** Records how a run ended when it throws, then rethrows: nothing is left half-written. */
export async function guardRun<value>(session: Session, runId: number, emit: Emit, body: () => Promise<value>): Promise<value> {
  const { recorder } = session;
  try {
    return await body();
  } catch (error) {
    const lucid = findLucidError(error);
    const status = lucid?.code === 'USER_REJECTED' ? 'rejected' : lucid?.kind === 'refused' ? 'refused' : 'failed';
    if (!recorder.isFinal(runId))
      recorder.updateRun(runId, { status, error: { code: lucid?.code ?? 'INTERNAL_ERROR', message: lucid?.shortMessage ?? (error instanceof Error ? error.message : String(error)) } });
    emit(status === 'failed' ? 'failed' : 'refused', lucid?.shortMessage ?? 'failed', { runId });
    throw error;
  }
}

export type RunDraft = {
  text: string;
  intents: IntentList;
  steps: StepView[];
  plans: Plan[];
  resolvedIntents: ResolvedIntent[];
  /** Whether the user's words must explain every effect (false for plans Lucid built from explicit CLI arguments). */
  checkIntent: boolean;
  /** Which parser understood the words, and how firmly (plans built from command arguments: `command`, `words`). */
  parser?: Review['parser'] | undefined;
  grounding?: Review['grounding'] | undefined;
  /**
   * Each step's own simulated effect (from the competition, simulated on top of the steps before it): an
   * agent's promises are about its step, not about the sum of all steps.
   */
  stepReports?: SimulationReport[] | undefined;
  /**
   * The checks already run on a step's winning plan while it competed (its own report, intent and plan, at the
   * report's block): the review of a one-step run judges exactly these inputs, so it awaits these results instead of
   * computing them twice. Absent where the plan was not vetted (a lone candidate).
   */
  stepChecks?: (VettedChecks | undefined)[] | undefined;
};

/** The started checks of a vetted candidate ({@link vetPlan}), on the report they judged. */
type VettedChecks = { report: SimulationReport; plan: Plan; intent: ResolvedIntent; unexplained: Promise<string[]>; risks: Promise<RiskFlagView[]> };

/** Simulates the whole draft, checks it, shows it, and — after confirmation — signs and sends it. */
export async function finishRun(
  session: Session,
  runId: number,
  draft: RunDraft,
  parameters: { mode: RunIntentParameters['mode'] | 'preview'; confirm: RunIntentParameters['confirm'] },
  emit: Emit,
): Promise<RunOutcome> {
  const { recorder } = session;
  const review = await buildReview(session, runId, draft, emit);
  if (review.readOnly) {
    // A read signs nothing: it is recorded as what it was (simulated), never as a confirmed transaction.
    recorder.updateRun(runId, { status: 'simulated', result: { readOnly: review.readOnly } });
    return { runId, status: 'read-only', review, txs: [], balanceChanges: [], outcomeDifferences: [] };
  }
  if (parameters.mode === 'preview') {
    // Recorded as simulated with `preview` in its result: history shows it as a preview, never as confirmed.
    review.preview = true;
    recorder.updateRun(runId, { status: 'simulated', result: { preview: true, policy: review.policy.decision } });
    return { runId, status: 'preview', review, txs: [], balanceChanges: [], outcomeDifferences: [] };
  }
  if (review.policy.decision === 'deny') throw new PolicyViolationError(review.policy.violations);
  if (parameters.mode === 'dry-run') {
    recorder.updateRun(runId, { status: 'simulated' });
    return { runId, status: 'simulated', review, txs: [], balanceChanges: [], outcomeDifferences: [] };
  }
  emit('awaiting-confirmation', 'waiting for your decision', { runId });
  const approved = await parameters.confirm(review);
  if (!approved) throw new RefusedError('USER_REJECTED', 'not signed: you declined', { hints: ['nothing was sent'] });
  return execute(session, runId, review, emit);
}

/** Resolves each step and lets the agents compete for it, each step simulated on top of the ones before. */
async function buildSteps(
  session: Session,
  runId: number,
  parameters: RunIntentParameters,
  intents: IntentList,
  emit: Emit,
): Promise<Omit<RunDraft, 'text' | 'intents' | 'checkIntent'>> {
  // The agents' context (the head block's time) is read while the first step resolves and the registry syncs:
  // independent reads, one round trip where the node takes batches.
  const [context] = started(session.agentContext());
  const stepReports: SimulationReport[] = [];
  const steps: StepView[] = [];
  const plans: Plan[] = [];
  const resolvedIntents: ResolvedIntent[] = [];
  let prefix: PlanCall[] = [];
  let prefixReport: SimulationReport | undefined;
  // What the step before produced in its own simulation, for "… then send it to bob".
  let previous: StepOutputs | undefined;
  // Each candidate's own step report, made once when it is vetted: the winner's is then the report the review
  // judges, so the checks' reads at its block (memoized per report) are not asked of the node twice.
  const vetted = new WeakMap<SimulationReport, SimulationReport>();
  // The checks started on each vetted report: the review of the winner's awaits the same results.
  const checked = new WeakMap<SimulationReport, VettedChecks>();
  const stepChecks: (VettedChecks | undefined)[] = [];

  for (const intent of intents.intents) {
    emit('routing', `finding an agent to ${intent.action}`, { runId });
    // The agents serving the action (the registry index brought up to date: reads and local writes, nothing
    // signed) are found while the step resolves: independent, so their reads share round trips.
    const [serving] = started(session.agents(intent.action));
    const resolved = await resolveStep(session, { intent, previous });
    session.prefetchStep?.(resolved);
    resolvedIntents.push(resolved);
    const blocked = parameters.forcedAgentId ? session.blockedReason(parameters.forcedAgentId) : undefined;
    if (blocked !== undefined)
      throw new RefusedError('AGENT_BLOCKED', `agent "${parameters.forcedAgentId}" is blocked: a run it planned did something other than what was simulated`, {
        details: blocked,
        hints: [`\`lucid agents unblock ${parameters.forcedAgentId}\` routes to it again`],
      });
    const [agents, ctx]: [Agent[], Awaited<typeof context>] = await Promise.all([serving, context]);
    const before = prefix;
    const beforeReport = prefixReport;
    const simulateStep = async (plan: Plan) => stepOutcome(await simulateCalls(session, [...before, ...plan.calls]), beforeReport);
    const selection = await selectAgent({
      agents,
      intent: resolved,
      ctx,
      forcedAgentId: parameters.forcedAgentId,
      venue: intent.venue,
      simulate: simulateStep,
      ethPrice: (token, wei) => session.checks.ethPrice(token, wei),
      supplyRate: (plan) => readPlanSupplyRate(session.publicClient, { plan, intent: resolved, contracts: session.contracts }),
      vet: async (candidate) => {
        const report = ownStepReport(candidate.report.full, before.length, candidate.report.balanceChanges, beforeReport);
        vetted.set(candidate.report.full, report);
        const step: StepView = { intent, resolved, agentId: candidate.agentId, reason: '', summary: candidate.plan.summary, candidates: [] };
        return vetPlan(session, { report, intent: resolved, plan: candidate.plan, step }, (checks) => checked.set(report, checks));
      },
    });
    const winner = selection.winner;
    plans.push(winner.plan);
    prefix = [...prefix, ...winner.plan.calls];
    prefixReport = winner.report.full;
    // The step's own calls (and their logs) and its own balance changes: what this step's words must explain.
    const stepReport = vetted.get(winner.report.full);
    stepReports.push(stepReport ?? ownStepReport(winner.report.full, before.length, winner.report.balanceChanges, beforeReport));
    const stepChecked = stepReport ? checked.get(stepReport) : undefined;
    stepChecks.push(stepChecked?.plan === winner.plan && stepChecked.intent === resolved ? stepChecked : undefined);
    const amountFrom =
      intent.amount === 'previous' && previous && resolved.amount?.kind === 'exact' && resolved.token
        ? `${formatUnitsHuman(resolved.amount.value, resolved.token.decimals)} ${resolved.token.symbol}, what step ${previous.step} produced in its simulation (if it produces less when it runs, this step fails rather than send more)`
        : undefined;
    previous = stepOutputs(steps.length + 1, session.account.address, winner.report.balanceChanges);
    steps.push({
      intent,
      resolved,
      amountFrom,
      agentId: winner.agentId,
      reason: selection.reason,
      summary: winner.plan.summary,
      candidates: selection.candidates.map(candidateView),
    });
    emit('routed', `${winner.agentId}: ${selection.reason}`, { runId });
  }
  return { steps, plans, resolvedIntents, stepReports, stepChecks };
}

/** One step's own calls (and their logs), its own balance changes and allowances, from the simulation up to it. */
function ownStepReport(full: SimulationReport, firstCall: number, balanceChanges: SimulationReport['balanceChanges'], before: SimulationReport | undefined): SimulationReport {
  return { ...full, calls: full.calls.filter((call) => call.index >= firstCall), balanceChanges, approvals: stepApprovals(full, before), views: stepViews(full.views, before?.views) };
}

/**
 * The review's checks on one candidate's plan for one step, before the winner is chosen (the review runs them
 * all again on the chosen plans): its promises, the words explaining its effects (fees included), Lucid's own
 * swap bound, and its risk flags with the call shapes; the danger flags are returned for the choice.
 */
async function vetPlan(session: Session, input: { report: SimulationReport; intent: ResolvedIntent; plan: Plan; step: StepView }, onChecks: (checks: VettedChecks) => void) {
  const { report, intent, plan, step } = input;
  const broken = session.checks.expectations(report, [plan]);
  if (broken.length) return { refusal: `its promises do not hold: ${broken[0]}`, dangers: [] };
  // The checks read the chain independently of each other: asked together (their reads share round trips), and
  // judged in the same order as one by one, the first refusal (or error) winning.
  const [explaining, bounding, assessing] = started(
    session.checks.unexplained(report, [intent], plan.fees),
    session.checks.amounts({ report, plans: [plan], steps: [step] }),
    session.checks.risks({ report, intents: [intent], plans: [plan], steps: [step] }),
  );
  onChecks({ report, plan, intent, unexplained: explaining, risks: assessing });
  const unexplained = await explaining;
  if (unexplained.length) return { refusal: `it does something you did not ask for: ${unexplained[0]}`, dangers: [] };
  const bounds = await bounding;
  if (bounds.length) return { refusal: `the swap is not held to the market price: ${bounds[0]!.message}`, dangers: [] };
  const risks = await assessing;
  return { dangers: risks.filter((risk) => risk.level === 'danger').map((risk) => risk.message) };
}

/**
 * Promises already running, returned as they are, each marked handled: a caller that stops at an earlier one's
 * refusal leaves the later ones' failures unread rather than unhandled (awaiting one still throws its error).
 */
function started<values extends readonly Promise<unknown>[]>(...promises: values): values {
  for (const promise of promises) promise.catch(() => {});
  return promises;
}

async function buildReview(session: Session, runId: number, draft: RunDraft, emit: Emit): Promise<Review> {
  const { steps, plans, resolvedIntents, intents } = draft;
  const readOnlyPlan = plans.find((plan) => plan.readOnly);
  const calls = plans.flatMap((plan) => plan.calls);
  // A question beside a transaction would make the whole run "read-only": nothing sent, yet recorded as done.
  if (readOnlyPlan && calls.length > 0)
    throw new InputError('MIXED_QUESTION_AND_TRANSACTION', `${mixedQuestionReason}; nothing was signed`, {
      hints: ['run the transaction first, then ask the question (e.g. `lucid "what\'s my ETH balance"`) as its own request'],
    });
  emit('simulating', `simulating ${calls.length} call(s) as one sequence`, { runId });
  // One step: the winner's competition run already simulated exactly these calls as one sequence on the
  // same block, so it is the report; several steps are simulated again as one sequence.
  const simulation = plans.length === 1 && draft.stepReports?.length === 1 ? draft.stepReports[0]! : await simulateCalls(session, calls);
  session.recorder.updateRun(runId, { status: 'simulated', agentId: steps.map((s) => s.agentId).join(','), plan: plans, simulation });
  if (!simulation.ok) {
    const failed = simulation.calls.find((call) => call.status === 'reverted');
    throw new ChainError('SIMULATION_REVERTED', `the plan would fail: ${failed?.revert?.reason ?? 'reverted without a reason'}`, {
      details: failed ? `call ${failed.index + 1} of ${calls.length} (${calls[failed.index]?.description ?? failed.to}) reverts` : undefined,
      hints: ['nothing was signed'],
    });
  }

  // The agent's promises and the user's words must both explain what the simulation shows.
  const violations = draft.stepReports
    ? plans.flatMap((plan, index) => session.checks.expectations(draft.stepReports?.[index] ?? simulation, [plan]))
    : session.checks.expectations(simulation, plans);
  if (violations.length)
    throw new RefusedError('EXPECTATION_MISMATCH', violations[0]!, { details: violations.join('\n'), hints: ['nothing was signed'] });
  // The checks below read the chain independently of each other: started together (their reads share round
  // trips), and judged in this order as one by one, the first refusal (or error) winning.
  // Several steps: each step's own effect must be explained by its own words (stricter than the sum, and
  // right when a later step uses what an earlier one produced: "swap for USDC, then send it to bob").
  // Lucid's own bound on every swap, from the venue's state: an agent's quote or minimum is never taken on trust.
  // Several steps: each step's risks on its own effect (a swap whose output a later step sends on still paid
  // the user), together with the whole sequence's; the same flag is shown once.
  // One step whose winning plan was vetted on this very report: its effect and risk checks already ran on these
  // inputs (the same report, intent and plan at the same block), and their results are the review's.
  const vettedChecks = plans.length === 1 && resolvedIntents.length === 1 ? draft.stepChecks?.[0] : undefined;
  const reuse = vettedChecks && vettedChecks.report === simulation && vettedChecks.plan === plans[0] && vettedChecks.intent === resolvedIntents[0] ? vettedChecks : undefined;
  const [explaining, bounding, perStepRisks, wholeRisks] = started(
    !draft.checkIntent
      ? Promise.resolve([])
      : reuse
        ? reuse.unexplained
        : draft.stepReports && plans.length > 1
        ? Promise.all(resolvedIntents.map((intent, index) => session.checks.unexplained(draft.stepReports?.[index] ?? simulation, [intent], plans[index]?.fees))).then((all) => all.flat())
        : session.checks.unexplained(simulation, resolvedIntents, plans.flatMap((plan) => plan.fees ?? [])),
    draft.checkIntent ? session.checks.amounts({ report: simulation, plans, steps, stepReports: draft.stepReports }) : Promise.resolve([]),
    draft.stepReports && plans.length > 1 && steps.length === plans.length
      ? Promise.all(
          plans.map((plan, index) =>
            session.checks.risks({ report: draft.stepReports?.[index] ?? simulation, intents: [resolvedIntents[index]!], plans: [plan], steps: [steps[index]!] }),
          ),
        )
      : Promise.resolve(undefined),
    reuse ? reuse.risks : session.checks.risks({ report: simulation, intents: resolvedIntents, plans, steps }),
  );
  const unexplained = await explaining;
  if (unexplained.length)
    throw new RefusedError('UNEXPLAINED_EFFECT', `the plan does something you did not ask for: ${unexplained[0]}`, {
      details: unexplained.join('\n'),
      hints: ['nothing was signed'],
    });

  const bounds = await bounding;
  if (bounds.length)
    throw new RefusedError(bounds[0]!.code, `the swap is not held to the market price: ${bounds[0]!.message}`, {
      details: bounds.map((bound) => bound.message).join('\n'),
      hints: ['nothing was signed', 'another agent, or a slippage limit you choose ("with 1% slippage"), may do better'],
    });

  const perStep = await perStepRisks;
  const whole = await wholeRisks;
  const checked = perStep ? uniqueRisks([...perStep.flat(), ...whole.filter((risk) => risk.code !== 'SWAP_OUTPUT_NOT_TO_USER')]) : whole;
  const risks = [...feeRisks(simulation), ...checked];
  const policy = await session.checks.policy({ report: simulation, intents: resolvedIntents, plans });
  const review: Review = {
    runId,
    text: draft.text,
    chainId: session.chainId,
    account: session.account.address,
    intents,
    steps,
    calls,
    plans,
    simulation,
    risks,
    policy,
    readOnly: readOnlyPlan?.readOnly,
    labels: knownLabels(session),
    parser: draft.parser ?? 'command',
    grounding: draft.grounding ?? 'words',
  };
  session.recorder.updateRun(runId, { status: 'simulated', review: { risks, policy } });
  emit('simulated', `simulated on block ${simulation.blockNumber}`, { runId });
  return review;
}

/** Each flag once (by code and message), the most severe first. */
function uniqueRisks(risks: RiskFlagView[]): RiskFlagView[] {
  const seen = new Set<string>();
  const order = { danger: 0, warning: 1, info: 2 } as const;
  return risks
    .filter((risk) => {
      const key = `${risk.code}|${risk.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => order[a.level] - order[b.level]);
}

/** RISK.md: a fee far above what recent blocks paid is a danger (the node's suggestion may be poisoned). */
function feeRisks(report: SimulationReport): Review['risks'] {
  const { market, maxPriorityFeePerGas, maxCostWei } = report.gas;
  if (!market || !isFeeAboveMarket({ maxPriorityFeePerGas, market })) return [];
  const gwei = (wei: bigint) => formatUnitsHuman(wei, 9);
  return [
    {
      code: 'FEE_ABOVE_MARKET',
      level: 'danger',
      message: `The priority fee of ${gwei(maxPriorityFeePerGas)} gwei is far above what recent blocks paid (${gwei(market.priorityFee)} gwei); gas could cost up to ${formatUnitsHuman(maxCostWei, 18)} ETH.`,
    },
  ];
}

/** Read-only plans (a balance question) have no calls: nothing to simulate, nothing changes. */
async function simulateCalls(session: Session, calls: PlanCall[]): Promise<SimulationReport> {
  if (calls.length > 0) return session.simulate(calls);
  const blockNumber = await session.publicClient.getBlockNumber({ cacheTime: 0 });
  return {
    ok: true,
    mode: 'simulateV1',
    account: session.account.address,
    blockNumber,
    calls: [],
    balanceChanges: [],
    approvals: [],
    gas: { total: 0n, perCall: [], limits: [], maxFeePerGas: 0n, maxPriorityFeePerGas: 0n, baseFee: 0n, costWei: 0n, maxCostWei: 0n },
    tokens: [],
  };
}

/** Protocol contracts and token contracts by name, so the review says "capitalPool", not 0x4e85…f384. */
function knownLabels(session: Session): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, address] of Object.entries(session.contracts)) labels[address.toLowerCase()] = name;
  for (const token of session.tokens) if (token.address !== 'ETH') labels[token.address.toLowerCase()] = `${token.symbol} token`;
  labels[session.account.address.toLowerCase()] = 'you';
  return labels;
}

/** A step's own effect: the simulation of everything up to it, minus everything before it. */
function stepOutcome(full: SimulationReport, before: SimulationReport | undefined) {
  const revert = full.calls.find((call) => call.status === 'reverted')?.revert?.reason;
  const gas = { costWei: full.gas.costWei - (before?.gas.costWei ?? 0n) };
  return { ok: full.ok, balanceChanges: stepBalanceChanges(full, before), gas, revertReason: revert, full };
}

function candidateView(candidate: Candidate): CandidateView {
  return {
    agentId: candidate.agentId,
    description: candidate.description,
    summary: candidate.plan?.summary,
    dropped: candidate.dropped,
    gasCostWei: candidate.report?.gas.costWei,
    ...(candidate.plan?.fees?.length ? { feeWei: planFee(candidate.plan) } : {}),
    outcome: candidate.score === undefined ? undefined : formatUnitsHuman(candidate.score, candidate.scoreDecimals ?? 18),
    unit: candidate.scoreToken,
    ...(candidate.rate ? { rate: `${candidate.rate.text}, read from ${candidate.rate.source}` } : {}),
  };
}

async function execute(session: Session, runId: number, review: Review, emit: Emit): Promise<RunOutcome> {
  const { recorder } = session;
  emit('signing', `signing ${review.calls.length} transaction(s)`, { runId });
  recorder.updateRun(runId, { status: 'signing' });
  const txs: SentTx[] = [];
  try {
    await session.signAndSend({
      review,
      // Written before broadcast: a crash after sending leaves a record the next run resolves.
      onSigned: (index, hash, request) => recorder.recordSignedTx({ runId, index, hash, chainId: review.chainId, request }),
      onSent: (index, hash) => {
        recorder.markTx({ runId, index, status: 'sent' });
        recorder.updateRun(runId, { status: 'sent' });
        emit('sent', `sent ${hash}`, { runId, hash });
      },
      onReceipt: (index, hash, receipt) => {
        const status = receipt.status === 'success' ? 'confirmed' : 'reverted';
        recorder.markTx({ runId, index, status, blockNumber: receipt.blockNumber, receipt });
        txs.push({ index, hash, status, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed });
      },
      onPending: (index, hash) => {
        txs.push({ index, hash, status: 'pending' });
      },
    });
  } catch (error) {
    const lucid = findLucidError(error);
    if (lucid instanceof LucidError && lucid.code === 'TX_REVERTED') {
      const { balanceChanges } = await session.readOutcome(review, txs).catch(() => ({ balanceChanges: [] }));
      recorder.updateRun(runId, { status: 'reverted', result: { txs, balanceChanges }, error: { code: lucid.code, message: lucid.shortMessage } });
    }
    throw error;
  }
  if (txs.some((tx) => tx.status === 'pending')) {
    recorder.updateRun(runId, { status: 'sent', result: { txs } });
    emit('sent', 'sent; the receipt did not arrive in time — `lucid history` will resolve it', { runId });
    return { runId, status: 'pending', review, txs, balanceChanges: [], outcomeDifferences: [] };
  }
  const { balanceChanges, outcomeDifferences } = await session.readOutcome(review, txs);
  if (outcomeDifferences.length) {
    // Executed ≠ simulated beyond the declared bounds: a failed run, and the agents that planned it are blocked.
    const agents = [...new Set(review.steps.map((step) => step.agentId))];
    const message = `the transactions did not do what was simulated: ${outcomeDifferences[0]}`;
    session.blockAgents(agents, runId, outcomeDifferences.join('; '));
    recorder.updateRun(runId, { status: 'failed', result: { txs, balanceChanges, outcomeDifferences }, error: { code: 'OUTCOME_MISMATCH', message } });
    throw new ChainError('OUTCOME_MISMATCH', message, {
      details: outcomeDifferences.join('\n'),
      hints: [`blocked ${agents.join(', ')} on this chain; \`lucid agents unblock <id>\` routes to it again`],
    });
  }
  recorder.updateRun(runId, { status: 'confirmed', result: { txs, balanceChanges, outcomeDifferences } });
  session.recordConfirmed(review);
  emit('confirmed', `confirmed in block ${txs.at(-1)?.blockNumber ?? '?'}`, { runId });
  return { runId, status: 'confirmed', review, txs, balanceChanges, outcomeDifferences };
}

