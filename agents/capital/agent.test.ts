import { existsSync, readFileSync } from 'node:fs';
import { createTestClient, createWalletClient, erc20Abi, http, parseEther, type Abi, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as artifacts from '../../registry-contracts/artifacts.js';
import { devnetChain } from '../../runtime/testing.js';
import { anvilAccount, devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../kernel/index.js';
import { capitalAgent } from './agent.js';

/**
 * The CapitalPool bytecode: the generated artifact, else forge's output in the repo, else a forge output
 * file named by CAPITAL_POOL_ARTIFACT (before `npm run build:contracts` has exported it). Absent: skipped.
 */
function capitalPoolArtifact(): { abi: Abi; bytecode: Hex } | undefined {
  const generated = (artifacts as Record<string, unknown>).CapitalPool as { abi: Abi; bytecode: Hex } | undefined;
  if (generated) return generated;
  const file = [new URL('../../registry-contracts/out/CapitalPool.sol/CapitalPool.json', import.meta.url).pathname, process.env.CAPITAL_POOL_ARTIFACT].find(
    (path) => path && existsSync(path),
  );
  if (!file) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: json.abi, bytecode: json.bytecode.object };
}

const artifact = capitalPoolArtifact();
let devnet: TestDevnet;
let ctx: AgentContext;
let steth: TokenInfo;
let reward: Address;
const intent = (action: 'stake' | 'unstake' | 'claim', amount?: ResolvedIntent['amount']): ResolvedIntent => ({
  action,
  ...(action === 'claim' ? {} : { token: steth, amount }),
  slippageBps: 50,
});
const balanceOf = (token: Address) => ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  steth = { ...devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!, verified: true };
  if (!artifact) return;
  // A pool of our own, owned by the test account, so the test can fund its rewards.
  const owner = anvilAccount(0);
  const wallet = createWalletClient({ account: owner, chain: devnetChain, transport: http(devnet.rpcUrl) });
  const deploy = async (abi: Abi, bytecode: Hex, args: unknown[]) => {
    const hash = await wallet.deployContract({ abi, bytecode, args });
    return (await ctx.client.waitForTransactionReceipt({ hash })).contractAddress!;
  };
  reward = await deploy(artifacts.DevToken.abi, artifacts.DevToken.bytecode, ['Lucid', 'LUCID', 18, owner.address]);
  // the test account is also the distributor, so it may notify rewards itself
  const pool = await deploy(artifact.abi, artifact.bytecode, [owner.address, steth.address, reward, owner.address, owner.address, 86_400n]);
  ctx = { ...ctx, contracts: { ...ctx.contracts, capitalPool: pool }, tokens: [...(ctx.tokens ?? []), { address: reward, symbol: 'LUCID', decimals: 18, verified: true }] };
});
afterAll(async () => {
  await devnet?.stop();
});

