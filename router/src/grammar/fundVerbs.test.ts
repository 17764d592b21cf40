import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const one = (text: string) => parseWithGrammar(text).intents;

describe('verbs of moving funds, with their particles', () => {
  test('a particle after the verb or after what is moved does not change the payment', () => {
    const pay = [{ action: 'transfer', amount: '4', token: 'USDC', to: 'bob.eth' }];
    for (const text of ['hand over 4 usdc to bob.eth', 'pass along 4 usdc to bob.eth', 'pass 4 usdc along to bob.eth', 'fire 4 usdc off to bob.eth', 'beam 4 usdc to bob.eth', 'chuck 4 usdc at bob.eth'])
      expect(one(text)).toEqual(pay);
  });
  test('"at" is a recipient only after a verb of throwing', () => {
    expect(code('send 4 usdc at bob')).toBe('UNPARSEABLE_INTENT');
  });
  test('swap particles: "trade in", "swap out of", "swap my 3 DAI out for USDC"', () => {
    const swap = [{ action: 'swap', amount: '3', token: 'DAI', tokenOut: 'USDC' }];
    for (const text of ['trade in 3 dai for usdc', 'swap out of 3 dai into usdc', 'swap 3 dai out for usdc', 'load up on usdc with 3 dai'])
      expect(one(text)).toEqual(swap);
    // "in" before a venue is the venue's preposition, not a particle.
    expect(one('swap in uniswap 3 dai to usdc')).toEqual([{ ...swap[0], venue: 'uniswap' }]);
  });
  test('light verbs "kick off" and "set up" carry the action noun after them', () => {
    expect(one('kick off a transfer of 5 usdc to bob')).toEqual([{ action: 'transfer', amount: '5', token: 'USDC', to: 'bob' }]);
    expect(one('set up a swap of 25 usdc into dai')).toEqual([{ action: 'swap', amount: '25', token: 'USDC', tokenOut: 'DAI' }]);
  });
  test('liquidating an amount of a token into another is a swap; a position or a loan is refused', () => {
    expect(one('liquidate 50 lucid into usdc')).toEqual([{ action: 'swap', amount: '50', token: 'LUCID', tokenOut: 'USDC' }]);
    expect(code('liquidate my loan')).toBe('UNSUPPORTED_INTENT');
    expect(code("liquidate bob's position on aave")).toBe('UNSUPPORTED_INTENT');
    expect(code('liquidate my position for usdc')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('an address after "to" in a swap is never taken for the token', () => {
  test('"swap/route/convert … to 0x…" is refused as two readings', () => {
    for (const text of [`swap 3 dai to ${A}`, `route 3 dai to ${A}`, `convert 3 dai -> ${A}`]) expect(code(text)).toBe('AMBIGUOUS_INTENT');
  });
  test('"for 0x…" and "into 0x…" name a token, as the contract allows; "send … to 0x…" pays', () => {
    expect(one(`swap 1 eth for ${A}`)).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: A }]);
    expect(one(`wire 3 dai to ${A}`)).toEqual([{ action: 'transfer', amount: '3', token: 'DAI', to: A }]);
  });
  test('"route … to" a person pays them; to a token it swaps', () => {
    expect(one('route 5 usdc to alice.eth')).toEqual([{ action: 'transfer', amount: '5', token: 'USDC', to: 'alice.eth' }]);
    expect(one('route 5 usdc to dai')).toEqual([{ action: 'swap', amount: '5', token: 'USDC', tokenOut: 'DAI' }]);
    expect(code('swap 5 usdc to alice.eth')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('lending where it earns the most', () => {
  test('a superlative place without a venue supplies with no venue (any lending agent competes)', () => {
    const supply = [{ action: 'supply', amount: '1000', token: 'USDC' }];
    for (const text of ['put 1000 usdc where it gets the best rate', 'stick 1000 usdc wherever the apy is highest', 'park 1000 usdc at the highest apy', 'get the best yield on 1000 usdc', 'earn some interest on 1000 usdc'])
      expect(one(text)).toEqual(supply);
  });
  test('"put" without a place or a superlative still asks where', () => {
    expect(code('put 1000 usdc where it is')).toBe('UNPARSEABLE_INTENT');
    expect(code('put usdc where it earns the most')).toBe('UNPARSEABLE_INTENT');
  });
  test('withdrawing "the USDC I lent", getting or cashing it back out of a lending venue', () => {
    expect(one('withdraw all the usdc i lent on aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    expect(one('get my 50 dai back from aave')).toEqual([{ action: 'withdraw', amount: '50', token: 'DAI', venue: 'aave' }]);
    expect(one('cash out my usdc from aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
  });
  test('a list shares its lending verb and the venue named once', () => {
    expect(one('supply 100 usdc and 50 dai to aave')).toEqual([
      { action: 'supply', amount: '100', token: 'USDC', venue: 'aave' },
      { action: 'supply', amount: '50', token: 'DAI', venue: 'aave' },
    ]);
  });
  test('advice about where to lend is refused', () => {
    for (const text of ['where should i put my usdc for the best yield', 'is aave a good place to earn interest on 500 usdc', 'which pays more on 100 usdc, aave or compound?'])
      expect(code(text)).toBe('UNSUPPORTED_INTENT');
  });
});

describe('only look', () => {
  test('"show me what happens if", "just check swapping", "without sending", "just looking" are previews', () => {
    for (const text of ['show me what happens if i swap 1 eth for dai', 'just check swapping 1 eth for dai', 'swap 1 eth for dai without sending', 'just looking - swap 1 eth for dai', 'how much would i get for swapping 1 eth to dai', 'what rate would i get for 1 eth to dai'])
      expect(parseWithGrammar(text)).toEqual({ intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }], preview: true });
  });
  test('"check" without a gerund after it is not a preview', () => {
    expect(parseWithGrammar('just check my usdc balance').preview).toBeUndefined();
  });
  test('looking, then acting, is refused', () => {
    expect(code('simulate sending 5 dai to bob, then actually send it')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('verbs read by their object (round 6, part 2)', () => {
  test('taking rewards claims them; taking an approval back revokes it', () => {
    expect(one('grab my rewards')).toEqual([{ action: 'claim' }]);
    expect(one('redeem my lucid rewards')).toEqual([{ action: 'claim', token: 'LUCID' }]);
    expect(one('take away the dai approval from uniswap')).toEqual([{ action: 'revoke', token: 'DAI', to: 'uniswap' }]);
    expect(one('remove the allowance for uniswap on usdc')).toEqual([{ action: 'revoke', token: 'USDC', to: 'uniswap' }]);
    // With an amount, "redeem" and "take" still withdraw.
    expect(one('redeem 30 usdc from aave')).toEqual([{ action: 'withdraw', amount: '30', token: 'USDC', venue: 'aave' }]);
  });
  test('a claim "for" someone is refused, not kept as a note', () => {
    expect(code('redeem my rewards for bob')).toBe('UNPARSEABLE_INTENT');
    expect(code('claim my rewards for bob')).toBe('UNPARSEABLE_INTENT');
  });
  test('ETH out of WETH unwraps; gerunds after a light verb name the action', () => {
    expect(one('withdraw 1 eth from weth')).toEqual([{ action: 'unwrap', amount: '1', token: 'WETH' }]);
    expect(one('perform a wrapping of 1 eth')).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }]);
    expect(one('execute the staking of 2 steth')).toEqual([{ action: 'stake', amount: '2', token: 'stETH' }]);
  });
  test('"some" before the token bought, after an amount sold, is not a vague amount', () => {
    expect(one('swap 1 eth into some dai')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }]);
    expect(code('swap some eth into some dai')).toBe('AMBIGUOUS_INTENT');
    expect(code('ape into some lucid')).toBe('AMBIGUOUS_INTENT');
  });
  test('moving funds into a token converts them; "to get" after a swap names what is bought', () => {
    expect(one('move 50 usdc into dai')).toEqual([{ action: 'swap', amount: '50', token: 'USDC', tokenOut: 'DAI' }]);
    expect(one('sell 1 eth to get dai')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }]);
    expect(one('ape into lucid with 1 eth')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'LUCID' }]);
  });
  test('a step that asked for wherever it earns most does not take a later step\'s venue', () => {
    expect(one('supply 100 usdc where it earns the most and 50 dai to aave')).toEqual([
      { action: 'supply', amount: '100', token: 'USDC' },
      { action: 'supply', amount: '50', token: 'DAI', venue: 'aave' },
    ]);
  });
});

describe('venues said after the step, and price checks (round 6, part 3)', () => {
  const swap = { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' };
  test('"(uniswap)", "@ uniswap", "only on uniswap", ", use uniswap" restrict the step like "on uniswap"', () => {
    for (const text of ['swap 1 eth for dai (uniswap)', 'swap 1 eth for dai @ uniswap', 'swap 1 eth for dai only on uniswap', 'swap 1 eth to dai, use uniswap', 'swap 1 eth for dai and use uniswap for it'])
      expect(one(text)).toEqual([{ ...swap, venue: 'uniswap' }]);
  });
  test('a venue in brackets beside other words is refused, never kept as a note', () => {
    expect(code('swap 1 eth for dai (uniswap, curve)')).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 dai to bob (uniswap)')).toBe('UNPARSEABLE_INTENT');
    expect(code('swap 1 eth for dai @ solana')).toBe('UNKNOWN_CHAIN');
  });
  test('"routed via" names the venue; it is not a report of the past', () => {
    expect(one('Please execute a swap of 1 ETH to DAI, routed via Uniswap V3.')).toEqual([{ ...swap, venue: 'uniswap-v3' }]);
  });
  test('price and rate checks are previews', () => {
    for (const text of ['check the price of 1 eth in dai', 'what is the exchange rate for 1 eth to dai', '1 eth to dai, quote only', 'swap 1 eth for dai - preview only', 'trial run: swap 1 eth for dai', 'estimate how much dai i\'d get for 1 eth'])
      expect(parseWithGrammar(text)).toEqual({ intents: [swap], preview: true });
    expect(code('check the price of some eth in dai')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('venue restrictions that are none, two, or negated', () => {
  const swap = { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' };
  test('"on any dex" and "via the best venue" restrict nothing', () => {
    expect(one('swap 1 eth for dai on any dex')).toEqual([swap]);
    expect(one('swap 1 eth for dai via the best venue')).toEqual([swap]);
  });
  test('two venues, or all but one, are refused', () => {
    expect(code('swap 1 eth for dai on uniswap and balancer')).toBe('AMBIGUOUS_INTENT');
    expect(code('swap 1 eth for dai except on uniswap')).toBe('UNSUPPORTED_INTENT');
  });
});
