/**
 * The error a refused plan carries: `RefusedError('POLICY_VIOLATION')` (exit 3) whose message names the rule
 * that refused it and whose details list every violated rule.
 */
import { RefusedError } from '../../../kernel/index.js';
import type { CheckPolicyReturnType, PolicyViolation } from './check.js';

export class PolicyViolationError extends RefusedError {
  override name = 'PolicyViolationError';
  readonly violations: PolicyViolation[];
  constructor(violations: PolicyViolation[]) {
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

/** Builds the refusal for a `deny` decision. */
export function policyViolationError(result: Pick<CheckPolicyReturnType, 'violations'>): PolicyViolationError {
  return new PolicyViolationError(result.violations);
}

/** Throws {@link PolicyViolationError} when the decision is `deny`; returns the result otherwise. */
export function assertPolicyAllows<result extends CheckPolicyReturnType>(result: result): result {
  if (result.decision === 'deny') throw policyViolationError(result);
  return result;
}
