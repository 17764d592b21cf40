import { parseEther, parseUnits } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devnetContext, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import type { AgentContext } from '../../kernel/index.js';
import { balanceAgent } from './agent.js';

let devnet: TestDevnet;
let ctx: AgentContext;

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
});
afterAll(async () => {
  await devnet?.stop();
});

describe('balance on the devnet', () => {
  test('default: ETH and every known token, with no calls, priced in USD at the pools’ mid price', async () => {
    const plan = await balanceAgent.plan(ctx, { action: 'balance', slippageBps: 50 });
    expect(plan.calls).toEqual([]);
    const lines = plan.readOnly!.balances;
    expect(lines.map((line) => line.symbol)).toEqual(['ETH', ...devnet.deployment.tokens.map((t) => t.symbol)]);
    const line = (symbol: string) => lines.find((l) => l.symbol === symbol)!;
    expect(line('ETH').balance).toBe(await ctx.client.getBalance({ address: ctx.account }));
    expect(line('USDC')).toMatchObject({ balance: parseUnits('10000', 6), usd: 10_000 });
    expect(line('DAI').balance).toBe(parseEther('10000'));
    // The uniswap-v2 ETH/USDC pool prices ETH at 3000 USDC; DAI/USDC at 1.
    expect(line('ETH').usd! / Number(line('ETH').balance / 10n ** 18n)).toBeCloseTo(3000, 0);
    expect(line('DAI').usd).toBeCloseTo(10_000, 0);
    // stETH has no USDC pool: priced through WETH (1 stETH = 1 ETH in the pool).
    expect(line('stETH').usd).toBeCloseTo(50 * 3000, -1);
    expect(plan.summary).toMatch(/about \$/);
  });

  test('one token when asked; usd absent when no pool prices it', async () => {
    const usdc = { ...devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!, verified: true };
    const one = await balanceAgent.plan(ctx, { action: 'balance', token: usdc, slippageBps: 50 });
    expect(one.readOnly!.balances).toHaveLength(1);
    const noPools = await balanceAgent.plan({ ...ctx, contracts: { weth: ctx.contracts.weth! } }, { action: 'balance', slippageBps: 50 });
    expect(noPools.readOnly!.balances.find((l) => l.symbol === 'DAI')!.usd).toBeUndefined();
  });
});
