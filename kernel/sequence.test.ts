import { describe, expect, test } from 'vitest';
import { findRepeatedStep, listActionPairs } from './sequence.js';

describe('findRepeatedStep', () => {
  test('a claim of the same token and venue a second time in one request is found', () => {
    expect(findRepeatedStep([{ action: 'claim', token: 'LUCID' }, { action: 'swap', token: 'ETH' }, { action: 'claim', token: 'LUCID' }])).toBe(2);
    expect(findRepeatedStep([{ action: 'claim' }, { action: 'claim' }])).toBe(1);
  });

  test('claims of different tokens or venues, and repeatable actions, are not', () => {
    expect(findRepeatedStep([{ action: 'claim', token: 'LUCID' }, { action: 'claim', token: 'DAI' }])).toBe(-1);
    expect(findRepeatedStep([{ action: 'claim', venue: 'capital-pool' }, { action: 'claim', venue: 'aave' }])).toBe(-1);
    expect(findRepeatedStep([{ action: 'transfer', token: 'USDC' }, { action: 'transfer', token: 'USDC' }])).toBe(-1);
  });

  test('the pair table refuses exactly the repeated claim and the question beside a transaction', () => {
    const refused = listActionPairs().filter((pair) => pair.refused);
    expect(refused.filter((pair) => pair.refusedCode === 'REPEATED_STEP').map((pair) => `${pair.first}→${pair.second}`)).toEqual(['claim→claim']);
    expect(refused.every((pair) => pair.refusedCode === 'REPEATED_STEP' || pair.first === 'balance' || pair.second === 'balance')).toBe(true);
  });
});
