import { describe, expect, test } from 'vitest';
import { LucidError } from '../../../kernel/index.js';
import { canonicalJson, planBundleHash, readPlanBundle, type PlanBundle } from './planBundle.js';
import { comparePlanSimulations } from './comparePlanSimulations.js';
import type { SimulationReport } from '../simulate/types.js';

const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const usdc = '0xA15BB66138824a1c7167f5E85b957d04Dd34E468';
const call = { to: bob, data: '0x', value: '100000000000000000', description: 'Send 0.1 ETH' };

function bundle(overrides: Partial<PlanBundle> = {}): PlanBundle {
  const content = {
    format: 'lucid.plan-bundle' as const,
    version: 1 as const,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T01:00:00.000Z',
    text: `send 0.1 ETH to ${bob}`,
    intents: { intents: [{ action: 'transfer', amount: '0.1', token: 'ETH', to: bob }] },
    chainId: 31337,
    account,
    nonce: 3,
    blockNumber: '41',
    steps: [{ agentId: 'transfer', reason: 'only agent', summary: 'Send 0.1 ETH' }],
    plans: [{ agentId: 'transfer', summary: 'Send 0.1 ETH', calls: [call], expects: [] }],
    calls: [call],
    simulation: { blockNumber: '41', balanceChanges: [{ address: account, token: 'ETH' as const, symbol: 'ETH', decimals: 18, diff: '-100000000000000000' }], approvals: [] },
    risks: [],
    policy: { decision: 'allow' as const },
    ...overrides,
  };
  const { hash: _drop, ...rest } = content as PlanBundle;
  return { ...rest, hash: planBundleHash(rest) } as PlanBundle;
}
const read = (value: unknown, now = new Date('2026-01-01T00:30:00Z')) => readPlanBundle(JSON.stringify(value), { now });
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { code: (error as LucidError).code, exitCode: (error as LucidError).exitCode };
  }
  return undefined;
};

describe('plan bundles', () => {
  test('the hash is over canonical JSON: key order and spacing do not matter, every value does', () => {
    expect(canonicalJson({ b: 1, a: [{ d: '2', c: null }] })).toBe('{"a":[{"c":null,"d":"2"}],"b":1}');
    const made = bundle();
    const reordered = Object.fromEntries(Object.entries(made).reverse());
    expect(read(reordered).bundle.hash).toBe(made.hash);
  });

  test('errors: a changed value is tampering (exit 3); past expiry is refused (exit 3); not a bundle is bad input (exit 2)', () => {
    const made = bundle();
    expect(codeOf(() => read({ ...made, text: `send 0.1 ETH to ${usdc}` }))).toEqual({ code: 'BUNDLE_TAMPERED', exitCode: 3 });
    expect(codeOf(() => read(made, new Date('2026-01-01T02:00:00Z')))).toEqual({ code: 'BUNDLE_EXPIRED', exitCode: 3 });
    expect(codeOf(() => read({ ...made, version: 2 }))).toEqual({ code: 'BUNDLE_INVALID', exitCode: 2 });
    expect(codeOf(() => readPlanBundle('{not json'))).toEqual({ code: 'BUNDLE_INVALID', exitCode: 2 });
  });

  test('errors: calls that are not the plans\' calls are refused even with a matching hash', () => {
    const other = { ...call, value: '5000000000000000000' };
    expect(codeOf(() => read(bundle({ calls: [other] })))).toEqual({ code: 'BUNDLE_INVALID', exitCode: 2 });
  });
});

describe('comparePlanSimulations', () => {
  const after = (changes: { address: string; token: string; diff: bigint; symbol?: string; decimals?: number }[]): SimulationReport =>
    ({
      blockNumber: 45n,
      balanceChanges: changes.map((c) => ({ symbol: 'USDC', decimals: 6, verified: true, pre: 0n, post: 0n, ...c })),
      approvals: [],
      gas: { costWei: 0n },
    }) as unknown as SimulationReport;
  const before = bundle({
    simulation: {
      blockNumber: '41',
      balanceChanges: [
        { address: account, token: 'ETH', symbol: 'ETH', decimals: 18, diff: '-1000000000000000000' },
        { address: account, token: usdc, symbol: 'USDC', decimals: 6, diff: '3000000000' },
      ],
      approvals: [],
    },
  }).simulation;
  const eth = { address: account, token: 'ETH', symbol: 'ETH', decimals: 18, diff: -(10n ** 18n) };

  test('the same effects: nothing changed', () => {
    expect(comparePlanSimulations(before, after([eth, { address: account, token: usdc, diff: 3_000_000_000n }]), account)).toMatchObject({ changes: [], effects: [], beyondBounds: false });
  });

  test('receiving 0.5% less is a change within bounds; 2% less, more leaving, or a new party is beyond', () => {
    const slightly = comparePlanSimulations(before, after([eth, { address: account, token: usdc, diff: 2_985_000_000n }]), account);
    expect(slightly).toMatchObject({ beyondBounds: false, effects: ['you: +3,000 USDC → +2,985 USDC'] });
    expect(comparePlanSimulations(before, after([eth, { address: account, token: usdc, diff: 2_940_000_000n }]), account).beyondBounds).toBe(true);
    expect(comparePlanSimulations(before, after([{ ...eth, diff: -(10n ** 18n) - 1n }, { address: account, token: usdc, diff: 3_000_000_000n }]), account).beyondBounds).toBe(true);
    const extra = comparePlanSimulations(before, after([eth, { address: account, token: usdc, diff: 3_000_000_000n }, { address: bob, token: usdc, diff: 1n }]), account);
    expect(extra.beyondBounds).toBe(true);
    expect(extra.effects[0]).toContain(bob);
  });
});
