import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code, refused } from './testing.js';

const one = (text: string) => parseWithGrammar(text).intents;

describe('giving verbs and their particles', () => {
  test('verbs that only ever give funds to someone are transfers', () => {
    for (const verb of ['donate', 'contribute', 'push', 'return', 'toss', 'sling'])
      expect(one(`${verb} 15 dai to alice.eth`)).toEqual([{ action: 'transfer', amount: '15', token: 'DAI', to: 'alice.eth' }]);
  });
  test('"back", "out" and "over" after the verb or after the one paid do not change the payment', () => {
    const pay = [{ action: 'transfer', amount: '12', token: 'USDC', to: 'bob' }];
    for (const text of ['send back 12 usdc to bob', 'pay back bob 12 usdc', 'pay bob back 12 usdc', 'pay bob out 12 usdc', 'send bob over 12 usdc'])
      expect(one(text)).toEqual(pay);
  });
  test('a debt, a loan or collateral is refused as outside what Lucid does, not as an unknown word', () => {
    for (const text of ['pay back my aave debt', 'pay off my aave loan', 'use my eth as collateral on aave', 'enable usdc as collateral'])
      expect(code(text)).toBe('UNSUPPORTED_INTENT');
    // A loan to a person stays what "lend 50 DAI to bob" is: a pointer to "send".
    expect(code('loan bob 10 dai')).toBe('UNPARSEABLE_INTENT');
    // A loan named in a purpose is still a note.
    expect(parseWithGrammar('send 5 dai to bob for the pizza loan').notes).toEqual(['for the pizza loan']);
  });
  test('two neighbouring letters swapped in a short verb are a slip, corrected and recorded', () => {
    const parsed = parseWithGrammar('pya bob 4 usdc');
    expect(parsed.intents).toEqual([{ action: 'transfer', amount: '4', token: 'USDC', to: 'bob' }]);
    expect(parsed.corrections).toEqual([{ from: 'pya', to: 'pay' }]);
    expect(one('lned 10 dai on aave')).toEqual([{ action: 'supply', amount: '10', token: 'DAI', venue: 'aave' }]);
  });
});

describe('swaps read by their object and direction words', () => {
  test('"buy N TOKEN worth of X" pays N TOKEN; "$N worth" is a dollar value, never an amount bought', () => {
    expect(one('buy 100 usdc worth of eth')).toEqual([{ action: 'swap', amount: '100', token: 'USDC', tokenOut: 'ETH' }]);
    expect(one('buy $50 worth of eth with usdc')).toEqual([{ action: 'swap', amountUsd: '50', token: 'USDC', tokenOut: 'ETH' }]);
    expect(one('buy 100 dai with eth')).toEqual([{ action: 'swap', amountOut: '100', token: 'ETH', tokenOut: 'DAI' }]);
  });
  test('the terse "swap 1 eth usdc" names the token bought; a third token is not guessed', () => {
    expect(one('swap 1 eth usdc')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }]);
    expect(code('swap 1 eth usdc dai')).toBe('UNPARSEABLE_INTENT');
  });
  test('the pair first, then how much of the token sold; an amount in another token is refused, never read as the amount sold', () => {
    const swap = [{ action: 'swap', amount: '0.5', token: 'ETH', tokenOut: 'DAI' }];
    for (const text of ['initiate the swap from eth to dai for 0.5 eth', 'swap eth to dai, amount 0.5', 'swap eth for dai: 0.5 eth', 'trade 0.5 eth against dai'])
      expect(one(text)).toEqual(swap);
    expect(code('swap eth for dai for 100 dai')).toBe('AMBIGUOUS_INTENT');
    expect(code('swap eth for dai amount 5 usdc')).toBe('AMBIGUOUS_INTENT');
    expect(code('swap eth for dai for some')).toBe('AMBIGUOUS_INTENT');
  });
  test('what is spent on a token buys it; spending on a person is refused with a pointer to "send"', () => {
    expect(one('spend 30 dai on usdc')).toEqual([{ action: 'swap', amount: '30', token: 'DAI', tokenOut: 'USDC' }]);
    expect(one('spend 0.1 eth buying dai')).toEqual([{ action: 'swap', amount: '0.1', token: 'ETH', tokenOut: 'DAI' }]);
    expect(refused('spend 30 dai on bob').message).toContain('"send"');
    expect(code('spend 30 dai on pepe')).toBe('UNKNOWN_TOKEN');
    expect(code('spend some eth on dai')).toBe('AMBIGUOUS_INTENT');
  });
  test('"get me some USDC with 1 ETH": "some" marks the token bought when the amount paid is given', () => {
    expect(one('get me some usdc with 1 eth')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }]);
    expect(code('get me some usdc')).not.toBe(undefined);
  });
  test('a swap, supply or stake "for bob" may mean bob should get its output: refused, unless it names a purpose', () => {
    for (const text of ['put 100 usdc to work for bob', 'supply 100 usdc to aave for bob', 'swap 1 eth for dai for my friend'])
      expect(code(text)).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for dai for my friend').message).toContain('"for my friend"');
    expect(parseWithGrammar('swap 1 eth for usdc for gas').notes).toEqual(['for gas']);
    expect(parseWithGrammar('swap 500 dai for usdc for my savings').notes).toEqual(['for my savings']);
  });
});

describe('lending words', () => {
  test('"put N to work" supplies wherever it earns, or on the venue named', () => {
    expect(one('put 100 usdc to work')).toEqual([{ action: 'supply', amount: '100', token: 'USDC' }]);
    expect(one('put my 50 dai to work on aave')).toEqual([{ action: 'supply', amount: '50', token: 'DAI', venue: 'aave' }]);
  });
  test("an Aave receipt token (aUSDC) redeemed is a withdrawal from Aave; elsewhere it is no slip of USDC", () => {
    expect(one('redeem 100 ausdc')).toEqual([{ action: 'withdraw', amount: '100', token: 'USDC', venue: 'aave' }]);
    expect(one('redeem my adai')).toEqual([{ action: 'withdraw', amount: 'all', token: 'DAI', venue: 'aave' }]);
    expect(code('send 5 ausdc to bob')).toBe('UNKNOWN_TOKEN');
    expect(code('redeem 100 ausdc from the capital pool')).toBe('AMBIGUOUS_INTENT');
  });
  test('taking rewards out is claiming them', () => {
    for (const text of ['get my rewards', 'withdraw my rewards', 'withdraw my staking rewards']) expect(one(text)).toEqual([{ action: 'claim' }]);
  });
  test('"my USDC deposit" is what was supplied', () => {
    expect(one('take out my usdc deposit from aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
  });
  test('a slip of a venue the devnet has is corrected; a changed letter is a name, never Aave', () => {
    const parsed = parseWithGrammar('lend 40 dai on avae');
    expect(parsed.intents).toEqual([{ action: 'supply', amount: '40', token: 'DAI', venue: 'aave' }]);
    expect(parsed.corrections).toEqual([{ from: 'avae', to: 'aave' }]);
    expect(one('withdraw 10 usdc from aaave')).toEqual([{ action: 'withdraw', amount: '10', token: 'USDC', venue: 'aave' }]);
    expect(one('swap 1 eth for usdc on uniswpa')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC', venue: 'uniswap' }]);
    expect(refused('supply 100 usdc to dave').message).toContain('"dave"');
  });
});
