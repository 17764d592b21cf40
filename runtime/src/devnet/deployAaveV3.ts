/**
 * The devnet's lending market ("aave-v3"): the real Aave V3 bytecode (v3.0.2, as published in `@aave/core-v3`
 * 1.19.3) with USDC, DAI and WETH markets, priced by an AaveOracle whose sources are fixed-answer aggregators
 * the devnet controls (the same prices as the "uniswap-v2" pools). Its admin (anvil #6) deploys it and supplies
 * liquidity, and a borrower (anvil #7) and the admin borrow from it, so every market has a non-zero supply rate, and a
 * different one: the rate follows each market's utilisation, so it is read from chain, never assumed.
 */
import { getAddress, isAddress, maxUint256, parseUnits, zeroAddress, type Address, type Hex } from 'viem';
import {
  AaveACLManager,
  AaveAToken,
  AaveBorrowLogic,
  AaveBridgeLogic,
  AaveConfiguratorLogic,
  AaveDefaultReserveInterestRateStrategy,
  AaveEModeLogic,
  AaveFlashLoanLogic,
  AaveLiquidationLogic,
  AaveMockAggregator,
  AaveOracle,
  AavePool,
  AavePoolAddressesProvider,
  AavePoolConfigurator,
  AavePoolLogic,
  AaveProtocolDataProvider,
  AaveStableDebtToken,
  AaveSupplyLogic,
  AaveVariableDebtToken,
  WETH9,
} from '../../../registry-contracts/artifacts.js';
import { AAVE_ATOKEN_KEY_PREFIX, type DevnetToken } from './deployment.js';
import type { DevnetTransactor } from './deployUniswapV3.js';

/**
 * anvil account #6: deploys and administers the devnet's lending market (pool admin, treasury) and supplies its
 * liquidity. Not the bootstrap's deployer (#9), so the bootstrap can build this market while #9 deploys the rest:
 * each account's nonces, hence every contract address, stay deterministic.
 */
export const DEVNET_AAVE_ADMIN_ADDRESS: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
/** anvil account #7: borrows from the devnet's lending market so its supply rates are not zero. */
export const DEVNET_BORROWER_ADDRESS: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

/** Rates in the interest-rate strategies, as fractions per year (converted to ray). */
type RateModel = { optimalUsage: string; base: string; slope1: string; slope2: string };

/**
 * The markets, in human units. `price` is USD per token (8 decimals in the oracle), matching the "uniswap-v2"
 * pools (ETH at 3000 USDC and 3000 DAI, USDC:DAI 1:1). `supplied` comes from the admin, `borrowed` from the
 * borrower (stables) or the admin (WETH, against its stables). Utilisation — 60% USDC, 75% DAI, 30% WETH —
 * sets the supply rate: borrow rate × utilisation × (1 − reserve factor).
 */
export const DEVNET_AAVE_MARKETS: readonly {
  symbol: 'USDC' | 'DAI' | 'WETH';
  price: string;
  ltvBps: number;
  liquidationThresholdBps: number;
  supplied: string;
  borrowed: string;
  rates: RateModel;
}[] = [
  { symbol: 'USDC', price: '1', ltvBps: 7500, liquidationThresholdBps: 8000, supplied: '2000000', borrowed: '1200000', rates: { optimalUsage: '0.9', base: '0', slope1: '0.04', slope2: '0.6' } },
  { symbol: 'DAI', price: '1', ltvBps: 7500, liquidationThresholdBps: 8000, supplied: '2000000', borrowed: '1500000', rates: { optimalUsage: '0.9', base: '0', slope1: '0.04', slope2: '0.6' } },
  { symbol: 'WETH', price: '3000', ltvBps: 8000, liquidationThresholdBps: 8250, supplied: '500', borrowed: '600', rates: { optimalUsage: '0.8', base: '0', slope1: '0.038', slope2: '0.8' } },
];

