/**
 * Changes one rule of the machine policy (`$LUCID_HOME/mcp-policy.json`, ./machinePolicy.ts) from the command
 * line, in the same forms `lucid policy set` takes for the person's policy:
 * - `maxPerTx.<TOKEN>`, `maxPerDay.<TOKEN>`: a human-unit decimal, or `none` to remove the limit.
 * - `allowedActions` (intent actions), `allowedRecipients` (0x addresses): a comma list replacing the current
 *   one (`none` empties it); `+X` adds X, `-X` removes X.
 * The result is validated by the same schema the server reads the file with, then written atomically (0600).
 */
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError, InputError } from '../../../kernel/index.js';
import { loadMachinePolicy, machinePolicyFileName, machinePolicySchema, type MachinePolicy } from './machinePolicy.js';

export type SetMachinePolicyValueReturnType = { path: string; policy: MachinePolicy };

/**
 * @param home `$LUCID_HOME`.
 * @param key `maxPerTx.<TOKEN>`, `maxPerDay.<TOKEN>`, `allowedActions` or `allowedRecipients`.
 * @param value the new value (see the file comment).
 * @throws InputError `MACHINE_POLICY_KEY_UNKNOWN` / `MACHINE_POLICY_VALUE_INVALID` (exit 2); the file is left as it was.
 * @example
 * await setMachinePolicyValue(home, 'allowedActions', '+transfer')
 */
export async function setMachinePolicyValue(home: string, key: string, value: string): Promise<SetMachinePolicyValueReturnType> {
  const path = join(home, machinePolicyFileName);
  const policy = applyMachinePolicyValue(await loadMachinePolicy(home), key, value);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(home, { recursive: true, mode: 0o700 });
    await writeFile(temporary, `${JSON.stringify(policy, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    throw new InfraError('MACHINE_POLICY_WRITE_FAILED', `Cannot write the machine policy file ${path}.`, { cause: error });
  }
  return { path, policy };
}

const knownKeys = 'Keys: maxPerTx.<TOKEN>, maxPerDay.<TOKEN>, allowedActions, allowedRecipients.';

/** The pure part of {@link setMachinePolicyValue}: a new, validated machine policy. */
export function applyMachinePolicyValue(policy: MachinePolicy, key: string, value: string): MachinePolicy {
  const trimmed = value.trim();
  const [field, token, ...rest] = key.split('.');
  let candidate: Record<string, unknown>;
  if (field === 'maxPerTx' || field === 'maxPerDay') {
    if (!token || rest.length > 0)
      throw new InputError('MACHINE_POLICY_KEY_UNKNOWN', `"${key}" needs one token: ${field}.<SYMBOL or 0x address>, like ${field}.ETH.`);
    const limits = { ...policy[field] };
    const existing = Object.keys(limits).find((name) => name.toLowerCase() === token.toLowerCase());
    if (existing) delete limits[existing];
    if (trimmed.toLowerCase() !== 'none') limits[token] = trimmed;
    candidate = { ...policy, [field]: limits };
  } else if ((field === 'allowedActions' || field === 'allowedRecipients') && token === undefined) {
    const current: string[] = policy[field];
    let list: string[];
    if (trimmed === '' || trimmed.toLowerCase() === 'none') list = [];
    else if (trimmed.startsWith('+')) list = [...current, trimmed.slice(1).trim()];
    else if (trimmed.startsWith('-')) {
      const removed = trimmed.slice(1).trim().toLowerCase();
      list = current.filter((entry) => entry.toLowerCase() !== removed);
    } else list = trimmed.split(',').map((entry) => entry.trim()).filter(Boolean);
    candidate = { ...policy, [field]: [...new Map(list.map((entry) => [entry.toLowerCase(), entry])).values()] };
  } else {
    throw new InputError('MACHINE_POLICY_KEY_UNKNOWN', `Unknown machine policy key "${key}".`, { hints: [knownKeys] });
  }
  const parsed = machinePolicySchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : key;
    throw new InputError('MACHINE_POLICY_VALUE_INVALID', `${where}: ${issue?.message ?? 'invalid'}`, { hints: [knownKeys] });
  }
  return parsed.data;
}
