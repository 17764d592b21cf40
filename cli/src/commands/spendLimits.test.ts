/**
 * Daily limits hold when runs overlap, when a receipt never comes, and when the process dies between
 * sending and the receipt: spends are reserved before signing, under a per-account lock shared by every
 * process using the database, and stay counted until the run's fate is known. Through the real binary,
 * against the real devnet. Needs `npm run build:ts` first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const password = 'correct horse battery staple';
const env = { OPENAI_API_KEY: '', LUCID_MODEL: '', LUCID_PASSWORD: password };
let home: string;
let rpcUrl: string;
let client: ReturnType<typeof createPublicClient>;
let proxy: Server | undefined;
const lucid = (args: string[], extra: { input?: string; env?: Record<string, string> } = {}) =>
  spawnLucid(args, { home, entry: 'bin', env: { ...env, ...extra.env }, input: extra.input, timeoutMs: 120_000 });
const rpc = (method: string, params: unknown[] = []) => client.request({ method: method as never, params: params as never });

/** A fresh wallet named `name`, funded with 10 ETH on the devnet. */
async function wallet(name: string, seed: string): Promise<Address> {
  const key = `0x${seed.repeat(64 / seed.length)}` as const;
  const imported = await lucid(['wallet', 'import', name, '--private-key-stdin'], { input: `${key}\n` });
  expect(imported.code, imported.stderr).toBe(0);
  const address = privateKeyToAccount(key).address;
  await rpc('anvil_setBalance', [address, `0x${parseEther('10').toString(16)}`]);
  return address;
}

const recipient = (n: number): Address => `0x${n.toString(16).padStart(40, '0')}` as Address;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lucid-limits-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  rpcUrl = JSON.parse(started.stdout).rpcUrl;
  client = createPublicClient({ transport: http(rpcUrl) });
  expect((await lucid(['policy', 'set', 'maxPerDay.ETH', '1'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await rpc('evm_setAutomine', [true]).catch(() => {});
  proxy?.close();
  if (!home) return;
  await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
});

test('behavior: two runs started together against a slow RPC cannot both pass a daily limit', async () => {
  // Every answer from the node is held back, so both runs are simulated and approved before either signs.
  proxy = createServer((incoming, outgoing) => {
    const upstream = request(rpcUrl, { method: incoming.method, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () =>
        setTimeout(() => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          outgoing.end(Buffer.concat(chunks));
        }, 60),
      );
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  await wallet('racer', 'a1b2');
  const to = recipient(0xa11ce);
  const run = () => lucid(['--yes', '--json', '--rpc-url', proxyUrl, '--account', 'racer', `send 0.6 ETH to ${to}`]);
  const results = await Promise.all([run(), run()]);
  const codes = results.map((r) => r.code).sort();
  expect(codes, results.map((r) => r.stderr).join('\n---\n')).toEqual([0, 3]);
  const refused = results.find((r) => r.code === 3)!;
  expect(JSON.parse(refused.stdout).error.code).toBe('POLICY_VIOLATION');
  expect(await client.getBalance({ address: to })).toBe(parseEther('0.6'));
}, 180_000);

test('behavior: a run whose receipt timed out stays counted against the limit', async () => {
  await wallet('slowpoke', 'c3d4');
  await rpc('evm_setAutomine', [false]);
  try {
    const first = await lucid(['--yes', '--json', '--account', 'slowpoke', `send 0.6 ETH to ${recipient(0xb0b)}`], { env: { LUCID_RECEIPT_TIMEOUT_MS: '1500' } });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).status ?? JSON.parse(first.stdout).receiptStatus).toMatch(/pending/);
    const second = await lucid(['--yes', '--json', '--account', 'slowpoke', `send 0.6 ETH to ${recipient(0xb0b)}`], { env: { LUCID_RECEIPT_TIMEOUT_MS: '1500' } });
    expect(second.code, second.stderr).toBe(3);
    expect(JSON.parse(second.stdout).error.code).toBe('POLICY_VIOLATION');
  } finally {
    await rpc('evm_mine');
    await rpc('evm_setAutomine', [true]);
  }
}, 120_000);

test('behavior: a run killed between sending and its receipt is still counted by the next run', async () => {
  const address = await wallet('crasher', 'e5f6');
  await rpc('evm_setAutomine', [false]);
  try {
    const child = spawn(process.execPath, ['bin/lucid.js', '--yes', '--account', 'crasher', `send 0.6 ETH to ${recipient(0xc0de)}`], {
      cwd: repoRoot,
      env: { ...process.env, ...env, LUCID_HOME: home, NO_COLOR: '1', LUCID_RECEIPT_TIMEOUT_MS: '60000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never sent:\n${stderr}`)), 60_000);
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (/sent 0x[0-9a-f]{64}/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited before sending:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    await rpc('evm_mine');
    await rpc('evm_setAutomine', [true]);
    expect(await client.getTransactionCount({ address })).toBe(1);

    const second = await lucid(['--yes', '--json', '--account', 'crasher', `send 0.6 ETH to ${recipient(0xc0de)}`]);
    expect(second.code, second.stderr).toBe(3);
    expect(JSON.parse(second.stdout).error.code).toBe('POLICY_VIOLATION');
  } finally {
    await rpc('evm_setAutomine', [true]);
  }
}, 120_000);
