import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const one = (text: string) => parseWithGrammar(text).intents;

describe('giving verbs', () => {
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

describe('allowances said as nouns', () => {
  test('an approval or an allowance given is an approval', () => {
    expect(one('give approval to bob.eth for 50 dai')).toEqual([{ action: 'approve', amount: '50', token: 'DAI', to: 'bob.eth' }]);
    expect(one('give uniswap an allowance of 100 usdc')).toEqual([{ action: 'approve', amount: '100', token: 'USDC', to: 'uniswap' }]);
    expect(code('give approval to bob.eth')).toBe('UNPARSEABLE_INTENT');
  });
  test('setting an allowance to zero revokes it; to an amount approves it', () => {
    const revoke = (token: string) => [{ action: 'revoke', token, to: 'uniswap' }];
    expect(one('set my dai allowance for uniswap to zero')).toEqual(revoke('DAI'));
    expect(one("reset uniswap's usdc allowance to 0")).toEqual(revoke('USDC'));
    expect(one("set uniswap's dai allowance to 50")).toEqual([{ action: 'approve', amount: '50', token: 'DAI', to: 'uniswap' }]);
    expect(code('set my dai allowance for uniswap to zero if eth drops')).toBe('UNSUPPORTED_INTENT');
  });
  test('the allowance a spender "has" on a token is revoked from that spender', () => {
    expect(one('remove the allowance uniswap has on my usdc')).toEqual([{ action: 'revoke', token: 'USDC', to: 'uniswap' }]);
    expect(code('remove the allowance uniswap has')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('tokens and venues said another way', () => {
  test('"native ETH" is ETH', () => {
    expect(one('convert 2 weth to native eth')).toEqual([{ action: 'unwrap', amount: '2', token: 'WETH' }]);
    expect(one('swap 10 dai for native eth')).toEqual([{ action: 'swap', amount: '10', token: 'DAI', tokenOut: 'ETH' }]);
  });
  test('investing in a venue deposits there; investing with no venue named is not guessed', () => {
    expect(one('invest 100 usdc in aave')).toEqual([{ action: 'supply', amount: '100', token: 'USDC', venue: 'aave' }]);
    expect(one('invest 2 eth into the capital pool')).toEqual([{ action: 'stake', amount: '2', token: 'ETH', venue: 'capital-pool' }]);
    expect(code('invest 100 usdc')).toBe('UNPARSEABLE_INTENT');
    expect(code('invest 1 eth in lucid')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('withdrawals', () => {
  test('an Aave receipt redeemed for the token it stands for is a withdrawal from Aave; for another token it is not guessed', () => {
    expect(one('redeem 50 aUSDC for usdc')).toEqual([{ action: 'withdraw', amount: '50', token: 'USDC', venue: 'aave' }]);
    expect(code('redeem 50 aUSDC for dai')).toBe('UNPARSEABLE_INTENT');
    expect(code('redeem 50 usdc for usdc')).toBe('UNPARSEABLE_INTENT');
  });
  test('"withdraw" as a noun after a light verb ("do withdraw of …") withdraws; the verb before "from" stays a verb', () => {
    const out = [{ action: 'withdraw', amount: '30', token: 'DAI', venue: 'aave' }];
    expect(one('please do withdraw of 30 dai from aave')).toEqual(out);
    expect(one('withdraw from aave 30 dai')).toEqual(out);
  });
});

describe('swaps said in another order', () => {
  test('the amount, then its token after "from"', () => {
    expect(one('swap 0.5 from eth to usdc')).toEqual([{ action: 'swap', amount: '0.5', token: 'ETH', tokenOut: 'USDC' }]);
    expect(code('swap 0.5 from bob to usdc')).toBe('UNPARSEABLE_INTENT');
  });
  test('the token bought first, then what pays for it after "using" or "with"', () => {
    expect(one('swap for dai using 1 eth')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }]);
    expect(one('swap for dai with 1 eth on uniswap')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI', venue: 'uniswap' }]);
    expect(code('swap for dai using 1 dai')).toBe('UNPARSEABLE_INTENT');
    expect(code('swap for dai using some eth')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('the arrow emoji', () => {
  test('"➡️" is an arrow, as "->" is; other pictographs stay tone', () => {
    expect(one('swap 1 eth ➡️ usdc 🚀')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }]);
    expect(one('0.1 eth ➡️ bob.eth')).toEqual([{ action: 'transfer', amount: '0.1', token: 'ETH', to: 'bob.eth' }]);
    expect(code('send 1 eth to bob ➡️')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('claims', () => {
  test('"the rewards I have earned" is the claim; a past time in it is still refused', () => {
    for (const text of ['Please claim the rewards I have earned.', "claim the rewards I've earned", 'claim the rewards that i have accrued'])
      expect(one(text)).toEqual([{ action: 'claim' }]);
    expect(code('claim the rewards I have earned yesterday')).toBe('UNSUPPORTED_INTENT');
  });
});
