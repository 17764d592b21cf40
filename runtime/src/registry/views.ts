/**
 * Reads for contributors: registry entries from the SQLite index plus the UsageLedger's live views, a
 * capital provider's position, and the emission schedule. Numbers that money depends on (claimable, owed,
 * earned) always come from the contracts' own views, never from the index.
 */
import { erc20Abi, getAddress, type Address, type Hex, type PublicClient } from 'viem';
import { InputError } from '../../../kernel/index.js';
import { getAgent, type CachedAgent } from '../store/agentsCache.js';
import type { StoreDb } from '../store/db.js';
import { countUsage, findNewestOwnedEntry, getEntryInfo, listEntryIds, sumPayouts } from '../store/registryIndex.js';
import { ledgerPool, registryAddress, tagText, type ContributorContracts, type RegistryContracts, type RegistryKind } from './kinds.js';
import { CapitalPool, EmissionController, UsageLedger } from '../../../registry-contracts/index.js';
import { readEntry } from './indexer.js';
import { metadataDir, type EntryMetadata } from './metadata.js';

export type EntrySummary = {
  kind: RegistryKind;
  entryId: bigint;
  /** From verified metadata; undefined when unknown. Sanitized. */
  name: string | undefined;
  description: string | undefined;
  owner: Address;
  feeWei: bigint;
  active: boolean;
  /** Tags as text when printable, else the hex. */
  actions: string[];
  endpoint: string;
  metadataUri: string;
  contentHash: Hex;
  usageCount: number;
};

/** All indexed entries of one registry, by id. */
export function listEntries(db: StoreDb, { chainId, contracts, kind }: { chainId: number; contracts: RegistryContracts; kind: RegistryKind }): EntrySummary[] {
  const registry = registryAddress(contracts, kind);
  return listEntryIds(db, { chainId, registry }).map((entryId) => entrySummary(db, { chainId, contracts, kind, entryId })!);
}

/** One indexed entry, or `undefined` when the index does not know it. */
export function entrySummary(
  db: StoreDb,
  { chainId, contracts, kind, entryId }: { chainId: number; contracts: RegistryContracts; kind: RegistryKind; entryId: bigint },
): EntrySummary | undefined {
  const registry = registryAddress(contracts, kind);
  const cached: CachedAgent | undefined = getAgent(db, { chainId, registry, agentId: entryId });
  if (!cached) return undefined;
  const info = getEntryInfo(db, { chainId, registry, entryId });
  return {
    kind,
    entryId,
    name: info?.name ?? undefined,
    description: info?.description ?? undefined,
    owner: cached.owner,
    feeWei: cached.feeWei,
    active: cached.active,
    actions: cached.actions.map((tag) => tagText(tag) ?? tag),
    endpoint: cached.endpoint,
    metadataUri: cached.metadataUri,
    contentHash: cached.metadataHash,
    usageCount: countUsage(db, { chainId, ledger: contracts.usageLedger, kind, entryId }),
  };
}

/** The highest-id entry of `kind` owned by `owner` with this metadata hash: the one just registered. */
export function newestOwnedEntry(
  db: StoreDb,
  { chainId, contracts, kind, owner, contentHash }: { chainId: number; contracts: RegistryContracts; kind: RegistryKind; owner: Address; contentHash: Hex },
): bigint | undefined {
  return findNewestOwnedEntry(db, { chainId, registry: registryAddress(contracts, kind), owner, contentHash });
}

export type EntryEarnings = {
  /** ETH withdrawable now (UsageLedger.feesOwed). */
  feesOwedWei: bigint;
  /** ETH already withdrawn (indexed FeesWithdrawn). */
  feesWithdrawnWei: bigint;
  /** feesOwed + withdrawn: everything earned, net of the protocol cut. */
  feesEarnedWei: bigint;
  /** LUCID claimable now (UsageLedger.claimableRewards). */
  claimableRewards: bigint;
  /** LUCID already claimed (indexed RewardsClaimed). */
  claimedRewards: bigint;
  /** claimable + claimed. */
  rewardsEarned: bigint;
};

/** An entry's earnings: live ledger views plus the indexed history of payouts. */
export async function readEntryEarnings(
  client: PublicClient,
  db: StoreDb,
  { chainId, contracts, kind, entryId }: { chainId: number; contracts: RegistryContracts; kind: RegistryKind; entryId: bigint },
): Promise<EntryEarnings> {
  const pool = ledgerPool[kind];
  const [feesOwedWei, claimableRewards] = await Promise.all([
    client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [pool, entryId] }),
    client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [pool, entryId] }),
  ]);
  const feesWithdrawnWei = sumPayouts(db, { chainId, ledger: contracts.usageLedger, pool, entryId, what: 'fees' });
  const claimedRewards = sumPayouts(db, { chainId, ledger: contracts.usageLedger, pool, entryId, what: 'rewards' });
  return {
    feesOwedWei,
    feesWithdrawnWei,
    feesEarnedWei: feesOwedWei + feesWithdrawnWei,
    claimableRewards,
    claimedRewards,
    rewardsEarned: claimableRewards + claimedRewards,
  };
}

