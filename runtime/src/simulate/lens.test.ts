import { describe, expect, test } from 'vitest';
import { decodeFunctionResult, encodeFunctionResult, maxUint256 } from 'viem';
import { BalanceLens } from '../../../registry-contracts/index.js';
import { decodeUintArray } from './lens.js';

const encode = (values: bigint[]) => encodeFunctionResult({ abi: BalanceLens.abi, functionName: 'balances', result: values });

describe('decodeUintArray', () => {
  test('behavior: reads the lens answer exactly as the generic ABI decoder does', () => {
    for (const values of [[], [0n], [1n, maxUint256, 12345678901234567890n], Array.from({ length: 300 }, (_, i) => BigInt(i) * 10n ** 18n)]) {
      const data = encode(values);
      expect(decodeUintArray('balances', data)).toEqual(values);
      expect(decodeUintArray('balances', data)).toEqual([...decodeFunctionResult({ abi: BalanceLens.abi, functionName: 'balances', data })]);
    }
  });

  test('behavior: an answer of another shape from a hostile node is refused, never read as balances', () => {
    const good = encode([5n, 6n]);
    expect(() => decodeUintArray('balances', '0x')).toThrow();
    expect(() => decodeUintArray('balances', good.slice(0, -64) as `0x${string}`)).toThrow(); // a word short
    expect(() => decodeUintArray('balances', `0x${'00'.repeat(31)}40${good.slice(66)}` as `0x${string}`)).toThrow(); // offset past the data
    // An extra trailing word is not this shape: the generic decoder's reading (it ignores the tail) is used.
    expect(decodeUintArray('balances', `${good}${'00'.repeat(32)}` as `0x${string}`)).toEqual([5n, 6n]);
  });
});
