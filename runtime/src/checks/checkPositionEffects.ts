/**
 * Positions read before and after, explained like balances (issue 13, guarantee 1). The simulation reads the
 * user's positions in the deployment's own contracts by view calls on the same state it simulates on
 * ({@link listPositionViews}); every change is explained by the user's words or is an `UNEXPLAINED_EFFECT`
 * naming it, whatever the sequence's events say:
 *
 * | position | explained when |
 * |---|---|
 * | capital pool stake up | a stake intent, by at most what it stakes |
 * | capital pool stake down | an unstake intent, by at most what it unstakes, and the stake token reaches the user |
 * | lock end, multiplier | a stake intent (an unstake also resets the multiplier to 1x) |
 * | rewards earned down | a claim (or unstake) intent, and at least as much reward token reaches the user |
 * | rewards earned up | always: rewards accrue by the second |
 * | an owned entry's owner, fee, active flag, approved address | never (no intent changes an entry) |
 * | an owned entry's claimable rewards or fees down | never (no intent withdraws them) |
 */
import { isAddressEqual, type Address } from 'viem';
import { formatUnitsHuman, type ResolvedIntent } from '../../../kernel/index.js';
import type { SimulationReport } from '../simulate/types.js';
import { userDiff } from './checkAgentPromises.js';
import { describeResolvedIntent, type UnexplainedEffect } from './checkIntentEffects.js';
import { decodePositions, describePositionValue, samePositionValue, type Position } from './decodePositions.js';

export type CheckPositionEffectsParameters = {
  report: SimulationReport;
  intents: readonly ResolvedIntent[];
  account: Address;
  /** The deployment's protocol contracts by name. */
  contracts: Record<string, Address>;
};

/**
 * @returns One {@link UnexplainedEffect} per position the plan changes and the words do not explain; empty when
 *   every position is unchanged or explained (or the report read none).
 * @example
 * const unexplained = checkPositionEffects({ report, intents, account, contracts: session.contracts })
 */
export function checkPositionEffects({ report, intents, account, contracts }: CheckPositionEffectsParameters): UnexplainedEffect[] {
  const reward = contracts.rewardToken;
  const symbolOf = (token: Address | undefined) => (token ? report.tokens.find((t) => t.address !== 'ETH' && isAddressEqual(t.address, token))?.symbol : undefined);
  const staking = intents.filter((intent) => intent.action === 'stake');
  const unstaking = intents.filter((intent) => intent.action === 'unstake');
  const claiming = intents.filter((intent) => intent.action === 'claim' || intent.action === 'unstake');
  const positions = decodePositions(report.views ?? [], contracts, { stake: staking[0]?.token?.symbol ?? unstaking[0]?.token?.symbol, reward: symbolOf(reward) });
  const said = intents.map(describeResolvedIntent).join(', then ') || 'your words';
  const out: UnexplainedEffect[] = [];

  for (const position of positions) {
    // An entry the index thinks is the user's but was not theirs before the plan is not their position.
    if (position.entry && position.kind !== 'entry-owner') {
      const owner = positions.find((p) => p.kind === 'entry-owner' && p.entry && p.entry.entryId === position.entry!.entryId && isAddressEqual(p.entry.registry, position.entry!.registry));
      if (!owner || typeof owner.pre !== 'string' || !isAddressEqual(owner.pre, account)) continue;
    }
    if (position.kind === 'entry-owner' && (typeof position.pre !== 'string' || !isAddressEqual(position.pre, account))) continue;
    if (samePositionValue(position.pre, position.post)) continue;
    const up = typeof position.pre === 'bigint' && typeof position.post === 'bigint' && position.post > position.pre;
    const delta = typeof position.pre === 'bigint' && typeof position.post === 'bigint' ? (up ? position.post - position.pre : position.pre - position.post) : 0n;
    let allowed: string | undefined;
    switch (position.kind) {
      case 'stake':
        if (up) allowed = staking.length && withinAmounts(staking, delta) ? undefined : `"${said}" stakes ${staking.length ? `at most ${amountsOf(staking)}` : 'nothing'}`;
        else {
          const token = unstaking[0]?.token;
          const paid = token ? userDiff(report, account, token.address) : 0n;
          allowed = unstaking.length && withinAmounts(unstaking, delta) && paid > 0n ? undefined : `"${said}" ${unstaking.length ? `withdraws at most ${amountsOf(unstaking)} of your stake, to you` : 'does not withdraw your stake'}`;
        }
        break;
      case 'lock-end':
        allowed = staking.length && up ? undefined : `"${said}" does not change the lock of your stake`;
        break;
      case 'multiplier':
        allowed = staking.length || unstaking.length ? undefined : `"${said}" does not change the lock of your stake`;
        break;
      case 'rewards':
        if (up) break;
        allowed = claiming.length && reward && userDiff(report, account, reward) >= delta ? undefined : `"${said}" ${claiming.length ? 'pays your rewards to you' : 'does not claim your rewards'}`;
        break;
      case 'entry-rewards':
      case 'entry-fees':
        if (up) break;
        allowed = `"${said}" does not pay out your entry's earnings`;
        break;
      default:
        allowed = `"${said}" changes none of your registry entries`;
    }
    if (allowed === undefined) continue;
    const shows = `${position.label} goes from ${show(position, position.pre)} to ${show(position, position.post)}`;
    out.push({
      kind: position.entry ? 'entry-changed' : 'position-changed',
      token: position.contract,
      symbol: position.unit?.symbol ?? position.kind,
      intentSays: allowed,
      simulationShows: shows,
      message: `You asked: ${allowed}. The simulation: ${shows}.`,
    });
  }
  return out;
}

function show(position: Position, value: Position['pre']): string {
  return describePositionValue(position, value, formatUnitsHuman);
}

// "all" has no upper bound; a percentage is bounded by the position, which the contract enforces anyway.
function withinAmounts(intents: readonly ResolvedIntent[], delta: bigint): boolean {
  let total = 0n;
  for (const intent of intents) {
    if (intent.amount?.kind !== 'exact') return true;
    total += intent.amount.value;
  }
  return delta <= total;
}

function amountsOf(intents: readonly ResolvedIntent[]): string {
  return intents.map((intent) => (intent.amount?.kind === 'exact' ? `${formatUnitsHuman(intent.amount.value, intent.token?.decimals ?? 18)} ${intent.token?.symbol ?? ''}`.trim() : describeResolvedIntent(intent))).join(' + ');
}
