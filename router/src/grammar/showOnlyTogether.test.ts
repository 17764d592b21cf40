import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const swap = (amount: string, token: string, tokenOut: string) => ({ action: 'swap', amount, token, tokenOut });
const transfer = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });

/** The words parse to `intents` and are only looked at (shown, never signed). */
function looks(text: string, intents: object[]): void {
  const parsed = parseWithGrammar(text);
  expect(parsed.intents, text).toEqual(intents);
  expect(parsed.preview, text).toBe(true);
}

describe('only look', () => {
  test('a price asked with a noun ("the USDC value of", "px", "price of") is a quote', () => {
    looks('whats the dai value of 2 weth', [swap('2', 'WETH', 'DAI')]);
    looks("what's the usdc price of 3 eth?", [swap('3', 'ETH', 'USDC')]);
    looks('px 2 weth in dai?', [swap('2', 'WETH', 'DAI')]);
    looks('price of 0.5 eth in usdc', [swap('0.5', 'ETH', 'USDC')]);
    // The noun with no amount asks about nothing to show.
    expect(refused('value of my eth').code).toBe('UNPARSEABLE_INTENT');
  });

  test('"wats" is a slip of "what\'s", never of "wants"', () => {
    looks('wats 3 weth worth in dai', [swap('3', 'WETH', 'DAI')]);
  });

  test('what a look asks about its step, said after it ("gives", "looks like", "first"), belongs to the look', () => {
    looks('show me what selling 2 weth for dai gives', [swap('2', 'WETH', 'DAI')]);
    looks('show me what swapping 1 eth for dai would get me', [swap('1', 'ETH', 'DAI')]);
    looks('show me the numbers for sending 5 dai to bob first', [transfer('5', 'DAI', 'bob')]);
    looks('show me what a 3 dai to usdc trade looks like', [swap('3', 'DAI', 'USDC')]);
    // With a command beside it, "first" still means look first, then act.
    expect(refused('preview first, then swap 1 eth for dai').code).toBe('UNSUPPORTED_INTENT');
    // Outside a look the words stay unread.
    expect(refused('swap 1 eth for dai first').code).toBe('UNPARSEABLE_INTENT');
  });

  test('a filler "like" before a quote question is no vague amount; "like 5" still is', () => {
    looks('so like how much dai would i get for 2 eth', [swap('2', 'ETH', 'DAI')]);
    expect(refused('send like 5 dai to bob').code).toBe('AMBIGUOUS_INTENT');
  });

  test('"how many X I take for Y" is what I get; "how much X does it take" stays a cost', () => {
    looks('tell me how many usdc i take for 2 eth', [swap('2', 'ETH', 'USDC')]);
    looks('how much eth does it take to buy 500 dai', [{ action: 'swap', amountOut: '500', token: 'ETH', tokenOut: 'DAI' }]);
  });

  test('non-native leads of a look ("i want know the price", "is possible see the rate") and the cost of a step', () => {
    looks('i want know the rate for 3 dai to usdc, not make the swap', [swap('3', 'DAI', 'USDC')]);
    looks('is possible see the price of 2 eth in dai?', [swap('2', 'ETH', 'DAI')]);
    looks('how much gas will it cost to swap 1 eth for dai', [swap('1', 'ETH', 'DAI')]);
    looks('run a dry-run (no signing) of wrapping 1 eth', [{ action: 'wrap', amount: '1', token: 'ETH' }]);
  });

  test('a quote that ends with its own case ("… worth in USDC if I sell") is no condition', () => {
    looks("what's 2 eth worth in dai if i sell", [swap('2', 'ETH', 'DAI')]);
    expect(refused('swap 2 eth for dai if i sell').code).toBe('UNSUPPORTED_INTENT');
  });
});

