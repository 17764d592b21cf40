/**
 * The user's spending policy, `$LUCID_HOME/policy.json`. It applies to every plan, whoever wrote it (a
 * built-in agent, an external plan file, the LLM path): see ./check.ts. Every field is optional; a missing
 * file means the defaults below (no amount limits, unlimited approvals refused).
 *
 * ```json
 * {
 *   "maxPerTx":               { "ETH": "1", "USDC": "2500" },   // per plan, human units, per token symbol or 0x address
 *   "maxPerDay":              { "ETH": "3" },                   // rolling day total incl. this plan, human units
 *   "typedConfirmationAbove": { "ETH": "0.5" },                 // above this the user types the amount to confirm
 *   "allowedContracts":       ["0x…"],                          // if non-empty, only these may be called (and approved)
 *   "blockedContracts":       ["0x…"],                          // never call or approve these
 *   "allowedTokens":          ["ETH", "USDC", "0x…"],           // if non-empty, only these may move or be approved
 *   "blockedTokens":          ["0x…"],                          // never move or approve these
 *   "allowUnlimitedApprovals": false                            // default false
 * }
 * ```
 * Amounts are strings of human units ("0.5"); plain JSON numbers are accepted and read as their decimal text.
 * Unknown fields are an error (a typo must not silently turn a limit off).
 */
import { readFileSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { getAddress, isAddress } from 'viem';
import * as z from 'zod';
import { InfraError, InputError } from '../../../kernel/index.js';

const decimalPattern = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
const tokenKeyPattern = /^(?:0x[0-9a-fA-F]{40}|[A-Za-z0-9.$_-]{1,32})$/;

const humanAmountSchema = z.preprocess(
  (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
  z.string().regex(decimalPattern, 'a non-negative decimal in human units, like "0.5" or "2500"'),
);
const tokenKeySchema = z.string().regex(tokenKeyPattern, 'a token symbol like "USDC" or a 0x address');
const addressSchema = z
  .string()
  .refine((value) => isAddress(value, { strict: true }), 'a 0x address (40 hex characters, valid EIP-55 checksum if mixed case)')
  .transform((value) => getAddress(value));
const limitsSchema = z.record(tokenKeySchema, humanAmountSchema);

export const policySchema = z.strictObject({
  maxPerTx: limitsSchema.default({}),
  maxPerDay: limitsSchema.default({}),
  typedConfirmationAbove: limitsSchema.default({}),
  allowedContracts: z.array(addressSchema).default([]),
  blockedContracts: z.array(addressSchema).default([]),
  allowedTokens: z.array(tokenKeySchema).default([]),
  blockedTokens: z.array(tokenKeySchema).default([]),
  allowUnlimitedApprovals: z.boolean().default(false),
});

export type Policy = z.output<typeof policySchema>;
/** The editable limit maps; keys are token symbols or 0x addresses, values human-unit decimals. */
export type PolicyLimitField = 'maxPerTx' | 'maxPerDay' | 'typedConfirmationAbove';
export type PolicyListField = 'allowedContracts' | 'blockedContracts' | 'allowedTokens' | 'blockedTokens';

export const policyFileName = 'policy.json';

export function defaultPolicy(): Policy {
  return policySchema.parse({});
}

export function policyPath(home: string): string {
  return join(home, policyFileName);
}

/**
 * Reads `$home/policy.json`. Missing file → {@link defaultPolicy}. Invalid JSON or a field that fails the
 * schema → `InputError('POLICY_INVALID')` naming the field.
 */
export async function loadPolicy(home: string): Promise<Policy> {
  const path = policyPath(home);
  let text: string;
  try {
    // Read afresh for every run (an edit applies to the next intent); synchronously: a file this small costs less
    // read at once than through the thread pool's open, stat, read and close.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return defaultPolicy();
    throw new InfraError('POLICY_UNREADABLE', `Cannot read the policy file ${path}.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('POLICY_INVALID', `The policy file ${path} is not valid JSON.`, {
      hints: ['Fix the file, or delete it to go back to the defaults.'],
    });
  }
  return parsePolicy(json, path);
}

/** Validates a policy object (from a file or built in code). Errors name the field. */
export function parsePolicy(json: unknown, source = 'policy'): Policy {
  const parsed = policySchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return `${issue.path.join('.') || '(root)'}: ${issue.message}${keys}`;
  });
  const field = parsed.error.issues[0]?.path.join('.') || 'root';
  throw new InputError('POLICY_INVALID', `Invalid policy in ${source}: field ${field}.`, {
    details: issues.join('\n'),
    hints: ['Fix the field with `lucid policy set`, or edit the file (see runtime/src/policy/README.md).'],
  });
}

/** Writes `$home/policy.json` atomically (temp file + rename). */
export async function savePolicy(home: string, policy: Policy): Promise<void> {
  const valid = parsePolicy(policy);
  const path = policyPath(home);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    throw new InfraError('POLICY_WRITE_FAILED', `Cannot write the policy file ${path}.`, { cause: error });
  }
}

/**
 * Sets one policy value from `lucid policy set <key> <value>` and saves the file. Keys:
 * - `maxPerTx.<TOKEN>`, `maxPerDay.<TOKEN>`, `typedConfirmationAbove.<TOKEN>`: a human-unit decimal, or
 *   `none` to remove the limit. `<TOKEN>` is a symbol ("ETH", "USDC") or a 0x address.
 * - `allowedContracts`, `blockedContracts`, `allowedTokens`, `blockedTokens`: a comma-separated list
 *   replacing the current one (`none` or "" empties it); `+X` adds X, `-X` removes X.
 * - `allowUnlimitedApprovals`: `true` or `false`.
 *
 * @returns The new policy.
 * @example
 * await setPolicyValue(home, 'maxPerTx.ETH', '1')
 */
export async function setPolicyValue(home: string, key: string, value: string): Promise<Policy> {
  const policy = await loadPolicy(home);
  const next = applyPolicyValue(policy, key, value);
  await savePolicy(home, next);
  return next;
}

/** The pure part of {@link setPolicyValue}: returns a new, validated policy. */
export function applyPolicyValue(policy: Policy, key: string, value: string): Policy {
  const trimmed = value.trim();
  const [field, token, ...rest] = key.split('.');
  if (isLimitField(field)) {
    if (!token || rest.length > 0 || !tokenKeyPattern.test(token))
      throw new InputError('POLICY_KEY_INVALID', `"${key}" needs one token: ${field}.<SYMBOL or 0x address>, like ${field}.ETH.`);
    const limits = { ...policy[field] };
    const existing = Object.keys(limits).find((k) => k.toLowerCase() === token.toLowerCase());
    if (existing) delete limits[existing];
    if (trimmed.toLowerCase() !== 'none') {
      if (!decimalPattern.test(trimmed))
        throw new InputError('POLICY_VALUE_INVALID', `${key} must be a decimal in human units (like "0.5") or "none".`);
      limits[token] = trimmed;
    }
    return validated({ ...policy, [field]: limits }, key);
  }
  if (token !== undefined) throw new InputError('POLICY_KEY_UNKNOWN', `Unknown policy key "${key}".`, { hints: [knownKeysHint] });
  if (field === 'allowUnlimitedApprovals') {
    if (trimmed !== 'true' && trimmed !== 'false')
      throw new InputError('POLICY_VALUE_INVALID', 'allowUnlimitedApprovals must be "true" or "false".');
    return validated({ ...policy, allowUnlimitedApprovals: trimmed === 'true' }, key);
  }
  if (isListField(field)) {
    const current = policy[field];
    let list: string[];
    if (trimmed === '' || trimmed.toLowerCase() === 'none') list = [];
    else if (trimmed.startsWith('+')) list = [...current, trimmed.slice(1).trim()];
    else if (trimmed.startsWith('-')) {
      const removed = trimmed.slice(1).trim().toLowerCase();
      list = current.filter((entry) => entry.toLowerCase() !== removed);
    } else list = trimmed.split(',').map((entry) => entry.trim()).filter(Boolean);
    const unique = [...new Map(list.map((entry) => [entry.toLowerCase(), entry])).values()];
    return validated({ ...policy, [field]: unique }, key);
  }
  throw new InputError('POLICY_KEY_UNKNOWN', `Unknown policy key "${key}".`, { hints: [knownKeysHint] });
}

// ---------------------------------------------------------------------------------------------------------

const knownKeysHint =
  'Keys: maxPerTx.<TOKEN>, maxPerDay.<TOKEN>, typedConfirmationAbove.<TOKEN>, allowedContracts, blockedContracts, allowedTokens, blockedTokens, allowUnlimitedApprovals.';

function isLimitField(field: string | undefined): field is PolicyLimitField {
  return field === 'maxPerTx' || field === 'maxPerDay' || field === 'typedConfirmationAbove';
}

function isListField(field: string | undefined): field is PolicyListField {
  return field === 'allowedContracts' || field === 'blockedContracts' || field === 'allowedTokens' || field === 'blockedTokens';
}

// Re-validates after an edit so `policy set` reports a bad address with the same message as a bad file.
function validated(candidate: unknown, key: string): Policy {
  const parsed = policySchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError('POLICY_VALUE_INVALID', `Invalid value for ${key}: ${issue?.message ?? 'invalid'}.`, {
    details: issue ? `Field ${issue.path.join('.')}` : undefined,
  });
}
