/**
 * The registry index (tables of migration 0030, plus `agents_cache`/`agent_actions`/`indexer_cursor`): what the
 * indexer writes after each batch of registry events, and what routing, the contributor commands and the
 * CLI-as-frontend read back. Entries of the three registries share the tables, told apart by registry address.
 */
import type { Address } from 'viem';
import { toChecksumAddress as getAddress } from '../../../kernel/index.js';
import { resetRegistryCache, upsertAgent } from './agentsCache.js';
import type { StoreDb } from './db.js';
import { setCursor } from './indexerCursor.js';

export type EntryKind = 'agent' | 'frontend' | 'compute';

/** Fees as fixed-width decimal text, so text order is numeric order (uint96 has at most 29 digits). */
export function feeKey(fee: bigint): string {
  return fee.toString().padStart(30, '0');
}

/** Records which address is which registry (and `ledger`, the UsageLedger) on a chain. */
export function rememberRegistryContracts(db: StoreDb, { chainId, addresses }: { chainId: number; addresses: Partial<Record<EntryKind | 'ledger', Address>> }): void {
  const upsert = db.prepare(
    `INSERT INTO registry_contracts (chain_id, kind, address) VALUES (?, ?, ?) ON CONFLICT (chain_id, kind) DO UPDATE SET address = excluded.address`,
  );
  db.transaction(() => {
    for (const [kind, address] of Object.entries(addresses)) if (address) upsert.run(chainId, kind, address);
  })();
}

/** The chains whose `kind` registry has been indexed, ascending. */
export function listIndexedChains(db: StoreDb, kind: EntryKind): number[] {
  const rows = db.prepare(`SELECT chain_id FROM registry_contracts WHERE kind = ? ORDER BY chain_id`).all(kind) as { chain_id: number }[];
  return rows.map((row) => row.chain_id);
}

/** One registry entry as the index stores it: its onchain state at `block`, and what verified metadata says. */
export type IndexedEntryRow = {
  chainId: number;
  registry: Address;
  entryId: bigint;
  owner: Address;
  metadataUri: string;
  contentHash: `0x${string}`;
  endpoint: string;
  feeWei: bigint;
  active: boolean;
  /** bytes32 tags. */
  tags: readonly `0x${string}`[];
  block: bigint;
  /** From verified metadata, sanitized; null when unknown. */
  name: string | null;
  description: string | null;
  chains: readonly number[];
};

/**
 * Writes one entry: its `agents_cache`/`agent_actions` row, its routing candidates (active entries only)
 * and its name/description. Older state than what is stored is ignored.
 *
 * @returns whether the entry was written (false when the stored state is newer).
 */
export function writeIndexedEntry(db: StoreDb, entry: IndexedEntryRow): boolean {
  return db.transaction((): boolean => {
    const written = upsertAgent(db, {
      chainId: entry.chainId,
      registry: entry.registry,
      agentId: entry.entryId,
      owner: entry.owner,
      metadataUri: entry.metadataUri,
      metadataHash: entry.contentHash,
      endpoint: entry.endpoint,
      feeWei: entry.feeWei,
      active: entry.active,
      actions: entry.tags.map((tag) => tag.toLowerCase()),
      updatedBlock: entry.block,
    });
    if (!written) return false;
    const id = entry.entryId.toString();
    const registry = getAddress(entry.registry);
    db.prepare(`DELETE FROM registry_candidates WHERE chain_id = ? AND registry = ? AND entry_id = ?`).run(entry.chainId, registry, id);
    if (entry.active) {
      const insert = db.prepare(`INSERT OR IGNORE INTO registry_candidates (chain_id, registry, action, fee_key, entry_id) VALUES (?, ?, ?, ?, ?)`);
      for (const tag of new Set(entry.tags.map((t) => t.toLowerCase()))) insert.run(entry.chainId, registry, tag, feeKey(entry.feeWei), id);
    }
    db.prepare(
      `INSERT INTO registry_entry_info (chain_id, registry, entry_id, name, description, chains_json) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (chain_id, registry, entry_id) DO UPDATE SET name = excluded.name, description = excluded.description,
         chains_json = excluded.chains_json`,
    ).run(entry.chainId, registry, id, entry.name, entry.description, JSON.stringify(entry.chains));
    return true;
  })();
}

/** A UsageLedger event as the index keeps it, keyed by (block, log index). */
export type LedgerRow =
  | { type: 'usage'; block: bigint; logIndex: number; txHash: `0x${string}`; user: Address; epoch: bigint; agentId: bigint; frontendId: bigint; computeId: bigint; paid: bigint }
  | { type: 'payout'; block: bigint; logIndex: number; pool: number; entryId: bigint; what: 'fees' | 'rewards'; to: Address; amount: bigint };

