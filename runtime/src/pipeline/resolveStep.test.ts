/**
 * A step's own allowances within a sequence: what the steps before set is theirs, not the later step's; what a
 * later step raises, lowers or sets back is its own, starting from where the steps before left it.
 */
import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import type { SimulationReport } from '../simulate/types.js';
import { stepApprovals } from './resolveStep.js';

const user: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const bob: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const dai: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const usdc: Address = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';

const approval = (token: Address, pre: bigint, post: bigint) => ({ token, symbol: token === dai ? 'DAI' : 'USDC', decimals: 18, verified: true, owner: user, spender: bob, pre, post });
const report = (approvals: ReturnType<typeof approval>[]) => ({ approvals }) as unknown as SimulationReport;

describe('stepApprovals', () => {
  test('default: the first step owns every allowance of its report', () => {
    const full = report([approval(dai, 0n, 100n)]);
    expect(stepApprovals(full, undefined)).toEqual(full.approvals);
  });

  test('behavior: an allowance the step before set, left as it was, is not the later step’s', () => {
    const before = report([approval(dai, 0n, 100n)]);
    const full = report([approval(dai, 0n, 100n), approval(usdc, 50n, 0n)]);
    expect(stepApprovals(full, before)).toEqual([approval(usdc, 50n, 0n)]);
  });

  test('behavior: a later step that raises the allowance further owns the raise, from where the step before left it', () => {
    const before = report([approval(dai, 0n, 100n)]);
    const full = report([approval(dai, 0n, 1_000n)]);
    expect(stepApprovals(full, before)).toEqual([approval(dai, 100n, 1_000n)]);
  });

  test('behavior: a later step that sets the allowance back owns the change, though the whole sequence shows none', () => {
    const before = report([approval(dai, 0n, 100n)]);
    expect(stepApprovals(report([]), before)).toEqual([approval(dai, 100n, 0n)]);
  });
});
