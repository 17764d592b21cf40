/**
 * Contributor actions as {@link Plan}s: Lucid never signs these itself. A command builds the plan here and
 * hands it to the guarded pipeline (`runPlan`), which simulates, checks `expects`, shows, confirms and signs.
 * Every function is pure (no RPC) except where it says it reads.
 */
import { encodeFunctionData, formatEther, type Address, type Hex, type PublicClient } from 'viem';
import { InputError, parseUnits, type ExpectedEffect, type Plan, type PlanCall, type PlanFee } from '../../../kernel/index.js';
import { ledgerPool, poolName, registryAddress, type ContributorContracts, type RegistryContracts, type RegistryKind } from './kinds.js';
import { EmissionController, EntryRegistry, UsageLedger } from '../../../registry-contracts/index.js';

/** The agent id plans built by the CLI itself carry. */
export const CLI_PLAN_AGENT_ID = 'lucid-cli';
/** Largest fee the contracts accept (95 bits: the fee shares a 96-bit field with the active flag). */
export const MAX_FEE_WEI = 2n ** 95n - 1n;
/** ETH locked by `register` (EntryRegistry.REGISTRATION_BOND) and refunded by `deregister`. */
export const REGISTRATION_BOND_WEI = 10n ** 16n;

export type RegisterEntryPlanParameters = {
  kind: RegistryKind;
  contracts: RegistryContracts;
  /** Shown in the summary: the entry's name. */
  name: string;
  metadataUri: string;
  contentHash: Hex;
  tags: readonly Hex[];
  endpoint: string;
  feeWei: bigint;
};

/** One call: `register(...)` on the kind's registry. */
export function registerEntryPlan(parameters: RegisterEntryPlanParameters): Plan {
  const { kind, contracts, name, metadataUri, contentHash, tags, endpoint, feeWei } = parameters;
  assertFee(feeWei);
  if (tags.length > 16) throw new InputError('TOO_MANY_TAGS', `an entry can carry at most 16 tags, got ${tags.length}`);
  const call: PlanCall = {
    to: registryAddress(contracts, kind),
    data: encodeFunctionData({ abi: EntryRegistry.abi, functionName: 'register', args: [metadataUri, contentHash, [...tags], endpoint, feeWei] }),
    value: REGISTRATION_BOND_WEI,
    description: `Register ${kind} "${name}" (fee ${formatEther(feeWei)} ETH per use${endpoint ? `, endpoint ${endpoint}` : ''}; bond ${formatEther(REGISTRATION_BOND_WEI)} ETH, refunded on deregister)`,
  };
  // The bond leaves the user's ETH: declared, so the review promises exactly it and the simulation is held to it.
  const bond: ExpectedEffect = { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: REGISTRATION_BOND_WEI, bound: 'exact' };
  return { agentId: CLI_PLAN_AGENT_ID, summary: `Register ${kind} "${name}" in the ${kind} registry (bond ${formatEther(REGISTRATION_BOND_WEI)} ETH)`, calls: [call], expects: [bond] };
}

export type UpdateEntryPlanParameters = {
  kind: RegistryKind;
  contracts: RegistryContracts;
  entryId: bigint;
  feeWei?: bigint | undefined;
  endpoint?: string | undefined;
  metadata?: { uri: string; contentHash: Hex } | undefined;
  tags?: readonly Hex[] | undefined;
  active?: boolean | undefined;
};

/**
 * One call per field that changes (setFee, setEndpoint, setMetadata, setTags, setActive).
 *
 * @throws InputError `NOTHING_TO_UPDATE` when no field is given.
 */
