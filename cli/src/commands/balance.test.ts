import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.js';

// Starts Lucid's own devnet in a temp LUCID_HOME (bootstrapped on first use) and stops it afterwards.
let home: string;
const lucid = (...argv: string[]) => runCli(argv, { home });

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-balance-'));
});
afterAll(async () => {
  await lucid('devnet', 'stop');
  rmSync(home, { recursive: true, force: true });
});

describe('lucid balance', () => {
  test('--json: the devnet account holds 100 ETH and the dev tokens; nothing is signed', async () => {
    const result = await lucid('balance', '--json');
    expect(result.code, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { status: string; balances: { symbol: string; balance: string }[]; transactions: unknown[] };
    expect(document.status).toBe('read-only');
    expect(document.transactions).toEqual([]);
    const eth = document.balances.find((line) => line.symbol === 'ETH');
    expect(BigInt(eth?.balance ?? '0')).toBeGreaterThan(99n * 10n ** 18n);
  });

  test('[token]: the same as "what\'s my USDC balance"', async () => {
    const result = await lucid('balance', 'USDC', '--json');
    expect(result.code, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { balances: { symbol: string }[] };
    expect(document.balances.map((line) => line.symbol)).toEqual(['USDC']);
  });

  test('default: human text on stdout', async () => {
    const result = await lucid('balance', 'ETH');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\d+(\.\d+)? ETH/);
  });
});
