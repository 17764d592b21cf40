import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWalletClient, http, maxUint256, parseEther, parseAbi, type Address } from 'viem';
import { DevToken, QuoterV2, SwapRouter, UniswapV2Router02, UniswapV3Factory } from '../../../registry-contracts/index.js';
import { createClients, DEVNET_ACCOUNT_ADDRESS, devnetChain } from '../chain/clients.js';
import { DEVNET_V3_POOLS } from './deployUniswapV3.js';
import { startTestDevnet, type TestDevnet } from './testing.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

const clients = () => createClients({ rpcUrl: devnet.rpcUrl });
const contract = (key: string): Address => devnet.deployment.contracts[key]!;
const tokenAddress = (symbol: string): Address => devnet.deployment.tokens.find((t) => t.symbol === symbol)!.address;
const poolAbi = parseAbi(['function slot0() view returns (uint160 sqrtPriceX96, int24 tick, uint16, uint16, uint16, uint8, bool)', 'function liquidity() view returns (uint128)', 'function token0() view returns (address)']);

async function quoteV3(tokenIn: Address, tokenOut: Address, fee: number, amountIn: bigint): Promise<bigint> {
  const { publicClient } = clients();
  const { result } = await publicClient.simulateContract({
    address: contract('uniswapV3Quoter'),
    abi: QuoterV2.abi,
    functionName: 'quoteExactInputSingle',
    args: [{ tokenIn, tokenOut, amountIn, fee, sqrtPriceLimitX96: 0n }],
  });
  return result[0];
}

async function quoteV2(router: Address, path: Address[], amountIn: bigint): Promise<bigint> {
  const { publicClient } = clients();
  const amounts = await publicClient.readContract({ address: router, abi: UniswapV2Router02.abi, functionName: 'getAmountsOut', args: [amountIn, path] });
  return amounts[amounts.length - 1]!;
}

describe('deployUniswapV3', () => {
  test('default: the real factory, SwapRouter, QuoterV2 and position manager are deployed, one pool per configured tier at its price', async () => {
    const { publicClient } = clients();
    for (const key of ['uniswapV3Factory', 'uniswapV3Router', 'uniswapV3Quoter', 'uniswapV3PositionManager']) {
      expect((await publicClient.getCode({ address: contract(key) }))?.length ?? 0, key).toBeGreaterThan(2);
    }
    expect(await publicClient.readContract({ address: contract('uniswapV3Router'), abi: SwapRouter.abi, functionName: 'factory' })).toBe(contract('uniswapV3Factory'));
    for (const pool of DEVNET_V3_POOLS) {
      const token = devnet.deployment.tokens.find((t) => t.symbol === pool.token)!;
      const address = await publicClient.readContract({
        address: contract('uniswapV3Factory'),
        abi: UniswapV3Factory.abi,
        functionName: 'getPool',
        args: [contract('weth'), token.address, pool.fee],
      });
      const [sqrtPriceX96] = await publicClient.readContract({ address, abi: poolAbi, functionName: 'slot0' });
      const token0 = await publicClient.readContract({ address, abi: poolAbi, functionName: 'token0' });
      const raw = Number(sqrtPriceX96) ** 2 / 2 ** 192;
      const price = (token0 === contract('weth') ? raw : 1 / raw) * 10 ** (18 - token.decimals);
      expect(price).toBeCloseTo(Number(pool.price), 0);
      expect(await publicClient.readContract({ address, abi: poolAbi, functionName: 'liquidity' })).toBeGreaterThan(0n);
    }
  });

  test('behavior: the best venue depends on the size — V3 pays more for 1 ETH, the deep V2 fork for 60 ETH', async () => {
    const [weth, usdc, dai] = [contract('weth'), tokenAddress('USDC'), tokenAddress('DAI')];
    for (const token of [usdc, dai]) {
      const v2 = (amount: bigint) => Promise.all([quoteV2(contract('uniswapV2Router'), [weth, token], amount), quoteV2(contract('forkV2Router'), [weth, token], amount)]);
      const v3 = (amount: bigint) => Promise.all([quoteV3(weth, token, 500, amount), quoteV3(weth, token, 3000, amount)]);
      const max = (values: bigint[]) => values.reduce((a, b) => (a > b ? a : b));
      const small = parseEther('1');
      expect(max(await v3(small))).toBeGreaterThan(max(await v2(small)));
      const large = parseEther('60');
      expect(max(await v2(large))).toBeGreaterThan(max(await v3(large)));
    }
  });

  test('behavior: the real SwapRouter swaps ETH for USDC at the quoter’s price', async () => {
    const { publicClient } = clients();
    const wallet = createWalletClient({ account: DEVNET_ACCOUNT_ADDRESS, chain: devnetChain, transport: http(devnet.rpcUrl) });
    const usdc = tokenAddress('USDC');
    const amountIn = parseEther('1');
    const expected = await quoteV3(contract('weth'), usdc, 500, amountIn);
    const before = await publicClient.readContract({ address: usdc, abi: DevToken.abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] });
    const hash = await wallet.writeContract({
      address: contract('uniswapV3Router'),
      abi: SwapRouter.abi,
      functionName: 'exactInputSingle',
      args: [{ tokenIn: contract('weth'), tokenOut: usdc, fee: 500, recipient: DEVNET_ACCOUNT_ADDRESS, deadline: maxUint256, amountIn, amountOutMinimum: expected, sqrtPriceLimitX96: 0n }],
      value: amountIn,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    expect(receipt.status).toBe('success');
    const after = await publicClient.readContract({ address: usdc, abi: DevToken.abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] });
    expect(after - before).toBe(expected);
  });
});
