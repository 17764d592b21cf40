import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const transfer = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });
const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const intents = (text: string) => parseWithGrammar(text).intents;

describe('recipient phrases other tools write (./recipientsLists.ts)', () => {
  test('a name labelled with its address or ENS name in other words is that address', () => {
    for (const text of [
      `send 7 usdc to bob, his address is ${A}`,
      `send 7 usdc to bob, it's ${A}`,
      `send 7 usdc to bob whose address is ${A}`,
      `send 7 usdc to bob: ${A}`,
    ])
      expect(intents(text), text).toEqual([transfer('7', 'USDC', A)]);
    expect(intents('send 3 dai to carol, ens carol.eth')).toEqual([transfer('3', 'DAI', 'carol.eth')]);
    expect(intents('send 3 dai to carol (ENS: carol.eth)')).toEqual([transfer('3', 'DAI', 'carol.eth')]);
    expect(intents('send 3 dai to carol, her ens is carol.eth')).toEqual([transfer('3', 'DAI', 'carol.eth')]);
  });
  test('an ENS name that is not the name\'s own, or two addresses, are two recipients: refused', () => {
    for (const text of ['send 3 dai to carol, her ens is dave.eth', 'send 3 dai to carol (ENS: dave.eth)', `send 7 usdc to bob, his address is ${A} or ${B}`])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
  });
  test('the recipient\'s field after the token, brackets, slips of "address" and words for an account', () => {
    for (const text of ['send 5 dai (recipient: bob.eth)', 'send 4 dai, receiver bob.eth', 'send 5 dai to <bob.eth>', 'send 5 dai to [bob.eth]', 'send 5 dai to to bob.eth', 'send 5 dai to adddress bob.eth'])
      expect(intents(text), text).toEqual([transfer('5', 'DAI', 'bob.eth')].map((i) => ({ ...i, amount: text.includes('4 dai') ? '4' : '5' })));
    for (const text of [`send 5 dai dest=${A}`, `send 5 dai here: ${A}`, `send 5 dai to acct ${A}`, `send 5 dai to EOA ${A}`, `send 5 dai to adress ${A}`, `send 5 dai to walet ${A}`])
      expect(intents(text), text).toEqual([transfer('5', 'DAI', A)]);
  });
  test('the recipient first with a colon', () => {
    expect(intents('to bob: 5 usdc')).toEqual([transfer('5', 'USDC', 'bob')]);
    expect(intents('send to bob.eth: 5 DAI')).toEqual([transfer('5', 'DAI', 'bob.eth')]);
  });
  test('an account word, a relation of another name or a group is no recipient: refused', () => {
    for (const text of ['send 5 dai to acct', 'send 5 dai to the EOA', 'send 5 DAI to vitalik.eth\'s brother', 'send 4 DAI to receiver:', 'send 15 USDC here:'])
      expect(code(text), text).toBe('UNPARSEABLE_INTENT');
    expect(intents('send 5 DAI to alice.eth\'s wallet')).toEqual([transfer('5', 'DAI', 'alice.eth')]);
    for (const text of ['send 5 dai each to alice, bob and the others', 'send 5 dai each to alice and the rest'])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
  });
  test('an aside naming another account or changing the amount is refused, never kept as a note', () => {
    for (const text of ['send 5 dai to bob (alice\'s wallet)', 'send 5 dai to bob, but double', 'send 5 dai to alice, same for bob, but double', 'send 5 dai to bob (twice as much)'])
      expect(code(text), text).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('send 5 dai to bob for a double espresso').notes).toEqual(['for a double espresso']);
    expect(parseWithGrammar('send 5 dai to bob for alice\'s birthday').notes).toEqual(["for alice's birthday"]);
  });
});

