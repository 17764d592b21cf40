/**
 * `indexer_cursor`: how far the registry indexer has read, per (chain, contract). The block hash lets it notice
 * a reorg or a restarted devnet (same chain id, different chain): if the hash at `lastBlock` differs, start over.
 */
import { checksumAddress } from './address.js';
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

export type Cursor = { chainId: number; contract: `0x${string}`; lastBlock: bigint; lastBlockHash: `0x${string}` };

export function getCursor(db: StoreDb, parameters: { chainId: number; contract: string }): Cursor | undefined {
  const contract = checksumAddress(parameters.contract, 'contract address');
  const row = withStoreErrors(db.name, () =>
    db
      .prepare(`SELECT last_block, last_block_hash FROM indexer_cursor WHERE chain_id = ? AND contract = ?`)
      .get(parameters.chainId, contract),
  ) as { last_block: number; last_block_hash: string } | undefined;
  if (!row) return undefined;
  return {
    chainId: parameters.chainId,
    contract,
    lastBlock: BigInt(row.last_block),
    lastBlockHash: row.last_block_hash as `0x${string}`,
  };
}

export function setCursor(
  db: StoreDb,
  parameters: { chainId: number; contract: string; lastBlock: bigint; lastBlockHash: string; now?: number | undefined },
): void {
  const contract = checksumAddress(parameters.contract, 'contract address');
  if (parameters.lastBlock < 0n || parameters.lastBlock > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`setCursor: block number ${parameters.lastBlock} out of range`);
  withStoreErrors(db.name, () => {
    db.prepare(
      `INSERT INTO indexer_cursor (chain_id, contract, last_block, last_block_hash, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (chain_id, contract) DO UPDATE SET
         last_block = excluded.last_block, last_block_hash = excluded.last_block_hash, updated_at = excluded.updated_at`,
    ).run(parameters.chainId, contract, Number(parameters.lastBlock), parameters.lastBlockHash.toLowerCase(), parameters.now ?? Date.now());
  });
}
