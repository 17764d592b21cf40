/**
 * Policy check: allow | deny | confirm-typed for one plan. It looks at what the plan DOES — the calls'
 * targets, ETH values and decoded ERC-20 transfer/approve calldata, and the simulated balance and allowance
 * changes — never at what the agent says it does (`plan.expects`, `plan.summary`), because policy must hold
 * for any plan: built-in agents, external plan files, the LLM path.
 *
 * Per token, the plan's exposure is the largest of: what the calls send (ETH value, ERC-20 transfer
 * amounts), what the simulation shows leaving the user's balance, and any approval amount. Limits compare
 * against that exposure (and, for maxPerDay, against exposure + what was spent today).
 */
import type { Address, Hex } from 'viem';
import { decodeFunctionData, erc20Abi, formatUnits, parseUnits } from 'viem';
import type { Plan, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import type { Policy, PolicyLimitField } from './policy.js';
import {
  explainAllowedContracts,
  explainAllowedTokens,
  explainBlockedContracts,
  explainBlockedTokens,
  explainMaxPerDay,
  explainMaxPerTx,
  explainUnknownDecimals,
  explainUnlimitedApproval,
  type PolicyExplanation,
} from './explainViolation.js';

/** One of the user's balance changes from the simulation (gas-free), in base units. */
export type PolicyBalanceChange = { token: Address | 'ETH'; symbol: string; decimals: number; diff: bigint };
/** An allowance the simulation saw the user grant (the allowance after the plan). */
export type PolicyApproval = { token: Address; spender: Address; amount: bigint; symbol?: string | undefined; decimals?: number | undefined };
/** A transfer out of the user's account seen in the simulation (gross: whatever comes back later is not netted). */
export type PolicyOutflow = { token: Address | 'ETH'; amount: bigint; symbol?: string | undefined; decimals?: number | undefined };
/** What the policy reads from the simulation. The simulate module's report maps onto this. */
export type PolicyReport = { balanceChanges: PolicyBalanceChange[]; approvals?: PolicyApproval[] | undefined; outflows?: PolicyOutflow[] | undefined };

export type PolicyRule =
  | 'maxPerTx'
  | 'maxPerDay'
  | 'allowedContracts'
  | 'blockedContracts'
  | 'allowedTokens'
  | 'blockedTokens'
  | 'allowUnlimitedApprovals';

/** A violated rule: a sentence, plus what the rule was, what the plan did, and how to change it (./explainViolation.ts). */
export type PolicyViolation = { rule: PolicyRule; message: string } & Omit<PolicyExplanation, 'rule'>;

/** What the user must type to confirm: the exact human amount (`text`) of `symbol`. */
export type TypedConfirmation = {
  token: Address | 'ETH';
  symbol: string;
  decimals: number;
  amount: bigint;
  /** The amount in human units, exactly, as the user must type it. */
  text: string;
  /** The policy threshold that was crossed, human units. */
  threshold: string;
};

/** How much of one token the plan can move out of the user's hands. */
export type TokenExposure = {
  token: Address | 'ETH';
  symbol: string;
  decimals: number | undefined;
  /** max(sent by calls, simulated outflow, approved). */
  amount: bigint;
  /** What leaves the account, gross: max(sent by calls, simulated net outflow, sum of transfers out). Approvals excluded. */
  outflow: bigint;
  approved: bigint;
  unlimitedApproval: boolean;
};

export type EvaluatePolicyParameters = {
  policy: Policy;
  plan: Pick<Plan, 'calls'>;
  /** The simulation's view; without it only the calldata is checked. */
  report?: PolicyReport | undefined;
  /** The resolved intents the plan is for; an unlimited approval must have been asked for by one of them. */
  intents: ResolvedIntent[];
  /** Base units already spent (or reserved) today, by token address (lower-case) or 'ETH'; a symbol key is the fallback. */
  spentToday: Record<string, bigint>;
  /** The chain's known tokens (address → symbol, decimals, verified). */
  tokens: TokenInfo[];
};

export type EvaluatePolicyReturnType = {
  decision: 'allow' | 'deny' | 'confirm-typed';
  violations: PolicyViolation[];
  confirmations: TypedConfirmation[];
  exposures: TokenExposure[];
};

/** Approvals at or above this are "unlimited" (the same line the display uses for "unlimited X"). */
export const unlimitedApprovalThreshold = (2n ** 256n - 1n) / 2n;

/**
 * Checks one plan against the policy.
 *
 * @returns The decision, every violation (rule + message), and the typed confirmations required.
 * {@link EvaluatePolicyReturnType}
 * @example
 * const result = evaluatePolicy({ policy, plan, report, intents: [intent], spentToday: {}, tokens })
 * if (result.decision === 'deny') throw new PolicyViolationError(result.violations)
 */
export function evaluatePolicy(parameters: EvaluatePolicyParameters): EvaluatePolicyReturnType {
  const { policy, plan, report, intents, spentToday, tokens } = parameters;
  const violations: PolicyViolation[] = [];
  const confirmations: TypedConfirmation[] = [];
  const known = new Map(tokens.filter((t) => t.address !== 'ETH').map((t) => [lower(t.address), t]));
  const exposures = new Map<string, TokenExposure>();
  const expose = (
    token: Address | 'ETH',
    fields: { sent?: bigint; approved?: bigint; symbol?: string | undefined; decimals?: number | undefined },
  ) => {
    const key = lower(token);
    const info = token === 'ETH' ? undefined : known.get(key);
    const current = exposures.get(key) ?? {
      token,
      symbol: token === 'ETH' ? 'ETH' : (info?.symbol ?? fields.symbol ?? shortAddress(token)),
      decimals: token === 'ETH' ? 18 : (info?.decimals ?? fields.decimals),
      amount: 0n,
      outflow: 0n,
      approved: 0n,
      unlimitedApproval: false,
    };
    if (current.decimals === undefined && fields.decimals !== undefined) current.decimals = fields.decimals;
    const approved = fields.approved ?? 0n;
    current.approved = max(current.approved, approved);
    current.unlimitedApproval ||= approved >= unlimitedApprovalThreshold;
    current.amount = max(current.amount, fields.sent ?? 0n, approved);
    current.outflow = max(current.outflow, fields.sent ?? 0n);
    exposures.set(key, current);
  };

  // 1. The calls themselves: targets, ETH value, ERC-20 calldata.
  const approvals: PolicyApproval[] = [];
  let ethSent = 0n;
  const tokenSent = new Map<string, { token: Address; amount: bigint }>();
  for (const [index, call] of plan.calls.entries()) {
    ethSent += call.value;
    const target = lower(call.to);
    const isContractCall = call.data !== '0x' && call.data.length > 2;
    if (policy.blockedContracts.some((a) => lower(a) === target))
      violations.push({ ...explainBlockedContracts(call.to, 'calls'), message: `Call ${index + 1} goes to ${call.to}, which your policy blocks.` });
    else if (isContractCall && policy.allowedContracts.length > 0 && !policy.allowedContracts.some((a) => lower(a) === target))
      violations.push({ ...explainAllowedContracts(policy.allowedContracts, call.to, 'calls'), message: `Call ${index + 1} goes to ${call.to}, which is not in your allowed contracts.` });
    const erc20 = decodeErc20(call.data);
    if (!erc20) continue;
    if (erc20.kind === 'approve') approvals.push({ token: call.to, spender: erc20.spender, amount: erc20.amount });
    else {
      const sent = tokenSent.get(target) ?? { token: call.to, amount: 0n };
      sent.amount += erc20.amount;
      tokenSent.set(target, sent);
    }
  }
  if (ethSent > 0n) expose('ETH', { sent: ethSent });
  for (const { token, amount } of tokenSent.values()) expose(token, { sent: amount });

  // 2. The simulation: what actually leaves the balance, and the allowances actually granted.
  for (const change of report?.balanceChanges ?? [])
    if (change.diff < 0n) expose(change.token, { sent: -change.diff, symbol: change.symbol, decimals: change.decimals });
  // Gross: a plan that buys 900 USDC and sends 900 USDC nets to 0 but moves 900 USDC out of the account.
  const grossOut = new Map<string, PolicyOutflow>();
  for (const outflow of report?.outflows ?? []) {
    const key = lower(outflow.token);
    const entry = grossOut.get(key) ?? { ...outflow, amount: 0n };
    entry.amount += outflow.amount;
    grossOut.set(key, entry);
  }
  for (const outflow of grossOut.values()) expose(outflow.token, { sent: outflow.amount, symbol: outflow.symbol, decimals: outflow.decimals });
  for (const approval of report?.approvals ?? []) approvals.push(approval);
  for (const approval of approvals) {
    expose(approval.token, { approved: approval.amount, symbol: approval.symbol, decimals: approval.decimals });
    // Setting an allowance to zero (revoking) is always allowed, whoever the spender is.
    if (approval.amount === 0n) continue;
    const spender = lower(approval.spender);
    if (policy.blockedContracts.some((a) => lower(a) === spender))
      violations.push({ ...explainBlockedContracts(approval.spender, 'approves'), message: `The plan approves ${approval.spender}, which your policy blocks.` });
    else if (policy.allowedContracts.length > 0 && !policy.allowedContracts.some((a) => lower(a) === spender))
      violations.push({ ...explainAllowedContracts(policy.allowedContracts, approval.spender, 'approves'), message: `The plan approves ${approval.spender}, which is not in your allowed contracts.` });
  }

  // 3. Per token: allow/block lists, unlimited approvals, amount limits, typed confirmation.
  for (const exposure of exposures.values()) {
    const info = exposure.token === 'ETH' ? undefined : known.get(lower(exposure.token));
    const verified = exposure.token === 'ETH' || info?.verified === true;
    const label = displaySymbol(exposure.symbol);
    const blockedEntry = policy.blockedTokens.find((entry) => matchesToken(entry, exposure, true));
    if (blockedEntry !== undefined)
      violations.push({ ...explainBlockedTokens(blockedEntry, label), message: `The plan moves or approves ${label}, which your policy blocks.` });
    else if (policy.allowedTokens.length > 0 && !policy.allowedTokens.some((entry) => matchesToken(entry, exposure, verified)))
      violations.push({
        ...explainAllowedTokens(policy.allowedTokens, label, verified ? label : exposure.token),
        message: `The plan moves or approves ${label}${verified ? '' : ` (${exposure.token}, not a listed token)`}, which is not in your allowed tokens.`,
      });

    if (exposure.unlimitedApproval) {
      const asked = intents.some((intent) => intent.unlimited === true && intent.token?.address !== undefined && lower(intent.token.address) === lower(exposure.token));
      if (!policy.allowUnlimitedApprovals)
        violations.push({ ...explainUnlimitedApproval(label, false), message: `The plan gives an unlimited approval of ${label}; your policy does not allow unlimited approvals.` });
      else if (!asked)
        violations.push({ ...explainUnlimitedApproval(label, true), message: `The plan gives an unlimited approval of ${label} that the request did not ask for.` });
    }

    const spent = exposure.unlimitedApproval ? unlimitedApprovalThreshold : exposure.amount;
    const perTx = limitFor(policy, 'maxPerTx', exposure);
    const perDay = limitFor(policy, 'maxPerDay', exposure);
    const typedAbove = limitFor(policy, 'typedConfirmationAbove', exposure);
    if (exposure.decimals === undefined) {
      if (perTx || perDay || typedAbove) {
        const field = perTx ? 'maxPerTx' : perDay ? 'maxPerDay' : 'typedConfirmationAbove';
        violations.push({
          ...explainUnknownDecimals(perTx ? 'maxPerTx' : 'maxPerDay', `${field}.${limitKey(policy, field, exposure)}`, (perTx ?? perDay ?? typedAbove)!, label),
          message: `The decimals of ${label} are unknown, so its limits cannot be applied.`,
        });
      }
      continue;
    }
    const decimals = exposure.decimals;
    const human = (value: bigint) => (value >= unlimitedApprovalThreshold ? undefined : formatUnits(value, decimals));
    const shown = (value: bigint) => (value >= unlimitedApprovalThreshold ? 'an unlimited amount' : `${formatUnits(value, decimals)} ${label}`);
    if (perTx && spent > parseUnits(perTx, decimals))
      violations.push({
        ...explainMaxPerTx(`maxPerTx.${limitKey(policy, 'maxPerTx', exposure)}`, perTx, label, human(spent)),
        message: `The plan can move ${shown(spent)}; your limit per transaction is ${perTx} ${label}.`,
      });
    if (perDay) {
      const today = spentTodayFor(spentToday, exposure);
      if (today + spent > parseUnits(perDay, decimals))
        violations.push({
          ...explainMaxPerDay(`maxPerDay.${limitKey(policy, 'maxPerDay', exposure)}`, perDay, label, formatUnits(today, decimals), human(today + spent)),
          message: `With ${formatUnits(today, decimals)} ${label} already spent today, the plan would bring the day to ${shown(today + spent)}; your daily limit is ${perDay} ${label}.`,
        });
    }
    if (typedAbove && spent > parseUnits(typedAbove, decimals) && spent < unlimitedApprovalThreshold)
      confirmations.push({ token: exposure.token, symbol: label, decimals, amount: spent, text: formatUnits(spent, decimals), threshold: typedAbove });
  }

  const decision = violations.length > 0 ? 'deny' : confirmations.length > 0 ? 'confirm-typed' : 'allow';
  return { decision, violations, confirmations, exposures: [...exposures.values()] };
}

// ---------------------------------------------------------------------------------------------------------

type Erc20Call = { kind: 'transfer'; amount: bigint } | { kind: 'approve'; spender: Address; amount: bigint };

const increaseAllowanceAbi = [
  {
    type: 'function',
    name: 'increaseAllowance',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'spender', type: 'address' },
      { name: 'addedValue', type: 'uint256' },
    ],
    outputs: [{ type: 'bool' }],
  },
] as const;

