/**
 * Address checks shared by the store's tables (RISK.md: a bad EIP-55 checksum is refused with the reason).
 * The kernel's checksum helpers, not viem's: the store opens for commands that need no chain
 * (`lucid history`, `lucid contacts`), which should not pay for loading viem.
 */
import { hasValidChecksum, InputError, toChecksumAddress } from '../../../kernel/index.js';

const addressPattern = /^0x[0-9a-fA-F]{40}$/;

/**
 * Returns the EIP-55 checksummed form of `address`.
 *
 * @throws {@link InputError} `INVALID_ADDRESS` when it is not 20 bytes of hex, or mixed case with a wrong checksum.
 */
export function checksumAddress(address: string, what = 'address'): `0x${string}` {
  const trimmed = address.trim();
  if (!addressPattern.test(trimmed))
    throw new InputError('INVALID_ADDRESS', `The ${what} "${truncate(trimmed)}" is not an address (0x followed by 40 hex digits).`);
  if (!hasValidChecksum(trimmed))
    throw new InputError('INVALID_ADDRESS', `The ${what} ${trimmed} has a wrong EIP-55 checksum (its mixed case does not match).`, {
      details: `checksummed form of these hex digits: ${toChecksumAddress(trimmed)}`,
      hints: ['Copy the address again from its source; a checksum mismatch often means a typo or a tampered address.'],
    });
  return toChecksumAddress(trimmed);
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
