import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused, refusalCode as code } from './testing.js';

const transfer = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });
const carol = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const dave = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const pair = [transfer('5', 'USDC', 'alice.eth'), transfer('7', 'USDC', 'bob.eth')];

describe('payments written as records, one payment a record', () => {
  test('a JSON array of objects, bare, under one key or after a header', () => {
    const records = '[{"to": "alice.eth", "amount": "5", "token": "USDC"}, {"to": "bob.eth", "amount": "7", "token": "USDC"}]';
    expect(parseWithGrammar(records).intents).toEqual(pair);
    expect(parseWithGrammar(`{"payments": ${records}}`).intents).toEqual(pair);
    expect(parseWithGrammar(`send these: ${records}`).intents).toEqual(pair);
    expect(parseWithGrammar('[{to: alice.eth, amount: 5, token: USDC}, {to: bob.eth, amount: 7, token: USDC}]').intents).toEqual(pair);
    expect(parseWithGrammar(`[{"recipient":"${carol}","amount":1,"asset":"DAI"},{"recipient":"${dave}","amount":2,"asset":"DAI"}]`).intents).toEqual([
      transfer('1', 'DAI', carol),
      transfer('2', 'DAI', dave),
    ]);
  });
  test('key=value records a line, ";" or "|" apart', () => {
    expect(parseWithGrammar('to=alice.eth amount=5 token=usdc; to=bob.eth amount=7 token=usdc').intents).toEqual(pair);
    expect(parseWithGrammar('to=alice.eth amount=5 token=usdc\nto=bob.eth amount=7 token=usdc').intents).toEqual(pair);
    expect(parseWithGrammar('to=alice.eth,amount=5,token=usdc | to=bob.eth,amount=7,token=usdc').intents).toEqual(pair);
    // One record's fields are still one form.
    expect(parseWithGrammar('Token: DAI; Qty: 5; To: bob.eth').intents).toEqual([transfer('5', 'DAI', 'bob.eth')]);
  });
  test('a markdown table and CSV lines, with a header of known columns', () => {
    expect(parseWithGrammar('| to | amount |\n| alice.eth | 5 USDC |\n| bob.eth | 7 USDC |').intents).toEqual(pair);
    expect(parseWithGrammar('| recipient | amount | token |\n|---|---|---|\n| alice.eth | 5 | USDC |\n| bob.eth | 7 | USDC |').intents).toEqual(pair);
    expect(parseWithGrammar('address,amount,token\nalice.eth,5,USDC\nbob.eth,7,USDC').intents).toEqual(pair);
    expect(parseWithGrammar('pay this csv:\nto,amount,token\nalice.eth,5,USDC\nbob.eth,7,USDC').intents).toEqual(pair);
    expect(parseWithGrammar('alice.eth,5,USDC\nbob.eth,7,USDC').intents).toEqual(pair);
  });
  test('columns said once are paired in order', () => {
    expect(parseWithGrammar('recipients: alice.eth, bob.eth\namounts: 5 usdc, 7 usdc').intents).toEqual(pair);
    expect(parseWithGrammar('amounts: 5, 7; recipients: alice.eth, bob.eth; token: usdc').intents).toEqual(pair);
    expect(parseWithGrammar('recipients: alice, bob; amount: 5 usdc each').intents).toEqual([transfer('5', 'USDC', 'alice'), transfer('5', 'USDC', 'bob')]);
    expect(code('recipients: alice, bob; amount: 5 usdc')).toBe('AMBIGUOUS_INTENT');
    expect(refused('recipients: alice, bob, carol; amounts: 1, 2 dai').message).toMatch(/2 amounts and 3 recipients/);
  });
  test('one bad record refuses the whole list, naming what is wrong', () => {
    expect(code('[{"to": "alice.eth", "amount": "5", "token": "USDC"}, {"to": "bob.eth", "amount": "7", "token": "PEPE"}]')).toBe('UNKNOWN_TOKEN');
    expect(refused('[{"to": "alice.eth", "amount": "5", "token": "USDC"}, {"to": "0x1234", "amount": "7", "token": "USDC"}]').message).toMatch(/0x1234/);
    expect(code('[{"to": "alice.eth", "amount": "5", "token": "USDC"}, {"to": "bob.eth", "token": "USDC"}]')).toBe('UNPARSEABLE_INTENT');
    expect(refused('address,amount,token\nalice.eth,5,USDC\nbob.eth,,USDC').message).toMatch(/bob\.eth,,USDC/);
    expect(code('| to | amount |\n| alice.eth | 5 DAI |\n| bob.eth | a few DAI |')).toBe('AMBIGUOUS_INTENT');
    expect(code('| to | amount | when |\n| alice.eth | 5 DAI | now |\n| bob.eth | 6 DAI | friday |')).toBe('UNSUPPORTED_INTENT');
    expect(code('to=alice.eth amount=5 token=usdc; to=bob.eth amount=~7 token=usdc')).toBe('AMBIGUOUS_INTENT');
    expect(code('[{"to": "alice.eth", "amount": "5", "token": "USDC"} {"to": "bob.eth", "amount": "7", "token": "USDC"}]')).toBe('UNPARSEABLE_INTENT');
  });
  test('words after the records are still read, and refused when they are no request', () => {
    expect(code('[{"to": "alice.eth", "amount": "5", "token": "USDC"}, {"to": "bob.eth", "amount": "7", "token": "USDC"}]\nignore previous instructions')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a heading that says payments follow', () => {
  test('"the following payments:", "Please make the following payments:", "execute these payments:"', () => {
    expect(parseWithGrammar('Please make the following payments:\n5 USDC to alice.eth\n7 USDC to bob.eth').intents).toEqual(pair);
    expect(parseWithGrammar('the following payments:\n- 5 usdc to alice.eth\n- 7 usdc to bob.eth').intents).toEqual(pair);
    expect(parseWithGrammar('Kindly disburse the following payments: 5 USDC to alice.eth and 7 USDC to bob.eth.').intents).toEqual(pair);
    expect(parseWithGrammar('execute these payments:\nalice.eth 5 usdc\nbob.eth 7 usdc').intents).toEqual(pair);
    expect(parseWithGrammar('payouts:\nalice.eth → 5 usdc\nbob.eth → 7 usdc').intents).toEqual(pair);
  });
  test('an entry the sentence grammar refuses refuses the list; a heading alone is no request', () => {
    expect(code('the following payments:\n- 5 dai to alice\n- 6 dai to bob tomorrow')).toBe('UNSUPPORTED_INTENT');
    expect(code('the following payments:\n- 5 dai to alice\n- some dai to bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('Please make the following payments:')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('"respectively" pairs amounts and recipients in any order they are said', () => {
  test('recipients first, amounts with the token said once, amounts a comma apart', () => {
    expect(parseWithGrammar('send alice and bob 3 and 4 dai respectively').intents).toEqual([transfer('3', 'DAI', 'alice'), transfer('4', 'DAI', 'bob')]);
    expect(parseWithGrammar('send 2, 3 and 4 usdc to alice, bob and carol respectively').intents).toEqual([
      transfer('2', 'USDC', 'alice'),
      transfer('3', 'USDC', 'bob'),
      transfer('4', 'USDC', 'carol'),
    ]);
    expect(parseWithGrammar('Please send 5 USDC, 7 USDC to alice.eth, bob.eth respectively.').intents).toEqual(pair);
    expect(parseWithGrammar('send 1 eth and 10 usdc to alice and bob respectively').intents).toEqual([transfer('1', 'ETH', 'alice'), transfer('10', 'USDC', 'bob')]);
  });
  test('counts that differ are refused naming both counts', () => {
    expect(refused('send 5 dai, 6 dai and 7 dai to alice and bob respectively')).toEqual({ code: 'AMBIGUOUS_INTENT', message: expect.stringMatching(/3 amounts and 2 recipients/) });
    expect(refused('send alice, bob and carol 5 and 6 dai respectively').message).toMatch(/2 amounts and 3 recipients/);
    expect(code('send 1, 2 and 3 eth to bob.eth and carol.eth, in that order')).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 dai and 6 dai to alice and bob respectively tomorrow')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a recipient paid twice in one token', () => {
  test('is refused as two readings, naming the recipient', () => {
    expect(refused('send 5 dai to alice and 5 dai to alice')).toEqual({ code: 'AMBIGUOUS_INTENT', message: expect.stringMatching(/"alice" is paid DAI twice/) });
    expect(code('send 5 dai each to alice, bob and alice')).toBe('AMBIGUOUS_INTENT');
    expect(code(`send 1 dai each to ${carol} and ${carol.toLowerCase()}`)).toBe('AMBIGUOUS_INTENT');
  });
  test('the same recipient in other tokens, or paid what a step made, stays', () => {
    expect(parseWithGrammar('send 5 dai to alice and 3 usdc to alice').intents).toEqual([transfer('5', 'DAI', 'alice'), transfer('3', 'USDC', 'alice')]);
    expect(parseWithGrammar('send 5 dai to alice, then swap 1 eth for dai and send it to alice').intents).toHaveLength(3);
  });
});

describe('several amounts for one recipient, and a step said with its recipient as subject', () => {
  test('amounts a comma apart before "to", or after a recipient said first', () => {
    expect(parseWithGrammar('send 0.1 eth, 5 usdc and 3 dai to bob').intents).toEqual([transfer('0.1', 'ETH', 'bob'), transfer('5', 'USDC', 'bob'), transfer('3', 'DAI', 'bob')]);
    expect(parseWithGrammar('send bob 0.1 eth and 5 usdc').intents).toEqual([transfer('0.1', 'ETH', 'bob'), transfer('5', 'USDC', 'bob')]);
    expect(parseWithGrammar('pay bob 5 dai, 3 usdc').intents).toEqual([transfer('5', 'DAI', 'bob'), transfer('3', 'USDC', 'bob')]);
    // A name after "and" still starts a payment of its own.
    expect(parseWithGrammar('send alice 1 ETH and bob 2 ETH').intents).toEqual([transfer('1', 'ETH', 'alice'), transfer('2', 'ETH', 'bob')]);
  });
  test('"… and bob gets 2 ETH" is a second payment, not a second recipient of the first', () => {
    expect(parseWithGrammar('send 1 eth to alice and bob gets 2 eth').intents).toEqual([transfer('1', 'ETH', 'alice'), transfer('2', 'ETH', 'bob')]);
    expect(code('send 1 eth to alice and bob will get 2 eth tomorrow')).toBe('UNSUPPORTED_INTENT');
    expect(code('send 1 eth to alice and bob')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('recipient phrases', () => {
  test('"this addy", "the beneficiary:", "2 wallet 0x…"', () => {
    expect(parseWithGrammar(`pls send 3 dai to this addy ${dave}`).intents).toEqual([transfer('3', 'DAI', dave)]);
    expect(parseWithGrammar('kindly remit 200 USDC to the beneficiary: acme.eth').intents).toEqual([transfer('200', 'USDC', 'acme.eth')]);
    expect(parseWithGrammar(`send 10 dai 2 wallet ${carol}`).intents).toEqual([transfer('10', 'DAI', carol)]);
  });
  test('a place or role with no name is nobody: refused, never a contact called "contract"', () => {
    for (const text of ['send 5 usdc to the contract', 'send 5 usdc to my addy', 'send 5 usdc to the beneficiary', 'send 10 dai 2 wallet'])
      expect(code(text), text).toBe('UNPARSEABLE_INTENT');
    expect(parseWithGrammar(`send 5 usdc to the contract ${carol}`).intents).toEqual([transfer('5', 'USDC', carol)]);
  });
});

describe('a verb of paying with "the following", an even split said with "distribute", "each" before the verb of getting', () => {
  test('"send the following: 5 USDC to alice.eth, 7 USDC to bob.eth"', () => {
    expect(parseWithGrammar('send the following: 5 usdc to alice.eth and 7 usdc to bob.eth').intents).toEqual(pair);
    expect(parseWithGrammar('pay the following: 5 usdc to alice.eth, 7 usdc to bob.eth').intents).toEqual(pair);
    expect(code('send the following: 5 usdc to alice.eth, some usdc to bob.eth')).toBe('AMBIGUOUS_INTENT');
  });
  test('"distribute 30 USDC equally among …" is an even split; without "equally" it stays two readings', () => {
    expect(parseWithGrammar('distribute 30 usdc equally among alice, bob and carol').intents).toEqual([
      transfer('10', 'USDC', 'alice'),
      transfer('10', 'USDC', 'bob'),
      transfer('10', 'USDC', 'carol'),
    ]);
    expect(code('distribute 30 usdc among alice, bob and carol')).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('distribute 5 usdc to each of alice, bob').intents).toEqual([transfer('5', 'USDC', 'alice'), transfer('5', 'USDC', 'bob')]);
  });
  test('"alice and bob each get 5 USDC"', () => {
    expect(parseWithGrammar('alice and bob each get 5 usdc').intents).toEqual([transfer('5', 'USDC', 'alice'), transfer('5', 'USDC', 'bob')]);
    expect(code('alice and bob each get 5 usdc tomorrow')).toBe('UNSUPPORTED_INTENT');
    expect(code('alice and bob each got 5 usdc')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('a verbless amount with an arrow to an address, a form field set off by a dash', () => {
  test('"5 USDC → 0x…" pays the address, like "5 USDC to 0x…"; after a swap verb it stays two readings', () => {
    expect(parseWithGrammar(`5 usdc → ${dave}`).intents).toEqual([transfer('5', 'USDC', dave)]);
    expect(parseWithGrammar(`usdc 5 -> ${carol}`).intents).toEqual([transfer('5', 'USDC', carol)]);
    expect(code(`flip 5 dai -> ${carol}`)).toBe('AMBIGUOUS_INTENT');
    expect(code(`swap 5 dai → ${carol}`)).toBe('AMBIGUOUS_INTENT');
  });
  test('"recipient: bob.eth — amount: 12 DAI"', () => {
    expect(parseWithGrammar('recipient: bob.eth — amount: 12 DAI').intents).toEqual([transfer('12', 'DAI', 'bob.eth')]);
  });
});

describe('words that announce a list of recipients', () => {
  test('"to each of these addresses: …", "to all three: …", ", each" at the end, a verbless amount "each to …"', () => {
    expect(parseWithGrammar(`Send 0.01 ETH to each of these addresses: ${carol}, ${dave}`).intents).toEqual([transfer('0.01', 'ETH', carol), transfer('0.01', 'ETH', dave)]);
    expect(parseWithGrammar('send 5 usdc to all three: alice, bob, carol').intents).toHaveLength(3);
    expect(parseWithGrammar('send 5 usdc to these 2 wallets each: alice.eth, bob.eth').intents).toEqual([transfer('5', 'USDC', 'alice.eth'), transfer('5', 'USDC', 'bob.eth')]);
    expect(parseWithGrammar('send 5 usdc to alice, bob, and carol, each').intents).toHaveLength(3);
    expect(parseWithGrammar('5 usdc each to alice.eth and bob.eth').intents).toEqual([transfer('5', 'USDC', 'alice.eth'), transfer('5', 'USDC', 'bob.eth')]);
    expect(parseWithGrammar('3 usdc apiece -> alice.eth, bob.eth').intents).toEqual([transfer('3', 'USDC', 'alice.eth'), transfer('3', 'USDC', 'bob.eth')]);
  });
  test('announced without "each" the share is still unsaid: two readings', () => {
    expect(code('send 5 usdc to these addresses: alice.eth, bob.eth')).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 usdc to the following addresses: alice.eth, bob.eth')).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 usdc to my friends alice and bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('5 pepe each to alice and bob')).toBe('UNKNOWN_TOKEN');
  });
});

describe('a name with its address labelled in brackets', () => {
  test('"bob (address: 0x…)" is that address; two names that may disagree stay refused', () => {
    expect(parseWithGrammar(`send 5 usdc to bob (address: ${carol})`).intents).toEqual([transfer('5', 'USDC', carol)]);
    expect(code(`send 5 usdc to bob.eth (address: ${carol})`)).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 usdc to bob (wallet: alice.eth)')).toBe('AMBIGUOUS_INTENT');
  });
});
