#!/usr/bin/env node
// `npm run test:seeded-bugs`: proves the invariant suite still catches every bug seeded in
// registry-contracts/test/invariant/bugs/*.patch. Each patch is applied to a scratch copy of the contracts
// and the invariant tests run there; the check fails when a patch no longer applies, when the patched
// contracts do not compile, when the suite passes on it, or when it fails on a different invariant than the
// one the patch names. A patch names its invariant in a header line above the diff (git apply ignores it):
//
//   Bug: <what the patch breaks, one line>
//   Caught-by: <an invariant_ test function, or the label its assertion fails with>
//
// New patches need no change here: every *.patch in the directory is checked. `--bugs-dir DIR` checks the
// patches in another directory (the runner's own tests use it); other arguments pick patches by name.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const foundry = join(root, 'scripts', 'foundry.mjs');

/** The header of a seeded-bug patch: the lines above the diff. */
function readBugHeader(text) {
  const header = text.split('\n').slice(0, Math.max(0, text.split('\n').findIndex((line) => /^(diff --git |--- )/.test(line))));
  const field = (name) => header.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim() || undefined;
  return { bug: field('Bug'), caughtBy: field('Caught-by') };
}

/** Whether a failing forge test result is the named invariant: its function, or an assertion labelled with it. */
// Caught by the named invariant: its assertion failed, or its own campaign failed on the way (fuzzing is seeded
// anew each run, so a handler may hit the broken state through a revert before the assertion reads it).
function failedOn(result, caughtBy) {
  const reason = result.reason ?? '';
  const test = result.test.replace(/\(\)$/, '');
  return test === caughtBy || test === `invariant_${caughtBy}` || reason === caughtBy || reason.startsWith(`${caughtBy}: `);
}

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Runs every invariant_ test in `cwd`; returns the failing results, or an error when forge could not run the suite. */
function runInvariants(cwd) {
  const forge = run(process.execPath, [foundry, 'forge', 'test', '--match-test', '^invariant', '--json'], cwd);
  let report;
  try {
    report = JSON.parse(forge.stdout);
  } catch {
    return { error: `forge did not run the suite (exit ${forge.status}):\n${(forge.stderr || forge.stdout).trim().split('\n').slice(-15).join('\n')}` };
  }
  const results = Object.values(report).flatMap((suite) => Object.entries(suite.test_results).map(([test, result]) => ({ test, ...result })));
  if (results.length === 0) return { error: 'forge found no invariant_ tests' };
  const failures = results.filter((result) => result.status !== 'Success');
  if ((failures.length > 0) !== (forge.status !== 0)) return { error: `forge exited ${forge.status} with ${failures.length} failing tests` };
  return { failures };
}

/**
 * A scratch copy of what `forge test` reads, with the repo's build cache so only what a patch touches
 * recompiles. The packages forge reads Solidity from are copied (forge resolves a linked library to its real
 * path outside the scratch root, which would invalidate the whole cache); every other package is linked.
 */
function makeScratch() {
  const scratch = mkdtempSync(join(tmpdir(), 'lucid-seeded-bugs-'));
  cpSync(join(root, 'foundry.toml'), join(scratch, 'foundry.toml'));
  for (const dir of ['src', 'test', 'script', 'bin', 'cache', 'out']) {
    const from = join(root, 'registry-contracts', dir);
    if (existsSync(from)) cpSync(from, join(scratch, 'registry-contracts', dir), { recursive: true, preserveTimestamps: true });
  }
  const cacheFile = join(root, 'registry-contracts', 'cache', 'solidity-files-cache.json');
  const sources = existsSync(cacheFile) ? Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')).files) : [];
  const solidityPackages = new Set(
    sources.filter((path) => path.startsWith('node_modules/')).map((path) => path.split('/').slice(1, path.split('/')[1].startsWith('@') ? 3 : 2).join('/')),
  );
  const modules = join(root, 'node_modules');
  for (const name of readdirSync(modules)) {
    const packages = name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name];
    for (const pkg of packages) {
      mkdirSync(dirname(join(scratch, 'node_modules', pkg)), { recursive: true });
      if (solidityPackages.has(pkg)) cpSync(join(modules, pkg), join(scratch, 'node_modules', pkg), { recursive: true, preserveTimestamps: true });
      else symlinkSync(join(modules, pkg), join(scratch, 'node_modules', pkg));
    }
  }
  return scratch;
}

function describeFailures(failures) {
  return failures.map((failure) => `${failure.test}: ${failure.reason ?? failure.status}`).join('; ');
}

function main() {
  const args = process.argv.slice(2);
  const dirFlag = args.indexOf('--bugs-dir');
  const bugsDir = dirFlag >= 0 ? resolve(args.splice(dirFlag, 2)[1] ?? '') : join(root, 'registry-contracts', 'test', 'invariant', 'bugs');
  const wanted = args;
  const patches = readdirSync(bugsDir)
    .filter((name) => name.endsWith('.patch'))
    .filter((name) => wanted.length === 0 || wanted.includes(name) || wanted.includes(basename(name, '.patch')))
    .sort();
  if (patches.length === 0) {
    console.error(`seeded bugs: no patches in ${bugsDir}${wanted.length ? ` matching ${wanted.join(', ')}` : ''}`);
    return 1;
  }
  const scratch = makeScratch();
  const problems = [];
  try {
    // Without this, a suite that fails anyway would "catch" every bug.
    console.error('seeded bugs: the unpatched invariant suite…');
    const baseline = runInvariants(scratch);
    if (baseline.error || baseline.failures.length > 0) {
      console.error(`seeded bugs: the invariant suite must pass before any bug is seeded: ${baseline.error ?? describeFailures(baseline.failures)}`);
      return 1;
    }
    for (const name of patches) {
      const path = join(bugsDir, name);
      const { caughtBy } = readBugHeader(readFileSync(path, 'utf8'));
      if (!caughtBy) {
        problems.push(`${name}: no "Caught-by: <invariant>" line above the diff`);
        continue;
      }
      const apply = run('git', ['apply', path], scratch);
      if (apply.status !== 0) {
        problems.push(`${name}: no longer applies to the contracts: ${apply.stderr.trim()}`);
        continue;
      }
      try {
        const outcome = runInvariants(scratch);
        if (outcome.error) problems.push(`${name}: ${outcome.error}`);
        else if (outcome.failures.length === 0) problems.push(`${name}: NOT caught: every invariant passes with this bug in place`);
        else if (!outcome.failures.some((failure) => failedOn(failure, caughtBy)))
          problems.push(`${name}: expected ${caughtBy} to catch it, but the suite failed on ${describeFailures(outcome.failures)}`);
        else console.error(`seeded bugs: ${name} caught by ${caughtBy}`);
      } finally {
        const revert = run('git', ['apply', '-R', path], scratch);
        if (revert.status !== 0) throw new Error(`${name}: could not revert the patch in ${scratch}: ${revert.stderr}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const problem of problems) console.error(`seeded bugs: FAIL ${problem}`);
  console.error(`seeded bugs: ${patches.length - problems.length} of ${patches.length} caught by the invariant they name`);
  return problems.length ? 1 : 0;
}

process.exitCode = main();
