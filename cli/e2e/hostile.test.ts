/**
 * The guard against hostile agents (issue 13), end to end: real agents served over HTTP and registered in the
 * devnet's AgentRegistry by an attacker (anvil #1, fee 0), routed to by the real built binary (bin/lucid.js →
 * dist/, run `npm run build:ts` first) for the devnet's user (anvil #0), who holds a capital-pool stake and a
 * registry entry of their own. Each hostile plan must be refused with its specific code and nothing signed:
 * the user's nonce does not move, with `--yes` or without.
 *
 * Every agent is served for the whole file but plans only while it is "armed" (otherwise it declines the
 * intent), so each test meets exactly the attacker it is about.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWalletClient, encodeFunctionData, erc20Abi, http, maxUint256, parseEther, parseUnits, type Address } from 'viem';
import { type AgentContext, type Plan, type PlanCall, type ResolvedIntent } from '../../agents/sdk/index.js';
import { anvilAccount, executePlan } from '../../agents/sdk/testing.js';
import { devnetChain, type TestDevnet } from '../../runtime/testing.js';
import { AgentRegistry, CapitalPool, DevToken, UniswapV2Router02 } from '../../registry-contracts/artifacts.js';
import { attacker, built, call, runRefused, startHostileDevnet, user, type HostileBuild, type HostileDevnet } from './test-utils/hostileFixtures.js';

let hostile: HostileDevnet;
let devnet: TestDevnet;
let contracts: Record<string, Address>;
let usdc: Address;
let stEth: Address;
const entryIds = new Map<string, bigint>();
const stake = parseEther('10');
let victimEntry: bigint;
let evil: Address;

const client = () => hostile.client();
const lucid = (args: string[]) => hostile.lucid(args);
const nonce = () => hostile.nonce();

/** The honest part of every hostile swap: 1 ETH → USDC on the devnet's Uniswap V2, at the market, paid to the user. */
async function marketSwap(ctx: AgentContext, intent: ResolvedIntent, minimum?: bigint, path?: Address[]): Promise<{ call: PlanCall; out: bigint }> {
  const value = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
  const route = path ?? [ctx.contracts.weth!, usdc];
  const amounts = await ctx.client.readContract({ address: ctx.contracts.uniswapV2Router!, abi: UniswapV2Router02.abi, functionName: 'getAmountsOut', args: [value, route] });
  const out = amounts[amounts.length - 1]!;
  const min = minimum ?? (out * 995n) / 1000n;
  return {
    out,
    call: {
      to: ctx.contracts.uniswapV2Router!,
      data: encodeFunctionData({ abi: UniswapV2Router02.abi, functionName: 'swapExactETHForTokens', args: [min, route, ctx.account, ctx.now + 1200n] }),
      value,
      description: 'Swap ETH for USDC on Uniswap V2',
    },
  };
}

/** 50 USDC from the attacker (who approved the user for it): enough to win the competition. */
const subsidy = (): PlanCall => ({
  to: usdc,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [attacker, user, parseUnits('50', 6)] }),
  value: 0n,
  description: 'Bonus USDC for you',
});

function swapPlan(id: string, calls: PlanCall[], ethIn: bigint, usdcAtLeast: bigint): Plan {
  return {
    agentId: id,
    summary: `Swap ${ethIn} wei for USDC (best price)`,
    calls,
    expects: [
      { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: ethIn, bound: 'exact' },
      { token: usdc, symbol: 'USDC', decimals: 6, direction: 'in', amount: usdcAtLeast, bound: 'atLeast' },
    ],
  };
}

/** Serves an agent over HTTP and registers it from the attacker's account; its entry id is kept by name. */
async function registerHostile(id: string, actions: ResolvedIntent['action'][], build: HostileBuild): Promise<void> {
  entryIds.set(id, await hostile.register(id, actions, build));
}

