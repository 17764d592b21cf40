/**
 * The contributor commands through real argv, in process, against a test devnet (its home is $LUCID_HOME,
 * so the session reuses that running devnet): a builder scaffolds and registers an agent by its endpoint,
 * usage pays it, emissions are distributed and claimed, fees withdrawn; a capital provider stakes, reads
 * rewards, claims and unstakes in full; the emission chart; user errors with stable codes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { erc20Abi, parseEther, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadAgent, serveAgent, type ServeAgentReturnType } from '../../../agents/index.js';
import { devnetClient, executePlan } from '../../../agents/sdk/testing.js';
import { advanceTime, contributorContractsFrom, type ContributorContracts, actionTag, registerEntryPlan, pinMetadata } from '../../../runtime/index.js';
import { startTestDevnet, type TestDevnet, HASH_FIELDS, usageCallFor } from '../../../runtime/testing.js';
import { captureOutput } from '../captureOutput.js';
import { setStreams } from '../output.js';
import { buildProgram } from '../main.js';
import { agentCommand } from './agent.js';
import { claimCommand, rewardsCommand, stakeCommand, unstakeCommand } from './capital.js';
import { emissionsCommand } from './emissions.js';
import { frontendCommand } from './frontend.js';
import { CapitalPool, EntryRegistry, UsageLedger } from '../../../registry-contracts/index.js';

let devnet: TestDevnet;
let contracts: ContributorContracts;
let served: ServeAgentReturnType | undefined;
let work: string;
const savedHome = process.env.LUCID_HOME;
const user: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

beforeAll(async () => {
  devnet = await startTestDevnet();
  contracts = contributorContractsFrom(devnet.deployment.contracts);
  process.env.LUCID_HOME = devnet.home;
  work = mkdtempSync(join(tmpdir(), 'lucid-contributors-'));
}, 120_000);

afterAll(async () => {
  await served?.close();
  await devnet?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  if (savedHome === undefined) delete process.env.LUCID_HOME;
  else process.env.LUCID_HOME = savedHome;
  setStreams(undefined);
});

type Run = { stdout: string; stderr: string; error?: { code?: string; message: string } | undefined };

/**
 * Runs `lucid <make()'s name> …argv` through the real program (its options are the program's), capturing
 * stdout/stderr; a thrown LucidError is returned, not thrown.
 */
async function cli(make: () => Command, argv: string[]): Promise<Run> {
  const output = captureOutput();
  const program = buildProgram();
  try {
    await program.parseAsync([make().name(), ...argv], { from: 'user' });
    return { stdout: output.stdout, stderr: output.stderr };
  } catch (error) {
    return { stdout: output.stdout, stderr: output.stderr, error: error as { code?: string; message: string } };
  } finally {
    output.release();
  }
}

async function json<value = Record<string, unknown>>(make: () => Command, argv: string[]): Promise<value> {
  const run = await cli(make, argv);
  if (run.error) throw new Error(`${argv.join(' ')}: ${run.error.code} ${run.error.message} ${(run.error as { details?: string }).details ?? ''}\n${run.stderr}`);
  return JSON.parse(run.stdout) as value;
}

