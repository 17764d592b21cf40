import { erc20Abi, parseEther } from 'lucid/sdk';
import { after, assert, before, devnetContext, executePlan, startTestDevnet, test, type TestDevnet } from 'lucid/sdk/testing';
import { agent } from './agent.js';

// Run with `lucid agent test .` (Node's test runner; nothing to install besides Lucid).
let devnet: TestDevnet;

before(async () => {
  devnet = await startTestDevnet(); // a fresh local chain with WETH, tokens and Uniswap V2 pools
});
after(async () => {
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
  const start = await balance();
  await executePlan(devnet.rpcUrl, plan); // test-only: sends from the devnet's public test account
  assert.equal((await balance()) - start, parseEther('1'));
});

test('{{name}} refuses to wrap anything but ETH', async () => {
  const ctx = await devnetContext(devnet);
  const usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!;
  await assert.rejects(
    agent.plan(ctx, { action: 'wrap', token: { ...usdc, verified: true }, amount: { kind: 'exact', value: 1n }, slippageBps: 50 }),
    { code: 'NOT_WRAPPABLE' },
  );
});
