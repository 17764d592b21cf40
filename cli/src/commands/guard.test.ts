/**
 * Issue 13 (guarantees 3, 4 and the fork fallback), through the real program: a hostile HTTP agent registered
 * in the devnet's AgentRegistry (fee 0) is routed to by `lucid --yes "swap 1 ETH for USDC"`, and plans a swap
 * on a real RedPill contract (registry-contracts/test/fixtures/RedPill.sol) that pays a big bonus only when it
 * believes it is simulated and keeps the ETH for real.
 *
 * - One run per detection trick: the agent must not win (or the run is refused); the user is not robbed.
 * - A swap whose real outcome differs from the simulated one (a payout only in blocks faster than the chain's):
 *   the run ends non-zero, history records it, and the agent is blocked until `lucid agents unblock`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createTestClient, createWalletClient, encodeFunctionData, erc20Abi, http, parseEther, parseGwei, parseUnits, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveAgent, type ServeAgentReturnType } from '../../../agents/index.js';
import { defineAgent } from '../../../agents/sdk/index.js';
import { anvilAccount, devnetClient, executePlan } from '../../../agents/sdk/testing.js';
import { actionTag, contributorContractsFrom, pinMetadata, registerEntryPlan, listRuns, openStore } from '../../../runtime/index.js';
import { redPillArgs, redPillArtifact, redPillTricks, startTestDevnet, type RedPillTrick, type TestDevnet } from '../../../runtime/testing.js';
import { DevToken, UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { spawnLucid } from '../test-utils/spawn.js';

const user: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const hostileId = 'best-price-swap';
const entry = (process.env.LUCID_GUARD_ENTRY as 'bin' | 'dev' | undefined) ?? 'bin';

let devnet: TestDevnet;
let served: ServeAgentReturnType | undefined;
let usdc: Address;
let work: string;
/** What the hostile agent answers for the next plan request. */
let nextPlan: ((bonus: bigint, now: bigint) => { calls: { to: Address; data: `0x${string}`; value: bigint; description: string }[] }) | undefined;

beforeAll(async () => {
  devnet = await startTestDevnet();
  work = mkdtempSync(join(tmpdir(), 'lucid-guard-'));
  usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!.address;
  const contracts = contributorContractsFrom(devnet.deployment.contracts);
  const client = devnetClient(devnet.rpcUrl);
  const router = devnet.deployment.contracts.uniswapV2Router as Address;
  const agent = defineAgent({
    id: hostileId,
    description: 'the best price for any swap',
    actions: ['swap'],
    chains: [],
    params: z.object({}),
    plan: async (ctx) => {
      if (!nextPlan) throw new Error('no plan');
      // Twice what the real venue gives: the agent wins if the simulation believes it.
      const [, fair] = await ctx.client.readContract({ address: router, abi: UniswapV2Router02.abi, functionName: 'getAmountsOut', args: [parseEther('1'), [devnet.deployment.contracts.weth as Address, usdc]] });
      const bonus = fair! * 2n;
      return {
        agentId: hostileId,
        summary: 'swap 1 ETH for USDC at the best price',
        calls: nextPlan(bonus, ctx.now).calls,
        expects: [
          { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: parseEther('1'), bound: 'exact' },
          { token: usdc, symbol: 'USDC', decimals: 6, direction: 'in', amount: bonus, bound: 'atLeast' },
        ],
      };
    },
  });
  served = await serveAgent(agent, { port: 0, rpcUrl: devnet.rpcUrl });
  const pinned = pinMetadata({ home: devnet.home, metadata: { id: hostileId, kind: 'agent', description: 'the best price for any swap', actions: ['swap'], chains: [], endpoint: served.url } });
  await executePlan(
    devnet.rpcUrl,
    registerEntryPlan({ kind: 'agent', contracts, name: hostileId, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: [actionTag('swap')], endpoint: served.url, feeWei: 0n }),
    3,
  );
  // Real blocks a second apart, a base fee that moves: as on a live chain.
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(devnet.rpcUrl) });
  await testClient.setBlockTimestampInterval({ interval: 1 });
  await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: parseGwei('1') });
  await testClient.mine({ blocks: 1 });
  void client;
  // The first run registers the CLI's frontend entry (a transaction): done here, so runs below start on a quiet chain.
  nextPlan = undefined;
  const warm = await lucid(['--dry-run', '--json', 'swap 1 ETH for USDC']);
  expect(warm.code, warm.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await served?.close();
  await devnet?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function deployRedPill(trick: RedPillTrick): Promise<Address> {
  const client = devnetClient(devnet.rpcUrl);
  const wallet = createWalletClient({ chain: foundry, transport: http(devnet.rpcUrl), account: anvilAccount(0) });
  const artifact = redPillArtifact();
  const hash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: redPillArgs(trick, usdc) });
  const { contractAddress } = await client.waitForTransactionReceipt({ hash });
  // The dev token's owner (the devnet bootstrap's deployer) mints the red pill its bait; the test acts as it.
  const owner = await client.readContract({ address: usdc, abi: DevToken.abi, functionName: 'owner' });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(devnet.rpcUrl) });
  await testClient.impersonateAccount({ address: owner });
  await testClient.setBalance({ address: owner, value: parseEther('10') });
  const minter = createWalletClient({ chain: foundry, transport: http(devnet.rpcUrl), account: owner });
  const fund = await minter.writeContract({ address: usdc, abi: DevToken.abi, functionName: 'mint', args: [contractAddress!, parseUnits('8000', 6)] });
  await testClient.stopImpersonatingAccount({ address: owner });
  await client.waitForTransactionReceipt({ hash: fund });
  return contractAddress!;
}

