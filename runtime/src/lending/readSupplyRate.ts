/**
 * Reads an Aave V3 market's current supply rate from chain: what a supplier of `asset` earns right now. The
 * rate moves with every supply, borrow and withdrawal (it follows the market's utilisation), so it is a reading
 * at one block, never a promise.
 */
import { getAddress, isAddressEqual, zeroAddress, type Address, type PublicClient } from 'viem';
import { ChainError } from '../../../kernel/index.js';
import { supplyRateOf } from '../../../agents/index.js';
import { aavePoolAbi } from './aavePoolAbi.js';

export type ReadSupplyRateParameters = {
  /** The Aave Pool (proxy), e.g. the deployment's `aavePool`. */
  pool: Address;
  /** The underlying asset of the market (USDC, not aUSDC). */
  asset: Address;
  blockNumber?: bigint | undefined;
};

export type ReadSupplyRateReturnType = {
  /** `currentLiquidityRate`: the supply APR in ray (1e27 = 100% a year), exactly as the pool stores it. */
  liquidityRateRay: bigint;
  /** The same rate as a plain fraction per year: 0.031 = 3.1% APR. */
  apr: number;
  /** The APR compounded every second over a year, as Aave's own UI shows it: 0.0315 = 3.15% APY. */
  apy: number;
  /** The receipt token a supply mints (the reserve's aToken). */
  aToken: Address;
  /** When the reserve last updated its rate (unix seconds). */
  lastUpdateTimestamp: number;
};

export type ReadSupplyRateErrorType = ChainError;

/**
 * @returns the supply rate as ray, APR and APY, and the market's aToken.
 * @throws ChainError `NOT_A_LENDING_MARKET` when the pool has no reserve for `asset`, or the read fails.
 * @example
 * const { apy } = await readSupplyRate(publicClient, { pool: deployment.contracts.aavePool, asset: usdc })
 */
export async function readSupplyRate(client: PublicClient, { pool, asset, blockNumber }: ReadSupplyRateParameters): Promise<ReadSupplyRateReturnType> {
  let reserve;
  try {
    reserve = await client.readContract({ address: pool, abi: aavePoolAbi, functionName: 'getReserveData', args: [asset], blockNumber });
  } catch (error) {
    throw new ChainError('NOT_A_LENDING_MARKET', `Cannot read the supply rate of ${asset} from the lending pool ${pool}.`, {
      details: error instanceof Error ? error.message.split('\n')[0] : String(error),
      hints: ['Check that the address is an Aave V3 pool on this chain.'],
      cause: error,
    });
  }
  // An asset the pool does not list reads as an all-zero struct rather than a revert.
  if (isAddressEqual(reserve.aTokenAddress, zeroAddress)) {
    throw new ChainError('NOT_A_LENDING_MARKET', `The lending pool ${pool} has no market for ${asset}.`);
  }
  const liquidityRateRay = reserve.currentLiquidityRate;
  const { apr, apy } = supplyRateOf(liquidityRateRay);
  return {
    liquidityRateRay,
    apr,
    apy,
    aToken: getAddress(reserve.aTokenAddress),
    lastUpdateTimestamp: reserve.lastUpdateTimestamp,
  };
}

