/**
 * Damerau-Levenshtein distance (the optimal-string-alignment variant: insertions, deletions, substitutions
 * and transpositions of adjacent letters, each costing 1). Used to suggest "USDC" for "USCD".
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the transposition step looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * The candidate nearest to `word` (case-insensitive), if it is close enough to be a slip of the keyboard:
 * distance 1 for words of up to four letters, 2 for longer ones. Ties between different candidates give
 * no suggestion, since guessing between two real tokens is worse than asking.
 */
export function nearest(word: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  const lower = word.toLowerCase();
  const limit = maxDistance ?? (lower.length <= 4 ? 1 : 2);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of candidates) {
    // Lengths alone bound the distance from below; skip candidates that cannot be close.
    if (Math.abs(candidate.length - lower.length) > limit) continue;
    const distance = damerauLevenshtein(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate.toLowerCase() !== best?.toLowerCase()) {
      tie = true;
    }
  }
  return bestDistance <= limit && !tie ? best : undefined;
}
