/**
 * The walking skeleton, end to end, through the real binary: a fresh $LUCID_HOME, the devnet started by
 * lucid itself, a transfer and a swap with --yes --json whose reported balance changes must equal the
 * account's real change read from chain, history listing both, and bad input that exits non-zero with
 * nothing signed. Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, erc20Abi, http, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnLucid } from '../test-utils/spawn.js';
import { repoRoot as root } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const noLlm = { OPENAI_API_KEY: '', LUCID_MODEL: '' };
const lucid = (home: string, args: string[]) => spawnLucid(args, { home, entry: 'bin', env: noLlm });

let home: string;
let rpcUrl: string;
let usdc: Address;
let client: ReturnType<typeof createPublicClient>;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build` before this test');
  home = mkdtempSync(join(tmpdir(), 'lucid-run-'));
  const started = await lucid(home, ['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  const devnet = JSON.parse(started.stdout) as { rpcUrl: string; tokens: { symbol: string; address: Address }[] };
  rpcUrl = devnet.rpcUrl;
  usdc = devnet.tokens.find((token) => token.symbol === 'USDC')!.address;
  client = createPublicClient({ transport: http(rpcUrl) });
});

afterAll(async () => {
  if (home) {
    await lucid(home, ['devnet', 'stop']);
    rmSync(home, { recursive: true, force: true });
  }
});

const balances = async () => ({
  eth: await client.getBalance({ address: account }),
  usdc: await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [account] }),
  recipient: await client.getBalance({ address: recipient }),
});

type Change = { token: string; symbol: string; diff: string };
const changeOf = (changes: Change[], symbol: string) => BigInt(changes.find((change) => change.symbol === symbol)?.diff ?? '0');

describe('lucid "<intent>" --yes --json', () => {
  test('behavior: a transfer is mined and its reported balance changes equal the real ones', async () => {
    const before = await balances();
    const result = await lucid(home, ['--yes', '--json', `send 0.1 ETH to ${recipient}`]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    const after = await balances();
    expect(json.receiptStatus).toBe('success');
    expect(json.intents).toEqual([{ action: 'transfer', amount: '0.1', token: 'ETH', to: recipient }]);
    expect(json.transactions).toHaveLength(1);
    expect(changeOf(json.balanceChanges, 'ETH')).toBe(after.eth - before.eth);
    expect(after.recipient - before.recipient).toBe(100_000_000_000_000_000n);
    expect(changeOf(json.simulation.balanceChanges, 'ETH')).toBe(-100_000_000_000_000_000n);
  });

  test('behavior: a swap picks a venue by simulated outcome and reports the real ETH and USDC change', async () => {
    const before = await balances();
    const result = await lucid(home, ['--yes', '--json', 'swap 1 ETH for USDC']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    const after = await balances();
    expect(json.receiptStatus).toBe('success');
    expect(json.steps[0].candidates.map((c: { agentId: string }) => c.agentId).sort()).toEqual(['uniswap-v2', 'uniswap-v3', 'v2-fork']);
    expect(changeOf(json.balanceChanges, 'ETH')).toBe(after.eth - before.eth);
    expect(changeOf(json.balanceChanges, 'USDC')).toBe(after.usdc - before.usdc);
    expect(after.usdc - before.usdc).toBeGreaterThan(2_000_000_000n);
  });

  test('behavior: history lists both, newest first, with their transactions', async () => {
    const result = await lucid(home, ['history', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const runs = JSON.parse(result.stdout).runs as { text: string; status: string; transactions: unknown[] }[];
    expect(runs.slice(0, 2).map((run) => [run.text, run.status])).toEqual([
      ['swap 1 ETH for USDC', 'confirmed'],
      [`send 0.1 ETH to ${recipient}`, 'confirmed'],
    ]);
    expect(runs[0]!.transactions.length).toBeGreaterThanOrEqual(1);
  });
});

describe('errors', () => {
  const nonce = () => client.getTransactionCount({ address: account });

  test('words that do not parse: exit 2, the JSON error envelope, nothing signed', async () => {
    const before = await nonce();
    const result = await lucid(home, ['--yes', '--json', 'please frobnicate my portfolio']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('UNPARSEABLE_INTENT');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await nonce()).toBe(before);
  });

  test('an unknown token: exit 2 with a suggestion, recorded in history, nothing signed', async () => {
    const before = await nonce();
    const result = await lucid(home, ['--yes', `send 5 USDX to ${recipient}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/USDC/);
    expect(await nonce()).toBe(before);
  });

  test('insufficient balance: non-zero exit with the reason, recorded as failed, nothing signed', async () => {
    const before = await nonce();
    const result = await lucid(home, ['--yes', '--json', `send 5000 ETH to ${recipient}`]);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.stdout).error.message).toMatch(/insufficient|balance|funds/i);
    expect(await nonce()).toBe(before);
    const history = JSON.parse((await lucid(home, ['history', '--json', '--limit', '1'])).stdout);
    expect(history.runs[0]).toMatchObject({ text: `send 5000 ETH to ${recipient}`, status: 'failed' });
  });

  test('a bad checksum: exit 2 naming the address, nothing signed', async () => {
    const before = await nonce();
    const result = await lucid(home, ['--yes', 'send 1 ETH to 0x70997970c51812dc3A010C7d01b50e0d17dc79C8']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/checksum/);
    expect(await nonce()).toBe(before);
  });

  test('no terminal and no --yes: refuses to sign (exit 3) after showing the simulation', async () => {
    const before = await nonce();
    const result = await lucid(home, [`send 0.1 ETH to ${recipient}`]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/-0\.1 ETH/);
    expect(result.stderr).toMatch(/--yes/);
    expect(await nonce()).toBe(before);
  });

  test('a danger flag is not signed on --yes alone: exit 3, the warning shown, nothing signed', async () => {
    const before = await nonce();
    const result = await lucid(home, ['--yes', '--json', 'swap 1 ETH for USDC with 25% slippage']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('DANGER_NEEDS_A_PERSON');
    expect(result.stderr).toMatch(/slippage/i);
    expect(await nonce()).toBe(before);
  });

  test('--dry-run simulates and never signs', async () => {
    const before = await nonce();
    const result = await lucid(home, ['--dry-run', '--json', 'swap 1 ETH for USDC']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).status).toBe('simulated');
    expect(await nonce()).toBe(before);
  });
});
