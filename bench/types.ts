/** One measured figure of `npm run bench`. Suites live in ./suites and return a list of these. */
export type BenchResult = {
  suite: string;
  name: string;
  unit: 'ms' | 'µs' | 'x' | 'gas' | 'MB' | 's' | 'requests';
  p50?: number | undefined;
  p95?: number | undefined;
  p99?: number | undefined;
  /** A single value when percentiles make no sense (a ratio, a size). */
  value?: number | undefined;
  samples: number;
  /** Human-readable target, e.g. "p99 < 1 ms". */
  target?: string | undefined;
  /** Whether the target was met; undefined when there is no target. */
  ok?: boolean | undefined;
  /** Peak resident memory of the measured process (MiB), when the platform can tell. */
  peakMiB?: number | undefined;
  /** The two sides of a ratio in words, e.g. "812 ms vs 95 ms; 118 MiB vs 27 MiB". */
  detail?: string | undefined;
};

export type BenchSuite = { name: string; run: () => Promise<BenchResult[]> };

/** Percentile of a sample (nearest-rank); the input need not be sorted. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
