import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused, refusalCode as code } from './testing.js';

const one = (text: string) => parseWithGrammar(text).intents;
const pay = (amount: string, token: string, to: string) => [{ action: 'transfer', amount, token, to }];

describe('asking for help or assistance before the request (./askingForHelp.ts)', () => {
  test('a helping verb, who is helped and a joining particle, then the request', () => {
    for (const text of [
      'Could you assist me in sending 4 DAI to bob.eth?', 'Kindly assist me with sending 4 DAI to bob.eth', 'assist me to send 4 dai to bob.eth',
      'can you assist with sending 4 dai to bob.eth', 'help me with sending 4 dai to bob.eth', 'help us in sending 4 dai to bob.eth',
      'I need assistance sending 4 dai to bob.eth', 'I need your help with sending 4 dai to bob.eth', "I'd like your assistance in sending 4 dai to bob.eth",
    ])
      expect(one(text)).toEqual(pay('4', 'DAI', 'bob.eth'));
    expect(one('Would you assist me in depositing 250 USDC into Aave?')).toEqual([{ action: 'supply', amount: '250', token: 'USDC', venue: 'aave' }]);
  });
  test('the help asked for keeps every refusal of the request after it', () => {
    expect(code('Could you assist me in not sending 5 DAI to bob?')).toBe('UNSUPPORTED_INTENT');
    expect(code('assist me in sending some dai to bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('assist me in sending 5 dai to bob tomorrow')).toBe('UNSUPPORTED_INTENT');
    expect(code('I need help with sending 5 dai to bob if eth drops')).toBe('UNSUPPORTED_INTENT');
    expect(code('could you assist me in borrowing 100 usdc from aave')).toBe('UNSUPPORTED_INTENT');
    // Someone else's need is not the speaker's request.
    expect(code('bob needs help sending 5 dai to alice')).toBe('UNSUPPORTED_INTENT');
    // Help with a request never kept is no request.
    expect(code('help me with the swap')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('new verbs: giving a share, passing on, taking out of a venue', () => {
  test('"allot" and "relay" pay; a venue after "to" stays refused as for any transfer', () => {
    expect(one('allot 5 dai to bob.eth')).toEqual(pay('5', 'DAI', 'bob.eth'));
    expect(one('relay 5 dai to bob.eth')).toEqual(pay('5', 'DAI', 'bob.eth'));
    expect(code('allot 100 usdc to aave')).toBe('UNPARSEABLE_INTENT');
  });
  test('"allot" is never corrected to "allow": a payment never becomes an approval', () => {
    expect(one('allot 5 dai to bob.eth')[0]!.action).toBe('transfer');
  });
  test('a misspelt "repay" is never corrected to a paying verb: repaying a venue stays refused', () => {
    expect(code('repay 10 dai to aave')).toBe('UNSUPPORTED_INTENT');
    expect(code('repay 20 usdc')).toBe('UNSUPPORTED_INTENT');
  });
  test('"reclaim", "recover", "draw" take funds out of a venue', () => {
    const out = [{ action: 'withdraw', amount: '50', token: 'DAI', venue: 'aave' }];
    for (const text of ['reclaim my 50 dai from aave', 'recover 50 dai from aave', 'draw 50 dai from aave']) expect(one(text)).toEqual(out);
  });
  test('"vest" is an action Lucid does not do, refused by name', () => {
    expect(refused('vest 100 lucid to bob').message).toContain('vest');
    expect(code('vest 100 lucid to bob')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('light verbs with a noun of the request', () => {
  test('"for" before the amount and "order" after the noun join it to its object', () => {
    expect(one('initiate a transfer for 5 dai to alice.eth')).toEqual(pay('5', 'DAI', 'alice.eth'));
    expect(one('place a swap order for 1 eth to dai')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }]);
  });
  test('"for" before a name is still not a recipient', () => {
    expect(code('initiate a transfer for bob')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('refusals that say why (./reportedActs.ts): acts told as done, requests never kept', () => {
  test('a subject then the past of an act is a report', () => {
    for (const text of ['I performed a swap of 1 eth to dai', 'I made a payment of 25 usdc to carol.eth', 'bob pulled his dai out of aave', 'bob repaid me 10 dai', 'we executed a transfer of 5 dai to bob'])
      expect(code(text)).toBe('UNSUPPORTED_INTENT');
  });
  test('a light verb with "the" and a noun and nothing else points at a request Lucid never kept', () => {
    for (const text of ['proceed with the swap', 'execute the transfer', 'go ahead with the swap', 'complete that payment'])
      expect(code(text)).toBe('AMBIGUOUS_INTENT');
  });
  test('the same words with the request in them still parse', () => {
    expect(one('proceed with the swap of 1 eth for usdc')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }]);
    expect(one('execute the transfer of 3 usdc to carol.eth')).toEqual(pay('3', 'USDC', 'carol.eth'));
  });
});

describe('funds named by where they were placed (./placedFunds.ts)', () => {
  test('"my supplied USDC" after a verb that takes out is "my USDC"', () => {
    expect(one('withdraw my supplied USDC from aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }]);
    expect(one('unstake my staked steth')).toEqual([{ action: 'unstake', amount: 'all', token: 'stETH' }]);
  });
  test('without such a verb the participle stays a report or unread', () => {
    expect(code('I supplied 100 usdc to aave')).toBe('UNSUPPORTED_INTENT');
    expect(() => parseWithGrammar('send my staked eth to bob')).toThrow();
  });
});

describe('the amount before an action noun (./nounAmounts.ts)', () => {
  test('"make a 5 DAI payment to bob.eth" is "make a payment of 5 DAI to bob.eth"', () => {
    expect(one('make a 5 dai payment to bob.eth')).toEqual(pay('5', 'DAI', 'bob.eth'));
    expect(one('execute a 100 usdc transfer to alice.eth')).toEqual(pay('100', 'USDC', 'alice.eth'));
    expect(one('do a 1 eth to dai swap')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }]);
    expect(one('place a 50 usdc deposit into aave')).toEqual([{ action: 'supply', amount: '50', token: 'USDC', venue: 'aave' }]);
    expect(one('make a 5k usdc transfer to bob.eth')).toEqual(pay('5000', 'USDC', 'bob.eth'));
  });
  test('refusals around it keep their codes', () => {
    expect(code("don't make a 5 dai payment to bob")).toBe('UNSUPPORTED_INTENT');
    expect(code('make a 5 or 6 dai payment to bob')).toBe('AMBIGUOUS_INTENT');
    expect(code('make a 5 dai payment to bob.eth tomorrow')).toBe('UNSUPPORTED_INTENT');
    expect(code('make a 5 dai payment')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('lending places without a name, and positions (./lendingPlaces.ts)', () => {
  test('"the lending pool" / "lending" is lending in general: no venue', () => {
    expect(one('supply 100 usdc to the lending pool')).toEqual([{ action: 'supply', amount: '100', token: 'USDC' }]);
    expect(one('deposit 100 usdc into the lending protocol')).toEqual([{ action: 'supply', amount: '100', token: 'USDC' }]);
    expect(one('withdraw 100 usdc from the lending pool')).toEqual([{ action: 'withdraw', amount: '100', token: 'USDC' }]);
  });
  test('the user\'s position in a venue is the venue', () => {
    const out = [{ action: 'withdraw', amount: '100', token: 'USDC', venue: 'aave' }];
    for (const text of ['withdraw 100 usdc from my position on aave', 'withdraw 100 usdc of my aave deposit', 'remove 100 usdc from my aave supply'])
      expect(one(text)).toEqual(out);
  });
  test('a payment to a lending place stays refused; the capital pool still stakes', () => {
    expect(code('send 100 usdc to the lending pool')).toBe('UNPARSEABLE_INTENT');
    expect(one('deposit 2 steth into the capital pool')).toEqual([{ action: 'stake', amount: '2', token: 'stETH', venue: 'capital-pool' }]);
    expect(code('supply some usdc to the lending pool')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('more giving verbs', () => {
  test('funnel, channel, shift, front, spot, float pay a recipient', () => {
    expect(one('funnel 50 dai to carol.eth')).toEqual(pay('50', 'DAI', 'carol.eth'));
    expect(one('channel 5 dai to bob.eth')).toEqual(pay('5', 'DAI', 'bob.eth'));
    expect(one('shift 5 dai to bob.eth')).toEqual(pay('5', 'DAI', 'bob.eth'));
    for (const verb of ['front', 'spot', 'float']) expect(one(`${verb} bob 5 dai`)).toEqual(pay('5', 'DAI', 'bob'));
  });
  test('"shift … into TOKEN" converts; no recipient or a venue stays refused', () => {
    expect(one('shift 50 usdc into dai')).toEqual([{ action: 'swap', amount: '50', token: 'USDC', tokenOut: 'DAI' }]);
    expect(code('spot 5 dai')).toBe('UNPARSEABLE_INTENT');
    expect(code('front 5 dai to aave')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('the gerund of a known verb where the step\'s verb stands (./gerunds.ts)', () => {
  test('stem, stem with its "e", or a doubled consonant undone', () => {
    for (const text of ['forwarding 5 dai to bob.eth', 'disbursing 5 dai to bob.eth', 'dispatching 5 dai to bob.eth']) expect(one(text)).toEqual(pay('5', 'DAI', 'bob.eth'));
    expect(one('tipping bob 5 dai')).toEqual(pay('5', 'DAI', 'bob'));
    expect(one('giving bob 5 dai')).toEqual(pay('5', 'DAI', 'bob'));
    expect(one('redeeming 50 usdc from aave')).toEqual([{ action: 'withdraw', amount: '50', token: 'USDC', venue: 'aave' }]);
  });
  test('no correction is recorded for a gerund, and refusals stay', () => {
    expect(parseWithGrammar('forwarding 5 dai to bob.eth').corrections).toBeUndefined();
    expect(code('not forwarding 5 dai to bob')).toBe('UNSUPPORTED_INTENT');
    expect(code('bob is forwarding 5 dai to alice')).toBe('UNSUPPORTED_INTENT');
    expect(code('borrowing 100 usdc')).toBe('UNSUPPORTED_INTENT');
    // "using" elsewhere is still the venue's preposition.
    expect(one('swap 1 eth for dai using uniswap')).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI', venue: 'uniswap' }]);
  });
});

describe('paying as a reward or a favour, dishing out', () => {
  test('each pays the one named', () => {
    expect(one('reward bob.eth with 5 lucid')).toEqual(pay('5', 'LUCID', 'bob.eth'));
    expect(one('sponsor carol with 10 usdc')).toEqual(pay('10', 'USDC', 'carol'));
    expect(one('payout 5 dai to bob.eth')).toEqual(pay('5', 'DAI', 'bob.eth'));
    expect(one('dish out 5 dai to bob')).toEqual(pay('5', 'DAI', 'bob'));
  });
  test('"claim my rewards" still claims; no one to pay is refused', () => {
    expect(one('claim my rewards')).toEqual([{ action: 'claim' }]);
    expect(code('reward bob')).toBe('UNPARSEABLE_INTENT');
    expect(code('dish 5 dai to bob')).toBe('UNPARSEABLE_INTENT');
    // Round 7 keeps "sweep" unknown.
    expect(code('sweep 5 dai to bob')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('positions and token pools in a venue', () => {
  const all = [{ action: 'withdraw', amount: 'all', token: 'USDC', venue: 'aave' }];
  test('"all my aave USDC", "my entire aave USDC position", "exit my USDC position on aave" take it all out', () => {
    for (const text of ['withdraw all my aave usdc', 'cash out all of my aave usdc', 'withdraw my entire aave usdc position', 'exit my usdc position on aave', 'close out my usdc position on aave'])
      expect(one(text)).toEqual(all);
  });
  test('a position elsewhere, or no venue, stays refused', () => {
    expect(code('close my eth position on uniswap')).toBe('UNSUPPORTED_INTENT');
    expect(code('exit my usdc position')).toBe('UNPARSEABLE_INTENT');
  });
  test('the pool of the token lent is the venue; another token\'s pool is refused', () => {
    const supply = [{ action: 'supply', amount: '100', token: 'USDC', venue: 'aave' }];
    for (const text of ['supply 100 usdc to the usdc pool on aave', "supply 100 usdc into aave's usdc pool", 'deposit 100 usdc into the usdc market on aave']) expect(one(text)).toEqual(supply);
    expect(code('supply 100 usdc to the dai pool on aave')).toBe('UNPARSEABLE_INTENT');
  });
  test('"back to me" / "to myself" after a withdrawal is where it goes anyway; a transfer "to me" is refused', () => {
    const out = [{ action: 'withdraw', amount: '50', token: 'USDC', venue: 'aave' }];
    expect(one('withdraw 50 usdc from aave back to me')).toEqual(out);
    expect(one('withdraw 50 usdc from aave to myself')).toEqual(out);
    expect(code('send 5 dai to me')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('"draw down" takes funds out of a lending venue', () => {
  test('"draw down" is "draw": a withdrawal', () => {
    expect(one('draw down 20 usdc from compound')).toEqual([{ action: 'withdraw', amount: '20', token: 'USDC', venue: 'compound' }]);
    expect(one('draw down my dai from aave')).toEqual([{ action: 'withdraw', amount: 'all', token: 'DAI', venue: 'aave' }]);
  });
});
