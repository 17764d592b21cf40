import { describe, expect, test } from 'vitest';
import { compareDecimal, scaleDecimal } from './decimal.js';
import { damerauLevenshtein, nearest } from './distance.js';
import { tokenize } from './tokenize.js';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.value}`);

describe('tokenize', () => {
  test('default: typed tokens with positions', () => {
    const tokens = tokenize('swap 1.5k USDC -> alice.eth');
    expect(tokens.map(({ kind, text, start, end }) => ({ kind, text, start, end }))).toEqual([
      { kind: 'word', text: 'swap', start: 0, end: 4 },
      { kind: 'number', text: '1.5', start: 5, end: 8 },
      { kind: 'suffix', text: 'k', start: 8, end: 9 },
      { kind: 'word', text: 'USDC', start: 10, end: 14 },
      { kind: 'punct', text: '->', start: 15, end: 17 },
      { kind: 'ens', text: 'alice.eth', start: 18, end: 27 },
    ]);
  });
  test('numbers: separators, exponents, leading dot, dollar sign', () => {
    expect(kinds('1,000 1e-3 .5 $20 2E3')).toEqual(['number:1000', 'number:0.001', 'number:0.5', 'number:20', 'number:2000']);
    expect(tokenize('$20')[0]?.dollar).toBe(true);
  });
  test('number words, scale words, percent', () => {
    expect(kinds('five million 25% ten percent')).toEqual(['numberWord:5', 'suffix:6', 'number:25', 'percent:%', 'numberWord:10', 'percent:%']);
  });
  test('a symbol glued to a number is its own word', () => {
    expect(kinds('100usdc 1eth')).toEqual(['number:100', 'word:usdc', 'number:1', 'word:eth']);
  });
  test('addresses, and ENS names without a sentence-final dot', () => {
    expect(kinds('0x7a250d5630b4cf539739df2c5dacb4c659f2488d alice.eth.')).toEqual([
      'address:0x7a250d5630b4cf539739df2c5dacb4c659f2488d',
      'ens:alice.eth',
      'punct:.',
    ]);
  });
  test('punctuation: arrows normalised, new lines end clauses, quotes dropped', () => {
    expect(kinds('a → b => c\n"d"')).toEqual(['word:a', 'punct:->', 'word:b', 'punct:->', 'word:c', 'punct:;', 'word:d']);
  });
  test('apostrophes: straight and curly are the same word', () => {
    expect(tokenize('what’s')[0]?.lower).toBe("what's");
  });
  test('errors: malformed numbers and addresses', () => {
    expect(() => tokenize('1,0000')).toThrow(/is not a number/);
    expect(() => tokenize('0x12')).toThrow(/has 2 hex digits/);
    expect(() => tokenize('0x7a250d5630b4cf539739df2c5dacb4c659f2488dzz')).toThrow(/not hex digits/);
  });
});

describe('decimal', () => {
  test('scaleDecimal is exact', () => {
    expect(scaleDecimal('1.5', 3)).toBe('1500');
    expect(scaleDecimal('0.1', 3)).toBe('100');
    expect(scaleDecimal('1', -3)).toBe('0.001');
    expect(scaleDecimal('007.50', 0)).toBe('7.5');
    expect(scaleDecimal('.5', 0)).toBe('0.5');
  });
  test('compareDecimal', () => {
    expect(compareDecimal('100', '99.9')).toBe(1);
    expect(compareDecimal('12.5', '12.50')).toBe(0);
    expect(compareDecimal('0.01', '0.1')).toBe(-1);
  });
});

describe('distance', () => {
  test('Damerau-Levenshtein counts a transposition as one edit', () => {
    expect(damerauLevenshtein('uscd', 'usdc')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });
  test('nearest: close enough, case-insensitive, no guess on a tie', () => {
    expect(nearest('USCD', ['ETH', 'USDC', 'DAI'])).toBe('USDC');
    expect(nearest('steth', ['stETH', 'wstETH'])).toBe('stETH');
    expect(nearest('bananas', ['ETH', 'USDC'])).toBeUndefined();
    expect(nearest('uni', ['UNI2', 'UNI3'])).toBeUndefined();
  });
});
