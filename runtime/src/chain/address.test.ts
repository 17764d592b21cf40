import { getAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { hasValidChecksum, toChecksumAddress } from './address.js';

describe('toChecksumAddress', () => {
  test('default: agrees with viem on random addresses', () => {
    for (let i = 0; i < 200; i++) {
      const hex = `0x${Array.from({ length: 40 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;
      expect(toChecksumAddress(hex)).toBe(getAddress(hex));
    }
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
