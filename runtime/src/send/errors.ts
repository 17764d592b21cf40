/**
 * Errors of the sign-and-send path that carry more than a message: both simulation versions for a changed
 * simulation (so the caller can show them side by side and ask again), and the receipt + decoded reason for
 * a revert after broadcast.
 */
import type { Hash, TransactionReceipt } from 'viem';
import { ChainError, RefusedError } from '../../../kernel/index.js';

/** What `resimulate()` reports: whether the outcome changed, and both versions when it did. */
export type ResimulationResult<report = unknown> = {
  changed: boolean;
  /** The simulation the user approved. */
  before?: report | undefined;
  /** The simulation at the current block. */
  after?: report | undefined;
  /** One line on what changed ("you now receive 2,950.1 USDC instead of 2,985.1"). */
  summary?: string | undefined;
};

/** `RefusedError('SIMULATION_CHANGED')`: the chain moved and the plan's outcome changed; nothing was signed. */
export class SimulationChangedError<report = unknown> extends RefusedError {
  override name = 'SimulationChangedError';
  readonly before: report | undefined;
  readonly after: report | undefined;
  constructor(result: ResimulationResult<report>, blocks: { simulatedAt: bigint; now: bigint }) {
    super('SIMULATION_CHANGED', 'The result changed since you approved it; nothing was signed.', {
      details: [
        `Simulated at block ${blocks.simulatedAt}, the chain is now at block ${blocks.now}.`,
        ...(result.summary ? [result.summary] : []),
      ].join('\n'),
      hints: ['Review the new result and approve again.'],
    });
    this.before = result.before;
    this.after = result.after;
  }
}

/** `ChainError('TX_REVERTED')`: a sent transaction reverted; later calls of the plan were not sent. */
export class TxRevertedError extends ChainError {
  override name = 'TxRevertedError';
  readonly index: number;
  readonly hash: Hash;
  readonly receipt: TransactionReceipt;
  /** The decoded revert reason when the replayed call gave one ("ERC20InsufficientBalance(…)"). */
  readonly reason: string | undefined;
  constructor(parameters: { index: number; total: number; hash: Hash; receipt: TransactionReceipt; reason: string | undefined }) {
    const { index, total, hash, receipt, reason } = parameters;
    const notSent = total - index - 1;
    super('TX_REVERTED', `Transaction ${index + 1} of ${total} reverted on chain${reason ? `: ${reason}` : ''}.`, {
      details: [
        `Hash ${hash}, block ${receipt.blockNumber}, gas used ${receipt.gasUsed}.`,
        notSent > 0 ? `The remaining ${notSent} call(s) were not sent.` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      hints: ['The chain changed between simulation and inclusion; simulate again before retrying.'],
    });
    this.index = index;
    this.hash = hash;
    this.receipt = receipt;
    this.reason = reason;
  }
}
