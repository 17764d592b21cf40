/**
 * Words are parsed before a chain is touched: through the real binary, in a fresh $LUCID_HOME with no devnet,
 * words no parser understands (and a mistyped command read as words) exit 2 with the parser's error at once,
 * start no anvil (no devnet directory, no process file), and are still listed by `lucid history` as failed.
 * Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { findFreePort, resolveAnvilBinary } from '../../../runtime/testing.js';
import { spawnLucid, repoRoot } from '../test-utils/spawn.js';

const noLlm = { OPENAI_API_KEY: '', LUCID_MODEL: '', LUCID_RPC_URL: '' };
const lucid = (home: string, args: string[]) => spawnLucid(args, { home, entry: 'bin', env: noLlm });

type HistoryRun = { text: string; status: string; chainId: number; account: string; error?: { code: string; message: string } };

let home: string;
/** Where a started devnet leaves its files (runtime/src/devnet/paths.ts): its process file and its state. */
const devnetPaths = (dir: string) => ({ processFile: join(dir, 'devnet', 'devnet.json'), stateFile: join(dir, 'devnet', 'state.json') });

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build` before this test');
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-parse-first-'));
});
afterEach(() => {
  // Only if a regression started one: never leave an anvil behind.
  if (existsSync(devnetPaths(home).processFile)) return lucid(home, ['devnet', 'stop']).then(() => rmSync(home, { recursive: true, force: true }));
  rmSync(home, { recursive: true, force: true });
});

describe('behavior: words that do not parse start no devnet', () => {
  test('an unparseable intent: exit 2, the parser error, no anvil, recorded in history as failed', async () => {
    const result = await lucid(home, ['--yes', '--json', 'please frobnicate my portfolio']);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('UNPARSEABLE_INTENT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toMatch(/devnet|anvil/i);
    const paths = devnetPaths(home);
    expect(existsSync(paths.processFile)).toBe(false);
    expect(existsSync(paths.stateFile)).toBe(false);

    const history = await lucid(home, ['history', '--json']);
    expect(history.code, history.stderr).toBe(0);
    const runs = JSON.parse(history.stdout).runs as HistoryRun[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      text: 'please frobnicate my portfolio',
      status: 'failed',
      chainId: 31337,
      account: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      error: { code: 'UNPARSEABLE_INTENT' },
    });
    expect(existsSync(paths.processFile)).toBe(false);
  });

  test('a mistyped command read as words (`lucid tokens`): exits 2 without starting anything', async () => {
    const result = await lucid(home, ['tokens']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).not.toMatch(/starting|devnet|anvil/i);
    expect(existsSync(devnetPaths(home).processFile)).toBe(false);
    const runs = JSON.parse((await lucid(home, ['history', '--json'])).stdout).runs as HistoryRun[];
    expect(runs.map((run) => [run.text, run.status])).toEqual([['tokens', 'failed']]);
  });

  test('with an RPC set, a failed parse never calls it: recorded under the chain --chain names', async () => {
    // Nothing listens on this port: any RPC request would fail with RPC_UNREACHABLE instead of the parse error.
    const result = await lucid(home, ['--json', '--rpc-url', 'http://127.0.0.1:9', '--chain', 'base', '--account', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 'please frobnicate']);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('UNPARSEABLE_INTENT');
    const runs = JSON.parse((await lucid(home, ['history', '--json'])).stdout).runs as HistoryRun[];
    expect(runs[0]).toMatchObject({ status: 'failed', chainId: 8453, account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });
  });

  test('with an RPC set and no --chain, a failed parse is recorded under the chain the RPC reports', async () => {
    // A real node that is not the devnet, on a chain id of its own.
    const port = await findFreePort();
    const anvil = spawn(resolveAnvilBinary(), ['--port', String(port), '--chain-id', '4242', '--silent'], { stdio: 'ignore' });
    try {
      const rpcUrl = `http://127.0.0.1:${port}`;
      await waitForRpc(rpcUrl);
      const result = await lucid(home, ['--json', '--rpc-url', rpcUrl, '--account', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 'please frobnicate']);
      expect(result.code, result.stderr).toBe(2);
      expect(JSON.parse(result.stdout).error.code).toBe('UNPARSEABLE_INTENT');
      const runs = JSON.parse((await lucid(home, ['history', '--json'])).stdout).runs as HistoryRun[];
      expect(runs[0]).toMatchObject({ status: 'failed', chainId: 4242 });
      expect(runs[0]!.error!.message).not.toContain('chain not recorded');
      expect(existsSync(devnetPaths(home).processFile)).toBe(false);
    } finally {
      anvil.kill();
    }
  });

  test('with an RPC that does not answer and no --chain, the run is kept under chain 0 with the reason, the URL\'s key left out', async () => {
    const started = Date.now();
    const result = await lucid(home, ['--json', '--rpc-url', 'http://127.0.0.1:9/v2/SECRETKEY123', '--account', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 'please frobnicate']);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('UNPARSEABLE_INTENT');
    expect(Date.now() - started).toBeLessThan(15_000);
    const history = await lucid(home, ['history', '--json']);
    const runs = JSON.parse(history.stdout).runs as HistoryRun[];
    expect(runs[0]).toMatchObject({ status: 'failed', chainId: 0 });
    expect(runs[0]!.error!.message).toMatch(/chain not recorded: .*127\.0\.0\.1:9/);
    expect(history.stdout).not.toContain('SECRETKEY123');
  });
});

/** Until the node answers eth_chainId (anvil takes a moment to listen). */
async function waitForRpc(rpcUrl: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no node answered at ${rpcUrl}`);
}
