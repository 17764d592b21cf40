/**
 * Agent selection by measured outcome. Every agent that serves the intent's action on this chain is asked
 * for a plan; the plans are simulated in parallel from the same state; the winner is the best net outcome
 * for the user — tokens received minus gas cost and the usage fees the plan pays, valued in the token the user
 * receives (or, for exact output, the least spent) — with ties broken by the agent's fee and onchain usage. An agent that times
 * out, throws, or whose plan reverts in simulation is dropped from this decision with a reason; it never
 * ends the run. The review's checks run on the candidates in rank order before the winner is chosen, so one that
 * would be refused (or needs a person for a danger flag another plan does not raise) falls back to the next.
 */
import type { Address } from 'viem';
import { InputError, LucidError, formatUnitsHuman, type Agent, type AgentContext, type Plan, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';

/** What selection needs from a simulation report (runtime/src/simulate produces it). */
export type SimulatedOutcome = {
  ok: boolean;
  /** Balance changes; `token` is 'ETH' or an ERC-20 address. */
  balanceChanges: { address: Address; token: Address | 'ETH'; diff: bigint }[];
  gas: { costWei: bigint };
  /** First revert reason when !ok. */
  revertReason?: string | undefined;
};

export type Candidate<report extends SimulatedOutcome = SimulatedOutcome> = {
  agentId: string;
  description: string;
  plan?: Plan | undefined;
  report?: report | undefined;
  /** Why this candidate was dropped (timeout, error, revert). */
  dropped?: string | undefined;
  /** Net outcome in base units of `scoreToken`; higher is better. */
  score?: bigint | undefined;
  scoreToken?: string | undefined;
  scoreDecimals?: number | undefined;
  /** The agent's fee per use in wei (registry agents), for tie-breaks. */
  feeWei?: bigint | undefined;
  usage?: number | undefined;
  /** For supply: the rate Lucid read from the market the plan supplies to ("3.05% APY (3.00% APR)"), and where. */
  rate?: { text: string; source: string } | undefined;
};

export type SelectAgentParameters<report extends SimulatedOutcome> = {
  agents: readonly Agent[];
  intent: ResolvedIntent;
  ctx: AgentContext;
  /** Use this agent only (`--agent <id>`). */
  forcedAgentId?: string | undefined;
  simulate: (plan: Plan) => Promise<report>;
  /** Per-agent budget for planning and simulating. */
  timeoutMs?: number | undefined;
  /** Registry facts per agent id, for tie-breaks. */
  agentFacts?: ReadonlyMap<string, { feeWei: bigint; usage: number }> | undefined;
  /** The venue the user named ("uniswap", "capital-pool"): only agents serving it compete. */
  venue?: string | undefined;
  /**
   * The review's checks on one candidate's plan (its promises, the words explaining its effects, its call
   * shapes and danger flags), run before the winner is chosen: see {@link vetInOrder}.
   */
  vet?: Vet<report> | undefined;
  /** Wei of ETH valued in `token` at Lucid's own market quote, for swaps with no ETH side (fees and gas). */
  ethPrice?: EthPrice | undefined;
  /**
   * For supply: the rate the plan's market pays, read from chain by Lucid (never the agent's figure); a supply
   * plan without one cannot compete on yield and is dropped.
   */
  supplyRate?: SupplyRate | undefined;
};

/** The annual supply rate (APR, ray: 1e27 = 100%) a supply plan earns, read from chain; undefined when unreadable. */
export type SupplyRate = (plan: Plan) => Promise<{ rateRay: bigint; text: string; source: string } | undefined>;

/** 1e27, the unit of a ray rate. */
const RAY = 10n ** 27n;

/** `wei` of ETH in base units of `token`, or undefined when no market quotes it. */
export type EthPrice = (token: TokenInfo, wei: bigint) => Promise<bigint | undefined>;

/**
 * Venue names a person uses for the built-in agents, beyond each agent's own id: "uniswap" is the Uniswap V2 and V3
 * agents, "capital-pool" the capital agent. An agent also serves its own id and any venue its id starts with
 * ("uniswap" → "uniswap-v2").
 */
const venueAliases: Record<string, readonly string[]> = {
  uniswap: ['uniswap-v2', 'uniswap-v3'],
  'uniswap-v2': ['uniswap-v2'],
  'uniswap-v3': ['uniswap-v3'],
  v3: ['uniswap-v3'],
  'v2-fork': ['v2-fork'],
  fork: ['v2-fork'],
  'capital-pool': ['capital'],
  'lucid-capital-pool': ['capital'],
  weth9: ['weth'],
};

/** The agents among `agents` that serve `venue`. */
export function agentsForVenue(agents: readonly Agent[], venue: string): Agent[] {
  const named = venue.toLowerCase();
  const aliases = venueAliases[named] ?? [];
  return agents.filter((agent) => agent.id === named || agent.id.startsWith(`${named}-`) || aliases.includes(agent.id));
}

/** Actions that need a lending market (supply to it, withdraw from it). */
const lendingActions: ReadonlySet<string> = new Set(['supply', 'withdraw']);

export type SelectAgentReturnType<report extends SimulatedOutcome> = {
  winner: Candidate<report> & { plan: Plan; report: report };
  /** Every candidate considered, best first, dropped ones last. */
  candidates: Candidate<report>[];
  /** One line: why the winner won. */
  reason: string;
};

/** Agents that could serve this intent here: action, chain, and their own `supports` check. */
export function eligibleAgents(agents: readonly Agent[], intent: ResolvedIntent, ctx: AgentContext): Agent[] {
  return agents.filter(
    (agent) =>
      agent.actions.includes(intent.action) &&
      (agent.chains.length === 0 || agent.chains.includes(ctx.chainId)) &&
      (agent.supports ? safeSupports(agent, ctx) : true),
  );
}

function safeSupports(agent: Agent, ctx: AgentContext): boolean {
  try {
    return agent.supports!(ctx);
  } catch {
    return false;
  }
}

export async function selectAgent<report extends SimulatedOutcome>(
  parameters: SelectAgentParameters<report>,
): Promise<SelectAgentReturnType<report>> {
  const { intent, ctx, forcedAgentId } = parameters;
  let agents = eligibleAgents(parameters.agents, intent, ctx);
  if (parameters.venue !== undefined) {
    const serving = agentsForVenue(agents, parameters.venue);
    if (serving.length === 0)
      throw new InputError('UNKNOWN_VENUE', `no agent serves ${parameters.venue} here`, {
        details: `no agent for ${intent.action} on chain ${ctx.chainId} serves "${parameters.venue}"`,
        hints: [
          agents.length
            ? `agents for ${intent.action} here: ${agents.map((a) => a.id).join(', ')}; name one of them, or leave the venue out and let them compete`
            : `no agent can ${intent.action} on chain ${ctx.chainId} at all`,
        ],
      });
    agents = serving;
  }
  if (forcedAgentId) {
    const forced = parameters.agents.find((agent) => agent.id === forcedAgentId);
    if (!forced)
      throw new InputError('UNKNOWN_AGENT', `no agent "${forcedAgentId}"`, {
        hints: [`agents for ${intent.action}: ${agents.map((a) => a.id).join(', ') || 'none'}`],
      });
    if (!agents.includes(forced))
      throw new InputError('AGENT_CANNOT_SERVE', `agent "${forcedAgentId}" does not serve ${intent.action} on chain ${ctx.chainId}`);
    agents = [forced];
  }
  if (agents.length === 0 && lendingActions.has(intent.action))
    throw new InputError('NO_AGENT', `no agent serves lending here: nothing can ${intent.action}${intent.token ? ` ${intent.token.symbol}` : ''} on chain ${ctx.chainId}`, {
      hints: [`${intent.action} needs a lending-market agent, and none is installed for this chain`, '`lucid agents` lists the agents and what they serve'],
    });
  if (agents.length === 0)
    throw new InputError('NO_AGENT', `no agent can ${intent.action} on chain ${ctx.chainId}`, {
      hints: ['`lucid agents` lists the agents and what they serve'],
    });

  const timeoutMs = parameters.timeoutMs ?? 15_000;
  const candidates = await Promise.all(
    agents.map((agent) => evaluate(agent, parameters, timeoutMs)),
  );
  for (const candidate of candidates) {
    const facts = parameters.agentFacts?.get(candidate.agentId);
    if (facts) {
      candidate.feeWei = facts.feeWei;
      candidate.usage = facts.usage;
    }
    // The fee the plan really pays (declared by the runtime) is what counts, not the registry's listing.
    if (candidate.plan?.fees?.length) candidate.feeWei = planFee(candidate.plan);
    if (!candidate.dropped && intent.action === 'supply') await readRate(candidate, parameters.supplyRate);
    if (!candidate.dropped) await score(candidate, intent, ctx.account, parameters.ethPrice);
  }
  candidates.sort(compareCandidates);
  if (parameters.vet) await vetInOrder(candidates, parameters.vet);
  const winner = candidates[0];
  if (!winner || winner.dropped || !winner.plan || !winner.report) {
    const reasons = candidates.map((c) => `${c.agentId}: ${c.dropped}`).join('; ');
    // One candidate's own error (e.g. insufficient balance, a revert) says more than a generic line.
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only?.dropped && onlyError.has(only)) throw onlyError.get(only)!;
    throw new LucidError('chain', 'NO_VIABLE_PLAN', `no agent produced a plan that simulates successfully`, { details: reasons });
  }
  return { winner: winner as SelectAgentReturnType<report>['winner'], candidates, reason: explainWin(candidates) };
}

