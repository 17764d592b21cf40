/**
 * `agents_cache` + `agent_actions`: the local copy of the onchain agent registry, kept by the indexer. The
 * router asks "which agents serve action X on chain C?"; `agent_actions` answers that from its primary key
 * (chain_id, action, …) without scanning the agents (see agentsCache.test.ts, EXPLAIN QUERY PLAN).
 * Agent ids are uint256, stored as decimal TEXT; actions are bytes32 tags, stored lower-case hex.
 */
import { InputError } from '../../../kernel/index.js';
import { checksumAddress } from './address.js';
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

export type CachedAgent = {
  chainId: number;
  registry: `0x${string}`;
  agentId: bigint;
  owner: `0x${string}`;
  metadataUri: string;
  metadataHash: `0x${string}`;
  endpoint: string;
  feeWei: bigint;
  active: boolean;
  /** bytes32 action tags, lower-case. */
  actions: `0x${string}`[];
  updatedBlock: bigint;
};

export type UpsertAgentParameters = Omit<CachedAgent, 'registry' | 'owner' | 'actions'> & {
  registry: string;
  owner: string;
  actions: readonly string[];
  now?: number | undefined;
};

const BYTES32 = /^0x[0-9a-f]{64}$/;

/**
 * Inserts or replaces one agent and its action index, in one transaction. An event older than what is cached
 * (`updatedBlock` lower than the stored one) is ignored, so replaying a block range is harmless.
 *
 * @returns `true` if the row was written, `false` if it was stale.
 */
export function upsertAgent(db: StoreDb, agent: UpsertAgentParameters): boolean {
  const registry = checksumAddress(agent.registry, 'registry address');
  const owner = checksumAddress(agent.owner, 'agent owner');
  const actions = [...new Set(agent.actions.map(normaliseAction))];
  const agentId = agent.agentId.toString();
  const now = agent.now ?? Date.now();
  return withStoreErrors(db.name, () =>
    db.transaction((): boolean => {
      const info = db
        .prepare(
          `INSERT INTO agents_cache (chain_id, registry, agent_id, owner, metadata_uri, metadata_hash, endpoint,
             fee_wei, active, actions_json, updated_block, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (chain_id, registry, agent_id) DO UPDATE SET
             owner = excluded.owner, metadata_uri = excluded.metadata_uri, metadata_hash = excluded.metadata_hash,
             endpoint = excluded.endpoint, fee_wei = excluded.fee_wei, active = excluded.active,
             actions_json = excluded.actions_json, updated_block = excluded.updated_block,
             updated_at = excluded.updated_at
           WHERE excluded.updated_block >= agents_cache.updated_block`,
        )
        .run(
          agent.chainId,
          registry,
          agentId,
          owner,
          agent.metadataUri,
          agent.metadataHash.toLowerCase(),
          agent.endpoint,
          agent.feeWei.toString(),
          agent.active ? 1 : 0,
          JSON.stringify(actions),
          Number(agent.updatedBlock),
          now,
        );
      if (info.changes !== 1) return false;
      db.prepare(`DELETE FROM agent_actions WHERE chain_id = ? AND registry = ? AND agent_id = ?`).run(
        agent.chainId,
        registry,
        agentId,
      );
      const insert = db.prepare(`INSERT INTO agent_actions (chain_id, action, registry, agent_id) VALUES (?, ?, ?, ?)`);
      for (const action of actions) insert.run(agent.chainId, action, registry, agentId);
      return true;
    })(),
  );
}

export type ListAgentsForActionParameters = {
  chainId: number;
  /** bytes32 tag. */
  action: string;
  /** Default true. */
  activeOnly?: boolean | undefined;
  registry?: string | undefined;
};

/** Agents that declare `action` on `chainId`, cheapest fee first. */
export function listAgentsForAction(db: StoreDb, parameters: ListAgentsForActionParameters): CachedAgent[] {
  const { sql, params } = listAgentsForActionQuery(parameters);
  const rows = withStoreErrors(db.name, () => db.prepare(sql).all(...params)) as AgentRow[];
  return rows.map(toAgent);
}

