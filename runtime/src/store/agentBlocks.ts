/**
 * `agent_blocks`: agents blocked locally after a run whose real effects differed from the simulated ones
 * (issue 13, guarantee 4). Keyed by chain and the agent id the review showed.
 */
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

export type AgentBlock = { chainId: number; agentId: string; runId: number | null; reason: string; blockedAt: number };

type Row = { chain_id: number; agent_id: string; run_id: number | null; reason: string; blocked_at: number };
const fromRow = (row: Row): AgentBlock => ({ chainId: row.chain_id, agentId: row.agent_id, runId: row.run_id, reason: row.reason, blockedAt: row.blocked_at });

/** Blocks `agentId` on `chainId` (a second block keeps the first reason and run). */
export function blockAgent(db: StoreDb, parameters: { chainId: number; agentId: string; runId?: number | undefined; reason: string; now?: number | undefined }): void {
  withStoreErrors(db.name, () =>
    db
      .prepare(`INSERT INTO agent_blocks (chain_id, agent_id, run_id, reason, blocked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(parameters.chainId, parameters.agentId, parameters.runId ?? null, parameters.reason.slice(0, 2000), parameters.now ?? Date.now()),
  );
}

/** Removes the agent's block on `chainId`, or on every chain; returns how many blocks were removed. */
export function unblockAgent(db: StoreDb, parameters: { chainId?: number | undefined; agentId: string }): number {
  return withStoreErrors(db.name, () =>
    parameters.chainId === undefined
      ? db.prepare(`DELETE FROM agent_blocks WHERE agent_id = ?`).run(parameters.agentId).changes
      : db.prepare(`DELETE FROM agent_blocks WHERE chain_id = ? AND agent_id = ?`).run(parameters.chainId, parameters.agentId).changes,
  );
}

export function isAgentBlocked(db: StoreDb, parameters: { chainId: number; agentId: string }): AgentBlock | undefined {
  const row = withStoreErrors(db.name, () => db.prepare(`SELECT * FROM agent_blocks WHERE chain_id = ? AND agent_id = ?`).get(parameters.chainId, parameters.agentId)) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function listBlockedAgents(db: StoreDb, parameters: { chainId?: number | undefined } = {}): AgentBlock[] {
  return withStoreErrors(db.name, () => {
    const rows =
      parameters.chainId === undefined
        ? db.prepare(`SELECT * FROM agent_blocks ORDER BY blocked_at`).all()
        : db.prepare(`SELECT * FROM agent_blocks WHERE chain_id = ? ORDER BY blocked_at`).all(parameters.chainId);
    return (rows as Row[]).map(fromRow);
  });
}
