/**
 * `account_locks`: who is signing from an account right now. One row per (chain, account), taken and
 * given back in `BEGIN IMMEDIATE` transactions so that it works across processes sharing one database.
 * A holder whose process is gone (`isAlive(pid)` false) or whose lease expired loses the lock.
 */
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

export type AccountLockHolder = { owner: string; pid: number; acquiredAt: number; expiresAt: number };

export type TryLockAccountParameters = {
  chainId: number;
  account: string;
  /** Unique per acquisition (two runs in one process are two owners). */
  owner: string;
  pid: number;
  /** How long the lock holds without being given back. */
  leaseMs: number;
  /** Whether a holder's process still runs. */
  isAlive: (pid: number) => boolean;
  now?: number | undefined;
};

/**
 * Takes the lock if it is free, stale, or already ours.
 *
 * @returns `{ acquired: true }`, or the live holder.
 */
export function tryLockAccount(db: StoreDb, parameters: TryLockAccountParameters): { acquired: true } | { acquired: false; holder: AccountLockHolder } {
  const now = parameters.now ?? Date.now();
  const account = parameters.account.toLowerCase();
  const take = db.transaction(() => {
    const row = db
      .prepare(`SELECT owner, pid, acquired_at, expires_at FROM account_locks WHERE chain_id = ? AND account = ?`)
      .get(parameters.chainId, account) as { owner: string; pid: number; acquired_at: number; expires_at: number } | undefined;
    if (row && row.owner !== parameters.owner && row.expires_at > now && parameters.isAlive(row.pid))
      return { acquired: false as const, holder: { owner: row.owner, pid: row.pid, acquiredAt: row.acquired_at, expiresAt: row.expires_at } };
    db.prepare(
      `INSERT INTO account_locks (chain_id, account, owner, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (chain_id, account) DO UPDATE SET owner = excluded.owner, pid = excluded.pid,
         acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
    ).run(parameters.chainId, account, parameters.owner, parameters.pid, now, now + parameters.leaseMs);
    return { acquired: true as const };
  });
  return withStoreErrors(db.name, () => take.immediate());
}

/** Gives the lock back if `owner` still holds it. */
export function unlockAccount(db: StoreDb, parameters: { chainId: number; account: string; owner: string }): void {
  withStoreErrors(db.name, () => {
    db.prepare(`DELETE FROM account_locks WHERE chain_id = ? AND account = ? AND owner = ?`).run(
      parameters.chainId,
      parameters.account.toLowerCase(),
      parameters.owner,
    );
  });
}
