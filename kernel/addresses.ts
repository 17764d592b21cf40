/**
 * EIP-55 address checksums without loading viem's full index: the parse path (`lucid parse`) must start
 * fast, and checking a typed address needs only keccak-256, which @noble/hashes (viem's own hash library)
 * provides.
 */
import { keccak_256 } from '@noble/hashes/sha3';
import { InputError } from './errors.js';

export type HexAddress = `0x${string}`;

const addressPattern = /^0x[0-9a-fA-F]{40}$/;

// The same few addresses (the account, the deployment's contracts, the tokens) are checksummed many times per
// intent, by the store and the checks: each hex is hashed once. Bounded: emptied when full.
const checksummed = new Map<string, HexAddress>();
const maxChecksummed = 4096;

/** The EIP-55 checksummed form of a 0x address (any case in, mixed case out). */
export function toChecksumAddress(address: string): HexAddress {
  if (!addressPattern.test(address)) throw new TypeError(`not a 0x address: ${address}`);
  const lower = address.slice(2).toLowerCase();
  const known = checksummed.get(lower);
  if (known !== undefined) return known;
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    out += nibble >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  }
  if (checksummed.size >= maxChecksummed) checksummed.clear();
  checksummed.set(lower, out as HexAddress);
  return out as HexAddress;
}

/**
 * Whether a typed address may be used: all-lower or all-upper hex carries no checksum and passes;
 * mixed case must match its EIP-55 checksum exactly.
 */
export function hasValidChecksum(address: string): boolean {
  if (!addressPattern.test(address)) return false;
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}

const zeroAddress = '0x0000000000000000000000000000000000000000';

/**
 * A 0x address a person typed, checked and checksummed. All-lower or all-upper hex carries no checksum and
 * is accepted; mixed case must pass EIP-55, since a failed checksum usually means a mistyped character.
 *
 * @throws InputError `BAD_ADDRESS`, `BAD_CHECKSUM`, `ZERO_ADDRESS`.
 */
export function checkedAddress(written: string): HexAddress {
  if (!addressPattern.test(written))
    throw new InputError('BAD_ADDRESS', `"${written.slice(0, 64)}" is not a 0x address`, { hints: ['an address is 0x followed by 40 hex characters'] });
  if (!hasValidChecksum(written))
    throw new InputError('BAD_CHECKSUM', `${written} fails its EIP-55 checksum: a character is probably mistyped`, {
      hints: ['copy the address again from its source'],
    });
  const address = toChecksumAddress(written);
  if (address === zeroAddress) throw new InputError('ZERO_ADDRESS', 'the zero address cannot receive anything: tokens sent there are lost');
  return address;
}
