/**
 * Secrets never reach the database. A private key is 32 bytes, written `0x` + 64 hex digits, exactly the
 * shape of a transaction hash, a block hash, a log topic or a bytes32 tag. So the guard looks at *where* such
 * a value sits: under a key known to hold hashes it is fine, anywhere else it is refused. Keys whose name
 * says "secret" are refused whatever their value.
 */
import { RefusedError, redactSecretShapes } from '../../../kernel/index.js';

/** Object keys whose 32-byte values are public by nature (hashes, topics, tags, log data). */
export const HASH_FIELDS: ReadonlySet<string> = new Set(
  [
    'hash',
    'txHash',
    'transactionHash',
    'blockHash',
    'parentHash',
    'topics',
    'data',
    'metadataHash',
    'contentHash',
    'codeHash',
    'storageHash',
    'stateRoot',
    'receiptsRoot',
    'transactionsRoot',
    'mixHash',
    'prevRandao',
    'sha3Uncles',
    'slot',
    'storageKeys',
    'salt',
    'action',
    'actions',
    'tag',
    'tags',
    'selector',
    'root',
    'commitment',
    // ABI-encoded return data of view calls (positions read before and after a plan).
    'returnData',
  ].map((key) => key.toLowerCase()),
);

const PRIVATE_KEY_SHAPE = /^0x[0-9a-fA-F]{64}$/;
// Inside free text: 64 hex digits not part of a longer hex run.
const PRIVATE_KEY_IN_TEXT = /(?<![0-9a-fA-F])(0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
const SECRET_KEY_NAMES = /^(private_?key|privkey|secret(_?key)?|mnemonic|seed(_?phrase)?|password|passphrase|api_?key)$/i;

/**
 * Throws if `value` (any JSON-able value) holds something that looks like a secret outside a hash field.
 *
 * @param value - what is about to be stored.
 * @param column - the column name, for the message.
 * @throws {@link RefusedError} `SECRET_REJECTED`, naming the JSON path but never the value.
 */
export function assertNoSecrets(value: unknown, column: string): void {
  const found = findSecret(value, '$', undefined);
  if (found)
    throw new RefusedError('SECRET_REJECTED', `Refused to store what looks like a private key or secret in ${column}.`, {
      details: `at ${found}`,
      hints: ['Lucid never stores keys. If this is a hash, store it under a hash field name (hash, txHash, blockHash, …).'],
    });
}

/**
 * Replaces 32-byte hex runs and recovery-phrase-shaped word runs in free text (what the user typed) with a
 * marker, so a key or phrase pasted by mistake into the prompt is not written to history. Returns the text
 * unchanged when there is nothing to hide.
 */
export function redactSecrets(text: string): string {
  return redactSecretShapes(text.replace(PRIVATE_KEY_IN_TEXT, '[redacted 32-byte hex]'));
}

// Walks the value; `hashContext` is true below a key in HASH_FIELDS (arrays inherit their key).
function findSecret(value: unknown, path: string, parentKey: string | undefined): string | undefined {
  const inHashField = parentKey !== undefined && HASH_FIELDS.has(parentKey.toLowerCase());
  if (typeof value === 'string') {
    if (inHashField) return undefined;
    return PRIVATE_KEY_SHAPE.test(value.trim()) ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findSecret(value[i], `${path}[${i}]`, parentKey);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = `${path}.${key}`;
      if (SECRET_KEY_NAMES.test(key) && child !== null && child !== undefined && child !== '') return childPath;
      const hit = findSecret(child, childPath, key);
      if (hit) return hit;
    }
  }
  return undefined;
}
