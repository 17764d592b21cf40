/**
 * Positions read before and after, on a real devnet (issue 13, guarantee 1): the user (anvil #0) holds a
 * capital-pool stake locked for a day and an agent-registry entry; plans are simulated by the real engine with
 * the position views, and each change of a position is explained by the words or named as unexplained. The
 * state is read, not the events: `expireLock` (an event no check reads) and `setFee` are caught by state.
 */
import { encodeFunctionData, erc20Abi, getAddress, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlanCall, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import { anvilAccount, devnetClient, executePlan } from '../../../agents/sdk/testing.js';
import { AgentRegistry, CapitalPool } from '../../../registry-contracts/index.js';
import { registerEntryPlan } from '../registry/plans.js';
import { contributorContractsFrom } from '../registry/kinds.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { simulatePlan } from '../simulate/simulatePlan.js';
import { checkPositionEffects } from './checkPositionEffects.js';
import { listPositionViews } from './listPositionViews.js';

let devnet: TestDevnet;
let contracts: Record<string, Address>;
let stEth: TokenInfo;
let entryId: bigint;
const user = anvilAccount(0).address;
const attacker = anvilAccount(1).address;

const call = (to: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]): PlanCall => ({
  to,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: encodeFunctionData({ abi: abi as any, functionName, args } as any) as Hex,
  value: 0n,
  description: functionName,
});
const intent = (action: ResolvedIntent['action'], amount?: bigint): ResolvedIntent => ({
  action,
  token: stEth,
  ...(amount === undefined ? {} : { amount: { kind: 'exact' as const, value: amount } }),
  slippageBps: 50,
});

async function check(calls: PlanCall[], intents: ResolvedIntent[]) {
  const client = devnetClient(devnet.rpcUrl) as unknown as PublicClient;
  const views = listPositionViews({ account: user, contracts, entries: [{ registry: contracts.agentRegistry!, entryId }] });
  const report = await simulatePlan(client, { account: user, calls, tokens: [stEth], views });
  expect(report.ok).toBe(true);
  return checkPositionEffects({ report, intents, account: user, contracts }).map((effect) => effect.message);
}

beforeAll(async () => {
  devnet = await startTestDevnet();
  contracts = devnet.deployment.contracts;
  const token = devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!;
  stEth = { address: getAddress(token.address), symbol: 'stETH', decimals: token.decimals, verified: true };
  await executePlan(devnet.rpcUrl, {
    calls: [call(stEth.address as Address, erc20Abi, 'approve', [contracts.capitalPool, parseEther('10')]), call(contracts.capitalPool!, CapitalPool.abi, 'stake', [parseEther('10'), 86_400n])],
  });
  const [receipt] = await executePlan(
    devnet.rpcUrl,
    registerEntryPlan({ kind: 'agent', contracts: contributorContractsFrom(contracts), name: 'mine', metadataUri: 'ipfs://mine', contentHash: `0x${'11'.repeat(32)}`, tags: [], endpoint: '', feeWei: 0n }),
  );
  entryId = BigInt(receipt!.logs.find((log) => getAddress(log.address) === getAddress(contracts.agentRegistry!) && log.topics.length === 3)!.topics[1]!);
  // The one-day lock has ended: anyone may now reset its multiplier, and the stake may be withdrawn.
  await devnetClient(devnet.rpcUrl).request({ method: 'evm_increaseTime', params: [86_410] } as never);
  await devnetClient(devnet.rpcUrl).request({ method: 'evm_mine', params: [] } as never);
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('checkPositionEffects on a real devnet', () => {
  test('a stake withdrawn by words that do not unstake is named, from state', async () => {
    const messages = await check([call(contracts.capitalPool!, CapitalPool.abi, 'withdraw', [parseEther('4'), attacker])], [intent('stake', parseEther('1'))]);
    expect(messages.join('\n')).toMatch(/your capital pool stake goes from 10 stETH to 6 stETH/);
  });

  test('unstaking to the user, within the words, is explained', async () => {
    const messages = await check([call(contracts.capitalPool!, CapitalPool.abi, 'withdraw', [parseEther('4'), user])], [intent('unstake', parseEther('4'))]);
    expect(messages).toEqual([]);
  });

  test('unstaking more than the words say is named', async () => {
    const messages = await check([call(contracts.capitalPool!, CapitalPool.abi, 'withdraw', [parseEther('6'), user])], [intent('unstake', parseEther('4'))]);
    expect(messages.join('\n')).toMatch(/withdraws at most 4 stETH of your stake.*goes from 10 stETH to 4 stETH/);
  });

  test('an expired lock reset by the plan (an event no rule reads) is named from state', async () => {
    const messages = await check([call(contracts.capitalPool!, CapitalPool.abi, 'expireLock', [user])], [intent('transfer', 1n)]);
    expect(messages.join('\n')).toMatch(/does not change the lock of your stake.*the lock multiplier of your capital pool stake \(bps\) goes from \d+ to 10000/);
  });

  test("a change of the fee and of the approved address of the user's entry is named", async () => {
    const messages = await check(
      [call(contracts.agentRegistry!, AgentRegistry.abi, 'setFee', [entryId, 12345n]), call(contracts.agentRegistry!, AgentRegistry.abi, 'approve', [attacker, entryId])],
      [intent('unstake', parseEther('1'))],
    );
    expect(messages.join('\n')).toContain(`the fee per use of your entry #${entryId} in the agent registry (wei) goes from 0 to 12345`);
    expect(messages.join('\n')).toContain(`who may take your entry #${entryId} in the agent registry goes from nobody to ${attacker}`);
  });

  test('a plan that leaves every position alone passes', async () => {
    const messages = await check([call(stEth.address as Address, erc20Abi, 'transfer', [attacker, 1n])], [intent('transfer', 1n)]);
    expect(messages).toEqual([]);
  });
});
