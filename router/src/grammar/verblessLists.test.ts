import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused, refusalCode as code } from './testing.js';

const transfer = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });
const carol = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const dave = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

describe('numbers with a dot and three digits after it', () => {
  test('"1.000" and "2.500" may be thousands written the European way: refused, never read as 1 or 2.5', () => {
    for (const text of ['send 1.000 dai to bob', 'send 2.500 usdc to bob', 'swap 10.000 usdc for dai', 'send 100.250 dai to bob'])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    expect(refused('send 1.000 dai to bob').message).toMatch(/1 with a decimal point, or 1000/);
  });
  test('a decimal no thousands reading fits still parses', () => {
    expect(parseWithGrammar('send 1.125 eth to bob').intents).toEqual([transfer('1.125', 'ETH', 'bob')]);
    expect(parseWithGrammar('send 0.500 eth to bob').intents).toEqual([transfer('0.5', 'ETH', 'bob')]);
    expect(parseWithGrammar('send 1,000 dai to bob').intents).toEqual([transfer('1000', 'DAI', 'bob')]);
    expect(parseWithGrammar('send 2.50 usdc to bob').intents).toEqual([transfer('2.5', 'USDC', 'bob')]);
  });
});

describe('a verbless list of payments, recipient first', () => {
  test('each entry is a payment, with or without a header', () => {
    expect(parseWithGrammar('payouts: carol.eth 30 usdc, dave.eth 15 usdc').intents).toEqual([transfer('30', 'USDC', 'carol.eth'), transfer('15', 'USDC', 'dave.eth')]);
    expect(parseWithGrammar('carol 3 dai, dave 4 dai').intents).toEqual([transfer('3', 'DAI', 'carol'), transfer('4', 'DAI', 'dave')]);
    expect(parseWithGrammar('alice.eth: 5 usdc; bob.eth: 7 usdc').intents).toEqual([transfer('5', 'USDC', 'alice.eth'), transfer('7', 'USDC', 'bob.eth')]);
    expect(parseWithGrammar(`payments:\n${carol} 1 eth\n${dave} 2 eth`).intents).toEqual([transfer('1', 'ETH', carol), transfer('2', 'ETH', dave)]);
    expect(parseWithGrammar('payout: bob.eth 5 dai').intents).toEqual([transfer('5', 'DAI', 'bob.eth')]);
  });
  test('what the sentence grammar refuses inside a list is still refused', () => {
    expect(code('alice 5 dai, bob 6 dai yesterday')).toBe('UNSUPPORTED_INTENT');
    expect(code('payouts: alice.eth 40 usdc, bob.eth 25 usdc every friday')).toBe('UNSUPPORTED_INTENT');
    expect(() => parseWithGrammar('alice 5 dai, bob 6 pepe')).toThrow();
  });
  test('an entry that does not pair a name with an amount and token, a verb or a token as a name: not a list', () => {
    for (const text of ['alice 5 dai, bob', 'alice 5 dai', 'swap 5 dai, bob 6 dai', 'usdc 5 dai, bob 6 dai', 'alice some dai, bob 6 dai'])
      expect(() => parseWithGrammar(text), text).toThrow();
  });
});

describe('recipient phrases', () => {
  test('the recipient as a field after the amount', () => {
    expect(parseWithGrammar(`send 0.1 eth recipient: ${carol}`).intents).toEqual([transfer('0.1', 'ETH', carol)]);
    expect(parseWithGrammar('send 0.1 eth; recipient: dave.eth').intents).toEqual([transfer('0.1', 'ETH', 'dave.eth')]);
    expect(parseWithGrammar('send 3 dai, destination: bob.eth').intents).toEqual([transfer('3', 'DAI', 'bob.eth')]);
  });
  test('a word describing the place an address names', () => {
    expect(parseWithGrammar(`send 2 dai to the destination wallet ${dave}`).intents).toEqual([transfer('2', 'DAI', dave)]);
    expect(parseWithGrammar(`send 1 eth to my second wallet ${carol}`).intents).toEqual([transfer('1', 'ETH', carol)]);
    // Without the address the place says not which: refused, never a contact named "destination".
    expect(() => parseWithGrammar('send 2 dai to the destination wallet')).toThrow();
  });
  test('the wallet ending in some digits is the address only when the address ends with them', () => {
    expect(parseWithGrammar(`send 8 dai to the wallet ending in b906 (${dave})`).intents).toEqual([transfer('8', 'DAI', dave)]);
    expect(parseWithGrammar(`send 8 dai to the address ending ...B906, ${dave}`).intents).toEqual([transfer('8', 'DAI', dave)]);
    expect(code(`send 8 dai to the wallet ending in b906 (${carol})`)).toBe('AMBIGUOUS_INTENT');
    expect(code('send 8 dai to the wallet ending in b906')).toBe('UNPARSEABLE_INTENT');
  });
  test('a name with its address after a comma; an ENS name "at" an address may disagree', () => {
    expect(parseWithGrammar(`send 9 dai to bob, address ${carol}`).intents).toEqual([transfer('9', 'DAI', carol)]);
    expect(code(`send 8 dai to bob.eth at ${carol}`)).toBe('AMBIGUOUS_INTENT');
  });
});

