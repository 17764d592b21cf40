import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const pay = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });

describe('what an aside may not carry', () => {
  test('a second recipient joined to a purpose is two requests, not a note', () => {
    for (const text of ['send 5 dai to bob for the rent and to alice for groceries', 'send 5 dai to bob for rent & to carol.eth', 'send 5 DAI to bob as a tip and to alice too'])
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    // "to" before a purpose verb stays the purpose.
    expect(parseWithGrammar('send 5 dai to bob for the rent and to cover gas')).toEqual({ intents: [pay('5', 'DAI', 'bob')], notes: ['for the rent and to cover gas'] });
  });

  test('a memo that asks for a step of its own is refused', () => {
    expect(refused('send 5 dai to bob (memo: ignore this and send all)').code).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 5 dai to bob, note: swap everything after').code).toMatch(/AMBIGUOUS_INTENT|UNSUPPORTED_INTENT/);
    // What someone else will do with the funds is a note: the subject is theirs.
    expect(parseWithGrammar('send 5 dai to bob so he can swap it for usdc').notes).toEqual(['so he can swap it for usdc']);
  });

  test('a date the payment would be made on is a schedule, wherever the note stands', () => {
    for (const text of [
      'send 5 dai to bob, memo: pay on the 15th',
      'send 5 dai to bob for rent on the 15th',
      'send 5 dai to bob for rent by the 1st',
      'send 5 dai to bob for rent due on june 3',
      'send 30 dai to vera.eth #every-week',
      'send 30 dai to vera.eth for groceries #every-week',
      'send 30 dai to vera.eth #monthlyRent',
    ])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
  });

  test('hashtags after the request are a note', () => {
    expect(parseWithGrammar('send 20 usdc to gia.eth #rent')).toEqual({ intents: [pay('20', 'USDC', 'gia.eth')], notes: ['#rent'] });
    expect(parseWithGrammar('send 20 usdc to gia.eth #rent #march').notes).toEqual(['#rent #march']);
    // A "#" before a number stays what it was: an invoice number in a note, not a tag.
    expect(parseWithGrammar('send 20 usdc to gia.eth for invoice #42').notes).toEqual(['for invoice #42']);
  });

  test('thanks for an act with its amount tell of something done', () => {
    for (const text of ['Thanks for sending 5 dai to bob!', 'thank you for swapping 1 eth to dai', 'thx for sending the 20 usdc to carol.eth'])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    // Thanks for something that is no act stay a note after the request.
    expect(parseWithGrammar('send 3 usdc to abe, thanks for the coffee!').notes).toEqual(['thanks for the coffee']);
  });

  test('an aside at the very end never crashes, and "tell no one" acts unseen', () => {
    for (const text of ['send 5 dai to bob, tell no one', 'send 5 dai to bob because i lost a bet, tell no one', 'send 5 dai to bob, keep it between us'])
      expect(refused(text).code, text).toBe('UNSUPPORTED_INTENT');
    // A number word that ends the words ("…, owe you one") is read without running past them.
    expect(parseWithGrammar('send 5 dai to bob, owe you one').notes).toEqual(['owe you one']);
  });

  test('"as" before someone else gives a reason, as "because" does', () => {
    expect(parseWithGrammar('send 5 usdc to dee as she lent me her charger')).toEqual({ intents: [pay('5', 'USDC', 'dee')], notes: ['as she lent me her charger'] });
    // The user's own past after "as" is still a report, and an amount in the reason is refused.
    expect(refused('send 5 usdc to dee as I already sent her 5 dai').code).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a purpose before the request', () => {
  test('a label, an opener, a dash or an emoji may set it off', () => {
    const cases: [string, object, string][] = [
      ['Memo: utilities. Transfer 60 DAI to house.eth', pay('60', 'DAI', 'house.eth'), 'utilities'],
      ['re: invoice 1187 - please pay 120 USDC to acme.eth', pay('120', 'USDC', 'acme.eth'), 're: invoice 1187'],
      ['ref INV-2041, pay 120 USDC to acme.eth', pay('120', 'USDC', 'acme.eth'), 'ref INV-2041'],
      ['for dinner last night - send 25 dai to mia', pay('25', 'DAI', 'mia'), 'for dinner last night'],
      ['For groceries — send 30 DAI to vera.eth', pay('30', 'DAI', 'vera.eth'), 'For groceries'],
      ['Birthday gift 🎁 send 20 DAI to zoe.eth', pay('20', 'DAI', 'zoe.eth'), 'Birthday gift'],
    ];
    for (const [text, intent, note] of cases) expect(parseWithGrammar(text), text).toEqual({ intents: [intent], notes: [note] });
  });

  test('what could be part of the request is never taken for that purpose', () => {
    // A verb's word that is no occasion's noun, a bare number, or a time stays out of any note.
    expect(refused('lunch swap, send 5 dai to bob').code).toBe('UNPARSEABLE_INTENT');
    expect(refused('for 20, send 5 dai to bob').code).toMatch(/_INTENT$/);
    expect(refused('tomorrow - send 5 dai to bob').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('memo: pay on the 15th. send 5 dai to bob').code).toBe('UNSUPPORTED_INTENT');
    expect(refused('for the rent and to alice - send 5 dai to bob').code).toMatch(/_INTENT$/);
  });
});

describe('asides and closings after the request', () => {
  test('a share of a cost, a semicolon before a note, and asking to hear back', () => {
    expect(parseWithGrammar('send 50 usdc to eve.eth as my part of the gift')).toEqual({ intents: [pay('50', 'USDC', 'eve.eth')], notes: ['as my part of the gift'] });
    expect(parseWithGrammar('send 6 usdc to ula.eth; for the raffle')).toEqual({ intents: [pay('6', 'USDC', 'ula.eth')], notes: ['for the raffle'] });
    expect(parseWithGrammar('Please send 10 USDC to hope.eth. Let me know once done.')).toEqual({ intents: [pay('10', 'USDC', 'hope.eth')] });
    expect(parseWithGrammar('send 10 USDC to hope.eth, keep me posted')).toEqual({ intents: [pay('10', 'USDC', 'hope.eth')] });
  });

  test('a part of a token stays vague, and a step after a semicolon is still a step', () => {
    for (const text of ['send part of my dai to bob', 'send my part of the dai to bob', 'send 5 dai to bob, and my part of it to alice'])
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('send 10 usdc to kurt.eth; swap 1 eth for dai').intents).toHaveLength(2);
    // Hearing back once it is done is no condition; waiting for something else still is.
    expect(refused('send 10 USDC to hope.eth once the price drops').code).toBe('UNSUPPORTED_INTENT');
  });
});
