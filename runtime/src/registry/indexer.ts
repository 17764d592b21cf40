/**
 * Follows the registry contracts' events into SQLite so `lucid agent list/show` and the router answer from
 * the local index instead of the chain.
 *
 * Entries: any event naming an entry (EntryRegistered, Entry*Updated, ERC-721 Transfer) marks it touched;
 * after each batch the touched entries are re-read at the batch's last block and written whole: owner, fee and
 * active flag from the `entry(id)` view, and the metadata URI and hash, tags and endpoint (which the contracts
 * keep in events only, to save gas) from the entry's latest events up to that block. Re-reading instead of
 * replaying the batch's event fields makes replays idempotent and a missed or reorged event harmless at the
 * next touch. UsageLedger events (UsageRecorded, FeesWithdrawn,
 * RewardsClaimed) are stored as rows keyed by (block, log index).
 *
 * Reorgs and resuming: every sync checks the stored hash of the cursor block. A block hash commits to every
 * block before it, so when it still matches, everything up to the cursor is exactly what was indexed and the
 * sync resumes at the next block (nothing at all to read when the head has not moved); when it differs (a
 * reorg under the cursor, or a restarted devnet on the same chain id), the index of these contracts is
 * dropped and rebuilt from `fromBlock`.
 */
import { decodeEventLog, getAddress, type Address, type Hex, type Log, type PublicClient } from 'viem';
import { InfraError } from '../../../kernel/index.js';
import { getCursor } from '../store/indexerCursor.js';
import type { StoreDb } from '../store/db.js';
import {
  deleteLedgerRowsFrom,
  dropRegistryIndex,
  rememberRegistryContracts,
  writeIndexedEntry,
  writeRegistryBatch,
  type IndexedEntryRow,
  type LedgerRow,
} from '../store/registryIndex.js';
import { registryKinds, type RegistryContracts, type RegistryKind, registryAddress } from './kinds.js';
import { readPinnedMetadata, sanitizeText, type EntryMetadata } from './metadata.js';
import { EntryRegistry, UsageLedger } from '../../../registry-contracts/index.js';

