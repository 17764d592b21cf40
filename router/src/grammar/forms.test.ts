import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refusalCode as code } from './testing.js';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('forms: fields read into the sentence they say', () => {
  test('key: value fields in any order and with any separator', () => {
    const transfer = { intents: [{ action: 'transfer', amount: '20', token: 'USDC', to: 'bob.eth' }] };
    for (const text of ['Beneficiary: bob.eth / Amount: 20 USDC', 'Amount: 20 USDC\nTo: bob.eth', 'payee=bob.eth amount=20 token=USDC', '{recipient: bob.eth, qty: 20, asset: usdc}'])
      expect(parseWithGrammar(text)).toEqual(transfer);
  });
  test('a swap form: "to" is the token bought; slippage and a dry-run mode carry over', () => {
    expect(parseWithGrammar('action=swap from=ETH to=DAI amount=1 slippage=1% dry_run=true')).toEqual({
      intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI', slippageBps: 100 }],
      preview: true,
    });
  });
  test('a memo is a note, an address recipient stays as written', () => {
    expect(parseWithGrammar(`Token: DAI; Qty: 5; To: ${A}; Memo: rent`)).toEqual({
      intents: [{ action: 'transfer', amount: '5', token: 'DAI', to: A }],
      notes: ['rent'],
    });
  });
  test('a value is read like typed words: vague, unknown or two-sided values are refused', () => {
    expect(code('Recipient: alice; Amount: some DAI')).toBe('AMBIGUOUS_INTENT');
    expect(code('amount=5 token=PEPE to=bob')).toBe('UNKNOWN_TOKEN');
    expect(code('To: bob / To: alice / Amount: 5 DAI')).toBe('AMBIGUOUS_INTENT');
    expect(code('Amount: 5 DAI / Token: USDC / To: bob')).toBe('AMBIGUOUS_INTENT');
  });
  test('a time, schedule or condition field is refused by name, never dropped', () => {
    expect(code('Beneficiary: bob.eth / Amount: 20 USDC / Date: tomorrow')).toBe('UNSUPPORTED_INTENT');
    expect(code('Recipient: bob / Amount: 5 DAI / Frequency: weekly')).toBe('UNSUPPORTED_INTENT');
    expect(code('action=swap from=ETH to=DAI amount=1 execute=never')).toBe('UNSUPPORTED_INTENT');
  });
  test('an incomplete form or unknown words around it are not a form', () => {
    expect(code('Action: transfer; Amount: 5 DAI')).toBe('UNPARSEABLE_INTENT');
    expect(code('Recipient:\nAmount:')).toBe('UNPARSEABLE_INTENT');
    expect(code('Status: sent. Amount: 5 DAI. To: bob')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('the recipient as the subject', () => {
  const bob = { intents: [{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }] };
  test('gets / should receive / let … have / make sure … gets / I would like … to receive', () => {
    for (const text of ['bob gets 5 dai', 'bob should receive 5 DAI', 'let bob have 5 dai', 'make sure bob gets 5 dai', "I'd like bob to receive 5 dai", 'bob should be sent 5 dai', 'let my friend bob have 5 dai'])
      expect(parseWithGrammar(text)).toEqual(bob);
  });
  test('several subjects need "each"; two clauses are two transfers', () => {
    expect(parseWithGrammar('bob and alice get 5 dai each').intents).toHaveLength(2);
    expect(code('bob and alice get 5 dai')).toBe('AMBIGUOUS_INTENT');
    expect(parseWithGrammar('bob gets 1 dai and alice gets 2 dai').intents.map((intent) => intent.to)).toEqual(['bob', 'alice']);
  });
  test('statements, wishes, hypotheticals and someone else paying are refused', () => {
    expect(code('bob has 5 dai')).toBe('UNPARSEABLE_INTENT');
    expect(code('bob wants 5 dai')).toBe('UNSUPPORTED_INTENT');
    expect(code('bob would get 5 dai')).toBe('UNSUPPORTED_INTENT');
    expect(code('bob gets 5 dai from alice')).toBe('UNSUPPORTED_INTENT');
    expect(code("bob shouldn't get any dai")).toBe('UNSUPPORTED_INTENT');
    expect(code('should bob get 5 dai?')).toBe('UNSUPPORTED_INTENT');
    expect(code('alice says bob should receive 10 dai')).toBe('UNSUPPORTED_INTENT');
  });
});

describe('permission given is an approval', () => {
  test('give/grant/allow/let … permission, access, the ok', () => {
    const approve = { intents: [{ action: 'approve', amount: '100', token: 'USDC', to: 'uniswap' }] };
    for (const text of [
      'give uniswap permission to spend 100 usdc',
      'grant Uniswap permission to use 100 USDC',
      'allow uniswap access to 100 usdc',
      "let uniswap's router use 100 usdc",
      'give permission to uniswap to spend 100 usdc',
      'set an allowance of 100 usdc for uniswap',
      'set my usdc allowance for uniswap to 100',
      'uniswap may spend up to 100 usdc',
    ])
      expect(parseWithGrammar(text)).toEqual(approve);
  });
  test('unlimited before the noun or after the token', () => {
    expect(parseWithGrammar('give uniswap unlimited permission to spend my usdc').intents[0]).toEqual({ action: 'approve', token: 'USDC', to: 'uniswap', unlimited: true });
    expect(parseWithGrammar('give the v2-fork permission to use my WETH, no limit').intents[0]).toEqual({ action: 'approve', token: 'WETH', to: 'v2-fork', unlimited: true });
  });
  test('refusals stay refusals', () => {
    expect(code("don't let uniswap spend my usdc")).toBe('UNSUPPORTED_INTENT');
    expect(code('give uniswap permission to spend some usdc')).toBe('AMBIGUOUS_INTENT');
    expect(code('give uniswap permission to spend 5 pepe')).toBe('UNKNOWN_TOKEN');
    expect(code('give permission to spend 100 usdc')).toBe('UNPARSEABLE_INTENT');
  });
});

describe('quotes and dry runs: shown, never signed', () => {
  test('how much X do I need for Y is a quote to buy Y with X', () => {
    expect(parseWithGrammar('how much dai do i need to buy 1 eth')).toEqual({ intents: [{ action: 'swap', amountOut: '1', token: 'DAI', tokenOut: 'ETH' }], preview: true });
    expect(parseWithGrammar('how much eth does it take to get 500 dai')).toEqual({ intents: [{ action: 'swap', amountOut: '500', token: 'ETH', tokenOut: 'DAI' }], preview: true });
  });
  test('how much would I get, in any order, is a quote to swap', () => {
    const quote = { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }], preview: true };
    for (const text of ['how much would i get for 1 eth in dai', 'how much dai for 1 eth?', 'how many dai can i get with 1 eth', 'what would 1 eth get me in dai'])
      expect(parseWithGrammar(text)).toEqual(quote);
  });
  test('a quote without the token to get, or for someone else, is refused', () => {
    expect(code('how much would i get for 1 eth')).toBe('UNPARSEABLE_INTENT');
    expect(code('how much dai would alice get for 1 eth')).toBe('UNSUPPORTED_INTENT');
  });
  test('an imagined case with only-look words is a preview; without them, or with "then do it", a refusal', () => {
    expect(parseWithGrammar("what would happen if I sent 5 dai to bob, don't execute")).toEqual({ intents: [{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }], preview: true });
    expect(parseWithGrammar('swap 50 dai to usdc (dry run)').preview).toBe(true);
    expect(parseWithGrammar("don't execute, just show me: swap 10 usdc for dai").preview).toBe(true);
    expect(code('what would happen if I sent 5 dai to bob')).toBe('UNSUPPORTED_INTENT');
    expect(code('what would happen if I sent 5 dai to bob, then do it')).toBe('UNSUPPORTED_INTENT');
    expect(code('dry run then execute: swap 1 eth for dai')).toBe('UNSUPPORTED_INTENT');
    expect(code("don't send 5 dai to bob")).toBe('UNSUPPORTED_INTENT');
  });
});

describe('asides after the request are notes', () => {
  test('a comma aside is kept; one naming an amount is refused', () => {
    expect(parseWithGrammar('swap 1 eth for dai, need it for rent').notes).toEqual(['need it for rent']);
    expect(parseWithGrammar('send 3 dai to alice in order to settle up').notes).toEqual(['in order to settle up']);
    expect(code('send bob 5 usdc, he owes me 500 usdc')).toBe('AMBIGUOUS_INTENT');
    expect(code('send 5 dai to bob, alice too')).toBe('AMBIGUOUS_INTENT');
  });
});

describe('lending and slang verbs', () => {
  test('moving funds into a venue deposits them; the venue may come first', () => {
    expect(parseWithGrammar('move 60 dai into aave').intents).toEqual([{ action: 'supply', amount: '60', token: 'DAI', venue: 'aave' }]);
    expect(parseWithGrammar('supply aave with 30 usdc').intents).toEqual([{ action: 'supply', amount: '30', token: 'USDC', venue: 'aave' }]);
    expect(parseWithGrammar('put my 15 usdc to work on aave').intents).toEqual([{ action: 'supply', amount: '15', token: 'USDC', venue: 'aave' }]);
    expect(parseWithGrammar('withdraw from aave 25 dai').intents).toEqual([{ action: 'withdraw', amount: '25', token: 'DAI', venue: 'aave' }]);
    expect(parseWithGrammar('aave deposit 40 usdc').intents).toEqual([{ action: 'supply', amount: '40', token: 'USDC', venue: 'aave' }]);
  });
  test('providing to a lending venue supplies; lending to a person is refused with a pointer to "send"', () => {
    expect(parseWithGrammar('provide 100 usdc to aave').intents[0]!.action).toBe('supply');
    expect(code('lend 50 dai to bob')).toBe('UNPARSEABLE_INTENT');
  });
  test('slang verbs read; their past forms tell of the past', () => {
    expect(parseWithGrammar('pick up 5 lucid using dai').intents).toEqual([{ action: 'swap', amountOut: '5', token: 'DAI', tokenOut: 'LUCID' }]);
    expect(parseWithGrammar('switch 1 eth to usdc').intents).toEqual([{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }]);
    expect(code('dumped 20 lucid for eth')).toBe('UNSUPPORTED_INTENT');
    expect(parseWithGrammar('revoke approvals granted to the v2 fork for usdc').intents[0]!.action).toBe('revoke');
  });
});

describe('recipient phrases', () => {
  test('the recipient as a field after a comma, "get … to", "to the order of"', () => {
    const bob = [{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob.eth' }];
    for (const text of ['send 5 dai, the recipient is bob.eth', 'get 5 dai to bob.eth', 'pay 5 dai to the order of bob.eth', 'deliver 5 dai to bob.eth'])
      expect(parseWithGrammar(text).intents).toEqual(bob);
  });
  test('"get" with a token after "to" is still a purchase; a time after it is refused', () => {
    expect(parseWithGrammar('get 5 dai with usdc').intents[0]!.action).toBe('swap');
    expect(code('get 5 dai to bob tomorrow')).toBe('UNSUPPORTED_INTENT');
  });
});
