/**
 * The extended intent contract through the real binary on a real devnet: which parser understood the words
 * (and that `--yes` alone never signs a reading only the LLM made), previews that are never signed, notes
 * and corrections shown in the review. The LLM is a scripted OpenAI-compatible server started here, reached
 * over real HTTP by the real client in the child process. Needs `npm run build` first.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, type Address } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../../../router/src/llm/testing/openaiServer.js';
import { repoRoot as root, spawnLucid } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

let home: string;
let server: OpenAiTestServer;
let client: ReturnType<typeof createPublicClient>;

const lucid = (args: string[]) =>
  spawnLucid(args, { home, entry: 'bin', env: { OPENAI_BASE_URL: server.baseUrl, LUCID_MODEL: 'scripted', OPENAI_API_KEY: '', LUCID_PARSER: undefined } });
const nonce = () => client.getTransactionCount({ address: account });
const transfer = { action: 'transfer', amount: '0.1', token: 'ETH', to: recipient };

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build` before this test');
  server = await startOpenAiServer();
  home = mkdtempSync(join(tmpdir(), 'lucid-reading-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  client = createPublicClient({ transport: http((JSON.parse(started.stdout) as { rpcUrl: string }).rpcUrl) });
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
    server.enqueue({ kind: 'toolCall', arguments: { intents: [transfer] } });
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
