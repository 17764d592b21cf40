import { encodeFunctionData, erc20Abi, parseEther, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatUnitsHuman, type ExpectedEffect, type PlanCall, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { simulatePlan } from '../simulate/simulatePlan.js';
import { bob, startTestChain, user, type TestChain } from '../simulate/test-utils/devnet.js';
import { checkAgentPromises, expectationsRefusal } from './checkAgentPromises.js';
import { checkIntentEffects, unexplainedRefusal } from './checkIntentEffects.js';

let chain: TestChain;
let USDC: TokenInfo;
let DAI: TokenInfo;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const deadline = 2n ** 40n;

beforeAll(async () => {
  chain = await startTestChain();
  USDC = { address: chain.tokens.USDC, symbol: 'USDC', decimals: 6, verified: true };
  DAI = { address: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: true };
});
afterAll(async () => {
  await chain?.stop();
});

const simulate = (calls: PlanCall[]) =>
  simulatePlan(chain.client, { account: user, calls, tokens: [USDC, DAI, { address: chain.tokens.WETH, symbol: 'WETH', decimals: 18, verified: true }] });

const buyUsdc = (ethIn: bigint, to: Address = user): PlanCall => ({
  to: chain.contracts.uniswapV2Router,
  data: encodeFunctionData({
    abi: UniswapV2Router02.abi,
    functionName: 'swapExactETHForTokens',
    args: [0n, [chain.tokens.WETH, chain.tokens.USDC], to, deadline],
  }),
  value: ethIn,
  description: 'swap ETH for USDC',
});
const sendToken = (token: Address, to: Address, amount: bigint): PlanCall => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
  value: 0n,
  description: 'transfer',
});
const approve = (token: Address, spender: Address, amount: bigint): PlanCall => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
  value: 0n,
  description: 'approve',
});
const swapIntent = (amount: bigint): ResolvedIntent => ({ action: 'swap', amount: { kind: 'exact', value: amount }, token: ETH, tokenOut: USDC, slippageBps: 50 });

describe('checkAgentPromises', () => {
  test('default: promises that hold give no violation', async () => {
    const report = await simulate([buyUsdc(parseEther('1'))]);
    const expects: ExpectedEffect[] = [
      { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: parseEther('1'), bound: 'exact' },
      { token: chain.tokens.USDC, symbol: 'USDC', decimals: 6, direction: 'in', amount: parseUnits('2900', 6), bound: 'atLeast' },
    ];
    expect(checkAgentPromises(report, expects, user)).toEqual([]);
  });

  test('behavior: a violation shows the promise and the simulated amount in human units', async () => {
    const report = await simulate([buyUsdc(parseEther('1'))]);
    const received = report.balanceChanges.find((c) => c.address === user && c.token === chain.tokens.USDC)!.diff;
    const violations = checkAgentPromises(
      report,
      [{ token: chain.tokens.USDC, symbol: 'USDC', decimals: 6, direction: 'in', amount: parseUnits('3000', 6), bound: 'atLeast' }],
      user,
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]!.actual).toBe(received);
    expect(violations[0]!.message).toBe(
      `The agent said you receive ≥ 3,000 USDC; the simulation says ${formatUnitsHuman(received, 6)} USDC.`,
    );
    expect(violations[0]!.message).toMatch(/simulation says 2,9\d\d\.\d+ USDC/);
    expect(expectationsRefusal(violations)).toMatchObject({ code: 'EXPECTATION_VIOLATED', exitCode: 3 });
  });

  test('behavior: spending more than promised is a violation', async () => {
    const report = await simulate([buyUsdc(parseEther('1.5'))]);
    const [violation] = checkAgentPromises(
      report,
      [{ token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: parseEther('1'), bound: 'atMost' }],
      user,
    );
    expect(violation?.message).toBe('The agent said you send ≤ 1 ETH; the simulation says 1.5 ETH.');
  });
});

