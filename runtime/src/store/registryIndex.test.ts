import { describe, expect, test } from 'vitest';
import { useTempDirs } from './test-utils/tmp.js';
import { FIRST_ENTRY_WITH_NAME_SQL, firstEntriesWithNames, listRegistryCandidates, seedRegistryEntries, type SeedEntry } from './registryIndex.js';

const tmp = useTempDirs();
const chainId = 31337;
const registry = '0x00000000000000000000000000000000000A6e47' as const;
const swap = `0x73776170${'00'.repeat(28)}` as const;
const wrap = `0x77726170${'00'.repeat(28)}` as const;

function* entries(count: number): Generator<SeedEntry> {
  for (let i = 1; i <= count; i++)
    yield {
      entryId: BigInt(i),
      owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      metadataUri: `lucid-metadata:${i}`,
      contentHash: `0x${i.toString(16).padStart(64, '0')}`,
      endpoint: `http://127.0.0.1:${9000 + i}`,
      feeWei: BigInt((i * 7919) % 1000),
      active: i % 10 !== 0,
      tags: i % 2 ? [swap] : [swap, wrap],
      name: `agent-${i}`,
      description: `agent ${i}`,
      usageCount: 0,
    };
}

describe('listRegistryCandidates', () => {
  test('behavior: the cheapest active entries, read by an index range scan (no full scan, no sort of all matches)', () => {
    const { db } = tmp.store();
    seedRegistryEntries(db, { chainId, registry, entries: entries(2_000) });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT entry_id FROM registry_candidates WHERE chain_id = ? AND registry = ? AND action = ? ORDER BY fee_key, entry_id LIMIT 8`,
      )
      .all(chainId, registry, swap) as { detail: string }[];
    const details = plan.map((row) => row.detail).join('\n');
    expect(details).toMatch(/SEARCH registry_candidates USING PRIMARY KEY/);
    expect(details).not.toMatch(/TEMP B-TREE/);
    const rows = listRegistryCandidates(db, { chainId, actionTag: wrap, limit: 50 });
    expect(rows).toHaveLength(50);
    const fees = rows.map((row) => BigInt(row.fee_wei));
    expect(fees).toEqual([...fees].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(rows.every((row) => Number(row.entry_id) % 2 === 0 && Number(row.entry_id) % 10 !== 0)).toBe(true);
  });
});

describe('firstEntriesWithNames', () => {
  test('behavior: the first holder of each name, found by a search of the name index (routing does not scan the registry)', () => {
    const { db } = tmp.store();
    seedRegistryEntries(db, { chainId, registry, entries: entries(2_000) });
    // Two later entries take names already held (ids 7 and 1500): the first holders keep them.
    seedRegistryEntries(db, {
      chainId,
      registry,
      entries: [2_001n, 2_002n].map((id, i) => ({ ...entries(1).next().value!, entryId: id, name: i === 0 ? 'agent-7' : 'agent-1500' })),
    });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${FIRST_ENTRY_WITH_NAME_SQL}`).all(chainId, registry, 'agent-7') as { detail: string }[];
    const details = plan.map((row) => row.detail).join('\n');
    expect(details).toMatch(/SEARCH registry_entry_info USING (COVERING )?INDEX registry_entry_info_name \(chain_id=\? AND registry=\? AND name=\?\)/);
    const first = firstEntriesWithNames(db, { chainId, registry, names: ['agent-7', 'agent-1500', 'agent-1500', 'nobody'] });
    expect([...first]).toEqual([
      ['agent-7', 7n],
      ['agent-1500', 1_500n],
    ]);
    expect(firstEntriesWithNames(db, { chainId, registry: '0x0000000000000000000000000000000000000001', names: ['agent-7'] }).size).toBe(0);
  });
});
