/**
 * CI must fail when Solidity fails. These run the project's own npm scripts (`build:contracts`,
 * `test:contracts`, read from package.json) in a throwaway project that has the real foundry.toml, solc shim,
 * wrapper and artifact exporter but only a one-contract suite, so forge's answer reaches npm quickly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let project: string;

/** A project laid out like this repo (same relative paths), with `sources` as its only contracts. */
function makeProject(sources: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-ci-truth-'));
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'ci-truth', private: true, type: 'module', scripts: { 'build:contracts': scripts['build:contracts'], 'test:contracts': scripts['test:contracts'], 'check:artifacts': scripts['check:artifacts'] } }),
  );
  cpSync(join(root, 'foundry.toml'), join(dir, 'foundry.toml'));
  cpSync(join(root, 'scripts', 'foundry.mjs'), join(dir, 'scripts', 'foundry.mjs'));
  cpSync(join(root, 'registry-contracts', 'bin'), join(dir, 'registry-contracts', 'bin'), { recursive: true });
  // A copy, not a link: the exporter writes beside itself, and must never touch this repo's artifacts.
  for (const script of ['export-artifacts.mjs', 'artifacts-lib.mjs', 'check-artifacts.mjs']) {
    cpSync(join(root, 'registry-contracts', 'script', script), join(dir, 'registry-contracts', 'script', script));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(sources)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function npmRun(script: string, cwd: string): { status: number | null; output: string } {
  const result = spawnSync(npm, ['run', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const counter = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Counter {
    uint256 public count;
    function increment() external { count += 1; }
}
`;
const counterTest = (assertion: string) => `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {Counter} from "../src/Counter.sol";
contract CounterTest {
    function test_IncrementCounts() public {
        Counter counter = new Counter();
        counter.increment();
        ${assertion}
    }
}
`;
const artifacts = (dir: string) => join(dir, 'registry-contracts', 'generated', 'artifacts.ts');

afterEach(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('npm run test:contracts', () => {
  test('exits 0 when every Solidity test passes', () => {
    project = makeProject({
      'registry-contracts/src/Counter.sol': counter,
      'registry-contracts/test/Counter.t.sol': counterTest('require(counter.count() == 1, "count is 1");'),
    });
    const run = npmRun('test:contracts', project);
    expect(run.output).toContain('1 passed');
    expect(run.status).toBe(0);
  });

  test('exits non-zero when a Solidity test fails', () => {
    project = makeProject({
      'registry-contracts/src/Counter.sol': counter,
      'registry-contracts/test/Counter.t.sol': counterTest('require(counter.count() == 2, "one is not two");'),
    });
    const run = npmRun('test:contracts', project);
    expect(run.output).toContain('one is not two');
    expect(run.status).not.toBe(0);
  });
});

describe('npm run build:contracts', () => {
  test('exports fresh artifacts, and stops on a compile error instead of exporting the stale ones', () => {
    project = makeProject({ 'registry-contracts/src/Counter.sol': counter });
    const build = npmRun('build:contracts', project);
    expect(build.status).toBe(0);
    expect(readFileSync(artifacts(project), 'utf8')).toContain('export const Counter = ');

    // The previous build's output stays in out/, as in any working copy: exporting it would hide the error.
    rmSync(artifacts(project));
    writeFileSync(join(project, 'registry-contracts', 'src', 'Counter.sol'), counter.replace('count += 1;', 'count += ;'));
    const broken = npmRun('build:contracts', project);
    expect(broken.output).toMatch(/error/i);
    expect(broken.status).not.toBe(0);
    expect(existsSync(artifacts(project))).toBe(false);
  });
});

const fingerprintOnly = (dir: string) =>
  spawnSync(process.execPath, [join(dir, 'registry-contracts', 'script', 'check-artifacts.mjs'), '--fingerprint-only'], { cwd: dir, encoding: 'utf8' });

describe('npm run check:artifacts', () => {
  // The committed artifacts are what `npm install` ships without running forge: CI must fail when they are
  // not what the sources build to.
  test('passes on freshly built artifacts, and fails on a changed artifact or a changed source', () => {
    project = makeProject({ 'registry-contracts/src/Counter.sol': counter });
    expect(npmRun('build:contracts', project).status).toBe(0);
    const fresh = readFileSync(artifacts(project), 'utf8');
    const clean = npmRun('check:artifacts', project);
    expect(clean.output).toContain('match a fresh build');
    expect(clean.status).toBe(0);
    expect(fingerprintOnly(project).status).toBe(0);

    // One changed byte of committed bytecode: a hand edit, or an artifact from another compiler.
    // Counter's own line: the file also holds the protocols' npm artifacts (Aave, Uniswap), sorted before it.
    const bytecode = /export const Counter = .*?"bytecode":"0x([0-9a-f]{8})/.exec(fresh)!;
    const flipped = bytecode[1]!.replace(/.$/, (digit) => (digit === '0' ? '1' : '0'));
    writeFileSync(artifacts(project), fresh.replace(bytecode[0], bytecode[0].slice(0, -8) + flipped));
    const edited = npmRun('check:artifacts', project);
    expect(edited.output).toContain('artifacts.ts differs from a fresh build: Counter');
    expect(edited.output).toContain('npm run build:contracts');
    expect(edited.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(edited.status).toBe(1);

    // A source changed without regenerating: the fingerprint no longer matches, though artifacts.ts is as built.
    writeFileSync(artifacts(project), fresh);
    writeFileSync(join(project, 'registry-contracts', 'src', 'Counter.sol'), counter.replace('count += 1;', 'count += 2;'));
    const stale = npmRun('check:artifacts', project);
    expect(stale.output).toContain('the contract sources changed since the artifacts were generated');
    expect(stale.status).toBe(1);
    // The same answer is what lets `npm install` (scripts/prepare.mjs) skip forge, or not.
    expect(fingerprintOnly(project).status).toBe(1);

    // Regenerating is the fix the message names.
    expect(npmRun('build:contracts', project).status).toBe(0);
    expect(npmRun('check:artifacts', project).status).toBe(0);
  });
});

describe('scripts/foundry.mjs', () => {
  let wrapper: ReturnType<typeof spawn> | undefined;
  let anvil: number | undefined;
  beforeEach(() => {
    wrapper = undefined;
    anvil = undefined;
  });
  afterEach(() => {
    wrapper?.kill('SIGKILL');
    // A failed assertion must not leave the binary running on its own.
    if (anvil !== undefined && existsSync(`/proc/${anvil}`)) process.kill(anvil, 'SIGKILL');
  });

  test('passes a failing exit status on', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'foundry.mjs'), 'cast', 'no-such-command'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
  });

  test('forwards SIGTERM to the binary, and a binary killed by a signal exits non-zero', async () => {
    const started = () => new Promise<number>((resolve, reject) => {
      wrapper = spawn(process.execPath, [join(root, 'scripts', 'foundry.mjs'), 'anvil', '--port', '0', '--silent'], { stdio: 'ignore' });
      wrapper.on('error', reject);
      const poll = setInterval(() => {
        const child = spawnSync('pgrep', ['-P', String(wrapper!.pid)], { encoding: 'utf8' }).stdout.trim();
        if (child) {
          clearInterval(poll);
          anvil = Number(child.split('\n')[0]);
          resolve(anvil);
        }
      }, 50);
    });
    const exited = () => new Promise<number | null>((resolve) => wrapper!.on('exit', (code) => resolve(code)));

    // SIGTERM to the wrapper reaches anvil: the native process is gone when the wrapper exits.
    const first = await started();
    let exit = exited();
    wrapper!.kill('SIGTERM');
    await exit;
    expect(existsSync(`/proc/${first}`)).toBe(false);

    // anvil dying by SIGKILL (as under the OOM killer) is a failure, 128 + 9, never 0.
    const second = await started();
    exit = exited();
    process.kill(second, 'SIGKILL');
    expect(await exit).toBe(137);
  });
});
