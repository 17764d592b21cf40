import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const swap = (amount: string, token: string, tokenOut: string) => ({ action: 'swap', amount, token, tokenOut });

describe('only look', () => {
  test('a lead-in before a quote question ("lmk", "tell me", "curious", "check") asks only to look', () => {
    const cases: [string, object][] = [
      ['lmk how much usdc 2 eth gets me', swap('2', 'ETH', 'USDC')],
      ['tell me what 2 eth is worth in dai', swap('2', 'ETH', 'DAI')],
      ['curious what 5 weth gets me in usdc', swap('5', 'WETH', 'USDC')],
      ['check what 2 eth would get me in usdc', swap('2', 'ETH', 'USDC')],
      ['@lucid how much usdc would 1 eth get me', swap('1', 'ETH', 'USDC')],
      ['how much dai for 1 eth? 🤔', swap('1', 'ETH', 'DAI')],
      ['what would i receive for 1 eth in dai', swap('1', 'ETH', 'DAI')],
    ];
    for (const [text, intent] of cases) {
      const parsed = parseWithGrammar(text);
      expect(parsed.intents, text).toEqual([intent]);
      expect(parsed.preview, text).toBe(true);
    }
  });

  test('a look at the numbers of a step ("the gas for", "the expected output of", "the fee to") is a preview of that step', () => {
    expect(parseWithGrammar('estimate the gas for sending 5 dai to bob')).toMatchObject({ intents: [{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }], preview: true });
    expect(parseWithGrammar('Please estimate the proceeds of selling 10 LUCID for USDC.')).toMatchObject({ intents: [swap('10', 'LUCID', 'USDC')], preview: true });
    expect(parseWithGrammar("what's the fee to swap 1 eth for dai")).toMatchObject({ intents: [swap('1', 'ETH', 'DAI')], preview: true });
    // "send the amount of 5 USDC" is no look: "send" is no verb of showing.
    expect(parseWithGrammar('send the amount of 5 usdc to bob').preview).toBeFalsy();
  });

  test('saying not to carry it out, a mode or a label of looking marks a preview', () => {
    for (const text of [
      "swap 1 eth for dai but don't actually do it",
      'send 5 dai to bob but dont actually send it, just show me',
      'swap 1 eth for dai but just show me',
      'swap 2 eth to dai, not make the swap',
      'swap 1 eth for dai in sandbox mode',
      'read-only: swap 1 weth for dai',
      'Execute in simulation mode only: transfer 3 USDC to bob.eth',
      'I would like a quotation for 1 ETH to DAI.',
      'simmulate sending 3 dai to bob',
      '50 usdc to dai? just the quote',
      'show me only the quote of 1 eth to usdc please, no execute',
    ]) {
      expect(parseWithGrammar(text).preview, text).toBe(true);
    }
  });

  test('a slip of a look word is read only when it is no other word', () => {
    expect(refused('review: unwrap 1 WETH').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('quoted text: send 5 DAI to bob').code).toBe('UNSUPPORTED_INTENT');
  });

  test('a lead-in with no amount after it is no quote: "show me how much USDC I got" is a balance question', () => {
    expect(parseWithGrammar('show me how much usdc i got')).toEqual({ intents: [{ action: 'balance', token: 'USDC' }] });
  });

  test('looking first and acting after is refused, never signed', () => {
    for (const text of ['dry run first, then send 5 dai to bob', 'preview 1 eth to dai, then confirm', 'quote me 1 eth to dai and just go ahead if it looks fine']) {
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    }
  });
});

