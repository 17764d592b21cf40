/**
 * Schema version 40: spend reservations and the per-account lock.
 *
 * - `spends` rows are now written when a run is about to be signed (a reservation), not after it confirmed;
 *   whether one counts follows the run's fate (see spends.ts). `spends_run` finds a run's rows.
 * - `account_locks`: one row per (chain, account) while a process signs and sends from it. Taken inside a
 *   `BEGIN IMMEDIATE` transaction, so two processes cannot both hold it; a holder that died (its pid is gone)
 *   or overstayed `expires_at` loses it. It serialises the daily-limit check with the reservation, and nonce
 *   assignment with broadcast.
 */
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion40(db: Database): void {
  db.exec(`
    CREATE INDEX spends_run ON spends (run_id);

    CREATE TABLE account_locks (
      chain_id INTEGER NOT NULL,
      account TEXT NOT NULL,
      owner TEXT NOT NULL,
      pid INTEGER NOT NULL,
      acquired_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (chain_id, account)
    ) STRICT;
  `);
}
