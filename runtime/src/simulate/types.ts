/**
 * The simulation report: what a plan would do, read from state. Everything the user is shown before signing
 * ("show the changes"), everything the expectation and intent checks compare, and everything the risk rules read.
 * Amounts are bigint base units; display goes through ./format.ts.
 */
import type { Address, Hex } from 'viem';

/** A log as emitted, plus its decoding with the ABIs Lucid knows (absent when no ABI matched). */
export type DecodedLog = {
  /** Emitting contract; {@link ethTransferLogAddress} for native ETH moves traced by the node. */
  address: Address;
  topics: Hex[];
  data: Hex;
  eventName?: string | undefined;
  args?: Record<string, unknown> | undefined;
};

/** A revert, decoded: Error(string), Panic(uint) or a custom error from a known ABI. `raw` is the revert data. */
export type RevertInfo = { reason: string; raw: Hex };

export type CallReport = {
  index: number;
  to: Address;
  status: 'success' | 'reverted';
  gasUsed: bigint;
  /** The gas limit the call was simulated with: sign with exactly this. */
  gasLimit: bigint;
  logs: DecodedLog[];
  revert?: RevertInfo | undefined;
};

/** A balance that the plan changes, read from state before the first call and after the last. Non-zero diffs only. */
export type BalanceChange = {
  address: Address;
  token: Address | 'ETH';
  symbol: string;
  decimals: number;
  /** false for tokens that are not on the token list (symbol/decimals read from the contract, untrusted). */
  verified: boolean;
  pre: bigint;
  post: bigint;
  /** post − pre; for the sender's ETH, gas is excluded (see {@link GasReport}). */
  diff: bigint;
};

/** An allowance the plan touches (an Approval log, or an approve call in the plan), read before and after. */
export type ApprovalChange = {
  token: Address;
  symbol: string;
  decimals: number;
  verified: boolean;
  owner: Address;
  spender: Address;
  pre: bigint;
  post: bigint;
};

export type GasReport = {
  /** Sum of gas used by the plan's calls. */
  total: bigint;
  perCall: bigint[];
  /** Gas limit per call, as simulated; the signer must use these. */
  limits: bigint[];
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** What recent blocks paid (next base fee, median priority fee): the fees above are judged against it. */
  market?: { baseFee: bigint; priorityFee: bigint } | undefined;
  /** Base fee of the first simulated block. */
  baseFee: bigint;
  /** Expected cost: gas used × min(maxFee, baseFee + priority fee). */
  costWei: bigint;
  /** Worst case: Σ gas limit × maxFeePerGas. */
  maxCostWei: bigint;
};

export type SimulationReport = {
  /** true when every call succeeded. */
  ok: boolean;
  /** How the plan was simulated. */
  mode: 'simulateV1' | 'fork';
  account: Address;
  /** The block the plan was simulated on top of. */
  blockNumber: bigint;
  /** One simulated block per call, as it will be mined: its number, time and base fee. */
  blocks?: { number: bigint; time: bigint; baseFee: bigint }[] | undefined;
  calls: CallReport[];
  balanceChanges: BalanceChange[];
  approvals: ApprovalChange[];
  gas: GasReport;
  /** Every token the report mentions (known ones and unverified ones read from chain), ETH included. */
  tokens: { address: Address | 'ETH'; symbol: string; decimals: number; verified: boolean }[];
  /**
   * The view calls asked for (the user's positions in contracts), each one's return data before the first call
   * and after the last (`returnData: [before, after]`); null where the view reverted (an entry that does not exist then).
   */
  views?: ViewReading[] | undefined;
};

/** A view call and its return data before and after a plan; null where it reverted. */
export type ViewReading = { to: Address; data: Hex; returnData: [before: Hex | null, after: Hex | null] };

/** Where nodes put native ETH moves when `traceTransfers` is on (ERC-7528 pseudo-address). */
export const ethTransferLogAddress: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
