import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodePacked, getCreate2Address, keccak256, parseAbi, parseUnits, type Address, type PublicClient } from 'viem';
import { UniswapV3Factory } from '../../../registry-contracts/index.js';
import { UniswapV2Pair, UniswapV3Pool } from '../../../registry-contracts/artifacts.js';
import { devnetContext } from '../../../agents/sdk/testing.js';
import { uniswapV2Agent, uniswapV3Agent, v2ForkAgent, v3PoolAddress } from '../../../agents/index.js';
import { countRequests } from '../chain/countRequests.js';
import { createClients } from '../chain/clients.js';
import { startTestDevnet, type TestDevnet } from './testing.js';
import { devnetPoolInitCodeHashes } from './poolInitCodeHashes.js';

const factoryAbi = parseAbi([
  'function allPairsLength() view returns (uint256)',
  'function allPairs(uint256) view returns (address)',
  'function getPair(address, address) view returns (address)',
]);
const pairAbi = parseAbi(['function token0() view returns (address)', 'function token1() view returns (address)']);
const v3FactoryAbi = UniswapV3Factory.abi;

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('devnetPoolInitCodeHashes', () => {
  test('default: the generated hashes are those of the shipped pair and pool bytecode', () => {
    const hashes = devnetPoolInitCodeHashes({ uniswapV2Factory: '0x0000000000000000000000000000000000000001', uniswapV3Factory: '0x0000000000000000000000000000000000000002' });
    expect(hashes).toEqual({ uniswapV2Factory: keccak256(UniswapV2Pair.bytecode), uniswapV3Factory: keccak256(UniswapV3Pool.bytecode) });
  });

  test('behavior: the CREATE2 address from the shipped pair bytecode is the factory\'s pair, for every pair of every V2 factory', async () => {
    const { publicClient: client } = createClients({ rpcUrl: devnet.rpcUrl });
    const hashes = devnetPoolInitCodeHashes(devnet.deployment.contracts);
    expect(Object.keys(hashes).sort()).toEqual(['forkV2Factory', 'uniswapV2Factory', 'uniswapV3Factory']);
    let checked = 0;
    for (const [key, hash] of Object.entries(hashes).filter(([key]) => key !== 'uniswapV3Factory')) {
      const factory = devnet.deployment.contracts[key]!;
      const count = await client.readContract({ address: factory, abi: factoryAbi, functionName: 'allPairsLength' });
      expect(count).toBeGreaterThan(0n);
      for (let i = 0n; i < count; i++) {
        const pair = await client.readContract({ address: factory, abi: factoryAbi, functionName: 'allPairs', args: [i] });
        const [token0, token1] = await Promise.all([
          client.readContract({ address: pair, abi: pairAbi, functionName: 'token0' }),
          client.readContract({ address: pair, abi: pairAbi, functionName: 'token1' }),
        ]);
        const computed = getCreate2Address({ from: factory, salt: keccak256(encodePacked(['address', 'address'], [token0, token1])), bytecodeHash: hash });
        expect(computed).toBe(pair);
        expect(await client.readContract({ address: factory, abi: factoryAbi, functionName: 'getPair', args: [token1, token0] })).toBe(computed);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  test('behavior: the CREATE2 address from the shipped V3 pool bytecode is the factory\'s pool, for every pool the V3 factory created', async () => {
    const { publicClient: client } = createClients({ rpcUrl: devnet.rpcUrl });
    const factory = devnet.deployment.contracts.uniswapV3Factory!;
    const hash = devnetPoolInitCodeHashes(devnet.deployment.contracts).uniswapV3Factory!;
    const created = await client.getContractEvents({ address: factory, abi: v3FactoryAbi, eventName: 'PoolCreated', fromBlock: 0n });
    expect(created.length).toBeGreaterThanOrEqual(4);
    for (const { args } of created) {
      const { token0, token1, fee, pool } = args as { token0: Address; token1: Address; fee: number; pool: Address };
      expect(v3PoolAddress(factory, hash, token0, token1, fee)).toBe(pool);
      expect(v3PoolAddress(factory, hash, token1, token0, fee)).toBe(pool);
      expect(await client.readContract({ address: factory, abi: v3FactoryAbi, functionName: 'getPool', args: [token1, token0, fee] })).toBe(pool);
    }
  });

  test('behavior: with the hashes the swap agents plan the same swap in one round trip, where asking the factories takes two', async () => {
    // The session's client on its devnet: reads made together share one HTTP round trip (a JSON-RPC batch).
    const base = { ...(await devnetContext(devnet)), client: createClients({ rpcUrl: devnet.rpcUrl, batch: true }).publicClient as PublicClient };
    const withHashes = { ...base, poolInitCodeHashes: devnetPoolInitCodeHashes(devnet.deployment.contracts) };
    const token = (symbol: string) => {
      const found = devnet.deployment.tokens.find((t) => t.symbol === symbol)!;
      return { address: found.address as Address, symbol, decimals: found.decimals, verified: true };
    };
    // USDC → DAI: a direct pool on Uniswap V2, none on the fork (which routes through WETH), none on V3 (through
    // WETH, two fee tiers a hop), so a missing pool is covered too.
    const intent = { action: 'swap' as const, token: token('USDC'), tokenOut: token('DAI'), amount: { kind: 'exact' as const, value: parseUnits('100', 6) }, slippageBps: 50 };
    for (const agent of [uniswapV2Agent, v2ForkAgent, uniswapV3Agent]) {
      const counter = countRequests();
      try {
        const asked = await agent.plan(base, intent);
        const before = counter.take();
        const computed = await agent.plan(withHashes, intent);
        const taken = counter.take();
        expect(before.roundTrips).toBe(2);
        expect(taken.roundTrips).toBe(1);
        expect(computed).toEqual(asked);
      } finally {
        counter.restore();
      }
    }
  });
});
