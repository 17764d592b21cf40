/**
 * Runs whole processes side by side and times each from spawn to exit. The commands of one comparison
 * run in turns (A B C, A B C, …) rather than one after the other, so a machine that gets busier or quieter
 * during the run moves every side alike and the ratios stay honest; the first round only warms the OS file
 * cache and is dropped. Peak memory (the maximum resident set) comes from GNU time (`/usr/bin/time -f %M`)
 * where it exists; its own start-up is paid by every side alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './types.js';

export type ProcessCommand = { name: string; command: string; args: readonly string[]; env?: NodeJS.ProcessEnv | undefined };
export type ProcessMeasure = { name: string; ms: number[]; peakMiB: number[]; p50: number; p95: number; peakMiBMax: number | undefined };

export type MeasureProcessesParameters = {
  commands: readonly ProcessCommand[];
  runs: number;
};

const gnuTime = '/usr/bin/time';

/**
 * @returns one measure per command, in the order given. Throws when a command fails: a failed run is not a
 * fast run.
 *
 * @example
 * const [node, help] = measureProcesses({ runs: 15, commands: [{ name: 'node', command: process.execPath, args: ['-e', '0'] }, …] });
 */
export function measureProcesses({ commands, runs }: MeasureProcessesParameters): ProcessMeasure[] {
  const withTime = existsSync(gnuTime) && process.platform === 'linux';
  const dir = mkdtempSync(join(tmpdir(), 'lucid-bench-time-'));
  const out = join(dir, 'time');
  const samples = commands.map(() => ({ ms: [] as number[], peakMiB: [] as number[] }));
  try {
    for (let round = 0; round <= runs; round++) {
      commands.forEach((cmd, index) => {
        const [file, args] = withTime ? [gnuTime, ['-o', out, '-f', '%M', cmd.command, ...cmd.args]] : [cmd.command, [...cmd.args]];
        const started = process.hrtime.bigint();
        const result = spawnSync(file, args, { env: cmd.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (result.status !== 0)
          throw new Error(`${cmd.name} exited ${result.status ?? result.signal}: ${(result.stderr || result.stdout || '').trim().slice(-400)}`);
        if (round === 0) return;
        samples[index]!.ms.push(ms);
        if (withTime) {
          const kib = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
          if (Number.isFinite(kib)) samples[index]!.peakMiB.push(kib / 1024);
        }
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return commands.map((cmd, index) => {
    const { ms, peakMiB } = samples[index]!;
    return { name: cmd.name, ms, peakMiB, p50: percentile(ms, 50), p95: percentile(ms, 95), peakMiBMax: peakMiB.length ? Math.max(...peakMiB) : undefined };
  });
}

/** "812 ms vs 95 ms; 118 MiB vs 27 MiB": the two sides of a ratio row. */
export function describePair(a: ProcessMeasure, b: ProcessMeasure): string {
  const time = `${formatMs(a.p50)} vs ${formatMs(b.p50)}`;
  return a.peakMiBMax !== undefined && b.peakMiBMax !== undefined ? `${time}; ${a.peakMiBMax.toFixed(0)} MiB vs ${b.peakMiBMax.toFixed(0)} MiB` : time;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
