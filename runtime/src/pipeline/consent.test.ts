import { describe, expect, test } from 'vitest';
import { RefusedError } from '../../../kernel/index.js';
import { decideConsent, typedConsentMatches } from './consent.js';
import type { Review } from './types.js';

type Policy = Review['policy'];
const allow: Policy = { decision: 'allow', violations: [] };
const typed = (amount: string): Policy => ({ decision: 'confirm-typed', violations: [], typedConfirmation: amount });
const danger = [{ code: 'NEW_RECIPIENT_LOOKALIKE', level: 'danger' as const, message: 'looks like a contact but is not' }];
const warning = [{ code: 'NEVER_SENT', level: 'warning' as const, message: 'never sent to before' }];

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof RefusedError ? error.code : 'not a RefusedError';
  }
  return 'not refused';
}

describe('decideConsent', () => {
  test('behavior: with nobody to ask, --yes signs what the simulation shows, and nothing else is signed', () => {
    expect(decideConsent({ policy: allow, risks: warning }, { yes: true, canAsk: false })).toEqual({ kind: 'given' });
    expect(refusal(() => decideConsent({ policy: allow, risks: [] }, { yes: false, canAsk: false }))).toBe('CONFIRMATION_REQUIRED');
    expect(refusal(() => decideConsent({ policy: allow, risks: danger }, { yes: true, canAsk: false }))).toBe('DANGER_NEEDS_A_PERSON');
    expect(refusal(() => decideConsent({ policy: typed('1.5'), risks: [] }, { yes: true, canAsk: false }))).toBe('TYPED_CONFIRMATION_REQUIRED');
    expect(refusal(() => decideConsent({ policy: typed('1.5'), risks: [] }, { yes: false, canAsk: false }))).toBe('TYPED_CONFIRMATION_REQUIRED');
  });

  test('behavior: with a person there, --yes skips only a plain question; a danger or a typed amount is still asked', () => {
    expect(decideConsent({ policy: allow, risks: [] }, { yes: true, canAsk: true })).toEqual({ kind: 'given' });
    expect(decideConsent({ policy: allow, risks: [] }, { yes: false, canAsk: true })).toEqual({ kind: 'ask' });
    expect(decideConsent({ policy: allow, risks: danger }, { yes: true, canAsk: true })).toEqual({ kind: 'ask' });
    expect(decideConsent({ policy: typed('1.5'), risks: [] }, { yes: true, canAsk: true })).toMatchObject({ kind: 'type', amount: '1.5' });
    expect(decideConsent({ policy: typed('1.5'), risks: danger }, { yes: false, canAsk: true })).toMatchObject({ kind: 'type', amount: '1.5' });
  });

  test('behavior: a typed confirmation without its amount can never be given', () => {
    const policy: Policy = { decision: 'confirm-typed', violations: [] };
    expect(decideConsent({ policy, risks: [] }, { yes: true, canAsk: true })).toMatchObject({ kind: 'type', amount: '' });
    expect(typedConsentMatches({ policy, simulation: { balanceChanges: [] } as unknown as Review['simulation'] }, '')).toBe(false);
  });
});

describe('typedConsentMatches', () => {
  const simulation = { balanceChanges: [{ symbol: 'ETH' }, { symbol: 'USDC' }] } as unknown as Review['simulation'];
  test.each([
    ['1.5', '1.5', true],
    ['1.50', '1.5', true],
    [' 1.5 ', '1.5', true],
    ['1.5 ETH', '1.5', true],
    ['1.5 eth', '1.5', true],
    ['2,500', '2500', true],
    ['1.5 DOGE', '1.5', false],
    ['1.51', '1.5', false],
    ['15', '1.5', false],
    ['1.5 ETH now', '1.5', false],
    ['', '1.5', false],
    ['y', '1.5', false],
  ])('"%s" against "%s" → %s', (answer, amount, expected) => {
    expect(typedConsentMatches({ policy: typed(amount), simulation }, answer)).toBe(expected);
  });
  test('behavior: nothing matches when the policy did not ask for an amount', () => {
    expect(typedConsentMatches({ policy: allow, simulation }, '1.5')).toBe(false);
  });
});

describe('typed entries', () => {
  const simulation = { balanceChanges: [{ symbol: 'ETH' }, { symbol: 'USDC' }] } as unknown as Review['simulation'];
  const two: Policy = {
    decision: 'confirm-typed',
    violations: [],
    typedConfirmation: '1',
    typedConfirmations: [
      { symbol: 'ETH', text: '1', threshold: '0.5' },
      { symbol: 'USDC', text: '5000', threshold: '100' },
    ],
  };
  const lookalike = [{ code: 'ADDRESS_LOOKALIKE', level: 'danger' as const, message: 'looks like bob', address: `0x7099${'0'.repeat(32)}79C8` as `0x${string}` }];
  test('behavior: every amount over its threshold and a lookalike recipient’s full address must each be typed', () => {
    const consent = decideConsent({ policy: two, risks: lookalike }, { yes: false, canAsk: true });
    expect(consent.kind === 'type' && consent.entries.map((e) => e.text)).toEqual(['1', '5000', lookalike[0]!.address]);
    const entries = consent.kind === 'type' ? consent.entries : [];
    expect(typedConsentMatches({ policy: two, simulation }, '5000', entries[0])).toBe(false);
    expect(typedConsentMatches({ policy: two, simulation }, '5000 USDC', entries[1])).toBe(true);
    expect(typedConsentMatches({ policy: two, simulation }, '5000 ETH', entries[1])).toBe(false);
    expect(typedConsentMatches({ policy: two, simulation }, 'y', entries[2])).toBe(false);
    expect(typedConsentMatches({ policy: two, simulation }, '0x7099…79C8', entries[2])).toBe(false);
    expect(typedConsentMatches({ policy: two, simulation }, lookalike[0]!.address.toLowerCase(), entries[2])).toBe(true);
    expect(decideConsent({ policy: allow, risks: lookalike }, { yes: false, canAsk: true })).toMatchObject({ kind: 'type', entries: [{ kind: 'address' }] });
  });
});
