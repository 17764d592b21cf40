/** Parses `45s`, `90m`, `12h`, `30d`, `2w` (also `1d12h`) into seconds. */
import { InputError } from '../../../kernel/index.js';

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;

export function parseDuration(text: string): number {
  const input = text.trim().toLowerCase();
  const pattern = /(\d+)\s*([smhdw])/g;
  let seconds = 0;
  let consumed = 0;
  for (const match of input.matchAll(pattern)) {
    if (match.index !== consumed) break;
    seconds += Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
    consumed += match[0].length;
  }
  if (!input || consumed !== input.length || seconds <= 0 || !Number.isSafeInteger(seconds)) {
    throw new InputError('INVALID_DURATION', `Cannot read "${text}" as a duration.`, {
      hints: ['Use a number and a unit: 45s, 90m, 12h, 30d or 2w.'],
    });
  }
  return seconds;
}
