/**
 * An option means the same wherever it stands. Two layers, both through the real program:
 * - every command × every program option × before/after the subcommand, parsed by `buildProgram()` (the
 *   program bin/lucid.js runs), reaches the command's options with the same value;
 * - the spawned bin/lucid.js on one test devnet, every cheap command in both positions: JSON on stdout
 *   under --json, the user's nonce unchanged under --dry-run --yes, the named --account used, and an
 *   unreachable --rpc-url used (exit 4) instead of the devnet.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createWalletClient, erc20Abi, http, parseEther, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../../../runtime/testing.js';
import { devnetClient } from '../../../agents/sdk/testing.js';
import { buildProgram } from '../main.js';
import { spawnLucid, type SpawnResult } from '../test-utils/spawn.js';

/** Each program option with a value to give it and the value the command must then see. */
const globals: { flag: string[]; key: string; value: unknown }[] = [
  { flag: ['--json'], key: 'json', value: true },
  { flag: ['--yes'], key: 'yes', value: true },
  { flag: ['-y'], key: 'yes', value: true },
  { flag: ['--dry-run'], key: 'dryRun', value: true },
  { flag: ['--rpc-url', 'http://127.0.0.1:1'], key: 'rpcUrl', value: 'http://127.0.0.1:1' },
  { flag: ['--chain', 'base'], key: 'chain', value: 'base' },
  { flag: ['--account', 'alice'], key: 'account', value: 'alice' },
  { flag: ['--parser', 'grammar'], key: 'parser', value: 'grammar' },
  { flag: ['--explain'], key: 'explain', value: true },
  { flag: ['--agent', 'uniswap-v2'], key: 'agent', value: 'uniswap-v2' },
];

/** Every command that has an action, with the path to it and placeholder operands for its arguments. */
function leafCommands(): { path: string[]; operands: string[] }[] {
  const found: { path: string[]; operands: string[] }[] = [];
  const walk = (command: Command, path: string[]) => {
    for (const sub of command.commands) {
      const subPath = [...path, sub.name()];
      if ((sub as unknown as { _actionHandler: unknown })._actionHandler)
        found.push({ path: subPath, operands: sub.registeredArguments.filter((a) => a.required).map(() => 'x') });
      walk(sub, subPath);
    }
  };
  walk(buildProgram(), []);
  return found.filter(({ path }) => path[0] !== 'help');
}

/** The options the command at `argv` would run with: parsed by the real program, stopped before its action. */
async function optionsSeen(argv: string[]): Promise<Record<string, unknown>> {
  const program = buildProgram();
  let seen: Record<string, unknown> | undefined;
  const stop = new Error('stop before the action');
  program.hook('preAction', (_program, action) => {
    seen = { ...action.opts() };
    throw stop;
  });
  await program.parseAsync(argv, { from: 'user' }).catch((error: unknown) => {
    if (error !== stop) throw error;
  });
  if (!seen) throw new Error(`no action ran for ${argv.join(' ')}`);
  return seen;
}

describe('every command × every program option × both positions (parsed by the real program)', () => {
  const leaves = leafCommands();
  test('the program has the commands this matrix is about', () => {
    expect(leaves.length).toBeGreaterThan(30);
    expect(leaves.map((l) => l.path.join(' '))).toEqual(expect.arrayContaining(['run', 'history', 'stake', 'emissions distribute', 'agent register', 'devnet status']));
  });

  test('each option reaches each command with the same value before and after the subcommand', async () => {
    const wrong: string[] = [];
    for (const { path, operands } of [{ path: [], operands: ['send', '1', 'ETH', 'to', 'bob'] }, ...leaves])
      for (const { flag, key, value } of globals) {
        const before = await optionsSeen([...flag, ...path, ...operands]);
        const after = await optionsSeen([...path, ...operands, ...flag]);
        for (const [position, seen] of [['before', before], ['after', after]] as const)
          if (seen[key] !== value) wrong.push(`lucid ${position === 'before' ? `${flag.join(' ')} ${path.join(' ')}` : `${path.join(' ')} … ${flag.join(' ')}`}: ${key}=${String(seen[key])}`);
      }
    expect(wrong).toEqual([]);
  });

  test("a subcommand's own flags are not overwritten by the program's defaults: `lucid emissions distribute --yes`", async () => {
    expect(await optionsSeen(['emissions', 'distribute', '--yes', '--json'])).toMatchObject({ yes: true, json: true });
    expect(await optionsSeen(['emissions', 'distribute'])).not.toMatchObject({ yes: true });
  });
});

