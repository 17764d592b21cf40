/**
 * The start script's code cache (bin/startScript.js, issue 19): `lucid --help`, `--version` and `parse` run
 * dist/cli/bundle/start.cjs with a V8 code cache beside it (start.cjs.parse.cache for parse, start.cjs.help.cache
 * for --help and --version). Whatever is in that file, the command's answer is
 * the same: a cache from another build or Node, a corrupted copy or garbage is ignored and replaced, a missing
 * one is made, and an install nobody may write to runs without one. Each test works on a copy of the built
 * install (bin/, dist/cli/bundle/, package.json, node_modules linked); run `npm run build:ts` first.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { repoRoot } from '../src/test-utils/spawn.js';

const swapJson = { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] };
let install: string;
let home: string;
let cache: string;
// Root ignores file modes: the read-only install is then tried as another user.
const asRoot = process.getuid?.() === 0;

beforeEach(() => {
  install = mkdtempSync(join(tmpdir(), 'lucid-install-'));
  home = mkdtempSync(join(tmpdir(), 'lucid-home-'));
  chmodSync(install, 0o755);
  chmodSync(home, 0o777);
  cpSync(join(repoRoot, 'bin'), join(install, 'bin'), { recursive: true });
  mkdirSync(join(install, 'dist', 'cli'), { recursive: true });
  cpSync(join(repoRoot, 'dist', 'cli', 'bundle'), join(install, 'dist', 'cli', 'bundle'), { recursive: true, preserveTimestamps: true });
  cpSync(join(repoRoot, 'package.json'), join(install, 'package.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(install, 'node_modules'));
  cache = join(install, 'dist', 'cli', 'bundle', 'start.cjs.parse.cache');
});

afterEach(() => {
  rmSync(install, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

function lucid(args: string[], options: SpawnSyncOptions = {}) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LUCID_HOME: home, NO_COLOR: '1', NODE_OPTIONS: '', LUCID_PARSER: '', OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '' }))
    if (value !== undefined) env[key] = value;
  const result = spawnSync(process.execPath, [join(install, 'bin', 'lucid.js'), ...args], { cwd: install, env, encoding: 'utf8', timeout: 60_000, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The parse answer, asserted whole: the command works whatever the cache held. */
function expectParseWorks(options: SpawnSyncOptions = {}) {
  const result = lucid(['parse', '--json', 'swap 1 ETH for USDC'], options);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(swapJson);
}

/** A cache this Node accepts: the next run leaves the file as it is (a refused one is rewritten). */
function expectAccepted() {
  const before = readFileSync(cache);
  const modified = statSync(cache).mtimeMs;
  expectParseWorks();
  expect(statSync(cache).mtimeMs).toBe(modified);
  expect(readFileSync(cache).equals(before)).toBe(true);
}

describe('the start script’s code cache', () => {
  test('the build makes them, and the commands they serve use them without rewriting them', () => {
    expect(existsSync(cache)).toBe(true);
    expectAccepted();
    const helpCache = join(install, 'dist', 'cli', 'bundle', 'start.cjs.help.cache');
    const helpBytes = readFileSync(helpCache);
    const help = lucid(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: lucid \[options\] \[command\] \[intent\.\.\.\]/);
    const version = lucid(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    expect(readFileSync(helpCache).equals(helpBytes)).toBe(true);
    expectAccepted();
  });

  test('a missing cache is made by the first run', () => {
    rmSync(cache);
    expectParseWorks();
    expect(existsSync(cache)).toBe(true);
    expectAccepted();
  });

  test('a corrupted cache (one byte of the compiled code changed) is ignored and replaced', () => {
    const bytes = readFileSync(cache);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(cache, bytes);
    expectParseWorks();
    expect(readFileSync(cache).equals(bytes)).toBe(false);
    expectAccepted();
  });

  test('a truncated cache, and one that is not a cache at all, are ignored and replaced', () => {
    const bytes = readFileSync(cache);
    writeFileSync(cache, bytes.subarray(0, bytes.length >> 1));
    expectParseWorks();
    expectAccepted();
    writeFileSync(cache, 'garbage\n'.repeat(1000));
    expectParseWorks();
    expectAccepted();
  });

  test('a foreign cache (made for another Node, with a valid checksum) is ignored and replaced', () => {
    const bytes = readFileSync(cache);
    const text = bytes.toString('latin1');
    const foreign = Buffer.from(text.replace(process.version, 'v99.0.0'), 'latin1');
    expect(foreign.equals(bytes)).toBe(false);
    writeFileSync(cache, foreign);
    expectParseWorks();
    expect(readFileSync(cache).toString('latin1')).toContain(process.version);
    expectAccepted();
  });

  test('a cache made for another version of the script is ignored and replaced', () => {
    const script = join(install, 'dist', 'cli', 'bundle', 'start.cjs');
    writeFileSync(script, `${readFileSync(script, 'utf8')}\n// another build\n`);
    const before = readFileSync(cache);
    expectParseWorks();
    expect(readFileSync(cache).equals(before)).toBe(false);
    expectAccepted();
  });

  test('in a folder others may write to, a cache is neither trusted nor written', () => {
    rmSync(cache);
    chmodSync(join(install, 'dist', 'cli', 'bundle'), 0o777);
    expectParseWorks();
    expect(existsSync(cache)).toBe(false);
  });

  test('a cache others may write to is not used', () => {
    chmodSync(cache, 0o666);
    expectParseWorks();
    // Replaced by the run's own (owner-only) cache.
    expect(statSync(cache).mode & 0o022).toBe(0);
    expectAccepted();
  });

  test('a read-only install works without a cache and writes none', () => {
    rmSync(cache);
    if (asRoot) {
      // nobody cannot write the install (owned by root, mode 755).
      expectParseWorks({ uid: 65534, gid: 65534 });
    } else {
      chmodSync(join(install, 'dist', 'cli', 'bundle'), 0o555);
      expectParseWorks();
      chmodSync(join(install, 'dist', 'cli', 'bundle'), 0o755);
    }
    expect(existsSync(cache)).toBe(false);
  });

  test('an error is reported the same through the start script: exit 2, the message, no stack', () => {
    const result = lucid(['parse', 'send 1 ETH to']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^lucid: expected a recipient after "to"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('parse loads none of the heavy built-in modules: they load on first use, and parse uses none', () => {
    const result = lucid(['parse', '--json', 'swap 1 ETH for USDC'], { env: { ...process.env, LUCID_HOME: home, NO_COLOR: '1', NODE_OPTIONS: '', NODE_DEBUG: 'module' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(swapJson);
    const builtins = [...result.stderr.matchAll(/load built-in module (\S+)/g)].map((match) => match[1]);
    expect(builtins).toContain('node:vm');
    for (const heavy of ['node:crypto', 'node:child_process', 'node:net', 'node:http', 'node:https', 'node:tls', 'node:readline', 'node:worker_threads', 'node:dgram'])
      expect(builtins).not.toContain(heavy);
  });

  test('a command the start script does not serve runs on the bundle as before', () => {
    const result = lucid(['history', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ runs: [] });
  });
});