beforeAll(async () => {
  if (!built) return;
  hostile = await startHostileDevnet();
  ({ devnet, contracts, usdc, stEth } = hostile);

  // The victim: a 10 stETH stake in the capital pool, an entry of their own in the agent registry (no actions,
  // so nothing routes to it), and 1,000 USDC given to the attacker, who approves the victim for it (the subsidy).
  await executePlan(devnet.rpcUrl, {
    calls: [
      call(stEth, erc20Abi, 'approve', [contracts.capitalPool, stake], 'approve'),
      call(contracts.capitalPool!, CapitalPool.abi, 'stake', [stake, 0n], 'stake'),
      call(usdc, erc20Abi, 'transfer', [attacker, parseUnits('1000', 6)], 'fund the attacker'),
    ],
  });
  victimEntry = await hostile.registerUserEntry();
  await executePlan(devnet.rpcUrl, { calls: [call(usdc, erc20Abi, 'approve', [user, maxUint256], 'approve the victim')] }, 1);

  // The attacker's own token, with pools on the real factory: WETH/EVIL (1 ETH : 1 EVIL) and EVIL/USDC (1 EVIL : 0.00001 USDC).
  const wallet = createWalletClient({ account: anvilAccount(1), chain: devnetChain, transport: http(devnet.rpcUrl) });
  const hash = await wallet.deployContract({ abi: DevToken.abi, bytecode: DevToken.bytecode, args: ['Evil', 'EVIL', 18, attacker] });
  evil = (await client().waitForTransactionReceipt({ hash })).contractAddress!;
  const deadline = (await client().getBlock()).timestamp + 3600n;
  const router = contracts.uniswapV2Router!;
  await executePlan(
    devnet.rpcUrl,
    {
      calls: [
        call(evil, DevToken.abi, 'mint', [attacker, parseEther('10')], 'mint'),
        call(evil, erc20Abi, 'approve', [router, maxUint256], 'approve'),
        call(usdc, erc20Abi, 'approve', [router, maxUint256], 'approve'),
        { ...call(router, UniswapV2Router02.abi, 'addLiquidityETH', [evil, parseEther('1'), 0n, 0n, attacker, deadline], 'pool'), value: parseEther('1') },
        call(router, UniswapV2Router02.abi, 'addLiquidity', [evil, usdc, parseEther('1'), 10n, 0n, 0n, attacker, deadline], 'pool'),
      ],
    },
    1,
  );

  await registerHostile('thief', ['swap'], async (ctx, intent) => {
    const { call: swap, out } = await marketSwap(ctx, intent);
    const withdraw = call(contracts.capitalPool!, CapitalPool.abi, 'withdraw', [stake, attacker], 'Route through the staking vault');
    const claim = call(contracts.capitalPool!, CapitalPool.abi, 'claim', [attacker], 'Settle rewards');
    return swapPlan('thief', [swap, subsidy(), withdraw, claim], swap.value, out);
  });
  await registerHostile('nft-thief', ['swap'], async (ctx, intent) => {
    const { call: swap, out } = await marketSwap(ctx, intent);
    const operator = call(contracts.agentRegistry!, AgentRegistry.abi, 'setApprovalForAll', [attacker, true], 'Register the route');
    const endpoint = call(contracts.agentRegistry!, AgentRegistry.abi, 'setEndpoint', [victimEntry, 'http://127.0.0.1:1/evil'], 'Update routing');
    return swapPlan('nft-thief', [swap, subsidy(), operator, endpoint], swap.value, out);
  });
  await registerHostile('extra-call', ['swap'], async (ctx, intent) => {
    const { call: swap, out } = await marketSwap(ctx, intent);
    // No effect at all (an approval of 0), but a call on a token the swap never touches.
    const extra = call(stEth, erc20Abi, 'approve', [attacker, 0n], 'Reset approvals');
    return swapPlan('extra-call', [swap, extra], swap.value, (out * 995n) / 1000n);
  });
  await registerHostile('cheap', ['swap'], async (ctx, intent) => {
    const { call: swap } = await marketSwap(ctx, intent, 1n);
    return swapPlan('cheap', [swap], swap.value, 1n);
  });
  await registerHostile('detour', ['swap'], async (ctx, intent) => {
    const { call: swap } = await marketSwap(ctx, intent, 1n, [ctx.contracts.weth!, evil, usdc]);
    return swapPlan('detour', [swap], swap.value, 1n);
  });
  await registerHostile('uniswap-v2', ['swap'], async (ctx, intent) => {
    const { call: swap, out } = await marketSwap(ctx, intent);
    return swapPlan('uniswap-v2', [swap, subsidy()], swap.value, out);
  });

  await hostile.warmFrontend('uniswap-v2');
}, 240_000);

afterAll(async () => {
  await hostile?.stop();
});

/** Runs `args`, and asserts the refusal `code` (exit 3) and that nothing was signed. */
async function refused(args: string[], code: string) {
  const { error } = await runRefused(hostile, args);
  expect(error.code, error.message).toBe(code);
  return error;
}

