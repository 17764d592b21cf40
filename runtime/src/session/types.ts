/**
 * A session: one connected chain, one account, one store, for the life of a command or of the
 * interactive UI. The pipeline only reaches the outside world through this object, so the order of
 * steps lives in one place (../pipeline/runIntent.ts) and the parts behind it stay replaceable.
 */
import type { Address, Hex, LocalAccount, PublicClient } from 'viem';
import type { Agent, AgentContext, Plan, PlanCall, PlanFee, ResolvedIntent, TokenInfo, IntentAction, IntentList } from '../../../kernel/index.js';
import type { BalanceChange, SimulationReport } from '../simulate/types.js';
import type { Review, RiskFlagView, SentTx, StepView } from '../pipeline/types.js';
import type { Store } from '../store/db.js';
import type { RunStatus } from '../store/runs.js';

/** What the pipeline writes; the session maps it onto the SQLite store. */
export type RunRecorder = {
  createRun(run: { text: string; parser: 'grammar' | 'llm' | 'command'; chainId: number; account: Address; intents: IntentList }): number;
  recordFailedParse(run: { text: string; chainId: number; account: Address; code: string; message: string }): number;
  updateRun(
    runId: number,
    patch: {
      status?: RunStatus;
      agentId?: string;
      plan?: unknown;
      simulation?: unknown;
      review?: unknown;
      result?: unknown;
      error?: { code: string; message: string };
    },
  ): void;
  /** True once the run reached a final status (so a late error does not overwrite it). */
  isFinal(runId: number): boolean;
  recordSignedTx(tx: { runId: number; index: number; hash: Hex; chainId: number; request: unknown }): void;
  markTx(tx: { runId: number; index: number; status: SentTx['status'] | 'sent'; blockNumber?: bigint; receipt?: unknown }): void;
};

export type SessionChecks = {
  /** The agents' expected effects against the simulation; one message per violation (both numbers shown). */
  expectations(report: SimulationReport, plans: Plan[]): string[];
  /** Effects the user's words do not explain (balances, allowances, and every log of the sequence); one message each. */
  unexplained(report: SimulationReport, intents: ResolvedIntent[], fees?: readonly PlanFee[]): Promise<string[]>;
  /** `wei` of ETH in base units of `token` at Lucid's own market quote (the deployment's venues), or undefined. */
  ethPrice(token: TokenInfo, wei: bigint): Promise<bigint | undefined>;
  /**
   * Lucid's own bounds on each swap, from the venue's state (never the agent's numbers): one refusal per swap
   * that pays less than the market less the slippage limit, or whose guaranteed minimum is below that bound.
   */
  amounts(input: { report: SimulationReport; plans: Plan[]; steps: StepView[]; stepReports?: SimulationReport[] | undefined }): Promise<{ code: string; message: string }[]>;
  risks(input: { report: SimulationReport; intents: ResolvedIntent[]; plans: Plan[]; steps: StepView[] }): Promise<RiskFlagView[]>;
  policy(input: { report: SimulationReport; intents: ResolvedIntent[]; plans: Plan[] }): Promise<Review['policy']>;
};

export type SignAndSendHooks = {
  review: Review;
  onSigned(index: number, hash: Hex, request: unknown): void;
  onSent(index: number, hash: Hex): void;
  onReceipt(index: number, hash: Hex, receipt: { status: 'success' | 'reverted'; blockNumber: bigint; gasUsed: bigint }): void;
  onPending(index: number, hash: Hex): void;
};

export type Session = {
  home: string;
  chainId: number;
  chainName: string;
  rpcUrl: string;
  isDevnet: boolean;
  hasEns: boolean;
  publicClient: PublicClient;
  account: LocalAccount;
  /** Where the pipeline records runs and transactions. */
  recorder: RunRecorder;
  /**
   * The session's one handle on the SQLite store: whatever else a front end reads or writes while the session
   * is open (contacts, history, input lines, the registry index) goes through it, never through a second one.
   */
  store: Store;
  contracts: Record<string, Address>;
  tokens: TokenInfo[];
  /** Built-in agents plus registry agents that serve `action` on this chain. */
  agents(action: IntentAction): Promise<Agent[]>;
  agentContext(): Promise<AgentContext>;
  /**
   * Asks, beside the context's read of the head, what the step's agents and checks will read of the addresses it
   * names, at the head the session saw last: answered from the run's memo when the head has not moved. Optional.
   */
  prefetchStep?(intent: ResolvedIntent): void;
  resolveToken(ref: string): Promise<TokenInfo>;
  lookupContact(name: string): Address | undefined;
  simulate(calls: PlanCall[]): Promise<SimulationReport>;
  checks: SessionChecks;
  signAndSend(hooks: SignAndSendHooks): Promise<void>;
  /**
   * After inclusion: the account's real balance changes across the receipts' blocks (ETH including gas
   * paid), and how the calls' real effects differ from the simulated ones.
   */
  readOutcome(review: Review, txs: SentTx[]): Promise<{ balanceChanges: BalanceChange[]; outcomeDifferences: string[] }>;
  /** Why `agentId` is blocked on this chain (its real effects once differed from the simulation), if it is. */
  blockedReason(agentId: string): string | undefined;
  /** Blocks agents locally after a run whose real effects differed from the simulated ones. */
  blockAgents(agentIds: string[], runId: number, reason: string): void;
  /** Learns from a confirmed run: recipients seen, amounts spent today (for policy). */
  recordConfirmed(review: Review): void;
  close(): Promise<void>;
};
