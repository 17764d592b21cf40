/**
 * An idle chain: the latest block is old, but the block that will include our transaction gets the wall
 * clock's time. Deadlines and the simulated block time must count from then, or a swap simulates fine
 * and reverts on chain with "EXPIRED" (seen on a devnet left idle for 25 minutes).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { inclusionTime } from '../simulate/runSimulateV1.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { openSession } from './openSession.js';
import type { Session } from './types.js';

const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));
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

test('behavior: the simulated block is never older than now', () => {
  const anHourAgo = nowSeconds() - 3_600n;
  expect(inclusionTime(anHourAgo)).toBeGreaterThanOrEqual(nowSeconds() - 1n);
  const tomorrow = nowSeconds() + 86_400n; // a devnet advanced in time keeps its own clock
  expect(inclusionTime(tomorrow)).toBe(tomorrow);
});

test('behavior: agents plan deadlines from now even when the latest block is old', async () => {
  const latest = await session.publicClient.getBlock({ blockTag: 'latest' });
  await new Promise((resolve) => setTimeout(resolve, 2_100)); // the chain stays idle meanwhile
  const ctx = await session.agentContext();
  expect(ctx.now).toBeGreaterThanOrEqual(nowSeconds() - 1n);
  expect(ctx.now).toBeGreaterThan(latest.timestamp + 1n);
});
