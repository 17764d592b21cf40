/**
 * Every routable registry agent in the local index, on every chain it has indexed: what `lucid agents` lists
 * beside the built-ins. The index may be empty or absent (no registry on this chain, never synced); that is
 * "no registry agents", not an error. Only entries whose metadata was verified against its onchain hash are
 * listed (see ./registryAgents.ts); their text is still untrusted, for the caller to sanitize when shown.
 */
import type { IntentAction } from '../../../kernel/index.js';
import type { StoreDb } from '../store/db.js';
import { listIndexedChains } from '../store/registryIndex.js';
import { registryAgents } from './registryAgents.js';

export type ListedRegistryAgent = {
  chainId: number;
  entryId: bigint;
  id: string;
  actions: IntentAction[];
  /** The chains its metadata names, or the chain it is registered on when it names none. */
  chains: number[];
  description: string;
  endpoint: string;
};

export type ListRegistryAgentsParameters = {
  /** The actions asked about, in the order the entries should list them. */
  actions: readonly IntentAction[];
};

/**
 * @example
 * listRegistryAgents(store.db, { actions: ['swap'] }) // [{ chainId: 31337, entryId: 4n, id: 'quick-swap', actions: ['swap'], … }]
 */
export function listRegistryAgents(db: StoreDb, { actions }: ListRegistryAgentsParameters): ListedRegistryAgent[] {
  const listed = new Map<string, ListedRegistryAgent>();
  for (const chainId of listIndexedChains(db, 'agent'))
    for (const action of actions)
      for (const agent of registryAgents({ db, chainId, action, limit: 1_000 })) {
        const key = `${chainId}:${agent.registryEntry.entryId}`;
        const entry = listed.get(key) ?? {
          chainId,
          entryId: agent.registryEntry.entryId,
          id: agent.id,
          actions: [],
          chains: agent.chains.length ? [...agent.chains] : [chainId],
          description: agent.description,
          endpoint: agent.registryEntry.endpoint,
        };
        entry.actions.push(action);
        listed.set(key, entry);
      }
  return [...listed.values()];
}
