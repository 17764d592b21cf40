/**
 * Call shapes on the test devnet: every built-in agent's plan fits its action's shape (no false alarms on
 * what Lucid itself builds), and a call the action does not need is named.
 */
import { encodeFunctionData, erc20Abi, maxUint256, parseEther, parseUnits, type Address } from 'viem';
import { aavePoolAbi } from '../lending/aavePoolAbi.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aaveAgent, approveAgent, capitalAgent, transferAgent, uniswapV2Agent, v2ForkAgent, wrapAgent } from '../../../agents/index.js';
import { anvilAccount, devnetContext } from '../../../agents/sdk/testing.js';
import type { Agent, AgentContext, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { checkCallShapes } from './checkCallShapes.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let USDC: TokenInfo;
let stETH: TokenInfo;
let WETH: TokenInfo;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const bob = anvilAccount(1).address;

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  const token = (symbol: string): TokenInfo => ({ ...devnet.deployment.tokens.find((t) => t.symbol === symbol)!, verified: true });
  USDC = token('USDC');
  stETH = token('stETH');
  WETH = token('WETH');
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

const exact = (value: bigint) => ({ kind: 'exact' as const, value });
const shapes = (steps: { intent: ResolvedIntent; plan: { calls: { to: Address; data: `0x${string}`; value: bigint; description: string }[] } }[]) =>
  checkCallShapes(ctx.client, { steps, contracts: ctx.contracts, knownTokens: [ETH, ...(ctx.tokens ?? [])] });

describe('checkCallShapes', () => {
  test('default: the plans of the built-in agents fit the shapes of their actions', async () => {
    const cases: [Agent, ResolvedIntent][] = [
      [transferAgent, { action: 'transfer', amount: exact(parseEther('0.1')), token: ETH, to: bob, slippageBps: 0 }],
      [transferAgent, { action: 'transfer', amount: exact(parseUnits('5', 6)), token: USDC, to: bob, slippageBps: 0 }],
      [wrapAgent, { action: 'wrap', amount: exact(parseEther('0.1')), token: ETH, slippageBps: 0 }],
      [wrapAgent, { action: 'unwrap', amount: exact(parseEther('0.1')), token: WETH, slippageBps: 0 }],
      [uniswapV2Agent, { action: 'swap', amount: exact(parseEther('1')), token: ETH, tokenOut: USDC, slippageBps: 50 }],
      [v2ForkAgent, { action: 'swap', amount: exact(parseUnits('100', 6)), token: USDC, tokenOut: ETH, slippageBps: 50 }],
      [uniswapV2Agent, { action: 'swap', amountOut: parseUnits('100', 6), token: ETH, tokenOut: USDC, slippageBps: 50 }],
      [approveAgent, { action: 'approve', amount: exact(parseUnits('5', 6)), token: USDC, to: bob, slippageBps: 0 }],
      [capitalAgent, { action: 'stake', amount: exact(parseEther('1')), token: stETH, slippageBps: 0 }],
      [aaveAgent, { action: 'supply', amount: exact(parseUnits('100', 6)), token: USDC, slippageBps: 0 }],
    ];
    for (const [agent, intent] of cases) {
      const plan = await agent.plan(ctx, intent);
      expect({ agent: agent.id, action: intent.action, violations: await shapes([{ intent, plan }]) }).toEqual({ agent: agent.id, action: intent.action, violations: [] });
    }
  }, 60_000);

  test('behavior: a call on a known contract the action does not need, or a swap paying a plain account, is named', async () => {
    const intent: ResolvedIntent = { action: 'transfer', amount: exact(parseUnits('5', 6)), token: USDC, to: bob, slippageBps: 0 };
    const plan = await transferAgent.plan(ctx, intent);
    const extra = { to: stETH.address as Address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [bob, 0n] }), value: 0n, description: 'reset' };
    const [violation] = await shapes([{ intent, plan: { calls: [...plan.calls, extra] } }]);
    expect(violation).toMatchObject({ index: 1, to: stETH.address, call: 'approve' });
    expect(violation!.message).toMatch(/^Step 2 calls approve on 0x.{4}….{4}, which transfer does not need \(the agent says "reset"\)\.$/);

    const swap: ResolvedIntent = { action: 'swap', amount: exact(parseEther('1')), token: ETH, tokenOut: USDC, slippageBps: 50 };
    const toAccount = { to: bob, data: '0x' as const, value: parseEther('1'), description: 'swap' };
    expect((await shapes([{ intent: swap, plan: { calls: [toAccount] } }])).map((v) => v.call)).toEqual(['a plain ETH send']);
  });

  test('behavior: a supply must credit the user and approve at most the amount; a withdrawal must pay the user', async () => {
    const pool = ctx.contracts.aavePool!;
    const supply: ResolvedIntent = { action: 'supply', amount: exact(parseUnits('100', 6)), token: USDC, slippageBps: 0 };
    const call = (to: Address, data: `0x${string}`) => ({ to, data, value: 0n, description: 'lend' });
    const account = ctx.account;
    const check = (intent: ResolvedIntent, calls: ReturnType<typeof call>[]) =>
      checkCallShapes(ctx.client, { steps: [{ intent, plan: { calls } }], contracts: ctx.contracts, knownTokens: [ETH, ...(ctx.tokens ?? [])], account });
    const usdc = USDC.address as Address;
    const honest = [
      call(usdc, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [pool, parseUnits('100', 6)] })),
      call(pool, encodeFunctionData({ abi: aavePoolAbi, functionName: 'supply', args: [usdc, parseUnits('100', 6), account, 0] })),
    ];
    expect(await check(supply, honest)).toEqual([]);
    const forBob = call(pool, encodeFunctionData({ abi: aavePoolAbi, functionName: 'supply', args: [usdc, parseUnits('100', 6), bob, 0] }));
    expect((await check(supply, [honest[0]!, forBob])).map((v) => v.call)).toEqual(['supply']);
    const tooMuch = call(usdc, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [pool, parseUnits('101', 6)] }));
    expect((await check(supply, [tooMuch, honest[1]!])).map((v) => v.call)).toEqual(['approve']);

    const withdraw: ResolvedIntent = { action: 'withdraw', amount: { kind: 'all' }, token: USDC, slippageBps: 0 };
    const all = (to: Address) => call(pool, encodeFunctionData({ abi: aavePoolAbi, functionName: 'withdraw', args: [usdc, maxUint256, to] }));
    expect(await check(withdraw, [all(account)])).toEqual([]);
    expect((await check(withdraw, [all(bob)])).map((v) => v.call)).toEqual(['withdraw']);
  });
});
