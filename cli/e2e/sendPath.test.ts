/**
 * What a send loads. The contracts' bytecode (~2 MB, most of it Aave's and Uniswap's, which only the devnet's
 * bootstrap deploys) is generated one module per contract beside the ABIs; a send must load the ABIs and the
 * pieces of code it really uses (the simulator's balance lens, placed by state override, and the V2 pair's and V3
 * pool's code, whose hashes give pool addresses), never the deployers' set. Checked on the real thing: the built
 * bin/lucid.js signs a transfer on a warm devnet while a module hook records every file Node loads, and each
 * loaded bundle chunk is looked up in esbuild's metafile (dist/cli/bundle-meta.json) for the modules it holds.
 * Also: with LUCID_TRACE_TIMING set the same send prints its phase table to stderr, and stdout stays the JSON.
 * Needs `npm run build:ts` first.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
/** The only contracts whose code a send may load (see the header). */
// The V2 pair's and V3 pool's code are hashed for their CREATE2 addresses (runtime/src/devnet/poolInitCodeHashes.ts).
const codeASendUses = ['BalanceLens', 'UniswapV2Pair', 'UniswapV3Pool'];

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
  test('a guarded send loads no deploy-only bytecode: only the ABIs, the balance lens and the V2/V3 pool code', async () => {
    // Node ≥ 20.6 runs module hooks in a thread of their own; this one notes each URL it loads.
    const loaded = join(scratch, 'loaded.txt');
    const hooks = join(scratch, 'hooks.mjs');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(loaded)}, url + '\\n');\n  return next(url, context);\n}\n`);
    const register = join(scratch, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

    const result = await spawnLucid(['--yes', '--json', `send 0.001 ETH to ${bob}`], {
      home: devnet.home,
      entry: 'bin',
      timeoutMs: 120_000,
      devNull: true,
      env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, OPENAI_API_KEY: '', LUCID_MODEL: '' },
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect((JSON.parse(result.stdout) as { status: string }).status).toBe('confirmed');

    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    const bundleUrl = pathToFileURL(join(repoRoot, 'dist/cli/bundle')).href;
    const chunks = [...new Set(readFileSync(loaded, 'utf8').split('\n').filter((url) => url.startsWith(`${bundleUrl}/`)))];
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