/**
 * The checks the review will run, on each candidate in rank order until one passes them with no danger flag:
 * candidates ranked above it are dropped with the reason (shown by `--explain`), so a winner that fails a check
 * falls back to the next one instead of failing the intent. When none passes, the order is left as it is and
 * the review refuses the best one with its own, precise error: the checks are never weakened here.
 */
async function vetInOrder<report extends SimulatedOutcome>(candidates: Candidate<report>[], vet: Vet<report>): Promise<void> {
  const viable = candidates.filter((candidate) => !candidate.dropped && candidate.plan && candidate.report);
  if (viable.length < 2) return;
  const verdicts = new Map<Candidate<report>, Verdict>();
  let chosen: Candidate<report> | undefined;
  for (const candidate of viable) {
    let verdict: Verdict;
    try {
      verdict = await vet(candidate as Winner<report>);
    } catch (error) {
      verdict = { refusal: error instanceof LucidError ? error.shortMessage : error instanceof Error ? error.message : String(error), dangers: [] };
    }
    verdicts.set(candidate, verdict);
    if (!verdict.refusal && verdict.dangers.length === 0) {
      chosen = candidate;
      break;
    }
  }
  // Every one needs a person for a danger flag (often the words' own: a recipient that is a token contract):
  // the best that passes the checks, its flags shown in the review.
  chosen ??= viable.find((candidate) => !verdicts.get(candidate)?.refusal);
  if (!chosen) return;
  const rank = viable.indexOf(chosen);
  for (const [candidate, verdict] of verdicts) {
    if (candidate === chosen) continue;
    if (verdict.refusal) candidate.dropped = `refused by the checks: ${verdict.refusal}`;
    else if (viable.indexOf(candidate) < rank) candidate.dropped = `needs a person to accept a danger flag another agent's plan does not raise: ${verdict.dangers[0]}`;
  }
  candidates.sort(compareCandidates);
}