export type WriteRegistryBatchParameters = {
  chainId: number;
  ledger: Address;
  registries: Record<EntryKind, Address>;
  entries: readonly IndexedEntryRow[];
  ledgerRows: readonly LedgerRow[];
  /** How far the batch read: stored with the block's hash, so the next sync notices a reorg. */
  cursor: { contract: Address; lastBlock: bigint; lastBlockHash: `0x${string}` };
};

/**
 * One indexer batch, all or nothing: the touched entries, the ledger events, the usage counts of the entries
 * those events name, and the cursor.
 */
export function writeRegistryBatch(db: StoreDb, { chainId, ledger, registries, entries, ledgerRows, cursor }: WriteRegistryBatchParameters): void {
  db.transaction(() => {
    for (const entry of entries) writeIndexedEntry(db, entry);
    for (const row of ledgerRows) insertLedgerRow(db, chainId, ledger, row);
    refreshUsageCounts(db, chainId, ledger, registries, ledgerRows);
    setCursor(db, { chainId, ...cursor });
  })();
}

function insertLedgerRow(db: StoreDb, chainId: number, ledger: Address, row: LedgerRow): void {
  if (row.type === 'usage') {
    db.prepare(
      `INSERT OR REPLACE INTO registry_usage (chain_id, ledger, block_number, log_index, tx_hash, user, epoch, agent_id, frontend_id, compute_id, paid_wei)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(chainId, ledger, Number(row.block), row.logIndex, row.txHash, getAddress(row.user), Number(row.epoch), row.agentId.toString(), row.frontendId.toString(), row.computeId.toString(), row.paid.toString());
  } else {
    db.prepare(
      `INSERT OR REPLACE INTO registry_payouts (chain_id, ledger, block_number, log_index, pool, entry_id, what, to_address, amount_wei)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(chainId, ledger, Number(row.block), row.logIndex, row.pool, row.entryId.toString(), row.what, getAddress(row.to), row.amount.toString());
  }
}

const usageColumn = { agent: 'agent_id', frontend: 'frontend_id', compute: 'compute_id' } as const satisfies Record<EntryKind, string>;

/** Recounts the usage of every entry named by these UsageRecorded rows. */
function refreshUsageCounts(db: StoreDb, chainId: number, ledger: Address, registries: Record<EntryKind, Address>, rows: readonly LedgerRow[]): void {
  for (const kind of Object.keys(usageColumn) as EntryKind[]) {
    const ids = new Set<bigint>();
    for (const row of rows) {
      if (row.type !== 'usage') continue;
      const id = kind === 'agent' ? row.agentId : kind === 'frontend' ? row.frontendId : row.computeId;
      if (id !== 0n) ids.add(id);
    }
    for (const id of ids) setUsageCount(db, { chainId, registry: registries[kind], entryId: id, count: countUsage(db, { chainId, ledger, kind, entryId: id }) });
  }
}

/** Stores an entry's usage count (what routing ranks ties by). */
export function setUsageCount(db: StoreDb, { chainId, registry, entryId, count }: { chainId: number; registry: Address; entryId: bigint; count: number }): void {
  db.prepare(
    `INSERT INTO registry_entry_info (chain_id, registry, entry_id, usage_count) VALUES (?, ?, ?, ?)
     ON CONFLICT (chain_id, registry, entry_id) DO UPDATE SET usage_count = excluded.usage_count`,
  ).run(chainId, registry, entryId.toString(), count);
}

/** How many UsageRecorded events name the entry. */
export function countUsage(db: StoreDb, { chainId, ledger, kind, entryId }: { chainId: number; ledger: Address; kind: EntryKind; entryId: bigint }): number {
  const { n } = db
    .prepare(`SELECT count(*) AS n FROM registry_usage WHERE chain_id = ? AND ledger = ? AND ${usageColumn[kind]} = ?`)
    .get(chainId, getAddress(ledger), entryId.toString()) as { n: number };
  return n;
}

/** Sum of the indexed payouts (`fees` withdrawn or `rewards` claimed) of one entry of UsageLedger pool `pool`. */
export function sumPayouts(db: StoreDb, { chainId, ledger, pool, entryId, what }: { chainId: number; ledger: Address; pool: number; entryId: bigint; what: 'fees' | 'rewards' }): bigint {
  const rows = db
    .prepare(`SELECT amount_wei FROM registry_payouts WHERE chain_id = ? AND ledger = ? AND pool = ? AND entry_id = ? AND what = ?`)
    .all(chainId, getAddress(ledger), pool, entryId.toString(), what) as { amount_wei: string }[];
  return rows.reduce((sum, row) => sum + BigInt(row.amount_wei), 0n);
}

/** Forgets the ledger events from `block` on (they are read again: a shallow reorg may have changed them). */
export function deleteLedgerRowsFrom(db: StoreDb, { chainId, ledger, block }: { chainId: number; ledger: Address; block: bigint }): void {
  db.prepare(`DELETE FROM registry_usage WHERE chain_id = ? AND ledger = ? AND block_number >= ?`).run(chainId, ledger, Number(block));
  db.prepare(`DELETE FROM registry_payouts WHERE chain_id = ? AND ledger = ? AND block_number >= ?`).run(chainId, ledger, Number(block));
}

/** Forgets everything indexed from these registries and ledger on a chain, to rebuild it (deep reorg, new chain). */
export function dropRegistryIndex(db: StoreDb, { chainId, registries, ledger }: { chainId: number; registries: readonly Address[]; ledger: Address }): void {
  db.transaction(() => {
    for (const registry of registries) {
      resetRegistryCache(db, { chainId, registry });
      db.prepare(`DELETE FROM registry_candidates WHERE chain_id = ? AND registry = ?`).run(chainId, registry);
      db.prepare(`DELETE FROM registry_entry_info WHERE chain_id = ? AND registry = ?`).run(chainId, registry);
    }
    deleteLedgerRowsFrom(db, { chainId, ledger, block: 0n });
  })();
}

/** The indexed entry ids of one registry, ascending. */
export function listEntryIds(db: StoreDb, { chainId, registry }: { chainId: number; registry: Address }): bigint[] {
  const rows = db
    .prepare(`SELECT agent_id FROM agents_cache WHERE chain_id = ? AND registry = ? ORDER BY length(agent_id), agent_id`)
    .all(chainId, registry) as { agent_id: string }[];
  return rows.map((row) => BigInt(row.agent_id));
}

/** The indexed entries `owner` owns, in every registry of the chain (the guard reads their state before and after a plan). */
export function listOwnedEntries(db: StoreDb, { chainId, owner }: { chainId: number; owner: Address }): { registry: Address; entryId: bigint }[] {
  const rows = db
    .prepare(`SELECT registry, agent_id FROM agents_cache WHERE chain_id = ? AND lower(owner) = ? ORDER BY registry, length(agent_id), agent_id`)
    .all(chainId, owner.toLowerCase()) as { registry: string; agent_id: string }[];
  return rows.map((row) => ({ registry: getAddress(row.registry), entryId: BigInt(row.agent_id) }));
}

/** Name and description from an entry's verified metadata (null when not verified), or undefined if never seen. */
export function getEntryInfo(
  db: StoreDb,
  { chainId, registry, entryId }: { chainId: number; registry: Address; entryId: bigint },
): { name: string | null; description: string | null } | undefined {
  return db
    .prepare(`SELECT name, description FROM registry_entry_info WHERE chain_id = ? AND registry = ? AND entry_id = ?`)
    .get(chainId, registry, entryId.toString()) as { name: string | null; description: string | null } | undefined;
}

/** The lowest-id active entry of a registry whose verified metadata has this name. */
export function findActiveEntryByName(db: StoreDb, { chainId, registry, name }: { chainId: number; registry: Address; name: string }): bigint | undefined {
  const row = db
    .prepare(
      `SELECT a.agent_id FROM agents_cache a JOIN registry_entry_info i
         ON i.chain_id = a.chain_id AND i.registry = a.registry AND i.entry_id = a.agent_id
       WHERE a.chain_id = ? AND a.registry = ? AND a.active = 1 AND i.name = ?
       ORDER BY length(a.agent_id), a.agent_id LIMIT 1`,
    )
    .get(chainId, registry, name) as { agent_id: string } | undefined;
  return row ? BigInt(row.agent_id) : undefined;
}

/** The highest-id entry of a registry owned by `owner` with this metadata hash (what was just registered). */
export function findNewestOwnedEntry(
  db: StoreDb,
  { chainId, registry, owner, contentHash }: { chainId: number; registry: Address; owner: Address; contentHash: string },
): bigint | undefined {
  const row = db
    .prepare(
      `SELECT agent_id FROM agents_cache WHERE chain_id = ? AND registry = ? AND owner = ? AND metadata_hash = ?
       ORDER BY length(agent_id) DESC, agent_id DESC LIMIT 1`,
    )
    .get(chainId, registry, owner, contentHash.toLowerCase()) as { agent_id: string } | undefined;
  return row ? BigInt(row.agent_id) : undefined;
}

/** A routing candidate: an active entry serving the action, with what routing and display need. */
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

type Query = { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
type CandidateStatements = { registry: Query; candidates: Query };
const statementCache = new WeakMap<StoreDb, CandidateStatements>();

/**
 * The cheapest `limit` active entries of the chain's agent registry tagged `actionTag`: an index range scan on
 * `registry_candidates`, then point lookups of at most `limit` entries, whatever the registry's size.
 */
export function listRegistryCandidates(db: StoreDb, { chainId, actionTag, limit }: { chainId: number; actionTag: string; limit: number }): CandidateRow[] {
  // Prepared once per connection: preparing costs more than running this query.
  let statements = statementCache.get(db);
  if (!statements) {
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
  }
  const registry = statements.registry.get(chainId) as { address: string } | undefined;
  if (!registry) return [];
  return statements.candidates.all(chainId, registry.address, actionTag, limit, chainId, chainId) as CandidateRow[];
}

/** A row for {@link seedRegistryEntries}: an entry's state, its verified name and text, and its usage count. */
export type SeedEntry = Omit<IndexedEntryRow, 'chainId' | 'registry' | 'block' | 'name' | 'description' | 'chains'> & {
  name: string;
  description: string;
  usageCount: number;
};

/**
 * Writes entries straight into the agent registry's index, as if the indexer had read them (the routing
 * bench and routing tests). Plain prepared inserts in one transaction: 100,000 rows seed in seconds.
 */
export function seedRegistryEntries(db: StoreDb, { chainId, registry, entries }: { chainId: number; registry: Address; entries: Iterable<SeedEntry> }): void {
  db.prepare(
    `INSERT INTO registry_contracts (chain_id, kind, address) VALUES (?, 'agent', ?) ON CONFLICT (chain_id, kind) DO UPDATE SET address = excluded.address`,
  ).run(chainId, registry);
  const insertInfo = db.prepare(
    `INSERT INTO registry_entry_info (chain_id, registry, entry_id, name, description, chains_json, usage_count) VALUES (?, ?, ?, ?, ?, '[]', ?)
     ON CONFLICT (chain_id, registry, entry_id) DO UPDATE SET name = excluded.name, description = excluded.description, usage_count = excluded.usage_count`,
  );
  const insertAgent = db.prepare(
    `INSERT OR REPLACE INTO agents_cache (chain_id, registry, agent_id, owner, metadata_uri, metadata_hash, endpoint, fee_wei, active,
       actions_json, updated_block, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)`,
  );
  const insertAction = db.prepare(`INSERT OR IGNORE INTO agent_actions (chain_id, action, registry, agent_id) VALUES (?, ?, ?, ?)`);
  const insertCandidate = db.prepare(`INSERT OR IGNORE INTO registry_candidates (chain_id, registry, action, fee_key, entry_id) VALUES (?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const entry of entries) {
      const id = entry.entryId.toString();
      insertAgent.run(chainId, registry, id, entry.owner, entry.metadataUri, entry.contentHash, entry.endpoint, entry.feeWei.toString(), entry.active ? 1 : 0, JSON.stringify(entry.tags));
      for (const tag of entry.tags) {
        insertAction.run(chainId, tag, registry, id);
        if (entry.active) insertCandidate.run(chainId, registry, tag, feeKey(entry.feeWei), id);
      }
      insertInfo.run(chainId, registry, id, entry.name, entry.description, entry.usageCount);
    }
  })();
}

/** The lowest entry id holding a name: a search of `registry_entry_info_name` (its plan is checked in the tests). */
export const FIRST_ENTRY_WITH_NAME_SQL = `SELECT min(CAST(entry_id AS INTEGER)) AS first FROM registry_entry_info WHERE chain_id = ? AND registry = ? AND name = ?`;
const firstEntryStatements = new WeakMap<StoreDb, Query>();

/**
 * For each of `names`, the entry that registered it first (lowest entry id) in `registry` on `chainId`: a name
 * belongs to its first holder, so a later entry cannot take it over. One search of the name index per name
 * (migration 0060), whatever the registry's size.
 */
export function firstEntriesWithNames(db: StoreDb, { chainId, registry, names }: { chainId: number; registry: string; names: readonly string[] }): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (names.length === 0) return out;
  let statement = firstEntryStatements.get(db);
  if (!statement) {
    statement = db.prepare(FIRST_ENTRY_WITH_NAME_SQL);
    firstEntryStatements.set(db, statement);
  }
  for (const name of new Set(names)) {
    const row = statement.get(chainId, registry, name) as { first: number | bigint | null } | undefined;
    if (row?.first !== undefined && row.first !== null) out.set(name, BigInt(row.first));
  }
  return out;
}
