/**
 * Typed confirmation in a real pseudo-terminal (util-linux `script`), driving the built `lucid`: every amount
 * over its policy threshold must be typed, one prompt each; typing the first one does not sign the others.
 * Needs `npm run build:ts` first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, erc20Abi, http, parseEther, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux';
  } catch {
    return false;
  }
})();
const env = { OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '' };
let home: string;
let client: ReturnType<typeof createPublicClient>;
let usdc: Address;
const lucid = (args: string[]) => spawnLucid(args, { home, entry: 'bin', env });

beforeAll(async () => {
  if (!hasScript) return;
  home = mkdtempSync(join(tmpdir(), 'lucid-typed-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  const devnet = JSON.parse(started.stdout) as { rpcUrl: string; tokens: { symbol: string; address: Address }[] };
  client = createPublicClient({ transport: http(devnet.rpcUrl) });
  usdc = devnet.tokens.find((t) => t.symbol === 'USDC')!.address;
  expect((await lucid(['policy', 'set', 'typedConfirmationAbove.ETH', '0.5'])).code).toBe(0);
  expect((await lucid(['policy', 'set', 'typedConfirmationAbove.USDC', '100'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  if (!home) return;
  await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
});

/** Runs `lucid <intent>` on a pseudo-terminal, answering each prompt (matched by its regex) in turn. */
function onTerminal(intent: string, answers: [RegExp, string][]): Promise<{ code: number | null; output: string }> {
  const command = `${JSON.stringify(process.execPath)} bin/lucid.js ${JSON.stringify(intent)}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, LUCID_HOME: home, NO_COLOR: '1', TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let next = 0;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const pending = answers[next];
    if (pending && pending[0].test(output.slice(output.lastIndexOf('\n', output.search(pending[0]))))) {
      next++;
      child.stdin.write(`${pending[1]}\r`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, output });
    }),
  );
}

const recipient: Address = '0x000000000000000000000000000000000000b0b1';
const usdcOf = (address: Address) => client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [address] });

test.skipIf(!hasScript)('behavior: typing the first amount does not sign the second; typing both does', async () => {
  const intent = `send 1 ETH to ${recipient} then send 200 USDC to ${recipient}`;
  const refused = await onTerminal(intent, [
    [/Type 1 ETH to sign/, '1'],
    [/Type 200 USDC to sign/, '1'],
  ]);
  expect(refused.output.slice(-1500)).toMatch(/Type 200 USDC to sign/);
  expect(refused.code, refused.output).toBe(3);
  expect(await client.getBalance({ address: recipient })).toBe(0n);
  expect(await usdcOf(recipient)).toBe(0n);

  const signed = await onTerminal(intent, [
    [/Type 1 ETH to sign/, '1'],
    [/Type 200 USDC to sign/, '200'],
  ]);
  expect(signed.code, signed.output).toBe(0);
  expect(await client.getBalance({ address: recipient })).toBe(parseEther('1'));
  expect(await usdcOf(recipient)).toBe(parseUnits('200', 6));
}, 240_000);

test.skipIf(!hasScript)('behavior: a recipient that looks like a contact at both ends needs its full address typed, not y', async () => {
  expect((await lucid(['contacts', 'add', 'bob', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'])).code).toBe(0);
  const spoof = `0x7099${'1'.repeat(32)}79c8` as Address;
  const intent = `send 0.1 ETH to ${spoof}`;
  const plainYes = await onTerminal(intent, [[/Type its full address/, 'y']]);
  expect(plainYes.output).toMatch(/Type its full address/);
  expect(plainYes.code, plainYes.output).toBe(3);
  expect(await client.getBalance({ address: spoof })).toBe(0n);

  const typed = await onTerminal(intent, [[/Type its full address/, spoof]]);
  expect(typed.code, typed.output).toBe(0);
  expect(await client.getBalance({ address: spoof })).toBe(parseEther('0.1'));
}, 240_000);
