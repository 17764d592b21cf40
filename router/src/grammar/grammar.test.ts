import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';

const R = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D';
const one = (text: string) => {
  const { intents } = parseWithGrammar(text);
  expect(intents).toHaveLength(1);
  return intents[0];
};

describe('transfer', () => {
  test('default: amount token to recipient', () => {
    expect(one('send 20 USDC to alice.eth')).toEqual({ action: 'transfer', amount: '20', token: 'USDC', to: 'alice.eth' });
  });
  test('recipient before amount', () => {
    expect(one('pay bob 5 dai')).toEqual({ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' });
    expect(one('send alice.eth 0.1 eth')).toEqual({ action: 'transfer', amount: '0.1', token: 'ETH', to: 'alice.eth' });
  });
  test('every transfer verb', () => {
    for (const verb of ['send', 'transfer', 'pay', 'give'])
      expect(one(`${verb} 1 usdc to bob`)).toEqual({ action: 'transfer', amount: '1', token: 'USDC', to: 'bob' });
  });
  test('recipient kept as written', () => {
    expect(one(`send 1 eth to ${R}`).to).toBe(R);
    expect(one('send 1 eth to Alice.ETH').to).toBe('Alice.ETH');
    expect(one('send 1 eth to bob_2').to).toBe('bob_2');
  });
  test('behavior: checksum-free addresses (all lower, all upper) are accepted', () => {
    expect(one(`send 1 eth to ${R.toLowerCase()}`).to).toBe(R.toLowerCase());
    expect(one(`send 1 eth to 0x${R.slice(2).toUpperCase()}`).to).toBe(`0x${R.slice(2).toUpperCase()}`);
  });
});

describe('swap', () => {
  test('default', () => {
    expect(one('swap 1 ETH for USDC')).toEqual({ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' });
  });
  test('connectors and verbs', () => {
    for (const text of ['swap 1 ETH to USDC', 'swap 1 ETH into USDC', '1 eth -> usdc', 'trade 1 eth for usdc', 'exchange 1 eth for usdc', 'convert 1 eth to usdc', 'sell 1 eth for usdc'])
      expect(one(text)).toEqual({ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' });
  });
  test('exact output', () => {
    const exact = { action: 'swap', amountOut: '100', token: 'ETH', tokenOut: 'USDC' };
    expect(one('buy 100 USDC with ETH')).toEqual(exact);
    expect(one('swap ETH for exactly 100 USDC')).toEqual(exact);
    expect(one('get 100 usdc for eth')).toEqual(exact);
  });
  test('buy with an amount to spend is exact input', () => {
    expect(one('buy usdc with 1 eth')).toEqual({ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' });
  });
  test('slippage, only when said', () => {
    expect(one('swap 1 eth for usdc').slippageBps).toBeUndefined();
    expect(one('swap 1 eth for usdc with 1% slippage').slippageBps).toBe(100);
    expect(one('swap 1 eth for usdc slippage 0.5%').slippageBps).toBe(50);
    expect(one('swap 1 eth for usdc max slippage 30 bps').slippageBps).toBe(30);
  });
  test('chain, only when named', () => {
    expect(one('swap 1 eth for usdc').chain).toBeUndefined();
    expect(one('swap 1 eth for usdc on base').chain).toBe('base');
    expect(one('swap 1 eth for usdc on arbitrum').chain).toBe('arbitrum');
    expect(one('swap 1 eth for usdc on mainnet').chain).toBe('mainnet');
    expect(one('swap 1 eth for usdc on ethereum').chain).toBe('mainnet');
    expect(one('swap 1 eth for usdc on the devnet').chain).toBe('anvil');
    expect(one('swap 1 eth for usdc on anvil').chain).toBe('anvil');
    expect(one('swap 1 eth for usdc locally').chain).toBe('anvil');
  });
  test('token spelling follows the token list', () => {
    expect(one('swap 1 steth for usdc').token).toBe('stETH');
    expect(one('swap 1 Ξ for usdc').token).toBe('ETH');
    expect(one('send Ξ0.5 to bob')).toEqual({ action: 'transfer', amount: '0.5', token: 'ETH', to: 'bob' });
    expect(one('send Ξ 1.5k to bob').amount).toBe('1500');
    expect(one('swap 1 ether for usdc').token).toBe('ETH');
    expect(one('swap 1 WSTETH for usdc').token).toBe('wstETH');
  });
  test('behavior: ETH for WETH is a wrap, WETH for ETH an unwrap', () => {
    expect(one('swap 1 eth for weth')).toEqual({ action: 'wrap', amount: '1', token: 'ETH' });
    expect(one('convert 2 weth to eth')).toEqual({ action: 'unwrap', amount: '2', token: 'WETH' });
  });
});

describe('wrap and unwrap', () => {
  test('default', () => {
    expect(one('wrap 1 eth')).toEqual({ action: 'wrap', amount: '1', token: 'ETH' });
    expect(one('unwrap 0.5 weth')).toEqual({ action: 'unwrap', amount: '0.5', token: 'WETH' });
  });
  test('token may be left out or named twice', () => {
    expect(one('wrap 1')).toEqual({ action: 'wrap', amount: '1', token: 'ETH' });
    expect(one('wrap 1 eth into weth')).toEqual({ action: 'wrap', amount: '1', token: 'ETH' });
    expect(one('unwrap 1 weth to eth')).toEqual({ action: 'unwrap', amount: '1', token: 'WETH' });
  });
});

describe('stake, unstake, claim', () => {
  test('stake', () => expect(one('stake 5 steth')).toEqual({ action: 'stake', amount: '5', token: 'stETH' }));
  test('unstake all', () => expect(one('unstake all stETH')).toEqual({ action: 'unstake', amount: 'all', token: 'stETH' }));
  test('claim has no amount and an optional token', () => {
    expect(one('claim my rewards')).toEqual({ action: 'claim' });
    expect(one('claim rewards')).toEqual({ action: 'claim' });
    expect(one('claim my LUCID rewards')).toEqual({ action: 'claim', token: 'LUCID' });
  });
});

describe('approve and revoke', () => {
  test('approve an amount', () => {
    expect(one(`approve 100 USDC for ${R}`)).toEqual({ action: 'approve', amount: '100', token: 'USDC', to: R });
    expect(one(`approve 100 USDC to ${R}`)).toEqual({ action: 'approve', amount: '100', token: 'USDC', to: R });
    expect(one(`approve ${R} to spend 100 usdc`)).toEqual({ action: 'approve', amount: '100', token: 'USDC', to: R });
  });
  test('unlimited is explicit and has no amount', () => {
    expect(one(`approve unlimited USDC to ${R}`)).toEqual({ action: 'approve', token: 'USDC', to: R, unlimited: true });
    expect(one(`allow ${R} to spend unlimited usdc`)).toEqual({ action: 'approve', token: 'USDC', to: R, unlimited: true });
  });
  test('revoke', () => {
    const revoke = { action: 'revoke', token: 'USDC', to: R };
    expect(one(`revoke USDC approval for ${R}`)).toEqual(revoke);
    expect(one(`revoke ${R} from spending USDC`)).toEqual(revoke);
    expect(one(`revoke approval for usdc from ${R}`)).toEqual(revoke);
  });
});

describe('balance', () => {
  test('wordings', () => {
    expect(one('balance')).toEqual({ action: 'balance' });
    expect(one("what's my USDC balance")).toEqual({ action: 'balance', token: 'USDC' });
    expect(one('show my portfolio')).toEqual({ action: 'balance' });
    expect(one('how much eth do i have')).toEqual({ action: 'balance', token: 'ETH' });
    expect(one('usdc balance on base')).toEqual({ action: 'balance', token: 'USDC', chain: 'base' });
  });
});

describe('amounts', () => {
  const amountOf = (words: string) => one(`send ${words} usdc to bob`).amount;
  test.each([
    ['1.5k', '1500'],
    ['2m', '2000000'],
    ['3b', '3000000000'],
    ['1,000', '1000'],
    ['1,234,567.5', '1234567.5'],
    ['1e-3', '0.001'],
    ['2E3', '2000'],
    ['.5', '0.5'],
    ['007.50', '7.5'],
    ['0.1k', '100'],
    ['five', '5'],
    ['twenty', '20'],
    ['2 million', '2000000'],
    ['all', 'all'],
    ['all my', 'all'],
    ['half my', '50%'],
    ['half of my', '50%'],
    ['half the', '50%'],
    ['25%', '25%'],
    ['12.5 percent of my', '12.5%'],
    ['100%', '100%'],
    ['$20', '20'],
  ])('%s → %s', (words, expected) => {
    expect(amountOf(words)).toBe(expected);
  });
  test('"half USDC" is one unit\'s half or the balance\'s: asked, not guessed', () => {
    expect(() => amountOf('half')).toThrow(/could be 0\.5 usdc or 50% of your usdc/);
  });
});

describe('sentences', () => {
  test('multi-step, in order', () => {
    expect(parseWithGrammar('swap 1 ETH for USDC then send 50 USDC to alice.eth').intents).toEqual([
      { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' },
      { action: 'transfer', amount: '50', token: 'USDC', to: 'alice.eth' },
    ]);
  });
  test('every joiner', () => {
    for (const joiner of [' then ', ' and then ', ' and ', '; ', ', ', '. Then ', '\n'])
      expect(parseWithGrammar(`wrap 1 eth${joiner}stake 1 steth`).intents.map((intent) => intent.action)).toEqual(['wrap', 'stake']);
  });
  test('behavior: a transfer step may leave its verb out after "and" or ","', () => {
    expect(parseWithGrammar('send 10 USDC to alice.eth and 5 DAI to bob').intents).toEqual([
      { action: 'transfer', amount: '10', token: 'USDC', to: 'alice.eth' },
      { action: 'transfer', amount: '5', token: 'DAI', to: 'bob' },
    ]);
  });
  test('modifiers after a comma or in parentheses belong to the step before', () => {
    expect(one('swap 1 eth for usdc, 1% slippage').slippageBps).toBe(100);
    expect(one('swap 1 eth for usdc (on base)').chain).toBe('base');
  });
  test('politeness and filler', () => {
    for (const text of ['please wrap 1 eth', 'can you wrap 1 eth?', 'I want to wrap 1 eth', 'wrap 1 eth for me', 'wrap 1 eth!', 'wrap 1 eth.', 'hey, could you please wrap 1 eth for me. thanks'])
      expect(one(text)).toEqual({ action: 'wrap', amount: '1', token: 'ETH' });
  });
  test('options.symbols replaces the token list', () => {
    expect(parseWithGrammar('swap 1 eth for foo', { symbols: ['ETH', 'FOO'] }).intents[0]?.tokenOut).toBe('FOO');
    expect(() => parseWithGrammar('swap 1 eth for usdc', { symbols: ['ETH', 'FOO'] })).toThrow(/unknown token "usdc"/);
  });
  test('behavior: deterministic', () => {
    const text = 'swap 1.5k usdc for eth with 0.5% slippage on base and then send 1 eth to bob';
    expect(parseWithGrammar(text)).toEqual(parseWithGrammar(text));
  });
});
