import { keccak256, toHex } from 'viem';
import { describe, expect, test } from 'vitest';
import {
  countAgents,
  getAgent,
  listAgentsForAction,
  listAgentsForActionQuery,
  resetRegistryCache,
  upsertAgent,
  type UpsertAgentParameters,
} from './agentsCache.js';
import type { StoreDb } from './db.js';
import { getCursor, setCursor } from './indexerCursor.js';
import { thrown, useTempDirs } from './test-utils/tmp.js';

const tmp = useTempDirs();
const registry = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const SWAP = keccak256(toHex('swap'));
const TRANSFER = keccak256(toHex('transfer'));

function agent(id: bigint, overrides: Partial<UpsertAgentParameters> = {}): UpsertAgentParameters {
  return {
    chainId: 31337,
    registry,
    agentId: id,
    owner,
    metadataUri: `ipfs://agent-${id}`,
    metadataHash: keccak256(toHex(`meta-${id}`)),
    endpoint: `http://127.0.0.1:${8000 + Number(id)}`,
    feeWei: 1000n * id,
    active: true,
    actions: [SWAP],
    updatedBlock: 1n,
    ...overrides,
  };
}

function queryPlan(db: StoreDb, sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('agents cache', () => {
  test('default: lookup by action returns active agents, cheapest first, with bigints restored', () => {
    const { db } = tmp.store();
    upsertAgent(db, agent(2n));
    upsertAgent(db, agent(1n, { actions: [SWAP, TRANSFER.toUpperCase().replace('0X', '0x')] }));
    upsertAgent(db, agent(3n, { active: false }));
    upsertAgent(db, agent(4n, { actions: [TRANSFER] }));
    upsertAgent(db, agent(5n, { chainId: 1 }));
    const swaps = listAgentsForAction(db, { chainId: 31337, action: SWAP });
    expect(swaps.map((a) => a.agentId)).toEqual([1n, 2n]);
    expect(swaps[0]).toMatchObject({ registry, owner, feeWei: 1000n, active: true, actions: [SWAP, TRANSFER], updatedBlock: 1n });
    expect(listAgentsForAction(db, { chainId: 31337, action: SWAP, activeOnly: false }).map((a) => a.agentId)).toEqual([1n, 2n, 3n]);
    expect(listAgentsForAction(db, { chainId: 31337, action: TRANSFER }).map((a) => a.agentId)).toEqual([1n, 4n]);
    expect(countAgents(db)).toBe(5);
    expect(countAgents(db, { chainId: 31337, activeOnly: true })).toBe(3);
  });

  test('behavior: an update replaces the action index; a stale event (older block) is ignored', () => {
    const { db } = tmp.store();
    upsertAgent(db, agent(1n, { updatedBlock: 5n }));
    expect(upsertAgent(db, agent(1n, { actions: [TRANSFER], updatedBlock: 6n, feeWei: 9n }))).toBe(true);
    expect(listAgentsForAction(db, { chainId: 31337, action: SWAP })).toEqual([]);
    expect(listAgentsForAction(db, { chainId: 31337, action: TRANSFER }).map((a) => a.feeWei)).toEqual([9n]);
    expect(upsertAgent(db, agent(1n, { actions: [SWAP], updatedBlock: 4n }))).toBe(false);
    expect(getAgent(db, { chainId: 31337, registry, agentId: 1n })?.actions).toEqual([TRANSFER]);
  });

  test('behavior: agent ids beyond 2^53 keep every digit', () => {
    const { db } = tmp.store();
    const id = 2n ** 255n + 3n;
    upsertAgent(db, agent(1n, { agentId: id, feeWei: 2n ** 100n }));
    const [found] = listAgentsForAction(db, { chainId: 31337, action: SWAP });
    expect(found?.agentId).toBe(id);
    expect(found?.feeWei).toBe(2n ** 100n);
  });

  test('behavior: lookup by (chain, action) searches indexes and scans no table', () => {
    const { db } = tmp.store();
    for (let i = 1n; i <= 50n; i++) upsertAgent(db, agent(i, { actions: i % 2n ? [SWAP] : [TRANSFER] }));
    db.exec('ANALYZE');
    for (const activeOnly of [true, false]) {
      const { sql, params } = listAgentsForActionQuery({ chainId: 31337, action: SWAP, activeOnly });
      const plan = queryPlan(db, sql, params);
      expect(plan).toMatch(/SEARCH x USING (PRIMARY KEY|COVERING INDEX sqlite_autoindex_agent_actions_1) \(chain_id=\? AND action=\?\)/);
      expect(plan).toMatch(/SEARCH a USING INDEX sqlite_autoindex_agents_cache_1 \(chain_id=\? AND registry=\? AND agent_id=\?\)/);
      expect(plan).not.toMatch(/\bSCAN (x|a|agent_actions|agents_cache)\b/);
    }
  });

  test('behavior: resetRegistryCache forgets the agents, their actions and the cursor together', () => {
    const { db } = tmp.store();
    upsertAgent(db, agent(1n));
    setCursor(db, { chainId: 31337, contract: registry, lastBlock: 3n, lastBlockHash: SWAP });
    resetRegistryCache(db, { chainId: 31337, registry });
    expect(countAgents(db)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM agent_actions').get()).toEqual({ n: 0 });
    expect(getCursor(db, { chainId: 31337, contract: registry })).toBeUndefined();
  });

  describe('errors', () => {
    test('INVALID_ACTION_TAG: an action that is not bytes32', () => {
      const { db } = tmp.store();
      expect(thrown(() => upsertAgent(db, agent(1n, { actions: ['swap'] }))).code).toBe('INVALID_ACTION_TAG');
      expect(countAgents(db)).toBe(0);
    });
  });
});
