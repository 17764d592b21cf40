import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWalletClient, formatEther, formatUnits, http, maxUint256, parseEther, type Address } from 'viem';
import { DevToken, EmissionController, UniswapV2Factory, UniswapV2Pair, UniswapV2Router02, WETH9 } from '../../../registry-contracts/index.js';
import { createClients, DEVNET_ACCOUNT_ADDRESS, DEVNET_DEPLOYER_ADDRESS, devnetChain } from '../chain/clients.js';
import { DEVNET_POOLS } from './bootstrapDevnet.js';
import { startTestDevnet, type TestDevnet } from './testing.js';

// A fresh bootstrap (not the cache), so this file proves what bootstrapDevnet itself builds.
let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet({ fresh: true });
});
afterAll(async () => {
  await devnet?.stop();
});

const clients = () => createClients({ rpcUrl: devnet.rpcUrl });
const tokenAddress = (symbol: string): Address => {
  const found = devnet.deployment.tokens.find((t) => t.symbol === symbol);
  if (!found) throw new Error(`no ${symbol}`);
  return found.address;
};

async function reservesOf(factory: Address, tokenA: Address, tokenB: Address): Promise<[bigint, bigint]> {
  const { publicClient } = clients();
  const pair = await publicClient.readContract({ address: factory, abi: UniswapV2Factory.abi, functionName: 'getPair', args: [tokenA, tokenB] });
  const [reserve0, reserve1] = await publicClient.readContract({ address: pair, abi: UniswapV2Pair.abi, functionName: 'getReserves' });
  const token0 = await publicClient.readContract({ address: pair, abi: UniswapV2Pair.abi, functionName: 'token0' });
  return token0.toLowerCase() === tokenA.toLowerCase() ? [reserve0, reserve1] : [reserve1, reserve0];
}