describe('checkIntentEffects', () => {
  test('default: "swap 1 ETH for USDC" explains −1 ETH, +USDC and gas', async () => {
    const report = await simulate([buyUsdc(parseEther('1'))]);
    expect(checkIntentEffects(report, [swapIntent(parseEther('1'))], user)).toEqual({ ok: true, unexplained: [] });
  });

  test('behavior: an exact approval used up by the plan is explained', async () => {
    const amount = parseUnits('100', 6);
    const report = await simulate([
      approve(chain.tokens.USDC, chain.contracts.uniswapV2Router, amount),
      {
        to: chain.contracts.uniswapV2Router,
        data: encodeFunctionData({
          abi: UniswapV2Router02.abi,
          functionName: 'swapExactTokensForETH',
          args: [amount, 0n, [chain.tokens.USDC, chain.tokens.WETH], user, deadline],
        }),
        value: 0n,
        description: 'swap',
      },
    ]);
    const intent: ResolvedIntent = { action: 'swap', amount: { kind: 'exact', value: amount }, token: USDC, tokenOut: ETH, slippageBps: 50 };
    expect(checkIntentEffects(report, [intent], user).unexplained).toEqual([]);
  });

  test('behavior: a plan that also sends a token the intent never mentioned is unexplained', async () => {
    const report = await simulate([
      { to: bob, data: '0x', value: parseEther('1'), description: 'send 1 ETH' },
      sendToken(chain.tokens.DAI, bob, parseUnits('500', 18)),
    ]);
    const intent: ResolvedIntent = { action: 'transfer', amount: { kind: 'exact', value: parseEther('1') }, token: ETH, to: bob, toLabel: 'bob', slippageBps: 0 };
    const result = checkIntentEffects(report, [intent], user);
    expect(result.ok).toBe(false);
    expect(result.unexplained).toEqual([
      expect.objectContaining({
        kind: 'unexpected-decrease',
        token: chain.tokens.DAI,
        message: 'You asked: "send 1 ETH to bob" does not send any DAI. The simulation: you send 500 DAI.',
      }),
    ]);
    const refusal = unexplainedRefusal(result);
    expect(refusal.code).toBe('UNEXPLAINED_EFFECT');
    expect(refusal.details).toContain('you send 500 DAI');
  });

  test('behavior: spending more of a token than the intent says is unexplained', async () => {
    const report = await simulate([buyUsdc(parseEther('2'))]);
    const [item] = checkIntentEffects(report, [swapIntent(parseEther('1'))], user).unexplained;
    expect(item).toMatchObject({ kind: 'decrease-exceeds-intent', intentSays: '"swap 1 ETH for USDC" sends at most 1 ETH', simulationShows: 'you send 2 ETH' });
  });

  test('behavior: an approval left standing that the intent did not ask for is unexplained', async () => {
    const report = await simulate([buyUsdc(parseEther('1')), approve(chain.tokens.USDC, bob, parseUnits('1', 6))]);
    const { unexplained } = checkIntentEffects(report, [swapIntent(parseEther('1'))], user);
    expect(unexplained.map((item) => item.kind)).toEqual(['approval-not-asked']);
    expect(unexplained[0]!.simulationShows).toBe(`${bob} may spend 1 USDC of yours after the plan`);
  });

  test('behavior: an approval the intent asked for is explained, a larger one is not', async () => {
    const report = await simulate([approve(chain.tokens.USDC, bob, parseUnits('10', 6))]);
    const asked = (value: bigint): ResolvedIntent => ({ action: 'approve', amount: { kind: 'exact', value }, token: USDC, to: bob, slippageBps: 0 });
    expect(checkIntentEffects(report, [asked(parseUnits('10', 6))], user).ok).toBe(true);
    expect(checkIntentEffects(report, [asked(parseUnits('5', 6))], user).unexplained[0]?.kind).toBe('approval-exceeds-intent');
  });

  test('behavior: a swap whose output goes to another address is unexplained', async () => {
    const report = await simulate([buyUsdc(parseEther('1'), bob)]);
    const [item] = checkIntentEffects(report, [swapIntent(parseEther('1'))], user).unexplained;
    expect(item?.kind).toBe('swap-output-elsewhere');
    expect(item?.simulationShows).toMatch(new RegExp(`^you receive 0 USDC; ${bob} receives 2,9\\d\\d`));
  });
});
