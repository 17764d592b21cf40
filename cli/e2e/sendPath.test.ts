/**
 * What a send loads. An intent runs dist/cli/bundle/run.cjs, the program as one script compiled with a V8 code cache
 * (bin/startScript.js): checked on the real thing, the built bin/lucid.js signs a transfer on a warm devnet while a
 * module hook records every file Node's module loader loads, and none of the ES module bundle's is among them; the
 * first send that finds no cache leaves one, which the next send uses as it is.
 * The contracts' bytecode (~2 MB, most of it Aave's and Uniswap's, which only the devnet's bootstrap deploys) is
 * generated one module per contract beside the ABIs; a send must evaluate the ABIs and the code it really uses (the
 * simulator's balance lens, placed by state override; the hashes of the V2 pair's and V3 pool's code, which give
 * pool addresses, are generated too: registry-contracts/generated/initCodeHashes.ts), never the deployers' set. The
 * run script evaluates a module when the same import in the ES module bundle would load it, so that bundle is where
 * this is checked: the same send, run on it, loads chunks that are looked up in esbuild's metafile
 * (dist/cli/bundle-meta.json) for the modules they hold.
 * Also: with LUCID_TRACE_TIMING set the same send prints its phase table to stderr, and stdout stays the JSON.
 * Needs `npm run build:ts` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anvilAccount } from '../../agents/sdk/testing.js';
import { startTestDevnet, type TestDevnet } from '../../runtime/testing.js';
import { repoRoot, spawnLucid } from '../src/test-utils/spawn.js';

const metaPath = join(repoRoot, 'dist/cli/bundle-meta.json');
const built = existsSync(join(repoRoot, 'dist/cli/bundle/main.js')) && existsSync(metaPath);
const bob = anvilAccount(1).address;
/** The only contract whose code a send may load (see the header); the pools' CREATE2 hashes are generated beside it. */
const codeASendUses = ['BalanceLens'];

let devnet: TestDevnet;
let scratch: string;

