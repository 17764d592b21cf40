import { describe, expect, test } from 'vitest';
import { InputError } from '../../../kernel/index.js';
import { parseWithGrammar } from './index.js';

/** The error as the user sees it: message, caret line, hints. Error text is API, hence the snapshots. */
function refusal(text: string, options?: { symbols?: readonly string[] }, code = 'UNPARSEABLE_INTENT'): string {
  try {
    parseWithGrammar(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const input = error as InputError;
    expect(input.code).toBe(code);
    expect(input.exitCode).toBe(2);
    return [input.shortMessage, input.details ?? '', ...input.hints].join('\n');
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe('errors', () => {
  test('misspelt token: the one symbol a slip away is read, and the correction is shown', () => {
    expect(parseWithGrammar('swap 1 USCD for ETH')).toEqual({
      intents: [{ action: 'swap', amount: '1', token: 'USDC', tokenOut: 'ETH' }],
      corrections: [{ from: 'USCD', to: 'USDC' }],
    });
  });
  test('misspelt token against options.symbols', () => {
    expect(parseWithGrammar('send 1 lusid to bob', { symbols: ['ETH', 'LUSD'] })).toEqual({
      intents: [{ action: 'transfer', amount: '1', token: 'LUSD', to: 'bob' }],
      corrections: [{ from: 'lusid', to: 'LUSD' }],
    });
  });
  test('a token known elsewhere is never corrected to a near symbol', () => {
    expect(refusal('send 5 usdt to bob', { symbols: ['ETH', 'USDC'] }, 'UNKNOWN_TOKEN')).toContain('unknown token "usdt"');
  });
  test('unknown token with nothing close', () => {
    expect(refusal('send 20 bananas to bob', undefined, 'UNKNOWN_TOKEN')).toMatchInlineSnapshot(`
      "unknown token "bananas": it is not in the token list of this chain
      send 20 bananas to bob
              ^^^^^^^
      (column 9)
      known tokens: ETH, WETH, USDC, DAI, stETH, LUCID, USDT, wstETH, WBTC, LINK, UNI, ARB"
    `);
  });
  test('unknown action', () => {
    expect(refusal('make me rich')).toMatchInlineSnapshot(`
      "unknown action "make": start with a verb like send, swap, buy, wrap, stake, claim, approve, revoke or balance
      make me rich
      ^^^^
      (column 1)
      try: swap 1 ETH for USDC
      try: send 20 USDC to alice.eth"
    `);
  });
  test('missing recipient', () => {
    expect(refusal('send 20 usdc')).toMatchInlineSnapshot(`
      "expected a recipient (to whom?) after "usdc"
      send 20 usdc
                  ^
      (column 13)
      try: send 20 USDC to alice.eth"
    `);
  });
  test('zero amount', () => {
    expect(refusal('send 0 usdc to bob')).toMatchInlineSnapshot(`
      "amount "0" must be greater than zero
      send 0 usdc to bob
           ^
      (column 6)
      try: send 20 USDC to alice.eth"
    `);
  });
  test('negative amount', () => {
    expect(refusal('send -5 usdc to bob')).toMatchInlineSnapshot(`
      "negative amount "-5": amounts must be greater than zero
      send -5 usdc to bob
           ^^
      (column 6)
      try: swap 1 ETH for USDC"
    `);
  });
  test('bad EIP-55 checksum', () => {
    expect(refusal('approve 100 USDC for 0x7a250d5630B4cF539739dF2C5dAcb4c659F2488d')).toMatchInlineSnapshot(`
      "address "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488d" has an invalid EIP-55 checksum: check it for a typo and copy it again from its source
      approve 100 USDC for 0x7a250d5630B4cF539739dF2C5dAcb4c659F2488d
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      (column 22)
      try: approve 100 USDC for 0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D"
    `);
  });
  test('short address', () => {
    expect(refusal('send 1 eth to 0x1234')).toMatchInlineSnapshot(`
      ""0x1234" is not a 0x address: it has 4 hex digits, an address has 40
      send 1 eth to 0x1234
                    ^^^^^^
      (column 15)
      try: send 20 USDC to alice.eth"
    `);
  });
  test('ambiguous: two amounts in a swap', () => {
    expect(refusal('swap 1 eth for 100 usdc')).toMatchInlineSnapshot(`
      "ambiguous swap: give the amount to sell or the amount to buy, not both
      swap 1 eth for 100 usdc
                     ^^^
      (column 16)
      try: swap 1 ETH for USDC
      try: buy 100 USDC with ETH"
    `);
  });
  test('ambiguous: two recipients', () => {
    expect(refusal('send 5 usdc to bob and alice', undefined, 'AMBIGUOUS_INTENT')).toMatchInlineSnapshot(`
      "one amount and 2 recipients (bob, alice): say "each" to send it to every one of them, or give each their own amount
      send 5 usdc to bob and alice
                     ^^^
      (column 16)
      say exactly one amount, token and recipient per step"
    `);
  });
  test('ambiguous: or', () => {
    expect(refusal('swap 1 eth for usdc or dai', undefined, 'AMBIGUOUS_INTENT')).toMatchInlineSnapshot(`
      "not done: "or" — it offers alternatives; say exactly one
      swap 1 eth for usdc or dai
                          ^^
      (column 21)
      say exactly one amount, token and recipient, like: send 20 USDC to alice.eth"
    `);
  });
  test('empty input', () => {
    expect(refusal('')).toMatchInlineSnapshot(`
      "nothing to do: the input is empty

      try: swap 1 ETH for USDC
      try: send 20 USDC to alice.eth"
    `);
  });
  test('too long', () => {
    expect(refusal(`swap 1 eth for usdc ${'please '.repeat(200)}`).split('\n')[0]).toMatchInlineSnapshot(`"input is too long: 1420 characters (the limit is 1000)"`);
  });
  test('control character', () => {
    expect(refusal('swap 1 eth\u0007 for usdc')).toMatchInlineSnapshot(`
      "control character U+0007 is not allowed
      swap 1 eth� for usdc
                ^
      (column 11)
      try: swap 1 ETH for USDC"
    `);
  });
  test('invisible character', () => {
    expect(refusal('send 1 eth to bob\u200b')).toMatchInlineSnapshot(`
      "invisible character U+200B is not allowed
      send 1 eth to bob�
                       ^
      (column 18)
      try: swap 1 ETH for USDC"
    `);
  });
  test('look-alike letter', () => {
    expect(refusal('swap 1 \u0415TH for usdc')).toMatchInlineSnapshot(`
      ""ЕTH" contains the non-ASCII character "Е" (U+0415); type symbols and names in plain ASCII
      swap 1 ЕTH for usdc
             ^^^
      (column 8)
      try: swap 1 ETH for USDC"
    `);
  });
  test('slippage on a transfer', () => {
    expect(refusal('send 1 eth to bob with 1% slippage')).toMatchInlineSnapshot(`
      "slippage only applies to swaps, not to transfer
      send 1 eth to bob with 1% slippage
                             ^
      (column 24)
      try: swap 1 ETH for USDC"
    `);
  });
  test('unknown chain', () => {
    expect(refusal('swap 1 eth for usdc on solana', undefined, 'UNKNOWN_CHAIN')).toMatchInlineSnapshot(`
      "unknown chain "solana": Lucid works on mainnet, base, arbitrum, optimism, polygon, sepolia and its anvil devnet
      swap 1 eth for usdc on solana
                             ^^^^^^
      (column 24)
      leave the chain out to use the devnet"
    `);
  });
  test('european decimal comma', () => {
    expect(refusal('send 1,5 eth to bob')).toMatchInlineSnapshot(`
      ""1,5" is not a number: use a dot for decimals (1.5) and commas only between thousands (1,000)
      send 1,5 eth to bob
           ^^^
      (column 6)
      try: swap 1 ETH for USDC"
    `);
  });
});

describe('behavior: hostile input never crashes or hangs', () => {
  // Guards against catastrophic backtracking (seconds to hours on 1,000 characters), not a speed target:
  // parse speed is measured by `npm run bench`. A warm-up parse keeps the first, cold JIT pass out of it,
  // and the bound leaves room for a loaded 2-core CI machine.
  test('long repetitive input is refused without runaway backtracking', () => {
    expect(() => parseWithGrammar('swap 1 eth for usdc')).not.toThrow();
    const inputs = ['a'.repeat(999), '1'.repeat(999), `0x${'a'.repeat(997)}`, '1,'.repeat(499), 'a.'.repeat(499), '-'.repeat(999), ' '.repeat(999), 'swap '.repeat(199), '1e9999 eth'];
    for (const text of inputs) {
      const started = performance.now();
      expect(() => parseWithGrammar(text)).toThrow(InputError);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
  test('random bytes only ever give InputError', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'swap send 1 eth usdc for to , . ; and then 0x ξ % k m $ - \u200b \u0007 ё 🚀 alice.eth'.split('');
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      try {
        parseWithGrammar(text);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
      }
    }
  });
});
