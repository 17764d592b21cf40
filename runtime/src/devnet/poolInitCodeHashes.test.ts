import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodePacked, getCreate2Address, keccak256, parseAbi, parseUnits, type Address } from 'viem';
import { devnetContext } from '../../../agents/sdk/testing.js';
import { uniswapV2Agent, v2ForkAgent } from '../../../agents/index.js';
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

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('devnetPoolInitCodeHashes', () => {
  test('behavior: the CREATE2 address from the shipped pair bytecode is the factory\'s pair, for every pair of every V2 factory', async () => {
    const { publicClient: client } = createClients({ rpcUrl: devnet.rpcUrl });
    const hashes = devnetPoolInitCodeHashes(devnet.deployment.contracts);
    expect(Object.keys(hashes).sort()).toEqual(['forkV2Factory', 'uniswapV2Factory']);
    let checked = 0;
    for (const [key, hash] of Object.entries(hashes)) {
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

  test('behavior: with the hashes the V2 agents plan the same swap without asking the factories for pairs', async () => {
    const base = await devnetContext(devnet);
    const withHashes = { ...base, poolInitCodeHashes: devnetPoolInitCodeHashes(devnet.deployment.contracts) };
    const token = (symbol: string) => {
      const found = devnet.deployment.tokens.find((t) => t.symbol === symbol)!;
      return { address: found.address as Address, symbol, decimals: found.decimals, verified: true };
    };
    // USDC → DAI: a direct pool on Uniswap, none on the fork (which routes through WETH), so a missing pair is covered too.
    const intent = { action: 'swap' as const, token: token('USDC'), tokenOut: token('DAI'), amount: { kind: 'exact' as const, value: parseUnits('100', 6) }, slippageBps: 50 };
    const getPairs = (ethCalls: string[], factory: Address) => ethCalls.filter((c) => c === `${factory.toLowerCase()}:0xe6a43905`).length;
    for (const [agent, factory, missing] of [[uniswapV2Agent, devnet.deployment.contracts.uniswapV2Factory!, 0], [v2ForkAgent, devnet.deployment.contracts.forkV2Factory!, 1]] as const) {
      const counter = countRequests();
      try {
        const asked = await agent.plan(base, intent);
        const before = counter.take();
        const computed = await agent.plan(withHashes, intent);
        const taken = counter.take();
        // Three pools asked for without the hashes (direct, through WETH: two); with them only a missing one.
        expect(getPairs(before.ethCalls, factory)).toBe(3);
        expect(getPairs(taken.ethCalls, factory)).toBe(missing);
        expect({ ...computed, calls: computed.calls.map((c) => ({ ...c, data: c.data.slice(0, 10) })) }).toEqual({ ...asked, calls: asked.calls.map((c) => ({ ...c, data: c.data.slice(0, 10) })) });
        expect(computed.quote).toEqual(asked.quote);
      } finally {
        counter.restore();
      }
    }
  });
});
