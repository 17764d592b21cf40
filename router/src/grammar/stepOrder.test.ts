import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const swap = (amount: string, token: string, tokenOut: string, extra: object = {}) => ({ action: 'swap', amount, token, tokenOut, ...extra });
const transfer = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });

describe('step separators', () => {
  test('"followed by", "once done" and an arrow before a verb order steps like "then"', () => {
    const cases: [string, object[]][] = [
      ['swap 1 eth for usdc followed by sending 20 usdc to bob', [swap('1', 'ETH', 'USDC'), transfer('20', 'USDC', 'bob')]],
      ['Kindly approve 100 USDC for uniswap, followed by a swap of 100 USDC for DAI.', [{ action: 'approve', amount: '100', token: 'USDC', to: 'uniswap' }, swap('100', 'USDC', 'DAI')]],
      ['swap 3 dai for usdc, once done send 3 usdc to carol', [swap('3', 'DAI', 'USDC'), transfer('3', 'USDC', 'carol')]],
      ['ok so swap 1 eth to dai and once thats done send 10 dai to carol', [swap('1', 'ETH', 'DAI'), transfer('10', 'DAI', 'carol')]],
      ['wrap 1 eth -> swap 1 weth for usdc -> send 100 usdc to bob', [{ action: 'wrap', amount: '1', token: 'ETH' }, swap('1', 'WETH', 'USDC'), transfer('100', 'USDC', 'bob')]],
    ];
    for (const [text, intents] of cases) expect(parseWithGrammar(text).intents, text).toEqual(intents);
  });

  test('"then immediately", "right away" and inline "1. … 2. …" join steps too', () => {
    expect(parseWithGrammar('swap 1 eth for usdc then immediately send it to bob').intents).toEqual([swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'bob')]);
    expect(parseWithGrammar('swap 1 eth for usdc, then right away send it to bob').intents).toEqual([swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'bob')]);
    expect(parseWithGrammar('1. swap 1 ETH for USDC 2. send it to alice.eth').intents).toEqual([swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'alice.eth')]);
    expect(refused('swap 1 eth for dai and immediately after the market opens send it to bob').code).toBe('UNSUPPORTED_INTENT');
  });

  test('a reference after an arrow or "once done" is the step before', () => {
    expect(parseWithGrammar('swap 1 eth usdc -> send it to bob').intents).toEqual([swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'bob')]);
    expect(parseWithGrammar('swap 1 eth for dai, once that is done send it to bob').intents).toEqual([swap('1', 'ETH', 'DAI'), transfer('previous', 'DAI', 'bob')]);
  });

  test('"once" before anything but the step being done is still a time clause, refused', () => {
    expect(refused('swap 1 eth for dai once the price drops').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('swap 1 eth for dai, once gas is low send 5 dai to bob').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('swap 1 eth for dai and tomorrow send 5 dai to bob').code).toBe('UNSUPPORTED_INTENT');
    // "once done" with no step after it waits for something: a time clause, refused as one (not left to the LLM).
    expect(refused('send 5 dai to bob once done').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('swap 1 eth for dai once done with it').code).toBe('UNSUPPORTED_INTENT');
    // An arrow still names what a swap buys or whom a payment goes to.
    expect(parseWithGrammar('swap 1 eth -> usdc').intents).toEqual([swap('1', 'ETH', 'USDC')]);
    expect(parseWithGrammar('0.1 eth -> bob.eth').intents).toEqual([transfer('0.1', 'ETH', 'bob.eth')]);
  });
});

describe('references', () => {
  test('"use it to buy DAI" after a step spends its output (it threw a TypeError, a stack trace, before)', () => {
    expect(parseWithGrammar('swap 1 eth for usdc, then use it to buy dai').intents).toEqual([swap('1', 'ETH', 'USDC'), swap('previous', 'USDC', 'DAI')]);
    expect(refused('use it to buy dai').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for usdc then use it to get usdc').code).toBe('UNPARSEABLE_INTENT');
  });

  test('"proceeds" / "output" without "the", and "the resulting tokens", are the output of the step before', () => {
    expect(parseWithGrammar('sell 1 eth for usdc, send proceeds to bob').intents).toEqual([swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'bob')]);
    expect(parseWithGrammar('swap 1 eth for usdc then transfer the resulting tokens to bob').intents).toEqual([swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'bob')]);
    expect(refused('send proceeds to bob').code).toBe('UNPARSEABLE_INTENT');
  });
});

