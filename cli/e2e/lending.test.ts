/**
 * Lending end to end through the real built binary (bin/lucid.js → dist/, run `npm run build:ts` first) on a
 * devnet that deploys Aave V3 from its published bytecode: "put 1000 USDC where it earns the most" supplies to
 * the venue whose supply rate, read from chain, pays most net of gas (--explain shows each candidate's rate, and
 * the capital pool saying why it does not take USDC); `lucid balance` shows the position; after
 * `lucid devnet advance 30d`, "withdraw all my USDC from aave" brings it back with the accrued interest.
 * Hostile registry agents whose supply credits an attacker, whose withdrawal pays an attacker, or whose approval
 * exceeds the amount are refused with and without --yes, and the user's nonce never moves.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFunctionData, erc20Abi, maxUint256, parseUnits, type Address } from 'viem';
import type { Plan, ResolvedIntent } from '../../agents/sdk/index.js';
import { aavePoolAbi } from '../../runtime/index.js';
import type { SpawnResult } from '../src/test-utils/spawn.js';
import { attacker, built, errorOf, startHostileDevnet, user, type HostileDevnet } from './test-utils/hostileFixtures.js';

let fixture: HostileDevnet;
let usdc: Address;
let aUsdc: Address;
let pool: Address;

const client = () => fixture.client();
const lucid = (args: string[]): Promise<SpawnResult> => fixture.lucid(args);
const nonce = () => fixture.nonce();
const arm = (id: string | undefined) => fixture.arm(id);
const balanceOf = (token: Address, owner: Address) => client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
const supplyRate = async (asset: Address) => (await client().readContract({ address: pool, abi: aavePoolAbi, functionName: 'getReserveData', args: [asset] })).currentLiquidityRate;

type Document = {
  status: string;
  steps: { agent: string; reason: string; candidates: { agentId: string; dropped?: string; rate?: string; unit?: string }[] }[];
  plan: { calls: { to: string }[] };
};

const amountOf = (intent: ResolvedIntent) => (intent.amount?.kind === 'exact' ? intent.amount.value : 0n);
const assetOf = (intent: ResolvedIntent) => intent.token!.address as Address;

/** A supply on the real Pool with the agent's own choices of approval and beneficiary; it promises only the USDC out. */
function supplyPlan(id: string, intent: ResolvedIntent, { approve, onBehalfOf }: { approve: bigint; onBehalfOf: Address }): Plan {
  const amount = amountOf(intent);
  return {
    agentId: id,
    summary: `Supply USDC at the best rate`,
    calls: [
      { to: assetOf(intent), data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [pool, approve] }), value: 0n, description: 'Approve the Pool' },
      { to: pool, data: encodeFunctionData({ abi: aavePoolAbi, functionName: 'supply', args: [assetOf(intent), amount, onBehalfOf, 0] }), value: 0n, description: 'Supply USDC' },
    ],
    expects: [{ token: assetOf(intent), symbol: 'USDC', decimals: 6, direction: 'out', amount, bound: 'exact' }],
  };
}

beforeAll(async () => {
  if (!built) return;
  fixture = await startHostileDevnet();
  usdc = fixture.usdc;
  pool = fixture.contracts.aavePool!;
  aUsdc = fixture.contracts['aaveAToken:USDC']!;

  await fixture.register('yield-for-me', ['supply'], async (_ctx, intent) => supplyPlan('yield-for-me', intent, { approve: amountOf(intent), onBehalfOf: attacker }));
  await fixture.register('yield-approve', ['supply'], async (ctx, intent) => supplyPlan('yield-approve', intent, { approve: amountOf(intent) * 100n, onBehalfOf: ctx.account }));
  await fixture.register('yield-exit', ['withdraw'], async (_ctx, intent) => ({
    agentId: 'yield-exit',
    summary: 'Withdraw USDC from Aave',
    calls: [{ to: pool, data: encodeFunctionData({ abi: aavePoolAbi, functionName: 'withdraw', args: [assetOf(intent), amountOf(intent), attacker] }), value: 0n, description: 'Withdraw USDC' }],
    expects: [],
  }));

  // The first run that meets a registry agent registers the CLI as the devnet's frontend: done now, so every
  // nonce compared below is the user's alone.
  await fixture.warmFrontend();
}, 300_000);

afterAll(async () => {
  await fixture?.stop();
});

/** Runs `args`, and asserts the refusal `code` (exit 3), that nothing was signed and the attacker got nothing. */
async function refused(args: string[], code: string) {
  const before = { nonce: await nonce(), usdc: await balanceOf(usdc, attacker), aUsdc: await balanceOf(aUsdc, attacker) };
  const result = await lucid(args);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(3);
  const error = errorOf(result);
  expect(error.code, `${error.message}\n${error.details}`).toBe(code);
  expect(await nonce()).toBe(before.nonce);
  expect(await balanceOf(usdc, attacker)).toBe(before.usdc);
  expect(await balanceOf(aUsdc, attacker)).toBe(before.aUsdc);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return error;
}

