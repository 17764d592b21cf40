/**
 * `spends`: value leaving the user's account, per token, for policy limits such as "at most 1 ETH per day".
 *
 * Rows are written BEFORE signing, as a reservation (`reserveSpends`), inside one `BEGIN IMMEDIATE`
 * transaction that also reads what is already counted and lets the caller refuse: two processes cannot both
 * pass a limit. The amounts are gross outflows (what the calls send, what the simulation shows leaving,
 * whatever is larger), never net of what comes back.
 *
 * A reservation counts until the run's fate says nothing left: it stops counting only when the run ended
 * `rejected`, `refused`, `failed`, `reverted`, `dropped` or `replaced` AND none of its transactions is
 * signed, sent or confirmed. So a receipt timeout, a crash after sending, or a run whose first transaction
 * confirmed before a later one reverted all keep counting; a run refused before signing does not.
 * Amounts are base units as decimal strings; the sum is done in bigint.
 */
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

/** `ETH` for the native coin, otherwise the token address (stored lower-case). */
export type SpendToken = 'ETH' | `0x${string}`;

const NOT_SPENT = `('rejected', 'refused', 'failed', 'reverted', 'dropped', 'replaced')`;
const MAYBE_SENT = `('signed', 'sent', 'confirmed')`;
const COUNTED = `(r.status NOT IN ${NOT_SPENT} OR EXISTS (SELECT 1 FROM txs t WHERE t.run_id = s.run_id AND t.status IN ${MAYBE_SENT}))`;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Records `amount` (base units) of `token` leaving `account` as part of run `runId`. */
export function recordSpend(
  db: StoreDb,
  parameters: { runId: number; chainId: number; account: string; token: SpendToken; amount: bigint; now?: number | undefined },
): void {
  if (parameters.amount < 0n) throw new RangeError('recordSpend: amount must not be negative');
  withStoreErrors(db.name, () => {
    db.prepare(
      `INSERT INTO spends (run_id, chain_id, account, token, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      parameters.runId,
      parameters.chainId,
      parameters.account.toLowerCase(),
      normaliseToken(parameters.token),
      parameters.amount.toString(),
      parameters.now ?? Date.now(),
    );
  });
}

/**
 * Total of `token` counted for `account` since `since` (ms epoch; default: the last 24 hours).
 *
 * @example
 * const spent = sumSpentSince(db, { chainId: 31337, account, token: 'ETH' }) // bigint wei
 */
export function sumSpentSince(
  db: StoreDb,
  parameters: { chainId: number; account: string; token: SpendToken; since?: number | undefined; now?: number | undefined },
): bigint {
  const since = parameters.since ?? (parameters.now ?? Date.now()) - DAY_MS;
  const rows = withStoreErrors(db.name, () =>
    db
      .prepare(
        `SELECT s.amount FROM spends s JOIN runs r ON r.id = s.run_id
         WHERE s.chain_id = ? AND s.account = ? AND s.token = ? AND s.created_at >= ? AND ${COUNTED}`,
      )
      .all(parameters.chainId, parameters.account.toLowerCase(), normaliseToken(parameters.token), since),
  ) as { amount: string }[];
  return rows.reduce((total, row) => total + BigInt(row.amount), 0n);
}

export type ReserveSpendsParameters = {
  runId: number;
  chainId: number;
  account: string;
  /**
   * Called inside the transaction with what is counted today per token; returns what to reserve, or throws
   * to refuse (nothing is written then). Must be synchronous: the write lock is held while it runs.
   */
  decide: (spentToday: (token: SpendToken) => bigint) => { token: SpendToken; amount: bigint }[];
  now?: number | undefined;
};

/**
 * Reads today's counted spends, lets `decide` check them against the limits, and writes the reservation,
 * as one `BEGIN IMMEDIATE` transaction: no other process can reserve between the check and the write.
 *
 * @returns what was reserved.
 */
export function reserveSpends(db: StoreDb, parameters: ReserveSpendsParameters): { token: SpendToken; amount: bigint }[] {
  const now = parameters.now ?? Date.now();
  const reserve = db.transaction(() => {
    const spentToday = (token: SpendToken) => sumSpentSince(db, { chainId: parameters.chainId, account: parameters.account, token, now });
    const amounts = parameters.decide(spentToday).filter((entry) => entry.amount > 0n);
    for (const entry of amounts)
      recordSpend(db, { runId: parameters.runId, chainId: parameters.chainId, account: parameters.account, token: entry.token, amount: entry.amount, now });
    return amounts;
  });
  return withStoreErrors(db.name, () => reserve.immediate());
}

function normaliseToken(token: SpendToken): string {
  return token === 'ETH' ? 'ETH' : token.toLowerCase();
}
