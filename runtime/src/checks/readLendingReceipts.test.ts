/**
 * The lending receipts the checks hold a supply or withdrawal to are the Pool's at the simulated block: when the
 * head moves after the simulation and the Pool lists a market it did not have then, that market's aToken
 * explains nothing the simulation did.
 */
import { createPublicClient, createTestClient, createWalletClient, http, parseUnits, zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anvilAccount } from '../../../agents/sdk/testing.js';
import type { ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import { AavePoolConfigurator } from '../../../registry-contracts/index.js';
import * as artifacts from '../../../registry-contracts/artifacts.js';
import { devnetChain } from '../chain/clients.js';
import { DEVNET_AAVE_ADMIN_ADDRESS } from '../devnet/deployAaveV3.js';
import { listLendingMarkets } from '../devnet/deployment.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { aavePoolAbi } from '../lending/aavePoolAbi.js';
import { readLendingReceipts } from './readLendingReceipts.js';

/** EIP-1967's implementation slot, where Aave's token proxies keep their implementation. */
const IMPLEMENTATION_SLOT: Hex = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

let devnet: TestDevnet;
let client: PublicClient;
let contracts: Record<string, Address>;
let usdc: TokenInfo;
let newToken: TokenInfo;
let simulatedBlock: bigint;

const supply = (token: TokenInfo): ResolvedIntent => ({ action: 'supply', token, amount: { kind: 'exact', value: parseUnits('10', 6) }, slippageBps: 0 });

beforeAll(async () => {
  devnet = await startTestDevnet();
  contracts = devnet.deployment.contracts;
  usdc = { ...devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!, verified: true };
  const transport = http(devnet.rpcUrl);
  const testClient = createTestClient({ mode: 'anvil', chain: devnetChain, transport });
  client = createPublicClient({ chain: devnetChain, transport });
  const wallet = createWalletClient({ account: anvilAccount(3), chain: devnetChain, transport });
  const deployed = await client.waitForTransactionReceipt({
    hash: await wallet.deployContract({ abi: artifacts.DevToken.abi, bytecode: artifacts.DevToken.bytecode, args: ['Later Coin', 'LATER', 6, anvilAccount(3).address] }),
  });
  newToken = { address: deployed.contractAddress!, symbol: 'LATER', decimals: 6, verified: false };

  // The simulation ran here, before the Pool had a LATER market.
  simulatedBlock = await client.getBlockNumber({ cacheTime: 0 });

  // Then the head moves: the Pool's admin lists LATER, with the implementations and rate model USDC's market uses.
  const pool = contracts.aavePool!;
  const reserve = await client.readContract({ address: pool, abi: aavePoolAbi, functionName: 'getReserveData', args: [usdc.address as Address] });
  const implementation = async (proxy: Address) => `0x${(await client.getStorageAt({ address: proxy, slot: IMPLEMENTATION_SLOT }))!.slice(-40)}` as Address;
  await testClient.impersonateAccount({ address: DEVNET_AAVE_ADMIN_ADDRESS });
  const admin = createWalletClient({ account: DEVNET_AAVE_ADMIN_ADDRESS, chain: devnetChain, transport });
  const hash = await admin.writeContract({
    address: contracts.aavePoolConfigurator!,
    abi: AavePoolConfigurator.abi,
    functionName: 'initReserves',
    args: [
      [
        {
          aTokenImpl: await implementation(reserve.aTokenAddress),
          stableDebtTokenImpl: await implementation(reserve.stableDebtTokenAddress),
          variableDebtTokenImpl: await implementation(reserve.variableDebtTokenAddress),
          underlyingAssetDecimals: 6,
          interestRateStrategyAddress: reserve.interestRateStrategyAddress,
          underlyingAsset: newToken.address as Address,
          treasury: DEVNET_AAVE_ADMIN_ADDRESS,
          incentivesController: zeroAddress,
          aTokenName: 'Aave Devnet LATER',
          aTokenSymbol: 'aLATER',
          variableDebtTokenName: 'Aave Devnet Variable Debt LATER',
          variableDebtTokenSymbol: 'variableDebtLATER',
          stableDebtTokenName: 'Aave Devnet Stable Debt LATER',
          stableDebtTokenSymbol: 'stableDebtLATER',
          params: '0x',
        },
      ],
    ],
    gas: 10_000_000n,
  });
  expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
  await testClient.stopImpersonatingAccount({ address: DEVNET_AAVE_ADMIN_ADDRESS });
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('readLendingReceipts', () => {
  test('default: a supply of a listed asset has the Pool\'s aToken as its receipt', async () => {
    const usdcMarket = listLendingMarkets(devnet.deployment).find((m) => m.symbol === 'USDC')!;
    expect(await readLendingReceipts(client, { intents: [supply(usdc)], contracts, blockNumber: simulatedBlock })).toEqual([
      { token: usdcMarket.aToken, underlying: usdc.address, symbol: 'aUSDC' },
    ]);
  });

  test('behavior: a market the Pool lists only after the simulated block gives no receipt at that block (it does at the head)', async () => {
    const head = await client.getBlockNumber({ cacheTime: 0 });
    expect(head).toBeGreaterThan(simulatedBlock);
    const now = await readLendingReceipts(client, { intents: [supply(newToken)], contracts, blockNumber: head });
    expect(now.map((r) => r.symbol)).toEqual(['aLATER']);
    expect(await readLendingReceipts(client, { intents: [supply(newToken)], contracts, blockNumber: simulatedBlock })).toEqual([]);
  });
});
