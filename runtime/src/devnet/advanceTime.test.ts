import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClients } from '../chain/clients.js';
import { advanceTime } from './advanceTime.js';
import { parseDuration } from './parseDuration.js';
import { startTestDevnet, type TestDevnet } from './testing.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('advanceTime', () => {
  test('behavior: a restored devnet starts with a current latest block (not the time of the cached dump)', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const latest = await publicClient.getBlock({ blockTag: 'latest' });
    expect(Number(latest.timestamp)).toBeGreaterThan(Date.now() / 1000 - 30);
  });

  test('default: block.timestamp moves forward by the duration and a block is mined', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const before = await publicClient.getBlock({ blockTag: 'latest' });
    const now = BigInt(Math.floor(Date.now() / 1000));
    const after = await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: parseDuration('30d') });
    expect(after.blockNumber).toBe(before.number + 1n);
    expect(after.timestamp).toBeGreaterThanOrEqual(before.timestamp + 30n * 86_400n);
    expect(after.timestamp).toBeLessThan(now + 30n * 86_400n + 60n);
    expect((await publicClient.getBlock({ blockTag: 'latest' })).timestamp).toBe(after.timestamp);
  });
});