/** The SQL behind {@link listAgentsForAction}; exported so a test can EXPLAIN it. */
export function listAgentsForActionQuery(parameters: ListAgentsForActionParameters): { sql: string; params: unknown[] } {
  const params: unknown[] = [parameters.chainId, normaliseAction(parameters.action)];
  let sql = `SELECT a.* FROM agent_actions x
    JOIN agents_cache a ON a.chain_id = x.chain_id AND a.registry = x.registry AND a.agent_id = x.agent_id
    WHERE x.chain_id = ? AND x.action = ?`;
  if (parameters.registry !== undefined) {
    sql += ` AND x.registry = ?`;
    params.push(checksumAddress(parameters.registry, 'registry address'));
  }
  if (parameters.activeOnly ?? true) sql += ` AND a.active = 1`;
  sql += ` ORDER BY length(a.fee_wei), a.fee_wei, length(a.agent_id), a.agent_id`;
  return { sql, params };
}

/** One agent, or `undefined`. */
export function getAgent(
  db: StoreDb,
  parameters: { chainId: number; registry: string; agentId: bigint },
): CachedAgent | undefined {
  const row = withStoreErrors(db.name, () =>
    db
      .prepare(`SELECT * FROM agents_cache WHERE chain_id = ? AND registry = ? AND agent_id = ?`)
      .get(parameters.chainId, checksumAddress(parameters.registry, 'registry address'), parameters.agentId.toString()),
  ) as AgentRow | undefined;
  return row ? toAgent(row) : undefined;
}

/** Number of cached agents, optionally for one chain / registry / active only. */
export function countAgents(
  db: StoreDb,
  parameters: { chainId?: number | undefined; registry?: string | undefined; activeOnly?: boolean | undefined } = {},
): number {
  const where: string[] = [];
  const params: unknown[] = [];
  if (parameters.chainId !== undefined) {
    where.push('chain_id = ?');
    params.push(parameters.chainId);
  }
  if (parameters.registry !== undefined) {
    where.push('registry = ?');
    params.push(checksumAddress(parameters.registry, 'registry address'));
  }
  if (parameters.activeOnly) where.push('active = 1');
  const sql = `SELECT count(*) AS n FROM agents_cache${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const row = withStoreErrors(db.name, () => db.prepare(sql).get(...params)) as { n: number };
  return row.n;
}

/**
 * Forgets every agent of one registry and its indexer cursor, in one transaction: used when the chain under a
 * cursor changed (a restarted devnet has the same chain id but a different block hash).
 */
export function resetRegistryCache(db: StoreDb, parameters: { chainId: number; registry: string }): void {
  const registry = checksumAddress(parameters.registry, 'registry address');
  withStoreErrors(db.name, () =>
    db.transaction(() => {
      db.prepare(`DELETE FROM agents_cache WHERE chain_id = ? AND registry = ?`).run(parameters.chainId, registry);
      db.prepare(`DELETE FROM indexer_cursor WHERE chain_id = ? AND contract = ?`).run(parameters.chainId, registry);
    })(),
  );
}

function normaliseAction(action: string): string {
  const lower = action.trim().toLowerCase();
  if (!BYTES32.test(lower))
    throw new InputError('INVALID_ACTION_TAG', `Agent action tag "${action.slice(0, 80)}" is not a bytes32 hex value.`);
  return lower;
}

type AgentRow = {
  chain_id: number;
  registry: string;
  agent_id: string;
  owner: string;
  metadata_uri: string;
  metadata_hash: string;
  endpoint: string;
  fee_wei: string;
  active: number;
  actions_json: string;
  updated_block: number;
};

function toAgent(row: AgentRow): CachedAgent {
  return {
    chainId: row.chain_id,
    registry: row.registry as `0x${string}`,
    agentId: BigInt(row.agent_id),
    owner: row.owner as `0x${string}`,
    metadataUri: row.metadata_uri,
    metadataHash: row.metadata_hash as `0x${string}`,
    endpoint: row.endpoint,
    feeWei: BigInt(row.fee_wei),
    active: row.active === 1,
    actions: JSON.parse(row.actions_json) as `0x${string}`[],
    updatedBlock: BigInt(row.updated_block),
  };
}
