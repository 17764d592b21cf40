/**
 * An O_EXCL lock file holding the owner's pid, so two concurrent `lucid` invocations never start two
 * devnets for the same home. A lock whose pid is dead is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InfraError } from '../../../kernel/index.js';
import { isProcessAlive, sleep } from './processes.js';

export type LockDevnetParameters = {
  lockFile: string;
  /** How long to wait for another invocation to finish. Default 120 s (a first bootstrap takes a few seconds). */
  timeoutMs?: number | undefined;
};

/** Acquires the lock, waiting while a live process holds it; returns the release function. */
export async function lockDevnet({ lockFile, timeoutMs = 120_000 }: LockDevnetParameters): Promise<() => void> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new InfraError('DEVNET_LOCK_FAILED', `Cannot create the devnet lock file ${lockFile}.`, { cause: error });
      }
    }
    const holder = readHolder(lockFile);
    // An empty file is a lock being written right now; give its writer a moment.
    if (holder === undefined ? isOlderThan(lockFile, 5_000) : !isProcessAlive(holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new InfraError('DEVNET_LOCKED', 'Another lucid invocation is starting or stopping the devnet.', {
        details: `Lock file ${lockFile} is held by pid ${holder ?? 'unknown'}.`,
        hints: ['Wait for it to finish, or delete the lock file if no lucid process is running.'],
      });
    }
    await sleep(100);
  }
}

function readHolder(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isOlderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}
