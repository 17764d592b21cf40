/**
 * Which contracts the effect checks count as the venue's own pools: a pool proves itself by being its factory's
 * pool for its tokens (and fee tier). Real devnet, real pools; an impostor is a copy of a real pair's code and
 * state at another address, so it answers `factory()`, `token0()` and `token1()` exactly as the pair does.
 */
import { createTestClient, http, numberToHex, parseAbi, type Address, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEVNET_ACCOUNT_ADDRESS, devnetChain, createClients } from '../chain/clients.js';
import { countRequests } from '../chain/countRequests.js';
import { memoizeReads } from '../chain/memoizeReads.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { devnetPoolHashesByFactory } from '../devnet/poolInitCodeHashes.js';
import { randomAddress } from '../simulate/runSimulateV1.js';
import type { SimulationReport } from '../simulate/types.js';
import { readEffectContext } from './readEffectContext.js';

const factoryAbi = parseAbi([
  'function getPair(address, address) view returns (address)',
  'function getPool(address, address, uint24) view returns (address)',
]);
const getPair = '0xe6a43905';
const getPool = '0x1698ee82';

let devnet: TestDevnet;
let client: PublicClient;
let contracts: Record<string, Address>;
const token = (symbol: string) => devnet.deployment.tokens.find((t) => t.symbol === symbol)!.address;

beforeAll(async () => {
  devnet = await startTestDevnet();
  client = createClients({ rpcUrl: devnet.rpcUrl, batch: true }).publicClient as unknown as PublicClient;
  contracts = devnet.deployment.contracts;
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

/** A report whose one call's logs name these contracts (as a swap's Transfer and Swap logs name its pools). */
function reportNaming(blockNumber: bigint, named: Address[]): SimulationReport {
  const logs = named.map((address) => ({ address, eventName: 'Sync', args: {}, topics: [], data: '0x' }) as unknown as SimulationReport['calls'][number]['logs'][number]);
  return {
    ok: true,
    mode: 'simulateV1',
    account: DEVNET_ACCOUNT_ADDRESS,
    blockNumber,
    calls: [{ index: 0, to: contracts.uniswapV2Router!, status: 'success', gasUsed: 1n, gasLimit: 2n, logs }],
    balanceChanges: [],
    approvals: [],
    gas: { total: 1n, perCall: [1n], limits: [2n], maxFeePerGas: 1n, maxPriorityFeePerGas: 1n, baseFee: 1n, costWei: 1n, maxCostWei: 2n },
    tokens: [],
  };
}

/** A copy of `original`'s code and first storage slots at a fresh address: it claims the same factory and tokens. */
async function impostorOf(original: Address): Promise<Address> {
  const test = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
  const copy = randomAddress();
  await test.setCode({ address: copy, bytecode: (await client.getCode({ address: original }))! });
  for (let slot = 0; slot < 16; slot++) {
    const value = await client.getStorageAt({ address: original, slot: numberToHex(slot, { size: 32 }) });
    if (value && BigInt(value) !== 0n) await test.setStorageAt({ address: copy, index: slot, value });
  }
  return copy;
}

describe('readEffectContext: the venue\'s pools', () => {
  test('behavior: real V2 pairs and V3 pools are venues, their impostors are not; with the pool init code hashes the same answer without asking the factories', async () => {
    const pair = await client.readContract({ address: contracts.uniswapV2Factory!, abi: factoryAbi, functionName: 'getPair', args: [token('USDC'), token('DAI')] });
    const v3 = await client.readContract({ address: contracts.uniswapV3Factory!, abi: factoryAbi, functionName: 'getPool', args: [contracts.weth!, token('USDC'), 3000] });
    const [fakePair, fakePool] = [await impostorOf(pair), await impostorOf(v3)];
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
    const report = reportNaming(blockNumber, [pair, v3, fakePair, fakePool, token('USDC')]);
    const venuesWith = async (poolHashes?: ReturnType<typeof devnetPoolHashesByFactory>) => {
      const counter = countRequests();
      try {
        const { venues } = await readEffectContext(memoizeReads(client, { blockNumber }), { report, account: DEVNET_ACCOUNT_ADDRESS, contracts, tokens: [], poolHashes });
        return { venues: venues.map((v) => v.toLowerCase()), traffic: counter.take() };
      } finally {
        counter.restore();
      }
    };
    const asked = await venuesWith();
    const derived = await venuesWith(devnetPoolHashesByFactory(contracts));
    for (const { venues } of [asked, derived]) {
      expect(venues).toContain(pair.toLowerCase());
      expect(venues).toContain(v3.toLowerCase());
      expect(venues).not.toContain(fakePair.toLowerCase());
      expect(venues).not.toContain(fakePool.toLowerCase());
      expect(venues).not.toContain(token('USDC').toLowerCase());
    }
    expect(derived.venues).toEqual(asked.venues);
    expect(asked.traffic.ethCalls.some((call) => call.endsWith(getPair) || call.endsWith(getPool))).toBe(true);
    expect(derived.traffic.ethCalls.some((call) => call.endsWith(getPair) || call.endsWith(getPool))).toBe(false);
    expect(derived.traffic.roundTrips).toBeLessThan(asked.traffic.roundTrips);
  }, 60_000);
});
