/**
 * Lock periods end to end, through the real binary on a devnet lucid starts itself: `lucid stake 10 stETH
 * --lock 180d` shows the reward multiplier and the unlock date in the review before anything is signed, signs
 * a locked stake the CapitalPool holds with that multiplier, `lucid rewards` reports both, an early unstake is
 * refused before signing, and a lock longer than two years is bad input. Needs `npm run build:ts` first.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CapitalPool } from '../../../registry-contracts/index.js';
import { repoRoot as root, spawnLucid } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const noLlm = { OPENAI_API_KEY: '', LUCID_MODEL: '' };
const lucid = (home: string, args: string[]) => spawnLucid(args, { home, entry: 'bin', env: noLlm, timeoutMs: 120_000 });
const DAY = 86_400n;

let home: string;
let client: ReturnType<typeof createPublicClient>;
let capitalPool: Address;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build:ts` before this test');
  home = mkdtempSync(join(tmpdir(), 'lucid-stake-lock-'));
  const started = await lucid(home, ['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  const devnet = JSON.parse(started.stdout) as { rpcUrl: string; contracts: Record<string, Address> };
  client = createPublicClient({ transport: http(devnet.rpcUrl) });
  capitalPool = devnet.contracts.capitalPool!;
  expect(capitalPool).toBeDefined();
}, 180_000);

afterAll(async () => {
  if (home) {
    await lucid(home, ['devnet', 'stop']);
    rmSync(home, { recursive: true, force: true });
  }
});

const unlockText = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ');

describe('lucid stake --lock | lucid rewards', () => {
  test('behavior: the review shows the multiplier and unlock date before signing, and a dry run signs nothing', async () => {
    const preview = await lucid(home, ['stake', '10', 'stETH', '--lock', '180d', '--dry-run']);
    expect(preview.code, preview.stderr).toBe(0);
    const now = (await client.getBlock()).timestamp;
    expect(preview.stdout).toContain('reward multiplier 1.49x');
    expect(preview.stdout).toMatch(/locked until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const shown = /locked until (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(preview.stdout)![1]!;
    expect(Math.abs(Date.parse(`${shown}Z`) / 1000 - Number(now + 180n * DAY))).toBeLessThan(600);
    expect(preview.stdout + preview.stderr).toContain('dry run: nothing was signed');
    const [staked] = await client.readContract({ address: capitalPool, abi: CapitalPool.abi, functionName: 'positionOf', args: [account] });
    expect(staked).toBe(0n);
  }, 120_000);

  test('behavior: a signed stake is locked in the pool at 1.49x, and lucid rewards reports both', async () => {
    const signed = await lucid(home, ['stake', '10', 'stETH', '--lock', '180d', '--yes', '--json']);
    expect(signed.code, signed.stderr).toBe(0);
    expect(JSON.parse(signed.stdout).receiptStatus).toBe('success');
    const block = await client.getBlock();
    const [staked, weight, multiplier, lockEnd] = await client.readContract({ address: capitalPool, abi: CapitalPool.abi, functionName: 'positionOf', args: [account] });
    expect(staked).toBe(10n * 10n ** 18n);
    expect(multiplier).toBe(14_931n); // 1x + 2x * 180 / 730
    expect(weight).toBe((staked * 14_931n) / 10_000n);
    expect(lockEnd > block.timestamp + 179n * DAY && lockEnd <= block.timestamp + 180n * DAY).toBe(true);

    const rewards = await lucid(home, ['rewards', '--json']);
    expect(rewards.code, rewards.stderr).toBe(0);
    const position = JSON.parse(rewards.stdout) as { multiplierBps: string | number; unlockAt: string | number; staked: string | number };
    expect(BigInt(position.multiplierBps)).toBe(14_931n);
    expect(BigInt(position.unlockAt)).toBe(lockEnd);
    expect(BigInt(position.staked)).toBe(staked);

    const text = await lucid(home, ['rewards']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`multiplier 1.49x  locked until ${unlockText(lockEnd)} UTC`);
  }, 120_000);

  test('errors: unstaking before the lock ends is refused before signing, and a lock over two years is bad input', async () => {
    const early = await lucid(home, ['unstake', 'all', '--yes', '--json']);
    expect(early.code).toBe(2);
    expect(JSON.parse(early.stdout).error.code).toBe('STAKE_LOCKED');
    const [staked] = await client.readContract({ address: capitalPool, abi: CapitalPool.abi, functionName: 'positionOf', args: [account] });
    expect(staked).toBe(10n * 10n ** 18n);

    const tooLong = await lucid(home, ['stake', '1', 'stETH', '--lock', '800d', '--yes', '--json']);
    expect(tooLong.code).toBe(2);
    expect(JSON.parse(tooLong.stdout).error.code).toBe('LOCK_TOO_LONG');
  }, 120_000);
});
