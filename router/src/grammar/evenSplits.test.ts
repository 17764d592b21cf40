import { describe, expect, test } from 'vitest';
import { divideDecimal } from './decimal.js';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const transfer = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });

describe('even splits: one transfer per recipient, exact shares or a refusal', () => {
  test('a word saying the shares are equal splits the amount', () => {
    expect(parseWithGrammar('split 10 USDC evenly between alice and bob').intents).toEqual([transfer('5', 'USDC', 'alice'), transfer('5', 'USDC', 'bob')]);
    expect(parseWithGrammar('divide 1 eth equally between alice.eth and bob.eth').intents).toEqual([transfer('0.5', 'ETH', 'alice.eth'), transfer('0.5', 'ETH', 'bob.eth')]);
    expect(parseWithGrammar('split 12 usdc three ways between alice, bob and carol').intents.map((i) => i.amount)).toEqual(['4', '4', '4']);
  });
  test('no word for equal shares, a share that does not divide exactly, or a count that does not match: refused', () => {
    for (const text of [
      'split 50 usdc between alice and bob',
      'split 10 usdc evenly between alice, bob and carol',
      'split 1 eth three ways between alice and bob',
      'split 1 eth in half between alice, bob and carol',
      'split 10 dai unevenly between alice and bob',
      'split 10 dai evenly with bob',
      'send 10 dai between alice and bob',
    ])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    expect(code('split 12 usdc evenly')).toBe('UNPARSEABLE_INTENT');
  });
  test('divideDecimal is exact: it never rounds a share', () => {
    expect(divideDecimal('10', 4)).toBe('2.5');
    expect(divideDecimal('0.3', 2)).toBe('0.15');
    expect(divideDecimal('10', 3)).toBeUndefined();
    expect(divideDecimal('1', 7)).toBeUndefined();
  });
});

describe('recipients', () => {
  test('a role with no name is nobody: refused, never a contact named "friend"', () => {
    for (const text of ['send 5 dai to my friend', 'send 5 dai to the recipient', 'send 2 usdc to my brother']) expect(code(text), text).toBe('UNPARSEABLE_INTENT');
    expect(parseWithGrammar('send 5 usdc to my friend bob').intents).toEqual([transfer('5', 'USDC', 'bob')]);
    expect(parseWithGrammar('send 2 usdc to the contact named dave').intents).toEqual([transfer('2', 'USDC', 'dave')]);
  });
  test('"for bob" with no recipient may be who gets it or whom it is for: refused; beside a recipient it is a note', () => {
    for (const text of ['send 5 dai for bob', 'send 5 usdc for alice.eth', 'transfer 3 dai for my friend carol']) expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('send 5 dai to alice for bob')).toEqual({ intents: [transfer('5', 'DAI', 'alice')], notes: ['for bob'] });
  });
  test('phrases around the recipient', () => {
    const A = '0x3f1a9c2b7e4d8a6f0b5c1d2e3f4a5b6c7d8e9f01';
    expect(parseWithGrammar(`move 15 dai to carol at address ${A}`).intents).toEqual([transfer('15', 'DAI', A)]);
    expect(parseWithGrammar('send 6 DAI across to bob.eth').intents).toEqual([transfer('6', 'DAI', 'bob.eth')]);
    expect(parseWithGrammar('send 3 dai to alice.eth wallet').intents).toEqual([transfer('3', 'DAI', 'alice.eth')]);
  });
});