/** The borrower's collateral: WETH worth $4.5M against $2.7M of stables borrowed (health factor ≈ 1.4). */
export const DEVNET_AAVE_BORROWER_COLLATERAL_WETH = '1500';
/** Share of interest kept by the protocol's treasury (here the admin), in basis points. */
const RESERVE_FACTOR_BPS = 1000n;
const LIQUIDATION_BONUS_BPS = 10500n;
/**
 * Explicit gas for supply and borrow. eth_estimateGas runs in the latest block's second; once a market has
 * borrows, an action mined in a later second also accrues interest (index and treasury writes), so the
 * estimate came out short and a supply reverted out of gas now and then (more often with the deployer's
 * transactions interleaved). Anything that sends to the pool needs the same margin.
 */
const POOL_ACTION_GAS = 1_000_000n;

export type DeployAaveV3Parameters = {
  weth: Address;
  /** Must hold USDC, DAI and WETH (the markets); the admin must hold the `supplied` amounts of USDC and DAI. */
  tokens: readonly DevnetToken[];
  /** The account `tx` sends as: owner, pool admin, treasury and supplier. */
  admin: Address;
  /** Sends as the borrower (anvil #7, unlocked on anvil). */
  borrowerTx: DevnetTransactor;
  borrower: Address;
};

/**
 * @returns the contracts to add to the deployment record: `aavePoolAddressesProvider`, `aavePool`,
 * `aavePoolConfigurator`, `aaveOracle`, `aaveProtocolDataProvider` and `aaveAToken:<SYMBOL>` per market.
 * @example
 * Object.assign(contracts, await deployAaveV3(tx, { weth, tokens, admin, borrowerTx, borrower }))
 */
