/**
 * Routing latency: finding the candidate registry agents for an (action, chain) in the SQLite index, with
 * 10, 1,000 and 100,000 registered agents (synthetic rows written straight into a temp DB). The lookup is
 * an index range scan with a LIMIT (runtime/src/registry/registryAgents.ts), so the cost should stay flat
 * as the registry grows. Two measures per size: the candidate query alone, and `registryAgents()` (query
 * plus building the HTTP agents). Target: p50 < 1 ms at every size (p99 is reported; on a busy machine it is
 * dominated by scheduler pauses), and p50 at 100,000 within 3x of p50 at 10.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { intentActions } from '../../kernel/index.js';
import { registryAgents, registryCandidates, seedSyntheticAgents } from '../../runtime/testing.js';
import { openStore } from '../../runtime/index.js';
import { percentile, type BenchResult, type BenchSuite } from '../types.js';

const sizes = [10, 1_000, 100_000] as const;
const samples = 2_000;
const warmup = 200;
const chainId = 31337;
const targetP50Ms = 1;

export const routingSuite: BenchSuite = {
  name: 'routing',
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const p50BySize = new Map<number, number>();
    for (const size of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'lucid-bench-routing-'));
      const store = openStore(join(dir, 'lucid.db'));
      try {
        seedSyntheticAgents(store.db, { chainId, count: size });
        const query = time(() => registryCandidates(store.db, { chainId, action: pick(), limit: 8 }));
        const agents = time(() => registryAgents({ db: store.db, chainId, action: pick() }));
        p50BySize.set(size, percentile(query, 50));
        for (const [name, timings] of [
          [`candidate query, ${size.toLocaleString('en-US')} agents`, query],
          [`registryAgents(), ${size.toLocaleString('en-US')} agents`, agents],
        ] as const) {
          const p50 = percentile(timings, 50);
          results.push({
            suite: 'routing',
            name,
            unit: 'ms',
            p50,
            p95: percentile(timings, 95),
            p99: percentile(timings, 99),
            samples: timings.length,
            target: `p50 < ${targetP50Ms} ms`,
            ok: p50 < targetP50Ms,
          });
        }
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const ratio = p50BySize.get(100_000)! / p50BySize.get(10)!;
    results.push({ suite: 'routing', name: 'p50 at 100,000 / p50 at 10 (candidate query)', unit: 'x', value: ratio, samples: 1, target: '< 3x (not linear: 10,000x)', ok: ratio < 3 });
    return results;
  },
};

let next = 0;
/** Cycles through the actions so every sample is a different lookup, not a cached one. */
function pick(): (typeof intentActions)[number] {
  next = (next + 1) % intentActions.length;
  return intentActions[next]!;
}

function time(run: () => unknown): number[] {
  for (let i = 0; i < warmup; i++) run();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    run();
    out.push(performance.now() - started);
  }
  return out;
}
