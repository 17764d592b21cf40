/**
 * Call data decoded against one ABI, found by its 4-byte selector in an index made once per ABI. viem's
 * `decodeFunctionData` hashes every function signature of the ABI until one matches, on every call, and builds
 * an error (a measured cost) for data of another ABI; the checks decode each call of each plan against several
 * ABIs. Same answer as `decodeFunctionData` where it finds the function (held in decodeCall.test.ts); data of
 * another ABI is `undefined` instead of an error. Malformed arguments still throw, as there.
 */
import { decodeAbiParameters, toFunctionSelector, type AbiFunction, type Hex } from 'viem';

export type DecodeCallReturnType = { functionName: string; args: readonly unknown[] | undefined } | undefined;

const indexes = new WeakMap<object, Map<string, AbiFunction>>();

/**
 * @example
 * decodeCall(erc20Abi, '0x095ea7b3…') // { functionName: 'approve', args: ['0x…', 100n] }
 * decodeCall(erc20Abi, '0x')           // undefined
 */
export function decodeCall(abi: readonly unknown[], data: Hex): DecodeCallReturnType {
  if (typeof data !== 'string' || data.length < 10) return undefined;
  let index = indexes.get(abi);
  if (!index) {
    index = new Map();
    for (const item of abi as readonly { type?: unknown }[]) {
      if (item?.type !== 'function') continue;
      const selector = toFunctionSelector(item as AbiFunction);
      if (!index.has(selector)) index.set(selector, item as AbiFunction); // the first of equal selectors wins, as in viem
    }
    indexes.set(abi, index);
  }
  const item = index.get(data.slice(0, 10).toLowerCase());
  if (!item) return undefined;
  const args = item.inputs.length > 0 ? decodeAbiParameters(item.inputs, `0x${data.slice(10)}`) : undefined;
  return { functionName: item.name, args: args as readonly unknown[] | undefined };
}