/** What the checks say of one candidate: a refusal (the review would refuse it), and its danger flags. */
export type Verdict = { refusal?: string | undefined; dangers: string[] };
type Winner<report extends SimulatedOutcome> = Candidate<report> & { plan: Plan; report: report };
export type Vet<report extends SimulatedOutcome> = (candidate: Winner<report>) => Promise<Verdict>;

/** Keeps the original error of a dropped candidate so a single-candidate failure is reported precisely. */
const onlyError = new WeakMap<Candidate, LucidError>();

async function evaluate<report extends SimulatedOutcome>(
  agent: Agent,
  parameters: SelectAgentParameters<report>,
  timeoutMs: number,
): Promise<Candidate<report>> {
  const candidate: Candidate<report> = { agentId: agent.id, description: agent.description };
  try {
    const plan = await withTimeout(agent.plan(parameters.ctx, parameters.intent), timeoutMs, `${agent.id} did not answer within ${timeoutMs} ms`);
    if (plan.agentId !== agent.id) plan.agentId = agent.id;
    candidate.plan = plan;
    const report = await parameters.simulate(plan);
    candidate.report = report;
    if (!report.ok) candidate.dropped = `simulation reverted: ${report.revertReason ?? 'no reason given'}`;
  } catch (error) {
    candidate.dropped = error instanceof LucidError ? error.shortMessage : error instanceof Error ? error.message : String(error);
    if (error instanceof LucidError) onlyError.set(candidate, agentFailure(agent.id, error));
  }
  return candidate;
}

