/**
 * Schema version 50: agents the user's own runs caught, blocked locally. An agent lands here when the real
 * effects of a plan it made differed from the simulated ones beyond the declared bounds; it is not routed to
 * (nor may it be forced) on that chain until `lucid agents unblock <id>` removes the row.
 */
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion50(db: Database): void {
  db.exec(`
    CREATE TABLE agent_blocks (
      chain_id INTEGER NOT NULL,
      agent_id TEXT NOT NULL CHECK (length(agent_id) BETWEEN 1 AND 200),
      run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
      reason TEXT NOT NULL,
      blocked_at INTEGER NOT NULL,
      PRIMARY KEY (chain_id, agent_id)
    ) STRICT;
  `);
}
