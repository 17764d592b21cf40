import { afterEach, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { InfraError } from '../../../kernel/index.js';
import { lockDevnet } from './lockDevnet.js';

const dirs: string[] = [];
const tempLock = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-lock-test-'));
  dirs.push(dir);
  return join(dir, 'lock');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lockDevnet', () => {
  test('default: creates the lock with our pid and release removes it', async () => {
    const lockFile = tempLock();
    const release = await lockDevnet({ lockFile });
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  test('behavior: a lock left by a dead process is taken over', async () => {
    const lockFile = tempLock();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(lockFile, `${dead}\n`);
    const release = await lockDevnet({ lockFile, timeoutMs: 1_000 });
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    release();
  });

  test('behavior: a second caller waits until the first releases', async () => {
    const lockFile = tempLock();
    const release = await lockDevnet({ lockFile });
    const order: string[] = [];
    const second = lockDevnet({ lockFile }).then((r) => {
      order.push('second');
      r();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push('first released');
    release();
    await second;
    expect(order).toEqual(['first released', 'second']);
  });

  test('errors: a lock held by a live process times out with DEVNET_LOCKED', async () => {
    const lockFile = tempLock();
    writeFileSync(lockFile, `${process.pid}\n`);
    const error = await lockDevnet({ lockFile, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    expect((error as InfraError).code).toBe('DEVNET_LOCKED');
  });
});
