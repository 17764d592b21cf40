import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';


describe('a clause of time or condition is a refusal, not a note', () => {
  test('leading: the clause is named and nothing is executed', () => {
    for (const text of [
      'after the market opens, wrap 1 ETH',
      'after lunch, send 5 USDC to carol.eth',
      'before bed, send 5 DAI to bob.eth',
      'once payroll lands, send 30 DAI to alice.eth',
      'while gas is low, swap 1 ETH for DAI',
      'as long as gas is cheap, swap 1 ETH for DAI',
      'by the time i wake up, swap 1 ETH for DAI',
      'the moment gas drops, wrap 1 ETH',
      'during the dip, buy 100 DAI with ETH',
      'im free after lunch, wrap 1 ETH',
      'after lunch: wrap 1 ETH',
      'afer lunch, send 5 DAI to bob.eth',
    ]) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNSUPPORTED_INTENT');
      expect(message, text).toMatch(/wait for a time or an event/);
    }
    expect(refused('after the market opens, wrap 1 ETH').message).toContain('"after the market opens"');
  });
  test('trailing and between steps: the same code, not "did not understand"', () => {
    for (const text of [
      'send 5 USDC to carol after lunch',
      'send 5 USDC to carol.eth, after lunch',
      'wrap 1 ETH once market opens',
      'stake 2 ETH during the dip',
      'send 5 DAI to bob.eth for lunch after the gym',
      'swap 1 ETH for DAI, then after lunch send it to bob.eth',
    ])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    expect(refused('swap 1 ETH for DAI, then after lunch send it to bob.eth').message).toContain('"after lunch"');
  });
  test('purposes, asides and step joiners still parse', () => {
    expect(parseWithGrammar('for gas money, send 0.1 ETH to bob.eth').notes).toEqual(['for gas money']);
    expect(parseWithGrammar('im new here, wrap 1 ETH').notes).toEqual(['im new here']);
    expect(parseWithGrammar('swap 1 ETH for DAI, after that send it to bob.eth').intents).toHaveLength(2);
    expect(parseWithGrammar('after you unwrap 2 WETH, send 2 ETH to carol.eth').intents.map((i) => i.action)).toEqual(['unwrap', 'transfer']);
    expect(parseWithGrammar('send 1 ETH to bob.eth at once').intents).toEqual([{ action: 'transfer', amount: '1', token: 'ETH', to: 'bob.eth' }]);
    // "after you <verb>" at the end is a step order the grammar does not read: refused, but not as a time.
    expect(refused('send 5 usdc to bob after you swap 5 dai for usdc').code).toBe('UNPARSEABLE_INTENT');
  });
});

describe('a label before a colon is accounted for', () => {
  test('words about the words refuse the request', () => {
    for (const text of ['summarize: send 1 ETH to bob.eth', 'rewrite: swap 1 ETH for DAI', 'paraphrase this: wrap 1 ETH', 'can you parse this: send 1 DAI to bob.eth', 'review: unwrap 1 WETH', 'proofread: send 1 DAI to bob.eth']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNSUPPORTED_INTENT');
      expect(message, text).toMatch(/about the words/);
    }
  });
  test('an unknown label is refused by name, never dropped', () => {
    const { code, message } = refused('banana: send 1 ETH to bob.eth');
    expect(code).toBe('UNPARSEABLE_INTENT');
    expect(message).toContain('"banana:"');
    expect(refused('purple monkey: send 2 DAI to carol.eth').code).toBe('UNPARSEABLE_INTENT');
  });
  test('real labels are skipped as filler (not notes), slips included', () => {
    for (const label of ['intent', 'request', 'task', 'urgent', 'URGENT TASK', 'priority', 'todo', 'memo', 'instructions', 'note to self', 'urgnet']) {
      const parsed = parseWithGrammar(`${label}: wrap 1 ETH`);
      expect(parsed.intents, label).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }]);
      expect(parsed.notes, label).toBeUndefined();
    }
  });
});

describe('"it" after several steps joined by "and"', () => {
  test('refused as ambiguous, naming the candidates', () => {
    const { code, message } = refused('wrap 1 ETH and swap 10 DAI for USDC, then send it to bob.eth');
    expect(code).toBe('AMBIGUOUS_INTENT');
    expect(message).toContain('the WETH from the wrap or the USDC from the swap');
    for (const text of [
      'swap 1 ETH for DAI and unwrap 1 WETH then send the proceeds to bob.eth',
      'wrap 1 ETH and swap 10 DAI for USDC and send it to bob.eth',
      'wrap 1 ETH, swap 10 DAI for USDC, then send it to bob.eth',
      'wrap 1 ETH and swap 10 DAI for USDC, 1% slippage, then send it to bob.eth',
    ])
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
  });
  test('named by a token only the step just before produces, or after "then", it resolves', () => {
    const transfer = { action: 'transfer', amount: 'previous', token: 'USDC', to: 'bob.eth' };
    expect(parseWithGrammar('wrap 1 ETH and swap 10 DAI for USDC, then send the USDC to bob.eth').intents[2]).toEqual(transfer);
    expect(parseWithGrammar('wrap 1 ETH, then swap 10 DAI for USDC and send it to bob.eth').intents[2]).toEqual(transfer);
    expect(parseWithGrammar('send 5 DAI to bob.eth and swap 1 ETH for USDC, then send it to bob.eth').intents[2]).toEqual(transfer);
    expect(parseWithGrammar('swap 1 ETH for DAI and send it to bob.eth').intents[1]).toEqual({ ...transfer, token: 'DAI' });
  });
});
