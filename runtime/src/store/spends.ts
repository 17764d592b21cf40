/**
 * `spends`: value that left the user's account, per token, for policy limits such as "at most 1 ETH per day".
 *
 * Why a ledger and not a query over `txs`: a transaction's ETH `value` is in its request, but a token amount
 * hides in calldata (transfer, swap, approve…); the runtime already knows it from the plan and simulation, so it
 * records one row per (run, token) when it signs. A row counts towards the total unless its run ended
 * `rejected`, `refused`, `failed`, `reverted` or `dropped` — so a pending or unknown outcome counts, erring
 * on the side of the limit. Amounts are base units as decimal strings; the sum is done in bigint.
 */
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

/** `ETH` for the native coin, otherwise the token address (stored lower-case). */
export type SpendToken = 'ETH' | `0x${string}`;

const NOT_SPENT = `('rejected', 'refused', 'failed', 'reverted', 'dropped')`;
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
 * Total of `token` sent by `account` since `since` (ms epoch; default: the last 24 hours).
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
         WHERE s.chain_id = ? AND s.account = ? AND s.token = ? AND s.created_at >= ?
           AND r.status NOT IN ${NOT_SPENT}`,
      )
      .all(parameters.chainId, parameters.account.toLowerCase(), normaliseToken(parameters.token), since),
  ) as { amount: string }[];
  return rows.reduce((total, row) => total + BigInt(row.amount), 0n);
}

function normaliseToken(token: SpendToken): string {
  return token === 'ETH' ? 'ETH' : token.toLowerCase();
}
