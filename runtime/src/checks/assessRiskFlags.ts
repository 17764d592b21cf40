/**
 * Risk rules (RISK.md, "Risk rules, with the thresholds wallets use"): each flag is one plain-language line with a
 * level. 'danger' should block until the user confirms explicitly; 'warning' is shown before the confirmation;
 * 'info' is context. Rules read the simulation report (state), the intents and the plan's calldata, and ask the
 * chain only whether an address holds code or is a token.
 */
import {
  decodeFunctionData,
  erc20Abi,
  formatGwei,
  getAddress,
  isAddressEqual,
  type Address,
  type PublicClient,
} from 'viem';
import { formatAmount, maxUint256, type Plan, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { userDiff } from './checkAgentPromises.js';
import type { SimulationReport } from '../simulate/types.js';
import { decodeCall } from '../chain/decodeCall.js';
import { findLookalike } from './lookalike.js';
import { checkCallShapes, type CheckCallShapesParameters } from './checkCallShapes.js';

export type RiskLevel = 'info' | 'warning' | 'danger';

export type RiskCode =
  | 'CALL_REVERTS'
  | 'UNLIMITED_APPROVAL'
  | 'APPROVAL_SPENDER_EOA'
  | 'APPROVAL_SPENDER_UNKNOWN'
  | 'RECIPIENT_IS_TOKEN'
  | 'RECIPIENT_IS_PROTOCOL'
  | 'RECIPIENT_IS_CONTRACT'
  | 'RECIPIENT_NEW'
  | 'ADDRESS_LOOKALIKE'
  | 'ENS_CHANGED'
  | 'PRICE_IMPACT'
  | 'SLIPPAGE'
  | 'TOKEN_UNVERIFIED'
  | 'SWAP_OUTPUT_NOT_TO_USER'
  | 'HIGH_PRIORITY_FEE'
  | 'CALL_NOT_NEEDED';

export type RiskFlag = {
  code: RiskCode;
  level: RiskLevel;
  /** One plain-language line. */
  message: string;
  /** The address the flag is about, when there is one. */
  address?: Address | undefined;
  /** Extra line for display (e.g. the lookalike with differing characters in [brackets]). */
  details?: string | undefined;
};

/** Thresholds in basis points; defaults are the wallets' (RISK.md). */
export type RiskLimits = {
  priceImpactNoticeBps: number;
  priceImpactWarnBps: number;
  priceImpactDangerBps: number;
  slippageWarnBps: number;
  slippageDangerBps: number;
  /** Priority fee at or above which to warn, wei. */
  priorityFeeWarnWei: bigint;
};

export const defaultRiskLimits: RiskLimits = {
  priceImpactNoticeBps: 100,
  priceImpactWarnBps: 1_000,
  priceImpactDangerBps: 2_000,
  slippageWarnBps: 1_000,
  slippageDangerBps: 2_000,
  priorityFeeWarnWei: 10_000_000_000n,
};

export type AssessRiskFlagsParameters = {
  report: SimulationReport;
  intents: readonly ResolvedIntent[];
  plan: Plan;
  account: Address;
  /** Contracts of protocols Lucid knows on this chain (routers, pools, registries). */
  knownProtocolContracts: readonly Address[];
  knownTokens: readonly TokenInfo[];
  /** Addresses the user sent to before (learned from outgoing transfers, never from incoming dust). */
  pastRecipients: readonly Address[];
  contacts?: readonly Address[] | undefined;
  client: PublicClient;
  /** How the transfer's ENS name resolved now, and last time the user used it. */
  ensResolution?: { name: string; address: Address; previousAddress?: Address | undefined } | undefined;
  policyLimits?: Partial<RiskLimits> | undefined;
  /**
   * Each step's intent and its plan, with the deployment's contracts by name: every top-level call is checked
   * against the action's declared shape ({@link checkCallShapes}); a call outside it is a danger.
   */
  shapes?: { steps: CheckCallShapesParameters['steps']; contracts: Record<string, Address> } | undefined;
  /** The price impact Lucid computed from the venue's own pools (./checkSwapBounds.ts), never the agent's figure. */
  marketImpactBps?: number | undefined;
};
export type AssessRiskFlagsReturnType = RiskFlag[];

/**
 * Computes the risk flags of a simulated plan, most severe first.
 *
 * @param params - {@link AssessRiskFlagsParameters}
 * @returns The flags. {@link RiskFlag}
 * @example
 * const flags = await assessRiskFlags({ report, intents, plan, account, knownProtocolContracts: Object.values(deployment.contracts),
 *   knownTokens, pastRecipients, client })
 */
export async function assessRiskFlags(params: AssessRiskFlagsParameters): Promise<AssessRiskFlagsReturnType> {
  const { report, intents, plan, account, client } = params;
  const limits = { ...defaultRiskLimits, ...params.policyLimits };
  const flags: RiskFlag[] = [];
  const add = (flag: RiskFlag) => {
    if (!flags.some((other) => other.code === flag.code && other.message === flag.message)) flags.push(flag);
  };
  const kinds = new Map<string, Promise<AddressKind>>();
  const kindOf = (address: Address) => {
    const key = address.toLowerCase();
    if (!kinds.has(key)) kinds.set(key, addressKind(client, address, params.knownTokens));
    return kinds.get(key)!;
  };

  for (const call of report.calls)
    if (call.status === 'reverted')
      add({ code: 'CALL_REVERTS', level: 'danger', message: `Step ${call.index + 1} fails: ${call.revert?.reason ?? 'reverted'}.`, address: call.to });

  if (params.shapes)
    for (const violation of await checkCallShapes(client, { ...params.shapes, knownTokens: params.knownTokens, account }))
      add({ code: 'CALL_NOT_NEEDED', level: 'danger', message: violation.message, address: violation.to });

  // Approvals the plan raises.
  for (const approval of report.approvals) {
    if (!isAddressEqual(approval.owner, account) || approval.post === 0n || approval.post <= approval.pre) continue;
    if (approval.post >= maxUint256 / 2n)
      add({
        code: 'UNLIMITED_APPROVAL',
        level: 'warning',
        message: `Unlimited ${approval.symbol} approval: ${short(approval.spender)} could spend all your ${approval.symbol}, now and later.`,
        address: approval.spender,
      });
    const kind = await kindOf(approval.spender);
    const amount = formatAmount(approval.post, approval.decimals, approval.symbol);
    if (kind === 'eoa')
      add({
        code: 'APPROVAL_SPENDER_EOA',
        level: 'danger',
        message: `The spender ${short(approval.spender)} is a plain account, not a contract: approving ${amount} lets its owner take it.`,
        address: approval.spender,
      });
    else if (!includes(params.knownProtocolContracts, approval.spender))
      add({
        code: 'APPROVAL_SPENDER_UNKNOWN',
        level: 'warning',
        message: `The spender ${short(approval.spender)} is not a protocol contract Lucid knows.`,
        address: approval.spender,
      });
  }

  // Recipients: transfer intents, ERC-20 transfer calldata, plain ETH sends.
  const known = [...params.pastRecipients, ...(params.contacts ?? [])];
  for (const recipient of recipientsOf(intents, plan, account)) {
    const kind = await kindOf(recipient);
    if (kind === 'token')
      add({
        code: 'RECIPIENT_IS_TOKEN',
        level: 'danger',
        message: `The recipient ${short(recipient)} is a token contract: tokens sent there are usually lost.`,
        address: recipient,
      });
    else if (kind === 'contract' && includes(params.knownProtocolContracts, recipient) && !wrapsAt(intents, plan, recipient))
      add({
        code: 'RECIPIENT_IS_PROTOCOL',
        level: 'danger',
        message: `The recipient ${short(recipient)} is a protocol contract (a router, pool or registry), not an account: funds sent there are lost.`,
        address: recipient,
      });
    else if (kind === 'contract' && !includes(params.knownProtocolContracts, recipient))
      add({ code: 'RECIPIENT_IS_CONTRACT', level: 'warning', message: `The recipient ${short(recipient)} is a contract, not a person's account.`, address: recipient });
    if (!includes(known, recipient)) {
      add({ code: 'RECIPIENT_NEW', level: 'warning', message: `You have never sent to ${short(recipient)} before.`, address: recipient });
      const lookalike = findLookalike(recipient, known);
      if (lookalike)
        add({
          code: 'ADDRESS_LOOKALIKE',
          level: lookalike.match === 'both' ? 'danger' : 'warning',
          message: `${recipient} looks like ${lookalike.known}, an address you know, but it is a different address.`,
          address: recipient,
          details: `recipient ${lookalike.highlighted}\nknown     ${lookalike.known}`,
        });
    }
  }

  if (params.ensResolution?.previousAddress && !isAddressEqual(params.ensResolution.previousAddress, params.ensResolution.address))
    add({
      code: 'ENS_CHANGED',
      level: 'warning',
      message: `${params.ensResolution.name} now points to ${short(params.ensResolution.address)}; last time it was ${short(params.ensResolution.previousAddress)}.`,
      address: params.ensResolution.address,
    });

  const impact = params.marketImpactBps;
  if (impact !== undefined && impact > limits.priceImpactNoticeBps)
    add({
      code: 'PRICE_IMPACT',
      level: impact > limits.priceImpactDangerBps ? 'danger' : 'warning',
      message: `Price impact ${percent(impact)}: you get ${impact > limits.priceImpactWarnBps ? 'much ' : ''}less than the market price.`,
    });

  for (const intent of intents) {
    if (intent.action === 'swap' && intent.slippageBps > limits.slippageWarnBps)
      add({
        code: 'SLIPPAGE',
        level: intent.slippageBps > limits.slippageDangerBps ? 'danger' : 'warning',
        message: `Slippage limit ${percent(intent.slippageBps)}: the trade may pay up to that much less than quoted.`,
      });
    for (const token of [intent.token, intent.tokenOut])
      if (token && !token.verified && token.address !== 'ETH') add(unverified(token.symbol, token.address));
    if (intent.action === 'swap' && intent.tokenOut && userDiff(report, account, intent.tokenOut.address) <= 0n && report.ok)
      add({ code: 'SWAP_OUTPUT_NOT_TO_USER', level: 'danger', message: `The swap pays no ${intent.tokenOut.symbol} to your address.` });
  }
  // A contract of the deployment itself (a registry's entry token) is known from the deployment, not by its name.
  const ours = (token: Address) => includes(params.knownProtocolContracts, token);
  for (const change of report.balanceChanges)
    if (!change.verified && change.token !== 'ETH' && isAddressEqual(change.address, account) && !ours(change.token)) add(unverified(change.symbol, change.token));
  for (const approval of report.approvals)
    if (!approval.verified && isAddressEqual(approval.owner, account) && !ours(approval.token)) add(unverified(approval.symbol, approval.token));

  for (const to of swapRecipients(plan))
    if (!isAddressEqual(to, account))
      add({ code: 'SWAP_OUTPUT_NOT_TO_USER', level: 'danger', message: `The swap sends its output to ${short(to)}, not to you.`, address: to });

  if (report.gas.maxPriorityFeePerGas >= limits.priorityFeeWarnWei)
    add({
      code: 'HIGH_PRIORITY_FEE',
      level: 'warning',
      message: `Priority fee ${formatGwei(report.gas.maxPriorityFeePerGas)} gwei is unusually high.`,
    });

  const order: Record<RiskLevel, number> = { danger: 0, warning: 1, info: 2 };
  return flags.sort((a, b) => order[a.level] - order[b.level]);
}

type AddressKind = 'eoa' | 'token' | 'contract';

// An EIP-7702 delegated account has code (0xef0100 ‖ target) but is still someone's key: treat it as an account.
async function addressKind(client: PublicClient, address: Address, knownTokens: readonly TokenInfo[]): Promise<AddressKind> {
  if (knownTokens.some((token) => token.address !== 'ETH' && isAddressEqual(token.address, address))) return 'token';
  const code = await client.getCode({ address });
  if (!code || code === '0x' || code.toLowerCase().startsWith('0xef0100')) return 'eoa';
  const answers = (functionName: 'decimals' | 'totalSupply') =>
    client.readContract({ address, abi: erc20Abi, functionName }).then(
      () => true,
      () => false,
    );
  const [decimals, supply] = await Promise.all([answers('decimals'), answers('totalSupply')]);
  return decimals && supply ? 'token' : 'contract';
}

function recipientsOf(intents: readonly ResolvedIntent[], plan: Plan, account: Address): Address[] {
  const out = new Map<string, Address>();
  const add = (address: Address) => {
    if (!isAddressEqual(address, account)) out.set(address.toLowerCase(), getAddress(address));
  };
  for (const intent of intents) if (intent.action === 'transfer' && intent.to) add(intent.to);
  for (const call of plan.calls) {
    if (call.data === '0x' && call.value > 0n) add(call.to);
    if (call.data.startsWith('0xa9059cbb')) {
      try {
        const decoded = decodeCall(erc20Abi, call.data);
        if (decoded?.functionName === 'transfer') add(decoded.args![0] as Address);
      } catch {
        // not an ERC-20 transfer after all
      }
    }
  }
  return [...out.values()];
}

// A plain ETH send to WETH is how some agents wrap: not a lost transfer when the user asked to wrap.
function wrapsAt(intents: readonly ResolvedIntent[], plan: Plan, recipient: Address): boolean {
  if (!intents.some((intent) => intent.action === 'wrap')) return false;
  if (intents.some((intent) => intent.action === 'transfer' && intent.to && isAddressEqual(intent.to, recipient))) return false;
  return plan.calls.some((call) => isAddressEqual(call.to, recipient) && call.data === '0x');
}

// The `to` argument of every Uniswap-V2-style router swap in the plan (both venues share the bytecode).
function swapRecipients(plan: Plan): Address[] {
  const out: Address[] = [];
  for (const call of plan.calls) {
    try {
      const decoded = decodeCall(UniswapV2Router02.abi, call.data);
      if (!decoded?.functionName.startsWith('swap')) continue;
      const item = UniswapV2Router02.abi.find((entry) => entry.type === 'function' && entry.name === decoded.functionName);
      const index = item && 'inputs' in item ? item.inputs.findIndex((input) => input.name === 'to') : -1;
      const to = index >= 0 ? (decoded.args as readonly unknown[])[index] : undefined;
      if (typeof to === 'string') out.push(getAddress(to));
    } catch {
      // not a router call
    }
  }
  return out;
}

function unverified(symbol: string, token: Address): RiskFlag {
  return {
    code: 'TOKEN_UNVERIFIED',
    level: 'warning',
    message: `${symbol} (${short(token)}) is not on the token list: its name and symbol may be fake.`,
    address: token,
  };
}

function includes(list: readonly Address[], address: Address): boolean {
  return list.some((item) => isAddressEqual(item, address));
}

function short(address: Address): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function percent(bps: number): string {
  return `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 2)}%`;
}
