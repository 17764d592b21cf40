/**
 * `txs`: every transaction Lucid signs, written *before* it is broadcast. If the process dies after sending,
 * the row (status `signed` or `sent`) is still there, and recovery resolves its fate from the chain by hash
 * instead of sending again (RISK.md: never re-broadcast after an unknown outcome).
 */
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';
import { fromJsonText, toJsonText } from './json.js';
import { rowNotFound } from './runs.js';
import { assertNoSecrets } from './secrets.js';

export const TX_STATUSES = ['signed', 'sent', 'confirmed', 'reverted', 'dropped', 'replaced'] as const;
export type TxStatus = (typeof TX_STATUSES)[number];

/** Exactly what was signed. Amounts may be bigints; they are stored as decimal strings. */
export type SignedTxRequest = {
  to: string | null;
  data: string;
  value: bigint | string;
  nonce: number;
  gas: bigint | string;
  maxFeePerGas: bigint | string;
  maxPriorityFeePerGas: bigint | string;
  chainId: number;
  /** The signer: with `nonce`, how recovery finds what became of the transaction. */
  from?: string | undefined;
  /** The signed raw transaction (public once broadcast): lets a user re-broadcast a dropped one by hand. */
  serialized?: string | undefined;
};

/** As stored: every amount is a decimal string. */
export type StoredTxRequest = {
  to: string | null;
  data: string;
  value: string;
  nonce: number;
  gas: string;
  maxFeePerGas: string;
  maxPriorityFeePerGas: string;
  chainId: number;
  from?: string | undefined;
  serialized?: string | undefined;
};

export type Tx = {
  id: number;
  runId: number;
  idx: number;
  chainId: number;
  hash: string;
  request: StoredTxRequest;
  status: TxStatus;
  blockNumber: bigint | null;
  receipt: unknown;
  createdAt: number;
  updatedAt: number;
};

export type RecordSignedTxParameters = {
  runId: number;
  /** Position of this call in the plan, from 0. */
  idx: number;
  chainId: number;
  /** Stored lower-case. */
  hash: string;
  request: SignedTxRequest;
  now?: number | undefined;
};

/**
 * Records a signed transaction in status `signed`. Call it before broadcasting.
 *
 * @returns the row id.
 */
export function recordSignedTx(db: StoreDb, parameters: RecordSignedTxParameters): number {
  const request: StoredTxRequest = {
    to: parameters.request.to,
    data: parameters.request.data,
    value: parameters.request.value.toString(),
    nonce: parameters.request.nonce,
    gas: parameters.request.gas.toString(),
    maxFeePerGas: parameters.request.maxFeePerGas.toString(),
    maxPriorityFeePerGas: parameters.request.maxPriorityFeePerGas.toString(),
    chainId: parameters.request.chainId,
    ...(parameters.request.from ? { from: parameters.request.from } : {}),
    ...(parameters.request.serialized ? { serialized: parameters.request.serialized } : {}),
  };
  assertNoSecrets(request, 'txs.request_json');
  const now = parameters.now ?? Date.now();
  return withStoreErrors(db.name, () => {
    const info = db
      .prepare(
        `INSERT INTO txs (run_id, idx, chain_id, hash, request_json, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'signed', ?, ?)`,
      )
      .run(parameters.runId, parameters.idx, parameters.chainId, parameters.hash.toLowerCase(), toJsonText(request), now, now);
    return Number(info.lastInsertRowid);
  });
}

export type MarkTxParameters = {
  runId: number;
  idx: number;
  status: TxStatus;
  blockNumber?: bigint | number | undefined;
  /** The receipt (viem's shape is fine; bigints become strings). */
  receipt?: unknown;
  now?: number | undefined;
};

/**
 * Moves a transaction to `status`, with its block and receipt when known.
 *
 * @throws InfraError `DB_ROW_NOT_FOUND` if `(runId, idx)` was never recorded.
 */
export function markTx(db: StoreDb, parameters: MarkTxParameters): void {
  if (parameters.receipt !== undefined) assertNoSecrets(parameters.receipt, 'txs.receipt_json');
  const blockNumber = parameters.blockNumber === undefined ? null : Number(parameters.blockNumber);
  withStoreErrors(db.name, () => {
    const info = db
      .prepare(
        `UPDATE txs SET status = ?, updated_at = ?,
           block_number = COALESCE(?, block_number),
           receipt_json = COALESCE(?, receipt_json)
         WHERE run_id = ? AND idx = ?`,
      )
      .run(
        parameters.status,
        parameters.now ?? Date.now(),
        blockNumber,
        toJsonText(parameters.receipt),
        parameters.runId,
        parameters.idx,
      );
    if (info.changes !== 1) throw rowNotFound('transaction', `${parameters.runId}/${parameters.idx}`);
  });
}

/** Transactions whose outcome is not known yet (`signed` or `sent`), oldest first: the recovery work list. */
export function listPendingTxs(db: StoreDb, parameters: { chainId?: number | undefined } = {}): Tx[] {
  const rows = withStoreErrors(db.name, () =>
    parameters.chainId === undefined
      ? db.prepare(`SELECT * FROM txs WHERE status IN ('signed', 'sent') ORDER BY id`).all()
      : db.prepare(`SELECT * FROM txs WHERE status IN ('signed', 'sent') AND chain_id = ? ORDER BY id`).all(parameters.chainId),
  ) as TxRow[];
  return rows.map(toTx);
}

/** The transactions of one run, in plan order. */
export function listTxs(db: StoreDb, runId: number): Tx[] {
  const rows = withStoreErrors(db.name, () =>
    db.prepare(`SELECT * FROM txs WHERE run_id = ? ORDER BY idx`).all(runId),
  ) as TxRow[];
  return rows.map(toTx);
}

/** The transaction with this hash, if Lucid signed it. */
export function getTxByHash(db: StoreDb, hash: string): Tx | undefined {
  const row = withStoreErrors(db.name, () =>
    db.prepare(`SELECT * FROM txs WHERE hash = ? ORDER BY id DESC LIMIT 1`).get(hash.toLowerCase()),
  ) as TxRow | undefined;
  return row ? toTx(row) : undefined;
}

type TxRow = {
  id: number;
  run_id: number;
  idx: number;
  chain_id: number;
  hash: string;
  request_json: string;
  status: TxStatus;
  block_number: number | null;
  receipt_json: string | null;
  created_at: number;
  updated_at: number;
};

function toTx(row: TxRow): Tx {
  return {
    id: row.id,
    runId: row.run_id,
    idx: row.idx,
    chainId: row.chain_id,
    hash: row.hash,
    request: fromJsonText(row.request_json) as StoredTxRequest,
    status: row.status,
    blockNumber: row.block_number === null ? null : BigInt(row.block_number),
    receipt: fromJsonText(row.receipt_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
