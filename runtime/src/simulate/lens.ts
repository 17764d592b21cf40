/**
 * The BalanceLens, placed by state override at an address nothing uses, reads balances and allowances from
 * state inside the same simulated sequence as the plan (or with eth_call on a snapshot). Never deployed.
 */
import { decodeFunctionResult, encodeFunctionData, zeroAddress, type Address, type Hex } from 'viem';
import { BalanceLens } from '../../../registry-contracts/index.js';

/** "Lucid lens" in hex, padded: an address no deployment will ever hold. */
export const lensAddress: Address = '0x4c75636964000000000000000000000000001e45';
/** Sends the lens calls inside eth_simulateV1 (a contract cannot be a sender under EIP-3607). */
export const observerAddress: Address = '0x4c7563696400000000000000000000000000ab5e';
export const lensCode: Hex = BalanceLens.deployedBytecode;

/** ETH in lens token lists. */
export const lensEth: Address = zeroAddress;

export type AllowanceKey = { token: Address; owner: Address; spender: Address };

export function encodeBalances(tokens: readonly Address[], owners: readonly Address[]): Hex {
  return encodeFunctionData({ abi: BalanceLens.abi, functionName: 'balances', args: [tokens, owners] });
}

export function encodeAllowances(keys: readonly AllowanceKey[]): Hex {
  return encodeFunctionData({
    abi: BalanceLens.abi,
    functionName: 'allowances',
    args: [keys.map((key) => key.token), keys.map((key) => key.owner), keys.map((key) => key.spender)],
  });
}

export function decodeUintArray(functionName: 'balances' | 'allowances', data: Hex): bigint[] {
  return [...decodeFunctionResult({ abi: BalanceLens.abi, functionName, data })];
}

/** Gas for a lens call: ~10k per staticcall read plus overhead, so a long token list never runs out. */
export function lensGas(reads: number): bigint {
  return 200_000n + BigInt(reads) * 15_000n;
}
