import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const send = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });

describe('numbers said in other shapes', () => {
  test('"two dozen", "one-and-a-half", "1 mil" and a share "of all my" or "of my balance of" are read as the amount they say', () => {
    const cases: [string, object][] = [
      ['send two dozen dai to bob.eth', send('24', 'DAI', 'bob.eth')],
      ['send 3 dozen usdc to alice.eth', send('36', 'USDC', 'alice.eth')],
      ['send one-and-a-half eth to alice.eth', send('1.5', 'ETH', 'alice.eth')],
      ['send 1 mil lucid to bob.eth', send('1000000', 'LUCID', 'bob.eth')],
      ['send half of all my usdc to carol.eth', send('50%', 'USDC', 'carol.eth')],
      ['send half my balance of dai to bob.eth', send('50%', 'DAI', 'bob.eth')],
    ];
    for (const [text, intent] of cases) expect(parseWithGrammar(text).intents, text).toEqual([intent]);
    // "half a dozen" and "a dozen" stay the parser's.
    expect(parseWithGrammar('send half a dozen dai to bob.eth').intents).toEqual([send('6', 'DAI', 'bob.eth')]);
  });

  test('a number said twice ("five (5)") is read once when both agree and refused as two readings when they differ', () => {
    expect(parseWithGrammar('Transfer five (5) USDC to carol.eth.').intents).toEqual([send('5', 'USDC', 'carol.eth')]);
    expect(parseWithGrammar('send 20 (twenty) dai to bob.eth').intents).toEqual([send('20', 'DAI', 'bob.eth')]);
    for (const text of ['send five (6) usdc to alice.eth', 'send 5 (50) dai to bob.eth']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('AMBIGUOUS_INTENT');
      expect(message, text).toContain('two different amounts');
    }
  });

  test('a dollar sign after the number is a dollar amount; another currency is refused naming it', () => {
    expect(parseWithGrammar('send 50$ of eth to bob.eth').intents).toEqual([{ action: 'transfer', amountUsd: '50', token: 'ETH', to: 'bob.eth' }]);
    for (const [text, named] of [['send €50 of eth to bob.eth', '€50'], ['send 50 euros worth of eth to bob.eth', '50 euros'], ['send £20 of dai to alice.eth', '£20']] as const) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNSUPPORTED_INTENT');
      expect(message, text).toContain(named);
      expect(message, text).toContain('another currency');
    }
  });

  test('"½", "1½", "¼ of my", "10 000", "10pc of my": one character or a spaced group says one number', () => {
    const cases: [string, object][] = [
      ['send ½ eth to bob.eth', send('0.5', 'ETH', 'bob.eth')],
      ['send 1½ eth to bob.eth', send('1.5', 'ETH', 'bob.eth')],
      ['send ¼ of my eth to bob.eth', send('25%', 'ETH', 'bob.eth')],
      ['send 10 000 usdc to bob.eth', send('10000', 'USDC', 'bob.eth')],
      ['send 1 500 000 lucid to bob.eth', send('1500000', 'LUCID', 'bob.eth')],
      ['send 10pc of my usdc to bob.eth', send('10%', 'USDC', 'bob.eth')],
    ];
    for (const [text, intent] of cases) expect(parseWithGrammar(text).intents, text).toEqual([intent]);
    // What is left of a balance is no amount.
    for (const text of ['send remaining dai to bob.eth', 'send my remaining usdc to bob.eth', 'send the last of my dai to bob.eth']) expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
  });

  test('"$50 ETH" is fifty dollars of ETH, never 50 ETH; "$20 DAI" is 20 DAI', () => {
    expect(parseWithGrammar('send $50 eth to bob').intents).toEqual([{ action: 'transfer', amountUsd: '50', token: 'ETH', to: 'bob' }]);
    expect(parseWithGrammar('swap $100 eth for usdc').intents).toEqual([{ action: 'swap', amountUsd: '100', token: 'ETH', tokenOut: 'USDC' }]);
    expect(parseWithGrammar('send $20 dai to bob').intents).toEqual([send('20', 'DAI', 'bob')]);
    expect(parseWithGrammar('send $5 usdc to bob').intents).toEqual([send('5', 'USDC', 'bob')]);
  });

  test('a slip of a scale word ("thousnad", "hundrd", "milion", "dozne") is corrected, shown, and read as the scale', () => {
    const parsed = parseWithGrammar('send a thousnad dai to bob.eth');
    expect(parsed.intents).toEqual([send('1000', 'DAI', 'bob.eth')]);
    expect(parsed.corrections).toEqual([{ from: 'thousnad', to: 'thousand' }]);
    expect(parseWithGrammar('send 2 milion lucid to bob.eth').intents).toEqual([send('2000000', 'LUCID', 'bob.eth')]);
    expect(parseWithGrammar('send two dozne dai to bob').intents).toEqual([send('24', 'DAI', 'bob')]);
  });

  test('the must-stay refusals of earlier rounds stay: "1/2", a decimal comma, "a hundredth of my"', () => {
    expect(refused('send 1/2 eth to bob').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 1.000,50 dai to bob').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('swap a hundredth of my eth for dai').code).toBe('UNPARSEABLE_INTENT');
  });

  test('a share said straight before a token ("half ETH", "a quarter DAI") is not guessed: one unit or the balance', () => {
    for (const text of ['send half eth to bob', 'send a quarter eth to bob', 'swap half usdc for dai', 'sell Half ETH for usdc', 'send quarter dai to carol.eth', 'wrap a half eth']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('AMBIGUOUS_INTENT');
      expect(message, text).toMatch(/could be 0\.(5|25) .* or (50|25)% of your/);
    }
    // Said with "of", "my", "the": the balance. Said with "an": one unit.
    expect(parseWithGrammar('send half my eth to bob').intents).toEqual([send('50%', 'ETH', 'bob')]);
    expect(parseWithGrammar('send a quarter of my dai to bob').intents).toEqual([send('25%', 'DAI', 'bob')]);
    expect(parseWithGrammar('send half the eth to bob').intents).toEqual([send('50%', 'ETH', 'bob')]);
    expect(parseWithGrammar('send half an eth to bob').intents).toEqual([send('0.5', 'ETH', 'bob')]);
  });
});

