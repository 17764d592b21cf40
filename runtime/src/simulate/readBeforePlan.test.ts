/**
 * The read before the plan, on the devnet: plans asking together get one read of their union, and each gets
 * exactly the values it would have read alone, in its own order; a plan whose tokens break the union read does not
 * take the others down with it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFunctionData, erc20Abi, zeroAddress, type Address, type PublicClient } from 'viem';
import { createClients } from '../chain/clients.js';
import { observeLoopbackRequests } from '../chain/loopbackHttp.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import type { Observation } from './engine.js';
import { readBeforePlan } from './readBeforePlan.js';

let devnet: TestDevnet;
let client: PublicClient;

beforeAll(async () => {
  devnet = await startTestDevnet();
  client = createClients({ rpcUrl: devnet.rpcUrl, batch: true }).publicClient as unknown as PublicClient;
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

const token = (symbol: string) => devnet.deployment.tokens.find((t) => t.symbol === symbol)!.address as Address;

/** The lens calls (balances 0xf0002ea9, allowances 0x84bfc3a9) and other eth_calls sent while `run` runs. */
async function watchCalls<value>(run: () => Promise<value>): Promise<{ value: value; lens: number; views: number; roundTrips: number }> {
  let lens = 0;
  let views = 0;
  let roundTrips = 0;
  const stop = observeLoopbackRequests((body) => {
    roundTrips++;
    const parsed = JSON.parse(body) as { method: string; params: [{ data?: string }] } | { method: string; params: [{ data?: string }] }[];
    for (const request of Array.isArray(parsed) ? parsed : [parsed]) {
      if (request.method !== 'eth_call') continue;
      const data = request.params[0].data ?? '';
      if (data.startsWith('0xf0002ea9') || data.startsWith('0x84bfc3a9')) lens++;
      else views++;
    }
  });
  try {
    return { value: await run(), lens, views, roundTrips };
  } finally {
    stop();
  }
}

describe('readBeforePlan', () => {
  test('behavior: plans asking together share one read of their union, and each gets what it reads alone, in its order', async () => {
    const { deployer, account, contracts } = devnet.deployment;
    const [usdc, dai, weth] = [token('USDC'), token('DAI'), token('WETH')];
    const router = contracts.uniswapV2Router as Address;
    const fork = contracts.forkV2Router as Address;
    const balanceView = (owner: Address) => ({ to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [owner] }) });
    const reverting = { to: usdc, data: '0xdeadbeef' as const };
    const observations: Observation[] = [
      { tokens: [zeroAddress, usdc, dai], parties: [account, router, deployer], allowances: [{ token: usdc, owner: deployer, spender: router }], views: [balanceView(deployer), reverting] },
      // Another order, a party and a token the first lacks, another allowance, one view shared.
      { tokens: [dai, weth, zeroAddress], parties: [fork, account], allowances: [{ token: dai, owner: deployer, spender: fork }, { token: usdc, owner: account, spender: router }], views: [balanceView(deployer)] },
      { tokens: [usdc], parties: [deployer], allowances: [], views: [] },
    ];
    const block = await client.getBlockNumber();
    const alone = [];
    for (const observation of observations) alone.push(await readBeforePlan(client, { blockNumber: block, observation }));
    const together = await watchCalls(() => Promise.all(observations.map((observation) => readBeforePlan(client, { blockNumber: block, observation }))));
    expect(together.value).toEqual(alone);
    // One balances call and one allowances call for all three, the shared view asked once, all in one round trip.
    expect(together.lens).toBe(2);
    expect(together.views).toBe(2);
    expect(together.roundTrips).toBe(1);
    // The values are the chain's, not zeros: the deployer holds USDC and approved the router without limit.
    const first = together.value[0]!;
    expect(first.balances[1 * 3 + 2]).toBe(await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [deployer], blockNumber: block }));
    expect(first.balances[1 * 3 + 2]).toBeGreaterThan(0n);
    expect(first.allowances[0]).toBe(2n ** 256n - 1n);
    expect(first.views?.[1]).toBeUndefined();
    expect(together.value[1]!.balances).toHaveLength(3 * 2);
  }, 60_000);

  test('attack: a token that burns the lens\'s gas in one plan\'s set costs the others a round trip, never their reads', async () => {
    const { account, deployer } = devnet.deployment;
    // Code that loops until its gas is gone: every balanceOf of it burns what the lens forwards.
    const burner = '0x00000000000000000000000000000000b0b0b0b0' as Address;
    await client.request({ method: 'anvil_setCode', params: [burner, '0x5b600056'] } as never);
    const usdc = token('USDC');
    const clean: Observation = { tokens: [zeroAddress, usdc], parties: [account, deployer], allowances: [] };
    const hostile: Observation = { tokens: [burner, burner, burner, usdc], parties: [account, deployer, burner], allowances: [] };
    const block = await client.getBlockNumber();
    const alone = await readBeforePlan(client, { blockNumber: block, observation: clean });
    const both = await watchCalls(() => Promise.allSettled([readBeforePlan(client, { blockNumber: block, observation: clean }), readBeforePlan(client, { blockNumber: block, observation: hostile })]));
    expect(both.value[0]).toEqual({ status: 'fulfilled', value: alone });
    // The union's balances read failed, then each plan read its own set.
    expect(both.lens).toBe(3);
  }, 60_000);
});
