/**
 * The per-account signing lock, across processes: while one run reserves its spends, assigns nonces and
 * broadcasts, no other run (in this process or another sharing the database) can do the same for the
 * account. Without it two runs started together both passed a daily limit, and signed byte-identical
 * transactions with the same nonce.
 */
import { randomUUID } from 'node:crypto';
import { InfraError } from '../../../kernel/index.js';
import type { StoreDb } from '../store/db.js';
import { tryLockAccount, unlockAccount } from '../store/accountLocks.js';

export type LockAccountParameters = {
  chainId: number;
  account: string;
  /** How long to wait for another run to finish. Default 10 minutes. */
  waitMs?: number | undefined;
  /** How long the lock holds if never given back (a hung process). Default 30 minutes. */
  leaseMs?: number | undefined;
  /** Called once when the lock is busy, before waiting. */
  onWait?: (() => void) | undefined;
};

/**
 * Waits for and takes the lock.
 *
 * @returns a function that gives it back (idempotent).
 * @throws InfraError `ACCOUNT_BUSY` when another run holds it longer than `waitMs`.
 * @example
 * const unlock = await lockAccount(store.db, { chainId, account })
 * try { …reserve, sign, send… } finally { unlock() }
 */
export async function lockAccount(db: StoreDb, parameters: LockAccountParameters): Promise<() => void> {
  const owner = randomUUID();
  const deadline = Date.now() + (parameters.waitMs ?? 10 * 60_000);
  let waited = false;
  for (;;) {
    const result = tryLockAccount(db, {
      chainId: parameters.chainId,
      account: parameters.account,
      owner,
      pid: process.pid,
      leaseMs: parameters.leaseMs ?? 30 * 60_000,
      isAlive,
    });
    if (result.acquired) {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        unlockAccount(db, { chainId: parameters.chainId, account: parameters.account, owner });
      };
    }
    if (Date.now() > deadline)
      throw new InfraError('ACCOUNT_BUSY', `Another Lucid run (process ${result.holder.pid}) is still sending from ${parameters.account}; nothing was signed.`, {
        hints: ['Wait for it to finish (`lucid history` shows it), then try again.'],
      });
    if (!waited) parameters.onWait?.();
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
