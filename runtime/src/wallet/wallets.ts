/**
 * Wallets: the devnet account, and encrypted keystore V3 files under `$LUCID_HOME/keystores/<name>.json`
 * (mode 0600, directory 0700) for real chains. Listing reads only the clear-text address; signing needs
 * {@link unlockWallet} with the password. A mnemonic is used once to derive one key and is never stored.
 *
 * Nothing here prints, logs or writes a key, a mnemonic or a password, and no error message contains one.
 */
import { chmod, link, mkdir, readFile, readdir, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Address, Hex, LocalAccount } from 'viem';
import { getAddress } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { InputError, InfraError } from '../../../kernel/index.js';
import { decryptKeystore, encryptKeystore, parseKeystore } from './keystore.js';
import { assertValidMnemonic, normalizeMnemonic } from './mnemonic.js';
import { useSmallSigningTable } from './useSmallSigningTable.js';

useSmallSigningTable();

/**
 * The private key of anvil's account #0. It is PUBLIC: printed by every anvil and hardhat node and used in
 * countless tutorials. It is only ever valid for the local devnet (chain 31337); never fund it elsewhere.
 */
export const ANVIL_PUBLIC_TEST_KEY_0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
/** Address of {@link ANVIL_PUBLIC_TEST_KEY_0}: the devnet user's default account. */
export const ANVIL_ACCOUNT_0: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
/** The devnet's chain id; {@link devnetAccount} refuses to be used for anything else by convention. */
export const DEVNET_CHAIN_ID = 31337;
/** Name reserved for the devnet account; no keystore may take it. */
export const DEVNET_WALLET_NAME = 'devnet';

/** Keystores must be at least this long; a short password makes the scrypt cost pointless. */
export const minPasswordLength = 8;
export const defaultHdPath = "m/44'/60'/0'/0/0";

export type WalletSummary = { name: string; address: Address };

/** Options shared by the functions that write a keystore. */
export type KeystoreWriteOptions = {
  /** scrypt cost, a power of two. Default 2^18 (geth standard); only tests should lower it. */
  scryptN?: number | undefined;
};

/** The devnet account (anvil #0) as a viem LocalAccount. Only for chain 31337. */
export function devnetAccount(): LocalAccount {
  return privateKeyToAccount(ANVIL_PUBLIC_TEST_KEY_0);
}

export type CreateWalletParameters = { home: string; name: string; password: string } & KeystoreWriteOptions;

/**
 * Generates a new key and stores it encrypted as `$home/keystores/<name>.json`.
 *
 * @returns The wallet's name and address. {@link WalletSummary}
 * @example
 * const { address } = await createWallet({ home, name: 'main', password })
 */
export async function createWallet(parameters: CreateWalletParameters): Promise<WalletSummary> {
  const key = hexToKeyBuffer(generatePrivateKey());
  try {
    return await storeKey({ ...parameters, key });
  } finally {
    key.fill(0);
  }
}

export type ImportPrivateKeyParameters = {
  home: string;
  name: string;
  /** 64 hex characters, with or without 0x. */
  privateKey: string;
  password: string;
} & KeystoreWriteOptions;

/** Stores an existing private key encrypted. The key is validated without ever being echoed. */
export async function importPrivateKey(parameters: ImportPrivateKeyParameters): Promise<WalletSummary> {
  const key = parsePrivateKey(parameters.privateKey);
  try {
    return await storeKey({ ...parameters, key });
  } finally {
    key.fill(0);
  }
}

export type ImportMnemonicParameters = {
  home: string;
  name: string;
  /** A BIP-39 English recovery phrase. Used once to derive the key; never stored. */
  mnemonic: string;
  password: string;
  /** HD path, `m/44'/60'/…`. Default {@link defaultHdPath}. */
  path?: string | undefined;
} & KeystoreWriteOptions;

