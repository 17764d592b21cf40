import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  parseEther,
  stringToHex,
  type Address,
  type Hash,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import {
  AgentRegistry,
  CapitalPool,
  ComputeRegistry,
  DevToken,
  EmissionController,
  RewardToken,
  UsageLedger,
} from '../generated/artifacts.js';
import { REGISTRY_DEFAULTS, deployRegistry, type RegistryDeployment } from './deploy.js';
import { startAnvil, type TestAnvil } from './testing/startAnvil.js';

// anvil's well-known test keys (#0 user, #9 deployer): public, fine in tests.
const USER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const DEPLOYER_KEY = '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6';
const FUND: Address = '0x000000000000000000000000000000000000f00d';

let anvil: TestAnvil;
let dir: string;
let rpcUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lucid-registry-deploy-'));
  anvil = await startAnvil();
  rpcUrl = anvil.rpcUrl;
});

afterAll(() => {
  anvil?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('deployRegistry', () => {
  const clients = () => {
    const transport = http(rpcUrl);
    return {
      publicClient: createPublicClient({ chain: foundry, transport }),
      deployer: createWalletClient({ chain: foundry, transport, account: privateKeyToAccount(DEPLOYER_KEY) }),
      user: createWalletClient({ chain: foundry, transport, account: privateKeyToAccount(USER_KEY) }),
      testClient: createTestClient({ chain: foundry, transport, mode: 'anvil' }),
    };
  };
  let deployment: RegistryDeployment;

  test('default: deploys and wires the seven contracts', async () => {
    const { publicClient, deployer } = clients();
    const hash = await deployer.deployContract({
      abi: DevToken.abi,
      bytecode: DevToken.bytecode,
      args: ['Liquid staked Ether', 'stETH', 18, deployer.account.address],
    });
    const stakeToken = (await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 10 })).contractAddress!;

    deployment = await deployRegistry(deployer, publicClient, { stakeToken, protectionFund: FUND });

    const read = publicClient.readContract;
    expect(await read({ address: deployment.rewardToken, abi: RewardToken.abi, functionName: 'symbol' })).toBe('LUCID');
    expect(await read({ address: deployment.rewardToken, abi: RewardToken.abi, functionName: 'name' })).toBe('Lucid Reward');
    expect(await read({ address: deployment.rewardToken, abi: RewardToken.abi, functionName: 'minter' })).toBe(
      deployment.emissionController,
    );
    const ec = { address: deployment.emissionController, abi: EmissionController.abi } as const;
    expect(await read({ ...ec, functionName: 'usageLedger' })).toBe(deployment.usageLedger);
    expect(await read({ ...ec, functionName: 'capitalPool' })).toBe(deployment.capitalPool);
    expect(await read({ ...ec, functionName: 'owner' })).toBe(deployer.account.address);
    expect(
      await read({ address: deployment.capitalPool, abi: CapitalPool.abi, functionName: 'stakeToken' }),
    ).toBe(getAddress(stakeToken));
    expect(
      await read({ address: deployment.capitalPool, abi: CapitalPool.abi, functionName: 'distributor' }),
    ).toBe(deployment.emissionController);
    expect(
      await read({ address: deployment.usageLedger, abi: UsageLedger.abi, functionName: 'computeRegistry' }),
    ).toBe(deployment.computeRegistry);
    expect(await read({ address: deployment.computeRegistry, abi: ComputeRegistry.abi, functionName: 'symbol' })).toBe(
      'LCOMP',
    );
    expect(await read({ address: deployment.usageLedger, abi: UsageLedger.abi, functionName: 'maxCarry' })).toBe(REGISTRY_DEFAULTS.maxCarry);
    // The first epochs are opened at deploy time (non-zero marker, zero fees).
    expect(await read({ address: deployment.usageLedger, abi: UsageLedger.abi, functionName: 'epochFees', args: [29n] })).toEqual([0n, 0n, 0n]);
  });

  test('behavior: distribute() mints a day of emission and splits it into four equal buckets', async () => {
    const { publicClient, user, testClient } = clients();
    // A day and a half, not one: anvil gives each block at least a second past the one before, so after the
    // deploy's blocks the chain runs seconds ahead of the clock, and a block one day on could land either side of
    // the ledger's first epoch boundary. The gas estimated in epoch 0 is then short for the carry that distribute
    // pays in epoch 1 (the one revert seen, in a loaded CI run). Mid-epoch, estimate and block agree.
    await testClient.increaseTime({ seconds: 129_600 });
    await testClient.mine({ blocks: 1 });
    const hash = await user.writeContract({ ...controller(), functionName: 'distribute' });
    await waitFor(publicClient, hash);

    const supply = await publicClient.readContract({
      address: deployment.rewardToken,
      abi: RewardToken.abi,
      functionName: 'totalSupply',
    });
    expect(supply).toBeGreaterThanOrEqual(REGISTRY_DEFAULTS.initialDailyEmission);
    expect(supply).toBe(await publicClient.readContract({ ...controller(), functionName: 'totalDistributed' }));
    const [perPool, protection] = await publicClient.readContract({ ...controller(), functionName: 'split', args: [supply] });
    const balance = (address: Address) =>
      publicClient.readContract({ address: deployment.rewardToken, abi: RewardToken.abi, functionName: 'balanceOf', args: [address] });
    expect(await balance(deployment.usageLedger)).toBe(3n * perPool);
    expect(await balance(deployment.capitalPool)).toBe(perPool);
    expect(await balance(FUND)).toBe(protection);
    expect(4n * perPool + protection).toBe(supply);
  });

  test('behavior: register an agent, then recordUsage pays its fee in the same call', async () => {
    const { publicClient, user } = clients();
    const fee = parseEther('0.01');
    const register = await user.writeContract({
      address: deployment.agentRegistry,
      abi: AgentRegistry.abi,
      functionName: 'register',
      args: ['ipfs://agent', keccak256(stringToHex('agent')), [stringToHex('swap', { size: 32 })], 'https://agent.example', fee],
      value: parseEther('0.01'), // the refundable registration bond
    });
    await waitFor(publicClient, register);
    const agentId = await publicClient.readContract({
      address: deployment.agentRegistry,
      abi: AgentRegistry.abi,
      functionName: 'lastEntryId',
    });
    expect(agentId).toBe(1n);
    const [, entryFee, active] = await publicClient.readContract({
      address: deployment.agentRegistry,
      abi: AgentRegistry.abi,
      functionName: 'entry',
      args: [agentId],
    });
    expect(entryFee).toBe(fee);
    expect(active).toBe(true);

    const ledger = { address: deployment.usageLedger, abi: UsageLedger.abi } as const;
    const { result } = await publicClient.simulateContract({
      ...ledger,
      functionName: 'recordUsage',
      args: [agentId, 0n, 0n],
      value: fee,
      account: user.account,
    });
    expect(result).toBe(fee);
    const usage = await user.writeContract({ ...ledger, functionName: 'recordUsage', args: [agentId, 0n, 0n], value: fee });
    await waitFor(publicClient, usage);
    const cut = (fee * REGISTRY_DEFAULTS.protocolFeeBps) / 10_000n;
    expect(await publicClient.readContract({ ...ledger, functionName: 'feesOwed', args: [0, agentId] })).toBe(fee - cut);
    // The cut moves to the protocol when the entry withdraws its fees.
    expect(await publicClient.readContract({ ...ledger, functionName: 'protocolFeesOwed' })).toBe(0n);
    expect(await publicClient.getBalance({ address: deployment.usageLedger })).toBe(fee);
  });

  test('errors: recordUsage with the wrong payment reverts with UsageLedgerIncorrectPayment', async () => {
    const { publicClient, user } = clients();
    await expect(
      publicClient.simulateContract({
        address: deployment.usageLedger,
        abi: UsageLedger.abi,
        functionName: 'recordUsage',
        args: [1n, 0n, 0n],
        value: 1n,
        account: user.account,
      }),
    ).rejects.toThrow(/UsageLedgerIncorrectPayment/);
  });

  function controller() {
    return { address: deployment.emissionController, abi: EmissionController.abi } as const;
  }
});

async function waitFor(publicClient: ReturnType<typeof createPublicClient>, hash: Hash) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 10 });
  if (receipt.status !== 'success') {
    // Seen once in a loaded CI run and never since: say why (the revert replayed at its block, and whether the
    // transaction ran out of the gas it was given) so the next occurrence can be told from a contract fault.
    const transaction = await publicClient.getTransaction({ hash });
    const why = await publicClient
      .call({ account: transaction.from, to: transaction.to, data: transaction.input, value: transaction.value, blockNumber: receipt.blockNumber - 1n })
      .then(() => 'the call succeeds when replayed on the block before', (error: Error) => error.message.split('\n').slice(0, 3).join(' '));
    expect.fail(`reverted in block ${receipt.blockNumber}: gas used ${receipt.gasUsed} of ${transaction.gas}; ${why}`);
  }
}
