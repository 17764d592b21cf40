import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const swap = (amount: string, token: string, tokenOut: string, extra: object = {}) => ({ action: 'swap', amount, token, tokenOut, ...extra });
const transfer = (amount: string, token: string, to: string, extra: object = {}) => ({ action: 'transfer', amount, token, to, ...extra });
const intents = (text: string) => parseWithGrammar(text).intents;

describe('references to the step before, said as an amount, as tokens or after the noun', () => {
  test('"that amount", "the whole amount", "those tokens", "the USDC received" are the output of the step before', () => {
    const cases: [string, object[]][] = [
      ['sell 3 dai for usdc and send that amount to carol.eth', [swap('3', 'DAI', 'USDC'), transfer('previous', 'USDC', 'carol.eth')]],
      ['swap 2 weth for dai, then forward the entire amount to bob', [swap('2', 'WETH', 'DAI'), transfer('previous', 'DAI', 'bob')]],
      ['swap 1 eth for usdc and pay those coins to alice.eth', [swap('1', 'ETH', 'USDC'), transfer('previous', 'USDC', 'alice.eth')]],
      ['unwrap 2 weth, then send the ETH received to bob', [{ action: 'unwrap', amount: '2', token: 'WETH' }, transfer('previous', 'ETH', 'bob')]],
      ['swap 1 eth for dai and send the amount obtained to carol', [swap('1', 'ETH', 'DAI'), transfer('previous', 'DAI', 'carol')]],
      ['swap 1 eth for dai and send the received amount to carol', [swap('1', 'ETH', 'DAI'), transfer('previous', 'DAI', 'carol')]],
    ];
    for (const [text, expected] of cases) expect(intents(text), text).toEqual(expected);
  });

  test('"the amount of 5 USDC" is still an amount, not a reference', () => {
    expect(intents('send the amount of 5 usdc to bob')).toEqual([transfer('5', 'USDC', 'bob')]);
  });

  test('with no step before, or a step that produces nothing, the reference is refused as ambiguous', () => {
    expect(refused('send that amount to bob').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send the whole amount to bob').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 5 dai to alice then send that amount to bob').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for dai and 1 eth for usdc, then send those tokens to bob').code).toBe('AMBIGUOUS_INTENT');
  });

  test('a past participle after a name of someone else is still a report, refused', () => {
    expect(refused('send the dai bob received to carol').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('the bot swapped 1 eth for dai').code).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a step with no object after a step that produced something', () => {
  test('takes the output of the step before, like "it"', () => {
    expect(intents('buy steth with 2 eth and then stake')).toEqual([swap('2', 'ETH', 'stETH'), { action: 'stake', amount: 'previous', token: 'stETH' }]);
    expect(intents('wrap 1 eth, then send to carol.eth')).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }, transfer('previous', 'WETH', 'carol.eth')]);
    expect(intents('sell 1 eth for usdc and deposit into aave')).toEqual([swap('1', 'ETH', 'USDC'), { action: 'supply', amount: 'previous', token: 'USDC', venue: 'aave' }]);
  });

  test('with nothing before it, or several candidates, it is refused, never guessed', () => {
    expect(refused('stake').code).not.toBe(undefined);
    expect(() => parseWithGrammar('send to bob')).toThrow();
    expect(refused('deposit into aave').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('wrap 1 eth and swap 5 dai for usdc, then send to bob').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 5 dai to alice and then send to bob').code).not.toBe(undefined);
  });
});

describe('slippage said in more ways', () => {
  test('bounds before the rate, a lead joined by "and", a number word, a cap after the noun', () => {
    const cases: [string, number][] = [
      ['swap 1 eth for dai with less than 2% slippage', 200],
      ['swap 1 eth for dai below 0.5% slippage', 50],
      ['swap 1 eth for dai, within 30 bps slippage', 30],
      ['swap 1 eth for dai and accept 1% slippage', 100],
      ['swap 1 eth for dai with two percent slippage', 200],
      ['swap 1 eth for dai with a slippage ceiling of 0.3%', 30],
      ['swap 1 eth for dai, slippage threshold 1%', 100],
      ['swap 1 eth for dai with no more than 0.5% slippage', 50],
    ];
    for (const [text, bps] of cases) expect(intents(text), text).toEqual([swap('1', 'ETH', 'DAI', { slippageBps: bps })]);
  });

  test('"set slippage to …" before the request sets it; "with 5% slippage," before it stays unread', () => {
    expect(intents('set slippage to 0.5% then swap 2 dai for usdc')).toEqual([swap('2', 'DAI', 'USDC', { slippageBps: 50 })]);
    expect(refused('with 5% slippage, swap 1 eth for dai').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('set slippage to 1% and send 5 dai to bob').code).toBe('UNPARSEABLE_INTENT');
  });

  test('the user\'s consent said around the bound: "i can live with 1% slippage", "1% slippage is fine"', () => {
    expect(intents('swap 1 eth for dai, i can live with 1% slippage')).toEqual([swap('1', 'ETH', 'DAI', { slippageBps: 100 })]);
    expect(intents("swap 1 eth for dai, i'm fine with 0.5% slippage")).toEqual([swap('1', 'ETH', 'DAI', { slippageBps: 50 })]);
    expect(intents('swap 1 eth for dai on base, 1% slippage is fine')).toEqual([swap('1', 'ETH', 'DAI', { slippageBps: 100, chain: 'base' })]);
    expect(intents('swap 1 eth for dai, slippage of 2% is ok')).toEqual([swap('1', 'ETH', 'DAI', { slippageBps: 200 })]);
    // Consent to a slippage on a step that has none is still refused, and "is fine" alone says nothing.
    expect(refused('send 5 dai to bob, i can live with 1% slippage').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('swap 1 eth for dai, i can live with some slippage').code).toMatch(/_INTENT$/);
  });

  test('vague, doubled or impossible slippage stays refused', () => {
    expect(refused('swap 1 eth for usdc with 1% or 2% slippage').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for usdc with no more than some slippage').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 1 eth for usdc under 300% slippage').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('send no more than 5 dai to bob').code).toBe('AMBIGUOUS_INTENT');
  });
});

