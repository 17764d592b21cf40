/**
 * The session simulates a plan on the base it read last while it asks the node for the head, instead of asking
 * first. That must never report stale state: when the head moved in between, the plan is simulated again on the
 * new head, and the report's balances are the new block's.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestClient, http, type Address } from 'viem';
import type { PlanCall } from '../../../kernel/index.js';
import { countRequests } from '../chain/countRequests.js';
import { devnetChain } from '../chain/clients.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { openSession } from './openSession.js';
import type { Session } from './types.js';

const bob: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let devnet: TestDevnet;
let session: Session;

beforeAll(async () => {
  devnet = await startTestDevnet();
  session = await openSession({ settings: { home: devnet.home } });
});
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

const send: PlanCall[] = [{ to: bob, data: '0x', value: 10n ** 15n, description: 'send 0.001 ETH to bob' }];
const bobBefore = (report: Awaited<ReturnType<Session['simulate']>>) =>
  report.balanceChanges.find((change) => change.token === 'ETH' && change.address.toLowerCase() === bob.toLowerCase())?.pre;

test('behavior: on an unchanged head the simulation and the head read share one round trip', async () => {
  const first = await session.simulate(send);
  const counter = countRequests();
  try {
    const again = await session.simulate(send);
    const taken = counter.take();
    expect(again.blockNumber).toBe(first.blockNumber);
    expect(taken.methods.eth_blockNumber).toBe(1);
    expect(taken.methods.eth_simulateV1).toBe(1);
    expect(taken.roundTrips).toBe(1);
    expect(bobBefore(again)).toBe(bobBefore(first));
  } finally {
    counter.restore();
  }
});

test('behavior: when the head moved, the plan is simulated again on the new head and its state', async () => {
  const first = await session.simulate(send);
  const test = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
  const balance = (bobBefore(first) ?? 0n) + 777n;
  await test.setBalance({ address: bob, value: balance });
  await test.mine({ blocks: 1 });
  const head = await session.publicClient.getBlockNumber({ cacheTime: 0 });
  expect(head).toBeGreaterThan(first.blockNumber);
  const after = await session.simulate(send);
  expect(after.blockNumber).toBe(head);
  expect(bobBefore(after)).toBe(balance);
  expect(after.ok).toBe(true);
});
