/** Address checks shared by contacts and recipients (RISK.md: a bad EIP-55 checksum is refused with the reason). */
import { getAddress, isAddress } from 'viem';
import { InputError } from '../../../kernel/index.js';

/**
 * Returns the EIP-55 checksummed form of `address`.
 *
 * @throws {@link InputError} `INVALID_ADDRESS` when it is not 20 bytes of hex, or mixed case with a wrong checksum.
 */
export function checksumAddress(address: string, what = 'address'): `0x${string}` {
  const trimmed = address.trim();
  const lower = trimmed.toLowerCase();
  if (!isAddress(trimmed, { strict: false }))
    throw new InputError('INVALID_ADDRESS', `The ${what} "${truncate(trimmed)}" is not an address (0x followed by 40 hex digits).`);
  if (!isAddress(trimmed, { strict: true }))
    throw new InputError('INVALID_ADDRESS', `The ${what} ${trimmed} has a wrong EIP-55 checksum (its mixed case does not match).`, {
      details: `checksummed form of these hex digits: ${getAddress(lower)}`,
      hints: ['Copy the address again from its source; a checksum mismatch often means a typo or a tampered address.'],
    });
  return getAddress(trimmed);
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
