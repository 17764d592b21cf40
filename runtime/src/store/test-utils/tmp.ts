/** Temp directories for store and config tests: real files, removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../db.js';

/** Returns a function that makes a fresh temp dir; all are removed (and stores closed) after each test. */
export function useTempDirs(): { dir: (prefix?: string) => string; store: (target?: string) => Store } {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dir = (prefix = 'lucid-store-'): string => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(path);
    return path;
  };
  return {
    dir,
    store: (target?: string) => {
      const store = openStore(target ?? dir());
      stores.push(store);
      return store;
    },
  };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export function thrown(fn: () => unknown): Error & { code?: string; shortMessage?: string; hints?: string[] } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to throw');
}
