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

  test('behavior: no intent of the tuned corpus looks like a secret', () => {
    const corpus = readFileSync(fileURLToPath(new URL('../router/corpus/intents.jsonl', import.meta.url)), 'utf8');
    const texts = corpus.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter((text) => findSecretShapes(text).some((shape) => shape.kind === 'mnemonic'))).toEqual([]);
  });
});
