/**
 * Cold start of the real binary next to bare node: fresh `node bin/lucid.js …` processes and `node -e 0`,
 * in turns, timed from spawn to exit. The performance issue's targets are ratios to `node -e 0` (absolute
 * times drift with the machine): `lucid --help` ≤ 1.3×, `lucid parse --json "swap 1 ETH for USDC"` ≤ 1.5×.
 * The terminal issue's absolute targets (p50 < 150 ms and < 300 ms) are reported beside them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePair, measureProcesses, type ProcessMeasure } from '../measureProcesses.js';
import type { BenchResult, BenchSuite } from '../types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** LUCID_BENCH_BIN measures another build's entry (e.g. a checkout of main) with this bench. */
const bin = process.env.LUCID_BENCH_BIN ?? join(root, 'bin', 'lucid.js');
const runs = Number(process.env.LUCID_BENCH_STARTUP_RUNS ?? 15);

export const startupSuite: BenchSuite = {
  name: 'startup',
  async run(): Promise<BenchResult[]> {
    const home = mkdtempSync(join(tmpdir(), 'lucid-bench-'));
    try {
      const env = { ...process.env, LUCID_HOME: home, NO_COLOR: '1' };
      const lucid = (name: string, args: string[]) => ({ name, command: process.execPath, args: [bin, ...args], env });
      const [node, help, version, parse] = measureProcesses({
        runs,
        commands: [
          { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
          lucid('lucid --help', ['--help']),
          lucid('lucid --version', ['--version']),
          lucid('lucid parse --json', ['parse', '--json', 'swap 1 ETH for USDC']),
        ],
      }) as [ProcessMeasure, ProcessMeasure, ProcessMeasure, ProcessMeasure];
      const ratio = (name: string, measure: ProcessMeasure, target: number): BenchResult => {
        const value = measure.p50 / node.p50;
        return { suite: 'startup', name, unit: 'x', value, samples: measure.ms.length, target: `≤ ${target}×`, ok: value <= target, peakMiB: measure.peakMiBMax, detail: describePair(measure, node) };
      };
      const absolute = (measure: ProcessMeasure, target: number): BenchResult => ({
        suite: 'startup',
        name: measure.name,
        unit: 'ms',
        p50: measure.p50,
        p95: measure.p95,
        samples: measure.ms.length,
        target: `p50 < ${target} ms`,
        ok: measure.p50 < target,
        peakMiB: measure.peakMiBMax,
      });
      return [
        { suite: 'startup', name: 'node -e 0', unit: 'ms', p50: node.p50, p95: node.p95, samples: node.ms.length, peakMiB: node.peakMiBMax },
        ratio('lucid --help ÷ node -e 0', help, 1.3),
        ratio('lucid parse --json "swap 1 ETH for USDC" ÷ node -e 0', parse, 1.5),
        absolute(help, 150),
        absolute(version, 150),
        absolute(parse, 300),
      ];
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
