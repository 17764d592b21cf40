import { decodeFunctionData, encodeFunctionData, erc20Abi, maxUint256, type Abi, type Hex } from 'viem';
import { describe, expect, test } from 'vitest';
import { SwapRouter, UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { decodeCall } from './decodeCall.js';

const viem = (abi: readonly unknown[], data: Hex) => {
  try {
    return decodeFunctionData({ abi: abi as Abi, data }) as { functionName: string; args?: readonly unknown[] };
  } catch {
    return undefined;
  }
};

const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const weth = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';

describe('decodeCall', () => {
  test('behavior: the same function and arguments as viem\'s decodeFunctionData, and undefined for data of another ABI', () => {
    const calls: [readonly unknown[], Hex][] = [
      [erc20Abi, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [bob, maxUint256] })],
      [erc20Abi, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [bob, 5n] })],
      [erc20Abi, encodeFunctionData({ abi: erc20Abi, functionName: 'totalSupply' })],
      [UniswapV2Router02.abi, encodeFunctionData({ abi: UniswapV2Router02.abi, functionName: 'swapExactETHForTokens', args: [1n, [weth, bob], bob, 99n] })],
      [SwapRouter.abi, encodeFunctionData({ abi: SwapRouter.abi, functionName: 'multicall', args: [['0x12345678']] })],
    ];
    const abis = [erc20Abi, UniswapV2Router02.abi, SwapRouter.abi] as const;
    for (const [, data] of calls)
      for (const abi of abis) {
        const ours = decodeCall(abi, data);
        const theirs = viem(abi, data);
        expect(ours).toEqual(theirs ? { functionName: theirs.functionName, args: theirs.args } : undefined);
      }
    expect(decodeCall(erc20Abi, calls[0]![1])).toEqual({ functionName: 'approve', args: [bob, maxUint256] });
  });

  test('behavior: no data or a short selector is undefined; a known selector with broken arguments throws like viem', () => {
    expect(decodeCall(erc20Abi, '0x')).toBeUndefined();
    expect(decodeCall(erc20Abi, '0x095ea7')).toBeUndefined();
    const broken = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [bob, 1n] }).slice(0, 40) as Hex;
    expect(() => decodeCall(erc20Abi, broken)).toThrow();
    expect(() => decodeFunctionData({ abi: erc20Abi, data: broken })).toThrow();
  });
});