/**
 * Codes that mean something to Lucid itself (the user's own rejection, a policy or safety refusal, a secret
 * refused): an agent cannot claim them, nor a kind that would make its failure look like the user's or
 * Lucid's doing (refused → exit 3, bug → exit 70).
 */
const lucidOwnCodes = /^(USER_REJECTED|POLICY_VIOLATION|CONFIRMATION_REQUIRED|TYPED_CONFIRMATION_REQUIRED|DANGER_NEEDS_A_PERSON|SECRET_.*|SIGNING_MISMATCH|CHAIN_MISMATCH|EXPECTATION_MISMATCH|UNEXPLAINED_EFFECT|SIMULATION_.*|INTERNAL_ERROR|ACCOUNT_BUSY|(RPC|DB|TX|NONCE)_.*)$/;

/** An agent's error as an agent's failure: its own code unless it is one of Lucid's, its kind input/chain/infra. */
function agentFailure(agentId: string, error: LucidError): LucidError {
  const code = lucidOwnCodes.test(error.code) ? 'AGENT_FAILED' : error.code;
  const kind = error.kind === 'refused' ? 'input' : error.kind === 'bug' ? 'infra' : error.kind;
  if (code === error.code && kind === error.kind) return error;
  const message = error.shortMessage.startsWith(`agent "${agentId}"`) ? error.shortMessage : `agent "${agentId}" failed: ${error.shortMessage}`;
  return new LucidError(kind, code, message, {
    details: [code !== error.code ? `The agent reported code ${error.code}.` : undefined, error.details].filter(Boolean).join('\n') || undefined,
    hints: error.hints,
    cause: error,
  });
}

