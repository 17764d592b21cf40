import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, erc20Abi, http, parseAbi, type Address } from 'viem';
import { countRequests } from '../chain/countRequests.js';
import { createClients, devnetChain, MULTICALL3_ADDRESS } from '../chain/clients.js';
import { multicall3CreationCode } from './installMulticall3.js';
import { startTestDevnet, type TestDevnet } from './testing.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

const multicall3Abi = parseAbi(['function getChainId() view returns (uint256)', 'function getEthBalance(address) view returns (uint256)']);

describe('installMulticall3', () => {
  test('default: the devnet holds, at the canonical address, the runtime code of the Multicall3 viem ships', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
    const code = await publicClient.getCode({ address: MULTICALL3_ADDRESS });
    const { data: runtime } = await publicClient.call({ data: multicall3CreationCode() });
    expect(code).toBe(runtime);
    expect(code?.length).toBeGreaterThan(2);
    // Its own views answer for this chain: it is a working contract, not a placeholder.
    expect(await publicClient.readContract({ address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getChainId' })).toBe(31337n);
    expect(await publicClient.readContract({ address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getEthBalance', args: [devnet.deployment.account] })).toBe(
      await publicClient.getBalance({ address: devnet.deployment.account }),
    );
  });

  test("behavior: viem's multicall on the devnet chain is one eth_call to Multicall3 and answers what the direct reads answer", async () => {
    const client = createPublicClient({ chain: devnetChain, transport: http(devnet.rpcUrl) });
    const holders: Address[] = [devnet.deployment.account, devnet.deployment.deployer, devnet.deployment.contracts.uniswapV2Router!];
    const reads = devnet.deployment.tokens.flatMap((token) =>
      holders.map((holder) => ({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [holder] }) as const),
    );
    const blockNumber = await client.getBlockNumber();
    const direct = await Promise.all(reads.map((read) => client.readContract({ ...read, blockNumber })));
    const counter = countRequests();
    try {
      const folded = await client.multicall({ contracts: reads, allowFailure: false, blockNumber, batchSize: 0 });
      const traffic = counter.take();
      expect(folded).toEqual(direct);
      expect(direct.some((balance) => balance > 0n)).toBe(true);
      expect(traffic.ethCalls).toEqual([`${MULTICALL3_ADDRESS.toLowerCase()}:0x82ad56cb`]); // aggregate3
    } finally {
      counter.restore();
    }
  });
});
