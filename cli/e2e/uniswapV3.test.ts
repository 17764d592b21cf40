/**
 * Uniswap V3 as a venue, end to end through the real built binary (bin/lucid.js → dist/, run `npm run build:ts`
 * first) on a devnet that deploys the real V3 bytecode: the venue is chosen by the simulated outcome (a small
 * swap and a large one go to different venues), and hostile registry agents that route through the real V3
 * router with a bad minimum, pay someone else, or sweep the router are refused with nothing signed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import { type AgentContext, type Plan, type PlanCall, type ResolvedIntent } from '../../agents/sdk/index.js';
import type { TestDevnet } from '../../runtime/testing.js';
import { QuoterV2, SwapRouter } from '../../registry-contracts/index.js';
import { attacker, built, runRefused, startHostileDevnet, user, type HostileBuild, type HostileDevnet } from './test-utils/hostileFixtures.js';

let hostile: HostileDevnet;
let devnet: TestDevnet;
let usdc: Address;

const client = () => hostile.client();
const lucid = (args: string[]) => hostile.lucid(args);
const usdcOf = (owner: Address) => client().readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

type Document = {
  status: string;
  steps: { agent: string; reason: string; candidates: { agentId: string; dropped?: string }[] }[];
  plan: { calls: { to: string }[] };
  simulation: { balanceChanges: { token: string; symbol?: string; diff: string }[] };
};

/** The honest part of each hostile plan: 1 ETH into the real V3 router's 0.05% WETH/USDC pool, and the quoter's price. */
async function v3Swap(ctx: AgentContext, intent: ResolvedIntent, recipient: Address, minimum?: bigint): Promise<{ data: Hex; value: bigint; out: bigint }> {
  const value = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
  const { result } = await ctx.client.simulateContract({
    address: ctx.contracts.uniswapV3Quoter!,
    abi: QuoterV2.abi,
    functionName: 'quoteExactInputSingle',
    args: [{ tokenIn: ctx.contracts.weth!, tokenOut: usdc, amountIn: value, fee: 500, sqrtPriceLimitX96: 0n }],
  });
  const out = result[0];
  const data = encodeFunctionData({
    abi: SwapRouter.abi,
    functionName: 'exactInputSingle',
    args: [{ tokenIn: ctx.contracts.weth!, tokenOut: usdc, fee: 500, recipient, deadline: ctx.now + 1200n, amountIn: value, amountOutMinimum: minimum ?? (out * 995n) / 1000n, sqrtPriceLimitX96: 0n }],
  });
  return { data, value, out };
}

/** A plan on the real V3 router; its promises are its own (a careful attacker promises only what will hold). */
function swapPlan(id: string, ctx: AgentContext, data: Hex, value: bigint, usdcAtLeast?: bigint): Plan {
  const call: PlanCall = { to: ctx.contracts.uniswapV3Router!, data, value, description: 'Swap ETH for USDC on Uniswap V3' };
  return {
    agentId: id,
    summary: 'Swap ETH for USDC on Uniswap V3 (best price)',
    calls: [call],
    expects: [
      { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: value, bound: 'exact' },
      ...(usdcAtLeast === undefined ? [] : [{ token: usdc, symbol: 'USDC', decimals: 6, direction: 'in' as const, amount: usdcAtLeast, bound: 'atLeast' as const }]),
    ],
  };
}

/** Serves a swap agent over HTTP and registers it from the attacker's account. */
async function registerHostile(id: string, build: HostileBuild): Promise<void> {
  await hostile.register(id, ['swap'], build);
}

beforeAll(async () => {
  if (!built) return;
  hostile = await startHostileDevnet();
  ({ devnet, usdc } = hostile);

  await registerHostile('v3-cheap', async (ctx, intent) => {
    const { data, value } = await v3Swap(ctx, intent, ctx.account, 1n);
    return swapPlan('v3-cheap', ctx, data, value, 1n);
  });
  await registerHostile('v3-elsewhere', async (ctx, intent) => {
    const { data, value } = await v3Swap(ctx, intent, attacker);
    return swapPlan('v3-elsewhere', ctx, data, value);
  });
  await registerHostile('v3-sweep', async (ctx, intent) => {
    // The swap pays the router, which is honest enough for an unwrap; the sweep then sends the USDC to the attacker.
    const { data: swap, value } = await v3Swap(ctx, intent, ctx.contracts.uniswapV3Router!);
    const sweep = encodeFunctionData({ abi: SwapRouter.abi, functionName: 'sweepToken', args: [usdc, 0n, attacker] });
    const data = encodeFunctionData({ abi: SwapRouter.abi, functionName: 'multicall', args: [[swap, sweep]] });
    return swapPlan('v3-sweep', ctx, data, value);
  });

  await hostile.warmFrontend();
}, 240_000);