export function updateEntryPlan(parameters: UpdateEntryPlanParameters): Plan {
  const { kind, contracts, entryId } = parameters;
  const to = registryAddress(contracts, kind);
  const calls: PlanCall[] = [];
  const call = (data: Hex, description: string) => calls.push({ to, data, value: 0n, description });
  if (parameters.feeWei !== undefined) {
    assertFee(parameters.feeWei);
    call(encodeFunctionData({ abi: EntryRegistry.abi, functionName: 'setFee', args: [entryId, parameters.feeWei] }), `Set ${kind} #${entryId} fee to ${formatEther(parameters.feeWei)} ETH per use`);
  }
  if (parameters.endpoint !== undefined)
    call(encodeFunctionData({ abi: EntryRegistry.abi, functionName: 'setEndpoint', args: [entryId, parameters.endpoint] }), `Set ${kind} #${entryId} endpoint to ${parameters.endpoint}`);
  if (parameters.metadata !== undefined)
    call(
      encodeFunctionData({ abi: EntryRegistry.abi, functionName: 'setMetadata', args: [entryId, parameters.metadata.uri, parameters.metadata.contentHash] }),
      `Set ${kind} #${entryId} metadata to ${parameters.metadata.uri}`,
    );
  if (parameters.tags !== undefined)
    call(encodeFunctionData({ abi: EntryRegistry.abi, functionName: 'setTags', args: [entryId, [...parameters.tags]] }), `Set ${kind} #${entryId} actions (${parameters.tags.length})`);
  if (parameters.active !== undefined)
    call(encodeFunctionData({ abi: EntryRegistry.abi, functionName: 'setActive', args: [entryId, parameters.active] }), `${parameters.active ? 'Activate' : 'Deactivate'} ${kind} #${entryId}`);
  if (calls.length === 0)
    throw new InputError('NOTHING_TO_UPDATE', `nothing to update for ${kind} #${entryId}`, { hints: ['pass --fee, --endpoint or --metadata'] });
  const summary = calls.length === 1 ? calls[0]!.description : `Update ${kind} #${entryId} (${calls.length} changes)`;
  return { agentId: CLI_PLAN_AGENT_ID, summary, calls, expects: [] };
}

/** `setActive(id, false)`: the entry stays owned but can no longer be used or routed to. */
export function deactivateEntryPlan({ kind, contracts, entryId }: { kind: RegistryKind; contracts: RegistryContracts; entryId: bigint }): Plan {
  return updateEntryPlan({ kind, contracts, entryId, active: false });
}

/**
 * Withdraws the entry's ETH fees to `to`. Reads `feesOwed` so the plan promises exactly that ETH.
 *
 * @throws InputError `NOTHING_TO_WITHDRAW` when nothing is owed.
 */
export async function withdrawFeesPlan(
  client: PublicClient,
  { kind, contracts, entryId, to }: { kind: RegistryKind; contracts: RegistryContracts; entryId: bigint; to: Address },
): Promise<Plan> {
  const owed = await client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [ledgerPool[kind], entryId] });
  if (owed === 0n) throw new InputError('NOTHING_TO_WITHDRAW', `${kind} #${entryId} has no fees to withdraw`);
  const expects: ExpectedEffect[] = [{ token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'in', amount: owed, bound: 'exact' }];
  return {
    agentId: CLI_PLAN_AGENT_ID,
    summary: `Withdraw ${formatEther(owed)} ETH of fees earned by ${kind} #${entryId}`,
    calls: [
      {
        to: contracts.usageLedger,
        data: encodeFunctionData({ abi: UsageLedger.abi, functionName: 'withdrawFees', args: [ledgerPool[kind], entryId, to] }),
        value: 0n,
        description: `Withdraw ${formatEther(owed)} ETH fees of ${kind} #${entryId}`,
      },
    ],
    expects,
  };
}

/**
 * Claims the entry's LUCID emission (closed epochs) to `to`. Reads `claimableRewards` for the promise.
 *
 * @throws InputError `NOTHING_TO_CLAIM` when nothing is claimable yet.
 */
export async function claimEntryRewardsPlan(
  client: PublicClient,
  { kind, contracts, entryId, to }: { kind: RegistryKind; contracts: ContributorContracts; entryId: bigint; to: Address },
): Promise<Plan> {
  const claimable = await client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [ledgerPool[kind], entryId] });
  if (claimable === 0n)
    throw new InputError('NOTHING_TO_CLAIM', `${kind} #${entryId} has no emissions to claim yet`, {
      hints: ['rewards of an epoch become claimable once the epoch closes (1 day) and after `lucid emissions distribute`'],
    });
  return {
    agentId: CLI_PLAN_AGENT_ID,
    summary: `Claim ${formatEther(claimable)} LUCID of ${poolName[kind]}-pool emissions earned by ${kind} #${entryId}`,
    calls: [
      {
        to: contracts.usageLedger,
        data: encodeFunctionData({ abi: UsageLedger.abi, functionName: 'claimRewards', args: [ledgerPool[kind], entryId, to] }),
        value: 0n,
        description: `Claim ${formatEther(claimable)} LUCID for ${kind} #${entryId}`,
      },
    ],
    expects: [{ token: contracts.rewardToken, symbol: 'LUCID', decimals: 18, direction: 'in', amount: claimable, bound: 'atLeast' }],
  };
}

