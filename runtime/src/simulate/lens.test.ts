import { describe, expect, test } from 'vitest';
import { decodeFunctionResult, encodeFunctionData, encodeFunctionResult, getAddress, maxUint256, zeroAddress, type Address } from 'viem';
import { BalanceLens } from '../../../registry-contracts/index.js';
import { decodeUintArray, encodeAllowances, encodeBalances } from './lens.js';

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

describe('encodeBalances, encodeAllowances', () => {
  const address = (i: number): Address => getAddress(`0x${(BigInt(i) * 0x1234567890abcdefn + 7n).toString(16).padStart(40, '0').slice(-40)}`);
  test('behavior: the same bytes as the generic ABI encoder, for empty, short and long lists, checksummed or not', () => {
    for (const [tokens, owners] of [
      [[], []],
      [[zeroAddress], [address(1)]],
      [[zeroAddress, address(2), address(3)], [address(4), address(5).toLowerCase() as Address]],
      [Array.from({ length: 40 }, (_, i) => address(i)), Array.from({ length: 25 }, (_, i) => address(100 + i))],
    ] as Address[][][]) {
      expect(encodeBalances(tokens, owners)).toBe(encodeFunctionData({ abi: BalanceLens.abi, functionName: 'balances', args: [tokens, owners] }));
      const keys = tokens.map((token, i) => ({ token, owner: owners[i % Math.max(owners.length, 1)] ?? zeroAddress, spender: address(i + 7) }));
      expect(encodeAllowances(keys)).toBe(
        encodeFunctionData({ abi: BalanceLens.abi, functionName: 'allowances', args: [keys.map((k) => k.token), keys.map((k) => k.owner), keys.map((k) => k.spender)] }),
      );
    }
  });

  test('behavior: something that is not an address is refused, never encoded', () => {
    expect(() => encodeBalances(['0x1234' as Address], [])).toThrow();
    expect(() => encodeBalances([], [`0x${'zz'.repeat(20)}` as Address])).toThrow();
  });
});
