/**
 * The user's positions in the deployment's own contracts, as view calls the simulation reads before the plan
 * and after it (issue 13, guarantee 1: "positions read before and after, not only trusted from events"):
 *
 * | contract | view | what it is |
 * |---|---|---|
 * | capital pool | `positionOf(user)` | stake, lock end, multiplier, rewards earned |
 * | each registry, per entry the user owns | `entry(id)`, `getApproved(id)` | owner, fee, active flag, who may take it |
 * | usage ledger, per entry the user owns | `claimableRewards(pool, id)`, `feesOwed(pool, id)` | what the entry has earned |
 *
 * An entry's endpoint, metadata and tags are not in storage (only in the registry's events), so no view can
 * read them: the log check ({@link checkLogEffects}) covers those, and only the registry can emit them.
 */
import { encodeFunctionData, type Address } from 'viem';
import { AgentRegistry, CapitalPool, UsageLedger } from '../../../registry-contracts/index.js';
import type { ViewCall } from '../simulate/engine.js';

/** The registries by their UsageLedger pool index (`Pool.Code`, `Pool.Community`, `Pool.Compute`). */
export const registryPools = ['agentRegistry', 'frontendRegistry', 'computeRegistry'] as const;

/** Most entries read per registry: the reads stay bounded whatever the index says. */
const maxEntries = 32;

export type ListPositionViewsParameters = {
  account: Address;
  /** The deployment's protocol contracts by name. */
  contracts: Record<string, Address>;
  /** Entries the user owns (from the registry index), by registry address. */
  entries: readonly { registry: Address; entryId: bigint }[];
};

/**
 * @example
 * const views = listPositionViews({ account, contracts: session.contracts, entries })
 * const report = await simulatePlan(client, { account, calls, tokens, views })
 */
export function listPositionViews({ account, contracts, entries }: ListPositionViewsParameters): ViewCall[] {
  const views: ViewCall[] = [];
  if (contracts.capitalPool) views.push({ to: contracts.capitalPool, data: encodeFunctionData({ abi: CapitalPool.abi, functionName: 'positionOf', args: [account] }) });
  registryPools.forEach((key, pool) => {
    const registry = contracts[key];
    if (!registry) return;
    const owned = entries.filter((entry) => entry.registry.toLowerCase() === registry.toLowerCase()).slice(0, maxEntries);
    for (const { entryId } of owned) {
      views.push({ to: registry, data: encodeFunctionData({ abi: AgentRegistry.abi, functionName: 'entry', args: [entryId] }) });
      views.push({ to: registry, data: encodeFunctionData({ abi: AgentRegistry.abi, functionName: 'getApproved', args: [entryId] }) });
      if (!contracts.usageLedger) continue;
      views.push({ to: contracts.usageLedger, data: encodeFunctionData({ abi: UsageLedger.abi, functionName: 'claimableRewards', args: [pool, entryId] }) });
      views.push({ to: contracts.usageLedger, data: encodeFunctionData({ abi: UsageLedger.abi, functionName: 'feesOwed', args: [pool, entryId] }) });
    }
  });
  return views;
}
