import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Keystore } from 'ox';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { LucidError } from '../../../kernel/index.js';
import {
  ANVIL_ACCOUNT_0,
  ANVIL_PUBLIC_TEST_KEY_0,
  createWallet,
  devnetAccount,
  exportAddress,
  importMnemonic,
  importPrivateKey,
  keystorePath,
  listWallets,
  unlockWallet,
} from './wallets.js';
import { passwordFrom } from './password.js';

// A fast scrypt cost for tests; one test below uses the default cost.
const scryptN = 2 ** 12;
const password = 'correct horse battery staple';
// A throwaway key and the standard BIP-39 test phrase: neither guards anything.
const testKey = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const testMnemonic = 'test test test test test test test test test test test junk';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'lucid-wallet-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('devnet account', () => {
  test('default: anvil #0 as a local account', () => {
    const account = devnetAccount();
    expect(account.address).toBe(ANVIL_ACCOUNT_0);
    expect(account.type).toBe('local');
  });
});

describe('keystores', () => {
  test('default: create, list, export address, unlock round-trip', async () => {
    const created = await createWallet({ home, name: 'main', password, scryptN });
    expect(await listWallets({ home })).toEqual([{ name: 'main', address: created.address }]);
    expect(await exportAddress({ home, name: 'main' })).toBe(created.address);
    const account = await unlockWallet({ home, name: 'main', password });
    expect(account.address).toBe(created.address);
    const signature = await account.signMessage({ message: 'hello' });
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
  });

  test('behavior: import a private key with or without 0x', async () => {
    const expected = privateKeyToAccount(testKey).address;
    const a = await importPrivateKey({ home, name: 'a', privateKey: testKey, password, scryptN });
    const b = await importPrivateKey({ home, name: 'b', privateKey: testKey.slice(2).toUpperCase(), password, scryptN });
    expect(a.address).toBe(expected);
    expect(b.address).toBe(expected);
    expect((await unlockWallet({ home, name: 'b', password })).address).toBe(expected);
  });

  test('behavior: import a mnemonic at the default and a custom HD path', async () => {
    const first = await importMnemonic({ home, name: 'hd0', mnemonic: testMnemonic, password, scryptN });
    expect(first.address).toBe(ANVIL_ACCOUNT_0);
    const second = await importMnemonic({ home, name: 'hd1', mnemonic: `  ${testMnemonic.toUpperCase()} `, password, path: "m/44'/60'/0'/0/1", scryptN });
    expect(second.address).toBe(mnemonicToAccount(testMnemonic, { addressIndex: 1 }).address);
    expect((await unlockWallet({ home, name: 'hd1', password })).address).toBe(second.address);
    const text = await readFile(keystorePath(home, 'hd0'), 'utf8');
    for (const word of ['test test', 'junk']) expect(text).not.toContain(word);
  });

  test('behavior: keystore file is mode 0600 and standard V3 that another implementation decrypts', async () => {
    const { address } = await importPrivateKey({ home, name: 'main', privateKey: testKey, password, scryptN });
    const path = keystorePath(home, 'main');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, 'keystores'))).mode & 0o777).toBe(0o700);
    const keystore = JSON.parse(await readFile(path, 'utf8'));
    expect(keystore).toMatchObject({ version: 3, address: address.slice(2).toLowerCase(), crypto: { cipher: 'aes-128-ctr', kdf: 'scrypt' } });
    // ox (viem's own primitives library) as an independent reader of the format.
    // toKey, not toKeyAsync: ox 0.14 toKeyAsync ignores the file's r and p.
    const key = Keystore.toKey(keystore, { password });
    expect(Keystore.decrypt(keystore, key)).toBe(testKey);
    expect(await readdir(join(home, 'keystores'))).toEqual(['main.json']);
  });

  test('behavior: reads keystores written by another implementation (scrypt and pbkdf2)', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(home, 'keystores'), { recursive: true });
    const [scryptKey, scryptOptions] = await Keystore.scryptAsync({ password, n: scryptN });
    const [pbkdf2Key, pbkdf2Options] = await Keystore.pbkdf2Async({ password, iterations: 1000 });
    await writeFile(join(home, 'keystores', 'ox-scrypt.json'), JSON.stringify(Keystore.encrypt(testKey, scryptKey, scryptOptions)));
    await writeFile(join(home, 'keystores', 'ox-pbkdf2.json'), JSON.stringify(Keystore.encrypt(testKey, pbkdf2Key, pbkdf2Options)));
    const expected = privateKeyToAccount(testKey).address;
    expect((await unlockWallet({ home, name: 'ox-scrypt', password })).address).toBe(expected);
    expect((await unlockWallet({ home, name: 'ox-pbkdf2', password })).address).toBe(expected);
  });

  test('behavior: default scrypt cost (2^18) round-trips', async () => {
    const created = await createWallet({ home, name: 'strong', password });
    const keystore = JSON.parse(await readFile(keystorePath(home, 'strong'), 'utf8'));
    expect(keystore.crypto.kdfparams).toMatchObject({ n: 2 ** 18, r: 8, p: 1, dklen: 32 });
    expect((await unlockWallet({ home, name: 'strong', password })).address).toBe(created.address);
  });

  test('behavior: no key material in the file or in any output, in any encoding', async () => {
    const output = captureOutput();
    const errors: string[] = [];
    try {
      await importPrivateKey({ home, name: 'main', privateKey: testKey, password, scryptN });
      await unlockWallet({ home, name: 'main', password });
      await unlockWallet({ home, name: 'main', password: 'wrong password!' }).catch((e: Error) => errors.push(String(e), e.stack ?? ''));
      await importPrivateKey({ home, name: 'main', privateKey: testKey, password, scryptN }).catch((e: Error) => errors.push(String(e), e.stack ?? ''));
      await importPrivateKey({ home, name: 'bad', privateKey: `${testKey}00`, password, scryptN }).catch((e: Error) => errors.push(String(e), e.stack ?? ''));
      await importMnemonic({ home, name: 'hd', mnemonic: testMnemonic.replace('junk', 'junky'), password, scryptN }).catch((e: Error) =>
        errors.push(String(e), e.stack ?? ''),
      );
      await importMnemonic({ home, name: 'hd', mnemonic: testMnemonic, password, scryptN });
      await listWallets({ home });
      await exportAddress({ home, name: 'main' });
    } finally {
      output.restore();
    }
    expect(errors.length).toBe(8);
    const hdKey = mnemonicToAccount(testMnemonic).getHdKey().privateKey;
    const secrets = [...encodings(Buffer.from(testKey.slice(2), 'hex')), ...encodings(Buffer.from(hdKey ?? [])), testMnemonic, 'junky', password];
    const haystacks = {
      output: output.text(),
      errors: errors.join('\n'),
      main: await readFile(keystorePath(home, 'main'), 'utf8'),
      hd: await readFile(keystorePath(home, 'hd'), 'utf8'),
    };
    for (const [where, text] of Object.entries(haystacks))
      for (const secret of secrets) expect(text.toLowerCase().includes(secret.toLowerCase()), `${where} contains a secret`).toBe(false);
  });
});