describe('capital', () => {
  test('supports: only where the deployment has a capital pool', () => {
    expect(capitalAgent.supports?.({ ...ctx, contracts: { weth: ctx.contracts.weth! } })).toBe(false);
  });

  test.runIf(artifact)('default: stake 10 stETH approves exactly 10 and moves them into the pool', async () => {
    const plan = await capitalAgent.plan(ctx, intent('stake', { kind: 'exact', value: parseEther('10') }));
    expect(plan.calls.map((call) => call.description)).toEqual(['Approve the capital pool to spend 10 stETH', 'Stake 10 stETH in the capital pool']);
    const before = await balanceOf(steth.address as Address);
    await executePlan(devnet.rpcUrl, plan);
    expect(before - (await balanceOf(steth.address as Address))).toBe(parseEther('10'));
    const pool = ctx.contracts.capitalPool!;
    // The exact approval is used up: nothing is left standing.
    expect(await ctx.client.readContract({ address: steth.address as Address, abi: erc20Abi, functionName: 'allowance', args: [ctx.account, pool] })).toBe(0n);
  });

  test.runIf(artifact)('claim: after a reward streams for a day, claim receives at least what was earned', async () => {
    const pool = ctx.contracts.capitalPool!;
    const owner = anvilAccount(0);
    const wallet = createWalletClient({ account: owner, chain: devnetChain, transport: http(devnet.rpcUrl) });
    const mint = await wallet.writeContract({ address: reward, abi: artifacts.DevToken.abi, functionName: 'mint', args: [pool, parseEther('100')] });
    await ctx.client.waitForTransactionReceipt({ hash: mint });
    const notify = await wallet.writeContract({ address: pool, abi: artifact!.abi, functionName: 'notifyRewardAmount', args: [parseEther('100')] });
    await ctx.client.waitForTransactionReceipt({ hash: notify });
    const testClient = createTestClient({ mode: 'anvil', transport: http(devnet.rpcUrl) });
    await testClient.increaseTime({ seconds: 86_400 });
    await testClient.mine({ blocks: 1 });

    const plan = await capitalAgent.plan(ctx, intent('claim'));
    const promised = plan.expects[0]!;
    expect(promised).toMatchObject({ token: reward, symbol: 'LUCID', direction: 'in', bound: 'atLeast' });
    expect(promised.amount > parseEther('99')).toBe(true);
    const before = await balanceOf(reward);
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(reward)) - before >= promised.amount).toBe(true);
  });

  test.runIf(artifact)('unstake "all" withdraws the whole stake, and more than staked is refused', async () => {
    ctx = { ...ctx, now: (await ctx.client.getBlock()).timestamp }; // plans are built against the latest block
    await expect(capitalAgent.plan(ctx, intent('unstake', { kind: 'exact', value: parseEther('11') }))).rejects.toMatchObject({ code: 'INSUFFICIENT_STAKE' });
    const plan = await capitalAgent.plan(ctx, intent('unstake', { kind: 'all' }));
    expect(plan.expects[0]).toMatchObject({ direction: 'in', amount: parseEther('10'), bound: 'exact' });
    const before = await balanceOf(steth.address as Address);
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(steth.address as Address)) - before).toBe(parseEther('10'));
    await expect(capitalAgent.plan(ctx, intent('unstake', { kind: 'all' }))).rejects.toMatchObject({ code: 'NOTHING_STAKED' });
  });

  test.runIf(artifact)('lock: stake 2 stETH locked 180 days shows the multiplier and unlock date, and the pool holds it locked', async () => {
    ctx = { ...ctx, now: (await ctx.client.getBlock()).timestamp };
    const plan = await capitalAgent.plan(ctx, { ...intent('stake', { kind: 'exact', value: parseEther('2') }), lockSeconds: 180 * 86_400 });
    const block = await ctx.client.getBlock();
    const unlock = new Date(Number(ctx.now + 180n * 86_400n) * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect(plan.summary).toBe(`Stake 2 stETH in the Lucid capital pool, locked until ${unlock} UTC, reward multiplier 1.49x`);
    expect(plan.calls.at(-1)!.description).toContain('reward multiplier 1.49x');
    await executePlan(devnet.rpcUrl, plan);
    const pool = ctx.contracts.capitalPool!;
    const [staked, weight, multiplier, lockEnd] = (await ctx.client.readContract({ address: pool, abi: artifact!.abi, functionName: 'positionOf', args: [ctx.account] })) as readonly bigint[];
    expect(staked).toBe(parseEther('2'));
    expect(multiplier).toBe(14_931n);
    expect(weight).toBe((parseEther('2') * 14_931n) / 10_000n);
    expect(lockEnd! >= block.timestamp + 180n * 86_400n).toBe(true);
    await expect(capitalAgent.plan(ctx, intent('unstake', { kind: 'all' }))).rejects.toMatchObject({ code: 'STAKE_LOCKED' });
  });

  test.runIf(artifact)('errors: WRONG_STAKE_TOKEN for anything but the pool’s stake token', async () => {
    const usdc = { ...devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!, verified: true };
    await expect(capitalAgent.plan(ctx, { ...intent('stake', { kind: 'exact', value: 1n }), token: usdc })).rejects.toMatchObject({
      code: 'WRONG_STAKE_TOKEN',
    });
  });
});
