import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused, refusalCode as code } from './testing.js';

describe('why a refusal is made, when the productions found no reading (amountClues.ts)', () => {
  test('the balance less an amount is understood but not done', () => {
    for (const text of ['send all but 5 dai to bob', 'send everything except 10 usdc to alice.eth', 'swap all my dai minus 5 for eth'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
    expect(refused('send all but 5 dai to bob').message).toMatch(/"all but 5"/);
  });
  test('a limit is no amount', () => {
    for (const text of ['send up to 5 dai to bob', 'send at most 3 usdc to carol']) expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    // A limit an approval can carry still parses.
    expect(parseWithGrammar('approve uniswap to spend up to 100 usdc').intents).toEqual([{ action: 'approve', amount: '100', token: 'USDC', to: 'uniswap' }]);
  });
  test('slippage in words, twice, above 100% or switched off', () => {
    expect(code('swap 1 eth for usdc with low slippage')).toBe('AMBIGUOUS_INTENT');
    expect(code('swap 1 eth for usdc with minimal slippage')).toBe('AMBIGUOUS_INTENT');
    expect(code('swap 1 eth for usdc with 0.5% slippage and 1% slippage')).toBe('AMBIGUOUS_INTENT');
    expect(code('swap 1 eth for usdc without slippage protection')).toBe('UNSUPPORTED_INTENT');
    expect(code('swap 1 eth for usdc with no slippage limit')).toBe('UNSUPPORTED_INTENT');
    expect(refused('swap 1 eth for usdc with 150% slippage')).toMatchObject({ code: 'UNSUPPORTED_INTENT', message: expect.stringMatching(/"150%" is more than 100%/) });
    expect(parseWithGrammar('swap 1 eth for usdc with 1% slippage').intents).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC', slippageBps: 100 }]);
  });
  test('an earlier step that is not in the sentence is a reference with nothing to point at', () => {
    for (const text of ['send bob the dai from before', 'send bob the usdc from my last swap']) expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    // Undoing or telling of the last swap keeps its own reason.
    expect(code('undo my last swap')).toBe('UNSUPPORTED_INTENT');
    expect(code('my last swap was 1 eth for dai')).toBe('UNSUPPORTED_INTENT');
  });
  test('a payment told as done, and advice about venues', () => {
    for (const text of ['carol.eth got 6 DAI from me', 'alice got 5 dai, bob got 6 dai', 'which dex is cheapest for 1 eth to usdc'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
  });
  test('"each" or "half to" with no time after it is no schedule: the missing part is named', () => {
    expect(refused('send 5 dai each')).toMatchObject({ code: 'UNPARSEABLE_INTENT', message: expect.stringMatching(/recipient/) });
    expect(code('send half to bob')).toBe('UNPARSEABLE_INTENT');
    for (const text of ['stake 1 ETH each epoch', 'send 5 dai to bob at half past 5']) expect(code(text), text).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a slash between two numbers (fractions.ts)', () => {
  test('"50/50" says the shares are equal', () => {
    expect(parseWithGrammar('split 10 dai 50/50 between carol and dave').intents).toEqual([
      { action: 'transfer', amount: '5', token: 'DAI', to: 'carol' },
      { action: 'transfer', amount: '5', token: 'DAI', to: 'dave' },
    ]);
  });
  test('a zero below the bar is refused by name; any other "#/#" stays two alternatives', () => {
    expect(refused('send 1/0 eth to bob')).toMatchObject({ code: 'UNPARSEABLE_INTENT', message: expect.stringMatching(/"1\/0" divides by zero/) });
    expect(code('send 1/2 dai to bob')).toBe('AMBIGUOUS_INTENT');
    expect(() => parseWithGrammar('send 50/50 dai to bob')).toThrow();
    // A share of a balance is the parser's reading, untouched.
    expect(parseWithGrammar('send 3/4 of my dai to bob').intents).toEqual([{ action: 'transfer', amount: '75%', token: 'DAI', to: 'bob' }]);
  });
});

describe('a negated step is no look', () => {
  test('"don\'t send it/anything" with a recipient after it refuses the negation instead of previewing', () => {
    for (const text of ["swap 1 eth for dai then don't send it to bob", "send 5 dai to alice and don't send anything to bob"])
      expect(refused(text)).toMatchObject({ code: 'UNSUPPORTED_INTENT', message: expect.stringMatching(/what not to do/) });
    // With nothing after it, it still asks only to look.
    expect(parseWithGrammar("swap 1 eth for dai and don't send it")).toMatchObject({ preview: true });
  });
});

describe('a verbless payout list after an emoji', () => {
  test('a leading emoji is decoration; a negating one still refuses', () => {
    expect(parseWithGrammar('💸 alice.eth 5 usdc, bob.eth 6 usdc').intents).toEqual([
      { action: 'transfer', amount: '5', token: 'USDC', to: 'alice.eth' },
      { action: 'transfer', amount: '6', token: 'USDC', to: 'bob.eth' },
    ]);
    expect(code('🚫 alice.eth 5 usdc, bob.eth 6 usdc')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('"whole" units', () => {
  test('between a whole number and a token it is filler; elsewhere it is no token', () => {
    expect(parseWithGrammar('send 3 whole eth to dave').intents).toEqual([{ action: 'transfer', amount: '3', token: 'ETH', to: 'dave' }]);
    expect(() => parseWithGrammar('send 1.5 whole eth to dave')).toThrow();
    expect(() => parseWithGrammar('send 3 whole to bob')).toThrow();
  });
});

describe('"tx" (thanks) at the end', () => {
  test('ends a request as thanks; as a verb it still opens a step', () => {
    expect(parseWithGrammar('send 0.25 eth to bob, tx').intents).toEqual([{ action: 'transfer', amount: '0.25', token: 'ETH', to: 'bob' }]);
    expect(parseWithGrammar('send 1 eth to bob, tx 2 dai to carol').intents).toHaveLength(2);
  });
});
