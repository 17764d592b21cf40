import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findSecretShapes, redactSecretShapes } from './secrets.js';

const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

describe('findSecretShapes', () => {
  test('behavior: keys with or without 0x and 12–24 word phrases are found; longer hex and 11 words are not', () => {
    expect(findSecretShapes(`key 0x${'ab'.repeat(32)} here`).map((s) => s.kind)).toEqual(['key']);
    expect(findSecretShapes(`key ${'AB'.repeat(32)}`).map((s) => s.kind)).toEqual(['key']);
    expect(findSecretShapes(`calldata 0x${'ab'.repeat(33)}`)).toEqual([]);
    expect(findSecretShapes(phrase).map((s) => s.kind)).toEqual(['mnemonic']);
    expect(findSecretShapes(`${phrase} ${phrase}`).map((s) => s.kind)).toEqual(['mnemonic']);
    expect(findSecretShapes(`1. ${phrase.split(' ').join(', 2. ')}`).map((s) => s.kind)).toEqual(['mnemonic']);
    expect(findSecretShapes(phrase.split(' ').slice(0, 11).join(' '))).toEqual([]);
    expect(redactSecretShapes(`my words: ${phrase}!`)).toBe('my words: [redacted recovery phrase]!');
  });

  test('behavior: ASCII text is read without NFKC (it changes nothing there); other text is folded first', () => {
    // Words are split the same on both paths: "_" and "-" join no word, digits do.
    expect(findSecretShapes(phrase.split(' ').join('_')).map((s) => s.kind)).toEqual(['mnemonic']);
    expect(findSecretShapes(phrase.replace('legal', 'legal9'))).toEqual([]);
    // Full-width letters are the words NFKC folds them to, once the text is not ASCII.
    const fullWidth = phrase.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(findSecretShapes(`send ${fullWidth}`)).toEqual([{ kind: 'mnemonic', start: 5, end: 5 + phrase.length }]);
    expect(findSecretShapes(`caf\u00e9: ${phrase}`).map((s) => s.kind)).toEqual(['mnemonic']);
  });

  test('behavior: no intent of the tuned corpus looks like a secret', () => {
    const corpus = readFileSync(fileURLToPath(new URL('../router/corpus/intents.jsonl', import.meta.url)), 'utf8');
    const texts = corpus.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter((text) => findSecretShapes(text).some((shape) => shape.kind === 'mnemonic'))).toEqual([]);
  });
});