export type SyncRegistryParameters = {
  client: PublicClient;
  db: StoreDb;
  chainId: number;
  contracts: RegistryContracts;
  /** The registry's deployment block; where a fresh index starts. Default 0. */
  fromBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs`. Default 2000. */
  batchSize?: bigint | number | undefined;
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

const eventsAbi = [...EntryRegistry.abi, ...UsageLedger.abi];

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
  rememberRegistryContracts(db, {
    chainId,
    addresses: { agent: contracts.agentRegistry, frontend: contracts.frontendRegistry, compute: contracts.computeRegistry, ledger: contracts.usageLedger },
  });

  const cursorKey = contracts.agentRegistry;
  const cursor = getCursor(db, { chainId, contract: cursorKey });
  // The head and the cursor's block are read together: one round trip when nothing has happened since.
  const [head, cursorBlock] = await Promise.all([
    parameters.toBlock ?? rpc(() => client.getBlockNumber({ cacheTime: 0 }), 'read the chain head'),
    cursor ? client.getBlock({ blockNumber: cursor.lastBlock }).catch(() => undefined) : undefined,
  ]);
  let start = fromBlock;
  let rebuilt = false;
  if (cursor) {
    if (!cursorBlock || cursorBlock.hash?.toLowerCase() !== cursor.lastBlockHash.toLowerCase()) {
      dropRegistryIndex(db, { chainId, registries: registryKinds.map((kind) => registryAddress(contracts, kind)), ledger: contracts.usageLedger });
      rebuilt = true;
    } else {
      start = cursor.lastBlock + 1n > fromBlock ? cursor.lastBlock + 1n : fromBlock;
      if (start > head) return { fromBlock: start, toBlock: head, logs: 0, entriesTouched: 0, rebuilt };
      deleteLedgerRowsFrom(db, { chainId, ledger: contracts.usageLedger, block: start });
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
        entries.push(await readEntry(client, { chainId, registry, entryId, blockNumber: to, fromBlock, metadataDir: parameters.metadataDir }));
        allTouched.add(`${kind}:${entryId}`);
      }
    }
    const toHash = (await rpc(() => client.getBlock({ blockNumber: to }), `read block ${to}`)).hash;
    if (!toHash) throw new InfraError('INDEXER_BLOCK_PENDING', `block ${to} has no hash yet`);
    writeRegistryBatch(db, {
      chainId,
      ledger: contracts.usageLedger,
      registries: { agent: contracts.agentRegistry, frontend: contracts.frontendRegistry, compute: contracts.computeRegistry },
      entries: entries.map(indexedRow),
      ledgerRows,
      cursor: { contract: cursorKey, lastBlock: to, lastBlockHash: toHash },
    });
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

/** Writes one entry into the index (see {@link writeIndexedEntry}); older state than what is stored is ignored. */
export function writeEntry(db: StoreDb, entry: IndexedEntry): void {
  writeIndexedEntry(db, indexedRow(entry));
}

/**
 * What the index keeps of an entry: its state, and from verified metadata only the sanitized name and text.
 * The metadata pins the endpoint: when the endpoint read from chain is not the one the verified metadata states
 * (changed after registration, or never stated), the metadata does not describe this entry and it stays unnamed
 * (so it is not routed to) until metadata naming the new endpoint is registered.
 */
function indexedRow({ metadata: stated, ...entry }: IndexedEntry): IndexedEntryRow {
  const metadata = stated && (stated.endpoint ?? '') === entry.endpoint ? stated : undefined;
  return { ...entry, name: metadata?.id ?? null, description: metadata ? sanitizeText(metadata.description, 500) : null, chains: metadata?.chains ?? [] };
}

/** Reads `entryId`'s full state at `blockNumber` (storage and events) and its locally pinned metadata. */
export async function readEntry(
  client: PublicClient,
  {
    chainId,
    registry,
    entryId,
    blockNumber,
    fromBlock,
    metadataDir,
  }: { chainId: number; registry: Address; entryId: bigint; blockNumber?: bigint | undefined; fromBlock?: bigint | undefined; metadataDir?: string | undefined },
): Promise<IndexedEntry> {
  const block = blockNumber ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const [[owner, fee, active], described] = await Promise.all([
    rpc(
      () =>
        client
          .readContract({ address: registry, abi: EntryRegistry.abi, functionName: 'entry', args: [entryId], blockNumber: block })
          // A node without that block's state (anvil loaded from a saved state keeps none for older blocks) is read at
          // its head instead: a later batch of the same sync re-reads any entry that changed after `block`.
          .catch((error: unknown) => {
            if (!/BlockOutOfRange|state .*not available|missing trie node/i.test(String((error as Error)?.message ?? error))) throw error;
            return client.readContract({ address: registry, abi: EntryRegistry.abi, functionName: 'entry', args: [entryId] });
          }),
      `read entry ${entryId} of ${registry}`,
    ),
    rpc(() => readEntryDescription(client, { registry, entryId, fromBlock: fromBlock ?? 0n, toBlock: block }), `read the events of entry ${entryId} of ${registry}`),
  ]);
  const { metadataUri, contentHash, tags, endpoint } = described;
  const metadata = metadataDir ? readPinnedMetadata({ dir: metadataDir, uri: metadataUri, contentHash }) : undefined;
  return { chainId, registry, entryId, owner, metadataUri, contentHash, endpoint, feeWei: fee, active, tags, block, metadata };
}

type EntryDescription = { metadataUri: string; contentHash: Hex; tags: readonly Hex[]; endpoint: string };

const describingEvents = ['EntryRegistered', 'EntryMetadataUpdated', 'EntryTagsUpdated', 'EntryEndpointUpdated'] as const;

/** The entry's URI, hash, tags and endpoint: its registration, overridden by each later update, in chain order. */
async function readEntryDescription(
  client: PublicClient,
  { registry, entryId, fromBlock, toBlock }: { registry: Address; entryId: bigint; fromBlock: bigint; toBlock: bigint },
): Promise<EntryDescription> {
  const batches = await Promise.all(
    describingEvents.map((name) =>
      client.getLogs({
        address: registry,
        event: EntryRegistry.abi.find((item) => item.type === 'event' && item.name === name) as Extract<(typeof EntryRegistry.abi)[number], { type: 'event'; name: typeof name }>,
        args: { entryId },
        fromBlock,
        toBlock,
      }),
    ),
  );
  const logs = batches.flat().sort((a, b) => (a.blockNumber === b.blockNumber ? (a.logIndex ?? 0) - (b.logIndex ?? 0) : a.blockNumber! < b.blockNumber! ? -1 : 1));
  const description: EntryDescription = { metadataUri: '', contentHash: `0x${'0'.repeat(64)}`, tags: [], endpoint: '' };
  for (const log of logs) {
    const decoded = decodeEventLog({ abi: EntryRegistry.abi, data: log.data, topics: log.topics });
    if (decoded.eventName === 'EntryRegistered') {
      Object.assign(description, { metadataUri: decoded.args.metadataURI, contentHash: decoded.args.contentHash, tags: decoded.args.tags, endpoint: decoded.args.endpoint });
    } else if (decoded.eventName === 'EntryMetadataUpdated') {
      Object.assign(description, { metadataUri: decoded.args.metadataURI, contentHash: decoded.args.contentHash });
    } else if (decoded.eventName === 'EntryTagsUpdated') {
      description.tags = decoded.args.tags;
    } else if (decoded.eventName === 'EntryEndpointUpdated') {
      description.endpoint = decoded.args.endpoint;
    }
  }
  return description;
}

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

/** RPC failures are the node's, not the user's: one InfraError naming what was being read. */
async function rpc<value>(read: () => Promise<value>, what: string): Promise<value> {
  try {
    return await read();
  } catch (cause) {
    throw new InfraError('INDEXER_RPC_FAILED', `could not ${what}`, { cause, hints: ['is the node running? `lucid devnet status`'] });
  }
}
