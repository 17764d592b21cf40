/**
 * Types the pipeline shares with its front ends (the headless CLI and the ink UI). The UI renders these;
 * it never reaches into the runtime's internals.
 */
import type { Address, Hex } from 'viem';
import type { Intent, IntentList, Plan, PlanCall, ResolvedIntent } from '../../../kernel/index.js';
import type { BalanceChange, SimulationReport } from '../simulate/types.js';

export type Stage =
  | 'parsing'
  | 'parsed'
  | 'routing'
  | 'routed'
  | 'simulating'
  | 'simulated'
  | 'awaiting-confirmation'
  | 'signing'
  | 'sent'
  | 'confirmed'
  | 'failed'
  | 'refused';

export type StageEvent = { stage: Stage; message: string; at: number; runId?: number | undefined; hash?: Hex | undefined };

export type RiskFlagView = { code: string; level: 'info' | 'warning' | 'danger'; message: string; address?: Address | undefined };

export type CandidateView = {
  agentId: string;
  description: string;
  /** Net outcome the router scored (after gas and fees), in human units of `unit`, when the plan simulated. */
  outcome?: string | undefined;
  unit?: string | undefined;
  gasCostWei?: bigint | undefined;
  /** The usage fees its plan pays, wei (counted in `outcome`); absent when none. */
  feeWei?: bigint | undefined;
  dropped?: string | undefined;
  summary?: string | undefined;
  /** For supply: the rate Lucid read from the plan's market, and where ("3.05% APY (3.00% APR), read from Pool 0x…"). */
  rate?: string | undefined;
};

export type StepView = {
  /** Absent for plans Lucid built from command arguments (runPlan). */
  intent?: Intent | undefined;
  /** Where an amount the words did not state came from ("what step 1 produced in simulation: 2,985.1 USDC"). */
  amountFrom?: string | undefined;
  resolved?: ResolvedIntent | undefined;
  agentId: string;
  reason: string;
  summary: string;
  candidates: CandidateView[];
};

/** Everything shown to the user before they say yes. What is signed must equal `calls`. */
export type Review = {
  runId: number;
  text: string;
  chainId: number;
  account: Address;
  intents: IntentList;
  steps: StepView[];
  calls: PlanCall[];
  plans: Plan[];
  simulation: SimulationReport;
  risks: RiskFlagView[];
  policy: {
    decision: 'allow' | 'deny' | 'confirm-typed';
    /** Each violated rule, with its explanation (runtime/src/policy/explainViolation.ts): the rule's value, what the plan did, how to change it. */
    violations: { rule: string; message: string; key?: string | undefined; limit?: string | undefined; actual?: string | undefined; fix?: string | undefined }[];
    /** The first amount to type (kept for front ends that show one line). */
    typedConfirmation?: string | undefined;
    /** Every amount over its typed-confirmation threshold: each must be typed. */
    typedConfirmations?: { symbol: string; text: string; threshold: string }[] | undefined;
  };
  /** Read-only answers (balance) have nothing to sign. */
  readOnly?: Plan['readOnly'];
  /** Names of the addresses Lucid knows on this chain (lower-case address → name), for display. */
  labels: Record<string, string>;
  /** Which parser understood the words (`command` for plans Lucid built from command arguments). */
  parser: 'grammar' | 'llm' | 'command';
  /**
   * How firmly the reading rests on the words: `words` (every word read by the grammar) or `roles` (an LLM
   * reading, each value tied to its role in the words). `--yes` alone never signs a `roles` reading.
   */
  grounding: 'words' | 'roles';
  /** The words asked only to look: shown, never signed, even with `--yes`. */
  preview?: true | undefined;
};

export type SentTx = {
  index: number;
  hash: Hex;
  status: 'confirmed' | 'reverted' | 'pending' | 'dropped' | 'replaced';
  blockNumber?: bigint | undefined;
  gasUsed?: bigint | undefined;
};

export type RunOutcome = {
  runId: number;
  /** `preview`: the words asked only to look; simulated and shown, nothing signed. */
  status: 'confirmed' | 'simulated' | 'preview' | 'read-only' | 'pending' | 'reverted';
  review: Review;
  txs: SentTx[];
  /** Real change of the account's balances, read from chain before and after (ETH includes gas paid). */
  balanceChanges: BalanceChange[];
  /** Differences between the simulated and the real effects of the calls (gas excluded). Empty when they match. */
  outcomeDifferences: string[];
};
