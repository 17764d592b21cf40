/**
 * Follows the registry contracts' events into SQLite so `lucid agent list/show` and the router answer from
 * the local index instead of the chain.
 *
 * Entries: any event naming an entry (EntryRegistered, Entry*Updated, ERC-721 Transfer) marks it touched;
 * after each batch the touched entries are re-read with the `entry(id)` view at the batch's last block and
 * written whole. Reading the state instead of replaying event fields makes replays idempotent and a
 * missed or reorged event harmless at the next touch. UsageLedger events (UsageRecorded, FeesWithdrawn,
 * RewardsClaimed) are stored as rows keyed by (block, log index).
 *
 * Reorgs: every sync re-reads the last `reorgDepth` blocks before the cursor (their ledger rows are deleted
 * first), and checks the stored hash of the cursor block; if it differs (a reorg deeper than that, or a
 * restarted devnet on the same chain id), the index of these contracts is dropped and rebuilt from
 * `fromBlock`.
 */
import { decodeEventLog, getAddress, type Address, type Hex, type Log, type PublicClient } from 'viem';
import { InfraError } from '../../../kernel/index.js';
import { upsertAgent, resetRegistryCache } from '../store/agentsCache.js';
import { getCursor, setCursor } from '../store/indexerCursor.js';
import type { StoreDb } from '../store/db.js';
import { entryRegistryAbi, usageLedgerAbi } from './abi.js';
import { registryKinds, type RegistryContracts, type RegistryKind, registryAddress, ledgerPool } from './kinds.js';
import { readPinnedMetadata, sanitizeText, type EntryMetadata } from './metadata.js';
import { ensureRegistryTables, feeKey } from './tables.js';