beforeAll(async () => {
  if (!built) return;
  scratch = mkdtempSync(join(tmpdir(), 'lucid-send-path-'));
  devnet = await startTestDevnet();
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

type Meta = { outputs: Record<string, { inputs: Record<string, unknown> }> };

describe.skipIf(!built)('the send path', () => {
  test('a send runs the run script with its code cache: no module of the ES module bundle is loaded', async () => {
    const loaded = recordLoads('run');
    const cache = join(repoRoot, 'dist/cli/bundle/run.cjs.cache');
    // The cache is one the build leaves to the first intent run: this one makes it (another test's may have).
    rmSync(cache, { force: true });
    // Help ran none of a send's code: it leaves the cache to a real run.
    const help = await spawnLucid(['run', '--help'], { home: devnet.home, entry: 'bin', devNull: true, env: loaded.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('run an intent');
    expect(existsSync(cache)).toBe(false);
    const first = await spawnLucid(['--yes', '--json', `send 0.001 ETH to ${bob}`], { home: devnet.home, entry: 'bin', timeoutMs: 120_000, devNull: true, env: loaded.env });
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0);
    expect((JSON.parse(first.stdout) as { status: string }).status).toBe('confirmed');
    expect(existsSync(cache)).toBe(true);
    const made = { bytes: readFileSync(cache), modified: statSync(cache).mtimeMs };

    const second = await spawnLucid(['--yes', '--json', `send 0.001 ETH to ${bob}`], { home: devnet.home, entry: 'bin', timeoutMs: 120_000, devNull: true, env: loaded.env });
    expect(second.code, `${second.stdout}\n${second.stderr}`).toBe(0);
    expect((JSON.parse(second.stdout) as { status: string }).status).toBe('confirmed');
    // Accepted as it is: a cache V8 refused would have been written again.
    expect(statSync(cache).mtimeMs).toBe(made.modified);
    expect(readFileSync(cache).equals(made.bytes)).toBe(true);
    const bundleUrl = pathToFileURL(join(repoRoot, 'dist/cli/bundle')).href;
    expect(loaded.urls().filter((url) => url.startsWith(`${bundleUrl}/`))).toEqual([]);
  }, 300_000);

  test('a guarded send loads no deploy-only bytecode: only the ABIs and the balance lens', async () => {
    const loaded = recordLoads('bundle');
    // The ES module bundle's entry, run as bin/lucid.js runs it when there is no run script.
    const bundleMain = pathToFileURL(join(repoRoot, 'dist/cli/bundle/main.js')).href;
    const runner = join(scratch, 'bundle-main.cjs');
    writeFileSync(runner, `process.umask(0o077);\nimport(${JSON.stringify(bundleMain)}).then((cli) => cli.main(process.argv));\n`);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, LUCID_HOME: devnet.home, NO_COLOR: '1', ...loaded.env })) if (value !== undefined) env[key] = value;
    const result = spawnSync(process.execPath, [runner, '--yes', '--json', `send 0.001 ETH to ${bob}`], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect((JSON.parse(result.stdout) as { status: string }).status).toBe('confirmed');

    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    const bundleUrl = pathToFileURL(join(repoRoot, 'dist/cli/bundle')).href;
    const chunks = [...new Set(loaded.urls().filter((url) => url.startsWith(`${bundleUrl}/`)))];
    // The hook saw the bundle (not tsc's module tree), and the run went as far as signing.
    expect(chunks).toContain(`${bundleUrl}/main.js`);
    expect(chunks.some((url) => /\/signAndSend-[A-Z0-9]+\.js$/.test(url))).toBe(true);
    const inputs = chunks.flatMap((url) => {
      const output = meta.outputs[`dist/cli/bundle/${url.slice(bundleUrl.length + 1)}`];
      expect(output, `${url} is not in the metafile: a stale build?`).toBeDefined();
      return Object.keys(output!.inputs);
    });
    expect(inputs).toContain('dist/registry-contracts/generated/abis.js');
    const code = inputs.filter((input) => input.startsWith('dist/registry-contracts/generated/bytecode/')).map((input) => input.replace(/^.*\/|\.js$/g, ''));
    expect(code.sort()).toEqual(codeASendUses);
    expect(inputs.filter((input) => /registry-contracts\/(generated\/artifacts|artifacts|script\/deploy)\.js$/.test(input))).toEqual([]);
  }, 150_000);

  test('LUCID_TRACE_TIMING=1 prints the phases of a send to stderr, stdout stays the JSON', async () => {
    const result = await spawnLucid(['--yes', '--json', `send 0.001 ETH to ${bob}`], {
      home: devnet.home,
      entry: 'bin',
      timeoutMs: 120_000,
      devNull: true,
      env: { LUCID_TRACE_TIMING: '1', OPENAI_API_KEY: '', LUCID_MODEL: '' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { status: string }).status).toBe('confirmed');
    expect(result.stderr).toContain('lucid timing (ms)');
    for (const phase of ['cli loaded', 'session open', 'send: tx 1 receipt', 'send: real outcome read and compared', 'output written, session closed'])
      expect(result.stderr).toContain(phase);
    expect(result.stderr).toMatch(/peak RSS \d+ MiB/);
    // Times only: the recipient, the account and the words are not in the table.
    expect(result.stderr.toLowerCase()).not.toContain(bob.toLowerCase());
    expect(result.stderr).not.toContain('send 0.001');
  }, 150_000);
});

/** A module hook that notes each URL Node's module loader loads (Node ≥ 20.6 runs it in a thread of its own). */
function recordLoads(name: string): { env: Record<string, string>; urls: () => string[] } {
  const loaded = join(scratch, `${name}-loaded.txt`);
  const hooks = join(scratch, `${name}-hooks.mjs`);
  writeFileSync(loaded, '');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(loaded)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const register = join(scratch, `${name}-register.mjs`);
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  return {
    env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, OPENAI_API_KEY: '', LUCID_MODEL: '' },
    urls: () => readFileSync(loaded, 'utf8').split('\n').filter(Boolean),
  };
}
