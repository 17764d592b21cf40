/**
 * `npm run bench:install`: what the README's first step costs on a fresh clone, measured apart from
 * `npm run bench` (it takes minutes and needs the registry). The committed HEAD is cloned into a temp
 * folder and installed the way CI does, in three timed steps:
 *   1. `npm ci --ignore-scripts`: resolve, download (or take from npm's cache) and unpack the tree;
 *   2. `npm rebuild`: the dependencies' install scripts, above all better-sqlite3's native build (its
 *      prebuilt binary is often out of reach, and then node-gyp compiles SQLite from source);
 *   3. `npm run prepare`: Lucid's own install step (scripts/prepare.mjs: forge only when the committed contract
 *      artifacts do not match their sources, then the TypeScript transpiled and the CLI bundled).
 * The performance issue's target is on everything but step 2: ≤ 30 s. The result is written to
 * `.bench/install.json`, which `npm run bench` reports as its install row.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installResultPath, type InstallResult } from './installResult.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(label: string, command: string, args: string[], cwd: string): number {
  process.stderr.write(`bench:install: ${label}…\n`);
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: '1' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${label} (${command} ${args.join(' ')}) exited ${result.status ?? result.signal}`);
  process.stderr.write(`bench:install: ${label}: ${seconds.toFixed(1)} s\n`);
  return seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'lucid-bench-install-'));
try {
  const clone = join(dir, 'lucid');
  step('fresh clone', 'git', ['clone', '--quiet', '--no-hardlinks', root, clone], dir);
  const fetch = step('npm ci --ignore-scripts', npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], clone);
  const native = step('npm rebuild (dependency install scripts)', npm, ['rebuild'], clone);
  const prepare = step('npm run prepare (Lucid build)', npm, ['run', 'prepare'], clone);
  const result: InstallResult = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone, encoding: 'utf8' }).stdout.trim(),
    steps: { fetch, native, prepare },
    totalSeconds: fetch + native + prepare,
    beyondNativeSeconds: fetch + prepare,
  };
  mkdirSync(dirname(installResultPath(root)), { recursive: true });
  writeFileSync(installResultPath(root), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
