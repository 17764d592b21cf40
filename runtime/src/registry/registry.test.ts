import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestClient, encodeFunctionData, erc20Abi, http, parseEther, type Address, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadAgent, serveAgent, type ServeAgentReturnType, scaffoldAgent } from '../../../agents/index.js';
import { anvilAccount, devnetClient, devnetContext, executePlan } from '../../../agents/sdk/testing.js';
import { registryAgents } from './registryAgents.js';
import { devnetChain } from '../chain/clients.js';
import { advanceTime } from '../devnet/advanceTime.js';
import { countRequests } from '../chain/countRequests.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { openStore, type Store } from '../store/db.js';
import { cliFrontendMetadata, findCliFrontend, usageCallForAgent } from './cliFrontend.js';
import { syncRegistry } from './indexer.js';
import { actionTag, type ContributorContracts } from './kinds.js';
import { agentMetadata, metadataDir, pinMetadata } from './metadata.js';
import { claimEntryRewardsPlan, distributePlan, registerEntryPlan, withdrawFeesPlan } from './plans.js';
import { ensureRegistryContracts } from './testing.js';
import { dailyEmission, entrySummary, listEntries, readCapitalPosition, readEmissionSchedule, readEntryEarnings } from './views.js';
import { CapitalPool, EmissionController, EntryRegistry, UsageLedger } from '../../../registry-contracts/index.js';

let devnet: TestDevnet;
let contracts: ContributorContracts;
let client: PublicClient;
let store: Store;
let served: ServeAgentReturnType | undefined;
let work: string;
const chainId = 31337;
const user = anvilAccount(0).address;
const builder = anvilAccount(1).address;

beforeAll(async () => {
  devnet = await startTestDevnet();
  contracts = await ensureRegistryContracts({ rpcUrl: devnet.rpcUrl, deployment: devnet.deployment });
  client = devnetClient(devnet.rpcUrl);
  store = openStore(devnet.home);
  work = mkdtempSync(join(tmpdir(), 'lucid-registry-test-'));
}, 120_000);

