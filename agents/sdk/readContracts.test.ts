import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, createTestClient, defineChain, erc20Abi, http, parseAbi, type Address, type PublicClient } from 'viem';
import { countRequests, devnetChain, findFreePort, type TestDevnet } from '../../runtime/testing.js';
import { startTestDevnet } from './testing.js';
import { readContracts, shareReadBatches } from './readContracts.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

const MULTICALL3 = devnetChain.contracts!.multicall3!.address;
const pairAbi = parseAbi(['function getReserves() view returns (uint112, uint112, uint32)']);
const withMulticall = (): PublicClient => createPublicClient({ chain: devnetChain, transport: http(devnet.rpcUrl) });
const withoutMulticall = (): PublicClient =>
  createPublicClient({ chain: defineChain({ ...devnetChain, contracts: {} }), transport: http(devnet.rpcUrl) });

// Balances and allowances of the devnet's tokens, and a read of a contract that is not there (a token address
// asked for a pair's reserves): each must come back as its own answer.
function reads() {
  const [usdc, dai] = ['USDC', 'DAI'].map((symbol) => devnet.deployment.tokens.find((t) => t.symbol === symbol)!.address);
  const account = devnet.deployment.account;
  const router = devnet.deployment.contracts.uniswapV2Router!;
  return [
    { address: usdc!, abi: erc20Abi, functionName: 'balanceOf', args: [account] },
    { address: dai!, abi: erc20Abi, functionName: 'allowance', args: [account, router] },
    { address: usdc!, abi: pairAbi, functionName: 'getReserves' },
    { address: '0x000000000000000000000000000000000000dEaD' as Address, abi: erc20Abi, functionName: 'decimals' },
    { address: dai!, abi: erc20Abi, functionName: 'symbol' },
  ] as const;
}

