/**
 * After inclusion, the user's positions compared with the simulation (issue 13, guarantee 4, "positions too"):
 * the same view calls the simulation read are read again on the chain, before the first transaction's block
 * and after the last, and each position's real change is held to the simulated one:
 *
 * - amounts that accrue by the second (capital-pool rewards) may differ, either way, by what the pool's whole
 *   stream pays in the seconds between the simulated block time and the real one (plus one block);
 * - the lock end may move by those seconds, and the lock multiplier by what they are worth (a lock that
 *   started a few seconds later ends a few seconds later);
 * - an entry's claimable rewards and fees may come out higher, never lower;
 * - the stake, and every setting of an owned entry (owner, fee, active, approved), exactly.
 */
import { numberToHex, type Address, type Hex, type PublicClient } from 'viem';
import { formatUnitsHuman } from '../../../kernel/index.js';
import { CapitalPool } from '../../../registry-contracts/index.js';
import type { SimulationReport } from '../simulate/types.js';
import { decodePositions, describePositionValue, samePositionValue, type Position, type PositionRead } from './decodePositions.js';

export type ComparePositionOutcomeParameters = {
  simulation: Pick<SimulationReport, 'views' | 'blocks' | 'blockNumber'>;
  contracts: Record<string, Address>;
  /** The state before: the first receipt's block − 1. */
  fromBlock: bigint;
  /** The state after: the last receipt's block. */
  toBlock: bigint;
};

/** Seconds a multiplier of a lock loses per second, in bps: 2x over 730 days. */
const multiplierBpsPerSecond = { numerator: 20_000n, denominator: 730n * 86_400n };

/**
 * @returns One line per position whose real change lies beyond its bound; empty when the chain did what was shown.
 * @example
 * const lines = await comparePositionOutcome(client, { simulation: review.simulation, contracts, fromBlock, toBlock })
 */
export async function comparePositionOutcome(client: PublicClient, { simulation, contracts, fromBlock, toBlock }: ComparePositionOutcomeParameters): Promise<string[]> {
  const views = simulation.views ?? [];
  if (views.length === 0) return [];
  const read = (view: PositionRead, blockNumber: bigint) =>
    (client.request({ method: 'eth_call', params: [{ to: view.to, data: view.data }, numberToHex(blockNumber)] } as never) as Promise<Hex>).catch(() => null);
  const actualReads: PositionRead[] = await Promise.all(
    views.map(async (view) => ({ to: view.to, data: view.data, returnData: [await read(view, fromBlock), await read(view, toBlock)] as [Hex | null, Hex | null] })),
  );
  const simulated = decodePositions(views, contracts);
  const actual = new Map(decodePositions(actualReads, contracts).map((position) => [position.key, position]));

  // How far apart the simulated and the real block times are, in seconds, and what the rewards stream pays meanwhile.
  const simulatedTime = simulation.blocks?.at(-1)?.time ?? (await client.getBlock({ blockNumber: simulation.blockNumber })).timestamp;
  const included = (await client.getBlock({ blockNumber: toBlock })).timestamp;
  const seconds = (included > simulatedTime ? included - simulatedTime : simulatedTime - included) + 12n;
  const rate = contracts.capitalPool
    ? await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'rewardRate', blockNumber: toBlock }).catch(() => 0n)
    : 0n;

  const lines: string[] = [];
  for (const sim of simulated) {
    const real = actual.get(sim.key);
    if (!real) continue;
    const line = judge(sim, real, { seconds, rewardsUpTo: (rate * seconds) / 10n ** 18n + 1n });
    if (line) lines.push(line);
  }
  return lines;
}

function judge(sim: Position, real: Position, bounds: { seconds: bigint; rewardsUpTo: bigint }): string | undefined {
  const numeric = [sim.pre, sim.post, real.pre, real.post].every((value) => typeof value === 'bigint');
  const show = (value: Position['pre']) => describePositionValue(sim, value, formatUnitsHuman);
  if (!numeric) {
    const simChanged = !samePositionValue(sim.pre, sim.post);
    const realChanged = !samePositionValue(real.pre, real.post);
    if (!simChanged && !realChanged) return undefined;
    if (samePositionValue(sim.post, real.post)) return undefined;
    return `${sim.label}: simulated ${show(sim.post)}, real ${show(real.post)}`;
  }
  const simulatedDiff = (sim.post as bigint) - (sim.pre as bigint);
  const actualDiff = (real.post as bigint) - (real.pre as bigint);
  const gap = actualDiff - simulatedDiff;
  if (gap === 0n) return undefined;
  const shortfall = -gap;
  const magnitude = gap < 0n ? -gap : gap;
  switch (sim.kind) {
    case 'rewards':
      // Either way: a claim mined later pays (and so takes from the position) what accrued meanwhile.
      if (magnitude <= bounds.rewardsUpTo) return undefined;
      break;
    case 'entry-rewards':
    case 'entry-fees':
      if (shortfall <= 0n) return undefined;
      break;
    case 'lock-end':
      if (magnitude <= bounds.seconds) return undefined;
      break;
    case 'multiplier':
      if (magnitude <= 1n + (bounds.seconds * multiplierBpsPerSecond.numerator) / multiplierBpsPerSecond.denominator) return undefined;
      break;
    default:
      break;
  }
  const unit = (value: bigint) => (sim.unit ? `${formatUnitsHuman(value, sim.unit.decimals)} ${sim.unit.symbol}` : value.toString());
  return `${sim.label}: simulated change ${unit(simulatedDiff)}, real ${unit(actualDiff)}`;
}
