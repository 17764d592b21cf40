import { getAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { checkedAddress, hasValidChecksum, toChecksumAddress } from './addresses.js';
import { InputError } from './errors.js';

describe('toChecksumAddress', () => {
  test('default: agrees with viem on random addresses', () => {
    for (let i = 0; i < 200; i++) {
      const hex = `0x${Array.from({ length: 40 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;
      expect(toChecksumAddress(hex)).toBe(getAddress(hex));
    }
  });
  test('behavior: asked again for the same hex in any case (answered from memory), the answer is the same and a mistyped checksum still fails', () => {
    const right = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    for (const written of [right.toLowerCase(), right.toUpperCase().replace('0X', '0x'), right]) expect(toChecksumAddress(written)).toBe(right);
    expect(hasValidChecksum('0x70997970c51812dc3A010C7d01b50e0d17dc79C8')).toBe(false);
    expect(hasValidChecksum(right)).toBe(true);
  });
  test('errors: refuses what is not an address', () => {
    expect(() => toChecksumAddress('0x123')).toThrow(/not a 0x address/);
  });
});

describe('hasValidChecksum', () => {
  test('behavior: lower- and upper-case carry no checksum; mixed case must match', () => {
    expect(hasValidChecksum('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toBe(true);
    expect(hasValidChecksum('0x70997970C51812DC3A010C7D01B50E0D17DC79C8')).toBe(true);
    expect(hasValidChecksum('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe(true);
    expect(hasValidChecksum('0x70997970c51812dc3A010C7d01b50e0d17dc79C8')).toBe(false);
  });
});

describe('checkedAddress', () => {
  test('behavior: checksums what has no checksum, keeps a valid one', () => {
    expect(checkedAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    expect(checkedAddress('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  });
  test('errors: a mistyped checksum, the zero address and non-addresses are input errors', () => {
    const code = (written: string) => {
      try {
        checkedAddress(written);
      } catch (error) {
        return error instanceof InputError ? error.code : 'not an InputError';
      }
      return 'accepted';
    };
    expect(code('0x70997970C51812dc3A010C7d01b50e0d17dc79c8')).toBe('BAD_CHECKSUM');
    expect(code('0x0000000000000000000000000000000000000000')).toBe('ZERO_ADDRESS');
    expect(code('hello')).toBe('BAD_ADDRESS');
    expect(code('0x1234')).toBe('BAD_ADDRESS');
  });
});
