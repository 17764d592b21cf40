/**
 * The agent contract. An agent turns a resolved intent into a {@link Plan}: calls plus the effects it
 * expects. The runtime — never the agent — simulates the plan, checks the expected effects against the
 * simulation, applies policy, and signs. An agent never sees a key.
 */
import type { Address, Hex, PublicClient } from 'viem';
import type { z } from 'zod';
import type { IntentAction } from './intentFields.js';

/** A token the runtime knows: from the chain's token list, the devnet manifest, or read from chain. */
export type TokenInfo = {
  /** 'ETH' for the native asset, else the ERC-20 contract. */
  address: Address | 'ETH';
  symbol: string;
  decimals: number;
  /** false when the token came from reading an unknown address on chain, not from a list. */
  verified: boolean;
};

/** The amount after resolution: exact base units, or a share of the balance resolved at plan time. */
export type ResolvedAmount = { kind: 'exact'; value: bigint } | { kind: 'all' } | { kind: 'percent'; bps: number };

/** An intent with every user word resolved: tokens to addresses, recipients to addresses, amounts to base units. */
export type ResolvedIntent = {
  action: IntentAction;
  amount?: ResolvedAmount | undefined;
  /** Exact-output swaps: what must be received, in base units of tokenOut. */
  amountOut?: bigint | undefined;
  token?: TokenInfo | undefined;
  tokenOut?: TokenInfo | undefined;
  /** Recipient (transfer) or spender (approve/revoke), resolved. */
  to?: Address | undefined;
  /** How `to` was written by the user (address, ENS name, contact), for display and risk checks. */
  toLabel?: string | undefined;
  /** Slippage limit in basis points (defaults applied by the router). */
  slippageBps: number;
  unlimited?: true | undefined;
  /** For stake: how long to lock the stake, in seconds. */
  lockSeconds?: number | undefined;
};

/** One transaction of a plan. `value` is wei. */
export type PlanCall = {
  to: Address;
  data: Hex;
  value: bigint;
  /** Plain-language line shown to the user ("Approve Uniswap V2 router to spend 1 USDC"). */
  description: string;
};

/**
 * An effect the agent promises: the user's balance of `token` changes by `amount` in `direction`.
 * `bound` says how the simulation must compare: exactly, at least (received ≥ amount), at most (spent ≤ amount).
 */
export type ExpectedEffect = {
  token: Address | 'ETH';
  symbol: string;
  decimals: number;
  direction: 'out' | 'in';
  amount: bigint;
  bound: 'exact' | 'atLeast' | 'atMost';
};

/**
 * A usage fee the runtime itself adds to a registry agent's plan (paid in the same sequence, by
 * `UsageLedger.recordUsage`): the agent's own, and the frontend's and compute provider's when present. The
 * user consents to each one as a line of the review; the checks allow exactly these on top of the words.
 * An agent never sets this: whatever it sends there is replaced by what the registries charge.
 */
export type PlanFee = {
  /** Who is paid: the agent that planned, the frontend the user came through, the compute provider. */
  payee: 'agent' | 'frontend' | 'compute';
  /** The payee's entry id in its registry. */
  entryId: bigint;
  /** The entry's name when the index knows it ("lucid-cli"). */
  name?: string | undefined;
  /** Wei, paid in ETH. */
  amount: bigint;
};

export type Plan = {
  agentId: string;
  /** One line: what the plan does ("Swap 1 ETH for ≥ 2,985.1 USDC on Uniswap V2"). */
  summary: string;
  calls: PlanCall[];
  expects: ExpectedEffect[];
  /** Optional venue/quote facts for display and ranking (price impact in bps, route). */
  quote?:
    | {
        venue?: string;
        route?: string[];
        priceImpactBps?: number;
        /** Quoted input and output in base units, for comparing venues. */
        amountIn?: bigint | undefined;
        amountOut?: bigint | undefined;
      }
    | undefined;
  /** Read-only answers (the balance agent): a plan with no calls and a result to show. */
  readOnly?: { balances: BalanceLine[] } | undefined;
  /** Usage fees the runtime added ({@link PlanFee}); absent for plans that pay none. */
  fees?: PlanFee[] | undefined;
};

/** One line of a read-only balance answer. `usd` is absent when no pool prices the token. */
export type BalanceLine = {
  symbol: string;
  address: Address | 'ETH';
  decimals: number;
  balance: bigint;
  usd?: number | undefined;
  /**
   * For a lending position (an aToken): the venue, the asset it is worth 1:1 (interest included), and the
   * supply rate read from the market now ("1.45% APY (1.44% APR)").
   */
  position?: { venue: string; asset: string; rate: string } | undefined;
};

/** Addresses of the protocol contracts on the current chain (devnet manifest or a chain's deployment file). */
export type Deployment = Record<string, Address>;

export type AgentContext = {
  chainId: number;
  /** The user's address: the `from` of every call. */
  account: Address;
  client: PublicClient;
  contracts: Deployment;
  /** Block timestamp (seconds) the plan is built against, for deadlines. */
  now: bigint;
  /** The tokens known on this chain (token list, or the devnet deployment's tokens), with addresses. */
  tokens?: TokenInfo[] | undefined;
  /**
   * By the key of a factory in `contracts`: the hash of the init code of the pools it creates, so that an
   * agent can compute a pool's address (CREATE2) instead of asking the factory. Only what the runtime can
   * prove (the devnet's factories, built from the shipped pair bytecode); absent means ask the factory.
   */
  poolInitCodeHashes?: Record<string, Hex> | undefined;
};

export type Agent<params extends z.ZodType = z.ZodType> = {
  id: string;
  description: string;
  actions: readonly IntentAction[];
  /** Chain ids served; an empty list means every chain. */
  chains: readonly number[];
  /** zod schema of the resolved intent fields this agent reads; every field `.describe()`d. */
  params: params;
  /** Whether this agent can run here (e.g. its protocol is deployed on ctx's chain). */
  supports?: ((ctx: AgentContext) => boolean) | undefined;
  plan: (ctx: AgentContext, intent: ResolvedIntent) => Promise<Plan>;
};
