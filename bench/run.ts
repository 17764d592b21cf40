/**
 * `npm run bench`: runs every suite, prints one table and then one JSON document on stdout (progress goes
 * to stderr). Suites measure the targets the issues set (whole send vs `cast send`, start-up vs bare node,
 * parse latency, routing, simulation vs the eth_call floor); each result says whether its target was met,
 * and process measures carry their peak memory. The install row is the last `npm run bench:install`
 * (minutes long, so never part of this run). Select suites by name: `npm run bench -- send startup`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInstallRow } from './installResult.js';
import type { BenchResult, BenchSuite } from './types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function loadSuites(): Promise<BenchSuite[]> {
  const modules = await Promise.all([
    import('./suites/send.js').then((m) => m.sendSuite),
    import('./suites/startup.js').then((m) => m.startupSuite),
    import('./suites/simulation.js').then((m) => m.simulationSuite),
    import('./suites/parse.js').then((m) => m.parseSuite),
    import('./suites/routing.js').then((m) => m.routingSuite),
  ].map((p) => p.catch((error: unknown) => ({ name: 'missing', run: async () => { throw error; } }) as BenchSuite)));
  return modules;
}

function fmt(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(4);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const suites = (await loadSuites()).filter((suite) => wanted.length === 0 || wanted.includes(suite.name));
  const results: BenchResult[] = [];
  const failures: string[] = [];
  for (const suite of suites) {
    process.stderr.write(`bench: ${suite.name}…\n`);
    try {
      results.push(...(await suite.run()));
    } catch (error) {
      failures.push(`${suite.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (wanted.length === 0 || wanted.includes('install')) results.push(readInstallRow(root));
  const header = ['suite', 'measure', 'unit', 'p50', 'p95', 'p99', 'value', 'n', 'target', 'ok', 'peak MiB', 'detail'];
  const rows = results.map((r) => [
    r.suite,
    r.name,
    r.unit,
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.value),
    String(r.samples),
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
    r.peakMiB === undefined ? '' : r.peakMiB.toFixed(0),
    r.detail ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n\n`);
  process.stdout.write(`${JSON.stringify({ results, failures })}\n`);
  for (const failure of failures) process.stderr.write(`bench: suite failed: ${failure}\n`);
  if (failures.length) process.exitCode = 1;
}

await main();
