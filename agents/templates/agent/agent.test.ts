import { afterAll, beforeAll, expect, test } from 'vitest';
import { erc20Abi, parseEther } from '{{sdk}}/index.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '{{sdk}}/testing.js';
import { agent } from './agent.js';

let devnet: TestDevnet;

beforeAll(async () => {
  devnet = await startTestDevnet(); // a fresh local chain with WETH, tokens and Uniswap V2 pools
});
afterAll(async () => {
  await devnet?.stop();
});

test('{{name}} wraps 1 ETH and the account receives exactly 1 WETH', async () => {
  const ctx = await devnetContext(devnet);
  const weth = ctx.contracts.weth!;
  const plan = await agent.plan(ctx, {
    action: 'wrap',
    token: { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true },
    amount: { kind: 'exact', value: parseEther('1') },
    slippageBps: 50,
  });
  const balance = () => ctx.client.readContract({ address: weth, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
  const before = await balance();
  await executePlan(devnet.rpcUrl, plan); // test-only: sends from the devnet's public test account
  expect((await balance()) - before).toBe(parseEther('1'));
});

test('{{name}} refuses to wrap anything but ETH', async () => {
  const ctx = await devnetContext(devnet);
  const usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!;
  await expect(
    agent.plan(ctx, { action: 'wrap', token: { ...usdc, verified: true }, amount: { kind: 'exact', value: 1n }, slippageBps: 50 }),
  ).rejects.toMatchObject({ code: 'NOT_WRAPPABLE' });
});
