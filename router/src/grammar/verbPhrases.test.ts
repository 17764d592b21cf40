import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const one = (text: string) => parseWithGrammar(text).intents;

describe('stopping what was lent or staked takes it out', () => {
  test('"stop lending/supplying" with an object withdraws it, from the place named', () => {
    expect(one('stop lending my 50 usdc on aave')).toEqual([{ action: 'withdraw', amount: '50', token: 'USDC', venue: 'aave' }]);
    expect(one('stop lending my dai')).toEqual([{ action: 'withdraw', amount: 'all', token: 'DAI' }]);
    expect(one('stop supplying usdc to aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    expect(one('stop staking my 4 steth')).toEqual([{ action: 'unstake', amount: '4', token: 'stETH' }]);
  });
  test('"stop" without an object, or before a verb with no inverse, is still refused', () => {
    for (const text of ['stop lending', 'stop staking', 'stop sending dai to bob', "don't stop lending my dai", 'stop lending my dai if rates drop'])
      expect(code(text)).toBe('UNSUPPORTED_INTENT');
  });
});

describe('what earns is supplied', () => {
  test('"make/let/have my N TOKEN earn yield" supplies it, keeping a venue named after', () => {
    expect(one('make my 300 usdc earn interest')).toEqual([{ action: 'supply', amount: '300', token: 'USDC' }]);
    expect(one('let my 80 dai earn some yield on aave')).toEqual([{ action: 'supply', amount: '80', token: 'DAI', venue: 'aave' }]);
    expect(one('make my DAI earn interest')).toEqual([{ action: 'supply', amount: 'all', token: 'DAI' }]);
    expect(one('have my 200 usdc earn yield')).toEqual([{ action: 'supply', amount: '200', token: 'USDC' }]);
    expect(one('put my idle dai to work')).toEqual([{ action: 'supply', amount: 'all', token: 'DAI' }]);
  });
  test('someone else\'s funds, another recipient or a vague amount are not supplied', () => {
    expect(code("let bob's 80 dai earn interest")).not.toBe(undefined);
    expect(code('make my dai earn interest for bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('make my money earn interest')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('taking funds out of a lending venue', () => {
  test('the venue said before the token ("my aave usdc") is where the funds come from', () => {
    expect(one('cash out my aave usdc')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    expect(one('@lucid cash out my aave usdc pls')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    expect(one('exit my aave usdc position')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    // Without a token it stays unsaid which funds.
    expect(code('cash out my aave position')).toBe('AMBIGUOUS_INTENT');
  });
  test('wanting it back, moving it out, taking it back and putting it in', () => {
    expect(one('i want my usdc back from aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    expect(one('move my 60 usdc out of aave')).toEqual([{ action: 'withdraw', amount: '60', token: 'USDC', venue: 'aave' }]);
    expect(one('take back my 100 usdc from aave')).toEqual([{ action: 'withdraw', amount: '100', token: 'USDC', venue: 'aave' }]);
    expect(one('put in 60 dai on aave')).toEqual([{ action: 'supply', amount: '60', token: 'DAI', venue: 'aave' }]);
    expect(one('unlock my 2 steth from the capital pool')).toEqual([{ action: 'unstake', amount: '2', token: 'stETH', venue: 'capital-pool' }]);
  });
  test('placing verbs go by their venue', () => {
    expect(one('stash 100 dai in aave')).toEqual([{ action: 'supply', amount: '100', token: 'DAI', venue: 'aave' }]);
    expect(one('allocate 500 usdc to aave')).toEqual([{ action: 'supply', amount: '500', token: 'USDC', venue: 'aave' }]);
    expect(one('commit 2 steth to the capital pool')).toEqual([{ action: 'stake', amount: '2', token: 'stETH', venue: 'capital-pool' }]);
  });
});

describe('paying a person back, and an airdrop to someone', () => {
  test('repaying a person pays them', () => {
    expect(one('repay bob 10 dai')).toEqual([{ action: 'transfer', amount: '10', token: 'DAI', to: 'bob' }]);
    expect(one('repay 15 usdc to carol.eth')).toEqual([{ action: 'transfer', amount: '15', token: 'USDC', to: 'carol.eth' }]);
  });
  test('repaying a venue, a loan or nobody named is a debt, outside what Lucid does', () => {
    for (const text of ['repay 10 dai to aave', 'repay my aave loan', 'repay 20 usdc', 'repay bob 10 dai for my loan'])
      expect(code(text)).toBe('UNSUPPORTED_INTENT');
    expect(code('repay bob some dai')).toBe('AMBIGUOUS_INTENT');
    expect(code("don't repay bob 10 dai")).toBe('UNSUPPORTED_INTENT');
  });
  test('an airdrop of an amount to someone named is a transfer; to a crowd it stays refused', () => {
    expect(one('airdrop 1 dai to bob.eth')).toEqual([{ action: 'transfer', amount: '1', token: 'DAI', to: 'bob.eth' }]);
    expect(one('airdrop 2 usdc each to alice.eth and bob.eth')).toHaveLength(2);
    for (const text of ['airdrop 100 lucid to my friends', 'claim my airdrop', 'airdrop some lucid to carol'])
      expect(['UNSUPPORTED_INTENT', 'AMBIGUOUS_INTENT']).toContain(code(text));
    expect(code('airdrop 5 dai to alice and bob')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('verbs as participles and phrases', () => {
  test('a wish for an amount with the action as a participle', () => {
    expect(one('i need 1 eth wrapped')).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }]);
    expect(one('i need 0.5 weth unwrapped')).toEqual([{ action: 'unwrap', amount: '0.5', token: 'WETH' }]);
    expect(one('get 2 weth turned back into eth')).toEqual([{ action: 'unwrap', amount: '2', token: 'WETH' }]);
    // A participle told of, not wished for, is still a report.
    expect(code('I wrapped 2 eth yesterday')).toBe('UNSUPPORTED_INTENT');
    expect(code('bob needs 1 eth wrapped')).not.toBe(undefined);
  });
  test('making an amount into a token turns it', () => {
    expect(one('make 0.5 eth into weth')).toEqual([{ action: 'wrap', amount: '0.5', token: 'ETH' }]);
  });
  test('light verbs: "put through", "remit", an adjective before the action noun', () => {
    expect(one('put through a payment of 15 DAI to alice.eth')).toEqual([{ action: 'transfer', amount: '15', token: 'DAI', to: 'alice.eth' }]);
    expect(one('remit payment of 50 usdc to alice.eth')).toEqual([{ action: 'transfer', amount: '50', token: 'USDC', to: 'alice.eth' }]);
    expect(one("I'd like to make a small deposit of 25 USDC on Aave")).toEqual([{ action: 'supply', amount: '25', token: 'USDC', venue: 'aave' }]);
    expect(code('make a payment of some usdc to carol.eth')).toBe('AMBIGUOUS_INTENT');
  });
  test('approvals taken away or given as a noun phrase', () => {
    expect(one('withdraw the usdc approval for uniswap')).toEqual([{ action: 'revoke', token: 'USDC', to: 'uniswap' }]);
    expect(one("zero out uniswap's dai allowance")).toEqual([{ action: 'revoke', token: 'DAI', to: 'uniswap' }]);
    expect(one('grant uniswap a 100 usdc allowance')).toEqual([{ action: 'approve', amount: '100', token: 'USDC', to: 'uniswap' }]);
    const router = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D';
    expect(one(`give ${router} allowance for 200 usdc`)).toEqual([{ action: 'approve', amount: '200', token: 'USDC', to: router }]);
    // Round 6 keeps "kill" unknown.
    expect(code('kill the usdc approval for uniswap')).toBe('UNPARSEABLE_INTENT');
  });
  test('a payment card is outside the devnet, never a contact named "card"', () => {
    expect(code('top up my card with 50 usdc')).toBe('UNSUPPORTED_INTENT');
    expect(code('send 5 usdc to my card')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('lending and wrapping said in other orders', () => {
  test('the token before its amount after a lending, staking or wrapping verb', () => {
    expect(one('lend usdc 100')).toEqual([{ action: 'supply', amount: '100', token: 'USDC' }]);
    expect(one('deposit usdc 100 to aave')).toEqual([{ action: 'supply', amount: '100', token: 'USDC', venue: 'aave' }]);
    expect(one('wrap eth 0.5')).toEqual([{ action: 'wrap', amount: '0.5', token: 'ETH' }]);
    expect(one('stake steth 5')).toEqual([{ action: 'stake', amount: '5', token: 'stETH' }]);
  });
  test('"to my wallet" after funds taken out of a venue is where they go anyway; another address is not dropped', () => {
    expect(one('Withdraw 100 USDC from Aave to my wallet')).toEqual([{ action: 'withdraw', amount: '100', token: 'USDC', venue: 'aave' }]);
    expect(one('unstake 2 steth from the capital pool back to my wallet')).toEqual([{ action: 'unstake', amount: '2', token: 'stETH', venue: 'capital-pool' }]);
    expect(code('withdraw 100 usdc from aave to my wallet 0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe('UNPARSEABLE_INTENT');
  });
  test('"the aave lending pool" is aave', () => {
    expect(one('deposit 300 usdc in the aave lending pool')).toEqual([{ action: 'supply', amount: '300', token: 'USDC', venue: 'aave' }]);
  });
});

describe('more paying words', () => {
  test('"credit", "award", "top-up" as one word pay; "market sell" swaps', () => {
    expect(one('credit bob with 5 dai')).toEqual([{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }]);
    expect(one('award bob.eth 5 lucid')).toEqual([{ action: 'transfer', amount: '5', token: 'LUCID', to: 'bob.eth' }]);
    expect(one('top-up bob.eth with 10 usdc')).toEqual([{ action: 'transfer', amount: '10', token: 'USDC', to: 'bob.eth' }]);
    expect(one('market sell 10 lucid for usdc')).toEqual([{ action: 'swap', amount: '10', token: 'LUCID', tokenOut: 'USDC' }]);
    expect(code('credit my card with 5 usdc')).toBe('UNSUPPORTED_INTENT');
    expect(code('award bob some lucid')).toBe('AMBIGUOUS_INTENT');
  });
});