function withTimeout<value>(promise: Promise<value>, ms: number, message: string): Promise<value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LucidError('infra', 'AGENT_TIMEOUT', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Net outcome in one unit, after gas and the usage fees the plan declares (`plan.fees`, paid in ETH), so a paid
 * agent wins only when the user really ends up better off. Exact-in swaps: received tokenOut minus gas and fees
 * valued in tokenOut (when ETH is on either side the plan itself gives the rate; otherwise fees at `ethPrice`,
 * Lucid's own market quote, while gas only breaks ties). Exact-out swaps: minus the tokenIn spent
 * (and gas and fees likewise). Everything else: minus gas and fees in wei.
 */
async function score(candidate: Candidate & { rateRay?: bigint }, intent: ResolvedIntent, account: Address, ethPrice?: EthPrice): Promise<void> {
  const report = candidate.report!;
  const fee = planFee(candidate.plan);
  // The fee left the user's ETH balance inside the plan: it is counted once, as a cost beside gas, not in the swap.
  const mine = (token: Address | 'ETH' | undefined) =>
    token === undefined
      ? 0n
      : report.balanceChanges.filter((c) => c.address.toLowerCase() === account.toLowerCase() && sameToken(c.token, token)).reduce((sum, c) => sum + c.diff, 0n) +
        (token === 'ETH' ? fee : 0n);
  const cost = report.gas.costWei + fee;
  if (intent.action === 'swap' && intent.token && intent.tokenOut) {
    const received = mine(intent.tokenOut.address);
    const spent = -mine(intent.token.address);
    if (intent.amountOut !== undefined) {
      // least spent wins: score = -(spent + gas and fees valued in tokenIn)
      const costInTokenIn =
        intent.token.address === 'ETH' ? cost : intent.tokenOut.address === 'ETH' && received > 0n ? (cost * spent) / received : (fee > 0n ? ((await ethPrice?.(intent.token, fee)) ?? 0n) : 0n);
      candidate.score = -(spent + costInTokenIn);
      candidate.scoreToken = intent.token.symbol;
      candidate.scoreDecimals = intent.token.decimals;
    } else {
      const costInTokenOut =
        intent.tokenOut.address === 'ETH' ? cost : intent.token.address === 'ETH' && spent > 0n ? (cost * received) / spent : (fee > 0n ? ((await ethPrice?.(intent.tokenOut, fee)) ?? 0n) : 0n);
      candidate.score = received - costInTokenOut;
      candidate.scoreToken = intent.tokenOut.symbol;
      candidate.scoreDecimals = intent.tokenOut.decimals;
    }
    return;
  }
  if (intent.action === 'supply' && intent.token && candidate.rateRay !== undefined) {
    // A year's interest at the rate read now (simple APR: the rate moves, so compounding it would be false
    // precision), less gas and fees valued in the token at Lucid's own market quote.
    const supplied = -mine(intent.token.address);
    const costInToken = intent.token.address === 'ETH' ? cost : ((await ethPrice?.(intent.token, cost)) ?? 0n);
    candidate.score = (supplied > 0n ? (supplied * candidate.rateRay) / RAY : 0n) - costInToken;
    candidate.scoreToken = `${intent.token.symbol} a year at today's rate, net of gas${fee > 0n ? ' and fees' : ''}`;
    candidate.scoreDecimals = intent.token.decimals;
    return;
  }
  candidate.score = -cost;
  candidate.scoreToken = fee > 0n ? 'ETH of gas and fees' : 'ETH of gas';
  candidate.scoreDecimals = 18;
}

/** Lucid's own read of a supply plan's rate; a plan whose rate cannot be read is dropped, with the reason. */
async function readRate(candidate: Candidate & { rateRay?: bigint }, supplyRate: SupplyRate | undefined): Promise<void> {
  const rate = supplyRate && candidate.plan ? await supplyRate(candidate.plan).catch(() => undefined) : undefined;
  if (!rate) {
    candidate.dropped = 'Lucid cannot read a supply rate from chain for the market this plan supplies to, so it cannot compete on yield';
    return;
  }
  candidate.rateRay = rate.rateRay;
  candidate.rate = { text: rate.text, source: rate.source };
}

/** The usage fees a plan declares, wei. */
export function planFee(plan: Pick<Plan, 'fees'> | undefined): bigint {
  return (plan?.fees ?? []).reduce((sum, fee) => sum + fee.amount, 0n);
}

function sameToken(a: Address | 'ETH', b: Address | 'ETH'): boolean {
  return a === 'ETH' || b === 'ETH' ? a === b : a.toLowerCase() === b.toLowerCase();
}

function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.dropped || b.dropped) return a.dropped && b.dropped ? 0 : a.dropped ? 1 : -1;
  if (a.score !== b.score) return (b.score ?? 0n) > (a.score ?? 0n) ? 1 : -1;
  const feeA = a.feeWei ?? 0n;
  const feeB = b.feeWei ?? 0n;
  if (feeA !== feeB) return feeA < feeB ? -1 : 1;
  return (b.usage ?? 0) - (a.usage ?? 0);
}

function explainWin(candidates: Candidate[]): string {
  const [winner, runnerUp] = candidates;
  if (!winner) return '';
  const viable = candidates.filter((c) => !c.dropped);
  if (viable.length === 1) {
    const dropped = candidates.length - 1;
    return dropped > 0 ? `${winner.agentId} is the only agent whose plan simulated and passed the checks (${dropped} dropped)` : `${winner.agentId} is the only agent for this action`;
  }
  if (runnerUp && !runnerUp.dropped && winner.score === runnerUp.score) {
    return `${winner.agentId} ties ${runnerUp.agentId} on outcome and wins on ${winner.feeWei !== runnerUp.feeWei ? 'lower fee' : 'usage'}`;
  }
  const margin = formatUnitsHuman((winner.score ?? 0n) - (runnerUp?.score ?? 0n), winner.scoreDecimals ?? 18);
  const fees = candidates.some((c) => !c.dropped && planFee(c.plan) > 0n);
  const better = winner.scoreToken?.startsWith('ETH of gas')
    ? `${margin} ETH less ${fees ? 'gas and fees' : 'gas'}`
    : `${margin} ${winner.scoreToken} more (net of gas${fees ? ' and fees' : ''})`;
  return `${winner.agentId} gives the best net outcome: ${better} than ${runnerUp?.agentId}`;
}
