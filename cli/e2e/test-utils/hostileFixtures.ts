/**
 * The setup the hostile end-to-end suites share: a test devnet, the real built binary run against its home
 * (no terminal, no LLM), attacker agents served over HTTP and registered in the devnet's AgentRegistry from
 * anvil #1 (each plans only while armed, so a test meets exactly the attacker it is about), and the check that
 * a refused run signed nothing (exit code, no stack trace, the user's nonce unchanged).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { decodeEventLog, encodeFunctionData, type Abi, type Address, type Hex } from 'viem';
import { defineAgent, z, type AgentContext, type Plan, type PlanCall, type ResolvedIntent } from '../../../agents/sdk/index.js';
import { anvilAccount, devnetClient, executePlan } from '../../../agents/sdk/testing.js';
import { actionTag, agentMetadata, contributorContractsFrom, pinMetadata, registerEntryPlan, serveAgent, type ServeAgentReturnType } from '../../../runtime/index.js';
import { startTestDevnet, type TestDevnet } from '../../../runtime/testing.js';
import { AgentRegistry } from '../../../registry-contracts/index.js';
import { repoRoot, spawnLucid, type SpawnResult } from '../../src/test-utils/spawn.js';

/** The suites drive bin/lucid.js → dist/: `npm run build:ts` first. */
export const built = existsSync(join(repoRoot, 'dist/cli/src/main.js'));
/** The devnet's user, whose nonce must never move on a refusal. */
export const user = anvilAccount(0).address;
/** Registers the hostile agents and owns their contracts. */
export const attacker = anvilAccount(1).address;

export type LucidError = { code: string; message: string; details?: string };
export type HostileBuild = (ctx: AgentContext, intent: ResolvedIntent) => Promise<Plan>;

export type HostileDevnet = {
  devnet: TestDevnet;
  contracts: Record<string, Address>;
  usdc: Address;
  stEth: Address;
  client: () => ReturnType<typeof devnetClient>;
  /** The built binary on the devnet's home: no terminal (stdin /dev/null), no LLM. */
  lucid: (args: string[]) => Promise<SpawnResult>;
  nonce: () => Promise<number>;
  /** Which registered agent plans now (undefined: none; the others decline every intent). */
  arm: (id: string | undefined) => void;
  /** Serves `build` as agent `id` and registers it from the attacker's account; resolves with its entry id. */
  register: (id: string, actions: ResolvedIntent['action'][], build: HostileBuild) => Promise<bigint>;
  /** The user's own entry in the agent registry (no actions, so nothing routes to it), for attacks on it; its id. */
  registerUserEntry: () => Promise<bigint>;
  /**
   * Lucid registers itself as the devnet's frontend on the first run that meets a registry agent: done here,
   * with `armed` planning, so every nonce compared afterwards is the user's alone.
   */
  warmFrontend: (armed?: string) => Promise<void>;
  /** Closes the agents' servers and stops the devnet. */
  stop: () => Promise<void>;
};

export async function startHostileDevnet(): Promise<HostileDevnet> {
  const devnet = await startTestDevnet();
  const contracts = devnet.deployment.contracts;
  const served: ServeAgentReturnType[] = [];
  let armed: string | undefined;
  const client = () => devnetClient(devnet.rpcUrl);
  const lucid = (args: string[]) => spawnLucid(args, { home: devnet.home, entry: 'bin', timeoutMs: 120_000, devNull: true, env: { OPENAI_API_KEY: '', LUCID_MODEL: '' } });
  const fixture: HostileDevnet = {
    devnet,
    contracts,
    usdc: devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!.address,
    stEth: devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!.address,
    client,
    lucid,
    nonce: () => client().getTransactionCount({ address: user, blockTag: 'latest' }),
    arm: (id) => {
      armed = id;
    },
    register: async (id, actions, build) => {
      const agent = defineAgent({
        id,
        description: `The best ${actions.join('/')} on the devnet`,
        actions,
        chains: [],
        params: z.object({}).passthrough(),
        async plan(ctx, intent) {
          if (armed !== id) throw new Error('not serving this intent now');
          return build(ctx, intent as ResolvedIntent);
        },
      });
      const server = await serveAgent(agent, { port: 0, rpcUrl: devnet.rpcUrl });
      served.push(server);
      const pinned = pinMetadata({ home: devnet.home, metadata: agentMetadata(agent, server.url) });
      const [receipt] = await executePlan(
        devnet.rpcUrl,
        registerEntryPlan({ kind: 'agent', contracts: contributorContractsFrom(contracts), name: id, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: actions.map(actionTag), endpoint: server.url, feeWei: 0n }),
        1,
      );
      return registeredId(receipt!.logs);
    },
    registerUserEntry: async () => {
      const own = pinMetadata({ home: devnet.home, metadata: { id: 'victims-own', kind: 'agent', description: 'the user’s own entry', actions: [], chains: [] } });
      const [registered] = await executePlan(
        devnet.rpcUrl,
        registerEntryPlan({ kind: 'agent', contracts: contributorContractsFrom(contracts), name: 'victims-own', metadataUri: own.uri, contentHash: own.contentHash, tags: [], endpoint: '', feeWei: 0n }),
      );
      return registeredId(registered!.logs);
    },
    warmFrontend: async (id) => {
      armed = id;
      const warm = await lucid(['--dry-run', '--json', 'swap 0.01 ETH for USDC']);
      expect(warm.code, warm.stderr).toBe(0);
      armed = undefined;
    },
    stop: async () => {
      await Promise.all(served.map((server) => server.close()));
      await devnet.stop();
    },
  };
  return fixture;
}

/**
 * Runs `args` and asserts that it was refused with nothing signed: exit `exit`, no stack trace, the user's
 * nonce unchanged. Returns the run and its `--json` error for the test's own assertions.
 */
export async function runRefused(fixture: HostileDevnet, args: string[], exit = 3): Promise<{ result: SpawnResult; error: LucidError }> {
  const before = await fixture.nonce();
  const result = await fixture.lucid(args);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(exit);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(await fixture.nonce()).toBe(before);
  return { result, error: errorOf(result) };
}

/** The `--json` error envelope of a run. */
export const errorOf = (result: SpawnResult): LucidError => (JSON.parse(result.stdout) as { error: LucidError }).error;

/** One plan call from an ABI function (a hostile plan's building block). */
export function call(to: Address, abi: Abi | readonly unknown[], functionName: string, args: readonly unknown[], description = functionName, value = 0n): PlanCall {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { to, data: encodeFunctionData({ abi: abi as any, functionName, args } as any), value, description };
}

/** The entry id in a registration's receipt logs. */
export function registeredId(logs: readonly { address: Address; topics: Hex[]; data: Hex }[]): bigint {
  for (const log of logs) {
    try {
      const decoded = decodeEventLog({ abi: AgentRegistry.abi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
      if (decoded.eventName === 'EntryRegistered') return decoded.args.entryId;
    } catch {
      // another event
    }
  }
  throw new Error('no EntryRegistered log');
}