/** `EmissionController.distribute()`: mints what the schedule owes since the last distribution. Permissionless. */
export async function distributePlan(client: PublicClient, { contracts }: { contracts: ContributorContracts }): Promise<Plan> {
  const pending = await client.readContract({ address: contracts.emissionController, abi: EmissionController.abi, functionName: 'pendingEmission' });
  return {
    agentId: CLI_PLAN_AGENT_ID,
    summary: `Distribute ~${formatEther(pending)} LUCID of pending emission to the pools`,
    calls: [
      {
        to: contracts.emissionController,
        data: encodeFunctionData({ abi: EmissionController.abi, functionName: 'distribute' }),
        value: 0n,
        description: `Distribute pending emission (~${formatEther(pending)} LUCID) to the code, community, compute and capital pools`,
      },
    ],
    expects: [],
  };
}

export type UsageCallForParameters = {
  usageLedger: Address;
  /** The agent's entry id in the AgentRegistry (required). */
  agentRegistryId: bigint;
  /** 0n or undefined for none. */
  frontendId?: bigint | undefined;
  computeId?: bigint | undefined;
  /** Sum of the entries' fees in wei: exactly what `recordUsage` requires as msg.value. */
  fee: bigint;
};

/**
 * The call that records a use of a registered agent (and the CLI frontend) and pays their fees. The
 * pipeline appends it to a plan executed through a registered agent, so the fee shows in the simulation.
 *
 * @example
 * plan.calls.push(usageCallFor({ usageLedger, agentRegistryId: 3n, frontendId: 1n, fee: 1_000_000_000_000_000n }))
 */
export function usageCallFor({ usageLedger, agentRegistryId, frontendId = 0n, computeId = 0n, fee }: UsageCallForParameters): PlanCall {
  if (agentRegistryId <= 0n) throw new InputError('MISSING_AGENT', 'recording usage needs a registered agent id');
  const parts = [`agent #${agentRegistryId}`, frontendId ? `frontend #${frontendId}` : '', computeId ? `compute #${computeId}` : ''].filter(Boolean);
  return {
    to: usageLedger,
    data: encodeFunctionData({ abi: UsageLedger.abi, functionName: 'recordUsage', args: [agentRegistryId, frontendId, computeId] }),
    value: fee,
    description: `Pay ${formatEther(fee)} ETH in usage fees (${parts.join(', ')})`,
  };
}

/**
 * The total fee `recordUsage` will charge for these entries, read from the registries' `usageTerms` (one view
 * call each). Inactive entries throw, because the ledger would revert.
 */
export async function usageFee(
  client: PublicClient,
  parameters: { contracts: RegistryContracts; agentRegistryId: bigint; frontendId?: bigint | undefined; computeId?: bigint | undefined },
): Promise<bigint> {
  return (await usageFees(client, parameters)).reduce((sum, part) => sum + part.amount, 0n);
}

/**
 * Each entry's fee that `recordUsage` will charge (agent, then frontend and compute when given), read from the
 * registries' `usageTerms`; zero fees are listed too. Inactive entries throw, because the ledger would revert.
 */
export async function usageFees(
  client: PublicClient,
  { contracts, agentRegistryId, frontendId = 0n, computeId = 0n }: { contracts: RegistryContracts; agentRegistryId: bigint; frontendId?: bigint | undefined; computeId?: bigint | undefined },
): Promise<PlanFee[]> {
  const parts: PlanFee[] = [];
  for (const [kind, id] of [['agent', agentRegistryId], ['frontend', frontendId], ['compute', computeId]] as const) {
    if (id === 0n) continue;
    const [fee, active] = await client.readContract({ address: registryAddress(contracts, kind), abi: EntryRegistry.abi, functionName: 'usageTerms', args: [id] });
    if (!active) throw new InputError('ENTRY_INACTIVE', `${kind} #${id} is not active`);
    parts.push({ payee: kind, entryId: id, amount: fee });
  }
  return parts;
}

/** Parses "0.001" (ETH) into wei, refusing negatives, more than 18 decimals and more than uint96. */
export function parseFeeEth(text: string): bigint {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,18})?$/.test(trimmed))
    throw new InputError('BAD_FEE', `--fee must be an ETH amount like 0.001, got "${trimmed.slice(0, 40)}"`);
  const wei = parseUnits(trimmed, 18);
  assertFee(wei);
  return wei;
}

function assertFee(fee: bigint): void {
  if (fee < 0n || fee > MAX_FEE_WEI) throw new InputError('BAD_FEE', `the fee must be between 0 and ${formatEther(MAX_FEE_WEI)} ETH`);
}