// Decoding by selector, not by "is this a known token": an unknown contract with an ERC-20 interface is
// exactly what a malicious plan would use.
/** transfer, transferFrom, approve, increaseAllowance: any other call is none of decodeErc20's. */
const erc20Selectors: ReadonlySet<string> = new Set(['0xa9059cbb', '0x23b872dd', '0x095ea7b3', '0x39509351']);

function decodeErc20(data: Hex): Erc20Call | undefined {
  // Told by the selector first: decoding another function's call throws, and viem's errors cost a stack and a message.
  if (!erc20Selectors.has(data.slice(0, 10).toLowerCase())) return undefined;
  try {
    const decoded = decodeFunctionData({ abi: erc20Abi, data });
    if (decoded.functionName === 'transfer') return { kind: 'transfer', amount: decoded.args[1] };
    if (decoded.functionName === 'transferFrom') return { kind: 'transfer', amount: decoded.args[2] };
    if (decoded.functionName === 'approve') return { kind: 'approve', spender: decoded.args[0], amount: decoded.args[1] };
    return undefined;
  } catch {
    try {
      const decoded = decodeFunctionData({ abi: increaseAllowanceAbi, data });
      return { kind: 'approve', spender: decoded.args[0], amount: decoded.args[1] };
    } catch {
      return undefined;
    }
  }
}

