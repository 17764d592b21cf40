/**
 * Synthetic registry entries written straight into the index, for the routing bench and routing tests:
 * `count` agents, each serving one or two actions, with varied fees, as if the indexer had read them.
 */
import { getAddress, type Address } from 'viem';
import { intentActions } from '../../../kernel/index.js';
import type { StoreDb } from '../store/db.js';
import { seedRegistryEntries, type SeedEntry } from '../store/registryIndex.js';
import { actionTag } from './kinds.js';

export const SYNTHETIC_AGENT_REGISTRY: Address = getAddress('0x00000000000000000000000000000000000a6e47');

export function seedSyntheticAgents(db: StoreDb, { chainId, count, registry = SYNTHETIC_AGENT_REGISTRY }: { chainId: number; count: number; registry?: Address | undefined }): void {
  const owner = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
  const tagsOf = new Map(intentActions.map((action) => [action, actionTag(action)]));
  function* entries(): Generator<SeedEntry> {
    for (let i = 1; i <= count; i++) {
      const tags = [...new Set([tagsOf.get(intentActions[i % intentActions.length]!)!, tagsOf.get(intentActions[(i * 7) % intentActions.length]!)!])];
      const contentHash = `0x${i.toString(16).padStart(64, '0')}` as const;
      yield {
        entryId: BigInt(i),
        owner,
        metadataUri: `lucid-metadata:${contentHash.slice(2)}`,
        contentHash,
        endpoint: `http://127.0.0.1:${10_000 + (i % 50_000)}`,
        feeWei: BigInt((i * 7919) % 1000) * 10n ** 12n,
        active: i % 10 !== 0,
        tags,
        name: `synthetic-${i}`,
        description: `synthetic agent ${i}`,
        usageCount: i % 13,
      };
    }
  }
  seedRegistryEntries(db, { chainId, registry, entries: entries() });
}
