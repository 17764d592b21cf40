/**
 * Plan bundles: a plan Lucid simulated, written to a file so it can be signed later, elsewhere, or by a
 * multisig. `lucid --dry-run --save plan.json "…"` writes one; `lucid sign plan.json` verifies, re-simulates,
 * shows what changed and signs after yes; `lucid export --safe plan.json` turns its calls into a Safe
 * Transaction Builder batch.
 *
 * Format `lucid.plan-bundle`, version 1 — one JSON object; integers that do not fit a JSON number (wei, base
 * units, block numbers) are decimal strings:
 *
 * | field | meaning |
 * |---|---|
 * | `format`, `version` | `"lucid.plan-bundle"`, `1`. Readers refuse other values. |
 * | `createdAt`, `expiresAt` | ISO 8601 times. A bundle past `expiresAt` is refused. |
 * | `text` | the user's words, the specification every effect must be explained by when it is signed. |
 * | `intents` | the typed intents the words parsed into (`lucid parse --json`, shared/INTENTS.md). |
 * | `chainId`, `account` | the chain and the account the plan was simulated for; signing elsewhere is refused. |
 * | `nonce` | the account's next transaction nonce when it was made: once the account sends anything (this bundle, signed), the bundle is stale and refused, so it can never be signed twice. |
 * | `blockNumber` | the block the plan was simulated on top of. |
 * | `steps` | per intent: the agent that won, why, and its one-line summary. |
 * | `plans` | per intent: the winning agent's plan in the agent wire format (agents/sdk/plan.schema.json). |
 * | `calls` | every call in order (`to`, `data`, `value`, `description`): exactly the plans' calls, concatenated. |
 * | `simulation` | the report that was shown: balance changes of every address, approvals, gas. |
 * | `risks`, `policy` | the risk flags and the policy decision that were shown. |
 * | `hash` | `sha256:` + hex SHA-256 of the canonical JSON (keys sorted, no spaces) of every other field. |
 *
 * The hash detects any change to the file (a copy edited by hand or by a tool on the way); it is not a
 * signature and does not say who made the bundle. That is why signing never trusts the bundle's own
 * simulation: it resolves the words again on the signing machine, simulates again, runs every check and the
 * policy again, and signs only what it simulated and showed.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { InputError, RefusedError, intentListSchema } from '../../../kernel/index.js';
import { planResponseSchema, toWireJson } from '../../../agents/index.js';
import type { Review } from '../pipeline/types.js';

export const planBundleFormat = 'lucid.plan-bundle';
export const planBundleVersion = 1;
/** How long a bundle may wait to be signed, unless the maker says otherwise. */
export const planBundleDefaultTtlMs = 60 * 60 * 1000;

const decimal = z.string().regex(/^-?(?:0|[1-9]\d{0,77})$/, 'an integer as a decimal string');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x address');

const balanceChangeSchema = z.object({
  address,
  token: z.union([z.literal('ETH'), address]),
  symbol: z.string().max(64),
  decimals: z.number().int().min(0).max(255),
  diff: decimal,
});
const approvalSchema = z.object({ token: address, owner: address, spender: address, symbol: z.string().max(64), decimals: z.number().int().min(0).max(255), post: decimal });

export const planBundleSchema = z
  .object({
    format: z.literal(planBundleFormat),
    version: z.literal(planBundleVersion),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    text: z.string().min(1).max(2000),
    intents: z.unknown(),
    chainId: z.number().int().positive(),
    account: address,
    nonce: z.number().int().min(0),
    blockNumber: decimal,
    steps: z.array(z.object({ agentId: z.string().max(64), reason: z.string().max(2000), summary: z.string().max(500) }).strict()).max(16),
    plans: z.array(z.unknown()).min(1).max(16),
    calls: z.array(z.object({ to: address, data: z.string().regex(/^0x(?:[0-9a-fA-F]{2})*$/), value: decimal, description: z.string().max(500) }).strict()).min(1).max(64),
    simulation: z.looseObject({ blockNumber: decimal, balanceChanges: z.array(z.looseObject(balanceChangeSchema.shape)), approvals: z.array(z.looseObject(approvalSchema.shape)) }),
    risks: z.array(z.looseObject({ code: z.string(), level: z.enum(['info', 'warning', 'danger']), message: z.string() })),
    policy: z.looseObject({ decision: z.enum(['allow', 'deny', 'confirm-typed']) }),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256: followed by 64 lower-case hex digits'),
  })
  .strict();

export type PlanBundle = z.infer<typeof planBundleSchema>;
/** A bundle whose hash, format and expiry were checked, with its plans and intents parsed into their types. */
export type VerifiedPlanBundle = {
  bundle: PlanBundle;
  plans: import('../../../kernel/index.js').Plan[];
  intents: import('../../../kernel/index.js').IntentList;
};

/** JSON with object keys sorted at every level and no whitespace: the text the hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/** `sha256:<hex>` over the canonical JSON of every field of the bundle but `hash`. */
export function planBundleHash(bundle: Omit<PlanBundle, 'hash'> | PlanBundle): string {
  const { hash: _ignored, ...content } = bundle as PlanBundle;
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}

/** Plain JSON: bigints become decimal strings, undefined fields are dropped. */
function plain<value>(value: value): unknown {
  return JSON.parse(toWireJson(value));
}

