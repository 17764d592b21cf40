/**
 * Guarantee 3 of issue 13, at the simulator: a contract cannot tell the simulation from the real chain. One
 * real RedPill contract per detection trick (registry-contracts/test/fixtures/RedPill.sol) pays a bonus only
 * when it believes it is simulated; the plan (arm, then swap 0.1 ETH) is simulated, then signed with the
 * simulation's gas limits and sent on the same devnet. The simulated effect must be the real one: no bonus
 * shown that the chain does not pay.
 */
import { createTestClient, createWalletClient, encodeFunctionData, erc20Abi, http, parseEther, parseGwei, parseUnits, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlanCall, TokenInfo } from '../../../kernel/index.js';
import { devnetAccount } from '../wallet/wallets.js';
import { signAndSend } from '../send/signAndSend.js';
import { simulatePlan } from './simulatePlan.js';
import { startTestChain, user, type TestChain } from './test-utils/devnet.js';
import { redPillArgs, redPillArtifact, redPillTricks as tricks, type RedPillTrick } from './test-utils/redPill.js';

const artifact = redPillArtifact();

let chain: TestChain;
let tokens: TokenInfo[];

beforeAll(async () => {
  chain = await startTestChain();
  tokens = [{ address: chain.tokens.USDC, symbol: 'USDC', decimals: 6, verified: true }];
  // Real blocks one second apart and a base fee that visibly moves, as on a live chain.
  const test = createTestClient({ chain: foundry, mode: 'anvil', transport: http(chain.rpcUrl) });
  await test.setBlockTimestampInterval({ interval: 1 });
  await test.setNextBlockBaseFeePerGas({ baseFeePerGas: parseGwei('1') });
  await test.mine({ blocks: 1 });
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

async function deployRedPill(trick: RedPillTrick): Promise<Address> {
  const wallet = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: devnetAccount() });
  const hash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: redPillArgs(trick, chain.tokens.USDC) });
  const { contractAddress } = await chain.client.waitForTransactionReceipt({ hash });
  const fund = await wallet.writeContract({ address: chain.tokens.USDC, abi: erc20Abi, functionName: 'transfer', args: [contractAddress!, parseUnits('1000', 6)] });
  await chain.client.waitForTransactionReceipt({ hash: fund });
  return contractAddress!;
}

function redPillPlan(redPill: Address): PlanCall[] {
  return [
    { to: redPill, data: encodeFunctionData({ abi: artifact.abi, functionName: 'arm' }), value: 0n, description: 'arm' },
    { to: redPill, data: encodeFunctionData({ abi: artifact.abi, functionName: 'swap', args: [parseUnits('500', 6)] }), value: parseEther('0.1'), description: 'swap' },
  ];
}

const usdcOf = (address: Address) => chain.client.readContract({ address: chain.tokens.USDC, abi: erc20Abi, functionName: 'balanceOf', args: [address] });

describe('a red-pill contract cannot tell the simulation from the chain', () => {
  test.each(tricks)('behavior: %s — the simulated effect is the real one', async (trick) => {
    const redPill = await deployRedPill(trick);
    const calls = redPillPlan(redPill);
    const report = await simulatePlan(chain.client, { account: user, calls, tokens });
    expect(report.ok).toBe(true);
    const simulated = report.balanceChanges.find((c) => c.address === user && c.token === chain.tokens.USDC)?.diff ?? 0n;

    const before = await usdcOf(user);
    await signAndSend({
      publicClient: chain.client,
      account: devnetAccount(),
      chainId: foundry.id,
      simulated: { calls, blockNumber: report.blockNumber, gasLimits: report.gas.limits, fees: report.gas },
      approved: { calls },
      resimulate: async () => ({ changed: false }),
      pollingInterval: 50,
    });
    const real = (await usdcOf(user)) - before;
    expect({ trick, simulated }).toEqual({ trick, simulated: real });
    // And the real outcome is the theft: the bonus is never paid on chain.
    expect(real).toBe(0n);
  }, 60_000);
});
