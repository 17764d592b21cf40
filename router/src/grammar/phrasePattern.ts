/**
 * The notation the frame (./frame.ts) and its round-7 additions (./lookAndRefuse.ts) write phrases in, and the one
 * matcher both use: words separated by spaces, `|` between alternatives in one slot, `#` a number, `*` any word.
 * Kept in its own module because frame.ts imports lookAndRefuse.ts, so neither can own it without a cycle.
 */

/** A sentence as the frame matches it: lower-case words, "#" for numbers, punctuation as its mark. */
export type Words = readonly string[];

/** A phrase, compiled: each slot the set of words it takes, or any word (`*`). */
export type Pattern = readonly (ReadonlySet<string> | '*')[];

export function compilePattern(text: string): Pattern {
  return text.split(' ').map((slot) => (slot === '*' ? '*' : new Set(slot.split('|'))));
}

/** Whether `pattern` matches the words starting at `i` (a pattern longer than what is left never matches). */
export function matchAt(words: Words, i: number, pattern: Pattern): boolean {
  for (let k = 0; k < pattern.length; k++) {
    const word = words[i + k];
    if (word === undefined) return false;
    const slot = pattern[k]!;
    if (slot !== '*' && !slot.has(word)) return false;
  }
  return true;
}
