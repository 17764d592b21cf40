/**
 * The agent's promises against the simulation: each {@link ExpectedEffect} is compared with the user's balance
 * change read from state. A violation carries both numbers in human units, so the refusal can show both sides.
 */
import { isAddressEqual, type Address } from 'viem';
import { RefusedError, formatUnitsHuman, type ExpectedEffect } from '../../../kernel/index.js';
import type { SimulationReport } from '../simulate/types.js';

export type ExpectationViolation = {
  expected: ExpectedEffect;
  /** What the simulation moved in the expected direction, base units (negative: it moved the other way). */
  actual: bigint;
  /** The promise in human units ("≥ 3,000 USDC"). */
  expectedText: string;
  /** The simulation in human units ("2,950.12 USDC"). */
  actualText: string;
  /** "The agent said you receive ≥ 3,000 USDC; the simulation says 2,950.12 USDC." */
  message: string;
};

/**
 * Compares the agent's expected effects with the user's simulated balance changes (gas excluded from ETH).
 *
 * @param report - The simulation of the plan.
 * @param expects - `plan.expects`.
 * @param account - The user's address.
 * @returns One violation per broken promise; empty when all hold.
 * @example
 * const violations = checkAgentPromises(report, plan.expects, account)
 * if (violations.length) throw expectationsRefusal(violations)
 */
export function checkAgentPromises(report: SimulationReport, expects: readonly ExpectedEffect[], account: Address): ExpectationViolation[] {
  const violations: ExpectationViolation[] = [];
  for (const expected of expects) {
    const diff = userDiff(report, account, expected.token);
    const actual = expected.direction === 'in' ? diff : -diff;
    const holds =
      expected.bound === 'exact' ? actual === expected.amount : expected.bound === 'atLeast' ? actual >= expected.amount : actual <= expected.amount && actual >= 0n;
    if (holds) continue;
    const verb = expected.direction === 'in' ? 'receive' : 'send';
    const bound = expected.bound === 'exact' ? '' : expected.bound === 'atLeast' ? '≥ ' : '≤ ';
    const expectedText = `${bound}${formatUnitsHuman(expected.amount, expected.decimals)} ${expected.symbol}`;
    const actualText =
      actual < 0n
        ? `${formatUnitsHuman(-actual, expected.decimals)} ${expected.symbol} ${expected.direction === 'in' ? 'sent' : 'received'}`
        : `${formatUnitsHuman(actual, expected.decimals)} ${expected.symbol}`;
    violations.push({
      expected,
      actual,
      expectedText,
      actualText,
      message: `The agent said you ${verb} ${expectedText}; the simulation says ${actualText}.`,
    });
  }
  return violations;
}

/** The refusal for broken promises: both sides of each, one line apiece. */
export function expectationsRefusal(violations: readonly ExpectationViolation[]): RefusedError {
  return new RefusedError('EXPECTATION_VIOLATED', 'The simulation does not match what the agent promised.', {
    details: violations.map((violation) => violation.message).join('\n'),
    hints: ['Nothing was signed. Try again (prices may have moved) or pick another agent.'],
  });
}

/** The user's net change of `token` (0 when the simulation shows none). */
export function userDiff(report: SimulationReport, account: Address, token: Address | 'ETH'): bigint {
  let total = 0n;
  for (const change of report.balanceChanges) {
    if (!isAddressEqual(change.address, account)) continue;
    if (change.token === 'ETH' ? token === 'ETH' : token !== 'ETH' && isAddressEqual(change.token, token)) total += change.diff;
  }
  return total;
}