describe('chains and venues said in more ways', () => {
  test('"layer 1", "layer one", "my local anvil", and a slipped chain name', () => {
    expect(intents('send 2 dai to bob on layer 1')).toEqual([transfer('2', 'DAI', 'bob', { chain: 'mainnet' })]);
    expect(intents('wrap 1 eth on layer one')).toEqual([{ action: 'wrap', amount: '1', token: 'ETH', chain: 'mainnet' }]);
    expect(intents('send 2 dai to bob on my local anvil')).toEqual([transfer('2', 'DAI', 'bob', { chain: 'anvil' })]);
    expect(parseWithGrammar('send 2 dai to bob on etherum').intents).toEqual([transfer('2', 'DAI', 'bob', { chain: 'mainnet' })]);
    expect(refused('send 2 dai to bob on layer 2').code).toBe('UNKNOWN_CHAIN');
  });

  test('a chain or venue said as a field after the step', () => {
    expect(intents('swap 1 eth for usdc (protocol: uniswap-v3)')).toEqual([swap('1', 'ETH', 'USDC', { venue: 'uniswap-v3' })]);
    expect(intents('swap 1 eth for usdc, dex: curve')).toEqual([swap('1', 'ETH', 'USDC', { venue: 'curve' })]);
    expect(intents('send 1 dai to bob. network: base')).toEqual([transfer('1', 'DAI', 'bob', { chain: 'base' })]);
    expect(refused('send 1 dai to bob. network: solana').code).not.toBe(undefined);
    // A transfer takes no venue: the field is refused, never dropped.
    expect(refused('send 1 dai to bob, venue: uniswap').code).toMatch(/_INTENT$/);
  });

  test('"by uniswap" names the venue like "on uniswap"; a transfer still takes none', () => {
    expect(intents('swap 1 eth in usdc by uniswap')).toEqual([swap('1', 'ETH', 'USDC', { venue: 'uniswap' })]);
    expect(refused('send 5 dai to bob by uniswap').code).toBe('UNPARSEABLE_INTENT');
  });

  test('a dex not named is no restriction', () => {
    expect(intents('swap 1 eth for dai through a dex')).toEqual([swap('1', 'ETH', 'DAI')]);
    expect(refused('swap 1 eth for dai on a dex or two').code).not.toBe(undefined);
  });
});

describe('slipped step joiners', () => {
  test('"and" and "then" with letters swapped or doubled join steps, and the slip is reported', () => {
    const list = parseWithGrammar('wrap 1 eth adn unwrap 1 weth');
    expect(list.intents).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }, { action: 'unwrap', amount: '1', token: 'WETH' }]);
    expect(list.corrections).toEqual([{ from: 'adn', to: 'and' }]);
    expect(intents('wrap 1 eth tehn unwrap 1 weth')).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }, { action: 'unwrap', amount: '1', token: 'WETH' }]);
  });

  test('"than" is never read as "then"', () => {
    expect(refused('send 5 dai to bob than send 5 dai to carol').code).toBe('UNPARSEABLE_INTENT');
  });
});