/** Derives the key at `path` from a recovery phrase and stores only that key, encrypted. */
export async function importMnemonic(parameters: ImportMnemonicParameters): Promise<WalletSummary> {
  const path = parameters.path ?? defaultHdPath;
  if (!isEthereumHdPath(path))
    throw new InputError('HD_PATH_INVALID', `"${path}" is not an Ethereum HD path.`, {
      hints: [`Use the form m/44'/60'/0'/0/N (default ${defaultHdPath}).`],
    });
  assertValidMnemonic(parameters.mnemonic);
  const hdKey = mnemonicToAccount(normalizeMnemonic(parameters.mnemonic), { path }).getHdKey();
  if (!hdKey.privateKey) throw new InputError('MNEMONIC_INVALID', 'No private key could be derived from the recovery phrase.');
  const key = Buffer.from(hdKey.privateKey);
  hdKey.wipePrivateData();
  try {
    return await storeKey({ ...parameters, key });
  } finally {
    key.fill(0);
  }
}

/** The keystore wallets under `$home/keystores`, by name. Addresses only: nothing is decrypted. */
export async function listWallets({ home }: { home: string }): Promise<WalletSummary[]> {
  let entries: string[];
  try {
    entries = await readdir(keystoreDir(home));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw new InfraError('KEYSTORE_DIR_UNREADABLE', `Cannot read ${keystoreDir(home)}.`, { cause: error });
  }
  const wallets: WalletSummary[] = [];
  for (const entry of entries.sort()) {
    if (!entry.endsWith('.json')) continue;
    const name = entry.slice(0, -'.json'.length);
    if (!walletNamePattern.test(name)) continue;
    // A file we cannot read as a keystore is skipped here; exportAddress/unlockWallet name the problem.
    const address = await exportAddress({ home, name }).catch(() => undefined);
    if (address) wallets.push({ name, address });
  }
  return wallets;
}

/** The address of wallet `name`, read from its keystore file without the password. */
export async function exportAddress({ home, name }: { home: string; name: string }): Promise<Address> {
  const keystore = parseKeystore(await readKeystoreText(home, name), name);
  if (!keystore.address)
    throw new InputError('KEYSTORE_INVALID', `The keystore file of wallet "${name}" has no address field.`, {
      hints: ['Unlock it once with the password; Lucid can read the address from the key.'],
    });
  return getAddress(keystore.address.startsWith('0x') ? keystore.address : `0x${keystore.address}`);
}

export type UnlockWalletParameters = { home: string; name: string; password: string };

/**
 * Decrypts wallet `name` and returns a viem LocalAccount that signs locally.
 * Wrong password → `InputError('WRONG_PASSWORD')`.
 */
export async function unlockWallet({ home, name, password }: UnlockWalletParameters): Promise<LocalAccount> {
  const keystore = parseKeystore(await readKeystoreText(home, name), name);
  const key = await decryptKeystore(keystore, password);
  try {
    if (!isValidSecp256k1Key(key))
      throw new InputError('KEYSTORE_INVALID', `The keystore file of wallet "${name}" holds no valid key.`);
    const account = privateKeyToAccount(`0x${key.toString('hex')}`);
    if (keystore.address && account.address.toLowerCase() !== `0x${keystore.address.replace(/^0x/, '').toLowerCase()}`)
      throw new InputError('KEYSTORE_INVALID', `The keystore file of wallet "${name}" decrypts to a different address than it lists.`, {
        hints: ['The file may have been edited; restore it from a backup.'],
      });
    return account;
  } finally {
    key.fill(0);
  }
}

/** Path of wallet `name`'s keystore file. */
export function keystorePath(home: string, name: string): string {
  assertWalletName(name);
  return join(keystoreDir(home), `${name}.json`);
}

export function keystoreDir(home: string): string {
  return join(home, 'keystores');
}

// ---------------------------------------------------------------------------------------------------------

const walletNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
// secp256k1 group order: a valid private key is in [1, n-1].
const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function assertWalletName(name: string): void {
  if (!walletNamePattern.test(name))
    throw new InputError('WALLET_NAME_INVALID', 'A wallet name is 1–64 letters, digits, "-" or "_", starting with a letter or digit.');
}

