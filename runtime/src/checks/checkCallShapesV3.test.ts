/**
 * Call shapes of Uniswap V3 swaps: the uniswap-v3 agent's own plans fit (single pool, path, ETH in and out
 * through the router's multicall), and a V3 call that pays someone else, sweeps the router, or takes a fee is
 * named.
 */
import { encodeFunctionData, parseEther, parseUnits, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { uniswapV3Agent } from '../../../agents/index.js';
import { anvilAccount, devnetContext } from '../../../agents/sdk/testing.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import { SwapRouter } from '../../../registry-contracts/index.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { checkCallShapes } from './checkCallShapes.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let USDC: TokenInfo;
let DAI: TokenInfo;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const attacker = anvilAccount(1).address;

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  const token = (symbol: string): TokenInfo => ({ ...devnet.deployment.tokens.find((t) => t.symbol === symbol)!, verified: true });
  USDC = token('USDC');
  DAI = token('DAI');
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

const exact = (value: bigint) => ({ kind: 'exact' as const, value });
type Call = { to: Address; data: Hex; value: bigint; description: string };
const shapes = (intent: ResolvedIntent, calls: Call[]) =>
  checkCallShapes(ctx.client, { steps: [{ intent, plan: { calls } }], contracts: ctx.contracts, knownTokens: [ETH, ...(ctx.tokens ?? [])], account: ctx.account });
const router = () => ctx.contracts.uniswapV3Router!;
const routerCall = (data: Hex, value = 0n): Call => ({ to: router(), data, value, description: 'Swap on Uniswap V3' });
const single = (recipient: Address, amountOutMinimum: bigint) =>
  encodeFunctionData({
    abi: SwapRouter.abi,
    functionName: 'exactInputSingle',
    args: [{ tokenIn: ctx.contracts.weth!, tokenOut: USDC.address as Address, fee: 500, recipient, deadline: ctx.now + 600n, amountIn: parseEther('1'), amountOutMinimum, sqrtPriceLimitX96: 0n }],
  });

describe('checkCallShapes, Uniswap V3', () => {
  test('default: the uniswap-v3 agent’s plans fit the swap shape', async () => {
    const intents: ResolvedIntent[] = [
      { action: 'swap', amount: exact(parseEther('1')), token: ETH, tokenOut: USDC, slippageBps: 50 },
      { action: 'swap', amount: exact(parseUnits('300', 6)), token: USDC, tokenOut: ETH, slippageBps: 50 },
      { action: 'swap', amountOut: parseUnits('100', 6), token: ETH, tokenOut: USDC, slippageBps: 50 },
      { action: 'swap', amountOut: parseEther('0.1'), token: USDC, tokenOut: ETH, slippageBps: 50 },
      { action: 'swap', amount: exact(parseUnits('100', 6)), token: USDC, tokenOut: DAI, slippageBps: 50 },
    ];
    for (const intent of intents) {
      const plan = await uniswapV3Agent.plan(ctx, intent);
      expect({ summary: plan.summary, violations: await shapes(intent, plan.calls) }).toEqual({ summary: plan.summary, violations: [] });
    }
  }, 60_000);

  test('behavior: a V3 swap paying another account, a multicall that sweeps the router or unwraps elsewhere, and a fee-taking unwrap are named', async () => {
    const swap: ResolvedIntent = { action: 'swap', amount: exact(parseEther('1')), token: ETH, tokenOut: USDC, slippageBps: 50 };
    const elsewhere = await shapes(swap, [routerCall(single(attacker, 1n), parseEther('1'))]);
    expect(elsewhere.map((v) => v.call)).toEqual(['exactInputSingle']);
    expect(elsewhere[0]!.message).toMatch(/which swap does not need/);

    const sweep = encodeFunctionData({
      abi: SwapRouter.abi,
      functionName: 'multicall',
      args: [[single(router(), 1n), encodeFunctionData({ abi: SwapRouter.abi, functionName: 'sweepToken', args: [USDC.address as Address, 0n, attacker] })]],
    });
    expect((await shapes(swap, [routerCall(sweep, parseEther('1'))])).map((v) => v.call)).toEqual(['multicall']);

    const sell: ResolvedIntent = { action: 'swap', amount: exact(parseUnits('300', 6)), token: USDC, tokenOut: ETH, slippageBps: 50 };
    const honest = await uniswapV3Agent.plan(ctx, sell);
    const unwrapTo = (recipient: Address) =>
      encodeFunctionData({ abi: SwapRouter.abi, functionName: 'unwrapWETH9', args: [0n, recipient] });
    const inner = (fn: Hex) =>
      encodeFunctionData({
        abi: SwapRouter.abi,
        functionName: 'multicall',
        args: [[encodeFunctionData({ abi: SwapRouter.abi, functionName: 'exactInputSingle', args: [{ tokenIn: USDC.address as Address, tokenOut: ctx.contracts.weth!, fee: 500, recipient: router(), deadline: ctx.now + 600n, amountIn: parseUnits('300', 6), amountOutMinimum: 0n, sqrtPriceLimitX96: 0n }] }), fn]],
      });
    const approve = honest.calls.slice(0, -1);
    expect((await shapes(sell, [...approve, routerCall(inner(unwrapTo(ctx.account)))])).length).toBe(0);
    expect((await shapes(sell, [...approve, routerCall(inner(unwrapTo(attacker)))])).map((v) => v.call)).toEqual(['multicall']);
    const withFee = encodeFunctionData({ abi: SwapRouter.abi, functionName: 'unwrapWETH9WithFee', args: [0n, ctx.account, 100n, attacker] });
    expect((await shapes(sell, [...approve, routerCall(inner(withFee))])).map((v) => v.call)).toEqual(['multicall']);
  }, 60_000);
});
