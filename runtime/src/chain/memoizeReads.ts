/**
 * The checks of one simulated report read the same contract state several times: the candidate's vetting and the
 * review both judge the winner's report, and within one pass the effect context and the swap bound ask the same
 * pools for their tokens and factories. All of it is state at the report's block, which does not change, so one
 * read per (contract, call data) at that block is enough: this wraps a client so that `readContract` naming that
 * block (and `getCode`, as {@link memoizeCode}) is asked once, its answer or its revert. A read naming another block, a tag, a caller or a
 * state override goes to the node. A new report is a new memo: nothing is reused across blocks or runs.
 */
import { BaseError, ContractFunctionRevertedError, ContractFunctionZeroDataError, encodeFunctionData, getAbiItem, getAddress, toFunctionSelector, type PublicClient, type ReadContractParameters } from 'viem';
import { memoizeCode } from './memoizeCode.js';

export type MemoizeReadsParameters = {
  /** The block the memo answers for: the simulated report's base block. */
  blockNumber: bigint;
};

export type MemoizeReadsReturnType = PublicClient;

/**
 * @example
 * const checksClient = memoizeReads(client, { blockNumber: report.blockNumber });
 * await checksClient.readContract({ address: pair, abi, functionName: 'token0', blockNumber: report.blockNumber }); // one eth_call
 * await checksClient.readContract({ address: pair, abi, functionName: 'token0', blockNumber: report.blockNumber }); // no request
 */
export function memoizeReads(client: PublicClient, { blockNumber }: MemoizeReadsParameters): MemoizeReadsReturnType {
  const withCode = memoizeCode(client, { blockNumber });
  const reads = new Map<string, Promise<unknown>>();
  const readContract = (args: ReadContractParameters) => {
    const { address, abi, functionName, args: callArgs, blockNumber: named, ...rest } = args as ReadContractParameters & { blockNumber?: bigint; args?: readonly unknown[] };
    // Only a plain read at exactly this block is the memo's: anything else may see other state.
    if (!address || named !== blockNumber || Object.values(rest).some((value) => value !== undefined)) return client.readContract(args);
    let key: string;
    try {
      // The answer is decoded by the caller's ABI: two ABIs that encode the same call may decode it differently.
      const known = functionOf(abi, functionName);
      if (known) key = `${address.toLowerCase()}:${encodeFunctionData({ abi: known.abi, functionName: known.selector, args: callArgs } as never)}:${known.outputs}`;
      else {
        const item = getAbiItem({ abi, name: functionName, args: callArgs } as never) as { outputs?: unknown } | undefined;
        const outputs = JSON.stringify(item?.outputs ?? []);
        key = `${getAddress(address).toLowerCase()}:${encodeFunctionData({ abi, functionName, args: callArgs } as never)}:${outputs}`;
      }
    } catch {
      return client.readContract(args); // the client reports the encoding error itself
    }
    let read = reads.get(key);
    if (!read) {
      read = client.readContract(args);
      // A call that reverts (or finds no code) at this block does so every time: remembered like an answer. Any
      // other failure (the node, the network) is not: the next caller asks again and sees the error itself.
      read.catch((error: unknown) => {
        if (!isDeterministic(error)) reads.delete(key);
      });
      reads.set(key, read);
    }
    return read;
  };
  return new Proxy(withCode, {
    get(target, property, receiver) {
      return property === 'readContract' ? readContract : Reflect.get(target, property, receiver);
    },
  });
}

type KnownFunction = { abi: readonly unknown[]; selector: `0x${string}`; outputs: string };

/**
 * The one function of `abi` named `name`, its selector and its outputs as text, found once per ABI: the memo's key
 * is then the call data without searching the ABI and hashing the signature for every read. Undefined when the name
 * is overloaded (the arguments choose) or absent: the key is then made the long way.
 */
function functionOf(abi: unknown, name: string): KnownFunction | undefined {
  if (!Array.isArray(abi)) return undefined;
  let byName = functions.get(abi);
  if (!byName) functions.set(abi, (byName = new Map()));
  if (!byName.has(name)) {
    const items = (abi as { type?: string; name?: string; outputs?: unknown }[]).filter((item) => item.type === 'function' && item.name === name);
    const item = items.length === 1 ? items[0]! : undefined;
    byName.set(name, item ? { abi: [item], selector: toFunctionSelector(item as never), outputs: JSON.stringify(item.outputs ?? []) } : undefined);
  }
  return byName.get(name);
}
const functions = new WeakMap<object, Map<string, KnownFunction | undefined>>();

/** A failure that is the block's own answer: the call reverted, or the address has no code to answer it. */
function isDeterministic(error: unknown): boolean {
  return error instanceof BaseError && Boolean(error.walk((cause) => cause instanceof ContractFunctionRevertedError || cause instanceof ContractFunctionZeroDataError));
}
