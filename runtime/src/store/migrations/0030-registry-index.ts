/**
 * Schema version 30: the registry index's own tables, beside `agents_cache`/`agent_actions`/`indexer_cursor`
 * (which hold every entry of the three registries, told apart by registry address).
 *
 * - `registry_contracts`: which address is which registry on a chain (so the runtime finds the agent
 *   registry from a database and a chain id alone).
 * - `registry_entry_info`: per entry, the name/description from verified metadata and its usage count.
 * - `registry_candidates`: (chain, registry, action, fee, entry) for active entries, ordered by its primary
 *   key, so "cheapest N agents serving action X" is one index range scan, whatever the registry's size.
 * - `registry_usage`, `registry_payouts`: UsageLedger events (usage; fees withdrawn and rewards claimed).
 *
 * Before this step the indexer created these tables itself on first use, with the same definitions; a
 * database from then is at version 20 and may already have them. Hence `IF NOT EXISTS` here, and only here.
 */
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion30(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS registry_contracts (
      chain_id INTEGER NOT NULL, kind TEXT NOT NULL, address TEXT NOT NULL,
      PRIMARY KEY (chain_id, kind)) STRICT;
    CREATE TABLE IF NOT EXISTS registry_entry_info (
      chain_id INTEGER NOT NULL, registry TEXT NOT NULL, entry_id TEXT NOT NULL,
      name TEXT, description TEXT, chains_json TEXT NOT NULL DEFAULT '[]',
      usage_count INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (chain_id, registry, entry_id)) STRICT;
    CREATE TABLE IF NOT EXISTS registry_candidates (
      chain_id INTEGER NOT NULL, registry TEXT NOT NULL, action TEXT NOT NULL, fee_key TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      PRIMARY KEY (chain_id, registry, action, fee_key, entry_id)) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS registry_candidates_entry ON registry_candidates (chain_id, registry, entry_id);
    CREATE TABLE IF NOT EXISTS registry_usage (
      chain_id INTEGER NOT NULL, ledger TEXT NOT NULL, block_number INTEGER NOT NULL, log_index INTEGER NOT NULL,
      tx_hash TEXT NOT NULL, user TEXT NOT NULL, epoch INTEGER NOT NULL,
      agent_id TEXT NOT NULL, frontend_id TEXT NOT NULL, compute_id TEXT NOT NULL, paid_wei TEXT NOT NULL,
      PRIMARY KEY (chain_id, ledger, block_number, log_index)) STRICT;
    CREATE INDEX IF NOT EXISTS registry_usage_agent ON registry_usage (chain_id, ledger, agent_id);
    CREATE INDEX IF NOT EXISTS registry_usage_frontend ON registry_usage (chain_id, ledger, frontend_id);
    CREATE INDEX IF NOT EXISTS registry_usage_compute ON registry_usage (chain_id, ledger, compute_id);
    CREATE TABLE IF NOT EXISTS registry_payouts (
      chain_id INTEGER NOT NULL, ledger TEXT NOT NULL, block_number INTEGER NOT NULL, log_index INTEGER NOT NULL,
      pool INTEGER NOT NULL, entry_id TEXT NOT NULL, what TEXT NOT NULL CHECK (what IN ('fees', 'rewards')),
      to_address TEXT NOT NULL, amount_wei TEXT NOT NULL,
      PRIMARY KEY (chain_id, ledger, block_number, log_index)) STRICT;
    CREATE INDEX IF NOT EXISTS registry_payouts_entry ON registry_payouts (chain_id, ledger, pool, entry_id);
  `);
}