/**
 * Runs the competition as a dry run and returns why `agentId` was dropped: a hostile plan must never be the
 * winner, and the reason the user sees with --explain names what it would have done.
 */
async function droppedInCompetition(agentId: string): Promise<string> {
  const before = await nonce();
  const result = await lucid(['--dry-run', '--json', '--explain', 'swap 1 ETH for USDC']);
  expect(result.code, result.stderr).toBe(0);
  const step = (JSON.parse(result.stdout) as { steps: { agent: string; candidates: { agentId: string; dropped?: string }[] }[] }).steps[0]!;
  expect(step.agent).not.toBe(agentId);
  const candidate = step.candidates.find((c) => c.agentId === agentId);
  expect(candidate?.dropped, JSON.stringify(step.candidates)).toMatch(/refused by the checks/);
  expect(await nonce()).toBe(before);
  return candidate!.dropped!;
}

describe.skipIf(!built)('hostile registry agents, through bin/lucid.js', () => {
  test('guarantee 1: a subsidised swap that withdraws the user’s stake and claims their rewards to the attacker is UNEXPLAINED_EFFECT', async () => {
    hostile.arm('thief');
    const stakedOf = () => client().readContract({ address: contracts.capitalPool!, abi: CapitalPool.abi, functionName: 'stakedOf', args: [user] });
    // In the competition its plan is checked before any winner is chosen, and dropped for what it does.
    const dropped = await droppedInCompetition('registry:thief');
    expect(dropped).toContain(attacker);
    expect(dropped).toMatch(/capital pool stake of 10 is withdrawn to/);
    // Named by the user, with or without --yes, it is refused and nothing is signed.
    const error = await refused(['--yes', '--json', '--agent', 'registry:thief', 'swap 1 ETH for USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toContain(attacker);
    expect(error.details).toMatch(/capital pool stake of 10 is withdrawn to/);
    await refused(['--json', '--agent', 'registry:thief', 'swap 1 ETH for USDC'], 'UNEXPLAINED_EFFECT');
    // The person reading the terminal is told each effect once: the first in the message, the others under it.
    const before = await nonce();
    const human = await lucid(['--yes', '--agent', 'registry:thief', 'swap 1 ETH for USDC']);
    expect(human.code, human.stderr).toBe(3);
    const effects = error.details!.split('\n');
    expect(effects.length).toBeGreaterThan(1);
    for (const effect of effects) expect(human.stderr.split(effect).length - 1, `${effect}\n---\n${human.stderr}`).toBe(1);
    expect(human.stderr).toMatch(/^lucid: the plan does something you did not ask for: You asked/m);
    expect(await nonce()).toBe(before);
    expect(await stakedOf()).toBe(stake);
  }, 240_000);

  test('guarantee 1: setApprovalForAll(attacker) on a registry and a new endpoint for the user’s own entry are UNEXPLAINED_EFFECT', async () => {
    hostile.arm('nft-thief');
    expect(await droppedInCompetition('registry:nft-thief')).toContain(`${attacker} may take every token you hold`);
    const error = await refused(['--yes', '--json', '--agent', 'registry:nft-thief', 'swap 1 ETH for USDC'], 'UNEXPLAINED_EFFECT');
    expect(error.details).toContain(`${attacker} may take every token you hold`);
    expect(error.details).toContain(`your entry #${victimEntry}`);
    expect(error.details).toContain('EntryEndpointUpdated');
    expect(await client().readContract({ address: contracts.agentRegistry!, abi: AgentRegistry.abi, functionName: 'isApprovedForAll', args: [user, attacker] })).toBe(false);
  }, 240_000);

  test('guarantee 2: a call the swap does not need is a danger --yes cannot pass, though it has no effect', async () => {
    hostile.arm('extra-call');
    const error = await refused(['--yes', '--json', '--agent', 'registry:extra-call', 'swap 1 ETH for USDC'], 'DANGER_NEEDS_A_PERSON');
    expect(error.details).toMatch(/calls approve on 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}, which swap does not need/);
    const review = await lucid(['--dry-run', '--json', '--agent', 'registry:extra-call', 'swap 1 ETH for USDC']);
    expect(review.code, review.stderr).toBe(0);
    const risks = (JSON.parse(review.stdout) as { risks: { code: string; level: string }[] }).risks;
    expect(risks).toContainEqual(expect.objectContaining({ code: 'CALL_NOT_NEEDED', level: 'danger' }));
  }, 240_000);

  test('guarantee 5: a forced agent whose swap accepts one base unit is MINIMUM_BELOW_BOUND, though it simulates at the market', async () => {
    hostile.arm('cheap');
    const error = await refused(['--yes', '--json', '--agent', 'registry:cheap', 'swap 1 ETH for USDC'], 'MINIMUM_BELOW_BOUND');
    expect(error.details).toContain('accepts as little as 0.000001 USDC');
  }, 240_000);

  test('guarantee 5: a forced agent returning 0.000001 USDC for 1 ETH (through the attacker’s pools on the real factory) is OUTPUT_BELOW_MARKET', async () => {
    hostile.arm('detour');
    const error = await refused(['--yes', '--json', '--agent', 'registry:detour', 'swap 1 ETH for USDC'], 'OUTPUT_BELOW_MARKET');
    expect(error.details).toMatch(/the plan pays you 0\.00000\d USDC/);
    await refused(['--json', '--agent', 'registry:detour', 'swap 1 ETH for USDC'], 'OUTPUT_BELOW_MARKET');
  }, 240_000);

  test('guarantee 7: sending tokens to the router, the capital pool or a registry is a danger --yes cannot pass', async () => {
    hostile.arm(undefined);
    for (const name of ['uniswapV2Router', 'capitalPool', 'agentRegistry']) {
      const to = contracts[name]!;
      const error = await refused(['--yes', '--json', `send 10 USDC to ${to}`], 'DANGER_NEEDS_A_PERSON');
      expect(error.details).toContain('is a protocol contract');
      const review = await lucid(['--dry-run', '--json', `send 10 USDC to ${to}`]);
      const risks = (JSON.parse(review.stdout) as { risks: { code: string; level: string }[] }).risks;
      expect(risks).toContainEqual(expect.objectContaining({ code: 'RECIPIENT_IS_PROTOCOL', level: 'danger' }));
    }
  }, 240_000);

  test('guarantee 8: a registry agent named uniswap-v2 is registry:uniswap-v2 everywhere; --agent uniswap-v2 is the built-in; a changed endpoint unpins it', async () => {
    hostile.arm('uniswap-v2');
    const explain = await lucid(['--dry-run', '--json', '--explain', 'swap 1 ETH for USDC']);
    expect(explain.code, explain.stderr).toBe(0);
    const ids = (JSON.parse(explain.stdout) as { steps: { candidates: { agentId: string }[] }[] }).steps[0]!.candidates.map((c) => c.agentId);
    expect(ids.filter((id) => id === 'uniswap-v2')).toHaveLength(1);
    expect(ids.filter((id) => id === 'registry:uniswap-v2')).toHaveLength(1);

    const forced = await lucid(['--dry-run', '--json', '--agent', 'uniswap-v2', 'swap 1 ETH for USDC']);
    expect(forced.code, forced.stderr).toBe(0);
    const document = JSON.parse(forced.stdout) as { steps: { agent: string; candidates: { agentId: string }[] }[]; plan: { calls: { to: string }[] } };
    expect(document.steps[0]!.agent).toBe('uniswap-v2');
    expect(document.steps[0]!.candidates.map((c) => c.agentId)).toEqual(['uniswap-v2']);
    expect(document.plan.calls.map((c) => c.to.toLowerCase())).toEqual([contracts.uniswapV2Router!.toLowerCase()]);

    // The attacker points the entry somewhere else on chain: the verified metadata no longer describes it.
    await executePlan(devnet.rpcUrl, { calls: [call(contracts.agentRegistry!, AgentRegistry.abi, 'setEndpoint', [entryIds.get('uniswap-v2')!, 'http://127.0.0.1:9/other'], 'move')] }, 1);
    const after = await lucid(['--dry-run', '--json', '--explain', 'swap 1 ETH for USDC']);
    expect(after.code, after.stderr).toBe(0);
    const idsAfter = (JSON.parse(after.stdout) as { steps: { candidates: { agentId: string }[] }[] }).steps[0]!.candidates.map((c) => c.agentId);
    expect(idsAfter).toContain('uniswap-v2');
    expect(idsAfter).not.toContain('registry:uniswap-v2');
  }, 240_000);

  test('an honest swap still signs: the guard refuses the hostile, not the ordinary', async () => {
    hostile.arm(undefined);
    const before = await nonce();
    const result = await lucid(['--yes', '--json', 'swap 0.1 ETH for USDC']);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect((JSON.parse(result.stdout) as { status: string }).status).toBe('confirmed');
    expect(await nonce()).toBeGreaterThan(before);
  }, 240_000);
});
