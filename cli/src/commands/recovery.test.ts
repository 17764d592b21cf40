/**
 * Nothing lost: lucid is killed between broadcast and receipt; the next run finds the pending
 * transaction, asks the chain what became of it, and completes the record — without sending it again.
 * Also: the devnet process killed between runs is restarted from its saved state.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, http, type Address } from 'viem';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'bin', 'lucid.js');
const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const recipient: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const env = (home: string) => ({ ...process.env, LUCID_HOME: home, NO_COLOR: '1', OPENAI_API_KEY: '', LUCID_MODEL: '' });

function lucid(home: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...env(home), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

let home: string;
let rpcUrl: string;
let client: ReturnType<typeof createPublicClient>;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lucid-recovery-'));
  const started = await lucid(home, ['devnet', 'start', '--json']).done;
  expect(started.code, started.stderr).toBe(0);
  rpcUrl = JSON.parse(started.stdout).rpcUrl;
  client = createPublicClient({ transport: http(rpcUrl) });
});

afterAll(async () => {
  await lucid(home, ['devnet', 'stop']).done;
  rmSync(home, { recursive: true, force: true });
});

test('behavior: killed between send and receipt, the next run resolves the transaction and never resends it', async () => {
  const nonceBefore = await client.getTransactionCount({ address: account });
  await client.request({ method: 'evm_setAutomine' as never, params: [false] as never });
  try {
    const run = lucid(home, ['--yes', `send 0.2 ETH to ${recipient}`], { LUCID_RECEIPT_TIMEOUT_MS: '60000' });
    // Wait until lucid says it sent the transaction, then kill it before any receipt can exist.
    const deadline = Date.now() + 30_000;
    while (!/sent 0x[0-9a-f]{64}/.test(run.stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(run.stderr()).toMatch(/sent 0x[0-9a-f]{64}/);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');

    const pending = JSON.parse((await lucid(home, ['history', '--json', '--limit', '1']).done).stdout).runs[0];
    expect(pending.status).toBe('sent');
    expect(pending.transactions[0].status).toBe('sent');
  } finally {
    await client.request({ method: 'evm_mine' as never, params: [] as never });
    await client.request({ method: 'evm_setAutomine' as never, params: [true] as never });
  }
  const resolved = await lucid(home, ['history', '--json', '--limit', '1']).done;
  expect(resolved.code, resolved.stderr).toBe(0);
  const run = JSON.parse(resolved.stdout).runs[0];
  expect(run.status).toBe('confirmed');
  expect(run.transactions[0]).toMatchObject({ status: 'confirmed' });
  expect(Number(run.transactions[0].blockNumber)).toBeGreaterThan(0);
  // exactly one transaction went out: nothing was re-broadcast
  expect(await client.getTransactionCount({ address: account })).toBe(nonceBefore + 1);
});

test('behavior: a devnet killed between runs is restarted from its saved state', async () => {
  const status = JSON.parse((await lucid(home, ['devnet', 'status', '--json']).done).stdout);
  const balanceBefore = await client.getBalance({ address: recipient });
  expect(balanceBefore).toBeGreaterThan(0n);
  // let anvil's periodic state dump catch up with the last transaction, then kill it without warning
  await new Promise((r) => setTimeout(r, 5_000)); // the dump interval is 2 s; leave room on a busy machine
  process.kill(status.pid, 'SIGKILL');
  const result = await lucid(home, ['--yes', '--json', `send 0.01 ETH to ${recipient}`]).done;
  expect(result.code, result.stderr).toBe(0);
  const after = JSON.parse((await lucid(home, ['devnet', 'status', '--json']).done).stdout);
  expect(after.pid).not.toBe(status.pid);
  const restarted = createPublicClient({ transport: http(after.rpcUrl) });
  expect(await restarted.getBalance({ address: recipient })).toBe(balanceBefore + 10_000_000_000_000_000n);
});
