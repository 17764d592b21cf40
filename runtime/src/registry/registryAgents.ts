/**
 * Agents from the onchain AgentRegistry, as the runtime's router sees them: the indexed active entries that
 * declare an action, each turned into an HTTP agent ({@link createHttpAgent}) at its endpoint.
 *
 * Selection is one index range scan of `registry_candidates` (chain, registry, action, fee, id) with a
 * LIMIT: the cheapest `limit` entries, whatever the registry's size (see bench/suites/routing.ts). Each agent
 * carries its entry id, fee and usage count for tie-breaks and for the usage fee the pipeline appends.
 *
 * Registry metadata is untrusted: only entries whose metadata was verified against the onchain content hash
 * (so the id their plans are signed with is known) are returned; their text is sanitized; nothing from it is
 * executed or given to a language model.
 *
 * Names cannot be borrowed: a registry agent's id is `registry:<name>` (see {@link registryAgentId}), its own
 * namespace, so it can never be taken for a built-in (`--agent uniswap-v2` is always the built-in); a name
 * belongs to the first entry that registered it, so a later entry with the same name is not routed to; and the
 * endpoint is pinned by the verified metadata (the indexer only names entries whose onchain endpoint is the one
 * the metadata states, so a changed endpoint unnames the entry until new metadata is registered).
 */
import { createHttpAgent } from '../../../agents/index.js';
import type { Agent, IntentAction } from '../../../kernel/index.js';
import { actionTag } from './kinds.js';
import { sanitizeText } from './metadata.js';
import type { StoreDb } from '../store/db.js';
import { firstEntriesWithNames, listRegistryCandidates, type CandidateRow } from '../store/registryIndex.js';

export type RegistryEntryRef = {
  entryId: bigint;
  registry: `0x${string}`;
  feeWei: bigint;
  usageCount: number;
  endpoint: string;
};

/** The namespace prefix of registry agents' ids. */
export const REGISTRY_AGENT_PREFIX = 'registry:';

/** The id a registry entry named `name` is routed, shown and forced (`--agent`) under: `registry:<name>`. */
export function registryAgentId(name: string): string {
  return `${REGISTRY_AGENT_PREFIX}${name}`;
}

/** An HTTP agent that came from the registry. */
export type RegistryAgent = Agent & { registryEntry: RegistryEntryRef };

export type RegistryAgentsParameters = {
  db: StoreDb;
  chainId: number;
  action: IntentAction;
  /** Most candidates returned (each costs a simulation). Default 8. */
  limit?: number | undefined;
  /** Per-request timeout of the HTTP agents. */
  timeoutMs?: number | undefined;
};

/**
 * Registry agents serving `action` on `chainId`, cheapest fee first (then most used, then lowest id).
 *
 * @example
 * const agents = registryAgents({ db: store.db, chainId: 31337, action: 'swap' })
 */
export function registryAgents({ db, chainId, action, limit = 8, timeoutMs }: RegistryAgentsParameters): RegistryAgent[] {
  const rows = registryCandidates(db, { chainId, action, limit });
  const named = rows.filter((row): row is CandidateRow & { name: string } => Boolean(row.name) && isHttpEndpoint(row.endpoint));
  const owners = new Map<string, Map<string, bigint>>();
  for (const registry of new Set(named.map((row) => row.registry)))
    owners.set(registry, firstEntriesWithNames(db, { chainId, registry, names: [...new Set(named.filter((r) => r.registry === registry).map((r) => r.name))] }));
  const agents: RegistryAgent[] = [];
  for (const row of named) {
    // A name belongs to the entry that registered it first: a later entry with the same name is an impostor.
    if (owners.get(row.registry)?.get(row.name) !== BigInt(row.entry_id)) continue;
    // The wire contract signs plans with the entry's own name; the runtime knows the agent by its namespaced id.
    const http = createHttpAgent({
      id: row.name,
      endpoint: row.endpoint,
      actions: [action],
      chains: parseChains(row.chains_json),
      description: sanitizeText(row.description ?? `registry agent #${row.entry_id}`, 200),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    const id = registryAgentId(row.name);
    agents.push({
      ...http,
      id,
      plan: async (ctx, intent) => ({ ...(await http.plan(ctx, intent)), agentId: id }),
      registryEntry: { entryId: BigInt(row.entry_id), registry: row.registry as `0x${string}`, feeWei: BigInt(row.fee_wei), usageCount: row.usage_count, endpoint: row.endpoint },
    });
  }
  return agents.sort(
    (a, b) =>
      cmp(a.registryEntry.feeWei, b.registryEntry.feeWei) ||
      b.registryEntry.usageCount - a.registryEntry.usageCount ||
      cmp(a.registryEntry.entryId, b.registryEntry.entryId),
  );
}

/** Whether `agent` came from the registry (and so owes a usage fee). */
export function isRegistryAgent(agent: Agent): agent is RegistryAgent {
  return typeof (agent as Partial<RegistryAgent>).registryEntry?.entryId === 'bigint';
}

/**
 * The raw candidate rows (the cheapest `limit` active entries serving `action`, one index range scan; see
 * {@link listRegistryCandidates}). Exported for the routing bench.
 */
export function registryCandidates(db: StoreDb, { chainId, action, limit }: { chainId: number; action: IntentAction | string; limit: number }): CandidateRow[] {
  return listRegistryCandidates(db, { chainId, actionTag: actionTag(action), limit });
}

function isHttpEndpoint(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function parseChains(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
