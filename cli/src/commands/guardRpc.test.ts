/**
 * Issue 13 through the real program behind a real lying JSON-RPC proxy in front of anvil (`--rpc-url`):
 *
 * - guarantee 6: an RPC that raises its priority-fee suggestion once signing starts gets a refusal, not an
 *   overpaid transaction; a suggestion far above the market is a danger `--yes` cannot pass; and the poisoned
 *   suggestion does not carry over: the next run against an honest node pays the market.
 * - the fork fallback: a node without eth_simulateV1 is simulated on a throwaway local fork; a `--dry-run`
 *   killed in the middle of it leaves nothing mined, nothing impersonated on the node, and no fork running.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEther, parseGwei, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devnetClient } from '../../../agents/sdk/testing.js';
import { importPrivateKey } from '../../../runtime/index.js';
import { startRpcProxy, startTestDevnet, type RpcRequest, type TestDevnet } from '../../../runtime/testing.js';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const bob: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
/** anvil #5, imported as the user's wallet (its own nonces: no other test file uses it on this devnet). */
const key = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
const password = 'correct horse battery';
const entry = (process.env.LUCID_GUARD_ENTRY as 'bin' | 'dev' | undefined) ?? 'bin';

let devnet: TestDevnet;
let home: string;
let userAddress: Address;

