import { describe, expect, test } from 'vitest';
import { checkIntentList, intentActions, intentListSchema } from './index.js';

/** A small seeded generator (mulberry32): the same values on every run, so a failure is a value to look at. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each field's values the schema takes, and ones it refuses (of the right type and of others).
const address = '0x' + 'aB'.repeat(20);
const good: Record<string, readonly unknown[]> = {
  action: intentActions,
  amount: ['1', '0.5', '1000', 'all', 'previous', '25%', '100%', '12.5%', '0.5%'],
  amountUsd: ['50', '0.01'],
  amountOut: ['100', '0.5'],
  token: ['ETH', 'USDC', 'stETH', 'a.b', '$X', address, 'x'.repeat(32)],
  tokenOut: ['USDC', 'DAI', address],
  to: ['alice.eth', 'bob', address, 'zoë.eth', 'ünïcode', '李', '٣', 'a'.repeat(255), 'a-b_c.d'],
  slippageBps: [0, 50, 10_000],
  chain: ['mainnet', 'base', 'arbitrumSepolia'],
  venue: ['uniswap', 'capital-pool', 'a', 'x'.repeat(40)],
  unlimited: [true],
  lockSeconds: [1, 86_400, 730 * 86_400],
};
const bad: Record<string, readonly unknown[]> = {
  action: ['send', '', 5],
  amount: ['0', '0.0', '01', '1e3', '-1', 'max', '0%', '101%', '', 1],
  amountUsd: ['0', 'all', '5%', 50],
  amountOut: ['0', 'previous', 100],
  token: ['0x12', 'x'.repeat(33), '', 'ÉTH', 'US DC', 1],
  tokenOut: ['', 'x y'],
  to: ['a..b', '.a', 'a.', 'a b', '', 'x'.repeat(256), 'alice!', 0],
  slippageBps: [10_001, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '50'],
  chain: ['Base', '1chain', '', 'ba-se'],
  venue: ['x'.repeat(41), 'Uniswap', '-a', 'a--b', ''],
  unlimited: [false, 'true'],
  lockSeconds: [730 * 86_400 + 1, 0, 1.5, '1'],
};
const fieldOrder = Object.keys(good);
/** The fields each action needs (one of each inner list), as the schema's rules say. */
const needs: Record<string, readonly (readonly string[])[]> = {
  transfer: [['amount', 'amountUsd'], ['token'], ['to']],
  swap: [['amount', 'amountOut', 'amountUsd'], ['token'], ['tokenOut']],
  approve: [['amount', 'unlimited'], ['token'], ['to']],
  revoke: [['token'], ['to']],
  claim: [],
  balance: [],
};

function generateIntent(next: () => number): Record<string, unknown> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const value = (field: string) => (next() < 0.06 ? pick(bad[field]!) : pick(good[field]!));
  const action = value('action') as string;
  const fields = new Set<string>();
  for (const choices of needs[action] ?? [['amount', 'amountUsd'], ['token']]) if (next() < 0.95) fields.add(pick(choices));
  // Now and then a field the action may or may not take.
  for (const field of fieldOrder.slice(1)) if (next() < 0.06) fields.add(field);
  const intent: Record<string, unknown> = { action };
  for (const field of fieldOrder.slice(1)) if (fields.has(field)) intent[field] = value(field);
  return intent;
}

function generateList(next: () => number): Record<string, unknown> {
  const list: Record<string, unknown> = { intents: Array.from({ length: next() < 0.05 ? 0 : 1 + Math.floor(next() * 3) }, () => generateIntent(next)) };
  if (next() < 0.2) list.preview = next() < 0.8 ? true : false;
  if (next() < 0.2) list.notes = next() < 0.8 ? ['for the rent'] : [''];
  if (next() < 0.2) list.corrections = next() < 0.8 ? [{ from: 'swpa', to: 'swap' }] : [{ from: 'swpa', to: '' }];
  return list;
}

describe('checkIntentList: the intent contract without zod', () => {
  test('vouches only for what the schema accepts and returns unchanged, and for all of it on generated values', () => {
    const next = random(19);
    let vouched = 0;
    let accepted = 0;
    for (let run = 0; run < 10_000; run++) {
      const value = generateList(next);
      const checked = intentListSchema.safeParse(value);
      if (checkIntentList(value)) {
        vouched++;
        // The schema takes it, and returns the same fields in the same order: the caller can print the value itself.
        expect(checked.success, JSON.stringify(value)).toBe(true);
        expect(JSON.stringify(checked.data)).toBe(JSON.stringify(value));
      }
      // Every field here is in the schema's order and none is undefined: the hand check has nothing to defer.
      if (checked.success) {
        accepted++;
        expect(checkIntentList(value), JSON.stringify(value)).toBe(true);
      }
    }
    // The generator reaches both sides often enough for the two assertions to mean something.
    expect(vouched).toBe(accepted);
    expect(accepted).toBeGreaterThan(1_000);
    expect(10_000 - accepted).toBeGreaterThan(1_000);
  });

  test('defers to the schema what it would return in another shape', () => {
    const swap = { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' };
    expect(checkIntentList({ intents: [swap] })).toBe(true);
    // Fields out of the schema's order: zod returns them reordered, so the value is not its output.
    expect(checkIntentList({ intents: [{ token: 'ETH', action: 'swap', amount: '1', tokenOut: 'USDC' }] })).toBe(false);
    expect(checkIntentList({ preview: true, intents: [swap] })).toBe(false);
    expect(checkIntentList({ intents: [swap], corrections: [{ to: 'swap', from: 'swpa' }] })).toBe(false);
    expect(checkIntentList({ intents: [swap], corrections: [{ from: 'swpa', to: 'swap' }] })).toBe(true);
    // An undefined field, an unknown one, a sparse list, an object that is not plain.
    expect(checkIntentList({ intents: [{ ...swap, to: undefined }] })).toBe(false);
    expect(checkIntentList({ intents: [{ ...swap, memo: 'x' }] })).toBe(false);
    expect(checkIntentList({ intents: [swap, , swap] })).toBe(false); // eslint-disable-line no-sparse-arrays
    expect(checkIntentList({ intents: [Object.assign(Object.create({ inherited: 1 }), swap)] })).toBe(false);
    expect(checkIntentList(Object.assign(Object.create(null), { intents: [swap] }))).toBe(false);
    // The list's own rules: 1 to 16 steps, the first step cannot be "previous".
    expect(checkIntentList({ intents: Array.from({ length: 17 }, () => swap) })).toBe(false);
    expect(checkIntentList({ intents: [{ action: 'transfer', amount: 'previous', token: 'ETH', to: 'bob' }] })).toBe(false);
    expect(checkIntentList({ intents: [swap, { action: 'transfer', amount: 'previous', token: 'USDC', to: 'bob' }] })).toBe(true);
    for (const value of [undefined, null, 'swap', [swap], { intents: [] }]) expect(checkIntentList(value)).toBe(false);
  });
});
