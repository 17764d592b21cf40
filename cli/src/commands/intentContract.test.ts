/**
 * The extended intent contract through the real binary on a real devnet: which parser understood the words
 * (and that `--yes` alone never signs a reading only the LLM made), previews that are never signed, notes
 * and corrections shown in the review, venues that narrow the competition, lending and dollar amounts
 * refused by name, and an amount taken from what the step before produced. The LLM is a scripted OpenAI-compatible server started here, reached
 * over real HTTP by the real client in the child process. Needs `npm run build` first.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, erc20Abi, http, type Address } from 'viem';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../../../router/testing.js';
import { repoRoot as root, spawnLucid } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

let home: string;
let server: OpenAiTestServer;
let client: ReturnType<typeof createPublicClient>;
let usdc: Address;

const lucid = (args: string[]) =>
  spawnLucid(args, { home, entry: 'bin', env: { OPENAI_BASE_URL: server.baseUrl, LUCID_MODEL: 'scripted', OPENAI_API_KEY: '', LUCID_PARSER: undefined } });
const nonce = () => client.getTransactionCount({ address: account });
const transfer = { action: 'transfer', amount: '0.1', token: 'ETH', to: recipient };

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build` before this test');
  server = await startOpenAiServer();
  home = mkdtempSync(join(tmpdir(), 'lucid-contract-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  const devnet = JSON.parse(started.stdout) as { rpcUrl: string; tokens: { symbol: string; address: Address }[] };
  client = createPublicClient({ transport: http(devnet.rpcUrl) });
  usdc = devnet.tokens.find((token) => token.symbol === 'USDC')!.address;
});

afterAll(async () => {
  if (home) {
    await lucid(['devnet', 'stop']);
    rmSync(home, { recursive: true, force: true });
  }
  await server?.close();
});

beforeEach(() => {
  server.requests.length = 0;
});

afterEach(() => {
  // Every scripted answer was asked for: a test that leaves one behind would feed the next test a wrong one.
  expect(server.pending()).toBe(0);
});

describe('which parser understood the words', () => {
  // "zorblax" is a word no grammar accounts for, so only the LLM reads this request.
  const llmOnly = `zorblax 0.1 ETH to ${recipient} for the rent`;

  test('--yes does not sign a reading only the LLM made: exit 3, the reading shown, nothing signed', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [transfer], notes: ['for the rent'] } });
    const before = await nonce();
    const result = await lucid(['--yes', llmOnly]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toMatch(/Read by the LLM/);
    expect(result.stdout).toMatch(/Note: "for the rent"/);
    expect(result.stderr).toMatch(/--yes does not sign a reading only the LLM made/);
    expect(server.requests).toHaveLength(1);
    expect(await nonce()).toBe(before);
  });

  test('--json says so too: parser, grounding, notes, and the refusal code', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [transfer], notes: ['for the rent'] } });
    const dry = await lucid(['--dry-run', '--json', llmOnly]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'simulated', parser: 'llm', grounding: 'roles', notes: ['for the rent'] });

    server.enqueue({ kind: 'toolCall', arguments: { intents: [transfer] } });
    const before = await nonce();
    const signed = await lucid(['--yes', '--json', llmOnly]);
    expect(signed.code).toBe(3);
    expect(JSON.parse(signed.stdout).error.code).toBe('LLM_READING_NEEDS_A_PERSON');
    expect(await nonce()).toBe(before);
  });

  test('a reading the grammar made says so and is signed with --yes', async () => {
    const before = await nonce();
    const result = await lucid(['--yes', '--json', `send 0.1 ETH to ${recipient}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'confirmed', parser: 'grammar', grounding: 'words' });
    expect(server.requests).toHaveLength(0);
    expect(await nonce()).toBe(before + 1);
  });

  test('spelling corrections are shown with the reading', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [transfer], corrections: [{ from: 'ethh', to: 'ETH' }] } });
    const result = await lucid(['--dry-run', `zorblax 0.1 ethh to ${recipient}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Read "ethh" as "ETH"\./);
  });
});

describe('a request only to look', () => {
  test('is shown and never signed, even with --yes: exit 0, recorded as a preview', async () => {
    // The grammar reads this one (a preview); the LLM is not asked.
    const before = await nonce();
    const text = `simulate sending 0.1 ETH to ${recipient} but don't sign it`;
    const result = await lucid(['--yes', '--json', text]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ status: 'preview', preview: true });
    expect(json.simulation.balanceChanges.length).toBeGreaterThan(0);
    expect(json.transactions).toEqual([]);
    expect(await nonce()).toBe(before);
    const history = JSON.parse((await lucid(['history', '--json', '--limit', '1'])).stdout);
    expect(history.runs[0]).toMatchObject({ text, status: 'preview' });
  });

  test('the plain review says it is a preview', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [transfer] } });
    const result = await lucid(['--yes', `quote zorblax 0.1 ETH to ${recipient}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Preview: you asked only to look; nothing will be signed\./);
    expect(result.stderr).toMatch(/preview: nothing was signed/);
  });
});

/** Runs `text` with --dry-run --json, the scripted model answering `intents`. */
async function dryRun(text: string, ...intents: Record<string, unknown>[]) {
  server.enqueue({ kind: 'toolCall', arguments: { intents } });
  const result = await lucid(['--dry-run', '--json', text]);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

describe('a venue the user names', () => {
  const swap = { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' };

  test('restricts the competition to the agents serving it', async () => {
    const uniswap = await dryRun('zorblax swap 1 ETH for USDC on uniswap', { ...swap, venue: 'uniswap' });
    expect(uniswap.code, uniswap.stderr).toBe(0);
    expect(uniswap.json.steps[0].candidates.map((c: { agentId: string }) => c.agentId).sort()).toEqual(['uniswap-v2', 'uniswap-v3']);
    const fork = await dryRun('zorblax swap 1 ETH for USDC via the v2 fork', { ...swap, venue: 'v2-fork' });
    expect(fork.code, fork.stderr).toBe(0);
    expect(fork.json.steps[0].candidates.map((c: { agentId: string }) => c.agentId)).toEqual(['v2-fork']);
  });

  test('an unknown venue is refused by name: exit 2, nothing signed', async () => {
    const before = await nonce();
    const result = await dryRun('zorblax swap 1 ETH for USDC through balancer', { ...swap, venue: 'balancer' });
    expect(result.code).toBe(2);
    expect(result.json.error).toMatchObject({ code: 'UNKNOWN_VENUE', message: 'no agent serves balancer here' });
    expect(await nonce()).toBe(before);
  });

  test('a venue that does not serve the action is refused by name', async () => {
    const result = await dryRun('zorblax stake 1 stETH on uniswap', { action: 'stake', amount: '1', token: 'stETH', venue: 'uniswap' });
    expect(result.code).toBe(2);
    expect(result.json.error.message).toBe('no agent serves uniswap here');
  });
});

describe('lending, and what no agent here can do', () => {
  test('supply is served by the Aave agent on the devnet; withdraw with no position is refused by it: exit 2', async () => {
    const supply = await dryRun('zorblax supply 100 USDC', { action: 'supply', amount: '100', token: 'USDC' });
    expect(supply.code, supply.stderr).toBe(0);
    expect(supply.json.steps[0].agent).toBe('aave');
    const withdraw = await dryRun('zorblax withdraw 100 USDC', { action: 'withdraw', amount: '100', token: 'USDC' });
    expect(withdraw.code).toBe(2);
    expect(withdraw.json.error.message).toMatch(/you have no USDC supplied to Aave V3/);
  });

  test('a dollar amount is refused naming the missing price: exit 2', async () => {
    const result = await dryRun('zorblax swap $50 worth of ETH for USDC', { action: 'swap', amountUsd: '50', token: 'ETH', tokenOut: 'USDC' });
    expect(result.code).toBe(2);
    expect(result.json.error).toMatchObject({ code: 'NO_PRICE' });
    expect(result.json.error.message).toMatch(/^no price is known for ETH here/);
  });
});

describe('an amount taken from the step before', () => {
  test('"then send it" sends what the swap produced in simulation, and the review says where it came from', async () => {
    const result = await dryRun(
      `zorblax swap 1 ETH for USDC then send it to ${recipient}`,
      { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' },
      { action: 'transfer', amount: 'previous', token: 'USDC', to: recipient },
    );
    expect(result.code, result.stderr).toBe(0);
    type Change = { address: string; symbol: string; diff: string };
    const changes = result.json.simulation.balanceChanges as Change[];
    const usdcOf = (who: string) => BigInt(changes.find((c) => c.address.toLowerCase() === who.toLowerCase() && c.symbol === 'USDC')?.diff ?? '0');
    // Everything the swap produced went on to the recipient: the account ends with no more USDC than before.
    expect(usdcOf(recipient)).toBeGreaterThan(2_000_000_000n);
    expect(usdcOf(account)).toBe(0n);
    expect(result.json.steps[1].amountFrom).toMatch(/USDC, what step 1 produced in its simulation/);
  });

  test('a reference to a token the step before did not produce is refused naming both', async () => {
    const result = await dryRun(
      `zorblax swap 1 ETH for USDC then send that DAI to ${recipient}`,
      { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' },
      { action: 'transfer', amount: 'previous', token: 'DAI', to: recipient },
    );
    expect(result.code).toBe(2);
    expect(result.json.error.message).toMatch(/step 1 produces no DAI \(it produces [\d.,]+ USDC\)/);
  });
});

describe('the same contract, read by the grammar (no model involved)', () => {
  test('"swap 1 ETH for USDC then send it to …" with --yes: the recipient gets exactly what the swap produced', async () => {
    const usdcOf = (who: Address) => client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
    const [mineBefore, theirsBefore] = [await usdcOf(account), await usdcOf(recipient)];
    const result = await lucid(['--yes', '--json', `swap 1 ETH for USDC then send it to ${recipient}`]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ status: 'confirmed', parser: 'grammar', grounding: 'words' });
    expect(json.steps[1].amountFrom).toMatch(/what step 1 produced in its simulation/);
    expect(server.requests).toHaveLength(0);
    const [mineAfter, theirsAfter] = [await usdcOf(account), await usdcOf(recipient)];
    expect(theirsAfter - theirsBefore).toBeGreaterThan(2_000_000_000n);
    expect(mineAfter).toBe(mineBefore);
  });

  test('a venue nobody serves, read by the grammar, is refused by name', async () => {
    const result = await lucid(['--yes', 'swap 1 ETH for USDC through balancer']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no agent serves balancer here/);
  });

  test('notes, corrections and a preview read by the grammar are shown, and the preview is not signed', async () => {
    const before = await nonce();
    const result = await lucid(['--yes', `quote sending 5 usdcc to ${recipient} for the rent`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Read by the grammar/);
    expect(result.stdout).toMatch(/Note: "for the rent"/);
    expect(result.stdout).toMatch(/Read "usdcc" as "USDC"\./);
    expect(result.stdout).toMatch(/Preview: you asked only to look/);
    expect(await nonce()).toBe(before);
  });
});
