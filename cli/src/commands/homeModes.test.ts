/**
 * Everything Lucid writes under $LUCID_HOME is the user's alone (files 0600, directories 0700), also when
 * the home already existed with 0755 — the database and its WAL, the policy, the config, the keystores and
 * the devnet's files. Through the real binary. Needs `npm run build:ts` first.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { spawnLucid } from '../test-utils/spawn.js';

const home = mkdtempSync(join(tmpdir(), 'lucid-modes-'));
const env = { OPENAI_API_KEY: '', LUCID_MODEL: '', LUCID_PASSWORD: 'correct horse battery staple' };
const lucid = (args: string[], input = '') => spawnLucid(args, { home, entry: 'bin', env, input });

afterAll(async () => {
  await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
});

function entriesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? [path, ...entriesUnder(path)] : [path];
  });
}

test.skipIf(process.platform === 'win32')('behavior: in a pre-existing 0755 home every file Lucid creates is 0600 and every directory 0700', async () => {
  chmodSync(home, 0o755);
  expect((await lucid(['policy', 'set', 'maxPerTx.ETH', '5'])).code).toBe(0);
  expect((await lucid(['config', 'set', 'parser', 'grammar'])).code).toBe(0);
  const imported = await lucid(['wallet', 'import', 'main', '--private-key-stdin'], `0x${'7e3a'.repeat(16)}\n`);
  expect(imported.code, imported.stderr).toBe(0);
  const sent = await lucid(['--yes', '--json', 'send 0.01 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8']);
  expect(sent.code, sent.stderr).toBe(0);
  // The WAL and shared-memory files exist while a connection is open; history after a run opens one again.
  expect((await lucid(['history', '--json'])).code).toBe(0);

  const entries = entriesUnder(home);
  const names = entries.map((path) => path.slice(home.length + 1));
  expect(names).toEqual(expect.arrayContaining(['lucid.db', 'policy.json', 'config.json']));
  expect(names.some((name) => name.endsWith('.json') && name.includes('wallet') || name.includes('keystore'))).toBe(true);
  for (const path of entries) {
    const mode = statSync(path).mode & 0o777;
    const wanted = statSync(path).isDirectory() ? 0o700 : 0o600;
    expect(mode & 0o077, `${path.slice(home.length + 1)} is ${mode.toString(8)}, not ${wanted.toString(8)}`).toBe(0);
  }
}, 120_000);