// A limit keyed by address always applies; one keyed by symbol applies to any token showing that symbol
// (a fake "USDC" gets USDC's limits: stricter, never looser). The lower of the two wins.
function limitFor(policy: Policy, field: PolicyLimitField, exposure: TokenExposure): string | undefined {
  const matches = Object.entries(policy[field])
    .filter(([key]) => matchesToken(key, exposure, true))
    .map(([, value]) => value);
  if (matches.length <= 1) return matches[0];
  return matches.reduce((a, b) => (parseUnits(a, 36) <= parseUnits(b, 36) ? a : b));
}

// The key of the limit limitFor chose (the lowest matching one), as `lucid policy set` takes it.
function limitKey(policy: Policy, field: PolicyLimitField, exposure: TokenExposure): string {
  const value = limitFor(policy, field, exposure);
  return Object.entries(policy[field]).find(([key, limit]) => limit === value && matchesToken(key, exposure, true))?.[0] ?? exposure.symbol;
}

// Symbols are attacker-chosen: a symbol entry only counts as "allowed" for verified tokens (bySymbol=false
// for unverified ones), while blocks and limits match by symbol regardless.
function matchesToken(entry: string, exposure: TokenExposure, bySymbol: boolean): boolean {
  if (/^0x[0-9a-fA-F]{40}$/.test(entry)) return lower(entry) === lower(exposure.token);
  if (entry.toUpperCase() === 'ETH') return exposure.token === 'ETH';
  return bySymbol && exposure.token !== 'ETH' && entry.toLowerCase() === exposure.symbol.toLowerCase();
}

function spentTodayFor(spentToday: Record<string, bigint>, exposure: TokenExposure): bigint {
  const byAddress = spentToday[lower(exposure.token)] ?? spentToday[exposure.token];
  if (byAddress !== undefined) return byAddress;
  const symbol = exposure.symbol;
  if (spentToday[symbol] !== undefined) return spentToday[symbol];
  const key = Object.keys(spentToday).find((k) => k.toLowerCase() === symbol.toLowerCase());
  return key ? (spentToday[key] ?? 0n) : 0n;
}

// Token symbols come from contracts anyone can deploy: drop control and bidi characters before they reach a terminal.
function displaySymbol(symbol: string): string {
  return symbol.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 32) || '?';
}

function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function lower(value: string): string {
  return value.toLowerCase();
}

function max(...values: bigint[]): bigint {
  return values.reduce((a, b) => (a > b ? a : b), 0n);
}
