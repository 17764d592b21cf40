/**
 * The receipt tokens of the lending steps' markets, read from the market itself: for each supply or withdraw
 * intent's asset, the aToken the deployment's Aave Pool (`aavePool`) lists for it at the simulated block. The
 * checks hold a supply to paying that receipt to the user, and a withdrawal to burning only it
 * (./checkIntentEffects.ts). An asset the Pool has no market for has no receipt, and its lending step stays
 * unexplained.
 */
import type { Address, PublicClient } from 'viem';
import type { ResolvedIntent } from '../../../kernel/index.js';
import { readSupplyRate } from '../lending/readSupplyRate.js';
import type { LendingReceipt } from './checkIntentEffects.js';

export type ReadLendingReceiptsParameters = {
  intents: readonly ResolvedIntent[];
  contracts: Record<string, Address>;
  /**
   * The block the simulation ran on: the receipts are the Pool's there, not at the head, which may have moved
   * (a market listed after the simulated block explains nothing the simulation did).
   */
  blockNumber: bigint;
};

/**
 * @example
 * const receipts = await readLendingReceipts(client, { intents, contracts: session.contracts, blockNumber: report.blockNumber })
 */
export async function readLendingReceipts(client: PublicClient, { intents, contracts, blockNumber }: ReadLendingReceiptsParameters): Promise<LendingReceipt[]> {
  const pool = contracts.aavePool;
  if (!pool) return [];
  const assets = new Map<string, { address: Address; symbol: string }>();
  for (const intent of intents)
    if ((intent.action === 'supply' || intent.action === 'withdraw') && intent.token && intent.token.address !== 'ETH')
      assets.set(intent.token.address.toLowerCase(), { address: intent.token.address, symbol: intent.token.symbol });
  const receipts = await Promise.all(
    [...assets.values()].map(async (asset): Promise<LendingReceipt | undefined> => {
      const reserve = await readSupplyRate(client, { pool, asset: asset.address, blockNumber }).catch(() => undefined);
      return reserve && { token: reserve.aToken, underlying: asset.address, symbol: `a${asset.symbol}` };
    }),
  );
  return receipts.filter((receipt): receipt is LendingReceipt => receipt !== undefined);
}
