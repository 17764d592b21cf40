/**
 * Why a mined transaction reverted. Receipts carry no revert data, so we replay the call with `eth_call` at
 * the block it was mined in and decode what comes back: `Error(string)`, `Panic(uint256)`, or a custom error
 * from the ABI the caller passes (e.g. the token's, for `ERC20InsufficientBalance`).
 */
import type { Abi, Address, Hex, PublicClient } from 'viem';
import { decodeErrorResult } from 'viem';

export type RevertReasonParameters = {
  publicClient: PublicClient;
  from: Address;
  to: Address;
  data: Hex;
  value: bigint;
  blockNumber: bigint;
  /** ABIs whose custom errors may be the reason. */
  abi?: Abi | undefined;
};

/**
 * @returns A readable reason ("ERC20InsufficientBalance(0xf39F…, 0, 100)", "Panic(0x11: arithmetic overflow)",
 * the revert string) or undefined when the replay does not revert or returns no data.
 */
export async function revertReasonOf(parameters: RevertReasonParameters): Promise<string | undefined> {
  const { publicClient, from, to, data, value, blockNumber, abi } = parameters;
  try {
    await publicClient.call({ account: from, to, data, value, blockNumber });
    return undefined;
  } catch (error) {
    const revertData = findRevertData(error);
    if (revertData) return decodeRevertData(revertData, abi);
    const reason = findProperty(error, 'reason');
    return typeof reason === 'string' && reason ? reason : undefined;
  }
}

/** Decodes revert data into one readable line; unknown selectors come back as the raw selector. */
export function decodeRevertData(data: Hex, abi?: Abi): string {
  try {
    const decoded = decodeErrorResult({ abi: abi ?? [], data });
    const args = (decoded.args ?? []) as readonly unknown[];
    if (decoded.errorName === 'Error' && typeof args[0] === 'string') return args[0];
    if (decoded.errorName === 'Panic' && typeof args[0] === 'bigint') return `Panic(0x${args[0].toString(16)}${panicNames[Number(args[0])] ? `: ${panicNames[Number(args[0])]}` : ''})`;
    return `${decoded.errorName}(${args.map(String).join(', ')})`;
  } catch {
    return `unknown error ${data.slice(0, 10)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------

const panicNames: Record<number, string> = {
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow',
  0x12: 'division by zero',
  0x21: 'invalid enum value',
  0x31: 'pop on empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to a zero function',
};

// viem wraps the node's answer a few levels deep (CallExecutionError → … → RawContractError { data }).
function findRevertData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const data = (current as { data?: unknown }).data;
    if (isRevertHex(data)) return data;
    const nested = typeof data === 'object' && data !== null ? (data as { data?: unknown }).data : undefined;
    if (isRevertHex(nested)) return nested;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isRevertHex(value: unknown): value is Hex {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(value);
}

function findProperty(error: unknown, key: string): unknown {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (typeof current === 'object' && key in current) {
      const value = (current as Record<string, unknown>)[key];
      if (value !== undefined && value !== null) return value;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
