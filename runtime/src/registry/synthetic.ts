/**
 * Synthetic registry rows written straight into SQLite, for the routing bench and router tests: `count`
 * agents, each serving one or two actions, with varied fees, as if the indexer had read them.
 */
import { getAddress, type Address } from 'viem';
import { intentActions } from '../../../kernel/index.js';
import type { StoreDb } from '../store/db.js';
import { actionTag } from './kinds.js';
import { ensureRegistryTables, feeKey } from './tables.js';

export const SYNTHETIC_AGENT_REGISTRY: Address = getAddress('0x00000000000000000000000000000000000a6e47');

export function seedSyntheticAgents(db: StoreDb, { chainId, count, registry = SYNTHETIC_AGENT_REGISTRY }: { chainId: number; count: number; registry?: Address | undefined }): void {
  ensureRegistryTables(db);
  const owner = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
  db.prepare(
    `INSERT INTO registry_contracts (chain_id, kind, address) VALUES (?, 'agent', ?) ON CONFLICT (chain_id, kind) DO UPDATE SET address = excluded.address`,
  ).run(chainId, registry);
  const insertInfo = db.prepare(
    `INSERT INTO registry_entry_info (chain_id, registry, entry_id, name, description, chains_json, usage_count) VALUES (?, ?, ?, ?, ?, '[]', ?)
     ON CONFLICT (chain_id, registry, entry_id) DO UPDATE SET name = excluded.name, description = excluded.description, usage_count = excluded.usage_count`,
  );
  // Raw prepared inserts (not writeEntry): 100,000 rows must seed in seconds, not minutes.
  const insertAgent = db.prepare(
    `INSERT OR REPLACE INTO agents_cache (chain_id, registry, agent_id, owner, metadata_uri, metadata_hash, endpoint, fee_wei, active,
       actions_json, updated_block, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)`,
  );
  const insertAction = db.prepare(`INSERT OR IGNORE INTO agent_actions (chain_id, action, registry, agent_id) VALUES (?, ?, ?, ?)`);
  const insertCandidate = db.prepare(
    `INSERT OR IGNORE INTO registry_candidates (chain_id, registry, action, fee_key, entry_id) VALUES (?, ?, ?, ?, ?)`,
  );
  const tagsOf = new Map(intentActions.map((action) => [action, actionTag(action)]));
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const id = String(i);
      const tags = [...new Set([tagsOf.get(intentActions[i % intentActions.length]!)!, tagsOf.get(intentActions[(i * 7) % intentActions.length]!)!])];
      const fee = BigInt((i * 7919) % 1000) * 10n ** 12n;
      const active = i % 10 !== 0;
      const hash = `0x${i.toString(16).padStart(64, '0')}`;
      insertAgent.run(chainId, registry, id, owner, `lucid-metadata:${hash.slice(2)}`, hash, `http://127.0.0.1:${10_000 + (i % 50_000)}`, fee.toString(), active ? 1 : 0, JSON.stringify(tags));
      for (const tag of tags) {
        insertAction.run(chainId, tag, registry, id);
        if (active) insertCandidate.run(chainId, registry, tag, feeKey(fee), id);
      }
      insertInfo.run(chainId, registry, id, `synthetic-${i}`, `synthetic agent ${i}`, i % 13);
    }
  })();
}