describe('lists and repeats', () => {
  test('"the same for bob" repeats the step before; never a note that drops a payment', () => {
    const both = [transfer('5', 'DAI', 'alice'), transfer('5', 'DAI', 'bob')];
    expect(parseWithGrammar('send 5 dai to alice, same for bob').intents).toEqual(both);
    expect(parseWithGrammar('send 5 dai to alice and do the same for bob').intents).toEqual(both);
    expect(code('send the same for bob')).toBe('AMBIGUOUS_INTENT');
  });
  test('a verbless amount keeps the token before; each before the amount', () => {
    expect(parseWithGrammar('send 5 dai to alice and 3 to bob').intents).toEqual([transfer('5', 'DAI', 'alice'), transfer('3', 'DAI', 'bob')]);
    expect(parseWithGrammar('send alice and bob each 3 dai').intents).toEqual([transfer('3', 'DAI', 'alice'), transfer('3', 'DAI', 'bob')]);
    expect(code('send alice and bob 3 dai')).toBe('AMBIGUOUS_INTENT');
  });
  test('after a bare comma only a name continues the list; an aside is a note', () => {
    expect(parseWithGrammar('send 40 dai to dave.eth, my share of the airbnb')).toEqual({ intents: [transfer('40', 'DAI', 'dave.eth')], notes: ['my share of the airbnb'] });
    expect(parseWithGrammar('send 40 dai to dave.eth. it\'s my share of the airbnb.')).toEqual({ intents: [transfer('40', 'DAI', 'dave.eth')], notes: ["it's my share of the airbnb"] });
    expect(code('send 5 dai to bob. he owes me 50 dai')).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 dai to alice, bob and carol')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('amounts', () => {
  test('stressed, spoken and whole-balance amounts', () => {
    const one = (text: string) => parseWithGrammar(text).intents[0]!.amount;
    expect(one('send exactly 5 dai to bob')).toBe('5');
    expect(one('send only 5 dai to bob')).toBe('5');
    expect(one('send half an eth to bob')).toBe('0.5');
    expect(one('send half my dai to bob')).toBe('50%');
    expect(one('send a dozen usdc to bob')).toBe('12');
    expect(one('send three quarters of my usdc to bob')).toBe('75%');
    expect(one('swap 10 per cent of my eth for dai')).toBe('10%');
    expect(one('send my entire dai balance to bob')).toBe('all');
    expect(one('send the max amount of usdc to bob')).toBe('all');
    expect(one('unstake the whole of my steth')).toBe('all');
  });
  test('hedged amounts stay ambiguous', () => {
    for (const text of [
      'send ~5 dai to bob', 'send nearly 5 dai to bob', 'send circa 10 usdc to alice', 'send like 5 dai to bob', 'send almost all my dai to bob',
      'send no more than 5 dai to bob', 'send 5 dai give or take to bob', 'send a third of my dai to bob', 'swap 1 eth for dai then send what\'s left to bob',
      'swap 1 eth for dai then send twice that to bob',
    ])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
  });
});

describe('references', () => {
  test('the step named, or a token it does not produce refused', () => {
    expect(parseWithGrammar('wrap 1 eth, then swap the WETH from before for usdc').intents[1]).toEqual({ action: 'swap', amount: 'previous', token: 'WETH', tokenOut: 'USDC' });
    expect(parseWithGrammar('swap 2 usdc for dai, then send what comes out to bob.eth').intents[1]).toEqual(transfer('previous', 'DAI', 'bob.eth'));
    expect(code('swap 1 eth for dai then send the usdc to bob')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('lists a line each', () => {
  test('a verb heading a list, bullets or numbers at line starts, "name: amount" items', () => {
    const both = [transfer('5', 'USDC', 'alice'), transfer('7', 'USDC', 'bob')];
    expect(parseWithGrammar('send:\n- 5 usdc to alice\n- 7 usdc to bob').intents).toEqual(both);
    expect(parseWithGrammar('pay the following:\n1. alice 5 usdc\n2. bob 7 usdc').intents).toEqual(both);
    expect(parseWithGrammar('send alice.eth: 5 USDC, bob.eth: 7 USDC').intents).toEqual([transfer('5', 'USDC', 'alice.eth'), transfer('7', 'USDC', 'bob.eth')]);
  });
  test('every line is read: a vague or unreadable line refuses the whole list', () => {
    expect(code('send:\n- 5 usdc to alice\n- some dai to bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('send:\n- 5 usdc to alice\n- banana')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('a name with its address in brackets', () => {
  test('the bracketed address or matching ENS name is the recipient; two that may disagree are refused', () => {
    const A = '0x3f1a9c2b7e4d8a6f0b5c1d2e3f4a5b6c7d8e9f01';
    expect(parseWithGrammar('send 1 eth to alice (alice.eth)')).toEqual({ intents: [transfer('1', 'ETH', 'alice.eth')] });
    expect(parseWithGrammar(`send 2 dai to carol (${A})`)).toEqual({ intents: [transfer('2', 'DAI', A)] });
    expect(code('send 1 eth to bob (alice.eth)')).toBe('AMBIGUOUS_INTENT');
    expect(code(`send 1 eth to alice.eth (${A})`)).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('send 5 DAI to @alice').intents).toEqual([transfer('5', 'DAI', 'alice')]);
  });
});
