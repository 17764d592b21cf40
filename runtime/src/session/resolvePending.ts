/**
 * Crash recovery. A transaction is recorded as `signed` before it is broadcast; if the process died
 * before its receipt, the next session asks the chain what became of it and completes the record.
 * It never re-broadcasts: resending after an unknown outcome is how intents get executed twice.
 */
import type { Hash, PublicClient } from 'viem';
import type { Store } from '../store/db.js';
import { listPendingTxs, markTx } from '../store/txs.js';
import { getRun, updateRun } from '../store/runs.js';

export type ResolvePendingRunsParameters = {
  store: Store;
  client: PublicClient;
  chainId: number;
  onProgress?: ((message: string) => void) | undefined;
};

export async function resolvePendingRuns({ store, client, chainId }: ResolvePendingRunsParameters): Promise<{ resolved: number; stillPending: number }> {
  const pending = listPendingTxs(store.db, { chainId });
  if (pending.length === 0) return { resolved: 0, stillPending: 0 };
  const { resolvePendingTx } = await import('../send/resolvePendingTx.js');
  let resolved = 0;
  let stillPending = 0;
  const touchedRuns = new Set<number>();
  for (const tx of pending) {
    const request = tx.request as { from?: `0x${string}`; nonce?: number };
    if (!request.from || request.nonce === undefined) continue;
    const outcome = await resolvePendingTx({ publicClient: client, hash: tx.hash as Hash, request: { from: request.from, nonce: request.nonce } });
    if (outcome.status === 'pending') {
      stillPending++;
      continue;
    }
    markTx(store.db, { runId: tx.runId, idx: tx.idx, status: outcome.status, blockNumber: outcome.receipt?.blockNumber, receipt: outcome.receipt });
    touchedRuns.add(tx.runId);
    resolved++;
  }
  // A run is as good as its worst transaction; it is final once none of its transactions is pending.
  for (const runId of touchedRuns) {
    const left = listPendingTxs(store.db, { chainId }).filter((tx) => tx.runId === runId);
    if (left.length) continue;
    const { listTxs } = await import('../store/txs.js');
    const statuses = listTxs(store.db, runId).map((tx) => tx.status);
    const status = statuses.find((s) => s === 'reverted' || s === 'dropped' || s === 'replaced') ?? 'confirmed';
    if (getRun(store.db, runId)) updateRun(store.db, runId, { status, ...(status !== 'confirmed' ? { errorCode: `TX_${status.toUpperCase()}`, errorMessage: `resolved after restart: ${status}` } : {}) });
  }
  return { resolved, stillPending };
}
