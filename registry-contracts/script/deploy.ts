/**
 * Deploys and wires Lucid's registry and emission contracts from the compiled artifacts
 * (`registry-contracts/generated/artifacts.ts`), with viem. Used by the devnet bootstrap
 * (`runtime/src/devnet/bootstrapDevnet.ts`); for real chains use `script/Deploy.s.sol`.
 */
import { createRequire } from 'node:module';
import type { Abi, Account, Address, Chain, Hash, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { getAddress } from 'viem';
import { InfraError } from '../../kernel/index.js';
import {
  AgentRegistry,
  CapitalPool,
  ComputeRegistry,
  EmissionController,
  FrontendRegistry,
  UsageLedger,
} from '../generated/artifacts.js';

type DefaultsFile = Record<keyof typeof defaultKeys, string>;
const defaultKeys = {
  protectionBps: 'Protection-fund share of each emission, basis points (4%, like Morpheus).',
  initialDailyEmission: 'Emission on day 0: 14,400 LUCID.',
  decreasePerDay: 'Decrease of the daily emission per day: 2.468994701 LUCID.',
  protocolFeeBps: 'Protocol cut of usage fees, basis points (10%).',
  maxRewardPerFee: 'Cap on LUCID-wei paid per wei of fees in an epoch (10 LUCID per ETH).',
  maxCarry: "Bound of each usage pool's carry, LUCID-wei (10,000 LUCID).",
  epochLength: 'Usage-ledger epoch, seconds.',
  rewardsDuration: 'Capital-pool reward stream, seconds.',
  preparedEpochs: 'Ledger epochs opened at deploy time (prepareEpochs), so their first usage and reward pay no first-write gas.',
} as const;

/**
 * Default parameters from `registry-contracts/defaults.json`, the file `Deploy.s.sol` reads too, so the devnet
 * and a real deployment cannot drift apart.
 */
export const REGISTRY_DEFAULTS: { readonly [key in keyof typeof defaultKeys]: bigint } = (() => {
  const file = createRequire(import.meta.url)('../defaults.json') as DefaultsFile;
  return Object.fromEntries(Object.keys(defaultKeys).map((key) => [key, BigInt(file[key as keyof typeof defaultKeys])])) as {
    [key in keyof typeof defaultKeys]: bigint;
  };
})();

export type DeployRegistryParameters = {
  /** The ERC-20 the capital pool stakes (stETH on the devnet). */
  stakeToken: Address;
  /** Receives the protection share of emissions and the protocol cut of fees. */
  protectionFund: Address;
  /** Admin of every contract; defaults to the wallet's account. If different, the controller's and the
   * registries' ownership (the deployer wires them) is transferred with Ownable2Step, so `owner` must call
   * `acceptOwnership()` on each. */
  owner?: Address;
  /** Emission start (unix seconds); defaults to the deploy block. */
  startTime?: bigint;
};

export type RegistryDeployment = {
  rewardToken: Address;
  emissionController: Address;
  agentRegistry: Address;
  frontendRegistry: Address;
  computeRegistry: Address;
  usageLedger: Address;
  capitalPool: Address;
};

export type DeployRegistryErrorType = InfraError;

/**
 * Deploys RewardToken (through EmissionController), the three registries, UsageLedger and CapitalPool, and
 * wires the controller to the pools, so `distribute()` mints into them, and the registries to the ledger, so it
 * keeps the entries' terms.
 *
 * @param walletClient - Sends the transactions; must carry an account.
 * @param publicClient - Waits for receipts and reads the reward token's address.
 * @param params - {@link DeployRegistryParameters}
 * @returns {@link RegistryDeployment} the seven addresses.
 * @example
 * const deployment = await deployRegistry(walletClient, publicClient, { stakeToken: steth, protectionFund: fund });
 * await walletClient.writeContract({ address: deployment.emissionController, abi: EmissionController.abi, functionName: 'distribute' });
 */
export async function deployRegistry(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  publicClient: PublicClient,
  params: DeployRegistryParameters,
): Promise<RegistryDeployment> {
  const deployer = walletClient.account.address;
  const owner = params.owner ?? deployer;
  const d = REGISTRY_DEFAULTS;
  const deploy = async (name: string, abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    const hash = await walletClient.deployContract({
      abi,
      bytecode,
      args,
      account: walletClient.account,
      chain: walletClient.chain,
    } as Parameters<typeof walletClient.deployContract>[0]);
    const receipt = await confirm(publicClient, hash, `deploying ${name}`);
    if (!receipt.contractAddress) throw failure(`deploying ${name}`, hash);
    return getAddress(receipt.contractAddress);
  };

  // The controller must be owned by the deployer while it wires the pools.
  const emissionController = await deploy('EmissionController', EmissionController.abi, EmissionController.bytecode, [
    deployer,
    params.protectionFund,
    d.protectionBps,
    d.initialDailyEmission,
    d.decreasePerDay,
    params.startTime ?? 0n,
  ]);
  const rewardToken = await publicClient.readContract({
    address: emissionController,
    abi: EmissionController.abi,
    functionName: 'rewardToken',
  });
  // The registries too, while they are wired to the ledger.
  const agentRegistry = await deploy('AgentRegistry', AgentRegistry.abi, AgentRegistry.bytecode, [deployer]);
  const frontendRegistry = await deploy('FrontendRegistry', FrontendRegistry.abi, FrontendRegistry.bytecode, [deployer]);
  const computeRegistry = await deploy('ComputeRegistry', ComputeRegistry.abi, ComputeRegistry.bytecode, [deployer]);
  const capitalPool = await deploy('CapitalPool', CapitalPool.abi, CapitalPool.bytecode, [
    owner,
    params.stakeToken,
    rewardToken,
    emissionController,
    params.protectionFund,
    d.rewardsDuration,
  ]);
  const usageLedger = await deploy('UsageLedger', UsageLedger.abi, UsageLedger.bytecode, [
    owner,
    rewardToken,
    [agentRegistry, frontendRegistry, computeRegistry],
    params.protectionFund,
    capitalPool,
    d.protocolFeeBps,
    d.maxRewardPerFee,
    d.maxCarry,
    d.epochLength,
  ]);

  await write(walletClient, publicClient, emissionController, EmissionController.abi, 'setPools', [usageLedger, capitalPool]);
  // Every change of an entry's fee or active flag is reported to the ledger, which keeps the terms.
  for (const registry of [agentRegistry, frontendRegistry, computeRegistry]) {
    await write(walletClient, publicClient, registry, AgentRegistry.abi, 'setUsageLedger', [usageLedger]);
  }
  await write(walletClient, publicClient, usageLedger, UsageLedger.abi, 'prepareEpochs', [d.preparedEpochs]);
  if (getAddress(owner) !== getAddress(deployer)) {
    for (const [address, abi] of [
      [emissionController, EmissionController.abi],
      [agentRegistry, AgentRegistry.abi],
      [frontendRegistry, FrontendRegistry.abi],
      [computeRegistry, ComputeRegistry.abi],
    ] as const) {
      await write(walletClient, publicClient, address, abi, 'transferOwnership', [owner]);
    }
  }

  return {
    rewardToken: getAddress(rewardToken),
    emissionController,
    agentRegistry,
    frontendRegistry,
    computeRegistry,
    usageLedger,
    capitalPool,
  };
}

/** Sends one wiring call (setPools, transferOwnership, prepareEpochs) and waits for it. */
async function write(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  publicClient: PublicClient,
  address: Address,
  abi: Abi,
  functionName: 'setPools' | 'setUsageLedger' | 'transferOwnership' | 'prepareEpochs',
  args: readonly unknown[],
): Promise<void> {
  const hash = await walletClient.writeContract({
    address,
    abi,
    functionName,
    args,
    account: walletClient.account,
    chain: walletClient.chain,
  } as Parameters<typeof walletClient.writeContract>[0]);
  await confirm(publicClient, hash, functionName);
}

/**
 * Polls for the receipt every 10 ms instead of viem's block watching (seconds on a local chain), since anvil
 * automines and the deployment is nine sequential transactions.
 */
async function confirm(publicClient: PublicClient, hash: Hash, what: string) {
  for (let attempt = 0; attempt < 6_000; attempt++) {
    const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
    if (receipt) {
      if (receipt.status !== 'success') throw failure(what, hash);
      return receipt;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new InfraError('REGISTRY_DEPLOY_FAILED', `Deploying the registry contracts timed out while ${what}.`, {
    details: `no receipt for transaction ${hash} after 60 s`,
    hints: ['Check that the node mines transactions (anvil automines by default).'],
  });
}

function failure(what: string, hash: Hash): InfraError {
  return new InfraError('REGISTRY_DEPLOY_FAILED', `Deploying the registry contracts failed while ${what}.`, {
    details: `transaction ${hash} reverted`,
    hints: ['Check the parameters (stake token, protection fund) and that the deployer has ETH for gas.'],
  });
}