describe('the spawned program on a devnet: the options have their effect in both positions', () => {
  let devnet: TestDevnet;
  let work: string;
  const alice: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const aliceKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
  const user: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
  const env = { LUCID_PASSWORD: 'correct horse battery staple', OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '', ETH_RPC_URL: '' };
  const lucid = (argv: string[], input?: string, extra: Record<string, string> = {}): Promise<SpawnResult> =>
    spawnLucid(argv, { home: devnet.home, entry: 'bin', env: { ...env, ...extra }, input, timeoutMs: 90_000 });

  beforeAll(async () => {
    devnet = await startTestDevnet();
    work = mkdtempSync(join(tmpdir(), 'lucid-options-'));
    const imported = await lucid(['wallet', 'import', 'alice', '--private-key-stdin', '--json'], `${aliceKey}\n`);
    expect(imported.code, imported.stderr).toBe(0);
    // alice gets some stETH to stake (from anvil #0, unlocked on the devnet)
    const steth = devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!.address;
    const wallet = createWalletClient({ account: user, chain: devnetClient(devnet.rpcUrl).chain, transport: http(devnet.rpcUrl) });
    const hash = await wallet.writeContract({ address: steth, abi: erc20Abi, functionName: 'transfer', args: [alice, parseEther('5')] });
    await devnetClient(devnet.rpcUrl).waitForTransactionReceipt({ hash });
  }, 180_000);

  afterAll(async () => {
    await devnet?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const signing = [
    ['send 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'],
    ['stake', '1', 'stETH'],
    ['emissions', 'distribute'],
    ['frontend', 'register', 'my-ui'],
  ];
  const readingChain = [['balance'], ['rewards'], ['emissions'], ['frontend', 'list']];
  // Commands that never touch the chain: the in-process matrix above covers them all; a few spawned for JSON.
  const offChain = [['history'], ['parse', 'send 1 ETH to bob'], ['devnet', 'status'], ['version']];
  const positions = (command: string[], options: string[]) => [
    { where: 'before', argv: [...options, ...command] },
    { where: 'after', argv: [...command, ...options] },
  ];
  const nonces = async () => Promise.all([user, alice].map((address) => devnetClient(devnet.rpcUrl).getTransactionCount({ address })));

  /** Runs at most `width` at a time: the machine is small, and each run is a whole program start. */
  async function each<item>(items: item[], width: number, run: (item: item) => Promise<void>): Promise<void> {
    const queue = [...items];
    await Promise.all(Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }));
  }

  test('--json --dry-run --yes --account alice: one JSON document, alice as the account, nothing signed', async () => {
    const before = await nonces();
    const failures: string[] = [];
    const runs = [...signing, ...readingChain, ...offChain].flatMap((command) => positions(command, ['--json', '--dry-run', '--yes', '--account', 'alice']));
    await each(runs, 3, async ({ where, argv }) => {
      const result = await lucid(argv);
      const name = `lucid ${argv.join(' ')} (${where})`;
      if (result.code !== 0) return void failures.push(`${name}: exit ${result.code}: ${result.stdout.slice(0, 300)} ${result.stderr.slice(-300)}`);
      let document: Record<string, unknown>;
      try {
        document = JSON.parse(result.stdout) as Record<string, unknown>;
      } catch {
        return void failures.push(`${name}: stdout is not one JSON document: ${result.stdout.slice(0, 200)}`);
      }
      if ('account' in document && document.account !== alice) failures.push(`${name}: account ${String(document.account)}, not alice`);
      if ('status' in document && argv.includes('distribute') === false && document.status === 'confirmed') failures.push(`${name}: confirmed under --dry-run`);
    });
    expect(failures).toEqual([]);
    expect(await nonces()).toEqual(before);
  }, 600_000);

  test('the named account signs when told to, in either position (the nonce check above can fail)', async () => {
    const [, aliceBefore] = await nonces();
    for (const { argv } of positions(['send 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'], ['--yes', '--json', '--account', 'alice'])) {
      const result = await lucid(argv);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 'confirmed', account: alice });
    }
    expect((await nonces())[1]).toBe(aliceBefore! + 2);
  }, 180_000);

  test('intents come from stdin: `lucid --dry-run -` and a plain pipe, one step per line', async () => {
    const dash = await lucid(['--dry-run', '--json', '-'], 'send 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\n');
    expect(dash.code, dash.stderr).toBe(0);
    expect(JSON.parse(dash.stdout)).toMatchObject({ status: 'simulated', intents: [{ action: 'transfer', amount: '0.01' }] });
    const piped = await lucid(['--dry-run', '--json'], 'wrap 0.1 ETH\nsend 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\n');
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ status: 'simulated', intents: [{ action: 'wrap' }, { action: 'transfer' }] });
  }, 120_000);

  test('Foundry users: --account NAME finds ~/.foundry/keystores/NAME (a V3 file without an address field)', async () => {
    const fakeHome = join(work, 'home');
    mkdirSync(join(fakeHome, '.foundry', 'keystores'), { recursive: true });
    const lucidKeystore = JSON.parse(readFileSync(join(devnet.home, 'keystores', 'alice.json'), 'utf8')) as Record<string, unknown>;
    delete lucidKeystore.address; // as `cast wallet import` writes it
    writeFileSync(join(fakeHome, '.foundry', 'keystores', 'forge-key'), JSON.stringify(lucidKeystore));
    const result = await lucid(['--account', 'forge-key', '--dry-run', '--json', 'send 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'], undefined, { HOME: fakeHome });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'simulated', account: alice });
    const unknown = await lucid(['--account', 'no-such-key', '--dry-run', '--json', 'balance'], undefined, { HOME: fakeHome });
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'UNKNOWN_ACCOUNT' } });
  }, 120_000);

  test('ETH_RPC_URL is honoured as cast honours it, after LUCID_RPC_URL', async () => {
    const dead = 'http://127.0.0.1:1';
    const eth = await lucid(['balance', '--json'], undefined, { ETH_RPC_URL: dead });
    expect(eth.code).toBe(4);
    const both = await lucid(['balance', '--json', '--account', 'alice'], undefined, { ETH_RPC_URL: dead, LUCID_RPC_URL: devnet.rpcUrl });
    expect(both.code, both.stderr).toBe(0);
  }, 120_000);

  test('--rpc-url is the endpoint used, before or after: an unreachable one is exit 4 with a JSON error', async () => {
    const failures: string[] = [];
    const runs = [...signing.slice(0, 3), ...readingChain].flatMap((command) => positions(command, ['--json', '--rpc-url', 'http://127.0.0.1:1']));
    await each(runs, 3, async ({ where, argv }) => {
      const result = await lucid(argv);
      const name = `lucid ${argv.join(' ')} (${where})`;
      if (result.code !== 4) return void failures.push(`${name}: exit ${result.code}, not 4: ${result.stderr.slice(-200)}`);
      const document = JSON.parse(result.stdout) as { error?: { code?: string } };
      if (!document.error?.code) failures.push(`${name}: no JSON error on stdout`);
    });
    expect(failures).toEqual([]);
  }, 600_000);

  test('a devnet that starts says once that it keeps running, and how to stop it', async () => {
    // the fixture's devnet was not started by the CLI: stop it, so the next command starts one from its state
    const stopped = await lucid(['devnet', 'stop']);
    expect(stopped.code, stopped.stderr).toBe(0);
    const first = await lucid(['balance']);
    const second = await lucid(['balance']);
    await lucid(['devnet', 'stop']);
    expect(first.stderr.match(/keeps running between commands \(stop it with `lucid devnet stop`\)/g)).toHaveLength(1);
    expect(second.stderr).not.toMatch(/keeps running/);
  }, 180_000);
});
