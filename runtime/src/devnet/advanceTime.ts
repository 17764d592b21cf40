/** Moves the devnet's clock forward and mines a block, so `block.timestamp` reflects it (`lucid devnet advance 30d`). */
import { createTestClient } from 'viem';
import { createClients, devnetChain, lucidHttp } from '../chain/clients.js';

export type AdvanceTimeParameters = { rpcUrl: string; seconds: number };
export type AdvanceTimeReturnType = { blockNumber: bigint; timestamp: bigint };

export async function advanceTime({ rpcUrl, seconds }: AdvanceTimeParameters): Promise<AdvanceTimeReturnType> {
  const testClient = createTestClient({ mode: 'anvil', chain: devnetChain, transport: lucidHttp(rpcUrl) });
  await testClient.increaseTime({ seconds });
  await testClient.mine({ blocks: 1 });
  const { publicClient } = createClients({ rpcUrl });
  const block = await publicClient.getBlock({ blockTag: 'latest' });
  return { blockNumber: block.number, timestamp: block.timestamp };
}
