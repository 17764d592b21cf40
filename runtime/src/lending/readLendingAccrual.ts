/**
 * How far the real outcome of a plan that calls an Aave Pool may lie from its simulation, per token: a lending
 * position grows by the second and the Pool rounds its scaled balance, so the real aToken change may differ from
 * the simulated one by the interest of the seconds between the simulated block and inclusion (at the market's
 * rate at inclusion, on the larger of the position and the simulated change), plus two base units. A "withdraw
 * all" pays the whole position at inclusion: the asset received may grow by as much.
 *
 * Markets are the deployment's (`listLendingMarkets`: the aToken and the asset by address). Nothing is looked up
 * by symbol among the tokens a simulation saw: any contract can call itself "USDC", and a tolerance given to its
 * address would let its balance move unexplained.
 */
import { erc20Abi, isAddressEqual, type Address, type PublicClient } from 'viem';
import type { ResolvedIntent } from '../../../kernel/index.js';
import type { LendingMarket } from '../devnet/deployment.js';
import type { SimulationReport } from '../simulate/types.js';
import { RAY, SECONDS_PER_YEAR } from './aavePoolAbi.js';
import { readSupplyRate } from './readSupplyRate.js';

export type ReadLendingAccrualParameters = {
  /** The deployment's lending markets (`listLendingMarkets(deployment)`). */
  markets: readonly LendingMarket[];
  account: Address;
  /** The plan's calls: without one to a market's Pool nothing accrues. */
  calls: readonly { to: Address }[];
  simulation: Pick<SimulationReport, 'blockNumber' | 'balanceChanges'>;
  /** The plan's resolved intents, for "withdraw all" (matched to a market by the asset's address). */
  intents: readonly (ResolvedIntent | undefined)[];
  /** The block of the last included transaction: balances and the rate are read there. */
  toBlock: bigint;
};

/** The most each token's real change may differ from the simulated one, in base units. */
export type ReadLendingAccrualReturnType = { token: Address; upTo: bigint }[];

/**
 * @example
 * const accruing = await readLendingAccrual(client, { markets, account, calls: review.calls, simulation: review.simulation, intents, toBlock })
 */
export async function readLendingAccrual(client: PublicClient, { markets, account, calls, simulation, intents, toBlock }: ReadLendingAccrualParameters): Promise<ReadLendingAccrualReturnType> {
  const called = markets.filter((market) => calls.some((call) => isAddressEqual(call.to, market.pool)));
  if (called.length === 0) return [];
  const [simulatedBlock, included] = await Promise.all([client.getBlock({ blockNumber: simulation.blockNumber }), client.getBlock({ blockNumber: toBlock })]);
  const elapsed = included.timestamp - simulatedBlock.timestamp;
  const seconds = abs(elapsed) + 13n;
  const year = BigInt(SECONDS_PER_YEAR);
  const found = await Promise.all(
    called.map(async (market) => {
      const [balance, rate] = await Promise.all([
        client.readContract({ address: market.aToken, abi: erc20Abi, functionName: 'balanceOf', args: [account], blockNumber: toBlock }).catch(() => 0n),
        readSupplyRate(client, { pool: market.pool, asset: market.asset, blockNumber: toBlock }).catch(() => undefined),
      ]);
      const simulated = abs(simulation.balanceChanges.find((c) => isAddressEqual(c.address, account) && c.token !== 'ETH' && isAddressEqual(c.token, market.aToken))?.diff ?? 0n);
      const base = balance > simulated ? balance : simulated;
      const upTo = (base * (rate?.liquidityRateRay ?? 0n) * seconds) / (RAY * year) + 2n;
      const withdrawsAll = intents.some(
        (intent) => intent?.action === 'withdraw' && intent.amount?.kind === 'all' && intent.token !== undefined && intent.token.address !== 'ETH' && isAddressEqual(intent.token.address, market.asset),
      );
      return withdrawsAll ? [{ token: market.aToken, upTo }, { token: market.asset, upTo }] : [{ token: market.aToken, upTo }];
    }),
  );
  return found.flat();
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