describe('refusals with the code that says why', () => {
  test('a limit said after the amount or with a comparison is no amount', () => {
    for (const text of ['send >5 dai to bob.eth', 'send <= 5 dai to bob.eth', 'send 2 eth max to bob.eth', 'send 2 eth at most to bob.eth', 'send less than 2 eth to bob.eth', 'send min 2 eth to bob.eth', 'send under 2 eth to bob.eth']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('AMBIGUOUS_INTENT');
      expect(message, text).toContain('limit');
    }
  });

  test('vague amounts and no token are ambiguous; the balance less something unnamed is not worked out', () => {
    for (const text of ['send bob.eth his share', 'send bob.eth the amount we agreed', 'swap everything i have to dai', 'swap tens of usdc for dai', 'swap no less than 1 eth for dai', 'send a random amount of dai to bob.eth', "send whatever's in my wallet to bob.eth", 'send 5 dai to bob.eth, alternatively alice.eth', 'send max to alice.eth', 'swap all for usdc'])
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    expect(refused('send all my eth except gas to bob.eth').code).toBe('UNSUPPORTED_INTENT');
  });

  test('memories, other people\'s decisions, formats, waits and "skip" are not done now', () => {
    for (const text of [
      'I remember sending 5 dai to bob.eth',
      'my team decided to stake 2 eth',
      'reply with the json for send 5 dai to bob.eth',
      'convert to json: send 5 dai to bob.eth',
      'the word swap in swap 1 eth for dai',
      'wait 5 minutes then send 5 dai to bob.eth',
      'skip sending 5 dai to bob.eth',
      'send 5 dai to bob.eth? no.',
    ])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
  });

  test('a plan told, a message passed on, a time in shorthand and advice in chat shorthand are not done', () => {
    for (const text of [
      "I'll send 5 dai to bob",
      "I'm going to swap 1 eth for dai",
      'I plan to swap 1 eth for dai',
      'alice wrote: send 5 dai to bob.eth',
      'message from alice: swap 1 eth for dai',
      'send 5 dai to bob by eod',
      'send 5 dai to bob from time to time',
      'swap 1 eth for dai at the top',
      'wdyt, swap 1 eth for dai?',
      'thoughts? swap 1 eth for dai',
    ])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    // A repeat ("another 5 DAI", "like always") points at a request Lucid does not keep.
    for (const text of ['send another 5 dai to bob', 'send 5 dai to bob like always']) expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    // A plain statement stays unparseable, so `auto` may still ask the LLM.
    expect(refused('i am happy today').code).toBe('UNPARSEABLE_INTENT');
  });

  test('ETH in its small units and a number said again after its token', () => {
    expect(parseWithGrammar('send 1000 gwei to bob.eth').intents).toEqual([send('0.000001', 'ETH', 'bob.eth')]);
    expect(parseWithGrammar('send 5 finney to bob.eth').intents).toEqual([send('0.005', 'ETH', 'bob.eth')]);
    expect(parseWithGrammar('send 5 USDC (5) to bob.eth').intents).toEqual([send('5', 'USDC', 'bob.eth')]);
    expect(refused('send 5 USDC (6) to bob.eth').code).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('swap half of my eth balance to usdc').intents).toEqual([{ action: 'swap', amount: '50%', token: 'ETH', tokenOut: 'USDC' }]);
    expect(parseWithGrammar('send the entire balance of my dai to bob.eth').intents).toEqual([send('all', 'DAI', 'bob.eth')]);
    // A gas price in gwei is no amount: the condition around it is still refused.
    expect(refused('if gas is below 20 gwei send 5 DAI to bob').code).toBe('UNSUPPORTED_INTENT');
  });

  test('asking whether a request is written right, or to work on its wording, is words about words', () => {
    for (const text of ['is this right: send 5 dai to bob.eth', 'is this correct? swap 1 eth for dai', 'draft: send 5 dai to bob.eth', 'make this sound better: send 5 dai to bob.eth']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNSUPPORTED_INTENT');
      expect(message, text).toContain('words about a request');
    }
  });

  test('a request marked done is a report, and a repeat in brackets is still a repeat, never a note', () => {
    for (const text of ['send 5 dai to bob.eth - done', 'done: swap 1 eth for dai', 'send 5 dai to bob.eth (done)']) expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    expect(refused('send 5 dai to bob.eth (again)').code).toBe('AMBIGUOUS_INTENT');
  });

  test('the words beside each rule still parse', () => {
    expect(parseWithGrammar('send 2 eth to bob.eth').intents).toEqual([send('2', 'ETH', 'bob.eth')]);
    expect(parseWithGrammar('send all my eth to bob.eth').intents).toEqual([send('all', 'ETH', 'bob.eth')]);
    expect(parseWithGrammar('send max usdc to alice.eth').intents).toEqual([send('all', 'USDC', 'alice.eth')]);
    expect(parseWithGrammar('I need to send 5 dai to bob').intents).toEqual([send('5', 'DAI', 'bob')]);
    expect(parseWithGrammar('send 5 dai to bob right away').intents).toEqual([send('5', 'DAI', 'bob')]);
  });
});

