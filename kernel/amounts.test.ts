import { describe, expect, test } from 'vitest';
import { formatAmount, formatUnits, formatUnitsHuman, maxUint256, parseUnits } from './amounts.js';

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

describe('formatUnits and parseUnits', () => {
  test('exact both ways', () => {
    expect(formatUnits(1500000n, 6)).toBe('1.5');
    expect(formatUnits(1n, 18)).toBe('0.000000000000000001');
    expect(formatUnits(-25n, 1)).toBe('-2.5');
    expect(formatUnits(7n, 0)).toBe('7');
    expect(parseUnits('1.5', 6)).toBe(1500000n);
    expect(parseUnits('0.000000000000000001', 18)).toBe(1n);
    expect(parseUnits('1000', 0)).toBe(1000n);
    expect(parseUnits('.5', 1)).toBe(5n);
    expect(parseUnits('2.500000000', 6)).toBe(2500000n);
    for (const value of [0n, 1n, 999999n, 10n ** 30n + 7n]) expect(parseUnits(formatUnits(value, 6), 6)).toBe(value);
  });
  test('refuses what base units cannot hold', () => {
    expect(() => parseUnits('1.0000001', 6)).toThrow(RangeError);
    expect(() => parseUnits('1e6', 6)).toThrow(RangeError);
    expect(() => parseUnits('-1', 6)).toThrow(RangeError);
    expect(() => parseUnits('', 6)).toThrow(RangeError);
    expect(() => parseUnits('.', 6)).toThrow(RangeError);
  });
});
