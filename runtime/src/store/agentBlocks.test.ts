import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Store } from './db.js';
import { blockAgent, isAgentBlocked, listBlockedAgents, unblockAgent } from './agentBlocks.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lucid-agent-blocks-'));
  store = openStore(join(dir, 'lucid.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('behavior: a block holds per chain across reopening the store, until unblocked', () => {
  blockAgent(store.db, { chainId: 31337, agentId: 'best-price-swap', reason: 'USDC: simulated 10, real 0', now: 1 });
  blockAgent(store.db, { chainId: 31337, agentId: 'best-price-swap', reason: 'a second reason', now: 2 });
  store.close();
  store = openStore(join(dir, 'lucid.db'));
  expect(isAgentBlocked(store.db, { chainId: 31337, agentId: 'best-price-swap' })).toMatchObject({ reason: 'USDC: simulated 10, real 0', blockedAt: 1 });
  expect(isAgentBlocked(store.db, { chainId: 1, agentId: 'best-price-swap' })).toBeUndefined();
  expect(listBlockedAgents(store.db).map((b) => b.agentId)).toEqual(['best-price-swap']);
  expect(unblockAgent(store.db, { agentId: 'best-price-swap' })).toBe(1);
  expect(unblockAgent(store.db, { agentId: 'best-price-swap' })).toBe(0);
  expect(isAgentBlocked(store.db, { chainId: 31337, agentId: 'best-price-swap' })).toBeUndefined();
});
