import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestClient, createWalletClient, http, parseEther, type Address } from 'viem';
import { createClients, DEVNET_ACCOUNT_ADDRESS, devnetChain, MULTICALL3_ADDRESS } from '../chain/clients.js';
import { findLucidError } from '../../../kernel/index.js';
import { devnetStatus } from './devnetStatus.js';
import { devnetPaths } from './paths.js';
import { readProcessFile } from './processFile.js';
import { isProcessAlive, waitForExit } from './processes.js';
import { resetDevnet } from './resetDevnet.js';
import { saveDevnetState } from './saveDevnetState.js';
import { startDevnet } from './startDevnet.js';
import { stopDevnet } from './stopDevnet.js';
import { ensureCachedWorld } from './testing.js';

const RECIPIENT: Address = '0x000000000000000000000000000000000000bEEF';
const homes: string[] = [];

/** A temp home holding the cached bootstrapped world (as if `lucid` had bootstrapped it earlier). */
async function homeWithWorld(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'lucid-start-test-'));
  homes.push(home);
  const cache = await ensureCachedWorld();
  const paths = devnetPaths(home);
  mkdirSync(paths.dir, { recursive: true });
  copyFileSync(join(cache, 'state.json'), paths.stateFile);
  copyFileSync(join(cache, 'deployment.json'), paths.deploymentFile);
  return home;
}

async function send(rpcUrl: string, value: bigint): Promise<void> {
  const wallet = createWalletClient({ account: DEVNET_ACCOUNT_ADDRESS, chain: devnetChain, transport: http(rpcUrl) });
  const { publicClient } = createClients({ rpcUrl });
  const hash = await wallet.sendTransaction({ to: RECIPIENT, value });
  await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
}

async function balanceOfRecipient(rpcUrl: string): Promise<bigint> {
  const { publicClient } = createClients({ rpcUrl });
  return publicClient.getBalance({ address: RECIPIENT });
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const lucid = findLucidError(error);
    return { code: lucid?.code ?? 'NOT_A_LUCID_ERROR', message: lucid?.shortMessage ?? String(error) };
  }
  throw new Error('expected the promise to reject');
}

afterEach(async () => {
  for (const home of homes.splice(0)) {
    await stopDevnet({ home, timeoutMs: 5_000 }).catch(() => {});
    rmSync(home, { recursive: true, force: true });
  }
});
afterAll(async () => {
  for (const home of homes) await stopDevnet({ home }).catch(() => {});
});

