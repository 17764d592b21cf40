/**
 * Refusals that explain themselves, through the real program on a real devnet: for every rule kind the
 * policy has, a plan that crosses it is refused (exit 3, nothing signed) with `{ rule, limit, actual, fix }`
 * in the `--json` refusal; `lucid policy explain` says the same about the run; and running the fix it names
 * lets the same request through. Needs `npm run build:ts` first (npm test builds).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const noLlm = { OPENAI_API_KEY: '', LUCID_MODEL: '' };

let home: string;
let client: ReturnType<typeof createPublicClient>;
let router: Address;
const lucid = (args: string[]) => spawnLucid(args, { home, entry: 'bin', env: noLlm });
const setPolicy = (policy: object) => writeFileSync(join(home, 'policy.json'), JSON.stringify(policy));
const nonce = () => client.getTransactionCount({ address: account });

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build:ts` before this test');
  home = mkdtempSync(join(tmpdir(), 'lucid-explain-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  const devnet = JSON.parse(started.stdout) as { rpcUrl: string; contracts: Record<string, Address> };
  client = createPublicClient({ transport: http(devnet.rpcUrl) });
  router = devnet.contracts.uniswapV2Router!;
}, 120_000);

afterAll(async () => {
  if (home) {
    await lucid(['devnet', 'stop']);
    rmSync(home, { recursive: true, force: true });
  }
});

type Violation = { rule: string; key: string; limit: string; actual: string; fix: string; message: string };

/** Runs `words`, expects a policy refusal with nothing signed, and returns its explained violations. */
async function refused(words: string, args: string[] = []): Promise<Violation[]> {
  const before = await nonce();
  const result = await lucid(['--yes', '--json', ...args, words]);
  expect(result.code, result.stderr).toBe(3);
  const error = JSON.parse(result.stdout).error as { code: string; violations: Violation[] };
  expect(error.code).toBe('POLICY_VIOLATION');
  expect(await nonce()).toBe(before);
  return error.violations;
}