/**
 * The bundle of a simulated review (a `--dry-run`): everything that was shown, and a hash over it.
 *
 * @example
 * const bundle = createPlanBundle(outcome.review, { nonce: await client.getTransactionCount({ address, blockTag: 'pending' }) })
 */
export function createPlanBundle(review: Review, options: { nonce: number; now?: Date; ttlMs?: number }): PlanBundle {
  const now = options.now ?? new Date();
  if (review.readOnly || review.calls.length === 0) throw new InputError('NOTHING_TO_SAVE', 'this request only reads the chain: there is nothing to sign later');
  const simulation = review.simulation;
  const content: Omit<PlanBundle, 'hash'> = {
    format: planBundleFormat,
    version: planBundleVersion,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.ttlMs ?? planBundleDefaultTtlMs)).toISOString(),
    text: review.text,
    intents: plain(review.intents),
    chainId: review.chainId,
    account: review.account,
    nonce: options.nonce,
    blockNumber: simulation.blockNumber.toString(),
    steps: review.steps.map((step) => ({ agentId: step.agentId, reason: step.reason, summary: step.summary })),
    plans: review.plans.map((plan) => plain({ agentId: plan.agentId, summary: plan.summary, calls: plan.calls, expects: plan.expects, quote: plan.quote })) as unknown[],
    calls: plain(review.calls) as PlanBundle['calls'],
    simulation: plain({
      ok: simulation.ok,
      mode: simulation.mode,
      blockNumber: simulation.blockNumber,
      balanceChanges: simulation.balanceChanges.map(({ address, token, symbol, decimals, verified, diff }) => ({ address, token, symbol, decimals, verified, diff })),
      approvals: simulation.approvals.map(({ token, owner, spender, symbol, decimals, verified, pre, post }) => ({ token, owner, spender, symbol, decimals, verified, pre, post })),
      gas: simulation.gas,
    }) as PlanBundle['simulation'],
    risks: plain(review.risks) as PlanBundle['risks'],
    policy: plain(review.policy) as PlanBundle['policy'],
  };
  return { ...content, hash: planBundleHash(content) };
}

/** The file text of a bundle: indented JSON, fields in the documented order. */
export function serializePlanBundle(bundle: PlanBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/**
 * Reads a bundle's text and checks what can be checked without a chain: the format, the hash, the expiry,
 * that the calls are exactly the plans' calls. Each refusal names its reason.
 *
 * @throws InputError `BUNDLE_INVALID` (not JSON, or not a version-1 bundle: exit 2);
 *   RefusedError `BUNDLE_TAMPERED` (the hash does not match the content) or `BUNDLE_EXPIRED` (exit 3).
 */
export function readPlanBundle(text: string, options: { now?: Date; source?: string } = {}): VerifiedPlanBundle {
  const source = options.source ?? 'the bundle';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('BUNDLE_INVALID', `${source} is not JSON`, { hints: ['make one with: lucid --dry-run --save plan.json "<what you want>"'] });
  }
  const format = (json as { format?: unknown; version?: unknown } | null) ?? {};
  if (format.format !== planBundleFormat)
    throw new InputError('BUNDLE_INVALID', `${source} is not a Lucid plan bundle (format "${String(format.format).slice(0, 40)}")`);
  if (format.version !== planBundleVersion)
    throw new InputError('BUNDLE_INVALID', `${source} is a plan bundle of version ${String(format.version).slice(0, 20)}; this Lucid reads version ${planBundleVersion}`);
  const parsed = planBundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError('BUNDLE_INVALID', `${source} is not a valid plan bundle: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const bundle = parsed.data;
  const expected = planBundleHash(bundle);
  if (expected !== bundle.hash)
    throw new RefusedError('BUNDLE_TAMPERED', `${source} was changed after it was made: its content no longer matches its hash`, {
      details: `hash in the file: ${bundle.hash}\nhash of the content: ${expected}`,
      hints: ['nothing was signed', 'make a new bundle with: lucid --dry-run --save plan.json "<what you want>"'],
    });
  const now = options.now ?? new Date();
  if (now.getTime() > Date.parse(bundle.expiresAt))
    throw new RefusedError('BUNDLE_EXPIRED', `${source} expired at ${bundle.expiresAt}`, {
      hints: ['nothing was signed', 'prices and balances move: make a new bundle with --dry-run --save'],
    });
  const plans = bundle.plans.map((plan, index) => {
    const result = planResponseSchema.safeParse(plan);
    if (!result.success)
      throw new InputError('BUNDLE_INVALID', `${source}: plan ${index + 1} is not a valid plan: ${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`);
    return result.data as import('../../../kernel/index.js').Plan;
  });
  const intents = intentListSchema.safeParse(bundle.intents);
  if (!intents.success) throw new InputError('BUNDLE_INVALID', `${source}: its intents do not follow the intent contract`);
  if (intents.data.intents.length !== plans.length)
    throw new InputError('BUNDLE_INVALID', `${source}: ${intents.data.intents.length} intent(s) but ${plans.length} plan(s)`);
  const flat = plans.flatMap((plan) => plan.calls);
  const same =
    flat.length === bundle.calls.length &&
    flat.every((call, i) => {
      const listed = bundle.calls[i]!;
      return call.to.toLowerCase() === listed.to.toLowerCase() && call.data.toLowerCase() === listed.data.toLowerCase() && call.value.toString() === listed.value;
    });
  if (!same) throw new InputError('BUNDLE_INVALID', `${source}: its calls are not the calls of its plans`);
  return { bundle, plans, intents: intents.data };
}
