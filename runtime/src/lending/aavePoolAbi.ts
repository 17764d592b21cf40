/**
 * The few Aave V3 (v3.0, `@aave/core-v3` 1.19) functions Lucid reads, as human-readable ABI. Written out
 * rather than imported from the generated artifacts so the readers need no contract build, and so a reader
 * decodes exactly the fields it trusts.
 */
import { parseAbi } from 'viem';

/** `IPool.getReserveData` returns the v3.0 `DataTypes.ReserveData` struct. */
export const aavePoolAbi = parseAbi([
  'struct ReserveConfigurationMap { uint256 data; }',
  'struct ReserveData { ReserveConfigurationMap configuration; uint128 liquidityIndex; uint128 currentLiquidityRate; uint128 variableBorrowIndex; uint128 currentVariableBorrowRate; uint128 currentStableBorrowRate; uint40 lastUpdateTimestamp; uint16 id; address aTokenAddress; address stableDebtTokenAddress; address variableDebtTokenAddress; address interestRateStrategyAddress; uint128 accruedToTreasury; uint128 unbacked; uint128 isolationModeTotalDebt; }',
  'function getReserveData(address asset) view returns (ReserveData)',
  'function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)',
  'function withdraw(address asset, uint256 amount, address to) returns (uint256)',
  'function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)',
  'function getReservesList() view returns (address[])',
]);

/** An aToken: an ERC-20 whose balance is the underlying value, interest included. */
export const aaveATokenAbi = parseAbi([
  'function balanceOf(address account) view returns (uint256)',
  'function scaledBalanceOf(address account) view returns (uint256)',
  'function UNDERLYING_ASSET_ADDRESS() view returns (address)',
  'function POOL() view returns (address)',
  'function decimals() view returns (uint8)',
  'function symbol() view returns (string)',
]);

/** Aave's rates are per year, in ray (1e27 = 100%). */
export const RAY = 10n ** 27n;
/** Aave's year for rates: 365 days, no leap years (`MathUtils.SECONDS_PER_YEAR`). */
export const SECONDS_PER_YEAR = 365 * 24 * 60 * 60;