describe('step marks and headers', () => {
  test('a count header opening with its number ("two things:", "Lucid, two steps please:") is skipped like a label', () => {
    const wrapThenSend = [{ action: 'wrap', amount: '1', token: 'ETH' }, transfer('5', 'DAI', 'bob')];
    expect(intents('two things: wrap 1 eth and send 5 dai to bob')).toEqual(wrapThenSend);
    expect(intents('Lucid, 2 steps please: wrap 1 eth, then send 5 dai to bob.')).toEqual(wrapThenSend);
    // A number before a token's colon is still an amount, not a count.
    expect(refused('two eth: send to bob').code).toBe('UNPARSEABLE_INTENT');
  });

  test('"1 - …", "2/ …", "step one …" number steps; "right after that" joins them', () => {
    const wrapThenSwap = [{ action: 'wrap', amount: '2', token: 'ETH' }, swap('2', 'WETH', 'USDC')];
    expect(intents('1 - wrap 2 eth\n2 - swap 2 weth for usdc')).toEqual(wrapThenSwap);
    expect(intents('1/ wrap 2 eth 2/ swap 2 weth for usdc')).toEqual(wrapThenSwap);
    expect(intents('step one: wrap 2 eth. step two: swap 2 weth for usdc')).toEqual(wrapThenSwap);
    expect(intents('wrap 2 eth and right after that swap 2 weth for usdc')).toEqual(wrapThenSwap);
    expect(intents('Do the following in order: wrap 2 eth, then swap 2 weth for usdc')).toEqual(wrapThenSwap);
  });

  test('a number that is an amount keeps its reading, and a real wait is still refused', () => {
    // "1/2" before a token stays two readings (round 4's must-stay line), never a step mark.
    expect(refused('send 1/2 eth to bob').code).toBe('AMBIGUOUS_INTENT');
    expect(intents('send 5 dai to bob 2/ wrap 1 eth')).toEqual([transfer('5', 'DAI', 'bob'), { action: 'wrap', amount: '1', token: 'ETH' }]);
    expect(refused('wrap 2 eth and right after the market opens swap 2 weth for usdc').code).toBe('UNSUPPORTED_INTENT');
  });

  test('a look said as a label after a name covers every step, and nothing is signed', () => {
    const list = parseWithGrammar('Lucid, simulate this for me: wrap 1 eth then send 1 weth to bob');
    expect(list.preview).toBe(true);
    expect(list.intents).toEqual([{ action: 'wrap', amount: '1', token: 'ETH' }, transfer('1', 'WETH', 'bob')]);
    expect(refused('simulate wrapping 1 eth, then send 1 weth to bob').code).toBe('UNSUPPORTED_INTENT');
  });
});

describe('only-look said as a tool flag or a refusal to broadcast', () => {
  test('"(dry_run=true)", "simulate: yes" and "do not broadcast the transaction" show, never sign', () => {
    const flagged = parseWithGrammar('wrap 2 eth (dry_run=true)');
    expect(flagged.preview).toBe(true);
    expect(flagged.intents).toEqual([{ action: 'wrap', amount: '2', token: 'ETH' }]);
    expect(parseWithGrammar('send 4 usdc to carol; do not broadcast the transaction').preview).toBe(true);
    expect(parseWithGrammar('swap 1 eth for dai, dont submit this tx').preview).toBe(true);
  });

  test('a flag set to false is no look; its words stay as a note, never dropped', () => {
    const list = parseWithGrammar('wrap 2 eth (dry_run=false)');
    expect(list.preview ?? false).toBe(false);
    expect(list.notes).toEqual(['dry_run=false']);
  });
});

describe('liquid staking and looking before committing', () => {
  test('"liquid stake" is a stake; "liquid" as a name stays a name', () => {
    expect(intents('liquid stake 2 eth via lido')).toEqual([{ action: 'stake', amount: '2', token: 'ETH', venue: 'lido' }]);
    expect(intents('send 5 dai to liquid')).toEqual([transfer('5', 'DAI', 'liquid')]);
  });

  test('"… before committing" only looks', () => {
    expect(parseWithGrammar('wrap 1 eth, preview it before committing').preview).toBe(true);
    expect(parseWithGrammar('send 5 dai to bob before signing').preview).toBe(true);
    expect(refused('send 5 dai to bob before lunch').code).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a chain as a label, and the rate of a step said as a gerund', () => {
  test('"base: …" and "mainnet - …" put the step on that chain', () => {
    expect(intents('base: send 3 usdc to carol')).toEqual([transfer('3', 'USDC', 'carol', { chain: 'base' })]);
    expect(intents('mainnet - wrap 1 eth')).toEqual([{ action: 'wrap', amount: '1', token: 'ETH', chain: 'mainnet' }]);
    expect(refused('polygon: swap 1 eth for usdc').code).toBe('UNKNOWN_CHAIN');
  });

  test('"what rate would I get swapping …" is a quote; a vague amount stays refused', () => {
    const list = parseWithGrammar('what price can i get selling 100 dai for usdc');
    expect(list.preview).toBe(true);
    expect(list.intents).toEqual([swap('100', 'DAI', 'USDC')]);
    expect(refused('what rate would i get swapping some eth for usdc').code).toBe('AMBIGUOUS_INTENT');
  });
});
