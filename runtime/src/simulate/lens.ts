/**
 * The BalanceLens, placed by state override at a fresh random address (never a fixed one a contract could
 * look for), reads balances and allowances from state: by eth_call before the plan, and in a block appended
 * after the plan's blocks inside the same simulation. Never deployed.
 */
import { decodeFunctionResult, encodeFunctionData, zeroAddress, type Address, type Hex } from 'viem';
// Its own module: the lens's code, not every contract's bytecode, is what a simulation loads.
import { BalanceLens } from '../../../registry-contracts/generated/bytecode/BalanceLens.js';

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
