/**
 * What changed between the simulation a bundle recorded and the one made again before signing, and whether
 * it stayed within the bounds under which `--yes` may still sign without asking:
 *
 * - every address and token that changed then changes now, and nothing else does;
 * - the account's outflows did not grow, and every other change kept its sign and moved by at most 1%;
 * - every allowance ends where it ended before.
 *
 * Gas is reported but not bounded (the review shows it; the signer never pays above the fee it shows).
 */
import { formatUnitsHuman } from '../../../kernel/index.js';
import type { SimulationReport } from '../simulate/types.js';
import type { PlanBundle } from './planBundle.js';

export type PlanSimulationChanges = {
  /** One line per difference, both sides shown. Empty when nothing changed. */
  changes: string[];
  /** The differences in effects (balances, allowances), gas left out: a machine caller refuses on any. */
  effects: string[];
  /** Whether any difference is beyond the bounds above (then a person must confirm). */
  beyondBounds: boolean;
  /** The block the bundle was simulated at, and the one it was simulated at again. */
  blocks: { before: string; after: string };
};

const boundBps = 100n;

export function comparePlanSimulations(before: PlanBundle['simulation'], after: SimulationReport, account: string): PlanSimulationChanges {
  const changes: string[] = [];
  let beyondBounds = false;
  const key = (address: string, token: string) => `${address.toLowerCase()}:${token.toLowerCase()}`;
  const who = (address: string) => (address.toLowerCase() === account.toLowerCase() ? 'you' : address);
  const old = new Map(before.balanceChanges.map((c) => [key(c.address, c.token), c]));
  for (const now of after.balanceChanges) {
    const was = old.get(key(now.address, now.token));
    old.delete(key(now.address, now.token));
    const previous = was ? BigInt(was.diff) : 0n;
    if (previous === now.diff) continue;
    const show = (value: bigint) => `${value > 0n ? '+' : ''}${formatUnitsHuman(value, now.decimals)} ${now.symbol}`;
    changes.push(`${who(now.address)}: ${was ? show(previous) : 'no change'} → ${show(now.diff)}`);
    const mine = now.address.toLowerCase() === account.toLowerCase();
    const sameSign = previous !== 0n && previous > 0n === now.diff > 0n;
    const moved = abs(now.diff - previous) * 10_000n;
    if (!was || !sameSign || moved > abs(previous) * boundBps || (mine && now.diff < previous && now.diff < 0n)) beyondBounds = true;
  }
  for (const was of old.values()) {
    changes.push(`${who(was.address)}: ${formatUnitsHuman(BigInt(was.diff), was.decimals)} ${was.symbol} → no change`);
    beyondBounds = true;
  }
  const approvalKey = (a: { token: string; owner: string; spender: string }) => `${a.token}:${a.owner}:${a.spender}`.toLowerCase();
  const oldApprovals = new Map(before.approvals.map((a) => [approvalKey(a), a]));
  for (const now of after.approvals) {
    const was = oldApprovals.get(approvalKey(now));
    oldApprovals.delete(approvalKey(now));
    if (was && BigInt(was.post) === now.post) continue;
    changes.push(`allowance of ${now.symbol} for ${now.spender}: ${was ? formatUnitsHuman(BigInt(was.post), was.decimals) : 'untouched'} → ${formatUnitsHuman(now.post, now.decimals)}`);
    beyondBounds = true;
  }
  for (const was of oldApprovals.values()) {
    changes.push(`allowance of ${was.symbol} for ${was.spender}: ${formatUnitsHuman(BigInt(was.post), was.decimals)} → untouched`);
    beyondBounds = true;
  }
  const effects = [...changes];
  const gasBefore = (before as { gas?: { costWei?: string } }).gas?.costWei;
  if (gasBefore !== undefined && BigInt(gasBefore) !== after.gas.costWei)
    changes.push(`gas cost: ${formatUnitsHuman(BigInt(gasBefore), 18)} ETH → ${formatUnitsHuman(after.gas.costWei, 18)} ETH`);
  return { changes, effects, beyondBounds, blocks: { before: before.blockNumber, after: after.blockNumber.toString() } };
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
