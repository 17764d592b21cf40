/**
 * The simulate and checks tests' view of the shared devnet fixture (runtime/src/devnet/testing.ts): a real,
 * bootstrapped anvil on its own port with WETH9, USDC (6), DAI (18), stETH and Uniswap V2 pools.
 */
import { createPublicClient, getAddress, http, type Address, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { startTestDevnet } from '../../devnet/testing.js';

/** anvil #0, the user's default account. */
export const user: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
/** anvil #1, a plain account to send to. */
export const bob: Address = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');

export type TestChain = {
  rpcUrl: string;
  client: PublicClient;
  contracts: { weth: Address; uniswapV2Factory: Address; uniswapV2Router: Address };
  tokens: { USDC: Address; DAI: Address; WETH: Address };
  stop: () => Promise<void>;
};

export async function startTestChain(): Promise<TestChain> {
  const devnet = await startTestDevnet();
  const token = (symbol: string) => {
    const found = devnet.deployment.tokens.find((item) => item.symbol === symbol);
    if (!found) throw new Error(`the devnet has no ${symbol}`);
    return getAddress(found.address);
  };
  const contract = (key: string) => {
    const found = devnet.deployment.contracts[key];
    if (!found) throw new Error(`the devnet has no ${key}`);
    return getAddress(found);
  };
  return {
    rpcUrl: devnet.rpcUrl,
    client: createPublicClient({ chain: foundry, transport: http(devnet.rpcUrl) }),
    contracts: { weth: contract('weth'), uniswapV2Factory: contract('uniswapV2Factory'), uniswapV2Router: contract('uniswapV2Router') },
    tokens: { USDC: token('USDC'), DAI: token('DAI'), WETH: token('WETH') },
    stop: () => devnet.stop(),
  };
}
