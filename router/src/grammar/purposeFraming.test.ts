import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const rent = { action: 'transfer', amount: '800', token: 'USDC', to: 'landlord.eth' };
const acme = { action: 'transfer', amount: '120', token: 'USDC', to: 'acme.eth' };

describe('asides inside a step (./middleAsides.ts)', () => {
  test('an aside between the amount and the recipient is kept as a note, the step read around it', () => {
    for (const [text, note] of [
      ['send 800 usdc (rent) to landlord.eth', 'rent'],
      ['send 800 usdc (for the rent) to landlord.eth', 'for the rent'],
      ['send 800 usdc — rent — to landlord.eth', 'rent'],
      ['send 800 usdc - for rent - to landlord.eth', 'for rent'],
      ['send, for the rent, 800 usdc to landlord.eth', 'for the rent'],
      ['send 800 usdc, as agreed, to landlord.eth', 'as agreed'],
    ] as const)
      expect(parseWithGrammar(text), text).toEqual({ intents: [rent], notes: [note] });
    expect(parseWithGrammar('swap 50 usdc, just testing, for dai')).toEqual({
      intents: [{ action: 'swap', amount: '50', token: 'USDC', tokenOut: 'DAI' }],
      notes: ['just testing'],
    });
  });

  test('an aside after the step and a colon, semicolon or "//" is a note when it can be nothing else', () => {
    expect(parseWithGrammar('send 40 usdc to ravi.eth: rent').notes).toEqual(['rent']);
    expect(parseWithGrammar('send 40 usdc to ravi.eth; rent').notes).toEqual(['rent']);
    expect(parseWithGrammar('send 9 dai to pip.eth; snacks for the trip').notes).toEqual(['snacks for the trip']);
    expect(parseWithGrammar('swap 30 usdc for dai // for the pool').notes).toEqual(['for the pool']);
  });

  test('what an aside inside a step may hide is refused, never dropped into a note', () => {
    // A second amount offered, an amount of a token, a time, a condition, a negation.
    expect(refused('send 800 usdc (or 900) to landlord.eth').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 40 usdc — or was it 50 — to ravi.eth').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 120 usdc (invoice of 150 usdc) to acme.eth').code).toBe('AMBIGUOUS_INTENT');
    for (const text of ['send 800 usdc (every month) to landlord.eth', 'send 800 usdc (tomorrow) to landlord.eth', 'send 800 usdc (if rent is due) to landlord.eth', 'send 40 usdc (not dai) to ravi.eth'])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    // Words after a mark that may be another step or a command stay out of notes.
    expect(() => parseWithGrammar('swap 1 eth for usdc ; rm -rf /')).toThrow();
    expect(parseWithGrammar('swap 1 eth for usdc; swap 1 eth for dai; check my balance').intents).toHaveLength(3);
    // A lone word in brackets before the recipient may be a name: not moved, not a note.
    expect(() => parseWithGrammar('send 800 usdc (alice) to landlord.eth')).toThrow();
    // "memo: rent" keeps its label's reading.
    expect(parseWithGrammar('send 40 usdc to ravi.eth, memo: rent').notes).toEqual(['rent']);
  });
});

