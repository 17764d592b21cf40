/**
 * Schema version 20: the local copy of the onchain agent registry and the indexer's cursor.
 * `agent_actions` is the inverted index (chain, action) → agent, so routing an intent to the agents that
 * serve its action is an index search, not a scan of every agent.
 */
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion20(db: Database): void {
  db.exec(`
    CREATE TABLE agents_cache (
      chain_id INTEGER NOT NULL,
      registry TEXT NOT NULL,
      agent_id TEXT NOT NULL CHECK (agent_id GLOB '[0-9]*' AND agent_id NOT GLOB '*[^0-9]*'),
      owner TEXT NOT NULL,
      metadata_uri TEXT NOT NULL,
      metadata_hash TEXT NOT NULL,
      endpoint TEXT NOT NULL,
      fee_wei TEXT NOT NULL CHECK (fee_wei GLOB '[0-9]*' AND fee_wei NOT GLOB '*[^0-9]*'),
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      actions_json TEXT NOT NULL,
      updated_block INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (chain_id, registry, agent_id)
    ) STRICT;

    CREATE TABLE agent_actions (
      chain_id INTEGER NOT NULL,
      action TEXT NOT NULL,
      registry TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      PRIMARY KEY (chain_id, action, registry, agent_id),
      FOREIGN KEY (chain_id, registry, agent_id)
        REFERENCES agents_cache (chain_id, registry, agent_id) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
    -- The foreign key's child side, so deleting an agent does not scan agent_actions.
    CREATE INDEX agent_actions_agent ON agent_actions (chain_id, registry, agent_id);

    CREATE TABLE indexer_cursor (
      chain_id INTEGER NOT NULL,
      contract TEXT NOT NULL,
      last_block INTEGER NOT NULL CHECK (last_block >= 0),
      last_block_hash TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (chain_id, contract)
    ) STRICT;
  `);
}
