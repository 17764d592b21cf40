/**
 * The command-line conventions people's fingers and scripts rely on (clig.dev; Foundry's `cast` as the
 * peer), through the spawned program. None of these needs a chain: none may start a devnet either.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnLucid } from '../test-utils/spawn.js';
import { version } from '../version.js';

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-conventions-'));
});
afterAll(async () => {
  // none of these may start a devnet; if one did, stop it before failing
  const started = existsSync(join(home, 'devnet', 'devnet.json'));
  if (started) await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
  expect(started).toBe(false);
});

const lucid = (argv: string[], options: { devNull?: boolean; input?: string } = {}) =>
  spawnLucid(argv, { home, entry: 'bin', devNull: options.devNull, input: options.input, env: { OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '' } });

describe('usage errors', () => {
  test('an unknown option inside a subcommand exits 2, and with --json says so in JSON on stdout', async () => {
    const result = await lucid(['history', '--json', '--bogus']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'BAD_USAGE', message: expect.stringContaining('--bogus') } });
  });

  test('a missing argument of a nested command exits 2', async () => {
    const result = await lucid(['contacts', 'add', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'BAD_USAGE' } });
  });

  test('--limit 0 gets a message that says what to give instead', async () => {
    const result = await lucid(['history', '--limit', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--limit: how many intents to show, 1 or more/);
  });

  test('`lucid --json` with nothing to do is a usage error in JSON, not help text on stdout', async () => {
    const result = await lucid(['--json'], { devNull: true });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'NOTHING_TO_DO' } });
  });
});

describe('words that are not intents', () => {
  test('`lucid help` and `lucid help <command>` print help', async () => {
    const root = await lucid(['help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/^Usage: lucid \[options\] \[command\] \[intent\.\.\.\]/);
    const history = await lucid(['help', 'history']);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/^Usage: lucid history \[options\]/);
  });

  test('`lucid version` prints the version, as --version does', async () => {
    const [word, flag] = await Promise.all([lucid(['version']), lucid(['--version'])]);
    expect(word.stdout.trim()).toBe(version);
    expect(flag.stdout.trim()).toBe(version);
  });

  test('a mistyped command is answered with the command it resembles, without starting a devnet', async () => {
    const result = await lucid(['histroy']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'histroy' (did you mean history?)");
    expect(result.stderr).not.toMatch(/devnet/);
    const json = await lucid(['emisions', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'UNKNOWN_COMMAND', message: expect.stringContaining('did you mean emissions?') } });
  });
});

describe('help texts', () => {
  test('read as English, and show each default once', async () => {
    const agent = await lucid(['agent', '--help']);
    expect(agent.stdout).not.toMatch(/\ba agent\b/);
    expect(agent.stdout).toMatch(/an agent entry/);
    const texts = await Promise.all([['agent', 'serve', '--help'], ['history', '--help'], ['--help']].map((argv) => lucid(argv)));
    for (const { stdout } of texts) for (const line of stdout.split('\n')) expect(line.match(/\(default/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
  });
});

describe('tables', () => {
  test('`lucid agents` lines up: every column starts at the same place on every row', async () => {
    const result = await lucid(['agents']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n');
    expect(rows.length).toBeGreaterThan(3);
    // the chain column ("any chain" for the built-ins) starts at one column on every row
    const starts = new Set(rows.map((row) => row.indexOf('any chain')));
    expect(starts.size).toBe(1);
  });
});
