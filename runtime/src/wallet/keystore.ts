/**
 * Web3 Secret Storage (keystore V3) encryption and decryption, with node:crypto for scrypt/pbkdf2 and
 * AES-128-CTR and viem's keccak256 for the MAC. These are the only primitives the format needs, so we do not
 * pull in a keystore library (none is installed; see the wallet README).
 *
 * Format (https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/):
 *   derivedKey = scrypt(password, salt, n, r, p, dklen = 32)     (or pbkdf2-hmac-sha256 when reading)
 *   ciphertext = AES-128-CTR(key = derivedKey[0..16], iv, privateKey)
 *   mac        = keccak256(derivedKey[16..32] ++ ciphertext)
 *
 * The private key only ever lives in Buffers here; callers wipe them with `fill(0)` when done. No error this
 * module throws carries key material, derived keys or the password.
 */
import { createCipheriv, createDecipheriv, pbkdf2, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import type { Address } from 'viem';
import { getAddress, keccak256 } from 'viem';
import * as z from 'zod';
import { InputError } from '../../../kernel/index.js';

/** geth's "standard" scrypt cost: 2^18 iterations, r = 8, p = 1 (≈256 MiB, about a second). */
export const defaultScryptN = 2 ** 18;
/** The highest cost we agree to run when reading a file: it bounds memory for files from elsewhere. */
const maxScryptN = 2 ** 20;
const maxPbkdf2Iterations = 10_000_000;

const hex = (length?: number) =>
  z
    .string()
    .regex(length ? new RegExp(`^[0-9a-fA-F]{${length}}$`) : /^(?:[0-9a-fA-F]{2})+$/, 'hex without 0x');

const scryptParamsSchema = z.object({
  dklen: z.literal(32),
  salt: hex(),
  n: z.number().int().min(2).max(maxScryptN).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});

const pbkdf2ParamsSchema = z.object({
  dklen: z.literal(32),
  salt: hex(),
  c: z.number().int().min(1).max(maxPbkdf2Iterations),
  prf: z.literal('hmac-sha256'),
});

export const keystoreV3Schema = z.object({
  version: z.literal(3),
  id: z.string().optional(),
  address: z
    .string()
    .regex(/^(?:0x)?[0-9a-fA-F]{40}$/)
    .optional(),
  crypto: z.discriminatedUnion('kdf', [
    z.object({
      cipher: z.literal('aes-128-ctr'),
      cipherparams: z.object({ iv: hex(32) }),
      ciphertext: hex(64),
      kdf: z.literal('scrypt'),
      kdfparams: scryptParamsSchema,
      mac: hex(64),
    }),
    z.object({
      cipher: z.literal('aes-128-ctr'),
      cipherparams: z.object({ iv: hex(32) }),
      ciphertext: hex(64),
      kdf: z.literal('pbkdf2'),
      kdfparams: pbkdf2ParamsSchema,
      mac: hex(64),
    }),
  ]),
});

export type KeystoreV3 = z.infer<typeof keystoreV3Schema>;

export type EncryptKeystoreParameters = {
  /** The 32-byte private key. Not modified; the caller wipes it. */
  privateKey: Uint8Array;
  /** The account's address, stored in clear so the wallet can be listed without the password. */
  address: Address;
  password: string;
  /** scrypt cost (power of two). Default {@link defaultScryptN}; tests use a small one for speed. */
  scryptN?: number | undefined;
};

/**
 * Encrypts a private key into a keystore V3 object (scrypt + aes-128-ctr + keccak256 MAC).
 *
 * @returns The keystore object, ready for `JSON.stringify`. {@link KeystoreV3}
 * @example
 * const keystore = await encryptKeystore({ privateKey, address, password: 'correct horse battery' })
 */
export async function encryptKeystore(parameters: EncryptKeystoreParameters): Promise<KeystoreV3> {
  const { privateKey, address, password } = parameters;
  const n = parameters.scryptN ?? defaultScryptN;
  if (privateKey.length !== 32) throw new InputError('PRIVATE_KEY_INVALID', 'The private key must be 32 bytes.');
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const derivedKey = await deriveScrypt(password, salt, { n, r: 8, p: 1 });
  try {
    const cipher = createCipheriv('aes-128-ctr', derivedKey.subarray(0, 16), iv);
    const ciphertext = Buffer.concat([cipher.update(privateKey), cipher.final()]);
    return {
      version: 3,
      id: randomUUID(),
      address: getAddress(address).slice(2).toLowerCase(),
      crypto: {
        cipher: 'aes-128-ctr',
        cipherparams: { iv: iv.toString('hex') },
        ciphertext: ciphertext.toString('hex'),
        kdf: 'scrypt',
        kdfparams: { dklen: 32, salt: salt.toString('hex'), n, r: 8, p: 1 },
        mac: macOf(derivedKey, ciphertext).toString('hex'),
      },
    };
  } finally {
    derivedKey.fill(0);
  }
}

/**
 * Decrypts a keystore V3 object. A MAC mismatch means the password is wrong (or the file was altered):
 * `InputError('WRONG_PASSWORD')`.
 *
 * @returns The 32-byte private key in a Buffer the caller must wipe (`fill(0)`) after use.
 */
export async function decryptKeystore(keystore: KeystoreV3, password: string): Promise<Buffer> {
  const { crypto } = keystore;
  const salt = Buffer.from(crypto.kdfparams.salt, 'hex');
  const derivedKey =
    crypto.kdf === 'scrypt'
      ? await deriveScrypt(password, salt, crypto.kdfparams)
      : await derivePbkdf2(password, salt, crypto.kdfparams.c);
  try {
    const ciphertext = Buffer.from(crypto.ciphertext, 'hex');
    const expected = Buffer.from(crypto.mac, 'hex');
    if (!timingSafeEqual(macOf(derivedKey, ciphertext), expected))
      throw new InputError('WRONG_PASSWORD', 'Wrong password for this wallet.', {
        hints: ['Check LUCID_PASSWORD, or type the password again.'],
      });
    const decipher = createDecipheriv('aes-128-ctr', derivedKey.subarray(0, 16), Buffer.from(crypto.cipherparams.iv, 'hex'));
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } finally {
    derivedKey.fill(0);
  }
}

/** Parses keystore JSON text; the error names the first bad field, never echoes values. */
export function parseKeystore(text: string, label: string): KeystoreV3 {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('KEYSTORE_INVALID', `The keystore file of wallet "${label}" is not valid JSON.`);
  }
  const parsed = keystoreV3Schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new InputError('KEYSTORE_INVALID', `The keystore file of wallet "${label}" is not a supported keystore V3 file.`, {
      details: `Field ${field}: ${issue?.message ?? 'invalid'}.`,
      hints: ['Lucid reads Web3 Secret Storage (V3) files with scrypt or pbkdf2 and aes-128-ctr.'],
    });
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------------------

// The spec fixes the MAC as keccak256 over the second half of the derived key followed by the ciphertext.
function macOf(derivedKey: Buffer, ciphertext: Buffer): Buffer {
  return Buffer.from(keccak256(Buffer.concat([derivedKey.subarray(16, 32), ciphertext]), 'bytes'));
}

// Passwords are NFKC-normalised UTF-8 (as ethers does) so the same typed password works across keyboards.
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFKC'), 'utf8');
}

function deriveScrypt(password: string, salt: Buffer, params: { n: number; r: number; p: number }): Promise<Buffer> {
  // node's default maxmem (32 MiB) is below the standard cost; allow what the parameters need, plus slack.
  const maxmem = 128 * params.n * params.r * (params.p + 1) + 16 * 1024 * 1024;
  const secret = passwordBytes(password);
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { N: params.n, r: params.r, p: params.p, maxmem }, (error, key) => {
      secret.fill(0);
      if (error)
        reject(new InputError('KEYSTORE_KDF_FAILED', 'Could not derive the keystore key (scrypt parameters rejected).'));
      else resolve(key);
    });
  });
}

function derivePbkdf2(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const secret = passwordBytes(password);
  return new Promise((resolve, reject) => {
    pbkdf2(secret, salt, iterations, 32, 'sha256', (error, key) => {
      secret.fill(0);
      if (error) reject(new InputError('KEYSTORE_KDF_FAILED', 'Could not derive the keystore key (pbkdf2 failed).'));
      else resolve(key);
    });
  });
}
