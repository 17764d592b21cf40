/**
 * Test-only: the registry contracts on a test devnet. When the devnet bootstrap deployed them (its
 * `deployment.contracts` has `agentRegistry` …) those are used; otherwise they are deployed here by
 * `deployRegistry` with the devnet's parameters (registry-contracts/defaults.json), stETH as the stake token.
 */
import { createPublicClient, createWalletClient, http } from 'viem';
import { devnetChain, DEVNET_DEPLOYER_ADDRESS, DEVNET_PROTECTION_FUND_ADDRESS } from '../chain/clients.js';
import type { DevnetDeployment } from '../devnet/deployment.js';
import type { ContributorContracts } from './kinds.js';
import { deployRegistry } from '../../../registry-contracts/artifacts.js';

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
  const wallet = createWalletClient({ account: { address: DEVNET_DEPLOYER_ADDRESS, type: 'json-rpc' }, chain: devnetChain, transport: http(rpcUrl) });
  const d = await deployRegistry(wallet, publicClient, { stakeToken: stETH, protectionFund: DEVNET_PROTECTION_FUND_ADDRESS });
  return {
    agentRegistry: d.agentRegistry,
    frontendRegistry: d.frontendRegistry,
    computeRegistry: d.computeRegistry,
    usageLedger: d.usageLedger,
    capitalPool: d.capitalPool,
    emissionController: d.emissionController,
    rewardToken: d.rewardToken,
  };
}