export async function deployAaveV3(tx: DevnetTransactor, { weth, tokens, admin, borrowerTx, borrower }: DeployAaveV3Parameters): Promise<Record<string, Address>> {
  const provider = await tx.deploy(AavePoolAddressesProvider.abi, AavePoolAddressesProvider.bytecode, ['Lucid devnet', admin]);
  await tx.write(provider, AavePoolAddressesProvider.abi, 'setACLAdmin', [admin]);
  const acl = await tx.deploy(AaveACLManager.abi, AaveACLManager.bytecode, [provider]);
  await tx.write(provider, AavePoolAddressesProvider.abi, 'setACLManager', [acl]);
  await tx.write(acl, AaveACLManager.abi, 'addPoolAdmin', [admin]);

  // The published Pool, PoolConfigurator and FlashLoanLogic bytecode calls external libraries at addresses
  // left as `__$…$__` placeholders (hardhat links them at deploy time); there is no deploy script to reuse
  // outside hardhat, so the libraries are deployed here and their addresses written into the placeholders.
  const link = (artifact: { bytecode: Hex; linkReferences?: LinkReferences }, linked: Record<string, Address>) =>
    linkBytecode(artifact.bytecode, artifact.linkReferences, linked);
  const standalone = { SupplyLogic: AaveSupplyLogic, BorrowLogic: AaveBorrowLogic, LiquidationLogic: AaveLiquidationLogic, EModeLogic: AaveEModeLogic, BridgeLogic: AaveBridgeLogic, PoolLogic: AavePoolLogic, ConfiguratorLogic: AaveConfiguratorLogic };
  const addresses = await tx.deployAll(Object.values(standalone).map((artifact) => ({ abi: artifact.abi, bytecode: artifact.bytecode, args: [] })));
  const libraries: Record<string, Address> = Object.fromEntries(Object.keys(standalone).map((name, i) => [name, addresses[i]!]));
  // FlashLoanLogic calls BorrowLogic, so it is linked (and deployed) after it.
  libraries.FlashLoanLogic = await tx.deploy(AaveFlashLoanLogic.abi, link(AaveFlashLoanLogic, libraries), []);

  // The provider deploys a proxy in front of each implementation and initialises it.
  const [poolImpl, configuratorImpl, dataProvider] = await tx.deployAll([
    { abi: AavePool.abi, bytecode: link(AavePool, libraries), args: [provider] },
    { abi: AavePoolConfigurator.abi, bytecode: link(AavePoolConfigurator, libraries), args: [] },
    { abi: AaveProtocolDataProvider.abi, bytecode: AaveProtocolDataProvider.bytecode, args: [provider] },
  ]) as [Address, Address, Address];
  await tx.write(provider, AavePoolAddressesProvider.abi, 'setPoolImpl', [poolImpl]);
  await tx.write(provider, AavePoolAddressesProvider.abi, 'setPoolConfiguratorImpl', [configuratorImpl]);
  await tx.write(provider, AavePoolAddressesProvider.abi, 'setPoolDataProvider', [dataProvider]);
  const [pool, configurator] = (await Promise.all([
    tx.read(provider, AavePoolAddressesProvider.abi, 'getPool', []),
    tx.read(provider, AavePoolAddressesProvider.abi, 'getPoolConfigurator', []),
  ])).map(toAddress) as [Address, Address];

  const markets = DEVNET_AAVE_MARKETS.map((market) => {
    const token = tokens.find((t) => t.symbol === market.symbol);
    if (!token) throw new Error(`no ${market.symbol} token for the lending market`);
    return { ...market, token };
  });
  const strategyOf = (rates: RateModel) => JSON.stringify(rates);
  const rateModels = [...new Map(markets.map((m) => [strategyOf(m.rates), m.rates])).values()];
  // Everything here only needs the pool's address: one batch.
  const [aTokenImpl, stableDebtImpl, variableDebtImpl, ...rest] = await tx.deployAll([
    { abi: AaveAToken.abi, bytecode: AaveAToken.bytecode, args: [pool] },
    { abi: AaveStableDebtToken.abi, bytecode: AaveStableDebtToken.bytecode, args: [pool] },
    { abi: AaveVariableDebtToken.abi, bytecode: AaveVariableDebtToken.bytecode, args: [pool] },
    ...markets.map((m) => ({ abi: AaveMockAggregator.abi, bytecode: AaveMockAggregator.bytecode, args: [parseUnits(m.price, 8)] })),
    ...rateModels.map((rates) => ({
      abi: AaveDefaultReserveInterestRateStrategy.abi,
      bytecode: AaveDefaultReserveInterestRateStrategy.bytecode,
      args: [
        provider, ray(rates.optimalUsage), ray(rates.base), ray(rates.slope1), ray(rates.slope2),
        // Stable-rate borrowing stays disabled on the devnet; its parameters only have to be valid.
        0n, 0n, 0n, 0n, ray('0.2'),
      ],
    })),
  ]) as Address[];
  const sources = rest.slice(0, markets.length);
  const strategies = new Map(rateModels.map((rates, i) => [strategyOf(rates), rest[markets.length + i]!]));
  // Base currency address(0) with unit 1e8: prices in USD with 8 decimals, as on Aave's mainnet markets.
  const oracle = await tx.deploy(AaveOracle.abi, AaveOracle.bytecode, [provider, markets.map((m) => m.token.address), sources, zeroAddress, zeroAddress, 10n ** 8n]);
  await tx.write(provider, AavePoolAddressesProvider.abi, 'setPriceOracle', [oracle]);

  await tx.write(configurator, AavePoolConfigurator.abi, 'initReserves', [markets.map((m) => ({
    aTokenImpl,
    stableDebtTokenImpl: stableDebtImpl,
    variableDebtTokenImpl: variableDebtImpl,
    underlyingAssetDecimals: m.token.decimals,
    interestRateStrategyAddress: strategies.get(strategyOf(m.rates))!,
    underlyingAsset: m.token.address,
    treasury: admin,
    incentivesController: zeroAddress,
    aTokenName: `Aave Devnet ${m.symbol}`,
    aTokenSymbol: `a${m.symbol}`,
    variableDebtTokenName: `Aave Devnet Variable Debt ${m.symbol}`,
    variableDebtTokenSymbol: `variableDebt${m.symbol}`,
    stableDebtTokenName: `Aave Devnet Stable Debt ${m.symbol}`,
    stableDebtTokenSymbol: `stableDebt${m.symbol}`,
    params: '0x',
  }))], undefined, 10_000_000n);
  for (const m of markets) {
    await tx.write(configurator, AavePoolConfigurator.abi, 'configureReserveAsCollateral', [m.token.address, BigInt(m.ltvBps), BigInt(m.liquidationThresholdBps), LIQUIDATION_BONUS_BPS]);
    await tx.write(configurator, AavePoolConfigurator.abi, 'setReserveBorrowing', [m.token.address, true]);
    await tx.write(configurator, AavePoolConfigurator.abi, 'setReserveFactor', [m.token.address, RESERVE_FACTOR_BPS]);
  }

  // Liquidity, then borrowing: the borrower's WETH backs the stables it borrows; the admin's stables back
  // the WETH it borrows.
  const units = (m: (typeof markets)[number], amount: string) => parseUnits(amount, m.token.decimals);
  const wethMarket = markets.find((m) => m.symbol === 'WETH')!;
  await tx.write(weth, WETH9.abi, 'deposit', [], units(wethMarket, wethMarket.supplied));
  for (const m of markets) {
    await tx.write(m.token.address, WETH9.abi, 'approve', [pool, maxUint256]);
    await tx.write(pool, AavePool.abi, 'supply', [m.token.address, units(m, m.supplied), admin, 0], undefined, POOL_ACTION_GAS);
  }
  const collateral = parseUnits(DEVNET_AAVE_BORROWER_COLLATERAL_WETH, 18);
  await borrowerTx.write(weth, WETH9.abi, 'deposit', [], collateral);
  await borrowerTx.write(weth, WETH9.abi, 'approve', [pool, maxUint256]);
  await borrowerTx.write(pool, AavePool.abi, 'supply', [weth, collateral, borrower, 0], undefined, POOL_ACTION_GAS);
  for (const m of markets) {
    const sender = m.symbol === 'WETH' ? { tx, account: admin } : { tx: borrowerTx, account: borrower };
    // Interest rate mode 2: variable.
    await sender.tx.write(pool, AavePool.abi, 'borrow', [m.token.address, units(m, m.borrowed), 2n, 0, sender.account], undefined, POOL_ACTION_GAS);
  }

  const contracts: Record<string, Address> = {
    aavePoolAddressesProvider: getAddress(provider),
    aavePool: getAddress(pool),
    aavePoolConfigurator: getAddress(configurator),
    aaveOracle: getAddress(oracle),
    aaveProtocolDataProvider: getAddress(dataProvider),
  };
  for (const m of markets) {
    const reserve = await tx.read(pool, AavePool.abi, 'getReserveData', [m.token.address]);
    contracts[`${AAVE_ATOKEN_KEY_PREFIX}${m.symbol}`] = toAddress((reserve as { aTokenAddress?: unknown }).aTokenAddress);
  }
  return contracts;
}