export type SyncRegistryParameters = {
  client: PublicClient;
  db: StoreDb;
  chainId: number;
  contracts: RegistryContracts;
  /** The registry's deployment block; where a fresh index starts. Default 0. */
  fromBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs`. Default 2000. */
  batchSize?: bigint | number | undefined;
  /** Blocks re-read at every sync, to follow shallow reorgs. Default 12. */
  reorgDepth?: bigint | number | undefined;
  /** Directory of pinned metadata (`$LUCID_HOME/metadata`), to learn entries' names. */
  metadataDir?: string | undefined;
  /** Sync up to this block instead of the head (tests). */
  toBlock?: bigint | undefined;
};

export type SyncRegistryReturnType = {
  fromBlock: bigint;
  toBlock: bigint;
  logs: number;
  entriesTouched: number;
  /** True when the cursor's block hash no longer matched and the index was rebuilt. */
  rebuilt: boolean;
};

export type SyncRegistryErrorType = InfraError;

const eventsAbi = [...entryRegistryAbi, ...usageLedgerAbi];

/**
 * Brings the SQLite index of the registries up to the chain head, in batches, resuming at the cursor.
 *
 * @returns {@link SyncRegistryReturnType}: the block range read and what changed.
 * @example
 * await syncRegistry({ client, db: store.db, chainId: 31337, contracts: registryContractsFrom(deployment.contracts) })
 */
export async function syncRegistry(parameters: SyncRegistryParameters): Promise<SyncRegistryReturnType> {
  const { client, db, chainId, contracts } = parameters;
  const fromBlock = parameters.fromBlock ?? 0n;
  const batchSize = BigInt(parameters.batchSize ?? 2000);
  const reorgDepth = BigInt(parameters.reorgDepth ?? 12);
  ensureRegistryTables(db);
  rememberContracts(db, chainId, contracts);

  const head = parameters.toBlock ?? (await rpc(() => client.getBlockNumber({ cacheTime: 0 }), 'read the chain head'));
  const cursorKey = contracts.agentRegistry;
  const cursor = getCursor(db, { chainId, contract: cursorKey });
  let start = fromBlock;
  let rebuilt = false;
  if (cursor) {
    const block = await client.getBlock({ blockNumber: cursor.lastBlock }).catch(() => undefined);
    if (!block || block.hash?.toLowerCase() !== cursor.lastBlockHash.toLowerCase()) {
      dropIndex(db, chainId, contracts);
      rebuilt = true;
    } else {
      const reread = cursor.lastBlock + 1n - reorgDepth;
      start = reread > fromBlock ? reread : fromBlock;
      deleteLedgerRowsFrom(db, chainId, contracts.usageLedger, start);
    }
  }

  let logCount = 0;
  const allTouched = new Set<string>();
  for (let from = start; from <= head; from += batchSize) {
    const to = from + batchSize - 1n < head ? from + batchSize - 1n : head;
    const logs = await rpc(
      () =>
        client.getLogs({
          address: [contracts.agentRegistry, contracts.frontendRegistry, contracts.computeRegistry, contracts.usageLedger],
          fromBlock: from,
          toBlock: to,
        }),
      `read registry events in blocks ${from}–${to}`,
    );
    logCount += logs.length;
    const touched = new Map<RegistryKind, Set<bigint>>(registryKinds.map((kind) => [kind, new Set<bigint>()]));
    const ledgerRows: LedgerRow[] = [];
    for (const log of logs) collect(log, contracts, touched, ledgerRows);

    const entries: IndexedEntry[] = [];
    for (const kind of registryKinds) {
      const registry = registryAddress(contracts, kind);
      for (const entryId of touched.get(kind) ?? []) {
        entries.push(await readEntry(client, { chainId, registry, entryId, blockNumber: to, metadataDir: parameters.metadataDir }));
        allTouched.add(`${kind}:${entryId}`);
      }
    }
    const toHash = (await rpc(() => client.getBlock({ blockNumber: to }), `read block ${to}`)).hash;
    if (!toHash) throw new InfraError('INDEXER_BLOCK_PENDING', `block ${to} has no hash yet`);
    db.transaction(() => {
      for (const entry of entries) writeEntry(db, entry);
      for (const row of ledgerRows) writeLedgerRow(db, chainId, contracts.usageLedger, row);
      refreshUsageCounts(db, chainId, contracts, ledgerRows);
      setCursor(db, { chainId, contract: cursorKey, lastBlock: to, lastBlockHash: toHash });
    })();
  }
  return { fromBlock: start, toBlock: head, logs: logCount, entriesTouched: allTouched.size, rebuilt };
}

/** One registry entry as the index stores it. */
export type IndexedEntry = {
  chainId: number;
  registry: Address;
  entryId: bigint;
  owner: Address;
  metadataUri: string;
  contentHash: Hex;
  endpoint: string;
  feeWei: bigint;
  active: boolean;
  tags: readonly Hex[];
  /** Block the state was read at. */
  block: bigint;
  /** Verified metadata, when available locally. */
  metadata?: EntryMetadata | undefined;
};

/**
 * Writes one entry: the store's `agents_cache`/`agent_actions` row, the routing candidates (active entries
 * only) and the sanitized name/description. Older state than what is stored is ignored.
 */
export function writeEntry(db: StoreDb, entry: IndexedEntry): void {
  ensureRegistryTables(db);
  db.transaction(() => {
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
    if (!written) return;
    const id = entry.entryId.toString();
    const registry = getAddress(entry.registry);
    db.prepare(`DELETE FROM registry_candidates WHERE chain_id = ? AND registry = ? AND entry_id = ?`).run(entry.chainId, registry, id);
    if (entry.active) {
      const insert = db.prepare(`INSERT OR IGNORE INTO registry_candidates (chain_id, registry, action, fee_key, entry_id) VALUES (?, ?, ?, ?, ?)`);
      for (const tag of new Set(entry.tags.map((t) => t.toLowerCase()))) insert.run(entry.chainId, registry, tag, feeKey(entry.feeWei), id);
    }
    const metadata = entry.metadata;
    db.prepare(
      `INSERT INTO registry_entry_info (chain_id, registry, entry_id, name, description, chains_json) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (chain_id, registry, entry_id) DO UPDATE SET name = excluded.name, description = excluded.description,
         chains_json = excluded.chains_json`,
    ).run(
      entry.chainId,
      registry,
      id,
      metadata?.id ?? null,
      metadata ? sanitizeText(metadata.description, 500) : null,
      JSON.stringify(metadata?.chains ?? []),
    );
  })();
}

/** Reads `entryId`'s full state at `blockNumber` and its locally pinned metadata. */
export async function readEntry(
  client: PublicClient,
  { chainId, registry, entryId, blockNumber, metadataDir }: { chainId: number; registry: Address; entryId: bigint; blockNumber?: bigint | undefined; metadataDir?: string | undefined },
): Promise<IndexedEntry> {
  const block = blockNumber ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const [owner, metadataUri, contentHash, tags, endpoint, fee, active] = await rpc(
    () => client.readContract({ address: registry, abi: entryRegistryAbi, functionName: 'entry', args: [entryId], blockNumber: block }),
    `read entry ${entryId} of ${registry}`,
  );
  const metadata = metadataDir ? readPinnedMetadata({ dir: metadataDir, uri: metadataUri, contentHash }) : undefined;
  return { chainId, registry, entryId, owner, metadataUri, contentHash, endpoint, feeWei: fee, active, tags, block, metadata };
}

type LedgerRow =
  | { type: 'usage'; block: bigint; logIndex: number; txHash: Hex; user: Address; epoch: bigint; agentId: bigint; frontendId: bigint; computeId: bigint; paid: bigint }
  | { type: 'payout'; block: bigint; logIndex: number; pool: number; entryId: bigint; what: 'fees' | 'rewards'; to: Address; amount: bigint };

/** Sorts one log into touched entries or ledger rows; logs that are not ours (or undecodable) are skipped. */
function collect(log: Log, contracts: RegistryContracts, touched: Map<RegistryKind, Set<bigint>>, rows: LedgerRow[]): void {
  let decoded;
  try {
    decoded = decodeEventLog({ abi: eventsAbi, data: log.data, topics: log.topics });
  } catch {
    return;
  }
  const address = getAddress(log.address);
  if (address === contracts.usageLedger) {
    const block = log.blockNumber ?? 0n;
    const logIndex = log.logIndex ?? 0;
    if (decoded.eventName === 'UsageRecorded') {
      const { user, epoch, agentId, frontendId, computeId, paid } = decoded.args;
      rows.push({ type: 'usage', block, logIndex, txHash: log.transactionHash ?? '0x', user, epoch, agentId, frontendId, computeId, paid });
    } else if (decoded.eventName === 'FeesWithdrawn' || decoded.eventName === 'RewardsClaimed') {
      const { pool, entryId, to, amount } = decoded.args;
      rows.push({ type: 'payout', block, logIndex, pool, entryId, what: decoded.eventName === 'FeesWithdrawn' ? 'fees' : 'rewards', to, amount });
    }
    return;
  }
  const kind = registryKinds.find((k) => registryAddress(contracts, k) === address);
  if (!kind) return;
  const args = decoded.args as { entryId?: bigint; tokenId?: bigint };
  const id = args.entryId ?? args.tokenId;
  if (id !== undefined) touched.get(kind)?.add(id);
}

function writeLedgerRow(db: StoreDb, chainId: number, ledger: Address, row: LedgerRow): void {
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

const usageColumn = { agent: 'agent_id', frontend: 'frontend_id', compute: 'compute_id' } as const satisfies Record<RegistryKind, string>;

/** Recounts the usage of every entry named by this batch's UsageRecorded rows (indexed counts). */
function refreshUsageCounts(db: StoreDb, chainId: number, contracts: RegistryContracts, rows: LedgerRow[]): void {
  for (const kind of registryKinds) {
    const ids = new Set<string>();
    for (const row of rows) {
      if (row.type !== 'usage') continue;
      const id = kind === 'agent' ? row.agentId : kind === 'frontend' ? row.frontendId : row.computeId;
      if (id !== 0n) ids.add(id.toString());
    }
    const registry = registryAddress(contracts, kind);
    for (const id of ids) {
      const { n } = db
        .prepare(`SELECT count(*) AS n FROM registry_usage WHERE chain_id = ? AND ledger = ? AND ${usageColumn[kind]} = ?`)
        .get(chainId, contracts.usageLedger, id) as { n: number };
      db.prepare(
        `INSERT INTO registry_entry_info (chain_id, registry, entry_id, usage_count) VALUES (?, ?, ?, ?)
         ON CONFLICT (chain_id, registry, entry_id) DO UPDATE SET usage_count = excluded.usage_count`,
      ).run(chainId, registry, id, n);
    }
  }
}

/** Usage count of one entry from the indexed rows. */
export function usageCount(db: StoreDb, { chainId, ledger, kind, entryId }: { chainId: number; ledger: Address; kind: RegistryKind; entryId: bigint }): number {
  ensureRegistryTables(db);
  const { n } = db
    .prepare(`SELECT count(*) AS n FROM registry_usage WHERE chain_id = ? AND ledger = ? AND ${usageColumn[kind]} = ?`)
    .get(chainId, getAddress(ledger), entryId.toString()) as { n: number };
  return n;
}

/** Sum of indexed payouts (`fees` withdrawn or `rewards` claimed) of one entry. */
export function payoutsTotal(db: StoreDb, { chainId, ledger, kind, entryId, what }: { chainId: number; ledger: Address; kind: RegistryKind; entryId: bigint; what: 'fees' | 'rewards' }): bigint {
  ensureRegistryTables(db);
  const rows = db
    .prepare(`SELECT amount_wei FROM registry_payouts WHERE chain_id = ? AND ledger = ? AND pool = ? AND entry_id = ? AND what = ?`)
    .all(chainId, getAddress(ledger), ledgerPool[kind], entryId.toString(), what) as { amount_wei: string }[];
  return rows.reduce((sum, row) => sum + BigInt(row.amount_wei), 0n);
}

function rememberContracts(db: StoreDb, chainId: number, contracts: RegistryContracts): void {
  const upsert = db.prepare(
    `INSERT INTO registry_contracts (chain_id, kind, address) VALUES (?, ?, ?) ON CONFLICT (chain_id, kind) DO UPDATE SET address = excluded.address`,
  );
  db.transaction(() => {
    for (const kind of registryKinds) upsert.run(chainId, kind, registryAddress(contracts, kind));
    upsert.run(chainId, 'ledger', contracts.usageLedger);
  })();
}

function dropIndex(db: StoreDb, chainId: number, contracts: RegistryContracts): void {
  db.transaction(() => {
    for (const kind of registryKinds) {
      const registry = registryAddress(contracts, kind);
      resetRegistryCache(db, { chainId, registry });
      db.prepare(`DELETE FROM registry_candidates WHERE chain_id = ? AND registry = ?`).run(chainId, registry);
      db.prepare(`DELETE FROM registry_entry_info WHERE chain_id = ? AND registry = ?`).run(chainId, registry);
    }
    deleteLedgerRowsFrom(db, chainId, contracts.usageLedger, 0n);
  })();
}

function deleteLedgerRowsFrom(db: StoreDb, chainId: number, ledger: Address, block: bigint): void {
  db.prepare(`DELETE FROM registry_usage WHERE chain_id = ? AND ledger = ? AND block_number >= ?`).run(chainId, ledger, Number(block));
  db.prepare(`DELETE FROM registry_payouts WHERE chain_id = ? AND ledger = ? AND block_number >= ?`).run(chainId, ledger, Number(block));
}

/** RPC failures are the node's, not the user's: one InfraError naming what was being read. */
async function rpc<value>(read: () => Promise<value>, what: string): Promise<value> {
  try {
    return await read();
  } catch (cause) {
    throw new InfraError('INDEXER_RPC_FAILED', `could not ${what}`, { cause, hints: ['is the node running? `lucid devnet status`'] });
  }
}
