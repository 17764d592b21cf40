/**
 * Test-only: the registry contracts on a test devnet. When the devnet bootstrap deployed them (its
 * `deployment.contracts` has `agentRegistry` …) those are used; otherwise they are deployed here from the
 * forge build output (`registry-contracts/out`, written by `npm run build:contracts`) with the same
 * parameters as the devnet: protection fund 4% of emission, 10% protocol cut, 10 LUCID per ETH cap,
 * 1-day epochs and 1-day capital reward streams, stETH as the stake token.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createWalletClient, getAddress, http, type Abi, type Address, type Hex } from 'viem';
import { devnetChain, DEVNET_DEPLOYER_ADDRESS, DEVNET_PROTECTION_FUND_ADDRESS } from '../chain/clients.js';
import type { DevnetDeployment } from '../devnet/deployment.js';
import type { ContributorContracts } from './kinds.js';
import { EmissionController } from '../../../registry-contracts/index.js';

export async function ensureRegistryContracts({ rpcUrl, deployment }: { rpcUrl: string; deployment: DevnetDeployment }): Promise<ContributorContracts> {
  const c = deployment.contracts;
  if (c.agentRegistry && c.frontendRegistry && c.computeRegistry && c.usageLedger && c.capitalPool && c.emissionController && c.rewardToken)
    return {
      agentRegistry: c.agentRegistry,
      frontendRegistry: c.frontendRegistry,
      computeRegistry: c.computeRegistry,
      usageLedger: c.usageLedger,
      capitalPool: c.capitalPool,
      emissionController: c.emissionController,
      rewardToken: c.rewardToken,
    };
  const stETH = deployment.tokens.find((t) => t.symbol === 'stETH')?.address;
  if (!stETH) throw new Error('the test devnet has no stETH');
  const publicClient = createPublicClient({ chain: devnetChain, transport: http(rpcUrl) });
  const wallet = createWalletClient({ account: DEVNET_DEPLOYER_ADDRESS, chain: devnetChain, transport: http(rpcUrl) });
  const deploy = async (name: string, args: readonly unknown[]): Promise<Address> => {
    const { abi, bytecode } = forgeArtifact(name);
    const hash = await wallet.deployContract({ abi, bytecode, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    if (!receipt.contractAddress || receipt.status !== 'success') throw new Error(`deploying ${name} failed`);
    return getAddress(receipt.contractAddress);
  };
  const owner = DEVNET_DEPLOYER_ADDRESS;
  const emissionController = await deploy('EmissionController', [owner, DEVNET_PROTECTION_FUND_ADDRESS, 400n, 14_400n * 10n ** 18n, 2_468_994_701n * 10n ** 9n, 0n]);
  const rewardToken = await publicClient.readContract({ address: emissionController, abi: EmissionController.abi, functionName: 'rewardToken' });
  const agentRegistry = await deploy('AgentRegistry', [owner]);
  const frontendRegistry = await deploy('FrontendRegistry', [owner]);
  const computeRegistry = await deploy('ComputeRegistry', [owner]);
  const usageLedger = await deploy('UsageLedger', [owner, rewardToken, [agentRegistry, frontendRegistry, computeRegistry], DEVNET_PROTECTION_FUND_ADDRESS, 1000n, 10n, 86_400n]);
  // CapitalPool gained a `distributor_` (the controller) before `rewardsDuration_`: follow whichever was built.
  const capitalInputs = forgeArtifact('CapitalPool').abi.find((item) => item.type === 'constructor')?.inputs.length ?? 4;
  const capitalPool = await deploy('CapitalPool', capitalInputs === 5 ? [owner, stETH, rewardToken, emissionController, 86_400n] : [owner, stETH, rewardToken, 86_400n]);
  const { abi } = forgeArtifact('EmissionController');
  const hash = await wallet.writeContract({ address: emissionController, abi, functionName: 'setPools', args: [usageLedger, capitalPool] });
  await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 10 });
  return { agentRegistry, frontendRegistry, computeRegistry, usageLedger, capitalPool, emissionController, rewardToken: getAddress(rewardToken) };
}

function forgeArtifact(name: string): { abi: Abi; bytecode: Hex } {
  const path = fileURLToPath(new URL(`../../../registry-contracts/out/${name}.sol/${name}.json`, import.meta.url));
  const json = JSON.parse(readFileSync(path, 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: json.abi, bytecode: json.bytecode.object };
}
