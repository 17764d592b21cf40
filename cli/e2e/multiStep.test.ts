/**
 * Multi-step intents signed with `--yes` through the real built binary (bin/lucid.js → dist/, run `npm run
 * build:ts` first) on a real devnet, checked against the chain's balances after: the README's own example, a
 * swap whose proceeds are sent on ("… then send it to bob"), and a wrap followed by a partial unwrap. Every other
 * pair of actions is explained, simulate-only, in runtime/src/pipeline/actionPairs.test.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, formatEther, parseEther, parseUnits, type Address } from 'viem';
import { anvilAccount, devnetClient } from '../../agents/sdk/testing.js';
import { startTestDevnet, type TestDevnet } from '../../runtime/testing.js';
import { repoRoot, spawnLucid, type SpawnResult } from '../src/test-utils/spawn.js';

const built = existsSync(join(repoRoot, 'dist/cli/src/main.js'));
const user = anvilAccount(0).address;
const bob = anvilAccount(1).address;

let devnet: TestDevnet;
const lucid = (args: string[]): Promise<SpawnResult> =>
  spawnLucid(args, { home: devnet.home, entry: 'bin', timeoutMs: 180_000, devNull: true, env: { OPENAI_API_KEY: '', LUCID_MODEL: '' } });
const token = (symbol: string) => devnet.deployment.tokens.find((t) => t.symbol === symbol)!.address as Address;
const balanceOf = (symbol: string, owner: Address) => devnetClient(devnet.rpcUrl).readContract({ address: token(symbol), abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

type Outcome = {
  status: string;
  receiptStatus?: string;
  steps: { action: string; amountFrom?: string }[];
  simulation: { balanceChanges: { address: string; symbol: string; diff: string }[] };
};

/** Runs the words with `--yes --json`; asserts exit 0 and a confirmed run, and returns the balances' changes. */
async function signed(words: string, watch: [string, Address][]) {
  const before = await Promise.all(watch.map(([symbol, owner]) => balanceOf(symbol, owner)));
  const result = await lucid(['--yes', '--json', words]);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const outcome = JSON.parse(result.stdout) as Outcome;
  expect(outcome.status).toBe('confirmed');
  expect(outcome.receiptStatus).toBe('success');
  const after = await Promise.all(watch.map(([symbol, owner]) => balanceOf(symbol, owner)));
  return { outcome, changes: after.map((value, i) => value - before[i]!) };
}

beforeAll(async () => {
  if (!built) return;
  devnet = await startTestDevnet();
  const added = await lucid(['contacts', 'add', 'bob', bob]);
  expect(added.code, added.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe.skipIf(!built)('multi-step intents signed with --yes', () => {
  test('the README example: "buy 100 USDC with ETH then send 50 USDC to bob" leaves the user 50 USDC up and bob 50 USDC up', async () => {
    const ethBefore = await devnetClient(devnet.rpcUrl).getBalance({ address: user });
    const { outcome, changes } = await signed('buy 100 USDC with ETH then send 50 USDC to bob', [
      ['USDC', user],
      ['USDC', bob],
    ]);
    expect(outcome.steps.map((step) => step.action)).toEqual(['swap', 'transfer']);
    expect(changes).toEqual([parseUnits('50', 6), parseUnits('50', 6)]);
    // The ETH paid for the USDC (and gas) left the user's account.
    expect(await devnetClient(devnet.rpcUrl).getBalance({ address: user })).toBeLessThan(ethBefore);
  }, 240_000);

  test('"swap 0.2 ETH for DAI then send it to bob": bob receives exactly what the swap bought, the user keeps no DAI from it', async () => {
    const { outcome, changes } = await signed('swap 0.2 ETH for DAI then send it to bob', [
      ['DAI', user],
      ['DAI', bob],
    ]);
    expect(outcome.steps[1]!.amountFrom).toMatch(/^[\d.,]+ DAI, what step 1 produced in its simulation/);
    // Bob's real change is the simulated one to the base unit, and the amount the review showed for "it".
    const simulated = outcome.simulation.balanceChanges.find((c) => c.address.toLowerCase() === bob.toLowerCase() && c.symbol === 'DAI');
    expect(changes).toEqual([0n, BigInt(simulated!.diff)]);
    expect(changes[1]).toBeGreaterThan(0n);
    const shown = Number(outcome.steps[1]!.amountFrom!.split(' ')[0]!.replaceAll(',', ''));
    expect(Number(formatEther(changes[1]!))).toBeCloseTo(shown, 5);
  }, 240_000);

  test('"wrap 1 ETH then unwrap 0.4 WETH": the second step unwraps from what the first wrapped, 0.6 WETH is left', async () => {
    const { outcome, changes } = await signed('wrap 1 ETH then unwrap 0.4 WETH', [['WETH', user]]);
    expect(outcome.steps.map((step) => step.action)).toEqual(['wrap', 'unwrap']);
    expect(changes).toEqual([parseEther('0.6')]);
  }, 240_000);
});