/** Hardhat's `linkReferences`: source file → library name → where its 20-byte address goes in the bytecode. */
export type LinkReferences = Record<string, Record<string, readonly { start: number; length: number }[]>>;

/**
 * Writes library addresses into their placeholders, at the byte offsets the artifact lists (not by searching
 * for the placeholder text, so a stray match elsewhere in the bytecode cannot be rewritten).
 * @throws Error when the artifact needs a library that `libraries` does not have.
 */
export function linkBytecode(bytecode: Hex, linkReferences: LinkReferences | undefined, libraries: Record<string, Address>): Hex {
  if (!linkReferences) return bytecode;
  let hex = bytecode.slice(2);
  for (const byName of Object.values(linkReferences)) {
    for (const [name, offsets] of Object.entries(byName)) {
      const address = libraries[name];
      if (!address) throw new Error(`library ${name} is not deployed`);
      const body = address.slice(2).toLowerCase();
      for (const { start, length } of offsets) {
        if (length !== 20) throw new Error(`library ${name}: unexpected link length ${length}`);
        hex = hex.slice(0, start * 2) + body + hex.slice((start + length) * 2);
      }
    }
  }
  if (hex.includes('__$')) throw new Error('bytecode still has unlinked libraries');
  return `0x${hex}`;
}

function toAddress(value: unknown): Address {
  if (typeof value !== 'string' || !isAddress(value) || value === zeroAddress) throw new Error(`expected a contract address, got ${String(value)}`);
  return getAddress(value);
}

function ray(fraction: string): bigint {
  return parseUnits(fraction, 27);
}
