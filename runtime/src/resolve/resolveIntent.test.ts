import { describe, expect, test } from 'vitest';
import type { PublicClient } from 'viem';
import { resolveAmount, resolveIntent, toBaseUnits } from './resolveIntent.js';
import type { TokenInfo } from '../../../kernel/index.js';

const usdc: TokenInfo = { address: '0xA15BB66138824a1c7167f5E85b957d04Dd34E468', symbol: 'USDC', decimals: 6, verified: true };
const eth: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};
const base = {
  chainId: 31337,
  chainName: 'anvil',
  client: {} as PublicClient,
  resolveToken: async (ref: string) => (ref.toUpperCase() === 'ETH' ? eth : usdc),
  lookupContact: (name: string) => (name === 'bob' ? ('0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const) : undefined),
  hasEns: false,
};

describe('toBaseUnits', () => {
  test('default: human units to base units', () => {
    expect(toBaseUnits('1.5', usdc)).toBe(1_500_000n);
    expect(toBaseUnits('0.100000', usdc)).toBe(100_000n);
  });
  test('errors: more decimals than the token holds is refused, not rounded', () => {
    expect(code(() => toBaseUnits('0.1234567', usdc))).toBe('TOO_MANY_DECIMALS');
  });
});

describe('resolveAmount', () => {
  test('all and percentages stay symbolic for the agent to read the balance', () => {
    expect(resolveAmount('all', usdc)).toEqual({ kind: 'all' });
    expect(resolveAmount('12.5%', usdc)).toEqual({ kind: 'percent', bps: 1250 });
  });
  test('errors: a percentage finer than a basis point', () => {
    expect(code(() => resolveAmount('12.345%', usdc))).toBe('BAD_AMOUNT');
  });
});

describe('resolveIntent', () => {
  test('a contact name resolves to its address and keeps the label', async () => {
    const resolved = await resolveIntent({ ...base, intent: { action: 'transfer', amount: '5', token: 'USDC', to: 'bob' } });
    expect(resolved).toMatchObject({ to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', toLabel: 'bob', amount: { kind: 'exact', value: 5_000_000n }, slippageBps: 50 });
  });
  test('errors: a name that is no contact, ENS on a chain without it, another chain, the same token twice', async () => {
    const fails = (intent: Parameters<typeof resolveIntent>[0]['intent']) => resolveIntent({ ...base, intent }).then(() => undefined, (e: { code?: string }) => e.code);
    expect(await fails({ action: 'transfer', amount: '5', token: 'USDC', to: 'carol' })).toBe('UNKNOWN_RECIPIENT');
    expect(await fails({ action: 'transfer', amount: '5', token: 'USDC', to: 'alice.eth' })).toBe('ENS_UNAVAILABLE');
    expect(await fails({ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC', chain: 'base' })).toBe('CHAIN_MISMATCH');
    expect(await fails({ action: 'swap', amount: '1', token: 'USDC', tokenOut: 'usdc' })).toBe('SAME_TOKEN');
  });
});
