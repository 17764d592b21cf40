/**
 * The CLI is itself a registered frontend, so the community pool pays whoever runs the interface users
 * came through. {@link ensureCliFrontend} finds "lucid-cli" in the indexed frontend registry, or registers
 * it once through the guarded pipeline (devnet only: on a real chain that is a decision for a person, made
 * with `lucid frontend register`). {@link usageCallForAgent} is what the pipeline appends to a plan that
 * runs through a registered agent.
 */
import { RefusedError, type PlanCall } from '../../../kernel/index.js';
import type { StoreDb } from '../store/db.js';
import { findActiveEntryByName } from '../store/registryIndex.js';
import type { Session } from '../session/types.js';
import { syncRegistry } from './indexer.js';
import { registryAddress, registryContractsFrom, type RegistryContracts } from './kinds.js';
import { metadataDir, pinMetadata, type EntryMetadata } from './metadata.js';
import { registerEntryPlan, usageCallFor, usageFee } from './plans.js';

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

/**
 * The CLI's frontend id on this chain: found in the index, or registered once (fee 0) on the devnet.
 *
 * @throws RefusedError `CLI_FRONTEND_NOT_REGISTERED` on a non-devnet chain where it is not registered.
 */
export async function ensureCliFrontend(session: Session, { onProgress }: EnsureCliFrontendParameters = {}): Promise<bigint> {
  const { db } = session.store;
  const contracts = registryContractsFrom(session.contracts);
  const dir = metadataDir(session.home);
  const pinned = pinMetadata({ home: session.home, metadata: cliFrontendMetadata });
  await syncRegistry({ client: session.publicClient, db, chainId: session.chainId, contracts, metadataDir: dir });
  const found = findCliFrontend(db, { chainId: session.chainId, contracts });
  if (found !== undefined) return found;
  if (!session.isDevnet)
    throw new RefusedError('CLI_FRONTEND_NOT_REGISTERED', 'the Lucid CLI is not registered as a frontend on this chain', {
      hints: ['register it with `lucid frontend register lucid-cli`, or run without usage recording'],
    });
  onProgress?.('registering the Lucid CLI as a frontend on the devnet');
  const { runPlan } = await import('../pipeline/runPlan.js');
  const plan = registerEntryPlan({
    kind: 'frontend',
    contracts,
    name: CLI_FRONTEND_NAME,
    metadataUri: pinned.uri,
    contentHash: pinned.contentHash,
    tags: [],
    endpoint: '',
    feeWei: 0n,
  });
  const outcome = await runPlan(session, { text: 'register lucid-cli as a frontend', plans: [plan], mode: 'execute', confirm: async () => true });
  if (outcome.status !== 'confirmed')
    throw new RefusedError('CLI_FRONTEND_NOT_REGISTERED', `registering the Lucid CLI as a frontend did not confirm (${outcome.status})`);
  await syncRegistry({ client: session.publicClient, db, chainId: session.chainId, contracts, metadataDir: dir });
  const id = findCliFrontend(db, { chainId: session.chainId, contracts });
  if (id === undefined) throw new RefusedError('CLI_FRONTEND_NOT_REGISTERED', 'the Lucid CLI frontend was registered but is not in the index');
  return id;
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
  { agent, frontendId = 0n, computeId = 0n }: { agent: { registryEntry?: RegistryEntryRef | undefined }; frontendId?: bigint | undefined; computeId?: bigint | undefined },
): Promise<PlanCall | undefined> {
  const entry = agent.registryEntry;
  if (!entry) return undefined;
  const contracts = registryContractsFrom(session.contracts);
  const fee = await usageFee(session.publicClient, { contracts, agentRegistryId: entry.entryId, frontendId, computeId });
  return usageCallFor({ usageLedger: contracts.usageLedger, agentRegistryId: entry.entryId, frontendId, computeId, fee });
}