describe('purposes and reasons said first, or after a question', () => {
  test('a purpose up to a comma before the step is a note', () => {
    const ravi = { action: 'transfer', amount: '40', token: 'USDC', to: 'ravi.eth' };
    for (const text of [
      'to pay the rent, send 40 usdc to ravi.eth',
      'in order to pay rent, send 40 usdc to ravi.eth',
      'so that ravi can pay rent, send 40 usdc to ravi.eth',
      'so ravi can pay the landlord, send 40 usdc to ravi.eth',
      'to pay the rent, send 40 usdc to ravi.eth, thanks',
      'because he fronted the gas, send 40 usdc to ravi.eth',
    ])
      expect(parseWithGrammar(text), text).toEqual({ intents: [ravi], notes: [text.slice(0, text.indexOf(','))] });
    expect(parseWithGrammar('Can you send 40 USDC to ravi.eth? It is for the rent.').notes).toEqual(['It is for the rent']);
    expect(parseWithGrammar('send 40 usdc to ravi.eth which covers the rent').notes).toEqual(['which covers the rent']);
  });

  test('a purpose first that names a payee, a time, a vague amount or a refusal is no note', () => {
    // "to pay bob, send … to ravi": a second payee is no purpose to keep.
    expect(() => parseWithGrammar('to pay bob, send 40 usdc to ravi.eth')).toThrow();
    expect(refused('in order to pay rent next month, send 40 usdc to ravi.eth').code).toBe('UNSUPPORTED_INTENT');
    expect(refused("so ravi can pay the landlord, don't send 40 usdc to ravi.eth").code).toBe('UNSUPPORTED_INTENT');
    expect(refused('so that ravi can pay rent, send him some usdc').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('he fronted the gas, send 0.01 eth to leo.eth').code).toBe('UNSUPPORTED_INTENT');
    expect(refused("Can you send 50 USDC to alice.eth? It's for the 20 dai she lent me.").code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 40 usdc to ravi.eth which sends it to carol.eth').code).toBe('AMBIGUOUS_INTENT');
  });
});

describe('document numbers beside a payment', () => {
  test('an invoice, order or PO number after the step, or inside it, is a note', () => {
    for (const [text, note] of [
      ['send 120 usdc for invoice 2231 to acme.eth', 'for invoice 2231'],
      ['pay 120 usdc to acme.eth for invoice no. 2231', 'for invoice no. 2231'],
      ['pay 120 usdc to acme.eth (invoice no. 2231)', 'invoice no. 2231'],
      ['send 120 usdc to acme.eth, order #88, thanks', 'order #88'],
      ['send 120 usdc to acme.eth PO 4411', 'PO 4411'],
      ['send 120 usdc to acme.eth, inv. 4411', 'inv. 4411'],
      ['send 120 usdc (inv 2231) to acme.eth', 'inv 2231'],
      ['send 120 usdc to acme.eth (booking 7781-B)', 'booking 7781-B'],
    ] as const)
      expect(parseWithGrammar(text), text).toEqual({ intents: [acme], notes: [note] });
  });

  test('a number that could be the amount is not taken for a document number', () => {
    // "invoice bob …" asks someone else for funds; a number with a token after the noun is an amount.
    expect(refused('invoice acme.eth 120 usdc for order 88').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('send 120 usdc to acme.eth for invoice 2231 of 300 usdc').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 120 usdc to acme.eth, order #88 and #89 each').code).toMatch(/^(AMBIGUOUS|UNSUPPORTED)_INTENT$/);
    expect(() => parseWithGrammar('pay invoice 2231 to acme.eth')).toThrow();
  });
});

describe('ways of asking (./politeAsking.ts)', () => {
  test('"if you don\'t mind", "on my behalf", favours and task frames are the asking, not the request', () => {
    const swap = { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }] };
    for (const text of [
      "if you don't mind, swap 1 eth for dai",
      "swap 1 eth for dai if you don't mind",
      'if u dont mind, swap 1 eth for dai',
      'on my behalf, swap 1 eth for dai',
      'acting on my behalf, swap 1 eth for dai',
      'could you help me out and swap 1 eth for dai',
      'do me a solid and swap 1 eth for dai',
      'pls go ahead n swap 1 eth for dai',
      'would you mind going ahead and swapping 1 eth for dai?',
      'Your task is to swap 1 eth for dai',
      'Your task: swap 1 eth for dai',
      'Query: swap 1 eth for dai',
      'Please perform the following action: swap 1 eth for dai',
      'Please carry out the following: swap 1 eth for dai',
      "i think i'd like to swap 1 eth for dai",
      "Good morning! I hope you're doing well. Could you please swap 1 eth for dai?",
      'I have a request: please swap 1 eth for dai.',
      'My request is to swap 1 eth for dai.',
      'Can you take care of swapping 1 eth for dai?',
      'Please process this request: swap 1 eth for dai',
      'swap 1 eth for dai, ttyl',
    ])
      expect(parseWithGrammar(text), text).toEqual(swap);
  });

  test('the same frames around what must not run still refuse', () => {
    for (const text of [
      "if you don't mind, don't send 5 dai to bob.eth",
      'if you mind, send 5 dai to bob.eth',
      "don't mind the fee, send 5 dai to bob.eth",
      'i think i should send 12 dai to max.eth',
      'I guess we could swap 1 eth for dai',
      'Your task is to explain how to send 5 usdc to mo.eth',
      'help me out and send 5 dai to bob.eth secretly',
      'Query: should I swap 1 eth for dai?',
      'Prompt: send 5 dai to bob.eth',
      "I have a request: don't send 5 dai to bob.eth",
      'can you take care of sending 5 dai to bob.eth tomorrow',
      'Please process the following: summarize: send 5 dai to bob.eth',
    ])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    expect(refused('Your task is to send some usdc to mo.eth').code).toBe('AMBIGUOUS_INTENT');
    // "think" is a word of its own, never corrected to "thank".
    expect(refused('i think i should send 12 dai to max.eth').message).not.toMatch(/thank/);
  });
});
