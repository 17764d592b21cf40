/**
 * A builder outside this repository: `lucid agent init` in a temp folder, the agent type-checked by tsc against
 * the public SDK entry (`lucid/sdk`, declarations from the build), its tests run by `lucid agent test` with
 * nothing installed in the folder, and `lucid agent serve` answering a plan over HTTP until SIGTERM.
 * Needs the build (`npm run build:ts`): it spawns bin/lucid.js.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { erc20Abi, parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpAgent } from '../../../agents/index.js';
import { InputError } from '../../../kernel/index.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../../../agents/sdk/testing.js';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

let devnet: TestDevnet;
let scratch: string;
let home: string;
let agentDir: string;

const lucid = (args: string[], timeoutMs = 120_000) => spawnLucid(args, { home, entry: 'bin', timeoutMs });
const tsc = (project: string) =>
  spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });

beforeAll(async () => {
  devnet = await startTestDevnet();
  // Outside the repo: nothing above the folder resolves `lucid` or any test framework.
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'lucid-builder-')));
  home = mkdtempSync(join(tmpdir(), 'lucid-builder-home-'));
  agentDir = join(scratch, 'tip-jar');
});
afterAll(async () => {
  await devnet?.stop();
  for (const dir of [scratch, home]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the builder outside the repo', () => {
  test('default: init scaffolds an agent importing lucid/sdk, linked to this Lucid and nothing else', async () => {
    expect(scratch.startsWith(repoRoot)).toBe(false);
    const init = await lucid(['agent', 'init', 'tip-jar', '--dir', agentDir, '--json']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ files: ['README.md', 'agent.test.ts', 'agent.ts', 'package.json', 'schemas.ts', 'tsconfig.json'] });
    for (const file of ['agent.ts', 'agent.test.ts', 'schemas.ts']) {
      const source = readFileSync(join(agentDir, file), 'utf8');
      expect(source, file).toMatch(/from 'lucid\/sdk(\/testing)?'/);
      expect(source, file).not.toMatch(/from '\.\.?\/.*(dist|sdk)\//);
      expect(source, file).not.toMatch(/\{\{\w+\}\}|vitest/);
    }
    // The only thing in node_modules is the link to the Lucid that scaffolded it.
    expect(readdirSync(join(agentDir, 'node_modules'))).toEqual(['lucid']);
    expect(lstatSync(join(agentDir, 'node_modules', 'lucid')).isSymbolicLink()).toBe(true);
    expect(realpathSync(join(agentDir, 'node_modules', 'lucid'))).toBe(realpathSync(repoRoot));
  });

  test('default: the scaffold type-checks against the declarations of the public entry, and a type error fails', () => {
    const clean = tsc(join(agentDir, 'tsconfig.json'));
    expect(clean.stdout + clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    // A plan that breaks the SDK's Plan type is caught: the declarations are real types, not `any`.
    const agentFile = join(agentDir, 'agent.ts');
    const original = readFileSync(agentFile, 'utf8');
    try {
      writeFileSync(agentFile, original.replace("agentId: 'tip-jar',", "agentId: 42,"));
      const broken = tsc(join(agentDir, 'tsconfig.json'));
      expect(broken.status).not.toBe(0);
      expect(broken.stdout).toMatch(/agent\.ts\(\d+,\d+\): error TS2322/);
    } finally {
      writeFileSync(agentFile, original);
    }
  }, 300_000);

  test('default: `lucid agent test <dir>` runs the builder’s tests on a real devnet with nothing installed', async () => {
    const result = await lucid(['agent', 'test', agentDir], 180_000);
    expect(result.stdout).toMatch(/✔ tip-jar wraps 1 ETH and the account receives exactly 1 WETH/);
    expect(result.stdout).toMatch(/ℹ pass 2/);
    expect(result.stderr).toContain('agent test: 1 test file passed');
    expect(result.code).toBe(0);
  });

  test('errors: a failing builder test fails `lucid agent test` (exit 1, AGENT_TESTS_FAILED); a folder without tests is exit 2', async () => {
    const failing = join(agentDir, 'extra.test.ts');
    writeFileSync(failing, "import { assert, test } from 'lucid/sdk/testing';\ntest('a broken promise', () => assert.equal(1n, 2n));\n");
    try {
      const result = await lucid(['agent', 'test', agentDir, '--json'], 180_000);
      expect(result.stderr).toMatch(/✖ a broken promise/);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'AGENT_TESTS_FAILED' } });
      expect(result.code).toBe(1);
    } finally {
      rmSync(failing);
    }
    const empty = mkdtempSync(join(scratch, 'empty-'));
    const none = await lucid(['agent', 'test', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no test files');
  });
});

describe('lucid agent serve', () => {
  test('default: serves the builder’s .ts agent, answers a plan over HTTP, and stops on SIGTERM with exit 0 and its port freed', async () => {
    const child = spawn(process.execPath, ['bin/lucid.js', 'agent', 'serve', join(agentDir, 'agent.ts'), '--rpc-url', devnet.rpcUrl], {
      cwd: repoRoot,
      env: { ...process.env, LUCID_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }) as unknown as ChildProcessWithoutNullStreams;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      const url = await firstLine(child, 60_000);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect.poll(() => stderr).toContain('serving agent "tip-jar"');

      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ id: 'tip-jar', actions: ['wrap'] });
      // The runtime's own HTTP client: the answer is validated like any registry agent's.
      const remote = createHttpAgent({ id: 'tip-jar', endpoint: url, actions: ['wrap'], timeoutMs: 10_000 });
      const ctx = await devnetContext(devnet);
      const plan = await remote.plan(ctx, {
        action: 'wrap',
        token: { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true },
        amount: { kind: 'exact', value: parseEther('0.5') },
        slippageBps: 50,
      });
      expect(plan).toMatchObject({ agentId: 'tip-jar', calls: [{ to: ctx.contracts.weth, value: parseEther('0.5') }] });
      const weth = ctx.contracts.weth!;
      const balance = () => ctx.client.readContract({ address: weth, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
      const before = await balance();
      await executePlan(devnet.rpcUrl, plan);
      expect((await balance()) - before).toBe(parseEther('0.5'));

      // The builder's own refusal (its InputError, from the SDK's copy of the kernel) comes back as 422 with its code.
      const usdc = devnet.deployment.tokens.find((token) => token.symbol === 'USDC')!;
      const refusal = await remote
        .plan(ctx, { action: 'wrap', token: { ...usdc, verified: true }, amount: { kind: 'exact', value: 1n }, slippageBps: 50 })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(InputError);
      expect(refusal).toMatchObject({ code: 'NOT_WRAPPABLE' });

      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(await canListen(Number(new URL(url).port))).toBe(true);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('agents/README.md', () => {
  test('docs: every `lucid` command the guide shows runs as shown, in order, on a devnet (exit 0)', async () => {
    const commands = readmeCommands(readFileSync(join(repoRoot, 'agents/README.md'), 'utf8'));
    const verbs = commands.map((argv) => argv.slice(0, 2).join(' '));
    for (const verb of ['agent init', 'agent test', 'agent serve', 'agent register', 'agent claim', 'agent withdraw', 'emissions distribute'])
      expect(verbs, `the guide shows \`lucid ${verb}\``).toContain(verb);
    const guideHome = await startTestDevnet();
    const cwd = mkdtempSync(join(scratch, 'guide-'));
    const port = await freePort();
    let server: ChildProcessWithoutNullStreams | undefined;
    let id: string | undefined;
    try {
      for (const argv of commands) {
        // The guide's port is whatever is free here; `<id>` is the entry the guide's register made; with no
        // terminal to confirm on, what signs gets --yes.
        const args = argv.map((arg) => arg.replace(/\b8787\b/g, String(port)).replace('<id>', id ?? '<id>'));
        if (signs(args)) args.push('--yes');
        const shown = `lucid ${argv.join(' ')}`;
        if (args[0] === 'agent' && args[1] === 'serve') {
          server = spawn(process.execPath, [join(repoRoot, 'bin/lucid.js'), ...args], { cwd, env: { ...process.env, LUCID_HOME: guideHome.home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }) as unknown as ChildProcessWithoutNullStreams;
          expect(await firstLine(server, 60_000), shown).toBe(`http://127.0.0.1:${port}`);
          continue;
        }
        const result = await runIn(cwd, guideHome.home, args);
        expect({ shown, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ shown, code: 0, stderr: '' });
        const registered = /registered agent #(\d+)/.exec(result.stdout);
        if (registered) id = registered[1];
      }
      expect(id, 'the guide registers an agent').toBeDefined();
    } finally {
      server?.kill('SIGTERM');
      await guideHome.stop();
    }
  }, 900_000);
});

/** The `lucid …` lines of the sh blocks in a markdown text, as argv (after `lucid`), comments removed. */
function readmeCommands(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('lucid '))
    .map((line) => [...line.slice('lucid '.length).matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!));
}

/** Commands that sign ask for a yes at a terminal. */
function signs(args: string[]): boolean {
  if (args[0] === 'agent') return ['register', 'update', 'deactivate', 'claim', 'withdraw'].includes(args[1]!);
  if (args[0] === 'emissions') return args[1] === 'distribute';
  return !['agent', 'agents', 'devnet', 'emissions', 'parse', 'history', 'policy', 'contacts'].includes(args[0]!);
}

function runIn(cwd: string, lucidHome: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/lucid.js'), ...args], { cwd, env: { ...process.env, LUCID_HOME: lucidHome, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The first stdout line of a child (the served URL), or a failure naming its stderr. */
function firstLine(child: ChildProcessWithoutNullStreams, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n');
      if (line.length > 1) {
        clearTimeout(timer);
        resolve(line[0]!.trim());
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before serving; stderr: ${err}`)));
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
