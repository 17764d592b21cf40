import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const one = (text: string) => parseWithGrammar(text).intents;

describe('merged round 7: giving verbs', () => {
  test('verbs that only ever give funds to someone pay them', () => {
    for (const verb of ['gift', 'settle', 'drop'])
      expect(one(`${verb} 3 usdc to carol.eth`)).toEqual([{ action: 'transfer', amount: '3', token: 'USDC', to: 'carol.eth' }]);
  });
  test('paying verbs with their particle pay; without it they are not read as paying', () => {
    expect(parseWithGrammar('chip in 10 usdc to alice.eth for the gift')).toEqual({
      intents: [{ action: 'transfer', amount: '10', token: 'USDC', to: 'alice.eth' }],
      notes: ['for the gift'],
    });
    for (const text of ['cough up 5 dai to bob', 'fork over 5 dai to bob', 'shell out 5 dai to bob', 'pony up 5 dai to bob'])
      expect(one(text)).toEqual([{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }]);
    expect(code('chip 10 usdc to bob')).toBe('UNPARSEABLE_INTENT');
    expect(code('cough 5 dai to bob')).toBe('UNPARSEABLE_INTENT');
  });
  test('a giving verb named as a noun before the request is a note, not the verb ("as a gift, …")', () => {
    for (const noun of ['gift', 'tip'])
      expect(parseWithGrammar(`as a ${noun}, send 5 usdc to carol.eth`)).toEqual({
        intents: [{ action: 'transfer', amount: '5', token: 'USDC', to: 'carol.eth' }],
        notes: [`as a ${noun}`],
      });
  });
  test('a giving verb without a recipient, or to a lending venue, is still refused', () => {
    expect(code('gift 5 dai')).toBe('UNPARSEABLE_INTENT');
    expect(code('settle 20 usdc to aave')).toBe('UNPARSEABLE_INTENT');
    expect(code("don't gift 5 dai to bob")).toBe('UNSUPPORTED_INTENT');
  });
});
