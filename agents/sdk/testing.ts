/**
 * Test helpers for agent builders (test-only): a context on the shared test devnet, and a way to really
 * execute a plan's calls from the devnet's default account, so a test can assert real balance changes.
 * `executePlan` signs with anvil's well-known public test accounts and refuses any chain but 31337.
 * The runtime never does this: it simulates, checks and asks the user before signing.
 *
 * It also re-exports Node's own test runner (`test`, `describe`, `before`, `after`) and strict `assert`, so a
 * builder's tests need nothing but this package: `lucid agent test <dir>` runs them (node --test, with .ts
 * loaded by tsx), and no test framework has to be installed in the builder's folder.
 */
/// <reference types="node" preserve="true" />
import { createPublicClient, createWalletClient, http, type PublicClient, type TransactionReceipt } from 'viem';
import { mnemonicToAccount, type HDAccount } from 'viem/accounts';
import { devnetChain, type TestDevnet } from '../../runtime/testing.js';
import type { AgentContext, Plan, TokenInfo } from '../../kernel/index.js';

export { startTestDevnet, type TestDevnet } from '../../runtime/testing.js';
export { after, afterEach, before, beforeEach, describe, test } from 'node:test';
export { default as assert } from 'node:assert/strict';

/** anvil's public test mnemonic: every anvil prints it. Its accounts are useless anywhere but a local devnet. */
const ANVIL_TEST_MNEMONIC = 'test test test test test test test test test test test junk';

/** anvil account #index (0 is the devnet user, 9 the deployer). */
export function anvilAccount(index: number): HDAccount {
  return mnemonicToAccount(ANVIL_TEST_MNEMONIC, { addressIndex: index });
}

export function devnetClient(rpcUrl: string): PublicClient {
  return createPublicClient({ chain: devnetChain, transport: http(rpcUrl, { retryCount: 0 }) });
}

/** An agent context on the test devnet for its default account, `now` = the latest block's timestamp. */
export async function devnetContext(devnet: Pick<TestDevnet, 'rpcUrl' | 'deployment'>): Promise<AgentContext> {
  const client = devnetClient(devnet.rpcUrl);
  const block = await client.getBlock();
  const tokens: TokenInfo[] = devnet.deployment.tokens.map((token) => ({ ...token, verified: true }));
  return { chainId: 31337, account: devnet.deployment.account, client, contracts: devnet.deployment.contracts, now: block.timestamp, tokens };
}

/**
 * Sends a plan's calls in order from anvil account #`accountIndex` (default 0, the devnet user) and waits
 * for each receipt; throws on the first revert. Test-only, devnet-only.
 */
export async function executePlan(rpcUrl: string, plan: Pick<Plan, 'calls'>, accountIndex = 0): Promise<TransactionReceipt[]> {
  const client = devnetClient(rpcUrl);
  const chainId = await client.getChainId();
  if (chainId !== 31337) throw new Error(`executePlan runs only on the local devnet (31337), not chain ${chainId}`);
  const wallet = createWalletClient({ account: anvilAccount(accountIndex), chain: devnetChain, transport: http(rpcUrl, { retryCount: 0 }) });
  const receipts: TransactionReceipt[] = [];
  for (const call of plan.calls) {
    // Headroom over the estimate, as the runtime signs: a state write that depends on the block's timestamp (Aave's
    // index accrual, the ledger's epoch) can cost more in the block that mines it than in the one estimated on.
    const estimate = await client.estimateGas({ account: wallet.account, to: call.to, data: call.data, value: call.value });
    const hash = await wallet.sendTransaction({ to: call.to, data: call.data, value: call.value, gas: (estimate * 13n) / 10n + 10_000n });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`call reverted: ${call.description}`);
    receipts.push(receipt);
  }
  return receipts;
}
