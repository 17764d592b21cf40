/**
 * `lucid policy explain [run id]`: why a run was refused by policy, rule by rule — the rule and its value
 * when the run was checked (and now, if it changed since), what the plan did that crossed it, and the command
 * that would change it. Without a run id: the newest run the policy refused. The same `{ rule, limit, actual,
 * fix }` is in the `--json` refusal itself (PolicyViolationError) and in the MCP server's results.
 */
import { Command } from 'commander';
import { InputError } from '../../../kernel/errors.js';
import { addOutputOptions, parseOptions } from './options.js';
import { paint, sanitize, writeData, writeJson } from '../output.js';
import type { Policy, Run } from '../../../runtime/index.js';

const schema = (z: typeof import('zod').z) => z.object({ json: z.boolean().default(false) });

type StoredViolation = { rule: string; message: string; key?: string; limit?: string; actual?: string; fix?: string };

export function policyExplainCommand(): Command {
  return addOutputOptions(new Command('explain'))
    .description('why a run was refused by policy: the rule, its value, the amount over it, and how to change it')
    .argument('[run-id]', 'a run id from `lucid history` (default: the newest run refused by policy)')
    .addHelpText('after', '\nExamples:\n  $ lucid policy explain\n  $ lucid policy explain 12 --json')
    .action(async (runIdText: string | undefined, raw: unknown) => {
      const options = await parseOptions(schema, raw);
      const runId = runIdText === undefined ? undefined : parseRunId(runIdText);
      const { loadSettings } = await import('../settings.js');
      const settings = await loadSettings({});
      const { openStore, getRun, listRuns, loadPolicy } = await import('../../../runtime/index.js');
      const store = openStore(settings.home);
      let run: Run | undefined;
      try {
        if (runId !== undefined) {
          run = getRun(store.db, runId);
          if (!run) throw new InputError('RUN_NOT_FOUND', `There is no run #${runId}.`, { hints: ['`lucid history` lists the runs and their ids.'] });
        } else run = findNewestPolicyRefusal(listRuns(store.db, { limit: 1000 }));
      } finally {
        store.close();
      }
      if (!run) {
        if (options.json) return writeJson({ run: null, refusedByPolicy: false, violations: [] });
        return writeData('No run has been refused by policy.');
      }
      const refused = run.errorCode === 'POLICY_VIOLATION';
      const violations = refused ? storedViolations(run) : [];
      const policy = await loadPolicy(settings.home);
      const explained = violations.map((v) => ({ ...v, now: v.key ? currentValue(policy, v.key) : undefined }));
      if (options.json)
        return writeJson({ run: { id: run.id, text: run.text, status: run.status, createdAt: new Date(run.createdAt).toISOString() }, refusedByPolicy: refused, violations: explained });
      if (!refused) return writeData(`Run #${run.id} ("${sanitize(run.text, 80)}") was not refused by policy (status: ${run.status}).`);
      const lines = [`Run #${run.id} ("${sanitize(run.text, 80)}") was refused by policy:`];
      for (const v of explained) {
        lines.push('', paint(v.key ?? v.rule, 'bold', process.stdout));
        if (v.limit === undefined) {
          lines.push(`  ${sanitize(v.message, 400)}`);
          continue;
        }
        lines.push(`  rule       ${sanitize(v.limit, 400)}`);
        if (v.now !== undefined) lines.push(`  now        ${sanitize(v.now, 400)}`);
        lines.push(`  this plan  ${sanitize(v.actual ?? '', 400)}`);
        lines.push(`  to change  ${sanitize(v.fix ?? '', 400)}`);
      }
      writeData(lines.join('\n'));
    });
}

function parseRunId(text: string): number {
  const id = /^#?([1-9]\d{0,15})$/.exec(text.trim())?.[1];
  if (!id) throw new InputError('BAD_RUN_ID', `"${text}" is not a run id (a positive number from \`lucid history\`).`);
  return Number(id);
}

function findNewestPolicyRefusal(runs: Run[]): Run | undefined {
  return runs.find((run) => run.errorCode === 'POLICY_VIOLATION');
}

/** The violations the review recorded for the run; if none were recorded, the refusal message alone. */
function storedViolations(run: Run): StoredViolation[] {
  const review = run.review as { policy?: { violations?: unknown } } | null;
  const list = Array.isArray(review?.policy?.violations) ? (review.policy.violations as unknown[]) : [];
  const valid = list.filter((v): v is StoredViolation => typeof v === 'object' && v !== null && typeof (v as StoredViolation).rule === 'string' && typeof (v as StoredViolation).message === 'string');
  return valid.length > 0 ? valid : [{ rule: 'policy', message: run.errorMessage ?? 'refused by policy' }];
}

/** The rule's value in the policy as it is now (it may have changed since the run was refused). */
function currentValue(policy: Policy, key: string): string | undefined {
  const [field, token] = key.split('.');
  if ((field === 'maxPerTx' || field === 'maxPerDay' || field === 'typedConfirmationAbove') && token) {
    const entry = Object.entries(policy[field]).find(([k]) => k.toLowerCase() === token.toLowerCase());
    return entry ? `${entry[1]} ${token}` : 'no limit';
  }
  if (field === 'allowedContracts' || field === 'allowedTokens') return policy[field].length ? `only ${policy[field].join(', ')}` : 'any';
  if (field === 'blockedContracts' || field === 'blockedTokens') return policy[field].length ? `blocked: ${policy[field].join(', ')}` : 'none blocked';
  if (field === 'allowUnlimitedApprovals') return String(policy.allowUnlimitedApprovals);
  return undefined;
}
