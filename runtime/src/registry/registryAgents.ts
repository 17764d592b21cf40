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
 */
import { createHttpAgent } from '../../../agents/sdk/http.js';
import type { Agent, IntentAction } from '../../../kernel/index.js';
import { actionTag } from './kinds.js';
import { sanitizeText } from './metadata.js';
import { ensureRegistryTables } from './tables.js';
import type { StoreDb } from '../store/db.js';

export type RegistryEntryRef = {
  entryId: bigint;
  registry: `0x${string}`;
  feeWei: bigint;
  usageCount: number;
  endpoint: string;
};

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
  const agents: RegistryAgent[] = [];
  for (const row of rows) {
    if (!row.name || !isHttpEndpoint(row.endpoint)) continue;
    const agent = createHttpAgent({
      id: row.name,
      endpoint: row.endpoint,
      actions: [action],
      chains: parseChains(row.chains_json),
      description: sanitizeText(row.description ?? `registry agent #${row.entry_id}`, 200),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    agents.push({
      ...agent,
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

export type CandidateRow = {
  entry_id: string;
  registry: string;
  fee_wei: string;
  endpoint: string;
  name: string | null;
  description: string | null;
  chains_json: string;
  usage_count: number;
};

/**
 * The raw candidate rows: an index range scan on `registry_candidates` for (chain, agent registry, action),
 * cheapest first, then point lookups of at most `limit` entries. Exported for the routing bench.
 */
export function registryCandidates(db: StoreDb, { chainId, action, limit }: { chainId: number; action: IntentAction | string; limit: number }): CandidateRow[] {
  const statements = prepared(db);
  const registry = statements.registry.get(chainId) as { address: string } | undefined;
  if (!registry) return [];
  return statements.candidates.all(chainId, registry.address, actionTag(action), limit, chainId, chainId) as CandidateRow[];
}

type Query = { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
type Statements = { registry: Query; candidates: Query };
const statementCache = new WeakMap<StoreDb, Statements>();

/** Prepared once per connection: preparing costs more than running this query. */
function prepared(db: StoreDb): Statements {
  let statements = statementCache.get(db);
  if (statements) return statements;
  ensureRegistryTables(db);
  statements = {
    registry: db.prepare(`SELECT address FROM registry_contracts WHERE chain_id = ? AND kind = 'agent'`),
    candidates: db.prepare(
      `SELECT c.entry_id, c.registry, a.fee_wei, a.endpoint, i.name, i.description, coalesce(i.chains_json, '[]') AS chains_json,
              coalesce(i.usage_count, 0) AS usage_count
       FROM (SELECT entry_id, registry, fee_key FROM registry_candidates
             WHERE chain_id = ? AND registry = ? AND action = ? ORDER BY fee_key, entry_id LIMIT ?) c
       JOIN agents_cache a ON a.chain_id = ? AND a.registry = c.registry AND a.agent_id = c.entry_id
       LEFT JOIN registry_entry_info i ON i.chain_id = ? AND i.registry = c.registry AND i.entry_id = c.entry_id
       WHERE a.active = 1
       ORDER BY c.fee_key, c.entry_id`,
    ),
  };
  statementCache.set(db, statements);
  return statements;
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