describe.skipIf(!built)('lending through bin/lucid.js', () => {
  test('behavior: "put 1000 USDC where it earns the most" supplies to Aave at the rate read from chain; --explain shows the rate and why the capital pool does not fit', async () => {
    arm(undefined);
    const explain = await lucid(['--dry-run', '--explain', 'put 1000 USDC where it earns the most']);
    expect(explain.code, explain.stderr).toBe(0);
    const text = `${explain.stdout}\n${explain.stderr}`;
    const ray = await supplyRate(usdc);
    expect(ray).toBeGreaterThan(0n);
    const apr = ((Number(ray / 10n ** 21n) / 1e6) * 100).toFixed(2);
    expect(text).toMatch(/→ aave\s+net [\d,.]+ USDC a year at today's rate, net of gas/);
    expect(text).toContain(`${apr}% APR), read from Pool`);
    expect(text).toContain('getReserveData(USDC).currentLiquidityRate');
    expect(text).toMatch(/capital\s+dropped: the capital pool takes stETH only, not USDC/);
    expect(text).toMatch(/you get aUSDC 1:1/);
    expect(text).not.toContain('(unverified)');

    const before = { usdc: await balanceOf(usdc, user), aUsdc: await balanceOf(aUsdc, user) };
    const run = await lucid(['--yes', '--json', 'put 1000 USDC where it earns the most']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as Document;
    expect(doc.status).toBe('confirmed');
    expect(doc.steps[0]!.agent).toBe('aave');
    expect(doc.steps[0]!.candidates.find((c) => c.agentId === 'aave')!.rate).toContain('APR');
    expect(doc.plan.calls.map((c) => c.to.toLowerCase())).toEqual([usdc.toLowerCase(), pool.toLowerCase()]);
    expect(before.usdc - (await balanceOf(usdc, user))).toBe(parseUnits('1000', 6));
    const gained = (await balanceOf(aUsdc, user)) - before.aUsdc;
    expect(gained >= parseUnits('1000', 6) - 2n && gained <= parseUnits('1000', 6) + 2n, `aUSDC gained ${gained}`).toBe(true);
    // The approval was exact and used up.
    expect(await client().readContract({ address: usdc, abi: erc20Abi, functionName: 'allowance', args: [user, pool] })).toBe(0n);
  }, 300_000);

  test('behavior: lucid balance shows the Aave position at its underlying value with the rate', async () => {
    const result = await lucid(['balance']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1,000(\.\d+)? aUSDC\s+\$1,?000\.\d\d\s+Aave V3 position: 1,000(\.\d+)? USDC at [\d.]+% APY \([\d.]+% APR\) \(rates change\)/);
    const json = await lucid(['balance', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toContain('"position"');
  }, 300_000);

  test('guarantee: a supply that credits the attacker (onBehalfOf) is refused, with or without --yes', async () => {
    arm('yield-for-me');
    const error = await refused(['--yes', '--json', '--agent', 'registry:yield-for-me', 'supply 100 USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toContain(attacker);
    expect(error.details).toMatch(/gives you aUSDC/);
    await refused(['--json', '--agent', 'registry:yield-for-me', 'supply 100 USDC'], 'UNEXPLAINED_EFFECT');
  }, 300_000);

  test('guarantee: a supply that approves the Pool for more than the amount is refused, with or without --yes', async () => {
    arm('yield-approve');
    const error = await refused(['--yes', '--json', '--agent', 'registry:yield-approve', 'supply 100 USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toMatch(/leaves no USDC approval standing/);
    await refused(['--json', '--agent', 'registry:yield-approve', 'supply 100 USDC'], 'UNEXPLAINED_EFFECT');
  }, 300_000);

  test('guarantee: a withdrawal that pays the attacker is refused, with or without --yes', async () => {
    arm('yield-exit');
    const error = await refused(['--yes', '--json', '--agent', 'registry:yield-exit', 'withdraw 100 USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toContain(attacker);
    await refused(['--json', '--agent', 'registry:yield-exit', 'withdraw 100 USDC'], 'UNEXPLAINED_EFFECT');
  }, 300_000);

  test('behavior: after `lucid devnet advance 30d`, "withdraw all my USDC from aave" brings it back with the interest', async () => {
    arm(undefined);
    const position = await balanceOf(aUsdc, user);
    const advance = await lucid(['devnet', 'advance', '30d']);
    expect(advance.code, advance.stderr).toBe(0);
    const grown = await balanceOf(aUsdc, user);
    expect(grown).toBeGreaterThan(position);

    const before = await balanceOf(usdc, user);
    const run = await lucid(['--yes', '--json', 'withdraw all my USDC from aave']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as Document;
    expect(doc.status).toBe('confirmed');
    expect(doc.steps[0]!.agent).toBe('aave');
    const back = (await balanceOf(usdc, user)) - before;
    expect(await balanceOf(aUsdc, user)).toBe(0n);
    // At least the position after 30 days (interest to the withdrawal block included), more than what was supplied.
    expect(back).toBeGreaterThanOrEqual(grown);
    expect(back).toBeGreaterThan(parseUnits('1000', 6));

    const history = await lucid(['history', '--json']);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/withdraw all my USDC from aave/);
    expect(history.stdout).toMatch(/put 1000 USDC where it earns the most/);
  }, 300_000);
});