/**
 * The entry, or an InputError `ENTRY_NOT_FOUND` naming the kind (the index may simply be behind).
 */
export function requireEntry(db: StoreDb, parameters: { chainId: number; contracts: RegistryContracts; kind: RegistryKind; entryId: bigint }): EntrySummary {
  const entry = entrySummary(db, parameters);
  if (!entry)
    throw new InputError('ENTRY_NOT_FOUND', `no ${parameters.kind} #${parameters.entryId} in the registry`, {
      hints: [`list them with \`lucid ${parameters.kind} list\``],
    });
  return entry;
}

export type CapitalPosition = {
  stakeToken: Address;
  staked: bigint;
  totalStaked: bigint;
  /** The position's share of the reward stream, weight / totalWeight, in basis points (0 when nothing is staked). */
  shareBps: number;
  /** Reward multiplier of the position's lock, basis points (10,000 = 1x, at most 30,000 = 3x). */
  multiplierBps: bigint;
  /** staked × multiplier: what the stream is shared by. */
  weight: bigint;
  totalWeight: bigint;
  /** When the lock ends (unix seconds); undefined when the position is not locked now. */
  unlockAt: bigint | undefined;
  /** LUCID accrued and claimable (CapitalPool.earned). */
  earned: bigint;
  /** LUCID per second streamed to all stakers now (rewardRate / 1e18), 0 after the stream ends. */
  rewardPerSecond: bigint;
  /**
   * LUCID (base units) one whole stake token earns per day at today's emission: the capital bucket's daily
   * emission times this position's multiplier, divided by the total weight. A rate in tokens, not an APR: LUCID has no price to make one from.
   * Undefined when nothing is staked.
   */
  emissionPerTokenPerDay: bigint | undefined;
  stakeDecimals: number;
  capitalBucketPerYear: bigint;
};

/** A capital provider's position, from the CapitalPool and EmissionController views. */
export async function readCapitalPosition(client: PublicClient, { contracts, account }: { contracts: ContributorContracts; account: Address }): Promise<CapitalPosition> {
  const pool = { address: contracts.capitalPool, abi: CapitalPool.abi } as const;
  const [stakeToken, [staked, weight, multiplierBps, lockEnd, earned], totalStaked, totalWeight, rate, finish, block] = await Promise.all([
    client.readContract({ ...pool, functionName: 'stakeToken' }),
    client.readContract({ ...pool, functionName: 'positionOf', args: [account] }),
    client.readContract({ ...pool, functionName: 'totalStaked' }),
    client.readContract({ ...pool, functionName: 'totalWeight' }),
    client.readContract({ ...pool, functionName: 'rewardRate' }),
    client.readContract({ ...pool, functionName: 'periodFinish' }),
    client.getBlock({ blockTag: 'latest' }),
  ]);
  const schedule = await readEmissionSchedule(client, { contracts, now: block.timestamp });
  const capitalBucketPerYear = schedule.todayDailyPerPool * 365n;
  const shareBps = totalWeight === 0n ? 0 : Number((weight * 10_000n) / totalWeight);
  const stakeDecimals = await client.readContract({ address: stakeToken, abi: erc20Abi, functionName: 'decimals' });
  // The stream is shared by weight, so a position earns its multiplier times the 1x rate per token staked.
  const emissionPerTokenPerDay =
    totalWeight === 0n ? undefined : (schedule.todayDailyPerPool * multiplierBps * 10n ** BigInt(stakeDecimals)) / (10_000n * totalWeight);
  return {
    stakeToken: getAddress(stakeToken),
    staked,
    totalStaked,
    shareBps,
    multiplierBps,
    weight,
    totalWeight,
    unlockAt: lockEnd > block.timestamp ? lockEnd : undefined,
    earned,
    rewardPerSecond: block.timestamp < finish ? rate / 10n ** 18n : 0n,
    emissionPerTokenPerDay,
    stakeDecimals,
    capitalBucketPerYear,
  };
}

/** The ERC-20 the capital pool takes as stake. */
export async function readStakeToken(client: PublicClient, { contracts }: { contracts: ContributorContracts }): Promise<Address> {
  return getAddress(await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'stakeToken' }));
}

