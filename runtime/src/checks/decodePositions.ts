/**
 * The user's positions, decoded from the view calls of {@link listPositionViews} as read before and after a plan
 * (by the simulation, or from chain after inclusion): one {@link Position} per field, with both values.
 */
import { decodeFunctionResult, isAddressEqual, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import { decodeCall as decodeAbiCall } from '../chain/decodeCall.js';
import { AgentRegistry, CapitalPool, UsageLedger } from '../../../registry-contracts/index.js';
import type { ViewReading } from '../simulate/types.js';
import { registryPools } from './listPositionViews.js';

export type PositionKind = 'stake' | 'lock-end' | 'multiplier' | 'rewards' | 'entry-owner' | 'entry-fee' | 'entry-active' | 'entry-approved' | 'entry-rewards' | 'entry-fees';

/** A value: an amount or a time (bigint), an address, a flag; undefined when the view reverted (the entry did not exist). */
export type PositionValue = bigint | Address | boolean | undefined;

export type Position = {
  /** Stable across reads: the view's contract and calldata, and the field. */
  key: string;
  kind: PositionKind;
  contract: Address;
  /** In words, from the user's side: "your capital pool stake", "the fee of your entry #3 in the agent registry". */
  label: string;
  /** Set for amounts: their decimals and unit ("stETH", "LUCID", "ETH"). */
  unit?: { decimals: number; symbol: string } | undefined;
  entry?: { registry: Address; entryId: bigint } | undefined;
  pre: PositionValue;
  post: PositionValue;
};

export type PositionRead = ViewReading;

const abis = [CapitalPool.abi, AgentRegistry.abi, UsageLedger.abi] as unknown as Abi[];
const registryNames = ['agent registry', 'frontend registry', 'compute registry'] as const;

/**
 * @param reads - Each view with its return data before and after (`report.views`).
 * @param contracts - The deployment's protocol contracts by name (only their views are decoded).
 * @param symbols - Units for amounts: the stake token, the reward token.
 */
export function decodePositions(reads: readonly PositionRead[], contracts: Record<string, Address>, symbols: { stake?: string | undefined; reward?: string | undefined } = {}): Position[] {
  const out: Position[] = [];
  const is = (key: string, address: Address) => Boolean(contracts[key]) && isAddressEqual(contracts[key]!, address);
  for (const read of reads) {
    const call = decodeCall(read.data);
    if (!call) continue;
    const value = (data: Hex | null | undefined) => (data ? decodeResult(call.abi, call.functionName, data) : undefined);
    const [pre, post] = [value(read.returnData[0]), value(read.returnData[1])];
    const base = { contract: read.to };
    const field = (name: string, kind: PositionKind, label: string, pick: (result: readonly unknown[] | undefined) => PositionValue, extra: Partial<Position> = {}) =>
      out.push({ ...base, ...extra, key: `${read.to.toLowerCase()}:${read.data}:${name}`, kind, label, pre: pick(pre), post: pick(post) });
    const at = (index: number) => (result: readonly unknown[] | undefined) => result?.[index] as PositionValue;
    if (call.functionName === 'positionOf' && is('capitalPool', read.to)) {
      // A position that was never opened reads as zeros, not as "absent".
      const zeroIfNone = (index: number) => (result: readonly unknown[] | undefined) => (result?.[index] as bigint | undefined) ?? 0n;
      field('staked', 'stake', 'your capital pool stake', zeroIfNone(0), { unit: { decimals: 18, symbol: symbols.stake ?? 'stake token' } });
      field('multiplier', 'multiplier', 'the lock multiplier of your capital pool stake (bps)', zeroIfNone(2));
      field('lockEnd', 'lock-end', 'the lock end of your capital pool stake (unix time)', zeroIfNone(3));
      field('earned', 'rewards', 'your capital pool rewards', zeroIfNone(4), { unit: { decimals: 18, symbol: symbols.reward ?? 'reward token' } });
      continue;
    }
    const pool = registryPools.findIndex((key) => is(key, read.to));
    const entryId = call.args[0];
    if (pool >= 0 && typeof entryId === 'bigint') {
      const entry = { registry: read.to, entryId };
      const where = `your entry #${entryId} in the ${registryNames[pool]}`;
      if (call.functionName === 'entry') {
        field('owner', 'entry-owner', `the owner of ${where}`, at(0), { entry });
        field('fee', 'entry-fee', `the fee per use of ${where} (wei)`, at(1), { entry });
        field('active', 'entry-active', `whether ${where} is active`, at(2), { entry });
      } else if (call.functionName === 'getApproved') {
        field('approved', 'entry-approved', `who may take ${where}`, (result) => (result ? (result[0] as Address) : undefined), { entry });
      }
      continue;
    }
    if (is('usageLedger', read.to) && (call.functionName === 'claimableRewards' || call.functionName === 'feesOwed')) {
      const [poolIndex, id] = call.args as [number, bigint];
      const registry = contracts[registryPools[poolIndex] ?? 'agentRegistry'];
      const entry = registry ? { registry, entryId: id } : undefined;
      const where = `your entry #${id} in the ${registryNames[poolIndex] ?? 'registry'}`;
      if (call.functionName === 'claimableRewards')
        field('rewards', 'entry-rewards', `the rewards ${where} can claim`, at(0), { entry, unit: { decimals: 18, symbol: symbols.reward ?? 'reward token' } });
      else field('fees', 'entry-fees', `the usage fees ${where} can withdraw`, at(0), { entry, unit: { decimals: 18, symbol: 'ETH' } });
    }
  }
  return out;
}

/** Whether two values are the same (addresses case-insensitively; the zero address as "nobody"). */
export function samePositionValue(a: PositionValue, b: PositionValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return isAddressEqual(a, b);
  return a === b;
}

/** A value in words: an amount with its unit, an address, "nobody", "none" for an entry that does not exist. */
export function describePositionValue(position: Pick<Position, 'unit' | 'kind'>, value: PositionValue, format: (value: bigint, decimals: number) => string): string {
  if (value === undefined) return 'none (the entry does not exist)';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return isAddressEqual(value, zeroAddress) ? 'nobody' : value;
  return position.unit ? `${format(value, position.unit.decimals)} ${position.unit.symbol}` : value.toString();
}

// By selector, in an index made once per ABI (chain/decodeCall.ts): viem's search hashed every function of every
// ABI tried, for each view of each report, and built an error for each ABI that was not the view's.
function decodeCall(data: Hex): { abi: Abi; functionName: string; args: readonly unknown[] } | undefined {
  for (const abi of abis) {
    try {
      const decoded = decodeAbiCall(abi, data);
      if (decoded) return { abi, functionName: decoded.functionName, args: decoded.args ?? [] };
    } catch {
      // not this ABI's arguments
    }
  }
  return undefined;
}

function decodeResult(abi: Abi, functionName: string, data: Hex): readonly unknown[] | undefined {
  try {
    const result = decodeFunctionResult({ abi, functionName, data }) as unknown;
    return Array.isArray(result) ? result : [result];
  } catch {
    return undefined;
  }
}
