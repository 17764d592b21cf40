/**
 * The one error a plan refused by policy carries, wherever the refusal is noticed: `RefusedError('POLICY_VIOLATION')`
 * (exit 3) whose message names the rule that refused it and whose details list every violated rule.
 */
import { RefusedError } from '../../../kernel/index.js';

export type PolicyViolationErrorViolation = { rule: string; message: string };

export class PolicyViolationError extends RefusedError {
  override name = 'PolicyViolationError';
  readonly violations: readonly PolicyViolationErrorViolation[];
  constructor(violations: readonly PolicyViolationErrorViolation[]) {
    const [first] = violations;
    super('POLICY_VIOLATION', first ? `Refused by policy (${first.rule}): ${first.message}` : 'Refused by policy.', {
      details: violations.length > 1 ? violations.map((v) => `${v.rule}: ${v.message}`).join('\n') : undefined,
      hints: [
        'See your policy with `lucid policy show`; change a rule with `lucid policy set <key> <value>` (e.g. maxPerTx.ETH 2).',
      ],
    });
    this.violations = violations;
  }
}
