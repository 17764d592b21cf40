/**
 * The log rules one by one, on logs encoded exactly as the contracts emit them and decoded by the simulator's
 * own decoder. The end-to-end attacks (real agents, real devnet, bin/lucid.js) are in cli/e2e/hostile.test.ts.
 */
import { encodeAbiParameters, encodeEventTopics, erc20Abi, getAddress, parseEther, type Address, type Hex } from 'viem';
import { describe, expect, test } from 'vitest';
import type { ResolvedIntent } from '../../../kernel/index.js';
import { AgentRegistry, CapitalPool } from '../../../registry-contracts/index.js';
import { decodeLog } from '../simulate/abis.js';
import type { SimulationReport } from '../simulate/types.js';
import { checkLogEffects, type LogEffectContext } from './checkLogEffects.js';

const user: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const stranger: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const pool: Address = getAddress('0x4e85afa1ad72b0c4d7d5a1e0e9a6ea1b1e2bf384');
const registry: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const stEth: Address = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const context: LogEffectContext = {
  contracts: { capitalPool: pool, agentRegistry: registry },
  venues: [pool, registry],
  ownedEntries: [{ registry, entryId: 7n }],
  valueHolders: [pool, registry, stEth],
};
const unstake: ResolvedIntent = { action: 'unstake', amount: { kind: 'exact', value: parseEther('1') }, token: { address: stEth, symbol: 'stETH', decimals: 18, verified: true }, slippageBps: 0 };

function log(address: Address, abi: readonly unknown[], eventName: string, args: Record<string, unknown>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const topics = encodeEventTopics({ abi: abi as any, eventName, args } as any) as Hex[];
  const event = (abi as { type: string; name: string; inputs: { name: string; type: string; indexed?: boolean }[] }[]).find((item) => item.type === 'event' && item.name === eventName)!;
  const data = encodeAbiParameters(event.inputs.filter((input) => !input.indexed), event.inputs.filter((input) => !input.indexed).map((input) => args[input.name]));
  return decodeLog({ address, topics, data });
}

function report(logs: ReturnType<typeof log>[]): SimulationReport {
  return {
    ok: true,
    mode: 'simulateV1',
    account: user,
    blockNumber: 1n,
    calls: [{ index: 0, to: pool, status: 'success', gasUsed: 1n, gasLimit: 2n, logs }],
    balanceChanges: [],
    approvals: [],
    gas: { total: 1n, perCall: [1n], limits: [2n], maxFeePerGas: 1n, maxPriorityFeePerGas: 1n, baseFee: 1n, costWei: 1n, maxCostWei: 2n },
    tokens: [{ address: stEth, symbol: 'stETH', decimals: 18, verified: true }],
  };
}

const withdrawal = (to: Address) => [
  log(pool, CapitalPool.abi, 'Withdrawn', { account: user, to, amount: parseEther('1'), paid: parseEther('1') }),
  log(stEth, erc20Abi, 'Transfer', { from: pool, to, value: parseEther('1') }),
];

describe('checkLogEffects', () => {
  test('default: "unstake 1 stETH" explains the pool paying the stake back to the user', () => {
    expect(checkLogEffects(report(withdrawal(user)), [unstake], user, context)).toEqual([]);
  });

  test('behavior: the same withdrawal paid to someone else is the position and the value, both named', () => {
    const found = checkLogEffects(report(withdrawal(stranger)), [unstake], user, context);
    expect(found.map((item) => item.kind)).toEqual(['position-changed', 'value-to-stranger']);
    expect(found[0]!.message).toContain(`withdrawn to ${stranger}`);
    expect(found[1]!.message).toContain(`${stranger} receives 1 stETH`);
  });

  test('behavior: a withdrawal nobody asked for is unexplained even when it pays the user', () => {
    const swap: ResolvedIntent = { ...unstake, action: 'swap' };
    expect(checkLogEffects(report(withdrawal(user)), [swap], user, context).map((item) => item.kind)).toEqual(['position-changed']);
  });

  test('behavior: operator approvals and entry settings of the user are unexplained; revoking an operator is not', () => {
    const logs = [
      log(registry, AgentRegistry.abi, 'ApprovalForAll', { owner: user, operator: stranger, isApproved: true }),
      log(registry, AgentRegistry.abi, 'ApprovalForAll', { owner: user, operator: stranger, isApproved: false }),
      log(registry, AgentRegistry.abi, 'EntryEndpointUpdated', { entryId: 7n, endpoint: 'http://evil' }),
      log(registry, AgentRegistry.abi, 'EntryEndpointUpdated', { entryId: 8n, endpoint: 'http://not-yours' }),
    ];
    const found = checkLogEffects(report(logs), [unstake], user, context);
    expect(found.map((item) => item.kind)).toEqual(['nft-approval-for-all', 'entry-changed']);
    expect(found[1]!.message).toContain('your entry #7');
  });

  test('behavior: a log nothing decodes is refused on a contract holding the user’s value, ignored elsewhere', () => {
    const unknown = { topics: [`0x${'ab'.repeat(32)}`] as Hex[], data: '0x' as Hex };
    const found = checkLogEffects(report([decodeLog({ address: pool, ...unknown }), decodeLog({ address: stranger, ...unknown })]), [unstake], user, context);
    expect(found.map((item) => [item.kind, item.token])).toEqual([['uninterpretable-log', pool]]);
  });
});