describe('words that are no request', () => {
  test('examples, usage lines and how-to questions are words about words', () => {
    for (const text of ['like this: send 5 dai to bob', 'ex: swap 1 eth for dai', 'eg swap 1 eth for dai', 'usage: lucid swap 1 eth for dai', 'tutorial: swap 1 eth for dai', 'steps to send 5 dai to bob', 'hwo do i swap 1 eth for dai', 'count the words in send 5 dai to bob']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNSUPPORTED_INTENT');
      expect(message, text).toContain('words about a request');
    }
  });

  test('wishes, what might have been and imagined worlds are not decided', () => {
    for (const text of ['i wish i could send 5 dai to bob', 'i should have swapped 1 eth for dai', 'in an alternate universe, swap 1 eth for dai', 'picture me sending 5 dai to bob', 'Assume I transfer 5 DAI to bob.eth.']) {
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    }
    // "I wish to …" is a formal way to ask.
    expect(parseWithGrammar('I wish to exchange 250 USDC for DAI').intents).toEqual([swap('250', 'USDC', 'DAI')]);
  });

  test('asking for an opinion is advice', () => {
    for (const text of ['thoughts on swapping 1 eth for dai?', 'Hey Lucid, is 1 eth for dai a good trade?', 'Lucid, what would you do with 100 usdc?', 'is it wize to unstake my steth']) {
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    }
  });

  test('telling what one is doing now, a template blank, a "no" sign and taking it back are refused', () => {
    for (const text of ["i'm sending 5 dai to bob", 'I am transferring 20 USDC to carol.eth', 'is it possible that i sent 5 dai to bob', 'send 5 dai to ___', '❌ send 5 dai to bob', 'send 5 dai to bob - cancel', 'nvm, wrap 1 eth']) {
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    }
    // "cancel" an approval takes it back: a revoke, not a negation.
    expect(parseWithGrammar('cancel the dai approval for uniswap').intents).toEqual([{ action: 'revoke', token: 'DAI', to: 'uniswap' }]);
  });

  test('a question opening with "should" or "do I" before the verb asks for advice; "you should send" asks to act', () => {
    for (const text of ['should send 5 dai to bob?', 'do i swap 1 eth for dai?', 'shall we swap 1 eth for dai']) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNSUPPORTED_INTENT');
      expect(message, text).toContain('advice');
    }
    expect(parseWithGrammar('you should send 5 dai to bob').intents).toEqual([{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }]);
  });

  test("someone named only by a relation to another (\"bob's friend\") is never paid as the one named first", () => {
    for (const text of ["send 5 dai to bob's friend", "pay alice's brother 10 usdc"]) {
      const { code, message } = refused(text);
      expect(code, text).toBe('UNPARSEABLE_INTENT');
      expect(message, text).toMatch(/which (friend|brother) of/);
    }
  });

  test('a look that takes its step as object, then a command, asks to act after looking; a look as a label covers every step', () => {
    for (const text of ['quote 1 eth to dai and then swap 1 eth for dai', 'simulate sending 5 dai to bob then send 5 dai to bob', "what's 1 eth in dai? swap it", 'show me the quote, then swap 1 eth for dai', 'swap 1 eth for dai (preview first)']) {
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    }
    for (const text of ['dry run: swap 1 eth for dai, then send it to bob', 'simulate swapping 1 eth for dai then sending it to bob']) {
      const parsed = parseWithGrammar(text);
      expect(parsed.intents.map((intent) => intent.action), text).toEqual(['swap', 'transfer']);
      expect(parsed.preview, text).toBe(true);
    }
  });

  test('a hedge in brackets is no note', () => {
    expect(refused('send 5 dai to bob (maybe)').code).toBe('UNSUPPORTED_INTENT');
  });

  test('a look phrase that opens with a negation is no look at the start: "don\'t actually send 5 DAI to bob" is a negation', () => {
    for (const text of ["don't actually send 5 dai to bob", 'no need to send 5 DAI to bob', 'no need to execute the swap of 1 eth for dai', 'not make the swap of 1 eth for dai pls']) {
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    }
    expect(parseWithGrammar('swap 1 eth for dai, no need to execute')).toMatchObject({ intents: [swap('1', 'ETH', 'DAI')], preview: true });
  });

  test('a chain set off in brackets or after a dash is never a note: the payment would go out elsewhere than named', () => {
    expect(refused('send 5 usdc to bob (polygon)')).toMatchObject({ code: 'UNKNOWN_CHAIN' });
    expect(refused('swap 1 eth for dai - solana').message).toContain('solana');
    expect(refused('send 5 usdc to bob (base)').code).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('send 5 usdc to bob (for rent)').notes).toEqual(['for rent']);
  });
});

describe('a verbless amount asked as a question', () => {
  test('"1 eth to dai?" asks what it would be: shown, never signed; without the question mark it is a request', () => {
    for (const text of ['1 eth to dai?', '0.5 eth to usdc please?', '1 eth -> dai ?', 'hey, 2 weth into usdc?'])
      expect(parseWithGrammar(text), text).toMatchObject({ preview: true });
    expect(parseWithGrammar('1 eth to dai').preview).toBeUndefined();
    // With a verb the question mark is the asking of a request ("swap 1 eth to dai?"), as before.
    expect(parseWithGrammar('swap 1 eth to dai?').preview).toBeUndefined();
  });
});
