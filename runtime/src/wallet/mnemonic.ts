/**
 * BIP-39 checks before a mnemonic is used. viem's `mnemonicToAccount` derives an account from any string, so a
 * mistyped word would silently import a different (empty) account; we check words and checksum first. Errors
 * say which word position is wrong, never the word.
 */
import { createHash } from 'node:crypto';
import { english } from 'viem/accounts';
import { InputError } from '../../../kernel/index.js';

const validLengths = new Set([12, 15, 18, 21, 24]);
const wordIndex = new Map(english.map((word, index) => [word, index]));

/** Lower-cases, NFKD-normalises and collapses whitespace, as BIP-39 prescribes. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/u).join(' ');
}

/**
 * Throws `InputError('MNEMONIC_INVALID')` unless the phrase is a valid English BIP-39 mnemonic
 * (12–24 words from the list, with a correct checksum).
 */
export function assertValidMnemonic(mnemonic: string): void {
  const words = normalizeMnemonic(mnemonic).split(' ');
  if (!validLengths.has(words.length))
    throw new InputError('MNEMONIC_INVALID', `A recovery phrase has 12, 15, 18, 21 or 24 words; this one has ${words.length}.`);
  let bits = '';
  for (const [position, word] of words.entries()) {
    const index = wordIndex.get(word);
    if (index === undefined)
      throw new InputError('MNEMONIC_INVALID', `Word ${position + 1} of the recovery phrase is not in the BIP-39 English list.`);
    bits += index.toString(2).padStart(11, '0');
  }
  const checksumLength = bits.length / 33;
  const entropyBits = bits.slice(0, bits.length - checksumLength);
  const entropy = Buffer.alloc(entropyBits.length / 8);
  for (let i = 0; i < entropy.length; i++) entropy[i] = Number.parseInt(entropyBits.slice(i * 8, i * 8 + 8), 2);
  const hash = createHash('sha256').update(entropy).digest();
  entropy.fill(0);
  const expected = [...hash].map((byte) => byte.toString(2).padStart(8, '0')).join('').slice(0, checksumLength);
  if (expected !== bits.slice(bits.length - checksumLength))
    throw new InputError('MNEMONIC_INVALID', 'The recovery phrase checksum does not match: a word is probably mistyped.', {
      hints: ['Check each word and its order against your backup.'],
    });
}
