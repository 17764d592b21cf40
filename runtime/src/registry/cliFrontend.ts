/**
 * The CLI is itself a registered frontend, so the community pool pays whoever runs the interface users
 * came through. {@link ensureCliFrontend} finds "lucid-cli" in the indexed frontend registry (the devnet
 * bootstrap registers it with the deployer; on a real chain that is a decision for a person, made with
 * `lucid frontend register lucid-cli`). {@link usageCallForAgent} is what the pipeline appends to a plan that
 * runs through a registered agent.
 */
import type { PlanCall, PlanFee } from '../../../kernel/index.js';
import type { StoreDb } from '../store/db.js';
import { findActiveEntryByName } from '../store/registryIndex.js';
import type { Session } from '../session/types.js';
import { readEntry, syncRegistry, writeEntry } from './indexer.js';
import { listEntries } from './views.js';
import { registryAddress, registryContractsFrom, type RegistryContracts } from './kinds.js';
import { metadataDir, pinMetadata, type EntryMetadata } from './metadata.js';
import { usageCallFor, usageFees } from './plans.js';

export const CLI_FRONTEND_NAME = 'lucid-cli';

export const cliFrontendMetadata: EntryMetadata = {
  id: CLI_FRONTEND_NAME,
  kind: 'frontend',
  description: 'The Lucid command-line interface: intents typed in a terminal, simulated, shown and signed locally.',
  actions: ['cli'],
  chains: [],
};

/** The id of the active "lucid-cli" frontend in the index (lowest id wins), or `undefined`. */
export function findCliFrontend(db: StoreDb, { chainId, contracts }: { chainId: number; contracts: RegistryContracts }): bigint | undefined {
  return findActiveEntryByName(db, { chainId, registry: registryAddress(contracts, 'frontend'), name: CLI_FRONTEND_NAME });
}

export type EnsureCliFrontendParameters = {
  onProgress?: ((message: string) => void) | undefined;
};

/** The CLI's frontend id on this chain, found in the index; 0 (no frontend) when it is not registered. */
export async function ensureCliFrontend(session: Session, { onProgress }: EnsureCliFrontendParameters = {}): Promise<bigint> {
  const { db } = session.store;
  const contracts = registryContractsFrom(session.contracts);
  const dir = metadataDir(session.home);
  // The bytes behind the registered URI, so the indexer can read the entry's name.
  const pinned = pinMetadata({ home: session.home, metadata: cliFrontendMetadata });
  await syncRegistry({ client: session.publicClient, db, chainId: session.chainId, contracts, metadataDir: dir });
  const found = findCliFrontend(db, { chainId: session.chainId, contracts });
  if (found !== undefined) return found;
  // Indexed before its metadata was pinned in this home (the bootstrap's entry): read those entries again.
  const registry = registryAddress(contracts, 'frontend');
  for (const entry of listEntries(db, { chainId: session.chainId, contracts, kind: 'frontend' }))
    if (!entry.name && entry.metadataUri === pinned.uri)
      writeEntry(db, await readEntry(session.publicClient, { chainId: session.chainId, registry, entryId: entry.entryId, metadataDir: dir }));
  const reread = findCliFrontend(db, { chainId: session.chainId, contracts });
  if (reread !== undefined) return reread;
  // Never registered here: that would sign with the user's account, unasked and even under --dry-run. The
  // devnet bootstrap registers it with the deployer; a chain without it credits no frontend (id 0).
  onProgress?.('the Lucid CLI is not a registered frontend on this chain: no frontend is credited');
  return 0n;
}

/**
 * Brings the index up to date for a session, or does nothing when the chain has no registry contracts.
 * For the session/pipeline: call it before `registryAgents()` so new registrations are routable.
 */
export async function syncSessionRegistry(session: Pick<Session, 'publicClient' | 'chainId' | 'contracts' | 'home' | 'store'>): Promise<void> {
  let contracts: RegistryContracts;
  try {
    contracts = registryContractsFrom(session.contracts);
  } catch {
    return;
  }
  await syncRegistry({ client: session.publicClient, db: session.store.db, chainId: session.chainId, contracts, metadataDir: metadataDir(session.home) });
}

/** What a registry agent carries (see ./registryAgents.ts): its entry in the AgentRegistry. */
export type RegistryEntryRef = { entryId: bigint; registry: `0x${string}`; feeWei: bigint };

/**
 * The `recordUsage` call to append to a plan produced by `agent`, or `undefined` when the agent is not a
 * registry agent. Fees are read live from the registries (`usageTerms`), so the value is exactly what the
 * ledger will charge.
 */
export async function usageCallForAgent(
  session: Pick<Session, 'publicClient' | 'contracts'>,
  parameters: { agent: { registryEntry?: RegistryEntryRef | undefined }; frontendId?: bigint | undefined; computeId?: bigint | undefined },
): Promise<PlanCall | undefined> {
  return (await usageForAgent(session, parameters))?.call;
}

/**
 * {@link usageCallForAgent} with each fee it pays (agent, frontend, compute; only those above zero), for the
 * review's fee lines and the checks that allow exactly them.
 */
export async function usageForAgent(
  session: Pick<Session, 'publicClient' | 'contracts'>,
  { agent, frontendId = 0n, computeId = 0n }: { agent: { registryEntry?: RegistryEntryRef | undefined }; frontendId?: bigint | undefined; computeId?: bigint | undefined },
): Promise<{ call: PlanCall; fees: PlanFee[] } | undefined> {
  const entry = agent.registryEntry;
  if (!entry) return undefined;
  const contracts = registryContractsFrom(session.contracts);
  const parts = await usageFees(session.publicClient, { contracts, agentRegistryId: entry.entryId, frontendId, computeId });
  const fee = parts.reduce((sum, part) => sum + part.amount, 0n);
  const call = usageCallFor({ usageLedger: contracts.usageLedger, agentRegistryId: entry.entryId, frontendId, computeId, fee });
  return { call, fees: parts.filter((part) => part.amount > 0n) };
}
