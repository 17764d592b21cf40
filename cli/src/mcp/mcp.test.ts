/**
 * `lucid mcp` driven by the MCP SDK's own Client over a real StdioClientTransport that spawns bin/lucid.js,
 * against a real devnet: the tools an assistant sees (words only, no calldata), a plan within the machine
 * policy executed (nonce +1), one beyond it waiting for `lucid approve` (nothing signed until the person
 * agrees), and unsafe plans refused with the same reasons the CLI gives. Needs `npm run build:ts` first.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const stranger: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const env = { OPENAI_API_KEY: '', LUCID_MODEL: '' };

let home: string;
let client: ReturnType<typeof createPublicClient>;
let mcp: Client;
const lucid = (args: string[]) => spawnLucid(args, { home, entry: 'bin', env });
const nonce = () => client.getTransactionCount({ address: account });

type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[] };
const call = async (name: string, args: Record<string, unknown>) => (await mcp.callTool({ name, arguments: args })) as ToolResult;

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build:ts` before this test');
  home = mkdtempSync(join(tmpdir(), 'lucid-mcp-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  client = createPublicClient({ transport: http(JSON.parse(started.stdout).rpcUrl) });
  // The machine policy, set as a person would with `lucid policy … --mcp`: the assistant may send up to
  // 0.5 ETH (1 ETH a day) to `recipient` on its own.
  for (const args of [['set', '--mcp', 'maxPerTx.ETH', '0.5'], ['set', 'maxPerDay.ETH', '1', '--mcp'], ['add', '--mcp', 'allowedActions', 'transfer'], ['add', '--mcp', 'allowedRecipients', recipient]]) {
    const set = await lucid(['policy', ...args]);
    expect(set.code, set.stderr).toBe(0);
  }
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env, LUCID_HOME: home, NO_COLOR: '1' })) if (value !== undefined) childEnv[key] = value;
  mcp = new Client({ name: 'lucid-test', version: '1.0.0' });
  await mcp.connect(new StdioClientTransport({ command: process.execPath, args: [join(repoRoot, 'bin', 'lucid.js'), 'mcp'], env: childEnv, cwd: repoRoot, stderr: 'ignore' }));
}, 120_000);

afterAll(async () => {
  await mcp?.close();
  if (home) {
    await lucid(['devnet', 'stop']);
    rmSync(home, { recursive: true, force: true });
  }
});

describe('lucid mcp', () => {
  test('the tools: words in, plan ids out; every input field described; none takes calldata', async () => {
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['balances', 'execute_plan', 'history', 'parse_intent', 'simulate_intent']);
    for (const tool of tools) {
      const properties = (tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [name, field] of Object.entries(properties)) {
        expect(field.description, `${tool.name}.${name}`).toBeTruthy();
        expect(name).not.toMatch(/data|calldata|to$|value|tx/i);
      }
    }
    const parsed = await call('parse_intent', { text: `send 0.1 ETH to ${recipient}` });
    expect(parsed.structuredContent).toMatchObject({ intents: [{ action: 'transfer', amount: '0.1', token: 'ETH', to: recipient }] });
  }, 60_000);

  test('behavior: a plan within the machine policy is executed after simulation (nonce +1, the recipient gets it)', async () => {
    const simulated = await call('simulate_intent', { text: `send 0.1 ETH to ${recipient}` });
    expect(simulated.isError, JSON.stringify(simulated.content)).toBeFalsy();
    const { planId, review, execution } = simulated.structuredContent as { planId: string; review: { simulation: { balanceChanges: { symbol: string; diff: string }[] } }; execution: { needsYourConfirmation: boolean } };
    expect(planId).toMatch(/^[0-9a-f]{16}$/);
    expect(execution.needsYourConfirmation).toBe(false);
    expect(review.simulation.balanceChanges.some((c) => c.symbol === 'ETH' && c.diff === '-100000000000000000')).toBe(true);
    const before = { nonce: await nonce(), recipient: await client.getBalance({ address: recipient }) };
    const executed = await call('execute_plan', { planId });
    expect(executed.isError, JSON.stringify(executed.content)).toBeFalsy();
    expect(executed.structuredContent).toMatchObject({ status: 'confirmed', transactions: [{ status: 'confirmed' }] });
    expect(await nonce()).toBe(before.nonce + 1);
    expect((await client.getBalance({ address: recipient })) - before.recipient).toBe(parseEther('0.1'));
    // A plan is executed once.
    const again = await call('execute_plan', { planId });
    expect(again.isError).toBe(true);
    expect(await nonce()).toBe(before.nonce + 1);
  }, 120_000);

  test('behavior: beyond the machine policy the plan waits for `lucid approve`, which signs it after the person agrees', async () => {
    const simulated = await call('simulate_intent', { text: `send 0.8 ETH to ${recipient}` });
    const { planId } = simulated.structuredContent as { planId: string };
    const before = await nonce();
    const executed = await call('execute_plan', { planId });
    expect(executed.isError).toBeFalsy();
    expect(executed.structuredContent).toMatchObject({
      status: 'needs-your-confirmation',
      command: `lucid approve ${planId}`,
      reasons: [{ rule: 'maxPerTx', limit: '0.5 ETH per transaction', actual: '0.8 ETH' }],
    });
    expect(executed.content[0]?.text).toContain(`lucid approve ${planId}`);
    expect(await nonce()).toBe(before);

    // Another recipient and another action wait too, each with its reason.
    const strangerPlan = (await call('simulate_intent', { text: `send 0.1 ETH to ${stranger}` })).structuredContent as { planId: string };
    expect((await call('execute_plan', { planId: strangerPlan.planId })).structuredContent).toMatchObject({ status: 'needs-your-confirmation', reasons: [{ rule: 'allowedRecipients', actual: stranger }] });
    const swapPlan = (await call('simulate_intent', { text: 'swap 0.1 ETH for USDC' })).structuredContent as { planId: string };
    expect((await call('execute_plan', { planId: swapPlan.planId })).structuredContent).toMatchObject({ status: 'needs-your-confirmation', reasons: expect.arrayContaining([expect.objectContaining({ rule: 'allowedActions', actual: 'swap' })]) });
    expect(await nonce()).toBe(before);

    // The person approves in a terminal (here: --yes, as no terminal is attached): signed once.
    const approved = await lucid(['approve', planId, '--yes', '--json']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ status: 'confirmed', intents: [{ action: 'transfer', amount: '0.8' }] });
    expect(await nonce()).toBe(before + 1);
    expect((await lucid(['approve', planId, '--yes'])).code).toBe(2);
  }, 180_000);

  test('unsafe plans are refused with the same reasons the CLI gives', async () => {
    const before = await nonce();
    // The person's policy refuses it: the same error, rule, value, amount and fix as `lucid --json`.
    writeFileSync(join(home, 'policy.json'), JSON.stringify({ blockedContracts: [recipient] }));
    const refused = await call('simulate_intent', { text: `send 0.1 ETH to ${recipient}` });
    const cli = await lucid(['--yes', '--json', `send 0.1 ETH to ${recipient}`]);
    expect(cli.code).toBe(3);
    expect(refused.isError).toBe(true);
    const cliError = JSON.parse(cli.stdout).error;
    expect(refused.structuredContent).toEqual({ error: cliError });
    expect(cliError.violations[0]).toMatchObject({ rule: 'blockedContracts', fix: `lucid policy remove blockedContracts ${recipient}` });
    writeFileSync(join(home, 'policy.json'), '{}');

    // A danger flag always needs the person, whatever the machine policy allows.
    writeFileSync(join(home, 'mcp-policy.json'), JSON.stringify({ allowedActions: ['swap'], maxPerTx: { ETH: '5' }, maxPerDay: { ETH: '5' }, allowedRecipients: [] }));
    const risky = (await call('simulate_intent', { text: 'swap 1 ETH for USDC with 25% slippage' })).structuredContent as { planId: string; review: { risks: { level: string; message: string }[] } };
    const danger = risky.review.risks.find((r) => r.level === 'danger')!;
    expect(danger.message).toMatch(/slippage/i);
    const executed = await call('execute_plan', { planId: risky.planId });
    expect(executed.structuredContent).toMatchObject({ status: 'needs-your-confirmation', reasons: [{ rule: 'danger', message: `danger: ${danger.message}` }] });
    const cliDanger = await lucid(['--yes', '--json', 'swap 1 ETH for USDC with 25% slippage']);
    expect(JSON.parse(cliDanger.stdout).error.details).toContain(`danger: ${danger.message}`);
    expect(await nonce()).toBe(before);
  }, 180_000);

  test('balances and history answer from the same home', async () => {
    const balances = await call('balances', {});
    expect(balances.structuredContent).toMatchObject({ account, chainId: 31337 });
    expect((balances.structuredContent!.balances as { symbol: string }[]).map((b) => b.symbol)).toContain('ETH');
    const history = await call('history', { limit: 50 });
    const runs = history.structuredContent!.runs as { text: string; status: string }[];
    expect(runs.some((run) => run.text === `send 0.1 ETH to ${recipient}` && run.status === 'confirmed')).toBe(true);
  }, 60_000);
});
