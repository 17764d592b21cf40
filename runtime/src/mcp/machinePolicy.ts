/**
 * The machine policy: what an AI assistant calling Lucid over MCP may sign without asking the person,
 * `$LUCID_HOME/mcp-policy.json`. It is separate from, and applied on top of, the person's own policy
 * (policy.json), which still refuses what it refuses. Empty by default: nothing signs without the person.
 *
 * ```json
 * {
 *   "allowedActions":    ["transfer", "swap"],          // intent actions the assistant may execute
 *   "maxPerTx":          { "ETH": "0.1", "USDC": "100" }, // every token a plan moves needs a limit here
 *   "maxPerDay":         { "ETH": "0.5" },               // rolling day, counting every spend of the account
 *   "allowedRecipients": ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"] // transfer recipients and approval spenders
 * }
 * ```
 * Beyond it — another action, a token without a limit here, an amount over a limit, another recipient, any
 * danger flag, an amount the person's policy wants typed — a plan waits for `lucid approve <plan id>`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { InfraError, InputError, intentActions, type Plan, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { evaluatePolicy } from '../policy/evaluatePolicy.js';
import { parsePolicy } from '../policy/policy.js';
import type { Review } from '../pipeline/types.js';

const decimal = z.string().regex(/^(?:0|[1-9]\d*)(?:\.\d+)?$/, 'a non-negative decimal in human units, like "0.5"');
const tokenKey = z.string().regex(/^(?:0x[0-9a-fA-F]{40}|[A-Za-z0-9.$_-]{1,32})$/, 'a token symbol like "USDC" or a 0x address');

export const machinePolicySchema = z.strictObject({
  allowedActions: z.array(z.enum(intentActions)).default([]),
  maxPerTx: z.record(tokenKey, decimal).default({}),
  maxPerDay: z.record(tokenKey, decimal).default({}),
  allowedRecipients: z.array(z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x address')).default([]),
});
export type MachinePolicy = z.output<typeof machinePolicySchema>;

export const machinePolicyFileName = 'mcp-policy.json';

/** Reads `$home/mcp-policy.json`; a missing file is the empty policy (nothing signs without the person). */
export async function loadMachinePolicy(home: string): Promise<MachinePolicy> {
  const path = join(home, machinePolicyFileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return machinePolicySchema.parse({});
    throw new InfraError('MACHINE_POLICY_UNREADABLE', `Cannot read ${path}.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('MACHINE_POLICY_INVALID', `${path} is not valid JSON.`);
  }
  const parsed = machinePolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError('MACHINE_POLICY_INVALID', `Invalid machine policy in ${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Why a plan needs the person: one line each, plus the person-policy-style explanation for amount limits. */
export type MachineDecision = {
  allowed: boolean;
  reasons: { rule: string; message: string; limit?: string | undefined; actual?: string | undefined; fix?: string | undefined }[];
};

export type EvaluateMachinePolicyParameters = {
  policy: MachinePolicy;
  review: Review;
  intents: ResolvedIntent[];
  tokens: TokenInfo[];
  /** Base units the account spent today, by token symbol. */
  spentToday: Record<string, bigint>;
};

/** Whether the assistant may sign this review without the person, and if not, every reason. */
export function evaluateMachinePolicy(parameters: EvaluateMachinePolicyParameters): MachineDecision {
  const { policy, review, intents, tokens, spentToday } = parameters;
  const reasons: MachineDecision['reasons'] = [];
  for (const danger of review.risks.filter((risk) => risk.level === 'danger'))
    reasons.push({ rule: 'danger', message: `danger: ${danger.message}` });
  if (review.policy.decision === 'confirm-typed')
    reasons.push({ rule: 'typedConfirmationAbove', message: `your policy wants the amount ${review.policy.typedConfirmation ?? ''} typed by you` });
  for (const intent of intents)
    if (!policy.allowedActions.includes(intent.action))
      reasons.push({
        rule: 'allowedActions',
        message: `the assistant may not ${intent.action} on its own`,
        limit: policy.allowedActions.length ? `only ${policy.allowedActions.join(', ')}` : 'nothing (empty machine policy)',
        actual: intent.action,
        fix: `lucid policy add --mcp allowedActions ${intent.action}`,
      });
  const allowedRecipients = new Set(policy.allowedRecipients.map((a) => a.toLowerCase()));
  for (const intent of intents)
    if (intent.to && intent.to.toLowerCase() !== review.account.toLowerCase() && !allowedRecipients.has(intent.to.toLowerCase()))
      reasons.push({
        rule: 'allowedRecipients',
        message: `${intent.to} is not a recipient the assistant may send to on its own`,
        limit: policy.allowedRecipients.length ? `only ${policy.allowedRecipients.join(', ')}` : 'nobody (empty machine policy)',
        actual: intent.to,
        fix: `lucid policy add --mcp allowedRecipients ${intent.to}`,
      });

  // Amounts: the person's policy code, run with the machine's limits, so exposure is measured the same way.
  const account = review.account.toLowerCase();
  const limits = evaluatePolicy({
    policy: parsePolicy({ maxPerTx: policy.maxPerTx, maxPerDay: policy.maxPerDay }, 'mcp-policy.json'),
    plan: { calls: review.calls },
    report: {
      balanceChanges: review.simulation.balanceChanges
        .filter((c) => c.address.toLowerCase() === account)
        .map((c) => ({ token: c.token, symbol: c.symbol, decimals: c.decimals, diff: c.diff })),
      approvals: review.simulation.approvals
        .filter((a) => a.owner.toLowerCase() === account)
        .map((a) => ({ token: a.token, spender: a.spender, amount: a.post, symbol: a.symbol, decimals: a.decimals })),
    },
    intents,
    spentToday,
    tokens,
  });
  for (const violation of limits.violations)
    reasons.push({ rule: violation.rule, message: violation.message, limit: violation.limit, actual: violation.actual, fix: violation.fix.replace(/lucid policy set (\S+) (\S+).*/, 'lucid policy set --mcp $1 $2') });
  for (const exposure of limits.exposures) {
    const keyed = (key: string) =>
      /^0x/i.test(key) ? key.toLowerCase() === String(exposure.token).toLowerCase() : key.toUpperCase() === 'ETH' ? exposure.token === 'ETH' : exposure.token !== 'ETH' && key.toLowerCase() === exposure.symbol.toLowerCase();
    if (exposure.amount > 0n && !Object.keys(policy.maxPerTx).some(keyed))
      reasons.push({
        rule: 'maxPerTx',
        message: `the plan moves ${exposure.symbol}, which has no machine limit`,
        limit: 'none set (the assistant may not move it on its own)',
        actual: exposure.symbol,
        fix: `lucid policy set --mcp maxPerTx.${exposure.symbol} <amount>`,
      });
  }
  return { allowed: reasons.length === 0, reasons };
}

/** The plans' resolved intents, from the review's steps. */
export function reviewIntents(review: Review): ResolvedIntent[] {
  return review.steps.flatMap((step) => (step.resolved ? [step.resolved] : []));
}

export type { Plan };
