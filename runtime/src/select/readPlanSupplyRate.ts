/**
 * The supply rate a lending plan will earn, read by Lucid itself from the market the plan's calls supply to —
 * never the agent's own figure, which is only text. A plan's supply call must be to a lending pool the
 * deployment names (`aavePool`) and for the intent's token; the rate is that Pool's `currentLiquidityRate` for
 * the token at the plan's block. Anything else has no rate Lucid can vouch for: undefined.
 */
import { decodeFunctionData, isAddressEqual, type Address, type PublicClient } from 'viem';
import type { Plan, ResolvedIntent } from '../../../kernel/index.js';
import { formatSupplyRate } from '../../../agents/index.js';
import { aavePoolAbi } from '../lending/aavePoolAbi.js';
import { readSupplyRate } from '../lending/readSupplyRate.js';

export type PlanSupplyRate = {
  /** The annual supply rate (APR) in ray, 1e27 = 100%. */
  rateRay: bigint;
  /** "3.05% APY (3.00% APR)". */
  text: string;
  /** Where it was read: "Pool 0x…1234 getReserveData(USDC).currentLiquidityRate". */
  source: string;
  /** The receipt token the market mints (the aToken). */
  receiptToken: Address;
};

export type ReadPlanSupplyRateParameters = {
  plan: Pick<Plan, 'calls'>;
  intent: Pick<ResolvedIntent, 'token'>;
  contracts: Record<string, Address>;
  blockNumber?: bigint | undefined;
};

/**
 * @example
 * const rate = await readPlanSupplyRate(client, { plan, intent, contracts: session.contracts })
 */
export async function readPlanSupplyRate(client: PublicClient, { plan, intent, contracts, blockNumber }: ReadPlanSupplyRateParameters): Promise<PlanSupplyRate | undefined> {
  const pool = contracts.aavePool;
  const token = intent.token;
  if (!pool || !token || token.address === 'ETH') return undefined;
  const supplies = plan.calls.filter((call) => isAddressEqual(call.to, pool) && suppliedAsset(call.data) !== undefined);
  if (supplies.length === 0 || !supplies.every((call) => isAddressEqual(suppliedAsset(call.data)!, token.address as Address))) return undefined;
  const reserve = await readSupplyRate(client, { pool, asset: token.address, blockNumber }).catch(() => undefined);
  if (!reserve) return undefined;
  return {
    rateRay: reserve.liquidityRateRay,
    text: formatSupplyRate(reserve.liquidityRateRay),
    source: `Pool ${pool.slice(0, 6)}…${pool.slice(-4)} getReserveData(${token.symbol}).currentLiquidityRate`,
    receiptToken: reserve.aToken,
  };
}

function suppliedAsset(data: `0x${string}`): Address | undefined {
  try {
    const decoded = decodeFunctionData({ abi: aavePoolAbi, data });
    return decoded.functionName === 'supply' ? decoded.args[0] : undefined;
  } catch {
    return undefined;
  }
}