async function storeKey(parameters: { home: string; name: string; password: string; key: Buffer } & KeystoreWriteOptions): Promise<WalletSummary> {
  const { home, name, password, key } = parameters;
  const path = keystorePath(home, name);
  if (name === DEVNET_WALLET_NAME)
    throw new InputError('WALLET_NAME_RESERVED', `"${DEVNET_WALLET_NAME}" is reserved for the devnet account; choose another name.`);
  if (password.length < minPasswordLength)
    throw new InputError('PASSWORD_TOO_SHORT', `A wallet password needs at least ${minPasswordLength} characters.`);
  if (await readKeystoreText(home, name).then(() => true, () => false))
    throw new InputError('WALLET_EXISTS', `A wallet named "${name}" already exists.`, { hints: ['Choose another name.'] });
  // The address is derived from the Buffer copy; privateKeyToAccount needs a hex string, which we drop at once.
  const address = privateKeyToAccount(`0x${key.toString('hex')}`).address;
  const keystore = await encryptKeystore({ privateKey: key, address, password, scryptN: parameters.scryptN });
  const dir = keystoreDir(home);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Write beside, then hard-link into place: a crash never leaves a half-written keystore under the real
    // name, and link (unlike rename) fails instead of replacing a wallet created meanwhile.
    const temporary = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temporary, `${JSON.stringify(keystore, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      await chmod(temporary, 0o600);
      await link(temporary, path);
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  } catch (error) {
    if (isErrno(error, 'EEXIST'))
      throw new InputError('WALLET_EXISTS', `A wallet named "${name}" already exists.`, { hints: ['Choose another name.'] });
    throw new InfraError('KEYSTORE_WRITE_FAILED', `Cannot write the keystore file for wallet "${name}" in ${dir}.`, {
      cause: error instanceof Error ? new Error(error.message) : undefined,
    });
  }
  return { name, address };
}

/**
 * Foundry's keystores (`cast wallet import|new`): `~/.foundry/keystores/<name>`, the same V3 format. A
 * Foundry user's keys work with `--account <name>` without importing; Lucid's own wallet of the same name wins.
 */
export function foundryKeystoreDir(): string {
  return join(homedir(), '.foundry', 'keystores');
}

/** Whether a wallet named `name` exists, in Lucid's keystores or Foundry's. */
export async function hasWallet({ home, name }: { home: string; name: string }): Promise<boolean> {
  return readKeystoreText(home, name).then(
    () => true,
    () => false,
  );
}

async function readKeystoreText(home: string, name: string): Promise<string> {
  const candidates = [keystorePath(home, name), join(foundryKeystoreDir(), name), join(foundryKeystoreDir(), `${name}.json`)];
  for (const path of candidates) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'EISDIR')) continue;
      throw new InfraError('KEYSTORE_UNREADABLE', `Cannot read the keystore file ${path}.`);
    }
  }
  throw new InputError('WALLET_NOT_FOUND', `No wallet named "${name}".`, {
    hints: ['List wallets with `lucid wallet list`; Foundry keystores in ~/.foundry/keystores are found by name too.'],
  });
}

function parsePrivateKey(input: string): Buffer {
  const trimmed = input.trim();
  if (!/^(?:0x)?[0-9a-fA-F]{64}$/.test(trimmed))
    throw new InputError('PRIVATE_KEY_INVALID', 'That is not a private key: expected 64 hex characters (optionally 0x-prefixed).');
  const key = Buffer.from(trimmed.replace(/^0x/, ''), 'hex');
  if (!isValidSecp256k1Key(key)) {
    key.fill(0);
    throw new InputError('PRIVATE_KEY_INVALID', 'That is not a valid secp256k1 private key (zero or above the curve order).');
  }
  return key;
}

function hexToKeyBuffer(key: Hex): Buffer {
  return Buffer.from(key.slice(2), 'hex');
}

function isValidSecp256k1Key(key: Buffer): boolean {
  if (key.length !== 32) return false;
  const value = BigInt(`0x${key.toString('hex')}`);
  return value > 0n && value < secp256k1Order;
}

function isEthereumHdPath(path: string): path is `m/44'/60'/${string}` {
  return /^m\/44'\/60'(?:\/\d{1,10}'?){1,3}$/.test(path);
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
