import { describe, expect, test } from 'vitest';
import { knownSymbols, type Intent } from '../../../kernel/index.js';
import { groundIntents, readText } from './grounding.js';

const symbols = knownSymbols();
const ground = (text: string, ...intents: Intent[]) => groundIntents({ text, intents: { intents }, symbols });
const ungrounded = (text: string, ...intents: Intent[]) => {
  try {
    ground(text, ...intents);
  } catch (error) {
    return (error as { code: string; details: string }).code + ' ' + (error as { details: string }).details;
  }
  return 'grounded';
};

describe('readText', () => {
  test.each([
    ['swap 1 ETH', '1'],
    ['send 1,000.50 USDC', '1000.5'],
    ['send 1_000 USDC', '1000'],
    ['wrap .5 eth', '0.5'],
    ['sell 1.5k usdc', '1500'],
    ['sell 2m dai', '2000000'],
    ['sell 1.5 million dai', '1500000'],
    ['sell 3bn dai', '3000000000'],
    ['sell $100 of usdc', '100'],
    ['send twenty five usdc', '25'],
    ['send two hundred and fifty usdc', '250'],
    ['send a thousand dai', '1000'],
    ['send one and a half eth', '1.5'],
    ['wrap half an eth', '0.5'],
    ['wrap a quarter eth', '0.25'],
  ])('decimals: %s → %s', (text, value) => {
    expect(readText(text).decimals).toContain(value);
  });

  test.each([
    ['send 25% of my eth', '25'],
    ['send 12.5 percent of my eth', '12.5'],
    ['sell half my usdc', '50'],
    ['sell three quarters of my usdc', '75'],
    ['sell ten pct of my usdc', '10'],
  ])('percents: %s → %s', (text, value) => {
    expect(readText(text).percents).toContain(value);
  });

  test('behavior: digits inside addresses and names are not numbers', () => {
    const facts = readText('send to 0xabc1230000000000000000000000000000000042 and bob2.eth');
    expect(facts.decimals).not.toContain('123');
    expect(facts.decimals).not.toContain('2');
  });

  test('behavior: "all" words', () => {
    expect(readText('swap everything to dai').all).toBe(true);
    expect(readText('swap 1 eth for dai').all).toBe(false);
  });
});

describe('groundIntents', () => {
  test('default: canonicalises symbols and keeps the user spelling of addresses', () => {
    const address = '0xAbC0000000000000000000000000000000000001';
    expect(ground(`approve 100 steth for ${address.toLowerCase()}`, { action: 'approve', amount: '100', token: 'STETH', to: address })).toEqual({
      intents: [{ action: 'approve', amount: '100', token: 'stETH', to: address.toLowerCase() }],
    });
  });

  test('behavior: amounts from suffixes, words, all and percentages', () => {
    expect(ungrounded('sell 1.5k usdc for eth', { action: 'swap', amount: '1500', token: 'USDC', tokenOut: 'ETH' })).toBe('grounded');
    expect(ungrounded('sell all my usdc for eth', { action: 'swap', amount: 'all', token: 'USDC', tokenOut: 'ETH' })).toBe('grounded');
    expect(ungrounded('sell half my usdc for eth', { action: 'swap', amount: '50%', token: 'USDC', tokenOut: 'ETH' })).toBe('grounded');
    expect(ungrounded('buy 100 usdc with eth', { action: 'swap', amountOut: '100.0', token: 'ETH', tokenOut: 'USDC' })).toBe('grounded');
  });

  // The grammar reads "half an ETH" as 0.5, "half my ETH" as 50% and refuses "half ETH" as two readings
  // (0.5 ETH or half the balance); a model's answer is held to the same reading, so it cannot pick one.
  test.each<[string, string, string]>([
    ['send half an eth to bob, he knows why', '0.5', 'grounded'],
    ['send half an eth to bob, he knows why', '50%', 'LLM_UNGROUNDED field: intents[0].amount'],
    ['send half my eth to bob, he knows why', '50%', 'grounded'],
    ['send half my eth to bob, he knows why', '0.5', 'LLM_UNGROUNDED field: intents[0].amount'],
    ['send a quarter of the eth to bob, he knows why', '25%', 'grounded'],
    ['send a quarter of the eth to bob, he knows why', '0.25', 'LLM_UNGROUNDED field: intents[0].amount'],
    ['send half eth to bob, he knows why', '0.5', 'LLM_UNGROUNDED field: intents[0].amount'],
    ['send half eth to bob, he knows why', '50%', 'LLM_UNGROUNDED field: intents[0].amount'],
    ['send a quarter eth to bob, he knows why', '0.25', 'LLM_UNGROUNDED field: intents[0].amount'],
    ['send a quarter eth to bob, he knows why', '25%', 'LLM_UNGROUNDED field: intents[0].amount'],
  ])('behavior: a share word grounds only the reading its words give: %s as %s', (text, amount, expected) => {
    expect(ungrounded(text, { action: 'transfer', amount, token: 'ETH', to: 'bob' })).toBe(expected);
  });

  test('behavior: aliases and the wrap pair', () => {
    expect(ungrounded('stake 2 ether', { action: 'stake', amount: '2', token: 'ETH' })).toBe('grounded');
    expect(ungrounded('unwrap 2 eth', { action: 'unwrap', amount: '2', token: 'WETH' })).toBe('grounded');
    expect(ungrounded('send 2 eth to bob', { action: 'transfer', amount: '2', token: 'WETH', to: 'bob' })).toBe(
      'LLM_UNGROUNDED field: intents[0].token',
    );
  });

  test.each<[string, Intent, string]>([
    ['send 5 USDC to alice.eth', { action: 'transfer', amount: '5', token: 'USDC', to: 'alice' }, 'to'],
    ['send 5 USDC to bob', { action: 'transfer', amount: '5', token: 'USDC', to: 'mallory' }, 'to'],
    ['swap 1 ETH for 0xAbC0000000000000000000000000000000000001', { action: 'swap', amount: '1', token: 'ETH', tokenOut: '0xAbC0000000000000000000000000000000000002' }, 'tokenOut'],
    ['swap 1 ETH for USDC', { action: 'swap', amount: '1.5', token: 'ETH', tokenOut: 'USDC' }, 'amount'],
    ['swap 1 ETH for USDC', { action: 'swap', amount: 'all', token: 'ETH', tokenOut: 'USDC' }, 'amount'],
    ['swap 1 ETH for USDC', { action: 'swap', amount: '1%', token: 'ETH', tokenOut: 'USDC' }, 'amount'],
    ['swap 1 ETH for USDC', { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC', slippageBps: 300 }, 'slippageBps'],
    ['swap 1 ETH for USDC', { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC', chain: 'base' }, 'chain'],
    ['swap 1 ETH for USDC', { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDT0' }, 'tokenOut'],
  ])('errors: %s with a made-up %s', (text, intent, field) => {
    expect(ungrounded(text, intent)).toBe(`LLM_UNGROUNDED field: intents[0].${field}`);
  });

  test('behavior: a grounded slippage and chain', () => {
    expect(ungrounded('swap 1 ETH for USDC on base with 3% slippage', { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC', slippageBps: 300, chain: 'base' })).toBe(
      'grounded',
    );
  });
});
