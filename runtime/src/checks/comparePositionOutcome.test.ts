/**
 * Executed == simulated, for positions too (issue 13, guarantee 4), on a real devnet: the user's capital-pool
 * position is simulated, then transactions are really mined, and the real change is held to the simulated one.
 * Rewards that accrue by the second are bounded, not compared exactly (a claim is not "different" because it
 * was mined a few seconds later); a stake that differs from the simulated one is a difference.
 */
import { encodeFunctionData, erc20Abi, getAddress, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlanCall, TokenInfo } from '../../../kernel/index.js';
import { anvilAccount, devnetClient, executePlan } from '../../../agents/sdk/testing.js';
import { CapitalPool, EmissionController } from '../../../registry-contracts/index.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { simulatePlan } from '../simulate/simulatePlan.js';
import { comparePositionOutcome } from './comparePositionOutcome.js';
import { listPositionViews } from './listPositionViews.js';

let devnet: TestDevnet;
let contracts: Record<string, Address>;
let stEth: TokenInfo;
const user = anvilAccount(0).address;

const call = (to: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]): PlanCall => ({
  to,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: encodeFunctionData({ abi: abi as any, functionName, args } as any) as Hex,
  value: 0n,
  description: functionName,
});
const client = () => devnetClient(devnet.rpcUrl) as unknown as PublicClient;
const wait = async (seconds: number) => {
  await client().request({ method: 'evm_increaseTime', params: [seconds] } as never);
  await client().request({ method: 'evm_mine', params: [] } as never);
};

/** Simulates `simulated`, lets `seconds` pass, mines `mined` for real, and compares the positions. */
async function simulateThenMine(simulated: PlanCall[], mined: PlanCall[], seconds: number): Promise<string[]> {
  const views = listPositionViews({ account: user, contracts, entries: [] });
  const simulation = await simulatePlan(client(), { account: user, calls: simulated, tokens: [stEth], views });
  expect(simulation.ok).toBe(true);
  await wait(seconds);
  const receipts = await executePlan(devnet.rpcUrl, { calls: mined });
  const blocks = receipts.map((receipt) => receipt!.blockNumber);
  return comparePositionOutcome(client(), { simulation, contracts, fromBlock: blocks[0]! - 1n, toBlock: blocks.at(-1)! });
}

beforeAll(async () => {
  devnet = await startTestDevnet();
  contracts = devnet.deployment.contracts;
  const token = devnet.deployment.tokens.find((t) => t.symbol === 'stETH')!;
  stEth = { address: getAddress(token.address), symbol: 'stETH', decimals: token.decimals, verified: true };
  await executePlan(devnet.rpcUrl, {
    calls: [call(stEth.address as Address, erc20Abi, 'approve', [contracts.capitalPool, parseEther('10')]), call(contracts.capitalPool!, CapitalPool.abi, 'stake', [parseEther('5'), 0n])],
  });
  // A day of emission streams to the pool: the stake earns by the second from here on.
  await wait(86_400);
  await executePlan(devnet.rpcUrl, { calls: [call(contracts.emissionController!, EmissionController.abi, 'distribute', [])] });
  await wait(600);
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('comparePositionOutcome on a real devnet', () => {
  test('a claim mined seconds later than simulated is within the accrual bound', async () => {
    const rate = await client().readContract({ address: contracts.capitalPool!, abi: CapitalPool.abi, functionName: 'rewardRate' });
    expect(rate).toBeGreaterThan(0n);
    const claim = [call(contracts.capitalPool!, CapitalPool.abi, 'claim', [user])];
    expect(await simulateThenMine(claim, claim, 7)).toEqual([]);
  });

  test('a stake that differs from the simulated one is a difference, named', async () => {
    const lines = await simulateThenMine(
      [call(contracts.capitalPool!, CapitalPool.abi, 'stake', [parseEther('1'), 0n])],
      [call(contracts.capitalPool!, CapitalPool.abi, 'stake', [parseEther('2'), 0n])],
      1,
    );
    expect(lines).toContain('your capital pool stake: simulated change 1 stake token, real 2 stake token');
  });
});