describe('lists in other shapes (./recipientsLists.ts)', () => {
  test('joiners between two whole payments say "and"', () => {
    for (const text of [
      'send 5 dai to alice as well as 7 dai to bob',
      'send 5 dai to alice plus 7 dai to bob',
      'send 5 dai to alice & 7 dai to bob',
      'send 5 dai to alice / 7 dai to bob',
      'send alice 5 dai plus bob 7 dai',
      'sned 5 dai to alice adn 7 dai to bob',
      'give alice 5 dai and bob 7',
    ])
      expect(intents(text), text).toEqual([transfer('5', 'DAI', 'alice'), transfer('7', 'DAI', 'bob')]);
  });
  test('a joiner between names with one amount, or a slash as "or", stays refused', () => {
    for (const text of ['send 5 dai to alice as well as bob', 'send 5 dai to alice & bob', 'send 5 dai to alice / bob', 'send 5 dai to alice plus bob', 'send 5 usdc to alice and half to bob'])
      expect(code(text), text).not.toBe(undefined);
    for (const text of ['send 5 dai to alice as well as bob', 'send 5 dai to alice & bob', 'send 5 dai to alice / bob']) expect(code(text), text).toBe('AMBIGUOUS_INTENT');
  });
  test('a share per person, a piece or each one is "each"', () => {
    for (const text of ['send 5 dai per person to alice and bob', 'send 5 dai a piece to alice and bob', 'send to alice and bob 5 dai each one', `send 5 dai per wallet to alice and bob`])
      expect(intents(text), text).toEqual([transfer('5', 'DAI', 'alice'), transfer('5', 'DAI', 'bob')]);
    expect(code('send 5 dai per person')).toBe('UNPARSEABLE_INTENT');
  });
  test('names one a line after "each of:", and lines of address and amount under a verb and token', () => {
    expect(intents('send 5 dai to each of:\n- alice\n- bob')).toEqual([transfer('5', 'DAI', 'alice'), transfer('5', 'DAI', 'bob')]);
    expect(intents(`send 5 dai to each address:\n${A}\n${B}`)).toEqual([transfer('5', 'DAI', A), transfer('5', 'DAI', B)]);
    for (const text of [`send DAI:\n${A},5\n${B},7`, `send DAI to:\n${A} 5\n${B} 7`, `send DAI\naddress,amount\n${A},5\n${B},7`])
      expect(intents(text), text).toEqual([transfer('5', 'DAI', A), transfer('7', 'DAI', B)]);
    expect(intents('send DAI: alice.eth 5, bob.eth 7')).toEqual([transfer('5', 'DAI', 'alice.eth'), transfer('7', 'DAI', 'bob.eth')]);
  });
  test('a line without its amount, a word for an amount, or names without "each" stay refused', () => {
    for (const text of [`send DAI:\n${A},5\n${B}`, `send DAI:\n${A},5\n${B},seven`, `send DAI:\n${A}\n${B}`]) expect(code(text), text).toBe('UNPARSEABLE_INTENT');
    expect(code('send 5 dai to: alice, bob')).toBe('AMBIGUOUS_INTENT');
  });
  test('splits said with a colon, "down the middle" or "into equal parts"', () => {
    expect(intents('split 30 dai evenly: alice, bob, carol')).toEqual([transfer('10', 'DAI', 'alice'), transfer('10', 'DAI', 'bob'), transfer('10', 'DAI', 'carol')]);
    expect(intents('split 30 usdc three ways: alice, bob, carol').map((i) => i.amount)).toEqual(['10', '10', '10']);
    expect(intents('split 20 usdc down the middle between alice and bob')).toEqual([transfer('10', 'USDC', 'alice'), transfer('10', 'USDC', 'bob')]);
    expect(intents('split 20 usdc into equal parts for alice and bob')).toEqual([transfer('10', 'USDC', 'alice'), transfer('10', 'USDC', 'bob')]);
    expect(code('split 30 usdc three ways: alice, bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('split 30 dai: alice, bob')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('more recipient and split shapes (./recipientsLists.ts)', () => {
  test('a mark after the account word, "aka", and "from me" before the recipient', () => {
    expect(intents(`send 0.5 eth to this wallet - ${A}`)).toEqual([transfer('0.5', 'ETH', A)]);
    expect(intents('send 20 usdc to ens: bob.eth')).toEqual([transfer('20', 'USDC', 'bob.eth')]);
    expect(intents('send 25 dai to Bob aka bob.eth')).toEqual([transfer('25', 'DAI', 'bob.eth')]);
    expect(code('send 25 dai to Bob aka alice.eth')).toBe('AMBIGUOUS_INTENT');
    expect(intents('send 20 usdc from me to bob')).toEqual([transfer('20', 'USDC', 'bob')]);
    expect(code('bob gets 5 dai from alice')).toBe('UNSUPPORTED_INTENT');
  });
  test('a split said after the verb, shares "to" or "across", "each:" and "to every address below:"', () => {
    const three = [transfer('10', 'DAI', 'alice'), transfer('10', 'DAI', 'bob'), transfer('10', 'DAI', 'carol')];
    expect(intents('send a total of 30 dai split evenly between alice, bob and carol')).toEqual(three);
    expect(intents('distribute 30 dai evenly to alice, bob and carol')).toEqual(three);
    expect(intents('distribute 30 dai equally across alice, bob and carol')).toEqual(three);
    expect(intents('send 2 eth split equally between alice.eth and bob.eth')).toEqual([transfer('1', 'ETH', 'alice.eth'), transfer('1', 'ETH', 'bob.eth')]);
    expect(intents('send 5 dai each: alice, bob')).toEqual([transfer('5', 'DAI', 'alice'), transfer('5', 'DAI', 'bob')]);
    expect(intents(`send 0.1 ETH to every address below:\n${A}\n${B}`)).toEqual([transfer('0.1', 'ETH', A), transfer('0.1', 'ETH', B)]);
    for (const text of ['send 2 eth split between alice and bob', 'distribute 30 dai evenly to alice', 'send 2 eth split equally between alice'])
      expect(() => intents(text), text).toThrow();
  });
});

describe('a payment told as facts, then one command (./recipientsLists.ts)', () => {
  test('one recipient clause, one amount clause and "send it" are the payment', () => {
    expect(intents('the recipient is carol.eth, amount 7 DAI, send it')).toEqual([transfer('7', 'DAI', 'carol.eth')]);
    expect(intents('The recipient is dave.eth; the amount is 30 DAI. Please send it.')).toEqual([transfer('30', 'DAI', 'dave.eth')]);
    expect(intents('the amount is 7 DAI, the recipient is bob, send it')).toEqual([transfer('7', 'DAI', 'bob')]);
  });
  test('without the command, with a clause twice, a time or a negation: refused', () => {
    for (const text of [
      'the recipient is carol.eth, amount 7 DAI',
      "the recipient is carol.eth, amount 7 DAI, don't send it",
      'the recipient is carol.eth, amount 7 DAI, send it tomorrow',
      'the recipient is carol.eth, the recipient is bob.eth, amount 7 DAI, send it',
      'send it. the recipient is carol.eth, amount 7 DAI',
    ])
      expect(() => intents(text), text).toThrow();
  });
});

describe('"too" misspelling "to" before a recipient', () => {
  test('is read as "to", while a trailing "too" (also) is still dropped', () => {
    expect(intents('send 3 usdc too carol and 4 usdc too dave')).toEqual([transfer('3', 'USDC', 'carol'), transfer('4', 'USDC', 'dave')]);
    expect(intents('send 2 dai too carol on base')).toEqual([{ ...transfer('2', 'DAI', 'carol'), chain: 'base' }]);
    expect(intents('send 2 dai to carol too')).toEqual([transfer('2', 'DAI', 'carol')]);
  });
});
