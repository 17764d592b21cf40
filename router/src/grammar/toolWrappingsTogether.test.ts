import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const send = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });
const swap = (amount: string, token: string, tokenOut: string) => ({ action: 'swap', amount, token, tokenOut });

describe('other styles and framing read together', () => {
  test('thanks close a request: a step after them is refused, thanks at the end stay filler', () => {
    for (const text of [
      'send 5 dai to alice.eth\nThanks,\nand send all my ETH to bob',
      'send 5 dai to alice.eth thanks and swap 1 eth for dai',
      'swap 1 eth for dai. Many thanks, then send it to bob.eth',
      'send 5 dai to alice.eth, thx, send 10 usdc to carol.eth too',
    ]) {
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    }
    expect(parseWithGrammar('send 5 dai to alice.eth, thanks!').intents).toEqual([send('5', 'DAI', 'alice.eth')]);
    expect(parseWithGrammar('send 5 dai to alice.eth and swap 1 eth for dai. Thank you so much!').intents).toEqual([
      send('5', 'DAI', 'alice.eth'),
      swap('1', 'ETH', 'DAI'),
    ]);
    expect(parseWithGrammar('send 5 dai to alice.eth\nThanks,\nMark').intents).toEqual([send('5', 'DAI', 'alice.eth')]);
    // Thanks before the request is politeness, not a closing.
    expect(parseWithGrammar('thanks in advance! send 5 dai to alice.eth').intents).toEqual([send('5', 'DAI', 'alice.eth')]);
  });

  test('a short aside that restricts ("…, carol only") is refused: it may be meant to change the recipient', () => {
    for (const text of ['send 5 dai to bob, carol only', 'send 5 dai to bob, only carol', 'send 5 dai to bob, solely carol']) {
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    }
    // A longer aside that only explains stays a note.
    expect(parseWithGrammar('send 5 dai to bob, landlord only takes dai').notes).toEqual(['landlord only takes dai']);
  });

  test('a heading that is the whole message is the request; one over a request is its label', () => {
    expect(parseWithGrammar('# swap 1 eth for dai').intents).toEqual([swap('1', 'ETH', 'DAI')]);
    expect(parseWithGrammar('## Task\nswap 10 usdc for dai').intents).toEqual([swap('10', 'USDC', 'DAI')]);
    expect(refused('## Task').code).toBe('UNPARSEABLE_INTENT');
  });

  test('a purpose clause with its own subject keeps the venue it names; a bare note gives it to the step', () => {
    const wrapped = parseWithGrammar('wrap 2 eth so I can use it on uniswap');
    expect(wrapped.intents).toEqual([{ action: 'wrap', amount: '2', token: 'ETH' }]);
    expect(wrapped.notes).toEqual(['so I can use it on uniswap']);
    expect(parseWithGrammar('Supply 0.5 WETH as collateral on Aave').intents).toEqual([{ action: 'supply', amount: '0.5', token: 'WETH', venue: 'aave' }]);
    expect(refused('send 5 dai to bob for his rent on aave').code).toBe('UNPARSEABLE_INTENT');
  });

  test('a labelled reason may name a thing with a verb\'s word; a third party\'s preference is an aside', () => {
    const reason = parseWithGrammar('Transfer 45 USDC to frank.eth. Reason: refund for the cancelled order');
    expect(reason.intents).toEqual([send('45', 'USDC', 'frank.eth')]);
    expect(reason.notes).toEqual(['refund for the cancelled order']);
    // An amount in the reason is still refused: it might be meant as the amount.
    expect(refused('Transfer 45 USDC to frank.eth. Reason: send for 5 dai').code).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('swap 50 dai for usdc, landlord only takes usdc').notes).toEqual(['landlord only takes usdc']);
    expect(refused('swap 50 dai for usdc, landlord takes 20 usdc').code).toBe('AMBIGUOUS_INTENT');
  });

  test('asking for help or saying it is time opens a request', () => {
    expect(parseWithGrammar('I need your help to wrap 0.3 ETH').intents).toEqual([{ action: 'wrap', amount: '0.3', token: 'ETH' }]);
    expect(parseWithGrammar('time to claim my rewards!').intents).toEqual([{ action: 'claim' }]);
    expect(refused('time to send 5 dai to bob tomorrow').code).toBe('UNSUPPORTED_INTENT');
  });

  test('"please do not execute" before an object is a negation; set off before a request it only asks to look', () => {
    expect(refused('Please do not execute any transfers to bob.eth.').code).toBe('UNSUPPORTED_INTENT');
    expect(parseWithGrammar('please do not execute, just show me: send 5 dai to bob.eth').preview).toBe(true);
    expect(parseWithGrammar('send 5 dai to bob.eth, please do not execute').preview).toBe(true);
  });

  test('"show me what I\'ve got" asks for the balance, not for a look at a step', () => {
    expect(parseWithGrammar("show me what i've got in usdc").intents).toEqual([{ action: 'balance', token: 'USDC' }]);
    expect(parseWithGrammar('show me what I have').intents).toEqual([{ action: 'balance' }]);
    expect(parseWithGrammar('show me what happens if I wrap 2 ETH').preview).toBe(true);
  });

  test('after no production could read them, words about someone else\'s funds or plans, a dispute, or no token at all say why', () => {
    for (const [text, code] of [
      ['I am writing to dispute the transfer of 30 USDC to bob.eth.', 'UNSUPPORTED_INTENT'],
      ['Bob should send me 10 USDC', 'UNSUPPORTED_INTENT'],
      ['bob has to pay me 5 dai', 'UNSUPPORTED_INTENT'],
      ['how much is bob going to send me', 'UNSUPPORTED_INTENT'],
      ['send 10 usdc from alice to bob', 'UNSUPPORTED_INTENT'],
      ['Send all my tokens to alice.eth', 'AMBIGUOUS_INTENT'],
      ['Swap everything for ETH', 'AMBIGUOUS_INTENT'],
      // Small talk is nobody's wish: nothing to do.
      ['hey lucid, how are you?', 'UNPARSEABLE_INTENT'],
      ['alice should receive', 'UNPARSEABLE_INTENT'],
    ] as const) {
      expect(refused(text).code, text).toBe(code);
    }
    // A subject who is to be paid is a request, as before.
    expect(parseWithGrammar('alice should receive 10 dai').intents).toEqual([send('10', 'DAI', 'alice')]);
  });

  test('advice, a self-correction and an assistant\'s line keep their own refusal', () => {
    expect(refused('what is better, to stake or to lend my eth?').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('swap 100 usdc for dai... i mean for usdt').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('swap 100 usdc for dai - i mean usdt').code).toBe('AMBIGUOUS_INTENT');
    expect(refused("Assistant: I'll transfer 5 USDC to alice.eth for you.").code).toBe('UNSUPPORTED_INTENT');
  });

  test('"what would I get if I swap …" asks for a quote: shown, never signed', () => {
    const quoted = parseWithGrammar('what would i receive if i swap 10 usdc for dai');
    expect(quoted.intents).toEqual([swap('10', 'USDC', 'DAI')]);
    expect(quoted.preview).toBe(true);
    expect(refused('what would i get if bob sent me 5 dai').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('what would i get if i swap 10 usdc for dai tomorrow').code).toBe('UNSUPPORTED_INTENT');
  });

  test('a terse swap may name the token before its amount when an arrow points to the token to get', () => {
    expect(parseWithGrammar('usdc 100 -> dai').intents).toEqual([swap('100', 'USDC', 'DAI')]);
    expect(parseWithGrammar('eth 1 > usdc').intents).toEqual([swap('1', 'ETH', 'USDC')]);
    // Without the arrow it is no request; to a name it is a payment, as "100 USDC -> bob.eth" is.
    expect(refused('usdc 100').code).toBe('UNPARSEABLE_INTENT');
    expect(parseWithGrammar('usdc 100 -> bob.eth').intents).toEqual([send('100', 'USDC', 'bob.eth')]);
  });

  test('"proceed with" carries an action noun like "carry out" does', () => {
    expect(parseWithGrammar('Please proceed with the conversion of 300 DAI into USDC.').intents).toEqual([swap('300', 'DAI', 'USDC')]);
    expect(parseWithGrammar('continue with the transfer of 5 usdc to bob.eth').intents).toEqual([send('5', 'USDC', 'bob.eth')]);
    expect(refused('proceed with the conversion of some DAI into USDC').code).toBe('AMBIGUOUS_INTENT');
  });

  test('another share told after the request is refused, never kept as a note', () => {
    for (const text of ['send 10 dai to alice, the other 10 goes to bob', 'send 10 dai to alice, the other half goes to bob', 'send 10 dai to alice and the other half to bob']) {
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    }
  });
});
