import { describe, expect, test } from 'vitest';
import { checkIntentList, findLucidError } from '../../kernel/index.js';
import { loadCorpora } from '../eval/corpus.js';
import { parseWithGrammar, readWithGrammar } from './grammar/index.js';
import { parseIntents } from './parseIntents.js';

// `lucid parse` reads with parseIntents, which checks the grammar's reading with kernel's zod-free
// checkIntentList and asks the schema only when that cannot vouch; parseWithGrammar always asks the schema.
// On every request of the tuned corpus the two must give the same bytes or the same error.
const cases = loadCorpora({ splits: ['tuned'] });

const outcome = (run: () => unknown) => {
  try {
    return { json: JSON.stringify(run()) };
  } catch (error) {
    const lucid = findLucidError(error);
    return { error: lucid ? JSON.stringify(lucid.toJSON()) : String(error) };
  }
};

describe('the grammar reading checked without zod', () => {
  test('a reading checkIntentList vouches for is the schema-checked one, byte for byte, on the whole tuned corpus', () => {
    expect(cases.length).toBeGreaterThan(5_000);
    let read = 0;
    for (const item of cases) {
      const viaSchema = outcome(() => parseWithGrammar(item.text));
      let reading: ReturnType<typeof readWithGrammar> | undefined;
      const unchecked = outcome(() => (reading = readWithGrammar(item.text)));
      if (!viaSchema.json) {
        // Refused: by the grammar itself, with the same error (the schema never had to refuse a reading here).
        expect(unchecked, `${item.file}:${item.line}`).toEqual(viaSchema);
        continue;
      }
      read++;
      // The hand check vouches for every reading the grammar makes: on this corpus zod stays off the path.
      expect(checkIntentList(reading), `${item.file}:${item.line}`).toBe(true);
      expect(unchecked, `${item.file}:${item.line}`).toEqual(viaSchema);
    }
    expect(read).toBeGreaterThan(3_000);
  }, 600_000);

  test('parseIntents reads and refuses as parseWithGrammar does', async () => {
    const sample = cases.filter((_, index) => index % 50 === 0);
    for (const item of sample) {
      let viaDispatcher: ReturnType<typeof outcome>;
      try {
        viaDispatcher = { json: JSON.stringify((await parseIntents(item.text, { parser: 'grammar' })).intents) };
      } catch (error) {
        const lucid = findLucidError(error);
        viaDispatcher = { error: lucid ? JSON.stringify(lucid.toJSON()) : String(error) };
      }
      expect(viaDispatcher, `${item.file}:${item.line}`).toEqual(outcome(() => parseWithGrammar(item.text)));
    }
  });
});
