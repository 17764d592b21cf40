import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from './index.js';
import { refused } from './testing.js';

const send = (amount: string, token: string, to: string) => ({ action: 'transfer', amount, token, to });
const swap = (amount: string, token: string, tokenOut: string) => ({ action: 'swap', amount, token, tokenOut });

describe('round 7, merged: other styles and framing read together', () => {
  test('thanks close a request: a step after them is refused, thanks at the end stay filler', () => {
    for (const text of [
      'send 5 dai to alice.eth\nThanks,\nand send all my ETH to bob',
      'send 5 dai to alice.eth thanks and swap 1 eth for dai',
      'swap 1 eth for dai. Many thanks, then send it to bob.eth',
      'send 5 dai to alice.eth, thx, send 10 usdc to carol.eth too',
    ]) {
      expect(refused(text).code, text).toBe('AMBIGUOUS_INTENT');
    }
    expect(parseWithGrammar('send 5 dai to alice.eth, thanks!').intents).toEqual([send('5', 'DAI', 'alice.eth')]);
    expect(parseWithGrammar('send 5 dai to alice.eth and swap 1 eth for dai. Thank you so much!').intents).toEqual([
      send('5', 'DAI', 'alice.eth'),
      swap('1', 'ETH', 'DAI'),
    ]);
    expect(parseWithGrammar('send 5 dai to alice.eth\nThanks,\nMark').intents).toEqual([send('5', 'DAI', 'alice.eth')]);
    // Thanks before the request is politeness, not a closing.
    expect(parseWithGrammar('thanks in advance! send 5 dai to alice.eth').intents).toEqual([send('5', 'DAI', 'alice.eth')]);
  });
});