beforeAll(async () => {
  devnet = await startTestDevnet();
  home = mkdtempSync(join(tmpdir(), 'lucid-guard-rpc-'));
  userAddress = (await importPrivateKey({ home, name: 'main', privateKey: key, password })).address;
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

type Answer = (request: RpcRequest) => { result: unknown } | { error: { code: number; message: string } } | undefined;

async function withProxy<value>(answer: Answer | undefined, body: (url: string, methods: string[]) => Promise<value>): Promise<value> {
  const proxy = await startRpcProxy({ target: devnet.rpcUrl, answer });
  try {
    return await body(proxy.url, proxy.methods);
  } finally {
    await proxy.close();
  }
}

async function lucid(rpcUrl: string, argv: string[]) {
  const result = await spawnLucid(['--rpc-url', rpcUrl, '--account', 'main', ...argv], { home, entry, env: { LUCID_PASSWORD: password }, timeoutMs: 120_000 });
  let json: { status?: string; error?: { code: string; message: string }; transactions?: { hash: `0x${string}` }[]; risks?: { code: string; level: string }[] } = {};
  try {
    json = JSON.parse(result.stdout) as typeof json;
  } catch {
    // not JSON
  }
  return { ...result, json };
}

const tip = (gwei: string) => ({ result: `0x${parseGwei(gwei).toString(16)}` });

describe('fees bound to the review (guarantee 6)', () => {
  test('errors: a node that raises the priority fee once signing starts gets a refusal, and nothing is sent', async () => {
    let signing = false;
    await withProxy(
      (request) => {
        if (request.method === 'eth_getTransactionCount' && request.params?.[1] === 'pending') signing = true;
        return signing && request.method === 'eth_maxPriorityFeePerGas' ? tip('1000') : undefined;
      },
      async (url, methods) => {
        const client = devnetClient(devnet.rpcUrl);
        const bobBefore = await client.getBalance({ address: bob });
        const nonceBefore = await client.getTransactionCount({ address: userAddress });
        const run = await lucid(url, ['--yes', '--json', `send 0.1 ETH to ${bob}`]);
        expect(run.code, run.stderr).toBe(3);
        expect(run.json.error?.code).toBe('FEE_ABOVE_REVIEW');
        expect(methods).not.toContain('eth_sendRawTransaction');
        expect(await client.getBalance({ address: bob })).toBe(bobBefore);
        expect(await client.getTransactionCount({ address: userAddress })).toBe(nonceBefore);
      },
    );
  }, 150_000);

  test('behavior: a suggestion far above the market is a danger --yes cannot pass; the next honest run pays the market', async () => {
    await withProxy(
      (request) => (request.method === 'eth_maxPriorityFeePerGas' ? tip('1000') : undefined),
      async (url, methods) => {
        const run = await lucid(url, ['--yes', '--json', `send 0.1 ETH to ${bob}`]);
        expect(run.code, run.stderr).toBe(3);
        expect(run.json.error?.code).toBe('DANGER_NEEDS_A_PERSON');
        expect(run.json.error?.message).toMatch(/priority fee of 1,?000 gwei is far above/);
        expect(methods).not.toContain('eth_sendRawTransaction');
      },
    );
    await withProxy(undefined, async (url) => {
      const run = await lucid(url, ['--yes', '--json', `send 0.1 ETH to ${bob}`]);
      expect(run.code, run.stderr).toBe(0);
      const hash = run.json.transactions?.[0]?.hash;
      expect(hash).toBeDefined();
      const sent = await devnetClient(devnet.rpcUrl).getTransaction({ hash: hash! });
      expect(sent.maxPriorityFeePerGas).toBeLessThanOrEqual(parseGwei('1'));
    });
  }, 200_000);
});

describe('the fork fallback (a node without eth_simulateV1)', () => {
  const noSimulate: Answer = (request) =>
    request.method === 'eth_simulateV1' ? { error: { code: -32601, message: 'the method eth_simulateV1 does not exist/is not available' } } : undefined;

  test('behavior: simulates on a local fork and signs what it showed', async () => {
    await withProxy(noSimulate, async (url, methods) => {
      const client = devnetClient(devnet.rpcUrl);
      const bobBefore = await client.getBalance({ address: bob });
      const run = await lucid(url, ['--yes', '--json', `send 0.25 ETH to ${bob}`]);
      expect(run.code, run.stderr).toBe(0);
      expect(await client.getBalance({ address: bob })).toBe(bobBefore + parseEther('0.25'));
      expect(methods.filter((m) => /^(evm_|anvil_|hardhat_)|^eth_sendTransaction$/.test(m))).toEqual([]);
    });
  }, 150_000);

  test('behavior: a --dry-run killed in the middle of the fork simulation leaves the node untouched and no fork running', async () => {
    const client = devnetClient(devnet.rpcUrl);
    const blockBefore = await client.getBlockNumber({ cacheTime: 0 });
    const balanceBefore = await client.getBalance({ address: userAddress });
    let forkAsked: () => void = () => {};
    const forking = new Promise<void>((resolve) => (forkAsked = resolve));
    let refused = false;
    await withProxy(
      (request) => {
        if (request.method === 'eth_simulateV1') {
          refused = true;
          return noSimulate(request);
        }
        // The fork's first state reads after the refusal: the simulation is under way.
        if (refused && (request.method === 'eth_getStorageAt' || request.method === 'eth_getCode')) forkAsked();
        return undefined;
      },
      async (url, methods) => {
        const command = entry === 'bin' ? ['bin/lucid.js'] : ['--import', 'tsx', 'cli/src/test-utils/lucid-dev.ts'];
        const child = spawn(process.execPath, [...command, '--rpc-url', url, '--account', 'main', '--dry-run', '--json', `send 0.5 ETH to ${bob}`], {
          cwd: repoRoot,
          env: { ...process.env, LUCID_HOME: home, LUCID_PASSWORD: password, NO_COLOR: '1' },
          stdio: 'ignore',
        });
        const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal ? 0 : _code)));
        await Promise.race([forking, new Promise((_, reject) => setTimeout(() => reject(new Error('the fork never asked for state')), 90_000))]);
        child.kill('SIGTERM');
        await exited;
        expect(methods.filter((m) => /^(evm_|anvil_|hardhat_)|sendTransaction|sendRawTransaction/.test(m))).toEqual([]);
        // No fork of this proxy is left running (ps lists processes; nothing is killed here).
        const forks = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
          .split('\n')
          .filter((line) => line.includes(`--fork-url ${url}`));
        expect(forks).toEqual([]);
      },
    );
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
    expect(await client.getBalance({ address: userAddress })).toBe(balanceBefore);
  }, 150_000);
});
