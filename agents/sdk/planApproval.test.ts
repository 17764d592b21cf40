import { decodeFunctionData, erc20Abi, maxUint256, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AgentContext, TokenInfo } from '../../kernel/index.js';
import { ETH } from './tokens.js';
import { planApproval } from './planApproval.js';
import { anvilAccount, devnetContext, executePlan, startTestDevnet, type TestDevnet } from './testing.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let usdc: TokenInfo;
// A spender of this test's own: no other test's allowance to it can be standing.
const spender = anvilAccount(7).address;

const allowance = (token: TokenInfo, to: Address = spender) =>
  ctx.client.readContract({ address: token.address as Address, abi: erc20Abi, functionName: 'allowance', args: [ctx.account, to] });
const approved = (data: `0x${string}`) => decodeFunctionData({ abi: erc20Abi, data }).args as readonly [Address, bigint];

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  usdc = ctx.tokens!.find((t) => t.symbol === 'USDC')!;
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('planApproval', () => {
  test('default: with no allowance, one approve of exactly the amount to the spender, on the token', async () => {
    expect(await allowance(usdc)).toBe(0n);
    const calls = await planApproval(ctx, { token: usdc, spender, spenderName: 'the test pool', amount: parseUnits('100', 6) });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.to).toBe(usdc.address);
    expect(calls[0]!.value).toBe(0n);
    expect(calls[0]!.description).toBe('Approve the test pool to spend 100 USDC');
    expect(approved(calls[0]!.data)).toEqual([spender, parseUnits('100', 6)]);
    await executePlan(devnet.rpcUrl, { calls });
    expect(await allowance(usdc)).toBe(parseUnits('100', 6));
  });

  test('behavior: an allowance that covers the amount (equal or more) needs no call', async () => {
    expect(await planApproval(ctx, { token: usdc, spender, spenderName: 'the test pool', amount: parseUnits('100', 6) })).toEqual([]);
    expect(await planApproval(ctx, { token: usdc, spender, spenderName: 'the test pool', amount: parseUnits('99.5', 6) })).toEqual([]);
  });

  test('behavior: an allowance short of the amount is replaced by exactly the amount, not topped up, and never unlimited', async () => {
    const calls = await planApproval(ctx, { token: usdc, spender, spenderName: 'the test pool', amount: parseUnits('100', 6) + 1n });
    expect(approved(calls[0]!.data)).toEqual([spender, parseUnits('100', 6) + 1n]);
    await executePlan(devnet.rpcUrl, { calls });
    expect(await allowance(usdc)).toBe(parseUnits('100', 6) + 1n);
  });

  test('behavior: every devnet token takes a new allowance over a standing one (none needs a reset to zero first)', async () => {
    const other = anvilAccount(8).address;
    for (const token of ctx.tokens!.filter((t) => t.address !== 'ETH')) {
      await executePlan(devnet.rpcUrl, { calls: await planApproval(ctx, { token, spender: other, spenderName: 'x', amount: 1n }) });
      const calls = await planApproval(ctx, { token, spender: other, spenderName: 'x', amount: 2n });
      expect(calls, token.symbol).toHaveLength(1);
      await executePlan(devnet.rpcUrl, { calls });
      expect(await allowance(token, other), token.symbol).toBe(2n);
    }
  });

  test('behavior: unlimited only when passed (the user said so), and then said in the description', async () => {
    const calls = await planApproval(ctx, { token: usdc, spender: anvilAccount(6).address, spenderName: 'the router', amount: 5n, unlimited: true });
    expect(approved(calls[0]!.data)).toEqual([anvilAccount(6).address, maxUint256]);
    expect(calls[0]!.description).toBe('Approve the router to spend unlimited USDC');
  });

  test('behavior: ETH and a zero amount need no approval (no read, no call)', async () => {
    expect(await planApproval(ctx, { token: ETH, spender, spenderName: 'the router', amount: 10n ** 18n })).toEqual([]);
    expect(await planApproval(ctx, { token: usdc, spender: anvilAccount(6).address, spenderName: 'the router', amount: 0n })).toEqual([]);
  });
});
