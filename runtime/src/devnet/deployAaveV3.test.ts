import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWalletClient, erc20Abi, http, maxUint256, parseUnits, type Address } from 'viem';
import { AaveOracle, AavePool, UniswapV2Factory, UniswapV2Pair } from '../../../registry-contracts/artifacts.js';
import { LucidError } from '../../../kernel/index.js';
import { createClients, DEVNET_ACCOUNT_ADDRESS, devnetChain } from '../chain/clients.js';
import { aavePoolAbi } from '../lending/aavePoolAbi.js';
import { readLendingPosition } from '../lending/readLendingPosition.js';
import { readSupplyRate } from '../lending/readSupplyRate.js';
import { advanceTime } from './advanceTime.js';
import { DEVNET_AAVE_MARKETS, DEVNET_BORROWER_ADDRESS, linkBytecode } from './deployAaveV3.js';
import { listLendingMarkets } from './deployment.js';
import { startTestDevnet, type TestDevnet } from './testing.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

// An estimate made in one second falls short when the action is mined in the next and accrues interest first.
const POOL_GAS = 1_000_000n;
const clients = () => createClients({ rpcUrl: devnet.rpcUrl });
const token = (symbol: string) => {
  const found = devnet.deployment.tokens.find((t) => t.symbol === symbol);
  if (!found) throw new Error(`no ${symbol}`);
  return found;
};
const contract = (key: string): Address => {
  const address = devnet.deployment.contracts[key];
  if (!address) throw new Error(`no ${key} in the deployment`);
  return address;
};