describe('"respectively": the n-th amount to the n-th recipient', () => {
  test('as many amounts as recipients pair one to one', () => {
    expect(parseWithGrammar('send 5 dai and 6 dai to alice and bob respectively').intents).toEqual([transfer('5', 'DAI', 'alice'), transfer('6', 'DAI', 'bob')]);
    expect(parseWithGrammar('Please send 10 USDC and 20 DAI to carol.eth and dave.eth, respectively.').intents).toEqual([transfer('10', 'USDC', 'carol.eth'), transfer('20', 'DAI', 'dave.eth')]);
    expect(parseWithGrammar('send 1 eth and 2 eth to alice and bob in that order').intents).toEqual([transfer('1', 'ETH', 'alice'), transfer('2', 'ETH', 'bob')]);
  });
  test('counts that differ, or one amount, cannot be paired: refused', () => {
    for (const text of ['send 5 dai and 6 dai to alice, bob and carol respectively', 'send 5 dai to alice and bob respectively'])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
  });
});

describe('the recipient as the subject, confirmed by a command to pay', () => {
  test('"can bob have …", "bob needs …, send it", "… from me, send it"', () => {
    expect(parseWithGrammar('can bob.eth have 2 usdc please').intents).toEqual([transfer('2', 'USDC', 'bob.eth')]);
    expect(parseWithGrammar('dave.eth needs 8 usdc, can you send it').intents).toEqual([transfer('8', 'USDC', 'dave.eth')]);
    expect(parseWithGrammar('bob.eth is owed 5 usdc by me, pay him').intents).toEqual([transfer('5', 'USDC', 'bob.eth')]);
    expect(parseWithGrammar('carol should get 3 dai from me, send it').intents).toEqual([transfer('3', 'DAI', 'carol')]);
  });
  test('a want told without a command, with a time, a negation or another payer: refused', () => {
    for (const text of ['bob.eth needs 5 usdc', 'bob wants 5 dai, send it tomorrow', "bob wants 5 dai, don't send it", 'can alice.eth have 3 dai from bob', 'bob wants 5 dai, send it to alice'])
      expect(code(text), text).toBe('UNSUPPORTED_INTENT');
  });
});

describe('the recipient said first, lists written as steps, references', () => {
  test('"Recipient: carol.eth. Please send 20 DAI." pays carol.eth; a second recipient in the request is refused', () => {
    expect(parseWithGrammar('Recipient: carol.eth. Please send 20 DAI.').intents).toEqual([transfer('20', 'DAI', 'carol.eth')]);
    expect(parseWithGrammar('the recipient is bob.eth, send 4 usdc').intents).toEqual([transfer('4', 'USDC', 'bob.eth')]);
    expect(() => parseWithGrammar('recipient: bob.eth, send 4 usdc to alice')).toThrow();
  });
  test('quotes, "+", step numbers between steps', () => {
    expect(parseWithGrammar("send 4 usdc to 'dave'").intents).toEqual([transfer('4', 'USDC', 'dave')]);
    expect(parseWithGrammar('send 5 dai to alice + 6 dai to bob').intents).toEqual([transfer('5', 'DAI', 'alice'), transfer('6', 'DAI', 'bob')]);
    expect(parseWithGrammar('1) send 3 usdc to carol 2) send 4 usdc to dave').intents).toEqual([transfer('3', 'USDC', 'carol'), transfer('4', 'USDC', 'dave')]);
  });
  test('"al my" is "all my" only before my/of/the; "al" alone stays a name', () => {
    expect(parseWithGrammar('swap al my dai to eth').intents).toEqual([{ action: 'swap', amount: 'all', token: 'DAI', tokenOut: 'ETH' }]);
    expect(parseWithGrammar('send 5 dai to al').intents).toEqual([transfer('5', 'DAI', 'al')]);
  });
  test('"them all", "everything I got" refer to the step before, and to nothing without one', () => {
    expect(parseWithGrammar('swap 1 eth for usdc then send them all to bob').intents[1]).toEqual(transfer('previous', 'USDC', 'bob'));
    expect(parseWithGrammar('swap 1 eth for usdc and then send everything I got to carol').intents[1]).toEqual(transfer('previous', 'USDC', 'carol'));
    expect(code('send everything I got to carol')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('someone\u2019s wallet', () => {
  test('"put 20 DAI into bob\u2019s wallet" pays bob; two possessives for one amount are two recipients', () => {
    expect(parseWithGrammar("put 20 dai into bob's wallet").intents).toEqual([transfer('20', 'DAI', 'bob')]);
    expect(parseWithGrammar('put 20 dai into aave').intents).toEqual([{ action: 'supply', amount: '20', token: 'DAI', venue: 'aave' }]);
    expect(code("send 5 dai to bob's wallet and alice's wallet")).toBe('AMBIGUOUS_INTENT');
  });
});
