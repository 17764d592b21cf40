/**
 * Grammar parse latency over the intent corpus: every line many times after a warm-up. Target: p99 < 1 ms
 * per intent.
 *
 * Two views of the same samples:
 * - per call: every single parse timed; on a busy machine this includes scheduler preemption and GC pauses.
 * - per intent: each corpus line's median over the rounds, then percentiles across lines; what one intent
 *   costs, robust to the occasional pause. Accepted and refused lines are reported apart (a refusal also
 *   builds an error with a caret line).
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus, parseWithGrammar } from '../../router/index.js';
import { percentile, type BenchResult, type BenchSuite } from '../types.js';

const warmupRounds = 5;
const measuredRounds = 31;
const targetP99Ms = 1;

export const parseSuite: BenchSuite = {
  name: 'parse',
  async run(): Promise<BenchResult[]> {
    const texts = loadCorpus().map((item) => item.text);
    for (let round = 0; round < warmupRounds; round++) for (const text of texts) parseOnce(text);
    const perLine = texts.map(() => [] as number[]);
    const accepted = texts.map((text) => parseOnce(text));
    for (let round = 0; round < measuredRounds; round++) {
      texts.forEach((text, index) => {
        const started = performance.now();
        parseOnce(text);
        perLine[index]!.push(performance.now() - started);
      });
    }
    const medians = perLine.map((samples) => percentile(samples, 50));
    return [
      result('grammar parse, per call', perLine.flat()),
      result('grammar parse, per intent (accepted)', medians.filter((_, index) => accepted[index])),
      result('grammar parse, per intent (refused)', medians.filter((_, index) => !accepted[index])),
    ];
  },
};

function parseOnce(text: string): boolean {
  try {
    parseWithGrammar(text);
    return true;
  } catch {
    return false;
  }
}

function result(name: string, samples: readonly number[]): BenchResult {
  const p99 = round(percentile(samples, 99));
  return {
    suite: 'parse',
    name,
    unit: 'ms',
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99,
    samples: samples.length,
    target: `p99 < ${targetP99Ms} ms`,
    ok: p99 < targetP99Ms,
  };
}

/** Four decimals of a millisecond (0.1 µs) is finer than the timer's real resolution anyway. */
function round(ms: number): number {
  return Math.round(ms * 10_000) / 10_000;
}
