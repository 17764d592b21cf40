/**
 * The one error a plan refused by policy carries, wherever the refusal is noticed: `RefusedError('POLICY_VIOLATION')`
 * (exit 3) whose message names the rule that refused it and whose details list every violated rule. Each
 * violation carries its explanation (./explainViolation.ts): the rule's value, what the plan did, and how to
 * change it; `--json` prints them as `error.violations: [{ rule, key, limit, actual, fix, message }]`.
 */
import { RefusedError } from '../../../kernel/index.js';

export type PolicyViolationErrorViolation = {
  rule: string;
  message: string;
  /** The key `lucid policy set` takes (`maxPerTx.ETH`); absent on violations recorded before explanations existed. */
  key?: string | undefined;
  limit?: string | undefined;
  actual?: string | undefined;
  fix?: string | undefined;
};

export class PolicyViolationError extends RefusedError {
  override name = 'PolicyViolationError';
  readonly violations: readonly PolicyViolationErrorViolation[];
  constructor(violations: readonly PolicyViolationErrorViolation[]) {
    const [first] = violations;
    const explained = violations.filter((v) => v.limit !== undefined);
    super('POLICY_VIOLATION', first ? `Refused by policy (${first.rule}): ${first.message}` : 'Refused by policy.', {
      details:
        explained.length > 0
          ? violations.map((v) => (v.limit === undefined ? `${v.rule}: ${v.message}` : `${v.key ?? v.rule}: limit ${v.limit}; this plan: ${v.actual}; to change it: ${v.fix}`)).join('\n')
          : violations.length > 1
            ? violations.map((v) => `${v.rule}: ${v.message}`).join('\n')
            : undefined,
      hints: [
        'See your policy with `lucid policy show`; change a rule with `lucid policy set <key> <value>` (e.g. maxPerTx.ETH 2).',
        '`lucid policy explain` explains the last refusal again.',
      ],
    });
    this.violations = violations;
  }

  /** The JSON error envelope, with every violation's `{ rule, key, limit, actual, fix, message }`. */
  override toJSON() {
    const envelope = super.toJSON();
    return { error: { ...envelope.error, violations: this.violations.map((v) => ({ ...v })) } };
  }
}
