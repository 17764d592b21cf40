/**
 * The fees a plan is simulated, shown and signed with, and the recent market they are judged against.
 *
 * The node's priority-fee suggestion (eth_maxPriorityFeePerGas) is one answer of a possibly hostile RPC, so
 * it is kept next to the market it should agree with: the median priority fee paid in the last blocks
 * (eth_feeHistory, 50th percentile) and the next block's base fee. The fee cap is ours: twice the next base
 * fee plus the priority fee, which covers six full blocks of base-fee rises. Nothing is cached: every run
 * reads afresh, so a poisoned suggestion cannot outlive the run that saw it.
 */
import type { PublicClient } from 'viem';
import { InfraError } from '../../../kernel/index.js';

export type FeeQuote = {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** What the last blocks paid: the next block's base fee and the median priority fee. */
  market: { baseFee: bigint; priorityFee: bigint };
};

/** Blocks of history the market is read from. */
const historyBlocks = 20;
/** A priority fee at or above this many times the market (and 10 gwei) is a danger (RISK.md: "fee ≥ 10× current"). */
export const feeDangerMultiple = 10n;
/** The floor of "the market" for the danger rule: an idle chain's median tip of 0 makes any tip look huge. */
export const feeDangerFloorWei = 1_000_000_000n;

export async function readFees(client: PublicClient): Promise<FeeQuote> {
  try {
    const [suggested, history] = await Promise.all([
      client.estimateMaxPriorityFeePerGas(),
      client.getFeeHistory({ blockCount: historyBlocks, rewardPercentiles: [50], blockTag: 'latest' }),
    ]);
    const baseFee = history.baseFeePerGas.at(-1) ?? 0n;
    const tips = (history.reward ?? []).map((row) => row[0] ?? 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const priorityFee = tips.length ? tips[Math.floor(tips.length / 2)]! : 0n;
    return { maxFeePerGas: 2n * baseFee + suggested, maxPriorityFeePerGas: suggested, market: { baseFee, priorityFee } };
  } catch (error) {
    throw new InfraError('FEES_UNAVAILABLE', 'Could not read current gas fees from the node.', { cause: error });
  }
}

/** true when the priority fee is far above what the recent blocks paid (the RPC's suggestion may be poisoned). */
export function isFeeAboveMarket(fees: Pick<FeeQuote, 'maxPriorityFeePerGas' | 'market'>): boolean {
  const floor = fees.market.priorityFee > feeDangerFloorWei ? fees.market.priorityFee : feeDangerFloorWei;
  return fees.maxPriorityFeePerGas >= floor * feeDangerMultiple;
}
