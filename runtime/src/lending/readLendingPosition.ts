/**
 * Reads a lending position: how much of the underlying an account can withdraw from an Aave V3 market, which
 * is its aToken balance (aTokens track the underlying 1:1 and grow as interest accrues).
 */
import { getAddress, type Address, type PublicClient } from 'viem';
import { ChainError } from '../../../kernel/index.js';
import { aaveATokenAbi } from './aavePoolAbi.js';

export type ReadLendingPositionParameters = {
  /** The market's aToken, e.g. the deployment's `aaveAToken:USDC`. */
  aToken: Address;
  account: Address;
  blockNumber?: bigint | undefined;
};

export type ReadLendingPositionReturnType = {
  aToken: Address;
  /** The underlying token, as the aToken itself reports it. */
  asset: Address;
  /** The aToken balance = the underlying value, interest included, in the asset's base units. */
  balance: bigint;
  /** The balance without interest index (what the pool stores); `balance` = scaled × the market's index. */
  scaledBalance: bigint;
};

export type ReadLendingPositionErrorType = ChainError;

/**
 * @returns the position's underlying value in base units (the asset's decimals).
 * @throws ChainError `NOT_A_LENDING_POSITION` when the address does not answer as an aToken.
 * @example
 * const { balance } = await readLendingPosition(publicClient, { aToken: deployment.contracts['aaveAToken:USDC'], account })
 */
export async function readLendingPosition(
  client: PublicClient,
  { aToken, account, blockNumber }: ReadLendingPositionParameters,
): Promise<ReadLendingPositionReturnType> {
  try {
    const [balance, scaledBalance, asset] = await Promise.all([
      client.readContract({ address: aToken, abi: aaveATokenAbi, functionName: 'balanceOf', args: [account], blockNumber }),
      client.readContract({ address: aToken, abi: aaveATokenAbi, functionName: 'scaledBalanceOf', args: [account], blockNumber }),
      client.readContract({ address: aToken, abi: aaveATokenAbi, functionName: 'UNDERLYING_ASSET_ADDRESS', blockNumber }),
    ]);
    return { aToken: getAddress(aToken), asset: getAddress(asset), balance, scaledBalance };
  } catch (error) {
    throw new ChainError('NOT_A_LENDING_POSITION', `Cannot read a lending position from ${aToken}.`, {
      details: error instanceof Error ? error.message.split('\n')[0] : String(error),
      hints: ['Check that the address is an Aave V3 aToken on this chain.'],
      cause: error,
    });
  }
}
