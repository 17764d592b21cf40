/**
 * A private key never leaves the keystore in plain text: it is imported through the CLI from stdin,
 * used to sign a real transaction on the devnet, and then every byte lucid printed (stdout and stderr of
 * every command), the SQLite database (with its WAL) and every file under $LUCID_HOME is searched for the
 * key in the encodings it could leak in.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnLucid } from '../test-utils/spawn.js';

// A fresh key made for this test (not one of anvil's well-known ones).
const key = `0x${'5c1f'.repeat(16)}` as const;
const keyAccount = privateKeyToAccount(key);
const password = 'correct horse battery staple';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

let home: string;
const printed: string[] = [];

async function lucid(args: string[], stdin = '') {
  const result = await spawnLucid(args, {
    home,
    entry: 'bin',
    input: stdin,
    env: { LUCID_PASSWORD: password, OPENAI_API_KEY: '', LUCID_MODEL: '' },
  });
  printed.push(result.stdout, result.stderr);
  return result;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lucid-secrets-'));
});
afterAll(async () => {
  await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
});

test('behavior: the key signs on the devnet, yet appears in no output, no database row and no file', async () => {
  const imported = await lucid(['wallet', 'import', 'main', '--private-key-stdin', '--json'], `${key}\n`);
  expect(imported.code, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout).wallet.address).toBe(keyAccount.address);

  const started = await lucid(['devnet', 'start', '--json']);
  const client = createPublicClient({ transport: http(JSON.parse(started.stdout).rpcUrl) });
  await client.request({ method: 'anvil_setBalance' as never, params: [keyAccount.address, `0x${parseEther('10').toString(16)}`] as never });

  const sent = await lucid(['--yes', '--json', '--account', 'main', `send 1 ETH to ${recipient}`]);
  expect(sent.code, sent.stderr).toBe(0);
  expect(JSON.parse(sent.stdout).account).toBe(keyAccount.address);
  expect(await client.getTransactionCount({ address: keyAccount.address })).toBe(1);

  await lucid(['history', '--json']);
  await lucid(['wallet', 'list', '--json']);
  await lucid(['devnet', 'stop']);

  const hex = key.slice(2);
  const needles = [hex, hex.toUpperCase(), Buffer.from(hex, 'hex').toString('base64'), Buffer.from(hex, 'hex').toString('base64url')];
  const haystacks: [string, string][] = [
    ...printed.map((text, i) => [`output #${i}`, text] as [string, string]),
    ...filesUnder(home).map((path) => [path, readFileSync(path).toString('latin1')] as [string, string]),
  ];
  expect(haystacks.some(([where]) => where.endsWith('lucid.db'))).toBe(true);
  for (const [where, text] of haystacks) for (const needle of needles) expect(text.includes(needle), `${where} contains the key`).toBe(false);
  // the raw key bytes must not sit in any file either (binary SQLite pages, state dumps)
  const raw = Buffer.from(hex, 'hex');
  for (const path of filesUnder(home)) expect(readFileSync(path).includes(raw), `${path} contains the raw key bytes`).toBe(false);
});