afterAll(async () => {
  await served?.close();
  store?.close();
  await devnet?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const sync = () => syncRegistry({ client, db: store.db, chainId, contracts, metadataDir: metadataDir(devnet.home) });
const lucidBalance = (account: Address) => client.readContract({ address: contracts.rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
const stEth = () => devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!.address;

describe('contributors on the devnet', () => {
  test('behavior: a builder registers and serves an agent, usage pays it, emissions and fees are claimed, capital stakes and exits', async () => {
    // Emission is assigned to the epoch in which distribute() runs: distribute during epoch 0 so its usage earns.
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 3600 });
    await executePlan(devnet.rpcUrl, await distributePlan(client, { contracts }), 3);

    // The builder scaffolds, loads, serves and registers an agent.
    const dir = join(work, 'tip-wrap');
    scaffoldAgent({ name: 'tip-wrap', dir });
    const agent = await loadAgent(join(dir, 'agent.ts'));
    served = await serveAgent(agent, { port: 0, rpcUrl: devnet.rpcUrl });
    const pinned = pinMetadata({ home: devnet.home, metadata: agentMetadata(agent, served.url) });
    const fee = parseEther('0.001');
    await executePlan(
      devnet.rpcUrl,
      registerEntryPlan({ kind: 'agent', contracts, name: agent.id, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: agent.actions.map(actionTag), endpoint: served.url, feeWei: fee }),
      1,
    );
    // The CLI is a frontend too. The devnet bootstrap already registered "lucid-cli" with the deployer, and the
    // first holder keeps a name, so the entry registered here is not the one the CLI credits.
    const cliPinned = pinMetadata({ home: devnet.home, metadata: cliFrontendMetadata });
    const frontendFee = parseEther('0.0001');
    await executePlan(
      devnet.rpcUrl,
      registerEntryPlan({ kind: 'frontend', contracts, name: 'lucid-cli', metadataUri: cliPinned.uri, contentHash: cliPinned.contentHash, tags: [], endpoint: '', feeWei: frontendFee }),
      0,
    );

    const first = await sync();
    expect(first.rebuilt).toBe(false);
    const agents = listEntries(store.db, { chainId, contracts, kind: 'agent' });
    expect(agents).toHaveLength(1);
    expect(agents[0]).toMatchObject({ entryId: 1n, name: 'tip-wrap', owner: builder, feeWei: fee, active: true, actions: ['wrap'], endpoint: served.url, usageCount: 0 });
    const frontendId = findCliFrontend(store.db, { chainId, contracts });
    expect(frontendId).toBe(1n);

    // A user's wrap intent routes to the registry agent over HTTP; the usage call is appended to its plan.
    const candidates = registryAgents({ db: store.db, chainId, action: 'wrap' });
    expect(candidates.map((a) => [a.id, a.registryEntry.entryId])).toEqual([['registry:tip-wrap', 1n]]);
    const ctx = await devnetContext(devnet);
    const plan = await candidates[0]!.plan(ctx, {
      action: 'wrap',
      token: { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true },
      amount: { kind: 'exact', value: parseEther('0.1') },
      slippageBps: 50,
    });
    const usage = await usageCallForAgent({ publicClient: client, contracts }, { agent: candidates[0]!, frontendId });
    const [cliFrontendFee] = await client.readContract({ address: contracts.frontendRegistry, abi: EntryRegistry.abi, functionName: 'usageTerms', args: [frontendId!] });
    expect(frontendFee).not.toBe(cliFrontendFee);
    expect(usage?.value).toBe(fee + cliFrontendFee);
    await executePlan(devnet.rpcUrl, { calls: [...plan.calls, usage!] }, 0);

    await sync();
    expect(entrySummary(store.db, { chainId, contracts, kind: 'agent', entryId: 1n })?.usageCount).toBe(1);
    expect(entrySummary(store.db, { chainId, contracts, kind: 'frontend', entryId: 1n })?.usageCount).toBe(1);
    const earning = await readEntryEarnings(client, store.db, { chainId, contracts, kind: 'agent', entryId: 1n });
    expect(earning.feesOwedWei).toBe(fee - fee / 10n); // 10% protocol cut
    expect(earning.claimableRewards).toBe(0n); // epoch 0 is still open

    // A capital provider stakes 10 stETH.
    const stake = parseEther('10');
    const stEthBefore = await client.readContract({ address: stEth(), abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    await executePlan(
      devnet.rpcUrl,
      {
        calls: [
          { to: stEth(), data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [contracts.capitalPool, stake] }), value: 0n, description: 'approve' },
          { to: contracts.capitalPool, data: encodeFunctionData({ abi: CapitalPool.abi, functionName: 'stake', args: [stake, 0n] }), value: 0n, description: 'stake' },
        ],
      },
      0,
    );

    // A day passes: epoch 0 closes; distribute feeds the pools (the capital pool streams its part over a day).
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 86_400 });
    const schedule = await readEmissionSchedule(client, { contracts });
    expect(schedule.pending).toBeGreaterThan(0n);
    await executePlan(devnet.rpcUrl, await distributePlan(client, { contracts }), 3);

    // The builder's emission: its share of epoch 0's distributable reward, per the ledger's own views.
    const distributable = await client.readContract({ address: contracts.usageLedger, abi: parseDistributable, functionName: 'distributable', args: [0, 0n] });
    const [codeFees] = await client.readContract({ address: contracts.usageLedger, abi: parseDistributable, functionName: 'epochFees', args: [0n] });
    const claimable = await client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [0, 1n] });
    expect(claimable).toBe((distributable * fee) / BigInt(codeFees));
    expect(claimable).toBe(fee * 10n); // capped at 10 LUCID per ETH of fees

    const lucidBefore = await lucidBalance(builder);
    await executePlan(devnet.rpcUrl, await claimEntryRewardsPlan(client, { kind: 'agent', contracts, entryId: 1n, to: builder }), 1);
    expect((await lucidBalance(builder)) - lucidBefore).toBe(claimable);

    const ethBefore = await client.getBalance({ address: builder });
    const [receipt] = await executePlan(devnet.rpcUrl, await withdrawFeesPlan(client, { kind: 'agent', contracts, entryId: 1n, to: builder }), 1);
    const gas = receipt!.gasUsed * receipt!.effectiveGasPrice;
    expect((await client.getBalance({ address: builder })) - ethBefore + gas).toBe(fee - fee / 10n);

    await sync();
    const after = await readEntryEarnings(client, store.db, { chainId, contracts, kind: 'agent', entryId: 1n });
    expect(after).toEqual({
      feesOwedWei: 0n,
      feesWithdrawnWei: fee - fee / 10n,
      feesEarnedWei: fee - fee / 10n,
      claimableRewards: 0n,
      claimedRewards: claimable,
      rewardsEarned: claimable,
    });

    // The capital provider accrues over the stream, claims, and unstakes in full.
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 86_400 });
    const position = await readCapitalPosition(client, { contracts, account: user });
    expect(position).toMatchObject({ staked: stake, totalStaked: stake, shareBps: 10_000 });
    expect(position.earned).toBeGreaterThan(0n);
    expect(position.earned).toBe(await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'earned', args: [user] }));
    const capitalBefore = await lucidBalance(user);
    await executePlan(
      devnet.rpcUrl,
      { calls: [{ to: contracts.capitalPool, data: encodeFunctionData({ abi: CapitalPool.abi, functionName: 'claim', args: [user] }), value: 0n, description: 'claim' }] },
      0,
    );
    expect((await lucidBalance(user)) - capitalBefore).toBe(position.earned);
    await executePlan(
      devnet.rpcUrl,
      { calls: [{ to: contracts.capitalPool, data: encodeFunctionData({ abi: CapitalPool.abi, functionName: 'withdraw', args: [stake, user] }), value: 0n, description: 'unstake' }] },
      0,
    );
    expect(await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'stakedOf', args: [user] })).toBe(0n);
    expect(await client.readContract({ address: stEth(), abi: erc20Abi, functionName: 'balanceOf', args: [user] })).toBe(stEthBefore);
  }, 120_000);

  test('behavior: dailyEmission equals the contract, emittedAt(end of day) − emittedAt(start of day), to the wei', async () => {
    const schedule = await readEmissionSchedule(client, { contracts });
    const last = schedule.emissionDays - 1n;
    const days = [0n, 1n, 2n, 365n, 1_000n, last / 2n, last - 1n, last, last + 1n, last + 100n];
    const ec = { address: contracts.emissionController, abi: EmissionController.abi, functionName: 'emittedAt' } as const;
    for (const day of days) {
      const [dayStart, dayEnd] = await Promise.all([
        client.readContract({ ...ec, args: [schedule.startTime + day * 86_400n] }),
        client.readContract({ ...ec, args: [schedule.startTime + (day + 1n) * 86_400n] }),
      ]);
      expect({ day, emitted: dailyEmission(schedule, day) }).toEqual({ day, emitted: dayEnd - dayStart });
    }
    const [perPool] = await client.readContract({ address: contracts.emissionController, abi: EmissionController.abi, functionName: 'split', args: [schedule.todayDaily] });
    expect(schedule.todayDailyPerPool).toBe(perPool);
  });

  test('behavior: a restarted chain under the cursor rebuilds the index instead of keeping stale entries', async () => {
    const testClient = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
    await sync();
    const snapshot = await testClient.snapshot();
    const pinned = pinMetadata({ home: devnet.home, metadata: { id: 'ghost', kind: 'agent', description: 'gone after the revert', actions: ['swap'], chains: [], endpoint: 'http://127.0.0.1:9' } });
    await executePlan(
      devnet.rpcUrl,
      registerEntryPlan({ kind: 'agent', contracts, name: 'ghost', metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: [actionTag('swap')], endpoint: 'http://127.0.0.1:9', feeWei: 0n }),
      2,
    );
    await sync();
    expect(registryAgents({ db: store.db, chainId, action: 'swap' }).map((a) => a.id)).toEqual(['registry:ghost']);
    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 3 });
    const result = await sync();
    expect(result.rebuilt).toBe(true);
    expect(registryAgents({ db: store.db, chainId, action: 'swap' })).toEqual([]);
    expect(listEntries(store.db, { chainId, contracts, kind: 'agent' }).map((e) => e.name)).toEqual(['tip-wrap']);
  }, 60_000);

  test('behavior: a sync resumes after the last indexed block, and reads no logs when the head has not moved', async () => {
    const settled = await sync();
    const counter = countRequests();
    try {
      const idle = await sync();
      const taken = counter.take();
      expect(idle).toMatchObject({ logs: 0, entriesTouched: 0, rebuilt: false, toBlock: settled.toBlock });
      expect(taken.methods.eth_getLogs).toBeUndefined();
      expect(taken.methods.eth_call).toBeUndefined();
    } finally {
      counter.restore();
    }
    // An agent registered after that sync is picked up by the next one, which reads only the new blocks.
    const pinned = pinMetadata({ home: devnet.home, metadata: { id: 'late-swap', kind: 'agent', description: 'registered after the last sync', actions: ['swap'], chains: [], endpoint: 'http://127.0.0.1:9' } });
    await executePlan(
      devnet.rpcUrl,
      registerEntryPlan({ kind: 'agent', contracts, name: 'late-swap', metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: [actionTag('swap')], endpoint: 'http://127.0.0.1:9', feeWei: 0n }),
      2,
    );
    const next = await sync();
    expect(next.fromBlock).toBe(settled.toBlock + 1n);
    expect(next.toBlock).toBeGreaterThan(settled.toBlock);
    expect(next.entriesTouched).toBe(1);
    expect(registryAgents({ db: store.db, chainId, action: 'swap' }).map((a) => a.id)).toContain('registry:late-swap');
    // Its index equals a fresh index built from the start.
    const other = openStore(join(work, 'from-scratch.db'));
    try {
      await syncRegistry({ client, db: other.db, chainId, contracts, metadataDir: metadataDir(devnet.home) });
      expect(listEntries(other.db, { chainId, contracts, kind: 'agent' })).toEqual(listEntries(store.db, { chainId, contracts, kind: 'agent' }));
    } finally {
      other.close();
    }
  }, 60_000);

  test('behavior: syncing in small batches gives the same index as one batch', async () => {
    const other = openStore(join(work, 'batched.db'));
    try {
      await syncRegistry({ client, db: other.db, chainId, contracts, metadataDir: metadataDir(devnet.home), batchSize: 3 });
      expect(listEntries(other.db, { chainId, contracts, kind: 'agent' })).toEqual(listEntries(store.db, { chainId, contracts, kind: 'agent' }));
      expect(listEntries(other.db, { chainId, contracts, kind: 'frontend' })).toEqual(listEntries(store.db, { chainId, contracts, kind: 'frontend' }));
    } finally {
      other.close();
    }
  }, 60_000);
});

const parseDistributable = [
  ...EmissionController.abi.filter(() => false),
  { type: 'function', name: 'distributable', stateMutability: 'view', inputs: [{ name: 'pool', type: 'uint8' }, { name: 'epoch', type: 'uint256' }], outputs: [{ type: 'uint256' }] },
  { type: 'function', name: 'epochFees', stateMutability: 'view', inputs: [{ name: 'epoch', type: 'uint256' }], outputs: [{ type: 'uint80[3]' }] },
] as const;