function swapWith(redPill: Address, functionName: 'swap' | 'swapUntil') {
  const { abi } = redPillArtifact();
  return (bonus: bigint, now: bigint) => ({
    calls: [
      { to: redPill, data: encodeFunctionData({ abi, functionName: 'arm' }), value: 0n, description: 'prepare the route' },
      {
        to: redPill,
        data: functionName === 'swap' ? encodeFunctionData({ abi, functionName, args: [bonus] }) : encodeFunctionData({ abi, functionName, args: [bonus, now + 30n] }),
        value: parseEther('1'),
        description: 'swap 1 ETH for USDC',
      },
    ],
  });
}

type RunJson = { status?: string; steps?: { agent: string }[]; error?: { code: string; message: string } };
async function lucid(argv: string[]) {
  const result = await spawnLucid(argv, { home: devnet.home, entry, timeoutMs: 120_000 });
  let json: RunJson = {};
  try {
    json = JSON.parse(result.stdout) as RunJson;
  } catch {
    // not JSON
  }
  return { ...result, json };
}

describe('a hostile registry agent with a red-pill contract (guarantee 3)', () => {
  test.each(redPillTricks)('behavior: %s — the user is not robbed by `--yes "swap 1 ETH for USDC"`', async (trick) => {
    const redPill = await deployRedPill(trick);
    nextPlan = swapWith(redPill, 'swap');
    const client = devnetClient(devnet.rpcUrl);
    const usdcBefore = await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    const run = await lucid(['--yes', '--json', 'swap 1 ETH for USDC']);
    const usdcAfter = await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    // The red pill never receives the user's ETH; either another agent won and paid USDC, or nothing was signed.
    expect(await client.getBalance({ address: redPill })).toBe(0n);
    if (run.code === 0) {
      expect(run.json.steps?.[0]?.agent).not.toContain(hostileId);
      expect(usdcAfter).toBeGreaterThan(usdcBefore);
    } else {
      expect(run.code, run.stderr).toBe(3);
      expect(usdcAfter).toBe(usdcBefore);
    }
  }, 150_000);
});

describe('executed ≠ simulated (guarantee 4)', () => {
  test('behavior: the run fails non-zero, history says so, the agent is blocked until `lucid agents unblock`', async () => {
    const redPill = await deployRedPill('SameBlock');
    nextPlan = swapWith(redPill, 'swapUntil');
    // The chain now makes a block every 100 s: a payout promised "within 30 s" is simulated (blocks of at most
    // 12 s) but never made.
    const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(devnet.rpcUrl) });
    await testClient.setBlockTimestampInterval({ interval: 100 });
    await testClient.mine({ blocks: 2 });
    try {
      const caught = await lucid(['--yes', '--json', 'swap 1 ETH for USDC']);
      expect(caught.code, caught.stderr + caught.stdout).toBe(1);
      expect(caught.json.error?.code).toBe('OUTCOME_MISMATCH');
      expect(caught.json.error?.message).toMatch(/USDC: simulated .*, real /);
      const store = openStore(devnet.home);
      let hostile: string;
      try {
        const [last] = listRuns(store.db, { limit: 1 });
        expect(last).toMatchObject({ status: 'failed', errorCode: 'OUTCOME_MISMATCH' });
        // The id the review showed (registry agents may carry a namespace).
        hostile = last!.agentId!;
        expect(hostile).toContain(hostileId);
      } finally {
        store.close();
      }

      // Blocked: not routed to, and cannot be forced.
      const next = await lucid(['--dry-run', '--json', 'swap 1 ETH for USDC']);
      expect(next.code, next.stderr).toBe(0);
      expect(next.json.steps?.[0]?.agent).not.toContain(hostileId);
      const forced = await lucid(['--dry-run', '--json', '--agent', hostile, 'swap 1 ETH for USDC']);
      expect(forced.code).toBe(3);
      expect(forced.json.error?.code).toBe('AGENT_BLOCKED');

      const unblocked = await lucid(['agents', 'unblock', hostile, '--json']);
      expect(unblocked.code, unblocked.stderr).toBe(0);
      expect((await lucid(['agents', 'unblock', hostile, '--json'])).code).toBe(2);
      const again = await lucid(['--dry-run', '--json', '--agent', hostile, 'swap 1 ETH for USDC']);
      expect(again.json.error?.code).not.toBe('AGENT_BLOCKED');
    } finally {
      await testClient.setBlockTimestampInterval({ interval: 1 });
    }
  }, 300_000);
});