describe('refusals', () => {
  test('someone else may, should or means to act: not a request', () => {
    for (const text of ['carol could send 5 dai to bob', 'dave should stake 2 eth', 'My landlord plans to transfer 50 USDC to bob.eth.']) expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    // The one paid as the subject, and "you should …", stay requests.
    expect(parseWithGrammar('bob should receive 5 dai').intents).toEqual([transfer('5', 'DAI', 'bob')]);
    expect(parseWithGrammar('you should send 5 dai to bob').intents).toEqual([transfer('5', 'DAI', 'bob')]);
  });

  test('"anyone but bob" names the one not to pay; "without fail" only insists', () => {
    expect(refused('pay 5 dai to everyone except bob').code).toBe('UNSUPPORTED_INTENT');
    expect(parseWithGrammar('pay 3 usdc to alice without fail').intents).toEqual([transfer('3', 'USDC', 'alice')]);
  });

  test('"5+" and "up to 5" are no amount to send; an approval or slippage may say "up to"', () => {
    expect(refused('swap 3+ eth for dai').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send up to 7 usdc to carol').code).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('send 5 dai to bob + 3 dai to alice').intents).toHaveLength(2);
    expect(parseWithGrammar('let uniswap use up to 8 weth').intents).toEqual([{ action: 'approve', amount: '8', token: 'WETH', to: 'uniswap' }]);
    expect(parseWithGrammar('swap 30 usdc to dai allowing up to 1% slippage').intents).toEqual([{ ...swap('30', 'USDC', 'DAI'), slippageBps: 100 }]);
  });

  test('choosing the best token to buy is advice', () => {
    expect(refused('tell me the best coin to buy with my dai').code).toBe('UNSUPPORTED_INTENT');
  });

  test('chains: two for one step are ambiguous; one outside Lucid\'s world named first or "over on" it is refused by name', () => {
    expect(refused('swap 1 eth for dai on base or arbitrum').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('on avalanche swap 1 eth for dai').code).toBe('UNKNOWN_CHAIN');
    expect(refused('send 5 dai to bob over on op mainnet').code).toBe('UNKNOWN_CHAIN');
    expect(parseWithGrammar('swap 1 eth for dai on base').intents).toEqual([{ ...swap('1', 'ETH', 'DAI'), chain: 'base' }]);
  });
});

describe('plain requests in another order', () => {
  test('liquidity given to a lending venue is a supply; to a swap venue or nowhere it stays refused', () => {
    expect(parseWithGrammar('provide 50 usdc as liquidity to aave').intents).toEqual([{ action: 'supply', amount: '50', token: 'USDC', venue: 'aave' }]);
    expect(refused('provide 50 usdc as liquidity to uniswap').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('provide 50 usdc as liquidity').code).toBe('UNSUPPORTED_INTENT');
  });

  test('"max" before the verb is the amount; "NAME\'s way" is the one paid', () => {
    expect(parseWithGrammar('max swap my usdc for dai').intents).toEqual([swap('all', 'USDC', 'DAI')]);
    expect(parseWithGrammar("send 4 dai my buddy carol's way").intents).toEqual([transfer('4', 'DAI', 'carol')]);
    expect(parseWithGrammar("pay 2 usdc alice's way please").intents).toEqual([transfer('2', 'USDC', 'alice')]);
    // An approval given is granted, with or without a limit; giving tokens stays a transfer.
    expect(parseWithGrammar('give unlimited approval of dai to uniswap').intents).toEqual([{ action: 'approve', token: 'DAI', to: 'uniswap', unlimited: true }]);
    expect(parseWithGrammar('give approval of 20 usdc to the v2-fork').intents).toEqual([{ action: 'approve', amount: '20', token: 'USDC', to: 'v2-fork' }]);
    expect(parseWithGrammar('give bob 5 dai').intents).toEqual([transfer('5', 'DAI', 'bob')]);
    // The place said inside "everything I have …" goes with the step.
    expect(parseWithGrammar('withdraw all i have on aave in dai').intents).toEqual([{ action: 'withdraw', amount: 'all', token: 'DAI', venue: 'aave' }]);
    expect(refused('withdraw everything i have on aave').code).toBe('UNPARSEABLE_INTENT');
    // Two amounts ("max" and 5) stay unread.
    expect(refused('max send 5 dai to bob').code).toBe('UNPARSEABLE_INTENT');
  });
});
