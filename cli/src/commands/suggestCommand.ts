/**
 * `lucid histroy` is a mistyped command, not an intent: when the first word is close to a command's name
 * and the grammar does not know it as an action, the answer is "did you mean history?", not a parse error.
 */
import type { Command } from 'commander';

/** The command the word was probably meant to be, or `undefined` when it is not close to any. */
export function suggestCommand(program: Command, word: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3 || !/^[a-z-]+$/.test(lower)) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const command of program.commands) {
    for (const name of [command.name(), ...command.aliases()]) {
      const distance = editDistance(lower, name);
      const limit = Math.min(2, Math.floor(name.length / 3));
      if (distance > 0 && distance <= limit && (!best || distance < best.distance)) best = { name, distance };
    }
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
