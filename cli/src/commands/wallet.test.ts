import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnLucid } from '../test-utils/spawn.js';

// anvil's well-known public test key #0 and mnemonic: public, fine in a test.
const key = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const keyHex = key.slice(2);
const mnemonic = 'test test test test test test test test test test test junk';
const address0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const password = 'correct-horse-battery';

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-wallet-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const lucid = (argv: string[], options: { input?: string; env?: Record<string, string | undefined> } = {}) =>
  spawnLucid(argv, { home, input: options.input, env: { LUCID_PASSWORD: password, ...options.env } });

describe('lucid wallet', () => {
  test('import --private-key-stdin: stores it encrypted, prints only the address', async () => {
    const result = await lucid(['wallet', 'import', 'main', '--private-key-stdin', '--json'], { input: `${key}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ wallet: { name: 'main', address: address0 } });
    expect(result.stdout + result.stderr).not.toContain(keyHex);
    const keystore = readFileSync(join(home, 'keystores', 'main.json'), 'utf8');
    expect(keystore.toLowerCase()).not.toContain(keyHex);
    expect(keystore).not.toContain(password);
  });

  test('list and export-address read the keystore without the password', async () => {
    const list = await lucid(['wallet', 'list', '--json'], { env: { LUCID_PASSWORD: undefined } });
    expect(JSON.parse(list.stdout)).toEqual({ wallets: [{ name: 'main', address: address0 }] });
    const exported = await lucid(['wallet', 'export-address', 'main'], { env: { LUCID_PASSWORD: undefined } });
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim()).toBe(address0);
  });

  test('import --mnemonic-stdin derives the first account; the phrase is never printed or stored', async () => {
    const result = await lucid(['wallet', 'import', 'phrase', '--mnemonic-stdin'], { input: mnemonic });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(address0);
    expect(result.stdout + result.stderr).not.toContain('junk');
    expect(readFileSync(join(home, 'keystores', 'phrase.json'), 'utf8')).not.toContain('junk');
  });

  test('create: a new wallet appears in the list', async () => {
    const result = await lucid(['wallet', 'create', 'fresh', '--json']);
    expect(result.code).toBe(0);
    const { wallet } = JSON.parse(result.stdout) as { wallet: { name: string; address: string } };
    expect(wallet.name).toBe('fresh');
    expect(wallet.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const list = JSON.parse((await lucid(['wallet', 'list', '--json'])).stdout) as { wallets: { name: string }[] };
    expect(list.wallets.map((w) => w.name)).toEqual(['fresh', 'main', 'phrase']);
  });

  describe('errors', () => {
    test('no LUCID_PASSWORD and no terminal: PASSWORD_REQUIRED (exit 2), nothing written', async () => {
      const result = await lucid(['wallet', 'import', 'nopass', '--private-key-stdin', '--json'], { input: key, env: { LUCID_PASSWORD: undefined } });
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).error.code).toBe('PASSWORD_REQUIRED');
      expect(readdirSync(join(home, 'keystores'))).not.toContain('nopass.json');
    });

    test('both secret flags, or neither: an input error', async () => {
      const both = await lucid(['wallet', 'import', 'x', '--private-key-stdin', '--mnemonic-stdin'], { input: key });
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('exactly one of --private-key-stdin or --mnemonic-stdin');
      const neither = await lucid(['wallet', 'import', 'x'], { input: key });
      expect(neither.code).toBe(2);
    });

    test('a bad key is refused without echoing it', async () => {
      const bad = `0x${'zz'.repeat(32)}`;
      const result = await lucid(['wallet', 'import', 'bad', '--private-key-stdin'], { input: bad });
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('zzzz');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    test('export-address of an unknown wallet names it', async () => {
      const result = await lucid(['wallet', 'export-address', 'ghost']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('ghost');
    });
  });
});
