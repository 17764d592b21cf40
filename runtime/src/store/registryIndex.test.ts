import { describe, expect, test } from 'vitest';
import { useTempDirs } from './test-utils/tmp.js';
import { listRegistryCandidates, seedRegistryEntries, type SeedEntry } from './registryIndex.js';

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
