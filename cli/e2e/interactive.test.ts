/**
 * End to end, as a user sees it: the real built binary (bin/lucid.js → dist/, run `npm run build:ts` first)
 * in a real pseudo-terminal (tmux), on Lucid's own devnet in a temp LUCID_HOME. Plus the non-terminal
 * guarantees: without a TTY nothing prompts, nothing hangs, nothing is signed without --yes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { repoRoot, spawnLucid } from '../src/test-utils/spawn.js';

const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const tmux = '/usr/bin/tmux';
const built = existsSync(join(repoRoot, 'dist/cli/src/main.js'));

let home: string;
const session = `lucid-e2e-${process.pid}-${Date.now()}`;
let tmuxStarted = false;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-e2e-'));
});

afterAll(async () => {
  if (tmuxStarted) {
    try {
      execFileSync(tmux, ['kill-session', '-t', session], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  await spawnLucid(['devnet', 'stop'], { home, entry: 'bin', timeoutMs: 30_000 });
  rmSync(home, { recursive: true, force: true });
}, 60_000);

function rpcUrl(): string {
  const record = JSON.parse(readFileSync(join(home, 'devnet', 'devnet.json'), 'utf8')) as { rpcUrl: string };
  return record.rpcUrl;
}

async function balanceOf(address: Address): Promise<bigint> {
  return createPublicClient({ transport: http(rpcUrl()) }).getBalance({ address });
}

describe.skipIf(!built)('without a terminal', () => {
  test('no words and no TTY: a usage error naming what to do (exit 2), without waiting', async () => {
    const result = await spawnLucid([], { home, entry: 'bin', timeoutMs: 15_000, devNull: true });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing to do|no intent on stdin/);
    expect(result.stderr).toContain('lucid --help');
    expect(result.ms).toBeLessThan(10_000);
  });

  test('an intent without --yes: CONFIRMATION_REQUIRED (exit 3) quickly, nothing signed', async () => {
    const result = await spawnLucid(['--json', `send 0.1 ETH to ${recipient}`], { home, entry: 'bin', timeoutMs: 90_000, devNull: true });
    expect(result.signal).toBeNull();
    expect(result.code, result.stderr).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('CONFIRMATION_REQUIRED');
    // The devnet now exists (first use bootstraps it); the recipient still has anvil's initial 10,000 ETH.
    expect(await balanceOf(recipient)).toBe(parseEther('10000'));
    const history = await spawnLucid(['history', '--json'], { home, entry: 'bin' });
    const runs = JSON.parse(history.stdout).runs as { status: string; transactions: unknown[] }[];
    expect(runs[0]?.status).toBe('refused');
    expect(runs[0]?.transactions).toEqual([]);
  }, 120_000);
});

describe.skipIf(!built || !existsSync(tmux))('interactive, in a pseudo-terminal', () => {
  const capture = () => execFileSync(tmux, ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
  const keys = (...args: string[]) => execFileSync(tmux, ['send-keys', '-t', session, ...args]);
  const type = (text: string) => keys('-l', text);

  async function waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = capture();
      if (pattern.test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
  }

  test('send 0.1 ETH: review with the balance table, y, confirmed, /history, /quit; the chain really changed', async () => {
    // The shell keeps the pane open after lucid exits, so its exit code can be read from the screen.
    const command = `cd '${repoRoot}' && LUCID_HOME='${home}' node bin/lucid.js; echo "LUCID-EXITED-$?"; sleep 60`;
    execFileSync(tmux, ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', command]);
    tmuxStarted = true;

    await waitFor(/devnet · anvil · 0xf39F…2266 · [\d,.]+ ETH · block \d+/);
    const before = await balanceOf(recipient);

    type(`send 0.1 ETH to ${recipient}`);
    keys('Enter');
    const review = await waitFor(/Sign and send\?/);
    expect(review).toMatch(/Send 0\.1 ETH to 0x7099/);
    expect(review).toMatch(/token\s+out\s+in/);
    expect(review).toMatch(/ETH\s+-0\.1/);
    expect(await balanceOf(recipient)).toBe(before);

    keys('y');
    const done = await waitFor(/confirmed 0x[0-9a-f]{64} in block \d+/);
    expect(done).toMatch(/✔ confirmed 0x[0-9a-f]{64}/);
    expect(await balanceOf(recipient)).toBe(before + parseEther('0.1'));

    type('/history');
    keys('Enter');
    await waitFor(/#\d+\s+\S+ \S+\s+confirmed\s+send 0\.1 ETH to 0x7099/);

    type('/quit');
    keys('Enter');
    await waitFor(/LUCID-EXITED-0/, 20_000);
  }, 180_000);
});