describe('startDevnet', () => {
  test('default: a fresh home is bootstrapped and its deployment written', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lucid-start-test-'));
    homes.push(home);
    const progress: string[] = [];
    const started = await startDevnet({ home, onProgress: (message) => progress.push(message) });
    expect(started).toMatchObject({ reused: false, restored: false });
    expect(progress).toContain('deploying Uniswap V2…');
    const paths = devnetPaths(home);
    expect(JSON.parse(readFileSync(paths.deploymentFile, 'utf8'))).toEqual(started.deployment);
    expect(existsSync(paths.stateFile)).toBe(true);
    expect(readProcessFile(paths.processFile)).toMatchObject({ pid: started.pid, rpcUrl: started.rpcUrl });
  });

  test('behavior: a second start reuses the running devnet (same pid)', async () => {
    const home = await homeWithWorld();
    const first = await startDevnet({ home });
    const second = await startDevnet({ home });
    expect(second).toMatchObject({ reused: true, pid: first.pid, rpcUrl: first.rpcUrl });
  });

  test('behavior: concurrent starts on one home share one devnet', async () => {
    const home = await homeWithWorld();
    const [a, b] = await Promise.all([startDevnet({ home }), startDevnet({ home })]);
    expect(a.pid).toBe(b.pid);
    expect([a.reused, b.reused].sort()).toEqual([false, true]);
  });

  test('behavior: after stopDevnet, a start restores the state (a transfer made before stop is visible)', async () => {
    const home = await homeWithWorld();
    const first = await startDevnet({ home });
    await send(first.rpcUrl, parseEther('1.5'));
    expect(await stopDevnet({ home })).toEqual({ stopped: true, pid: first.pid });
    expect(isProcessAlive(first.pid)).toBe(false);
    const second = await startDevnet({ home });
    expect(second).toMatchObject({ reused: false, restored: true });
    expect(second.pid).not.toBe(first.pid);
    expect(await balanceOfRecipient(second.rpcUrl)).toBe(parseEther('1.5'));
  });

  test('behavior: a devnet saved without Multicall3 (bootstrapped before version 5) gets it back on restore, its state kept', async () => {
    const home = await homeWithWorld();
    const first = await startDevnet({ home });
    await send(first.rpcUrl, parseEther('0.5'));
    const test = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(first.rpcUrl) });
    const { publicClient } = createClients({ rpcUrl: first.rpcUrl });
    const code = await publicClient.getCode({ address: MULTICALL3_ADDRESS });
    await test.setCode({ address: MULTICALL3_ADDRESS, bytecode: '0x' });
    await stopDevnet({ home });
    const second = await startDevnet({ home });
    expect(second.restored).toBe(true);
    expect(await createClients({ rpcUrl: second.rpcUrl }).publicClient.getCode({ address: MULTICALL3_ADDRESS })).toBe(code);
    expect(await balanceOfRecipient(second.rpcUrl)).toBe(parseEther('0.5'));
  });

  test('behavior: after SIGKILL, a forced dump survives and what came after it is lost (the durability bound)', async () => {
    const home = await homeWithWorld();
    const first = await startDevnet({ home, stateIntervalSeconds: 600 });
    await send(first.rpcUrl, parseEther('1'));
    await saveDevnetState({ rpcUrl: first.rpcUrl, home });
    await send(first.rpcUrl, parseEther('2'));
    process.kill(first.pid, 'SIGKILL');
    expect(await waitForExit(first.pid, 5_000)).toBe(true);
    const second = await startDevnet({ home });
    expect(second.restored).toBe(true);
    expect(await balanceOfRecipient(second.rpcUrl)).toBe(parseEther('1'));
  });

  test('behavior: after SIGKILL, changes older than the state interval survive', async () => {
    const home = await homeWithWorld();
    const first = await startDevnet({ home, stateIntervalSeconds: 1 });
    await send(first.rpcUrl, parseEther('2'));
    // anvil dumps every second by itself; give it time for one dump after the transfer.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    process.kill(first.pid, 'SIGKILL');
    expect(await waitForExit(first.pid, 5_000)).toBe(true);
    const second = await startDevnet({ home });
    expect(second.restored).toBe(true);
    expect(await balanceOfRecipient(second.rpcUrl)).toBe(parseEther('2'));
  });

  describe('errors', () => {
    test('a corrupted state file gives DEVNET_STATE_LOST, not a fresh chain', async () => {
      const home = await homeWithWorld();
      writeFileSync(devnetPaths(home).stateFile, '{"block": {"number": "0x');
      expect(await errorOf(startDevnet({ home }))).toMatchInlineSnapshot(`
        {
          "code": "DEVNET_STATE_LOST",
          "message": "The saved devnet state cannot be restored; refusing to start a fresh chain silently.",
        }
      `);
      expect(readProcessFile(devnetPaths(home).processFile)).toBeUndefined();
    });

    test('behavior: when a verified backup exists, the hint says how to restore it', async () => {
      const home = await homeWithWorld();
      const paths = devnetPaths(home);
      await startDevnet({ home });
      await stopDevnet({ home });
      writeFileSync(paths.stateFile, 'garbage');
      const error = await startDevnet({ home }).then(
        () => undefined,
        (e: unknown) => findLucidError(e),
      );
      expect(error?.code).toBe('DEVNET_STATE_LOST');
      expect(error?.hints[0]).toContain(`cp ${paths.backupStateFile} ${paths.stateFile}`);
      copyFileSync(paths.backupStateFile, paths.stateFile);
      expect((await startDevnet({ home })).restored).toBe(true);
    });

    test('an empty state file gives DEVNET_STATE_LOST', async () => {
      const home = await homeWithWorld();
      writeFileSync(devnetPaths(home).stateFile, '');
      expect((await errorOf(startDevnet({ home }))).code).toBe('DEVNET_STATE_LOST');
    });

    test('a deleted state file gives DEVNET_STATE_LOST', async () => {
      const home = await homeWithWorld();
      rmSync(devnetPaths(home).stateFile);
      expect((await errorOf(startDevnet({ home }))).code).toBe('DEVNET_STATE_LOST');
    });

    test('a valid state of another (empty) chain gives DEVNET_STATE_LOST and leaves no anvil running', async () => {
      const home = await homeWithWorld();
      const paths = devnetPaths(home);
      // A well-formed state dump of a chain where the deployment's contracts do not exist.
      const cache = await ensureCachedWorld();
      const state = JSON.parse(readFileSync(join(cache, 'state.json'), 'utf8')) as { accounts: Record<string, unknown> };
      state.accounts = {};
      writeFileSync(paths.stateFile, JSON.stringify(state));
      expect((await errorOf(startDevnet({ home }))).code).toBe('DEVNET_STATE_LOST');
      expect(readProcessFile(paths.processFile)).toBeUndefined();
    });
  });
});

describe('resetDevnet', () => {
  test('default: stops the devnet and the next start bootstraps afresh', async () => {
    const home = await homeWithWorld();
    const first = await startDevnet({ home });
    await send(first.rpcUrl, parseEther('1'));
    expect(await resetDevnet({ home })).toEqual({ stopped: true });
    expect(isProcessAlive(first.pid)).toBe(false);
    const second = await startDevnet({ home });
    expect(second).toMatchObject({ reused: false, restored: false });
    expect(await balanceOfRecipient(second.rpcUrl)).toBe(0n);
  });
});

describe('devnetStatus', () => {
  test('default: running devnet shows pid, url, block and state size; stopped shows not running', async () => {
    const home = await homeWithWorld();
    const started = await startDevnet({ home });
    const status = await devnetStatus({ home });
    expect(status).toMatchObject({ running: true, pid: started.pid, rpcUrl: started.rpcUrl });
    expect(status.blockNumber).toBeGreaterThanOrEqual(started.deployment.bootstrapBlock);
    expect(status.stateFileBytes).toBeGreaterThan(0);
    await stopDevnet({ home });
    expect(await devnetStatus({ home })).toMatchObject({ running: false, pid: undefined, rpcUrl: undefined });
  });

  test('behavior: a home that never had a devnet is not running and has no state', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lucid-start-test-'));
    homes.push(home);
    expect(await devnetStatus({ home })).toMatchObject({ running: false, stateFileBytes: undefined, deployment: undefined });
  });
});
