/**
 * What the simulation engine (eth_simulateV1, on the node or on a local fork of it) returns to the report
 * builder: the calls' raw results and the lens readings before the first call and after the last one.
 */
import type { Address, Block, Hex, PublicClient } from 'viem';
import type { PlanCall } from '../../../kernel/index.js';
import type { AllowanceKey } from './lens.js';

/** What to read with the lens: every (token, party) balance, and each allowance key. Token 0x0 is ETH. */
export type Observation = {
  tokens: Address[];
  parties: Address[];
  allowances: AllowanceKey[];
  /** View calls read before and after the plan like the balances (positions in contracts: stakes, entries). */
  views?: ViewCall[] | undefined;
};

/** A read-only call whose return data is compared before and after the plan. */
export type ViewCall = { to: Address; data: Hex };

export type RawLog = { address: Address; topics: Hex[]; data: Hex };

export type RawCallResult = {
  status: 'success' | 'reverted';
  gasUsed: bigint;
  gasLimit: bigint;
  logs: RawLog[];
  revertData?: Hex | undefined;
};

/** `views`: each view call's return data, undefined where it reverted (an entry that does not exist). */
export type Readings = { balances: bigint[]; allowances: bigint[]; views?: (Hex | undefined)[] | undefined };

export type EngineInput = {
  account: Address;
  calls: PlanCall[];
  /** Gas limits to simulate with; undefined on a first pass that measures gas. */
  gasLimits?: bigint[] | undefined;
  /** Gas each call used in the previous pass: predicts the base fee of the blocks after the first. */
  gasUsed?: bigint[] | undefined;
  blockNumber?: bigint | undefined;
  fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
  observation: Observation;
  /**
   * The block to simulate on top of and its parent, fetched once per simulation so every pass sees the same
   * state (and the node is not asked again per pass). Engines that run on `latest` only may ignore it.
   */
  blocks?: SimulationBlocks | undefined;
};

/** A mined block (latest or by number): its number and hash are never null. */
export type MinedBlock = Block<bigint, false, 'latest'>;
export type SimulationBlocks = { block: MinedBlock; parent?: MinedBlock | undefined };

/** The base block (latest, or the pinned number) and its parent. */
export async function fetchSimulationBlocks(client: PublicClient, blockNumber: bigint | undefined): Promise<SimulationBlocks> {
  const block = (await client.getBlock(blockNumber === undefined ? { blockTag: 'latest' } : { blockNumber })) as MinedBlock;
  const parent = block.number > 0n ? ((await client.getBlock({ blockNumber: block.number - 1n })) as MinedBlock) : undefined;
  return { block, parent };
}

export type EngineRun = {
  calls: RawCallResult[];
  pre: Readings;
  post: Readings;
  /** ETH the account paid in gas, to take out of its ETH diff. */
  gasPaidByAccount: bigint;
  costWei: bigint;
  blockNumber: bigint;
  /** Base fee of the first simulated block. */
  baseFee: bigint;
  /** The simulated blocks, one per call: number, time and base fee each transaction was simulated in. */
  blocks?: { number: bigint; time: bigint; baseFee: bigint }[] | undefined;


};

export type Engine = (client: PublicClient, input: EngineInput) => Promise<EngineRun>;

/** The gas limit to sign with: gas used plus room for refunds and the 63/64 rule. */
export function gasLimitFor(gasUsed: bigint): bigint {
  return (gasUsed * 13n) / 10n + 10_000n;
}
