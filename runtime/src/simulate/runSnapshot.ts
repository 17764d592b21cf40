/**
 * The fallback engine for nodes without eth_simulateV1. It needs an anvil-compatible node (evm_snapshot,
 * evm_revert, anvil_impersonateAccount, eth_sendTransaction from an impersonated account): a local devnet or
 * an anvil fork. It really executes the plan, from the user's account, on a snapshot, reads state with the lens,
 * and reverts to the snapshot, so the chain is left as it was (same block number, same balances).
 *
 * Limits against eth_simulateV1: it runs on the latest block only, each call is mined in its own block, and
 * native ETH moved by contracts to third parties is not traced (only call targets and logged parties are diffed).
 */
import { createTestClient, custom, type Hex, type PublicClient } from 'viem';
import { ChainError, InfraError } from '../../../kernel/index.js';
import type { Engine, RawCallResult, Readings } from './engine.js';
import { gasLimitFor, type Observation } from './engine.js';
import { BalanceLens } from '../../../registry-contracts/index.js';
import { lensAddress, lensCode } from './lens.js';

export const runSnapshot: Engine = async (client, input) => {
  const { account, calls, observation, fees } = input;
  // Same transport, anvil methods: the public client's request function sends any method name.
  const test = createTestClient({ mode: 'anvil', chain: client.chain, transport: custom({ request: client.request }) });
  const latest = await client.getBlock({ blockTag: 'latest' });
  if (input.blockNumber !== undefined && input.blockNumber !== latest.number)
    throw new InfraError('SNAPSHOT_NEEDS_LATEST', `The snapshot simulation runs on the latest block (${latest.number}), not block ${input.blockNumber}.`);

  let snapshotId: Hex;
  try {
    snapshotId = await test.snapshot();
    await test.impersonateAccount({ address: account });
  } catch (error) {
    throw new InfraError(
      'SIMULATION_UNSUPPORTED',
      'This node supports neither eth_simulateV1 nor anvil snapshots, so the plan cannot be simulated.',
      { hints: ['Use a node that answers eth_simulateV1 (geth, reth, anvil), or a local anvil fork.'], cause: error },
    );
  }

  try {
    const automine = await test.getAutomine().catch(() => true);
    const pre = await readLens(client, observation);
    let gasPaidByAccount = 0n;
    const results: RawCallResult[] = [];
    for (const call of calls) {
      const request = { account, to: call.to, data: call.data, value: call.value } as const;
      // eth_call first: a mined revert keeps no reason, the call's error data does.
      const revertData = await client.call(request).then(
        () => undefined,
        (error: unknown) => revertDataOf(error) ?? '0x',
      );
      const gasLimit =
        input.gasLimits?.[results.length] ??
        (revertData === undefined
          ? gasLimitFor(await client.estimateGas(request))
          : latest.gasLimit / 4n);
      const hash = await test.sendUnsignedTransaction({
        from: account,
        to: call.to,
        data: call.data,
        value: call.value,
        gas: gasLimit,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      if (!automine) await test.mine({ blocks: 1 });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 10_000 });
      gasPaidByAccount += receipt.gasUsed * receipt.effectiveGasPrice;
      const success = receipt.status === 'success';
      results.push({
        status: success ? 'success' : 'reverted',
        gasUsed: receipt.gasUsed,
        gasLimit,
        logs: receipt.logs.map((log) => ({ address: log.address, topics: [...log.topics] as Hex[], data: log.data })),
        ...(success ? {} : { revertData: revertData ?? '0x' }),
      });
    }
    const post = await readLens(client, observation);
    return {
      calls: results,
      pre,
      post,
      gasPaidByAccount,
      costWei: gasPaidByAccount,
      blockNumber: latest.number,
      baseFee: latest.baseFeePerGas ?? 0n,
      limitsFinal: true,
    };
  } catch (error) {
    if (error instanceof ChainError || error instanceof InfraError) throw error;
    throw new ChainError('SIMULATION_FAILED', 'Simulating the plan on a snapshot failed.', { cause: error });
  } finally {
    await test.revert({ id: snapshotId });
    await test.stopImpersonatingAccount({ address: account }).catch(() => undefined);
  }
};

async function readLens(client: PublicClient, observation: Observation): Promise<Readings> {
  const stateOverride = [{ address: lensAddress, code: lensCode }];
  const balances = await client.readContract({
    address: lensAddress,
    abi: BalanceLens.abi,
    functionName: 'balances',
    args: [observation.tokens, observation.parties],
    stateOverride,
  });
  const allowances = observation.allowances.length
    ? await client.readContract({
        address: lensAddress,
        abi: BalanceLens.abi,
        functionName: 'allowances',
        args: [
          observation.allowances.map((key) => key.token),
          observation.allowances.map((key) => key.owner),
          observation.allowances.map((key) => key.spender),
        ],
        stateOverride,
      })
    : [];
  return { balances: [...balances], allowances: [...allowances] };
}

/** The revert data inside a viem call error (RawContractError / RPC error `data`), if any. */
export function revertDataOf(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const data = (current as { data?: unknown }).data;
    if (typeof data === 'string' && data.startsWith('0x')) return data as Hex;
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string')
      return (data as { data: Hex }).data;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