describe('venues and slippage', () => {
  test('"uni", "univ2" after a venue preposition are Uniswap; UNI as a token stays a token', () => {
    expect(parseWithGrammar('swap 1 eth for dai on uni').intents).toEqual([swap('1', 'ETH', 'DAI', { venue: 'uniswap' })]);
    expect(parseWithGrammar('swap 1 eth usdc on univ2').intents).toEqual([swap('1', 'ETH', 'USDC', { venue: 'uniswap-v2' })]);
    expect(parseWithGrammar('swap 1 eth for uni').intents).toEqual([swap('1', 'ETH', 'UNI')]);
    expect(parseWithGrammar('send 5 uni to bob').intents).toEqual([transfer('5', 'UNI', 'bob')]);
  });

  test('an aside that chooses a venue ("— use uniswap v2") is refused, never kept as a note; a purpose naming one stays a note', () => {
    expect(refused('swap 1 eth for usdc — use uniswap v2').code).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('wrap 2 eth so I can use it on uniswap').notes).toEqual(['so I can use it on uniswap']);
    expect(parseWithGrammar("Deposit 100 USDC into Aave's lending pool").intents).toEqual([{ action: 'supply', amount: '100', token: 'USDC', venue: 'aave' }]);
  });

  test('basis points alone, "price impact" and a bound before the rate say a slippage', () => {
    const cases: [string, number][] = [
      ['swap 1 eth for usdc with 50 bps', 50],
      ['swap 1 eth for dai 100bps', 100],
      ['swap 1 eth for dai with at most 2% price impact', 200],
      ['swap 1 eth for dai at most 2% price impact', 200],
      ['swap 1 eth for dai, max price impact 1%', 100],
    ];
    for (const [text, bps] of cases) expect(parseWithGrammar(text).intents, text).toEqual([swap('1', 'ETH', text.includes('usdc') ? 'USDC' : 'DAI', { slippageBps: bps })]);
  });

  test('slippage "set at", "use 1% slippage", "slippage protection of"; chains "arb", "L1", "base mainnet", "anvil node"', () => {
    expect(parseWithGrammar('swap 1 eth for usdc with slippage set at 0.5%').intents).toEqual([swap('1', 'ETH', 'USDC', { slippageBps: 50 })]);
    expect(parseWithGrammar('swap 1 eth for usdc, use 1% slippage').intents).toEqual([swap('1', 'ETH', 'USDC', { slippageBps: 100 })]);
    expect(parseWithGrammar('swap 1 eth for usdc with slippage protection of 1%').intents).toEqual([swap('1', 'ETH', 'USDC', { slippageBps: 100 })]);
    const chains: [string, string][] = [['arb', 'arbitrum'], ['L1', 'mainnet'], ['base mainnet', 'base'], ['my anvil node', 'anvil']];
    for (const [said, chain] of chains) expect(parseWithGrammar(`send 5 usdc to bob on ${said}`).intents).toEqual([{ ...transfer('5', 'USDC', 'bob'), chain }]);
    // ARB the token stays a token; chains Lucid has no list for stay refused by name.
    expect(parseWithGrammar('swap 1 eth for arb').intents).toEqual([swap('1', 'ETH', 'ARB')]);
    expect(refused('send 5 usdc to bob on op').code).toBe('UNKNOWN_CHAIN');
    expect(refused('send 5 usdc to bob on hardhat').code).toBe('UNKNOWN_CHAIN');
  });

  test('a bound on an amount, a bare percentage or basis points on a transfer stay refused', () => {
    expect(refused('swap at most 2 eth for dai').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for dai at most 2').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for dai with 1%').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('send 5 dai to bob with 50 bps').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('swap 1 eth for usdc with slippage 150%').code).toBe('UNSUPPORTED_INTENT');
  });
});

describe('only look', () => {
  test('"check if I can …" is the question "can I …", answered as a preview', () => {
    expect(parseWithGrammar('check if i can send 50 usdc to bob')).toEqual({ intents: [transfer('50', 'USDC', 'bob')], preview: true });
    expect(parseWithGrammar('check whether we can stake 1 eth')).toEqual({ intents: [{ action: 'stake', amount: '1', token: 'ETH' }], preview: true });
    expect(refused('check if i can send 5 dai to bob tomorrow').code).toBe('UNSUPPORTED_INTENT');
  });

  test('"don\'t execute yet", "dont actually send" and "get a quote to …" only look', () => {
    for (const text of [
      "swap 1 eth for usdc but don't execute yet",
      'hey just simulate sending 20 usdc to bob, dont actually send',
      'Get a quote to swap 1 ETH for USDC',
      'i want see quote for 2 eth in dai',
    ])
      expect(parseWithGrammar(text).preview, text).toBe(true);
  });

  test('the cost or price impact of a step is a look at it', () => {
    expect(parseWithGrammar('how much gas to send 5 dai to bob')).toEqual({ intents: [transfer('5', 'DAI', 'bob')], preview: true });
    expect(parseWithGrammar('how much will it cost to swap 1 eth for usdc')).toEqual({ intents: [swap('1', 'ETH', 'USDC')], preview: true });
    expect(parseWithGrammar("what's the price impact of swapping 100 eth for usdc")).toEqual({ intents: [swap('100', 'ETH', 'USDC')], preview: true });
    expect(refused('how much gas to send some dai to bob').code).toBe('AMBIGUOUS_INTENT');
  });

  test('a look with no step of its own followed by "then <command>" asks to act after looking: refused', () => {
    expect(refused('dry run then send 5 usdc to bob').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('simulate, then send 5 dai to bob').code).toBe('UNSUPPORTED_INTENT');
    // A look said as a label over the steps looks at every one of them.
    expect(parseWithGrammar('dry run: swap 1 eth for dai then send it to bob')).toEqual({
      intents: [swap('1', 'ETH', 'DAI'), transfer('previous', 'DAI', 'bob')],
      preview: true,
    });
  });
});
