/**
 * Refusals that explain themselves: for each policy rule, what the rule's value was, what the plan did that
 * crossed it, and the command that would change it. `evaluatePolicy` attaches one explanation to every
 * violation; the same `{ rule, limit, actual, fix }` reaches `--json` refusals (PolicyViolationError),
 * `lucid policy explain`, and the MCP server's tool results, so a calling agent can tell the user exactly why.
 *
 * A fix never weakens the policy by itself: it is a command the person may choose to run.
 */
import type { PolicyRule } from './evaluatePolicy.js';

export type PolicyExplanation = {
  rule: PolicyRule;
  /** The policy key that refused it, as `lucid policy set` takes it: `maxPerTx.ETH`, `blockedContracts`. */
  key: string;
  /** The rule's value when the plan was checked, in words a person reads ("1 ETH", "only 0xA…, 0xB…", "false"). */
  limit: string;
  /** What the plan did that crossed it ("2 ETH", "calls 0x…", "an unlimited approval of USDC"). */
  actual: string;
  /** How to change it: a `lucid policy set|add|remove …` command, or what to ask for instead. */
  fix: string;
};

/** A per-transaction limit: raising it to the plan's amount would let the plan through. */
export function explainMaxPerTx(key: string, limit: string, symbol: string, actual: string | undefined): PolicyExplanation {
  return {
    rule: 'maxPerTx',
    key,
    limit: `${limit} ${symbol} per transaction`,
    actual: actual === undefined ? `an unlimited approval of ${symbol}` : `${actual} ${symbol}`,
    fix:
      actual === undefined
        ? `approve an exact amount instead of an unlimited one, or remove the limit: lucid policy set ${key} none`
        : `lucid policy set ${key} ${actual}  (or ask for at most ${limit} ${symbol})`,
  };
}

/** A daily limit: the day's total with this plan, and what was spent already. */
export function explainMaxPerDay(key: string, limit: string, symbol: string, today: string, total: string | undefined): PolicyExplanation {
  return {
    rule: 'maxPerDay',
    key,
    limit: `${limit} ${symbol} per day`,
    actual: total === undefined ? `an unlimited approval of ${symbol} (${today} ${symbol} already spent today)` : `${total} ${symbol} today (${today} ${symbol} already spent + this plan)`,
    fix:
      total === undefined
        ? `approve an exact amount instead of an unlimited one, or remove the limit: lucid policy set ${key} none`
        : `lucid policy set ${key} ${total}  (or wait until earlier spends are more than a day old)`,
  };
}

/** A token's limits cannot be applied because its decimals are unknown. */
export function explainUnknownDecimals(rule: 'maxPerTx' | 'maxPerDay', key: string, limit: string, label: string): PolicyExplanation {
  return {
    rule,
    key,
    limit: `${limit} ${label}`,
    actual: `${label} moves, but its decimals are unknown, so the amount cannot be compared`,
    fix: `use a listed token, or remove the limit: lucid policy set ${key} none`,
  };
}

export function explainAllowedContracts(allowed: readonly string[], address: string, what: 'calls' | 'approves'): PolicyExplanation {
  return {
    rule: 'allowedContracts',
    key: 'allowedContracts',
    limit: `only ${allowed.join(', ')}`,
    actual: `${what} ${address}`,
    fix: `lucid policy add allowedContracts ${address}`,
  };
}

export function explainBlockedContracts(address: string, what: 'calls' | 'approves'): PolicyExplanation {
  return {
    rule: 'blockedContracts',
    key: 'blockedContracts',
    limit: `blocked: ${address}`,
    actual: `${what} ${address}`,
    // `--` ends the options: without it the program reads `-0x…` as an unknown option.
    fix: `lucid policy remove blockedContracts ${address}`,
  };
}

export function explainAllowedTokens(allowed: readonly string[], label: string, entry: string): PolicyExplanation {
  return {
    rule: 'allowedTokens',
    key: 'allowedTokens',
    limit: `only ${allowed.join(', ')}`,
    actual: `moves or approves ${label}${entry === label ? '' : ` (${entry})`}`,
    fix: `lucid policy add allowedTokens ${entry}`,
  };
}

export function explainBlockedTokens(entry: string, label: string): PolicyExplanation {
  return {
    rule: 'blockedTokens',
    key: 'blockedTokens',
    limit: `blocked: ${entry}`,
    actual: `moves or approves ${label}`,
    fix: `lucid policy remove blockedTokens ${entry}`,
  };
}

export function explainUnlimitedApproval(label: string, allowed: boolean): PolicyExplanation {
  return {
    rule: 'allowUnlimitedApprovals',
    key: 'allowUnlimitedApprovals',
    limit: allowed ? 'true, but only when your words ask for an unlimited approval' : 'false',
    actual: `an unlimited approval of ${label}${allowed ? ' that your words did not ask for' : ''}`,
    fix: allowed
      ? `say "unlimited" in your request if you mean it, or approve an exact amount`
      : `approve an exact amount, or: lucid policy set allowUnlimitedApprovals true  (and ask for "unlimited" in your words)`,
  };
}
