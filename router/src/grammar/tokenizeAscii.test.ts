/**
 * The tokenizer reads text that is all ASCII with patterns that name no Unicode class (./tokenize.ts,
 * asciiPatterns): building a \p{…} class is milliseconds of every `lucid parse` (issue 19). They must match
 * exactly what the Unicode patterns match on such text: checked at every position of every ASCII line of the
 * tuned corpus, and of every ASCII string of up to two characters, so that no token, error or refusal changes.
 * Error messages quote ASCII text the same way (./errors.ts replaces the same control characters), and the secret
 * screen before the parsers reads ASCII words without NFKC (kernel/secrets.ts). A plain request runs no \p{…} at all.
 */
import { describe, expect, test } from 'vitest';
import { loadCorpora } from '../../eval/corpus.js';
import { quote } from './errors.js';
import { parseIntents } from '../parseIntents.js';
import { asciiPatterns, tokenize, unicodePatterns, type TokenPatterns } from './tokenize.js';

const names = Object.keys(unicodePatterns) as (keyof TokenPatterns)[];

/** What `pattern` matches at `i` the way tokenize uses it: sticky ones at i, the others on a slice or a character. */
function matchAt(name: keyof TokenPatterns, pattern: RegExp, text: string, i: number): string | null {
  if (pattern.sticky) {
    pattern.lastIndex = i;
    return pattern.exec(text)?.[0] ?? null;
  }
  const slice = name === 'emoticon' ? text.slice(i, i + 4) : name === 'possessive' ? text.slice(i, i + 2) : text[i] ?? '';
  return pattern.exec(slice)?.[0] ?? null;
}

function expectSameEverywhere(text: string) {
  for (let i = 0; i <= text.length; i++)
    for (const name of names) {
      const unicode = matchAt(name, unicodePatterns[name], text, i);
      const ascii = matchAt(name, asciiPatterns[name], text, i);
      if (unicode !== ascii) expect({ text, i, name, ascii }).toEqual({ text, i, name, ascii: unicode });
    }
}

describe('the tokenizer on ASCII text', () => {
  test('its ASCII patterns name no Unicode class and set no u flag: nothing is built from ICU tables', () => {
    expect(names.sort()).toEqual((Object.keys(asciiPatterns) as string[]).sort());
    for (const pattern of Object.values(asciiPatterns)) {
      expect(pattern.unicode).toBe(false);
      expect(pattern.source).not.toMatch(/\\p\{/);
    }
  });

  test('both sets match the same at every position of every ASCII line of the tuned corpus', () => {
    const texts = loadCorpora({ splits: ['tuned'] })
      .map((item) => item.text)
      .filter((text) => !/[^\x00-\x7f]/.test(text));
    expect(texts.length).toBeGreaterThan(1000);
    for (const text of texts) expectSameEverywhere(text);
  });

  test('both sets match the same on every ASCII string of one or two characters, and around words', () => {
    const chars = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    for (const a of chars) {
      expectSameEverywhere(a);
      for (const b of chars) expectSameEverywhere(a + b);
    }
    for (const text of ['1e5k', '2.5bn ETH', 'alice.eth\'s', ':-) send', 'x-->y', 'bob-the-builder.eth', '1,5 ETH', '-5 DAI', '0xabcg', 'S-K-B'])
      expectSameEverywhere(text);
  });

  test('error quotes replace the same characters of ASCII text as the Unicode control and format classes', () => {
    const unicodeVisible = (text: string) => text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '\uFFFD');
    for (let code = 0; code < 128; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(quote(text)).toBe(`"${unicodeVisible(text)}"`);
    }
    expect(quote('x\u202ey\u00adz\u0085')).toBe('"x\uFFFDy\uFFFDz\uFFFD"');
  });

  test('reading a plain ASCII request runs no pattern with a Unicode property class (what `lucid parse` pays for)', async () => {
    const ran: string[] = [];
    const exec = RegExp.prototype.exec;
    // Every regex use (test, match, replace, split, matchAll) goes through exec once it is replaced.
    RegExp.prototype.exec = function (this: RegExp, text: string) {
      if (this.source.includes('\\p{')) ran.push(String(this));
      return exec.call(this, text);
    };
    try {
      for (const text of ['swap 1 ETH for USDC', 'wrap 2 eth', 'please buy 100 usdc with eth, max slippage 0.5%', 'swap 1.5k usdc for eth on base'])
        expect((await parseIntents(text, { parser: 'grammar' })).intents.intents.length).toBe(1);
    } finally {
      RegExp.prototype.exec = exec;
    }
    expect(ran).toEqual([]);
  });

  test('non-ASCII text is still read with the Unicode patterns', () => {
    expect(() => tokenize('send 1 ETH to jos\u00e9')).toThrow(/non-ASCII character "\u00e9"/);
    expect(() => tokenize('send 1 USD\u0421 to bob')).toThrow(/non-ASCII character/);
  });
});
