/**
 * The last `npm run bench:install` measure, kept in `.bench/install.json` (not committed: it describes one
 * machine), and its row in `npm run bench`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types.js';

export type InstallResult = {
  measuredAt: string;
  node: string;
  commit: string;
  steps: { fetch: number; native: number; prepare: number };
  totalSeconds: number;
  beyondNativeSeconds: number;
};

const targetSeconds = 30;

export function installResultPath(root: string): string {
  return join(root, '.bench', 'install.json');
}

/** The install row: the last measure if there is one, else a row saying how to take it. */
export function readInstallRow(root: string): BenchResult {
  const name = 'npm ci on a fresh clone, beyond the native SQLite build';
  const path = installResultPath(root);
  if (!existsSync(path)) return { suite: 'install', name, unit: 's', samples: 0, target: `≤ ${targetSeconds} s`, detail: 'not measured here: run `npm run bench:install`' };
  const result = JSON.parse(readFileSync(path, 'utf8')) as InstallResult;
  return {
    suite: 'install',
    name,
    unit: 's',
    value: result.beyondNativeSeconds,
    samples: 1,
    target: `≤ ${targetSeconds} s`,
    ok: result.beyondNativeSeconds <= targetSeconds,
    detail: `total ${result.totalSeconds.toFixed(0)} s, of which dependency scripts (native SQLite) ${result.steps.native.toFixed(0)} s; ${result.commit}, ${result.measuredAt.slice(0, 16)}Z`,
  };
}
