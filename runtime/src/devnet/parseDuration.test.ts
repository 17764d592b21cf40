import { describe, expect, test } from 'vitest';
import { InputError } from '../../../kernel/index.js';
import { parseDuration } from './parseDuration.js';

describe('parseDuration', () => {
  test.each([
    ['45s', 45],
    ['90m', 5_400],
    ['12h', 43_200],
    ['30d', 2_592_000],
    ['2w', 1_209_600],
    ['1d12h', 129_600],
    [' 7D ', 604_800],
  ])('default: %s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  describe('errors', () => {
    test.each(['', '30', 'd', '30x', '-1d', '1.5h', '0s', '30 days', 'soon'])('"%s" is an InputError', (text) => {
      expect(() => parseDuration(text)).toThrow(InputError);
    });

    test('the message says what was not understood and how to write it', () => {
      try {
        parseDuration('soon');
        expect.unreachable();
      } catch (error) {
        expect((error as InputError).code).toBe('INVALID_DURATION');
        expect((error as InputError).message).toMatchInlineSnapshot(`
          "Cannot read "soon" as a duration.

          hint: Use a number and a unit: 45s, 90m, 12h, 30d or 2w."
        `);
      }
    });
  });
});