describe('digit separators, spoken zero, a currency code first, "4" for "for" and a certain opener', () => {
  test('each is read as the plain request it stands for', () => {
    expect(parseWithGrammar('send 1_000 usdc to alice.eth').intents).toEqual([send('1000', 'USDC', 'alice.eth')]);
    expect(parseWithGrammar('send 12_500_000 dai to bob.eth').intents).toEqual([send('12500000', 'DAI', 'bob.eth')]);
    expect(parseWithGrammar('send oh point two five eth to carol.eth').intents).toEqual([send('0.25', 'ETH', 'carol.eth')]);
    expect(parseWithGrammar('transfer USD 40 of DAI to carol.eth').intents).toEqual([{ action: 'transfer', amountUsd: '40', token: 'DAI', to: 'carol.eth' }]);
    expect(parseWithGrammar('swap 3 usdc 4 weth').intents).toEqual([{ action: 'swap', amount: '3', token: 'USDC', tokenOut: 'WETH' }]);
    for (const opener of ['definitely', 'surely', 'absolutely', 'certainly'])
      expect(parseWithGrammar(`${opener} send 7 dai to alice.eth`).intents, opener).toEqual([send('7', 'DAI', 'alice.eth')]);
  });

  test('a separator out of place is still not a number, and "4" never pays someone', () => {
    expect(refused('send 1_0000 usdc to bob.eth').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('send 10_00 usdc to bob.eth').code).toBe('UNKNOWN_TOKEN');
    expect(refused('send 5 dai 4 bob.eth').code).toBe('UNPARSEABLE_INTENT');
    expect(refused("definitely don't send 5 dai to bob.eth").code).toBe('UNSUPPORTED_INTENT');
  });
});