describe('bootstrapDevnet', () => {
  test('default: the deployment record names every contract and token', () => {
    expect(Object.keys(devnet.deployment.contracts)).toEqual(
      expect.arrayContaining(['weth', 'uniswapV2Factory', 'uniswapV2Router', 'forkV2Factory', 'forkV2Router']),
    );
    expect(devnet.deployment.tokens.map((t) => [t.symbol, t.decimals])).toEqual(
      expect.arrayContaining([['WETH', 18], ['USDC', 6], ['DAI', 18], ['stETH', 18]]),
    );
    expect(Object.keys(devnet.deployment.contracts)).toEqual(
      expect.arrayContaining(['rewardToken', 'emissionController', 'agentRegistry', 'frontendRegistry', 'computeRegistry', 'usageLedger', 'capitalPool']),
    );
    expect(devnet.deployment.tokens.find((t) => t.symbol === 'LUCID')).toEqual({
      symbol: 'LUCID',
      address: devnet.deployment.contracts.rewardToken,
      decimals: 18,
    });
    expect(devnet.deployment.deployer).toBe(DEVNET_DEPLOYER_ADDRESS);
    expect(devnet.deployment.account).toBe(DEVNET_ACCOUNT_ADDRESS);
    expect(devnet.deployment.chainId).toBe(31337);
    expect(devnet.deployment.bootstrapBlock).toBeGreaterThan(0);
  });

  test('default: the default account holds exactly 100 ETH and the dev tokens', async () => {
    const { publicClient } = clients();
    expect(await publicClient.getBalance({ address: DEVNET_ACCOUNT_ADDRESS })).toBe(parseEther('100'));
    const balance = (symbol: string) =>
      publicClient.readContract({ address: tokenAddress(symbol), abi: DevToken.abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] });
    expect(formatUnits(await balance('USDC'), 6)).toBe('10000');
    expect(formatEther(await balance('DAI'))).toBe('10000');
    expect(formatEther(await balance('stETH'))).toBe('50');
    expect(formatEther(await balance('WETH'))).toBe('1');
    expect(await publicClient.readContract({ address: tokenAddress('USDC'), abi: DevToken.abi, functionName: 'decimals' })).toBe(6);
  });

  test('default: the uniswap-v2 pools hold the reserves the bootstrap set', async () => {
    const { weth, uniswapV2Factory } = devnet.deployment.contracts as Record<string, Address>;
    const p = DEVNET_POOLS.uniswapV2;
    expect(await reservesOf(uniswapV2Factory!, weth!, tokenAddress('USDC'))).toEqual([parseEther(p.ethUsdc.eth), BigInt(p.ethUsdc.token) * 10n ** 6n]);
    expect(await reservesOf(uniswapV2Factory!, weth!, tokenAddress('DAI'))).toEqual([parseEther(p.ethDai.eth), parseEther(p.ethDai.token)]);
    expect(await reservesOf(uniswapV2Factory!, weth!, tokenAddress('stETH'))).toEqual([parseEther(p.ethSteth.eth), parseEther(p.ethSteth.token)]);
    expect(await reservesOf(uniswapV2Factory!, tokenAddress('USDC'), tokenAddress('DAI'))).toEqual([
      BigInt(p.usdcDai.usdc) * 10n ** 6n,
      parseEther(p.usdcDai.dai),
    ]);
  });

  test('default: the v2-fork venue is a separate deployment, deeper and at a different price', async () => {
    const { weth, uniswapV2Factory, forkV2Factory } = devnet.deployment.contracts as Record<string, Address>;
    expect(forkV2Factory).not.toBe(uniswapV2Factory);
    const [eth, usdc] = await reservesOf(forkV2Factory!, weth!, tokenAddress('USDC'));
    expect(eth).toBe(parseEther(DEVNET_POOLS.v2Fork.ethUsdc.eth));
    expect(usdc).toBe(BigInt(DEVNET_POOLS.v2Fork.ethUsdc.token) * 10n ** 6n);
    const [ethDai, dai] = await reservesOf(forkV2Factory!, weth!, tokenAddress('DAI'));
    expect([ethDai, dai]).toEqual([parseEther(DEVNET_POOLS.v2Fork.ethDai.eth), parseEther(DEVNET_POOLS.v2Fork.ethDai.token)]);
  });

  test('behavior: every pair has warm price accumulators (so swap gas estimates do not depend on the second)', async () => {
    const { publicClient } = clients();
    const { weth, uniswapV2Factory, forkV2Factory } = devnet.deployment.contracts as Record<string, Address>;
    const pools: [Address, Address, Address][] = [
      [uniswapV2Factory!, weth!, tokenAddress('USDC')],
      [uniswapV2Factory!, weth!, tokenAddress('DAI')],
      [uniswapV2Factory!, weth!, tokenAddress('stETH')],
      [uniswapV2Factory!, tokenAddress('USDC'), tokenAddress('DAI')],
      [forkV2Factory!, weth!, tokenAddress('USDC')],
      [forkV2Factory!, weth!, tokenAddress('DAI')],
    ];
    for (const [factory, a, b] of pools) {
      const pair = await publicClient.readContract({ address: factory, abi: UniswapV2Factory.abi, functionName: 'getPair', args: [a, b] });
      expect(await publicClient.readContract({ address: pair, abi: UniswapV2Pair.abi, functionName: 'price0CumulativeLast' })).toBeGreaterThan(0n);
      expect(await publicClient.readContract({ address: pair, abi: UniswapV2Pair.abi, functionName: 'price1CumulativeLast' })).toBeGreaterThan(0n);
    }
  });

  test('behavior: the real Router02 swaps ETH for USDC on both venues, and they quote differently', async () => {
    const { publicClient } = clients();
    const wallet = createWalletClient({ account: DEVNET_ACCOUNT_ADDRESS, chain: devnetChain, transport: http(devnet.rpcUrl) });
    const { weth, uniswapV2Router, forkV2Router } = devnet.deployment.contracts as Record<string, Address>;
    const usdc = tokenAddress('USDC');
    const path = [weth!, usdc] as const;
    const quotes: bigint[] = [];
    for (const router of [uniswapV2Router!, forkV2Router!]) {
      const amounts = await publicClient.readContract({ address: router, abi: UniswapV2Router02.abi, functionName: 'getAmountsOut', args: [parseEther('1'), [...path]] });
      const expected = amounts[1]!;
      quotes.push(expected);
      const before = await publicClient.readContract({ address: usdc, abi: DevToken.abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] });
      const request = {
        address: router,
        abi: UniswapV2Router02.abi,
        functionName: 'swapExactETHForTokens',
        args: [expected, [...path], DEVNET_ACCOUNT_ADDRESS, maxUint256],
        value: parseEther('1'),
        account: DEVNET_ACCOUNT_ADDRESS,
      } as const;
      // anvil estimates in the parent block's second; a swap mined one second later also updates the pair's
      // price accumulators (~10k gas more). Anything that sends swaps needs a gas buffer: see the report.
      const gas = ((await publicClient.estimateContractGas(request)) * 13n) / 10n;
      const hash = await wallet.writeContract({ ...request, gas });
      const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      expect(receipt.status).toBe('success');
      const after = await publicClient.readContract({ address: usdc, abi: DevToken.abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] });
      expect(after - before).toBe(expected);
    }
    // ~2990 USDC on uniswap-v2 (3000 minus fee and impact), more on the deeper fork at 3020.
    expect(quotes[0]!).toBeGreaterThan(2_900n * 10n ** 6n);
    expect(quotes[1]!).toBeGreaterThan(quotes[0]!);
  });

  test('default: every registry contract has code and the capital pool stakes stETH', async () => {
    const { publicClient } = clients();
    for (const key of ['rewardToken', 'emissionController', 'agentRegistry', 'frontendRegistry', 'computeRegistry', 'usageLedger', 'capitalPool']) {
      const code = await publicClient.getCode({ address: devnet.deployment.contracts[key]! });
      expect(code?.length ?? 0, key).toBeGreaterThan(2);
    }
    const rewardToken = await publicClient.readContract({
      address: devnet.deployment.contracts.emissionController!,
      abi: EmissionController.abi,
      functionName: 'rewardToken',
    });
    expect(rewardToken).toBe(devnet.deployment.contracts.rewardToken);
  });

  test('behavior: two bootstraps give the same addresses (the lending market is built alongside, by its own accounts)', async () => {
    // The cached world comes from another bootstrap run; every contract and token must sit at the same address.
    const other = await startTestDevnet();
    try {
      expect(other.deployment.contracts).toEqual(devnet.deployment.contracts);
      expect(other.deployment.tokens).toEqual(devnet.deployment.tokens);
    } finally {
      await other.stop();
    }
  });

  test('behavior: WETH9 wraps ETH for the default account', async () => {
    const { publicClient } = clients();
    const wallet = createWalletClient({ account: DEVNET_ACCOUNT_ADDRESS, chain: devnetChain, transport: http(devnet.rpcUrl) });
    const weth = devnet.deployment.contracts.weth!;
    const hash = await wallet.writeContract({ address: weth, abi: WETH9.abi, functionName: 'deposit', value: parseEther('2') });
    await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    expect(await publicClient.readContract({ address: weth, abi: WETH9.abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] })).toBe(parseEther('3'));
  });
});
