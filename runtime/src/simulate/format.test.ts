import { describe, expect, test } from 'vitest';
import { formatAmount, formatUnitsHuman, maxUint256 } from './format.js';

describe('formatUnitsHuman', () => {
  test('default: trims and groups', () => {
    expect(formatUnitsHuman(2950120000n, 6)).toBe('2,950.12');
    expect(formatUnitsHuman(10n ** 18n, 18)).toBe('1');
    expect(formatUnitsHuman(-1500000000000000000n, 18)).toBe('-1.5');
    expect(formatUnitsHuman(0n, 6)).toBe('0');
  });
  test('behavior: dust never prints as 0', () => {
    expect(formatUnitsHuman(1n, 18)).toBe('0.000000000000000001');
    expect(formatUnitsHuman(1234567n, 18, { maxFractionDigits: 4 })).toBe('0.000000000001');
  });
  test('args: maxFractionDigits and group', () => {
    expect(formatUnitsHuman(1234567891n, 6, { maxFractionDigits: 2, group: false })).toBe('1234.56');
  });
  test('formatAmount: unlimited approvals', () => {
    expect(formatAmount(maxUint256, 6, 'USDC')).toBe('unlimited USDC');
    expect(formatAmount(5_000_000n, 6, 'USDC')).toBe('5 USDC');
  });
});
