/**
 * Reading an Aave V3 market from its Pool: the reserve's aToken, its current supply (liquidity) rate, and the
 * flags that say whether it takes deposits. Everything here is a contract read at a block; nothing is assumed.
 *
 * The rate is the Pool's `currentLiquidityRate`: an annual rate in ray (1e27 = 100%), simple (APR); suppliers
 * earn it compounded every second, which is the APY shown beside it. It moves with every supply, borrow and
 * repay in the market.
 */
import { isAddressEqual, parseAbi, zeroAddress, type Address, type PublicClient } from 'viem';

/**
 * The Aave V3 (v3.0, `@aave/core-v3` 1.19) Pool functions Lucid calls or reads, as human-readable ABI: the one
 * copy the agent, the runtime's readers and checks, and the devnet bootstrap all use.
 */
export const aavePoolAbi = parseAbi([
  'struct ReserveConfigurationMap { uint256 data; }',
  'struct ReserveData { ReserveConfigurationMap configuration; uint128 liquidityIndex; uint128 currentLiquidityRate; uint128 variableBorrowIndex; uint128 currentVariableBorrowRate; uint128 currentStableBorrowRate; uint40 lastUpdateTimestamp; uint16 id; address aTokenAddress; address stableDebtTokenAddress; address variableDebtTokenAddress; address interestRateStrategyAddress; uint128 accruedToTreasury; uint128 unbacked; uint128 isolationModeTotalDebt; }',
  'function getReserveData(address asset) view returns (ReserveData)',
  'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  'function withdraw(address asset, uint256 amount, address to) returns (uint256)',
  'function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)',
  'function getReservesList() view returns (address[])',
]);

/** 1e27: Aave's fixed-point unit for rates and indexes (a rate of one RAY is 100% a year). */
export const RAY = 10n ** 27n;
/** Aave's year for rates: 365 days, no leap years (`MathUtils.SECONDS_PER_YEAR`). */
export const SECONDS_PER_YEAR = 365 * 86_400;

export type LendingReserve = {
  asset: Address;
  aToken: Address;
  /** `currentLiquidityRate`: the supply APR in ray. */
  liquidityRateRay: bigint;
  active: boolean;
  frozen: boolean;
  paused: boolean;
};

export type ReadLendingReserveParameters = { pool: Address; asset: Address; blockNumber?: bigint | undefined };

/**
 * The market of `asset` in the Pool at `pool`, or undefined when the Pool lists no such market.
 *
 * @example
 * const reserve = await readLendingReserve(client, { pool: contracts.aavePool, asset: usdc })
 */
export async function readLendingReserve(client: Pick<PublicClient, 'readContract'>, { pool, asset, blockNumber }: ReadLendingReserveParameters): Promise<LendingReserve | undefined> {
  const data = await client.readContract({ address: pool, abi: aavePoolAbi, functionName: 'getReserveData', args: [asset], blockNumber });
  if (isAddressEqual(data.aTokenAddress, zeroAddress)) return undefined;
  // ReserveConfigurationMap: bit 56 active, bit 57 frozen, bit 60 paused.
  const bit = (n: bigint) => ((data.configuration.data >> n) & 1n) === 1n;
  return { asset, aToken: data.aTokenAddress, liquidityRateRay: data.currentLiquidityRate, active: bit(56n), frozen: bit(57n), paused: bit(60n) };
}

/** The supply rate as fractions of one: `apr` (what the Pool states) and `apy` (compounded every second). */
export function supplyRateOf(liquidityRateRay: bigint): { apr: number; apy: number } {
  // Scaled to 1e-12 before the float, so a small rate is not lost to rounding a 1e27-scale integer.
  const apr = Number((liquidityRateRay * 10n ** 12n) / RAY) / 1e12;
  const apy = Math.expm1(SECONDS_PER_YEAR * Math.log1p(apr / SECONDS_PER_YEAR));
  return { apr, apy };
}

/** "3.05% APY (3.00% APR)": the rate as the review and `--explain` show it. */
export function formatSupplyRate(liquidityRateRay: bigint): string {
  const { apr, apy } = supplyRateOf(liquidityRateRay);
  return `${percent(apy)} APY (${percent(apr)} APR)`;
}

function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 4 : 2)}%`;
}