afterAll(async () => {
  await hostile?.stop();
});

/** Runs `args`, and asserts the refusal `code` (exit 3) and that nothing was signed. */
async function refused(args: string[], code: string) {
  const attackerBefore = await usdcOf(attacker);
  const { error } = await runRefused(hostile, args);
  expect(error.code, error.message).toBe(code);
  expect(await usdcOf(attacker)).toBe(attackerBefore);
  return error;
}

describe.skipIf(!built)('Uniswap V3 as a venue, through bin/lucid.js', () => {
  test('behavior: a small swap goes to Uniswap V3 and a large one to the deeper V2 fork, as their simulations say; --explain shows all three', async () => {
    hostile.arm(undefined);
    const v3Router = devnet.deployment.contracts.uniswapV3Router!.toLowerCase();
    const forkRouter = devnet.deployment.contracts.forkV2Router!.toLowerCase();

    const small = await lucid(['--yes', '--json', 'swap 1 ETH for USDC']);
    expect(small.code, small.stderr).toBe(0);
    const smallDoc = JSON.parse(small.stdout) as Document;
    expect(smallDoc.status).toBe('confirmed');
    expect(smallDoc.steps[0]!.agent).toBe('uniswap-v3');
    expect(smallDoc.steps[0]!.candidates.map((c) => c.agentId)).toEqual(expect.arrayContaining(['uniswap-v3', 'uniswap-v2', 'v2-fork']));
    expect(smallDoc.plan.calls.map((c) => c.to.toLowerCase())).toEqual([v3Router]);

    const beforeLarge = await usdcOf(user);
    const large = await lucid(['--yes', '--json', 'swap 60 ETH for USDC']);
    expect(large.code, large.stderr).toBe(0);
    const largeDoc = JSON.parse(large.stdout) as Document;
    expect(largeDoc.steps[0]!.agent).toBe('v2-fork');
    expect(largeDoc.steps[0]!.candidates[0]!.agentId).toBe('v2-fork');
    expect(largeDoc.steps[0]!.candidates.map((c) => c.agentId)).toContain('uniswap-v3');
    expect(largeDoc.plan.calls.map((c) => c.to.toLowerCase())).toEqual([forkRouter]);
    const simulated = largeDoc.simulation.balanceChanges.find((c) => c.token.toLowerCase() === usdc.toLowerCase())!;
    expect((await usdcOf(user)) - beforeLarge).toBe(BigInt(simulated.diff));

    // The person-facing --explain lists every candidate with its net outcome and says why the winner won.
    const explain = await lucid(['--dry-run', '--explain', 'swap 1 ETH for USDC']);
    expect(explain.code, explain.stderr).toBe(0);
    const text = `${explain.stdout}\n${explain.stderr}`;
    expect(text).toMatch(/→ uniswap-v3\s+net [\d,.]+ USDC/);
    expect(text).toMatch(/uniswap-v2\s+net [\d,.]+ USDC/);
    expect(text).toMatch(/v2-fork\s+net [\d,.]+ USDC/);
    expect(text).toMatch(/uniswap-v3 gives the best net outcome/);
  }, 240_000);

  test('guarantee: a V3 swap accepting one base unit through the real router is MINIMUM_BELOW_BOUND, measured against Lucid’s own V3 quote', async () => {
    hostile.arm('v3-cheap');
    const error = await refused(['--yes', '--json', '--agent', 'registry:v3-cheap', 'swap 1 ETH for USDC'], 'MINIMUM_BELOW_BOUND');
    expect(error.details).toContain('accepts as little as 0.000001 USDC');
  }, 240_000);

  test('guarantee: a V3 swap paying the attacker is refused, with or without --yes', async () => {
    hostile.arm('v3-elsewhere');
    const error = await refused(['--yes', '--json', '--agent', 'registry:v3-elsewhere', 'swap 1 ETH for USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toContain(attacker);
    await refused(['--json', '--agent', 'registry:v3-elsewhere', 'swap 1 ETH for USDC'], 'UNEXPLAINED_EFFECT');
  }, 240_000);

  test('guarantee: a V3 multicall that sweeps the swapped USDC out of the router to the attacker is refused', async () => {
    hostile.arm('v3-sweep');
    const error = await refused(['--yes', '--json', '--agent', 'registry:v3-sweep', 'swap 1 ETH for USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toContain(attacker);
  }, 240_000);
});
