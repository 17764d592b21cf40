/**
 * BIP-39 checks before a mnemonic is used. viem's `mnemonicToAccount` derives an account from any string, so a
 * mistyped word would silently import a different (empty) account; we check words and checksum first, with the
 * audited `@scure/bip39` (the library viem itself derives with), not code of our own. Errors say which word
 * position is wrong, never the word.
 */
import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english';
import { InputError } from '../../../kernel/index.js';

const validLengths = new Set([12, 15, 18, 21, 24]);
const words = new Set(wordlist);

/** Lower-cases, NFKD-normalises and collapses whitespace, as BIP-39 prescribes. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/u).join(' ');
}

/**
 * Throws `InputError('MNEMONIC_INVALID')` unless the phrase is a valid English BIP-39 mnemonic
 * (12–24 words from the list, with a correct checksum).
 */
export function assertValidMnemonic(mnemonic: string): void {
  const normalized = normalizeMnemonic(mnemonic);
  const list = normalized.split(' ');
  if (!validLengths.has(list.length))
    throw new InputError('MNEMONIC_INVALID', `A recovery phrase has 12, 15, 18, 21 or 24 words; this one has ${list.length}.`);
  const unknown = list.findIndex((word) => !words.has(word));
  if (unknown !== -1) throw new InputError('MNEMONIC_INVALID', `Word ${unknown + 1} of the recovery phrase is not in the BIP-39 English list.`);
  if (!validateMnemonic(normalized, wordlist))
    throw new InputError('MNEMONIC_INVALID', 'The recovery phrase checksum does not match: a word is probably mistyped.', {
      hints: ['Check each word and its order against your backup.'],
    });
}