describe('deployAaveV3', () => {
  test('default: the record names the Aave contracts and one aToken per market, each with code', async () => {
    const { publicClient } = clients();
    for (const key of ['aavePoolAddressesProvider', 'aavePool', 'aavePoolConfigurator', 'aaveOracle', 'aaveProtocolDataProvider', 'aaveAToken:USDC', 'aaveAToken:DAI', 'aaveAToken:WETH']) {
      const code = await publicClient.getCode({ address: contract(key) });
      expect(code?.length ?? 0, key).toBeGreaterThan(2);
    }
    const markets = listLendingMarkets(devnet.deployment);
    expect(markets.map((m) => [m.symbol, m.aTokenSymbol, m.decimals]).sort()).toEqual([['DAI', 'aDAI', 18], ['USDC', 'aUSDC', 6], ['WETH', 'aWETH', 18]]);
    for (const market of markets) {
      expect(market.asset).toBe(token(market.symbol).address);
      expect(market.pool).toBe(contract('aavePool'));
      // The record's aToken is the one the pool itself names, and it reports the matching symbol on chain.
      const reserve = await publicClient.readContract({ address: market.pool, abi: aavePoolAbi, functionName: 'getReserveData', args: [market.asset] });
      expect(reserve.aTokenAddress).toBe(market.aToken);
      expect(await publicClient.readContract({ address: market.aToken, abi: erc20Abi, functionName: 'symbol' })).toBe(market.aTokenSymbol);
      expect(await publicClient.readContract({ address: market.aToken, abi: erc20Abi, functionName: 'decimals' })).toBe(market.decimals);
    }
  });

  test('default: every market has a positive supply rate read from chain, and they differ', async () => {
    const { publicClient } = clients();
    const rates: Record<string, number> = {};
    for (const market of listLendingMarkets(devnet.deployment)) {
      const rate = await readSupplyRate(publicClient, { pool: market.pool, asset: market.asset });
      expect(rate.liquidityRateRay, market.symbol).toBeGreaterThan(0n);
      expect(rate.aToken).toBe(market.aToken);
      // APY compounds the APR: a little above it, and both plausible yearly fractions.
      expect(rate.apy).toBeGreaterThan(rate.apr);
      expect(rate.apr).toBeLessThan(0.2);
      expect(Math.abs(rate.apr - Number(rate.liquidityRateRay) / 1e27)).toBeLessThan(1e-9);
      rates[market.symbol] = rate.apr;
    }
    // The configured utilisations (60% USDC, 75% DAI, 30% WETH) with the strategies' slopes and a 10% reserve
    // factor give about 1.44%, 2.25% and 0.38%; utilisation moves with every test's supply, so ranges.
    expect(rates.USDC).toBeGreaterThan(0.01);
    expect(rates.USDC).toBeLessThan(0.02);
    expect(rates.DAI).toBeGreaterThan(0.018);
    expect(rates.DAI).toBeLessThan(0.03);
    expect(rates.WETH).toBeGreaterThan(0.002);
    expect(rates.WETH).toBeLessThan(0.006);
    expect(new Set(Object.values(rates)).size).toBe(3);
  });

  test('behavior: a user supplies 1000 USDC, gets 1000 aUSDC, earns interest over 30 days and withdraws it all', async () => {
    const { publicClient } = clients();
    const wallet = createWalletClient({ account: DEVNET_ACCOUNT_ADDRESS, chain: devnetChain, transport: http(devnet.rpcUrl) });
    const pool = contract('aavePool');
    const aToken = contract('aaveAToken:USDC');
    const usdc = token('USDC').address;
    const amount = parseUnits('1000', 6);
    const send = async (hash: `0x${string}`) => {
      const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      expect(receipt.status).toBe('success');
    };
    const usdcBalance = () => publicClient.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [DEVNET_ACCOUNT_ADDRESS] });

    const start = await usdcBalance();
    await send(await wallet.writeContract({ address: usdc, abi: erc20Abi, functionName: 'approve', args: [pool, amount] }));
    await send(await wallet.writeContract({ address: pool, abi: aavePoolAbi, functionName: 'supply', args: [usdc, amount, DEVNET_ACCOUNT_ADDRESS, 0], gas: POOL_GAS }));
    expect(await usdcBalance()).toBe(start - amount);
    const supplied = await readLendingPosition(publicClient, { aToken, account: DEVNET_ACCOUNT_ADDRESS });
    expect(supplied.asset).toBe(usdc);
    // 1:1 up to the index's rounding of one base unit.
    expect(supplied.balance >= amount - 1n && supplied.balance <= amount).toBe(true);

    const { apr } = await readSupplyRate(publicClient, { pool, asset: usdc });
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 30 * 86_400 });
    const grown = await readLendingPosition(publicClient, { aToken, account: DEVNET_ACCOUNT_ADDRESS });
    expect(grown.scaledBalance).toBe(supplied.scaledBalance);
    const interest = grown.balance - supplied.balance;
    // Linear accrual at the supply rate for 30 days: 1000 × APR × 30/365, within 2%.
    const expected = (Number(amount) * apr * 30) / 365;
    expect(interest).toBeGreaterThan(0n);
    expect(Math.abs(Number(interest) - expected) / expected).toBeLessThan(0.02);

    // type(uint256).max withdraws the whole position, interest included (a few seconds more than read above).
    await send(await wallet.writeContract({ address: pool, abi: aavePoolAbi, functionName: 'withdraw', args: [usdc, maxUint256, DEVNET_ACCOUNT_ADDRESS], gas: POOL_GAS }));
    expect(await usdcBalance()).toBeGreaterThanOrEqual(start + interest);
    expect((await readLendingPosition(publicClient, { aToken, account: DEVNET_ACCOUNT_ADDRESS })).balance).toBe(0n);
  });

  test('default: the oracle prices each market like the uniswap-v2 pools, within 0.5%', async () => {
    const { publicClient } = clients();
    const oracle = contract('aaveOracle');
    const price = async (symbol: string) =>
      Number(await publicClient.readContract({ address: oracle, abi: AaveOracle.abi, functionName: 'getAssetPrice', args: [token(symbol).address] })) / 1e8;
    // The pools' mid prices from their reserves, in USDC and DAI per unit.
    const midPrice = async (base: string, quote: string) => {
      const factory = contract('uniswapV2Factory');
      const [a, b] = [token(base), token(quote)];
      const pair = await publicClient.readContract({ address: factory, abi: UniswapV2Factory.abi, functionName: 'getPair', args: [a.address, b.address] });
      const [r0, r1] = await publicClient.readContract({ address: pair, abi: UniswapV2Pair.abi, functionName: 'getReserves' });
      const token0 = await publicClient.readContract({ address: pair, abi: UniswapV2Pair.abi, functionName: 'token0' });
      const [rBase, rQuote] = token0 === a.address ? [r0, r1] : [r1, r0];
      return Number(rQuote) / 10 ** b.decimals / (Number(rBase) / 10 ** a.decimals);
    };
    const within = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.005);
    within(await price('WETH'), await midPrice('WETH', 'USDC'));
    within(await price('WETH'), await midPrice('WETH', 'DAI'));
    within((await price('USDC')) / (await price('DAI')), await midPrice('USDC', 'DAI'));
    expect(DEVNET_AAVE_MARKETS.map((m) => m.symbol).sort()).toEqual(['DAI', 'USDC', 'WETH']);
  });

  test('default: the borrower is safely collateralised (health factor above 1.2) and really borrows', async () => {
    const { publicClient } = clients();
    const [collateral, debt, , , , healthFactor] = await publicClient.readContract({
      address: contract('aavePool'),
      abi: AavePool.abi,
      functionName: 'getUserAccountData',
      args: [DEVNET_BORROWER_ADDRESS],
    });
    expect(debt).toBeGreaterThan(0n);
    expect(collateral).toBeGreaterThan(debt);
    expect(healthFactor).toBeGreaterThan(12n * 10n ** 17n);
  });

  describe('errors', () => {
    test('readSupplyRate: an asset without a market (stETH) is refused, not read as a zero rate', async () => {
      const { publicClient } = clients();
      const error = await readSupplyRate(publicClient, { pool: contract('aavePool'), asset: token('stETH').address }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LucidError);
      expect((error as LucidError).code).toBe('NOT_A_LENDING_MARKET');
    });

    test('readSupplyRate: an address that is not a pool is refused', async () => {
      const { publicClient } = clients();
      const error = await readSupplyRate(publicClient, { pool: token('USDC').address, asset: token('USDC').address }).catch((e: unknown) => e);
      expect((error as LucidError).code).toBe('NOT_A_LENDING_MARKET');
    });

    test('readLendingPosition: a plain token is not an aToken', async () => {
      const { publicClient } = clients();
      const error = await readLendingPosition(publicClient, { aToken: token('USDC').address, account: DEVNET_ACCOUNT_ADDRESS }).catch((e: unknown) => e);
      expect((error as LucidError).code).toBe('NOT_A_LENDING_POSITION');
    });

    test('linkBytecode: refuses to leave a placeholder or to link a library it was not given', () => {
      expect(() => linkBytecode(AavePool.bytecode, AavePool.linkReferences, {})).toThrow(/not deployed/);
      const libraries = Object.fromEntries(
        Object.values(AavePool.linkReferences).flatMap((byName) => Object.keys(byName)).map((name) => [name, '0x00000000000000000000000000000000000000aa' as Address]),
      );
      const linked = linkBytecode(AavePool.bytecode, AavePool.linkReferences, libraries);
      expect(linked).not.toContain('__$');
      expect(linked.length).toBe(AavePool.bytecode.length);
    });
  });
});
