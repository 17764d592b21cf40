import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestClient, createWalletClient, erc20Abi, http, parseAbi, type Address } from 'viem';
import { countRequests } from './countRequests.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { createClients, devnetChain } from './clients.js';
import { memoizeReads } from './memoizeReads.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

const holder = '0x00000000000000000000000000000000000b0b01' as Address;
const pairAbi = parseAbi(['function token0() view returns (address)']);

describe('memoizeReads', () => {
  test('behavior: the checks of one block ask each call once at that block, its answer and its revert', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl, batch: true });
    const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 });
    const usdc = devnet.deployment.tokens.find((token) => token.symbol === 'USDC')!.address;
    const client = memoizeReads(publicClient as never, { blockNumber });
    const counter = countRequests();
    try {
      const read = () => client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [holder], blockNumber });
      const [first, second] = await Promise.all([read(), read()]);
      expect(await read()).toBe(first);
      expect(second).toBe(first);
      // A token has no token0(): the revert is the block's own answer, asked once and thrown to every caller.
      const revert = () => client.readContract({ address: usdc, abi: pairAbi, functionName: 'token0', blockNumber });
      await expect(revert()).rejects.toThrow();
      await expect(revert()).rejects.toThrow();
      // Code is memoized too (memoizeCode underneath).
      const code = await client.getCode({ address: usdc });
      expect(await client.getCode({ address: usdc })).toBe(code);
      const taken = counter.take();
      expect(taken.ethCalls.filter((call) => call.startsWith(usdc.toLowerCase()))).toHaveLength(2);
      expect(taken.methods.eth_getCode).toBe(1);
      // Another argument is another call.
      await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [usdc], blockNumber });
      expect(counter.take().calls).toBe(1);
      // The same address spelled in lower case is the same call; the same call data decoded by an ABI with other
      // outputs is asked again (its answer is decoded differently), and a parsed copy of the same ABI shares it.
      expect(await client.readContract({ address: usdc.toLowerCase() as Address, abi: erc20Abi, functionName: 'balanceOf', args: [holder], blockNumber })).toBe(first);
      const asBytes = parseAbi(['function balanceOf(address) view returns (bytes32)']);
      const raw = await client.readContract({ address: usdc, abi: asBytes, functionName: 'balanceOf', args: [holder], blockNumber });
      expect(BigInt(raw)).toBe(first);
      expect(await client.readContract({ address: usdc, abi: parseAbi(['function balanceOf(address) view returns (uint256)']), functionName: 'balanceOf', args: [holder], blockNumber })).toBe(first);
      expect(counter.take().calls).toBe(1);
    } finally {
      counter.restore();
    }
  });

  test('behavior: a read at another block, or at the next block after the state changed, is the node\'s answer', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const test = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
    const weth = devnet.deployment.contracts.weth!;
    const before = await publicClient.getBlockNumber({ cacheTime: 0 });
    const atBefore = memoizeReads(publicClient as never, { blockNumber: before });
    const read = (client: typeof publicClient, blockNumber: bigint) =>
      client.readContract({ address: weth, abi: erc20Abi, functionName: 'balanceOf', args: [holder], blockNumber });
    const old = await read(atBefore as never, before);
    // The holder wraps ETH in a later block: its WETH balance changes there.
    await test.setBalance({ address: holder, value: 10n ** 18n });
    await test.impersonateAccount({ address: holder });
    const wallet = createWalletClient({ chain: devnetChain, transport: http(devnet.rpcUrl), account: holder });
    await wallet.sendTransaction({ to: weth, value: 12345n, data: '0xd0e30db0' }); // deposit()
    await test.stopImpersonatingAccount({ address: holder });
    await test.mine({ blocks: 1 });
    const after = await publicClient.getBlockNumber({ cacheTime: 0 });
    expect(after).toBeGreaterThan(before);
    // The old block's memo still answers for the old block; any other block is read from the node.
    expect(await read(atBefore as never, before)).toBe(old);
    expect(await read(atBefore as never, after)).toBe(old + 12345n);
    expect(await read(memoizeReads(publicClient as never, { blockNumber: after }) as never, after)).toBe(old + 12345n);
  });
});
