/**
 * One step of a sequence, resolved and accounted on top of the steps before it — the one implementation shared
 * by a fresh run (`runIntent`) and a signed plan bundle (`signPlanBundle`), so "… then send it to bob" resolves
 * the same way in both: against what the step before produced in its own simulation.
 */
import type { Address } from 'viem';
import type { Intent, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import { resolveIntent } from '../resolve/resolveIntent.js';
import type { Session } from '../session/types.js';
import type { SimulationReport } from '../simulate/types.js';

/** What a step produced for the user in its own simulation (its positive balance changes), for the next step's "it". */
export type StepOutputs = { step: number; outputs: { token: TokenInfo; amount: bigint }[] };

/**
 * Resolves one intent of a sequence against the chain, with `previous` (what the step before produced).
 *
 * @example
 * const resolved = await resolveStep(session, { intent, previous })
 */
export async function resolveStep(session: Session, { intent, previous }: { intent: Intent; previous?: StepOutputs | undefined }): Promise<ResolvedIntent> {
  return resolveIntent({
    intent,
    chainId: session.chainId,
    chainName: session.chainName,
    client: session.publicClient,
    resolveToken: (ref) => session.resolveToken(ref),
    lookupContact: (name) => session.lookupContact(name),
    hasEns: session.hasEns,
    previous,
  });
}

/** What step number `step` produced for `account`: its own positive balance changes. */
export function stepOutputs(step: number, account: Address, balanceChanges: SimulationReport['balanceChanges']): StepOutputs {
  return {
    step,
    outputs: balanceChanges
      .filter((change) => change.address.toLowerCase() === account.toLowerCase() && change.diff > 0n)
      .map((change) => ({ token: { address: change.token, symbol: change.symbol, decimals: change.decimals, verified: change.verified }, amount: change.diff })),
  };
}

/** A step's own balance changes: the simulation of everything up to it, minus everything before it. */
export function stepBalanceChanges(full: SimulationReport, before: SimulationReport | undefined): SimulationReport['balanceChanges'] {
  if (!before) return full.balanceChanges;
  const key = (c: { address: Address; token: Address | 'ETH' }) => `${c.address.toLowerCase()}:${String(c.token).toLowerCase()}`;
  const prior = new Map(before.balanceChanges.map((c) => [key(c), c]));
  // The step starts from where the steps before left each balance.
  const changes = full.balanceChanges.map((c) => {
    const earlier = prior.get(key(c));
    return { ...c, pre: earlier?.post ?? c.pre, diff: c.diff - (earlier?.diff ?? 0n) };
  });
  // A balance the steps before changed and this step changed back is absent from the full report (its net
  // change is zero), yet this step moved it: "swap for USDC, then send it" sends the USDC the swap produced.
  const inFull = new Set(full.balanceChanges.map(key));
  for (const c of before.balanceChanges) if (!inFull.has(key(c))) changes.push({ ...c, pre: c.post, post: c.pre, diff: -c.diff });
  return changes;
}

/**
 * A step's own allowances: each starts where the steps before left it, and one this step leaves as it found it is
 * not its own ("approve 100 DAI for bob, then send 10 USDC": the send leaves no DAI approval standing).
 */
export function stepApprovals(full: SimulationReport, before: SimulationReport | undefined): SimulationReport['approvals'] {
  if (!before) return full.approvals;
  const key = (a: { owner: Address; token: Address; spender: Address }) => `${a.owner}:${a.token}:${a.spender}`.toLowerCase();
  const prior = new Map(before.approvals.map((a) => [key(a), a]));
  const own = full.approvals.flatMap((a) => {
    const earlier = prior.get(key(a));
    if (!earlier) return [a];
    return earlier.post === a.post ? [] : [{ ...a, pre: earlier.post }];
  });
  // An allowance the steps before changed and this step set back is absent from the whole sequence's report.
  const inFull = new Set(full.approvals.map(key));
  for (const a of before.approvals) if (!inFull.has(key(a)) && a.pre !== a.post) own.push({ ...a, pre: a.post, post: a.pre });
  return own;
}

/** One step's own report: its own calls (and their logs), its own balance changes, allowances and position reads. */
export function stepReport(full: SimulationReport, before: SimulationReport | undefined, firstCall: number): SimulationReport {
  return {
    ...full,
    calls: full.calls.filter((call) => call.index >= firstCall),
    balanceChanges: stepBalanceChanges(full, before),
    approvals: stepApprovals(full, before),
    views: stepViews(full.views, before?.views),
  };
}

/** A step's own position reads: each starts from where the steps before left it. */
export function stepViews(full: SimulationReport['views'], before: SimulationReport['views']): SimulationReport['views'] {
  if (!full || !before) return full;
  return full.map((view) => {
    const earlier = before.find((b) => b.to.toLowerCase() === view.to.toLowerCase() && b.data === view.data);
    return earlier ? { ...view, returnData: [earlier.returnData[1], view.returnData[1]] } : view;
  });
}
