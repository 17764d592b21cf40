/**
 * What the user's words, an RPC, an agent or an LLM may NOT do, through the real binary: make history keep
 * a 100 KB row, make a secret reach a parser, the terminal or the database, or put control characters on
 * the user's screen. Needs `npm run build:ts` first (npm test does it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const noLlm = { OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '' };
let home: string;
const lucid = (args: string[], env: Record<string, string> = {}) => spawnLucid(args, { home, entry: 'bin', env: { ...noLlm, ...env } });

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build:ts` before this test');
  home = mkdtempSync(join(tmpdir(), 'lucid-guards-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  if (!home) return;
  await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
});

test('behavior: words that do not parse are kept in history bounded and marked truncated', async () => {
  const words = `send ${'lots of words that mean nothing '.repeat(3_000)}`;
  expect(words.length).toBeGreaterThan(90_000);
  const failed = await lucid(['--yes', '--json', words]);
  expect(failed.code).toBe(2);
  const history = await lucid(['history', '--json']);
  const [run] = JSON.parse(history.stdout).runs as { text: string; status: string; error?: { message: string } }[];
  expect(run?.status).toBe('failed');
  expect(run!.text.length).toBeLessThanOrEqual(600);
  expect(run!.text).toMatch(/truncated: \d+ characters/);
  expect(run!.text.startsWith('send lots of words')).toBe(true);
  expect((run!.error?.message ?? '').length).toBeLessThanOrEqual(1_100);
});