describe('lucid agent | emissions | stake | rewards', () => {
  test('behavior: a builder registers an agent by endpoint, usage pays it, and it claims emissions and withdraws fees', async () => {
    const client = devnetClient(devnet.rpcUrl);
    const init = await json<{ dir: string; files: string[] }>(agentCommand, ['init', 'tip-cli', '--dir', join(work, 'tip-cli'), '--json']);
    expect(init.files.length).toBeGreaterThan(0);
    const tested = await json<{ status: string }>(agentCommand, ['test', join(init.dir, 'agent.ts'), 'wrap 0.1 ETH', '--json']);
    expect(tested.status).toBe('simulated');
    served = await serveAgent(await loadAgent(join(init.dir, 'agent.ts')), { port: 0, rpcUrl: devnet.rpcUrl });

    // Emission lands in the epoch in which it is distributed: distribute now, use the agent in this epoch.
    const distributed = await json(emissionsCommand, ['distribute', '--yes', '--json']);
    expect(distributed.status).toBe('confirmed');

    // The registration itself (the same plan `lucid agent register <endpoint>` builds) is sent by the test
    // wallet here; the pipeline path is the next test, which needs the store to accept `contentHash` logs.
    const health = (await (await fetch(`${served.url}/health`)).json()) as { id: string; description?: string; actions: string[]; chains: number[] };
    const pinned = pinMetadata({ home: devnet.home, metadata: { id: health.id, kind: 'agent', description: health.description ?? '', actions: health.actions, chains: health.chains, endpoint: served.url } });
    const before = await devnetClient(devnet.rpcUrl).readContract({ address: contracts.agentRegistry, abi: EntryRegistry.abi, functionName: 'lastEntryId' });
    await executePlan(
      devnet.rpcUrl,
      registerEntryPlan({ kind: 'agent', contracts, name: health.id, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: health.actions.map(actionTag), endpoint: served.url, feeWei: parseEther('0.001') }),
      0,
    );
    const registered = { entryId: (before + 1n).toString() };
    const entryId = BigInt(registered.entryId);

    const listed = await json<{ entries: { entryId: string; name: string; owner: string; feeWei: string; active: boolean; actions: string[]; endpoint: string }[] }>(agentCommand, ['list', '--json']);
    expect(listed.entries.find((e) => e.entryId === registered.entryId)).toMatchObject({ name: 'tip-cli', owner: user, feeWei: parseEther('0.001').toString(), active: true, actions: ['wrap'], endpoint: served.url });

    // The endpoint is pinned by the metadata: `update --endpoint` re-pins the metadata with it, so the entry keeps
    // its name (and stays routable) at the new address.
    const moved = `${served.url}/`;
    expect((await json<{ status: string }>(agentCommand, ['update', registered.entryId, '--endpoint', moved, '--yes', '--json'])).status).toBe('confirmed');
    const relisted = await json<{ entries: { entryId: string; name: string; endpoint: string }[] }>(agentCommand, ['list', '--json']);
    expect(relisted.entries.find((e) => e.entryId === registered.entryId)).toMatchObject({ name: 'tip-cli', endpoint: moved });

    // A use of the agent (as the pipeline will append it) pays the fee.
    const fee = parseEther('0.001');
    await executePlan(devnet.rpcUrl, { calls: [usageCallFor({ usageLedger: contracts.usageLedger, agentRegistryId: entryId, fee })] }, 2);
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 86_401 });

    const shown = await json<{ usageCount: number; earnings: Record<string, string> }>(agentCommand, ['show', registered.entryId, '--json']);
    const claimable = await client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [0, entryId] });
    const owed = await client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [0, entryId] });
    expect(claimable).toBeGreaterThan(0n);
    expect(owed).toBe(fee - fee / 10n);
    expect(shown.usageCount).toBe(1);
    expect(shown.earnings).toMatchObject({ claimableRewards: claimable.toString(), feesOwedWei: owed.toString(), feesEarnedWei: owed.toString() });

    const lucidBefore = await client.readContract({ address: contracts.rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    expect((await json(agentCommand, ['claim', registered.entryId, '--yes', '--json'])).status).toBe('confirmed');
    expect((await client.readContract({ address: contracts.rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [user] })) - lucidBefore).toBe(claimable);
    expect((await json(agentCommand, ['withdraw', registered.entryId, '--yes', '--json'])).status).toBe('confirmed');
    expect(await client.readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [0, entryId] })).toBe(0n);

    const after = await json<{ earnings: Record<string, string> }>(agentCommand, ['show', registered.entryId, '--json']);
    expect(after.earnings).toMatchObject({ claimableRewards: '0', claimedRewards: claimable.toString(), feesOwedWei: '0', feesWithdrawnWei: owed.toString() });
  }, 180_000);

  test('behavior: a capital provider stakes, accrues, claims and unstakes in full', async () => {
    const client = devnetClient(devnet.rpcUrl);
    const stEth = devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!.address;
    const before = await client.readContract({ address: stEth, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    expect((await json(stakeCommand, ['10', 'stETH', '--yes', '--json'])).status).toBe('confirmed');
    expect(await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'stakedOf', args: [user] })).toBe(parseEther('10'));

    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 3600 });
    await json(emissionsCommand, ['distribute', '--yes', '--json']);
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 86_400 });
    const rewards = await json<{ staked: string; shareBps: number; earned: string; emissionPerTokenPerDay: string; aprEstimate?: unknown }>(rewardsCommand, ['--json']);
    const earned = await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'earned', args: [user] });
    expect(rewards).toMatchObject({ staked: parseEther('10').toString(), shareBps: 10_000, earned: earned.toString() });
    expect(earned).toBeGreaterThan(0n);
    // a rate in tokens, exact; no APR made up from a 1:1 price
    expect(BigInt(rewards.emissionPerTokenPerDay)).toBeGreaterThan(0n);
    expect(rewards.aprEstimate).toBeUndefined();
    const text = await cli(rewardsCommand, []);
    expect(text.stdout).toMatch(/^emission {3}[\d,.]+ LUCID per stETH staked per day$/m);
    expect(text.stdout).not.toMatch(/APR +~|%\s*$/m);
    expect(text.stdout).not.toMatch(/\.\d{5,}/); // no 18-decimal amounts

    const lucidBefore = await client.readContract({ address: contracts.rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    expect((await json(claimCommand, ['--yes', '--json'])).status).toBe('confirmed');
    expect((await client.readContract({ address: contracts.rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [user] })) - lucidBefore).toBe(earned);

    // While the stream runs, rewards accrue by the second between simulation and inclusion: that is
    // expected, not "differs from the simulation".
    await json(emissionsCommand, ['distribute', '--yes', '--json']);
    await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 600 });
    expect((await json<{ rewardPerSecond: string }>(rewardsCommand, ['--json'])).rewardPerSecond).not.toBe('0');
    expect(await json(claimCommand, ['--yes', '--json'])).toMatchObject({ status: 'confirmed', outcomeDifferences: [] });
    expect((await json(unstakeCommand, ['all', '--yes', '--json'])).status).toBe('confirmed');
    expect(await client.readContract({ address: contracts.capitalPool, abi: CapitalPool.abi, functionName: 'stakedOf', args: [user] })).toBe(0n);
    expect(await client.readContract({ address: stEth, abi: erc20Abi, functionName: 'balanceOf', args: [user] })).toBe(before);
  }, 180_000);

  test('default: lucid emissions draws the schedule in 80 columns with today marked, and the totals', async () => {
    const run = await cli(emissionsCommand, []);
    expect(run.error).toBeUndefined();
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(run.stdout).toMatch(/▲ today \(day \d+\)/);
    expect(run.stdout).toMatch(/buckets\s+code [\d,.]+ · community [\d,.]+\n\s+compute [\d,.]+ · capital [\d,.]+/);
    expect(run.stdout).toMatch(/protection\s+[\d,.]+ LUCID .*\n\s+fund 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f/);
    const doc = await json<{ next: { pending: string; perPool: string; protection: string } }>(emissionsCommand, ['--json']);
    expect(BigInt(doc.next.perPool) * 4n + BigInt(doc.next.protection)).toBe(BigInt(doc.next.pending));
  }, 60_000);

  // Registering through the pipeline stores the simulated EntryRegistered log, whose `contentHash` argument the
  // store's secret guard refuses until `contenthash` is one of its HASH_FIELDS (asked of the lead).
  const storeAcceptsContentHash = HASH_FIELDS.has('contenthash');

  test.skipIf(!storeAcceptsContentHash)('behavior: lucid agent register <endpoint> learns the agent from /health and registers it through the pipeline', async () => {
    const registered = await json<{ status: string; entryId: string; metadataUri: string }>(agentCommand, ['register', served!.url, '--fee', '0.002', '--yes', '--json']);
    expect(registered.status).toBe('confirmed');
    expect(registered.metadataUri).toMatch(/^lucid-metadata:[0-9a-f]{64}$/);
    const shown = await json<{ name: string; feeWei: string; owner: string; actions: string[] }>(agentCommand, ['show', registered.entryId, '--json']);
    expect(shown).toMatchObject({ name: 'tip-cli', feeWei: parseEther('0.002').toString(), owner: user, actions: ['wrap'] });
    expect((await json(agentCommand, ['deactivate', registered.entryId, '--yes', '--json'])).status).toBe('confirmed');
    expect((await json<{ active: boolean }>(agentCommand, ['show', registered.entryId, '--json'])).active).toBe(false);
  }, 60_000);

  test('behavior: the devnet starts with "lucid-cli" registered by the deployer, so routing never signs a registration for the user', async () => {
    const { openContributorSession } = await import('../contributor/openContributorSession.js');
    const { ensureCliFrontend } = await import('../../../runtime/testing.js');
    const client = devnetClient(devnet.rpcUrl);
    const nonce = await client.getTransactionCount({ address: user });
    const session = await openContributorSession({ json: true });
    try {
      const first = await ensureCliFrontend(session);
      expect(first).toBeGreaterThan(0n);
      expect(await ensureCliFrontend(session)).toBe(first);
      const [owner, fee, active] = await client.readContract({ address: contracts.frontendRegistry, abi: EntryRegistry.abi, functionName: 'entry', args: [first] });
      expect({ owner, fee, active }).toEqual({ owner: devnet.deployment.deployer, fee: 0n, active: true });
      expect(await client.getTransactionCount({ address: user })).toBe(nonce);
    } finally {
      await session.close();
    }
  }, 60_000);

  test.skipIf(!storeAcceptsContentHash)('behavior: a frontend registers by name and lists with its fee', async () => {
    const registered = await json<{ status: string; entryId: string }>(frontendCommand, ['register', 'my-ui', '--fee', '0.0001', '--description', 'a web wallet', '--yes', '--json']);
    expect(registered.status).toBe('confirmed');
    const listed = await json<{ entries: { entryId: string; name: string; feeWei: string; description: string }[] }>(frontendCommand, ['list', '--json']);
    expect(listed.entries.find((e) => e.entryId === registered.entryId)).toMatchObject({ name: 'my-ui', feeWei: parseEther('0.0001').toString(), description: 'a web wallet' });
  }, 60_000);

  describe('errors', () => {
    test('an unknown entry id is ENTRY_NOT_FOUND', async () => {
      expect((await cli(agentCommand, ['claim', '99', '--yes'])).error).toMatchObject({ code: 'ENTRY_NOT_FOUND' });
    });
    test('a bad fee is BAD_FEE, before anything is signed', async () => {
      expect((await cli(frontendCommand, ['register', 'my-ui', '--fee', '-1', '--yes'])).error).toMatchObject({ code: 'BAD_FEE' });
    });
    test('an id that is not a number is BAD_ENTRY_ID', async () => {
      expect((await cli(agentCommand, ['show', 'abc'])).error).toMatchObject({ code: 'BAD_ENTRY_ID' });
    });
  });
});