/** The `lucid policy set|add|remove …` a fix names (up to its note in parentheses), run through the program as written. */
async function applyFix(fix: string): Promise<void> {
  const command = /lucid (policy (?:set|add|remove) .*?)(?: {2}\(|$)/.exec(fix);
  expect(command, fix).not.toBeNull();
  const result = await lucid(command![1]!.trim().split(/\s+/));
  expect(result.code, result.stderr).toBe(0);
}

async function explainLast(): Promise<{ run: { id: number; text: string }; refusedByPolicy: boolean; violations: (Violation & { now?: string })[] }> {
  const result = await lucid(['policy', 'explain', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('every policy rule explains its refusal and names a fix that works', () => {
  const cases: { rule: string; policy: () => object; words: () => string; expected: () => Partial<Violation>; setup?: () => Promise<void>; args?: string[] }[] = [
    {
      rule: 'maxPerTx',
      policy: () => ({ maxPerTx: { ETH: '0.05' } }),
      words: () => `send 0.1 ETH to ${recipient}`,
      expected: () => ({ key: 'maxPerTx.ETH', limit: '0.05 ETH per transaction', actual: '0.1 ETH', fix: expect.stringContaining('lucid policy set maxPerTx.ETH 0.1') }),
    },
    {
      rule: 'maxPerDay',
      policy: () => ({ maxPerDay: { ETH: '0.15' } }),
      // The first 0.1 ETH is signed and counts towards the day; the second would bring it to 0.2.
      setup: async () => {
        const first = await lucid(['--yes', '--json', `send 0.1 ETH to ${recipient}`]);
        expect(first.code, first.stderr).toBe(0);
      },
      words: () => `send 0.1 ETH to ${recipient}`,
      expected: () => ({ key: 'maxPerDay.ETH', limit: '0.15 ETH per day', actual: expect.stringMatching(/^0\.2 ETH today \(0\.1 ETH already spent/), fix: expect.stringContaining('lucid policy set maxPerDay.ETH 0.2') }),
    },
    {
      rule: 'allowedContracts',
      policy: () => ({ allowedContracts: [recipient] }),
      words: () => 'swap 0.1 ETH for USDC',
      args: ['--agent', 'uniswap-v2'],
      expected: () => ({ key: 'allowedContracts', limit: `only ${recipient}`, actual: `calls ${router}`, fix: `lucid policy add allowedContracts ${router}` }),
    },
    {
      rule: 'blockedContracts',
      policy: () => ({ blockedContracts: [recipient] }),
      words: () => `send 0.01 ETH to ${recipient}`,
      expected: () => ({ key: 'blockedContracts', limit: `blocked: ${recipient}`, actual: `calls ${recipient}`, fix: `lucid policy remove blockedContracts ${recipient}` }),
    },
    {
      rule: 'allowedTokens',
      policy: () => ({ allowedTokens: ['USDC'] }),
      words: () => `send 0.01 ETH to ${recipient}`,
      expected: () => ({ key: 'allowedTokens', limit: 'only USDC', actual: 'moves or approves ETH', fix: 'lucid policy add allowedTokens ETH' }),
    },
    {
      rule: 'blockedTokens',
      policy: () => ({ blockedTokens: ['ETH'] }),
      words: () => `send 0.01 ETH to ${recipient}`,
      expected: () => ({ key: 'blockedTokens', limit: 'blocked: ETH', actual: 'moves or approves ETH', fix: 'lucid policy remove blockedTokens ETH' }),
    },
    {
      rule: 'allowUnlimitedApprovals',
      policy: () => ({}),
      words: () => `approve unlimited USDC to ${recipient}`,
      expected: () => ({ key: 'allowUnlimitedApprovals', limit: 'false', actual: 'an unlimited approval of USDC', fix: expect.stringContaining('lucid policy set allowUnlimitedApprovals true') }),
    },
  ];

  test.each(cases)('$rule', async ({ rule, policy, words, expected, setup, args = [] }) => {
    setPolicy(policy());
    await setup?.();
    const violations = await refused(words(), args);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule, ...expected() });

    // `policy explain` names the same rule, value, amount and fix for the newest refused run.
    const explained = await explainLast();
    expect(explained.refusedByPolicy).toBe(true);
    expect(explained.violations[0]).toMatchObject({ rule: violations[0]!.rule, key: violations[0]!.key, limit: violations[0]!.limit, actual: violations[0]!.actual, fix: violations[0]!.fix });

    // The fix it names is one a person can run, and it lets the same request through the policy.
    await applyFix(violations[0]!.fix);
    const again = await lucid(['--dry-run', '--json', ...args, words()]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 120_000);
});

describe('lucid policy explain', () => {
  test('a run id explains that run in plain text: the rule, its value now, what the plan did, and the command', async () => {
    setPolicy({ maxPerTx: { ETH: '0.05' } });
    await refused(`send 0.2 ETH to ${recipient}`);
    const { run } = await explainLast();
    await lucid(['policy', 'set', 'maxPerTx.ETH', '0.07']);
    const result = await lucid(['policy', 'explain', String(run.id)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Run #${run.id} ("send 0.2 ETH to ${recipient}") was refused by policy`);
    expect(result.stdout).toMatch(/rule\s+0\.05 ETH per transaction/);
    expect(result.stdout).toMatch(/now\s+0\.07 ETH/);
    expect(result.stdout).toMatch(/this plan\s+0\.2 ETH/);
    expect(result.stdout).toMatch(/to change\s+lucid policy set maxPerTx\.ETH 0\.2/);
  }, 60_000);

  test('a run that was not refused by policy says so; an unknown or malformed id is bad input (exit 2)', async () => {
    setPolicy({});
    const ok = await lucid(['--dry-run', '--json', `send 0.01 ETH to ${recipient}`]);
    expect(ok.code, ok.stderr).toBe(0);
    const runId = JSON.parse(ok.stdout).runId as number;
    const result = await lucid(['policy', 'explain', String(runId), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ run: { id: runId }, refusedByPolicy: false, violations: [] });
    const missing = await lucid(['policy', 'explain', '99999', '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe('RUN_NOT_FOUND');
    const malformed = await lucid(['policy', 'explain', 'last']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('not a run id');
  }, 60_000);
});
