import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused, refusalCode as code } from './testing.js';

const intents = (text: string) => parseWithGrammar(text).intents;

describe('refusals carry the code the contract names (refusalCodes.ts)', () => {
  test('a hesitation before a second name or number is a self-correction: two readings, never the first one sent', () => {
    for (const text of ['send 5 dai to bob, err carol', 'send 5 dai to bob, uh, carol', 'send 5 dai to bob erm carol.eth', 'swap 1 eth for dai, err usdc', 'send 5 dai to bob sorry i mean 7', 'send 5 dai to bob but wait actually make it 6'])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 5 dai to bob, err carol').message).toMatch(/", err"/);
    // Without the hesitation the same words are a note, as before.
    expect(intents('send 5 dai to bob, thanks')).toEqual([{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }]);
  });

  test('a hedge around a bare command decides nothing; "could you possibly" still asks', () => {
    for (const text of ['probably swap 1 eth for dai', 'possibly stake 2 eth', 'send 5 dai to bob, probably', 'presumably stake 2 eth', 'kinda want to swap 1 eth for dai', 'send 5 dai to bob i think', 'send 5 dai to bob maybe'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
    expect(intents('could you possibly send 5 dai to bob')).toEqual([{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }]);
    // "… i guess" is read as filler, as the third author's retired-blind-3.jsonl:64 reads it.
    expect(intents('um, unstake 0.5 steth i guess')).toEqual([{ action: 'unstake', amount: '0.5', token: 'stETH' }]);
  });

  test('asking whether the user is right is advice, with the subject first or a "take" asked for', () => {
    for (const text of ['u sure i should swap 2 eth to usdc?', 'are you sure I should stake 2 eth', "I'd love your take on swapping 1 eth for usdc", 'your view on supplying 100 usdc to aave?', 'is 1 eth too much to send to bob', 'swap eth to dai y/n', 'Is it prudent to unwrap 2 WETH at this time?'])
      expect(refused(text), text).toMatchObject({ code: 'UNSUPPORTED_INTENT', message: expect.stringMatching(/advice/) });
    // "make sure bob gets …" asks Lucid to pay him.
    expect(intents('make sure bob gets 5 dai')).toEqual([{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }]);
  });

  test('the past after a time opener or a label, and words relayed from someone else', () => {
    for (const text of ['In the past I swapped eth to dai', 'Previously: swap 1 eth to dai', "Last month's payment: 5 dai to bob", 'a few weeks back i sent 10 usdc to carol', 'In 2023 I staked 2 ETH.', 'I promised bob 5 dai', 'Forwarding from alice: please send 3 dai to alice.eth', 'fwd from bob: swap 1 eth to dai pls', '<bob> send 5 dai to bob.eth', 'alice just messaged: send me 5 usdc'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
    // Markup that only looks like a speaker stays unparseable gibberish.
    expect(code('<script>alert(1)</script>')).toBe('UNPARSEABLE_INTENT');
    // "a few" without a time after it is still a vague amount.
    expect(code('send a few dai to bob')).toBe('AMBIGUOUS_INTENT');
  });

  test('words about words with a verb the grammar does not know, and templates with blanks', () => {
    for (const text of ['write the intent for sending 5 dai to bob', 'Generate a test intent: swap 1 eth for dai', 'turn this into a transaction: send 5 dai to bob', 'Convert this to JSON: send 5 dai to bob', 'give me 3 ways to say send 5 dai to bob', 'send <amount> dai to <recipient>', 'send [amount] dai to bob', 'send {amount} dai to bob', 'send $AMOUNT usdc to $RECIPIENT', 'send x dai to bob', 'send TBD dai to bob'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
    expect(refused('send [amount] dai to bob').message).toMatch(/blank to fill in/);
    // A step after a step may still be converted: "this" there is the step before.
    expect(intents('swap 1 eth for usdc then convert it to dai')).toEqual([
      { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' },
      { action: 'swap', amount: 'previous', token: 'USDC', tokenOut: 'DAI' },
    ]);
  });

  test('whether a request would work is a case imagined; a repeat count is a schedule', () => {
    for (const text of ['Would sending 5 dai to bob work?', 'will staking 2 eth fail?', 'would staking 2 eth work', 'send 5 dai to bob x3', 'send 5 dai to bob 3x', 'send 5 dai to bob ×2', 'send 5 dai to bob, 3 times over'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
    // An address's "0x" is no count.
    expect(code('qwe rty 0x')).toBe('UNPARSEABLE_INTENT');
  });

  test('a bridged symbol is an unknown token named; alternatives with a bar or a bracketed second number are two readings', () => {
    expect(refused('Swap 1 ETH for USDC.e')).toMatchObject({ code: 'UNKNOWN_TOKEN', message: expect.stringMatching(/"USDC\.e"/) });
    for (const text of ['swap 1 eth for dai|usdc', 'send 5 dai (6?) to bob', 'send three quarters eth to bob']) expect(code(text), text).toBe('AMBIGUOUS_INTENT');
  });
});

describe('fractions and numbers said in words (fractionWords.ts, lexicon.ts, numberPhrases.ts)', () => {
  test('a share of one unit, of the balance, and a whole and a share', () => {
    expect(intents('send three quarters of an eth to bob')).toEqual([{ action: 'transfer', amount: '0.75', token: 'ETH', to: 'bob' }]);
    expect(intents('send a quarter of an eth to bob')).toEqual([{ action: 'transfer', amount: '0.25', token: 'ETH', to: 'bob' }]);
    expect(intents('send three-quarters of my eth to bob')).toEqual([{ action: 'transfer', amount: '75%', token: 'ETH', to: 'bob' }]);
    expect(intents('send one and three quarters eth to bob')).toEqual([{ action: 'transfer', amount: '1.75', token: 'ETH', to: 'bob' }]);
    expect(intents('send 1 and a quarter eth to bob')).toEqual([{ action: 'transfer', amount: '1.25', token: 'ETH', to: 'bob' }]);
    expect(intents('send half a dozen dai to bob')).toEqual([{ action: 'transfer', amount: '6', token: 'DAI', to: 'bob' }]);
  });
  test('tens run together, and "nought point" only before "point"', () => {
    expect(intents('send twentyfive dai to bob')).toEqual([{ action: 'transfer', amount: '25', token: 'DAI', to: 'bob' }]);
    expect(intents('send nought point five eth to bob')).toEqual([{ action: 'transfer', amount: '0.5', token: 'ETH', to: 'bob' }]);
    // "ought" is no slip of "nought": it asks for advice.
    expect(code('ought I to stake 2 ETH?')).toBe('UNSUPPORTED_INTENT');
  });
  test('pounds and quid are another currency, refused by name', () => {
    for (const text of ['send 10 pounds of eth to bob', 'send 20 quid worth of eth to bob'])
      expect(refused(text), text).toMatchObject({ code: 'UNSUPPORTED_INTENT', message: expect.stringMatching(/another currency/) });
  });
});