export type EmissionSchedule = {
  startTime: bigint;
  now: bigint;
  initialDaily: bigint;
  decreasePerDay: bigint;
  emissionDays: bigint;
  totalEmission: bigint;
  totalDistributed: bigint;
  lastDistribution: bigint;
  /** What `distribute()` would mint now. */
  pending: bigint;
  /** How `pending` splits: each of the 4 pools gets `perPool`, the protection fund the rest. */
  pendingPerPool: bigint;
  pendingProtection: bigint;
  protectionBps: bigint;
  protectionFund: Address;
  /** Whole-schedule totals per bucket (code, community, compute, capital each get `perBucket`). */
  totalPerBucket: bigint;
  totalProtection: bigint;
  /** Days since start (floored); 0 before start. */
  today: bigint;
  /** Emission of the current day, all buckets, and one bucket's share of it. */
  todayDaily: bigint;
  todayDailyPerPool: bigint;
};

/** The emission schedule and the next distribution, from the EmissionController's views. */
export async function readEmissionSchedule(client: PublicClient, { contracts, now }: { contracts: ContributorContracts; now?: bigint | undefined }): Promise<EmissionSchedule> {
  const ec = { address: contracts.emissionController, abi: EmissionController.abi } as const;
  const time = now ?? (await client.getBlock({ blockTag: 'latest' })).timestamp;
  const [startTime, initialDaily, decreasePerDay, emissionDays, totalEmission, totalDistributed, lastDistribution, pending, protectionBps, protectionFund] =
    await Promise.all([
      client.readContract({ ...ec, functionName: 'startTime' }),
      client.readContract({ ...ec, functionName: 'initialDailyEmission' }),
      client.readContract({ ...ec, functionName: 'decreasePerDay' }),
      client.readContract({ ...ec, functionName: 'emissionDays' }),
      client.readContract({ ...ec, functionName: 'totalEmission' }),
      client.readContract({ ...ec, functionName: 'totalDistributed' }),
      client.readContract({ ...ec, functionName: 'lastDistribution' }),
      client.readContract({ ...ec, functionName: 'pendingEmission' }),
      client.readContract({ ...ec, functionName: 'protectionBps' }),
      client.readContract({ ...ec, functionName: 'protectionFund' }),
    ]);
  const start = BigInt(startTime);
  const today = time > start ? (time - start) / 86_400n : 0n;
  const todayDaily = dailyEmission({ initialDaily, decreasePerDay }, today);
  // The split is the contract's own (`split` view), never a copy of its arithmetic here.
  const [[pendingPerPool, pendingProtection], [totalPerBucket, totalProtection], [todayDailyPerPool]] = await Promise.all([
    client.readContract({ ...ec, functionName: 'split', args: [pending] }),
    client.readContract({ ...ec, functionName: 'split', args: [totalEmission] }),
    client.readContract({ ...ec, functionName: 'split', args: [todayDaily] }),
  ]);
  return {
    startTime: start,
    now: time,
    initialDaily,
    decreasePerDay,
    emissionDays,
    totalEmission,
    totalDistributed,
    lastDistribution: BigInt(lastDistribution),
    pending,
    pendingPerPool,
    pendingProtection,
    protectionBps,
    protectionFund: getAddress(protectionFund),
    totalPerBucket,
    totalProtection,
    today,
    todayDaily,
    todayDailyPerPool,
  };
}

/**
 * Emission on day `day` (all buckets): `max(initial - day * decrease, 0)`. The curve of the emission chart,
 * computed here because a chart samples it hundreds of times; registry.test.ts checks it against the
 * contract's own `emittedAt` view on the devnet, day by day across the schedule and past its end.
 */
export function dailyEmission({ initialDaily, decreasePerDay }: { initialDaily: bigint; decreasePerDay: bigint }, day: bigint): bigint {
  const value = initialDaily - day * decreasePerDay;
  return value > 0n ? value : 0n;
}

/**
 * The entry's current metadata, when it is pinned on this machine and its bytes match the onchain content hash
 * (read from chain now, not from the index); `undefined` otherwise. `lucid <kind> update --endpoint` re-pins it
 * with the new endpoint, because routing only trusts an endpoint the verified metadata states.
 */
export async function readEntryMetadata(
  client: PublicClient,
  { chainId, contracts, kind, entryId, home }: { chainId: number; contracts: RegistryContracts; kind: RegistryKind; entryId: bigint; home: string },
): Promise<EntryMetadata | undefined> {
  const entry = await readEntry(client, { chainId, registry: registryAddress(contracts, kind), entryId, metadataDir: metadataDir(home) });
  return entry.metadata;
}