describe('readContracts', () => {
  test('default: on the devnet every read goes out in one aggregate3 eth_call and answers what each direct read answers', async () => {
    const client = withMulticall();
    const blockNumber = await client.getBlockNumber();
    const counter = countRequests();
    try {
      const folded = await readContracts(client, { contracts: reads(), blockNumber });
      const traffic = counter.take();
      expect(traffic.roundTrips).toBe(1);
      expect(traffic.ethCalls).toEqual([`${MULTICALL3.toLowerCase()}:0x82ad56cb`]);
      const [balance, allowance, notAPair, noContract, symbol] = folded;
      expect(balance).toEqual({ status: 'success', result: await client.readContract({ ...reads()[0], blockNumber }) });
      expect(balance.result).toBeGreaterThan(0n);
      expect(allowance).toEqual({ status: 'success', result: await client.readContract({ ...reads()[1], blockNumber }) });
      expect(symbol).toEqual({ status: 'success', result: 'DAI' });
      // A read that reverts, and one of an address with no code, fail alone: the others still answer.
      expect(notAPair.status).toBe('failure');
      expect(noContract.status).toBe('failure');
      // Each failure carries the error readContract would give: the revert, and no data where no code answers.
      expect(notAPair.error?.name).toBe('RawContractError');
      expect(noContract.error?.name).toBe('AbiDecodingZeroDataError');
      expect(noContract.error).toBe(noContract.error);
      await expect(client.readContract({ ...reads()[2], blockNumber })).rejects.toThrow();
    } finally {
      counter.restore();
    }
  });

  test('behavior: where the chain names no Multicall3 the reads are made directly, with the same answers', async () => {
    const blockNumber = await withMulticall().getBlockNumber();
    const folded = await readContracts(withMulticall(), { contracts: reads(), blockNumber });
    const counter = countRequests();
    try {
      const direct = await readContracts(withoutMulticall(), { contracts: reads(), blockNumber });
      const traffic = counter.take();
      expect(traffic.ethCalls.some((call) => call.startsWith(MULTICALL3.toLowerCase()))).toBe(false);
      expect(traffic.calls).toBe(5);
      expect(direct.map((answer) => [answer.status, answer.result])).toEqual(folded.map((answer) => [answer.status, answer.result]));
    } finally {
      counter.restore();
    }
  });

  test('behavior: a chain that names Multicall3 without its code (another 31337 node) still gets every answer, read one by one', async () => {
    const client = withMulticall();
    const test = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
    const snapshot = await test.snapshot();
    try {
      const blockNumber = await client.getBlockNumber();
      const expected = await readContracts(client, { contracts: reads(), blockNumber });
      await test.setCode({ address: MULTICALL3, bytecode: '0x' });
      const answers = await readContracts(client, { contracts: reads() });
      expect(answers.map((answer) => [answer.status, answer.result])).toEqual(expected.map((answer) => [answer.status, answer.result]));
    } finally {
      await test.revert({ id: snapshot });
    }
  });

  test('errors: a node that does not answer is thrown, not taken for reads that failed', async () => {
    const port = await findFreePort();
    const dead = createPublicClient({ chain: { ...devnetChain, rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } } }, transport: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) });
    await expect(readContracts(dead, { contracts: reads() })).rejects.toThrow(/HTTP request failed|fetch failed/i);
    const deadWithout = createPublicClient({ chain: defineChain({ ...devnetChain, contracts: {} }), transport: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) });
    await expect(readContracts(deadWithout, { contracts: reads() })).rejects.toThrow(/HTTP request failed|fetch failed/i);
  });

  test('behavior: on a client that shares its batches, every caller\'s reads of one turn go out in one aggregate call, each caller answered its own reads in its order', async () => {
    const client = shareReadBatches(withMulticall());
    const blockNumber = await client.getBlockNumber();
    const expected = await readContracts(withMulticall(), { contracts: reads(), blockNumber });
    const counter = countRequests();
    try {
      // Three independent callers (the agents of one run), one of them with a single read.
      const [first, second, third] = await Promise.all([
        readContracts(client, { contracts: reads().slice(0, 2), blockNumber }),
        readContracts(client, { contracts: reads().slice(2), blockNumber }),
        (async () => {
          await Promise.resolve(); // a caller a few microtasks later still joins
          return readContracts(client, { contracts: [reads()[4]], blockNumber });
        })(),
      ]);
      const traffic = counter.take();
      expect(traffic.calls).toBe(1);
      expect(traffic.ethCalls).toEqual([`${MULTICALL3.toLowerCase()}:0x82ad56cb`]);
      const plain = (answers: readonly { status: string; result?: unknown }[]) => answers.map((answer) => [answer.status, answer.result]);
      expect(plain(first)).toEqual(plain(expected.slice(0, 2)));
      expect(plain(second)).toEqual(plain(expected.slice(2)));
      expect(plain(third)).toEqual(plain([expected[4]!]));
      // Reads at another block are another batch; a client not marked keeps each caller's reads apart.
      await Promise.all([readContracts(client, { contracts: reads().slice(0, 2), blockNumber }), readContracts(client, { contracts: reads().slice(0, 2), blockNumber: blockNumber - 1n })]);
      expect(counter.take().calls).toBe(2);
      const apart = withMulticall();
      await Promise.all([readContracts(apart, { contracts: reads().slice(0, 2), blockNumber }), readContracts(apart, { contracts: reads().slice(2), blockNumber })]);
      expect(counter.take().calls).toBe(2);
    } finally {
      counter.restore();
    }
  });

  test('errors: on a shared client, a node that does not answer is thrown to every caller of the batch', async () => {
    const port = await findFreePort();
    const dead = shareReadBatches(createPublicClient({ chain: { ...devnetChain, rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } } }, transport: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) }));
    const [first, second] = await Promise.allSettled([readContracts(dead, { contracts: reads() }), readContracts(dead, { contracts: reads().slice(0, 1) })]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('rejected');
    expect(String((first as PromiseRejectedResult).reason)).toMatch(/HTTP request failed|fetch failed/i);
  });
});
