import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestClient, http, type Address } from 'viem';
import { countRequests } from './countRequests.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { createClients, devnetChain } from './clients.js';
import { memoizeCode } from './memoizeCode.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

const fresh = '0x00000000000000000000000000000000000c0de1' as Address;

describe('memoizeCode', () => {
  test('behavior: the checks of one block read an address\'s code once, at that block', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 });
    const weth = devnet.deployment.contracts.weth!;
    const counter = countRequests();
    try {
      const client = memoizeCode(publicClient as never, { blockNumber });
      const first = await client.getCode({ address: weth });
      const again = await Promise.all([client.getCode({ address: weth.toLowerCase() as Address }), client.getCode({ address: weth, blockNumber })]);
      const taken = counter.take();
      expect(first && first.length > 2).toBe(true);
      expect(again).toEqual([first, first]);
      expect(taken.methods.eth_getCode).toBe(1);
    } finally {
      counter.restore();
    }
  });

  test('behavior: a new block is a fresh read, never the memo of another block', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const test = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
    const before = await publicClient.getBlockNumber({ cacheTime: 0 });
    const atBefore = memoizeCode(publicClient as never, { blockNumber: before });
    expect(await atBefore.getCode({ address: fresh })).toBeUndefined();
    // Code appears at the address in a later block: the old block's memo still says none, as that block does,
    // and the checks of the new block see the code.
    await test.setCode({ address: fresh, bytecode: '0x6001600055' });
    await test.mine({ blocks: 1 });
    const after = await publicClient.getBlockNumber({ cacheTime: 0 });
    expect(after).toBeGreaterThan(before);
    expect(await atBefore.getCode({ address: fresh })).toBeUndefined();
    expect(await memoizeCode(publicClient as never, { blockNumber: after }).getCode({ address: fresh })).toBe('0x6001600055');
    // A request naming another block is not answered from the memo.
    expect(await atBefore.getCode({ address: fresh, blockNumber: after })).toBe('0x6001600055');
  });

  test('behavior: other methods are the client\'s own', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const client = memoizeCode(publicClient as never, { blockNumber: 0n });
    expect(await client.getChainId()).toBe(31337);
  });
});

describe('createClients batching', () => {
  test('behavior: reads made together share one HTTP round trip, each with its own answer', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const tokens = devnet.deployment.tokens.slice(0, 3);
    const counter = countRequests();
    try {
      const codes = await Promise.all(tokens.map((token) => publicClient.getCode({ address: token.address })));
      const taken = counter.take();
      expect(taken.calls).toBe(tokens.length);
      expect(taken.roundTrips).toBe(1);
      expect(new Set(codes).size).toBeGreaterThan(0);
      for (const code of codes) expect(code && code.length > 2).toBe(true);
    } finally {
      counter.restore();
    }
  });
});