describe('errors', () => {
  test('wrong password', async () => {
    await createWallet({ home, name: 'main', password, scryptN });
    const error = await unlockWallet({ home, name: 'main', password: 'not the password' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LucidError);
    expect((error as LucidError).code).toBe('WRONG_PASSWORD');
    expect((error as LucidError).exitCode).toBe(2);
    expect((error as LucidError).shortMessage).toMatchInlineSnapshot(`"Wrong password for this wallet."`);
  });

  test.each([
    ['unknown wallet', () => unlockWallet({ home, name: 'nope', password }), 'WALLET_NOT_FOUND'],
    ['bad name', () => createWallet({ home, name: '../escape', password, scryptN }), 'WALLET_NAME_INVALID'],
    ['reserved name', () => createWallet({ home, name: 'devnet', password, scryptN }), 'WALLET_NAME_RESERVED'],
    ['short password', () => createWallet({ home, name: 'x', password: 'short', scryptN }), 'PASSWORD_TOO_SHORT'],
    ['not a key', () => importPrivateKey({ home, name: 'x', privateKey: 'hello', password, scryptN }), 'PRIVATE_KEY_INVALID'],
    ['zero key', () => importPrivateKey({ home, name: 'x', privateKey: `0x${'0'.repeat(64)}`, password, scryptN }), 'PRIVATE_KEY_INVALID'],
    ['mnemonic checksum', () => importMnemonic({ home, name: 'x', mnemonic: 'test '.repeat(12), password, scryptN }), 'MNEMONIC_INVALID'],
    ['mnemonic word', () => importMnemonic({ home, name: 'x', mnemonic: `${'test '.repeat(11)}zzz`, password, scryptN }), 'MNEMONIC_INVALID'],
    ['hd path', () => importMnemonic({ home, name: 'x', mnemonic: testMnemonic, password, path: "m/44'/0'/0'", scryptN }), 'HD_PATH_INVALID'],
  ])('%s', async (_label, run, code) => {
    await expect(run()).rejects.toMatchObject({ code });
  });

  test('existing wallet is never overwritten', async () => {
    const first = await createWallet({ home, name: 'main', password, scryptN });
    await expect(importPrivateKey({ home, name: 'main', privateKey: testKey, password, scryptN })).rejects.toMatchObject({ code: 'WALLET_EXISTS' });
    expect(await exportAddress({ home, name: 'main' })).toBe(first.address);
  });

  test('corrupt keystore file names the field', async () => {
    await createWallet({ home, name: 'main', password, scryptN });
    const { writeFile } = await import('node:fs/promises');
    const keystore = JSON.parse(await readFile(keystorePath(home, 'main'), 'utf8'));
    keystore.crypto.cipher = 'aes-256-gcm';
    await writeFile(keystorePath(home, 'main'), JSON.stringify(keystore));
    const error = (await unlockWallet({ home, name: 'main', password }).catch((e: unknown) => e)) as LucidError;
    expect(error.code).toBe('KEYSTORE_INVALID');
    expect(error.details).toContain('crypto');
  });

  test('devnet key constant is the public anvil key, not a secret', () => {
    expect(privateKeyToAccount(ANVIL_PUBLIC_TEST_KEY_0).address).toBe(ANVIL_ACCOUNT_0);
  });
});

describe('passwordFrom', () => {
  test('default: LUCID_PASSWORD wins', async () => {
    expect(await passwordFrom({ env: { LUCID_PASSWORD: 'from env' }, prompt: false })).toBe('from env');
  });

  test('behavior: no env and no terminal is an input error', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    await expect(passwordFrom({ env: {}, prompt: { input } })).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await expect(passwordFrom({ env: { LUCID_PASSWORD: '' }, prompt: false })).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
  });

  test('behavior: hidden prompt on a terminal, with backspace, no echo', async () => {
    const { input, output, written } = fakeTerminal();
    const pending = passwordFrom({ env: {}, prompt: { input, output, message: 'Password for main: ' } });
    input.write('hunter22x\u007f\r');
    expect(await pending).toBe('hunter22');
    expect(written()).toBe('Password for main: \n');
    expect(input.rawModes).toEqual([true, false]);
  });

  test('behavior: confirmation must match; Ctrl-C cancels', async () => {
    const first = fakeTerminal();
    const mismatch = passwordFrom({ env: {}, prompt: { input: first.input, output: first.output, confirm: true } });
    first.input.write('aaaaaaaa\r');
    await new Promise((resolve) => setImmediate(resolve));
    first.input.write('bbbbbbbb\r');
    await expect(mismatch).rejects.toMatchObject({ code: 'PASSWORD_MISMATCH' });
    const second = fakeTerminal();
    const cancelled = passwordFrom({ env: {}, prompt: { input: second.input, output: second.output } });
    second.input.write('abc\u0003');
    await expect(cancelled).rejects.toMatchObject({ code: 'PASSWORD_CANCELLED' });
  });
});

// ---------------------------------------------------------------------------------------------------------

function encodings(key: Buffer): string[] {
  const hex = key.toString('hex');
  return [hex, `0x${hex}`, key.toString('base64'), key.toString('base64url'), key.toString('base64').slice(0, 40)];
}

// Captures everything written to stdout/stderr and the console while secrets are handled.
function captureOutput() {
  const chunks: string[] = [];
  const record = (...args: unknown[]) => {
    chunks.push(args.map(String).join(' '));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation(record),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) => vi.spyOn(console, method).mockImplementation(record)),
  ];
  return {
    text: () => chunks.join('\n'),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

function fakeTerminal() {
  const rawModes: boolean[] = [];
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    rawModes,
    setRawMode(mode: boolean) {
      rawModes.push(mode);
      return input;
    },
  });
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { input, output, written: () => chunks.join('') };
}
