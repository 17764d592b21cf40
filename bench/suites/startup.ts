/**
 * Cold start of the real binary: a fresh `node bin/lucid.js …` process each time, timed from spawn to
 * exit. Targets from the terminal issue: `--help` p50 < 150 ms, `parse --json` p50 < 300 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, type BenchResult, type BenchSuite } from '../types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'bin', 'lucid.js');

function time(args: string[], home: string, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LUCID_HOME: home, NO_COLOR: '1' }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`lucid ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (i >= 2) samples.push(ms); // the first runs warm the OS file cache, not Lucid
  }
  return samples;
}

export const startupSuite: BenchSuite = {
  name: 'startup',
  async run(): Promise<BenchResult[]> {
    const home = mkdtempSync(join(tmpdir(), 'lucid-bench-'));
    try {
      const cases: [string, string[], number][] = [
        ['lucid --help', ['--help'], 150],
        ['lucid --version', ['--version'], 150],
        ['lucid parse --json', ['parse', '--json', 'swap 1 ETH for USDC then send 50 USDC to alice.eth'], 300],
      ];
      return cases.map(([name, args, target]) => {
        const samples = time(args, home, 20);
        const p50 = percentile(samples, 50);
        return { suite: 'startup', name, unit: 'ms', p50, p95: percentile(samples, 95), samples: samples.length, target: `p50 < ${target} ms`, ok: p50 < target } satisfies BenchResult;
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
