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
  return encodeAddressArrays(balancesSelector, [tokens, owners]);
}

export function encodeAllowances(keys: readonly AllowanceKey[]): Hex {
  return encodeAddressArrays(allowancesSelector, [keys.map((key) => key.token), keys.map((key) => key.owner), keys.map((key) => key.spender)]);
}

const selectorOf = (functionName: 'balances' | 'allowances') =>
  encodeFunctionData({ abi: BalanceLens.abi, functionName, args: functionName === 'balances' ? [[], []] : [[], [], []] } as never).slice(0, 10);
const balancesSelector = selectorOf('balances');
const allowancesSelector = selectorOf('allowances');

/**
 * The lens's calls take only `address[]` arguments: encoded here word by word (each simulation encodes them for
 * the read before and the read after, and the generic encoder hashes every mixed-case address to check its
 * checksum, a measured share of the pipeline's CPU time). Same bytes as the ABI encoder (held in lens.test.ts).
 */
function encodeAddressArrays(selector: string, arrays: readonly (readonly Address[])[]): Hex {
  const word = (value: number) => value.toString(16).padStart(64, '0');
  const heads: string[] = [];
  const tails: string[] = [];
  let offset = arrays.length * 32;
  for (const array of arrays) {
    heads.push(word(offset));
    tails.push(word(array.length));
    for (const address of array) {
      if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new Error(`not an address: ${String(address)}`);
      tails.push(address.slice(2).toLowerCase().padStart(64, '0'));
    }
    offset += (array.length + 1) * 32;
  }
  return `${selector}${heads.join('')}${tails.join('')}` as Hex;
}

/**
 * The lens's answer: one ABI-encoded `uint256[]` (offset, length, words). Read word by word: it is decoded for
 * every simulation, and with a long token list the generic decoder was a measured share of the pipeline's CPU
 * time. An answer that is not exactly that shape (a broken or hostile node) is handed to the generic decoder,
 * which throws its own error for it.
 */
export function decodeUintArray(functionName: 'balances' | 'allowances', data: Hex): bigint[] {
  const word = (index: number) => data.slice(2 + index * 64, 2 + (index + 1) * 64);
  const words = (data.length - 2) / 64;
  const offset = Number.parseInt(word(0), 16);
  const start = offset / 32;
  const length = Number.isInteger(start) && start >= 1 && start < words ? Number.parseInt(word(start), 16) : Number.NaN;
  if (!/^0x[0-9a-fA-F]*$/.test(data) || !Number.isInteger(words) || !Number.isSafeInteger(length) || start + 1 + length !== words)
    return [...decodeFunctionResult({ abi: BalanceLens.abi, functionName, data })];
  const values: bigint[] = [];
  for (let i = 0; i < length; i++) values.push(BigInt(`0x${word(start + 1 + i)}`));
  return values;
}

/** Gas for a lens call: ~10k per staticcall read plus overhead, so a long token list never runs out. */
export function lensGas(reads: number): bigint {
  return 200_000n + BigInt(reads) * 15_000n;
}
