import type { Address, Hash, Hex, PublicClient, TransactionReceipt } from 'viem';
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, http, parseEther, parseGwei, parseUnits } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { LucidError, type PlanCall } from '../../../kernel/index.js';
import { DevToken } from '../../../registry-contracts/artifacts.js';
import { devnetAccount } from '../wallet/wallets.js';
import { compareOutcome, readBalanceChanges } from './outcome.js';
import { resolvePendingTx } from './resolvePendingTx.js';
import { signAndSend, type SignAndSendParameters, type SignedRequest } from './signAndSend.js';
import { SimulationChangedError, TxRevertedError } from './errors.js';
import { startAnvil, type TestAnvil } from './test-utils/anvil.js';
import { gasLimitFor } from '../simulate/engine.js';
import { readFees } from '../simulate/readFees.js';
import { startRpcProxy } from '../simulate/test-utils/rpcProxy.js';

const account = devnetAccount();
const bob: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const carol: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

let anvil: TestAnvil;
let publicClient: PublicClient;
let testClient: ReturnType<typeof createTestClient>;
let walletClient: ReturnType<typeof createWalletClient>;
let token: Address;
let snapshot: Hex;

beforeAll(async () => {
  anvil = await startAnvil();
  publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl), pollingInterval: 50 });
  testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(anvil.rpcUrl) });
  walletClient = createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl), account });
  const deployHash = await walletClient.deployContract({
    abi: DevToken.abi,
    bytecode: DevToken.bytecode,
    args: ['Test Token', 'TT', 18, account.address],
    account,
    chain: foundry,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: deployHash });
  token = receipt.contractAddress!;
  await publicClient.waitForTransactionReceipt({
    hash: await walletClient.writeContract({ address: token, abi: DevToken.abi, functionName: 'mint', args: [account.address, parseUnits('1000', 18)], account, chain: foundry }),
  });
});

afterAll(async () => {
  await anvil?.stop();
});

beforeEach(async () => {
  snapshot = await testClient.snapshot();
});

afterEach(async () => {
  await testClient.setAutomine(true);
  await testClient.request({ method: 'anvil_dropAllTransactions' } as never).catch(() => undefined);
  await testClient.revert({ id: snapshot });
});

const ethTransfer = (value: bigint, to: Address = bob): PlanCall => ({ to, data: '0x', value, description: `send ${value} wei` });
const tokenTransfer = (amount: bigint, to: Address = bob): PlanCall => ({
  to: token,
  data: encodeFunctionData({ abi: DevToken.abi, functionName: 'transfer', args: [to, amount] }),
  value: 0n,
  description: 'transfer TT',
});

/** A "simulation" of the calls: gas limits from estimates against the current state, and the fees shown. */
async function simulate(calls: PlanCall[]) {
  const gasLimits: bigint[] = [];
  for (const call of calls) gasLimits.push(gasLimitFor(await publicClient.estimateGas({ account: account.address, to: call.to, data: call.data, value: call.value })));
  const { maxFeePerGas, maxPriorityFeePerGas } = await readFees(publicClient);
  return { calls, blockNumber: await publicClient.getBlockNumber({ cacheTime: 0 }), gasLimits, fees: { maxFeePerGas, maxPriorityFeePerGas } };
}

type Events = Array<[string, number, Hash | TransactionReceipt]>;
function params(simulated: Awaited<ReturnType<typeof simulate>>, overrides: Partial<SignAndSendParameters> = {}) {
  const events: Events = [];
  const signed: SignedRequest[] = [];
  const resimulations: number[] = [];
  const parameters: SignAndSendParameters = {
    publicClient,
    account,
    chainId: 31337,
    simulated,
    approved: { calls: simulated.calls.map((call) => ({ ...call })) },
    resimulate: async () => {
      resimulations.push(1);
      return { changed: false };
    },
    onSigned: (index, hash, request) => {
      events.push(['signed', index, hash]);
      signed.push(request);
    },
    onSent: (index, hash) => void events.push(['sent', index, hash]),
    onReceipt: (index, receipt) => void events.push(['receipt', index, receipt]),
    receiptTimeoutMs: 10_000,
    pollingInterval: 50,
    ...overrides,
  };
  return { parameters, events, signed, resimulations };
}

async function accountState() {
  return {
    latest: await publicClient.getTransactionCount({ address: account.address }),
    pending: await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' }),
    block: await publicClient.getBlockNumber({ cacheTime: 0 }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<LucidError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LucidError);
  return error as LucidError;
}

describe('signAndSend', () => {
  test('default: ETH transfer is signed, recorded before broadcast, sent and confirmed', async () => {
    const before = await publicClient.getBalance({ address: bob });
    const simulated = await simulate([ethTransfer(parseEther('1.5'))]);
    const { parameters, events, signed } = params(simulated);
    const result = await signAndSend(parameters);
    expect(result.status).toBe('confirmed');
    expect(result.notSent).toEqual([]);
    const [sent] = result.transactions;
    expect(sent?.status).toBe('success');
    expect(sent?.receipt?.status).toBe('success');
    expect(events.map(([kind, index]) => `${kind}:${index}`)).toEqual(['signed:0', 'sent:0', 'receipt:0']);
    expect(events[0]?.[2]).toBe(sent?.hash);
    expect(signed[0]).toMatchObject({ chainId: 31337, from: account.address, to: bob, value: parseEther('1.5'), nonce: 2 });
    // gas = exactly the limit the simulation ran with
    expect(signed[0]?.gas).toBe(simulated.gasLimits[0]);
    expect(await publicClient.getBalance({ address: bob })).toBe(before + parseEther('1.5'));
  });

  test('behavior: real balance changes compare with the simulated ones, gas added back', async () => {
    const simulated = await simulate([ethTransfer(parseEther('1')), tokenTransfer(parseUnits('10', 18))]);
    const { parameters } = params(simulated);
    const result = await signAndSend(parameters);
    const blocks = result.transactions.map((t) => t.receipt!.blockNumber);
    const { changes, gasPaid } = await readBalanceChanges({
      publicClient,
      account: account.address,
      tokens: [
        { token: 'ETH', symbol: 'ETH', decimals: 18 },
        { token, symbol: 'TT', decimals: 18 },
      ],
      fromBlock: blocks[0]! - 1n,
      toBlock: blocks.at(-1)!,
    });
    expect(gasPaid).toBeGreaterThan(0n);
    const simulatedChanges = [
      { token: 'ETH' as const, symbol: 'ETH', decimals: 18, diff: -parseEther('1') },
      { token, symbol: 'TT', decimals: 18, diff: -parseUnits('10', 18) },
    ];
    expect(compareOutcome({ simulated: simulatedChanges, actual: changes })).toEqual([]);
    const wrong = [{ ...simulatedChanges[0]!, diff: -parseEther('0.9') }, simulatedChanges[1]!];
    expect(compareOutcome({ simulated: wrong, actual: changes })).toEqual([
      { token: 'ETH', symbol: 'ETH', decimals: 18, simulated: -parseEther('0.9'), actual: -parseEther('1'), difference: -parseEther('0.1') },
    ]);
  });

  test.each([
    ['value', (calls: PlanCall[]) => [{ ...calls[0]!, value: calls[0]!.value + 1n }, calls[1]!]],
    ['to', (calls: PlanCall[]) => [{ ...calls[0]!, to: carol }, calls[1]!]],
    ['data', (calls: PlanCall[]) => [calls[0]!, { ...calls[1]!, data: `${calls[1]!.data.slice(0, -2)}ff` as Hex }]],
    ['order', (calls: PlanCall[]) => [calls[1]!, calls[0]!]],
    ['count', (calls: PlanCall[]) => [calls[0]!]],
  ])('errors: signing mismatch (%s) refuses and sends nothing', async (_what, alter) => {
    const simulated = await simulate([ethTransfer(parseEther('1')), tokenTransfer(5n)]);
    const { parameters, events } = params(simulated, {});
    const before = await accountState();
    const error = await rejection(signAndSend({ ...parameters, approved: { calls: alter(simulated.calls) } }));
    expect(error.code).toBe('SIGNING_MISMATCH');
    expect(error.exitCode).toBe(3);
    expect(events).toEqual([]);
    expect(await accountState()).toEqual(before);
  });

  test('errors: signing mismatch message names the field', async () => {
    const simulated = await simulate([ethTransfer(parseEther('1'))]);
    const { parameters } = params(simulated);
    const error = await rejection(signAndSend({ ...parameters, approved: { calls: [{ ...simulated.calls[0]!, value: 1n }] } }));
    expect(error.shortMessage).toMatchInlineSnapshot(`"Call 1: the value to be signed differs from what you approved. Nothing was signed."`);
    expect(error.details).toMatchInlineSnapshot(`
      "approved: 1 wei
      to sign:  1000000000000000000 wei"
    `);
  });

  test('errors: if recording the signed transaction fails, nothing is broadcast', async () => {
    const simulated = await simulate([ethTransfer(1n)]);
    const { parameters, events } = params(simulated);
    const before = await accountState();
    const failure = new Error('disk full');
    const error = await signAndSend({
      ...parameters,
      onSigned: () => {
        throw failure;
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(events).toEqual([]);
    expect(await accountState()).toEqual(before);
  });

  test('errors: chain id mismatch refuses', async () => {
    const simulated = await simulate([ethTransfer(1n)]);
    const { parameters, events } = params(simulated, { chainId: 1 });
    const before = await accountState();
    const error = await rejection(signAndSend(parameters));
    expect(error.code).toBe('CHAIN_MISMATCH');
    expect(error.shortMessage).toMatchInlineSnapshot(`"The plan is for chain 1 but the RPC is on chain 31337; nothing was signed."`);
    expect(events).toEqual([]);
    expect(await accountState()).toEqual(before);
  });

  test('behavior: block drift triggers a re-simulation; a changed result refuses with both versions', async () => {
    const simulated = await simulate([ethTransfer(1n)]);
    await testClient.mine({ blocks: 3 });
    const { parameters, events } = params(simulated, {
      resimulate: async () => ({ changed: true, before: { out: 100n }, after: { out: 90n }, summary: 'You now receive 90 instead of 100.' }),
    });
    const before = await accountState();
    const error = await rejection(signAndSend(parameters));
    expect(error).toBeInstanceOf(SimulationChangedError);
    expect(error.code).toBe('SIMULATION_CHANGED');
    expect((error as SimulationChangedError).before).toEqual({ out: 100n });
    expect((error as SimulationChangedError).after).toEqual({ out: 90n });
    expect(error.details).toContain('You now receive 90 instead of 100.');
    expect(events).toEqual([]);
    expect(await accountState()).toEqual(before);
  });

  test('behavior: drift within the limit does not re-simulate; an unchanged re-simulation proceeds', async () => {
    const simulated = await simulate([ethTransfer(1n)]);
    await testClient.mine({ blocks: 2 });
    const first = params(simulated);
    await signAndSend(first.parameters);
    expect(first.resimulations).toEqual([]);
    const again = await simulate([ethTransfer(2n)]);
    await testClient.mine({ blocks: 3 });
    const second = params(again);
    expect((await signAndSend(second.parameters)).status).toBe('confirmed');
    expect(second.resimulations).toEqual([1]);
  });

  test('errors: revert after a successful simulation (balance moved away) → TX_REVERTED, later calls not sent', async () => {
    const simulated = await simulate([tokenTransfer(parseUnits('100', 18)), ethTransfer(parseEther('1'))]);
    // Between simulation and sending, the tokens leave the account.
    const all = await publicClient.readContract({ address: token, abi: DevToken.abi, functionName: 'balanceOf', args: [account.address] });
    await publicClient.waitForTransactionReceipt({
      hash: await walletClient.writeContract({ address: token, abi: DevToken.abi, functionName: 'transfer', args: [carol, all], account, chain: foundry }),
    });
    const bobBefore = await publicClient.getBalance({ address: bob });
    const nonceBefore = await publicClient.getTransactionCount({ address: account.address });
    const { parameters, events } = params(simulated, { errorAbi: DevToken.abi, maxBlockDrift: 10 });
    const error = await rejection(signAndSend(parameters));
    expect(error).toBeInstanceOf(TxRevertedError);
    expect(error.code).toBe('TX_REVERTED');
    expect(error.exitCode).toBe(1);
    expect((error as TxRevertedError).reason).toBe(`ERC20InsufficientBalance(${account.address}, 0, ${parseUnits('100', 18)})`);
    expect(error.shortMessage).toContain('Transaction 1 of 2 reverted on chain: ERC20InsufficientBalance');
    expect(error.details).toContain('The remaining 1 call(s) were not sent.');
    expect(events.map(([kind, index]) => `${kind}:${index}`)).toEqual(['signed:0', 'sent:0', 'receipt:0']);
    expect(await publicClient.getTransactionCount({ address: account.address })).toBe(nonceBefore + 1);
    expect(await publicClient.getBalance({ address: bob })).toBe(bobBefore);
  });

  test('behavior: receipt timeout gives pending without resending; resolvePendingTx settles it after a mine', async () => {
    await testClient.setAutomine(false);
    const simulated = await simulate([ethTransfer(parseEther('1')), ethTransfer(parseEther('2'))]);
    const { parameters, events, signed } = params(simulated, { receiptTimeoutMs: 1_000 });
    const result = await signAndSend(parameters);
    expect(result.status).toBe('pending');
    expect(result.transactions).toHaveLength(1);
    expect(result.transactions[0]?.status).toBe('pending');
    expect(result.notSent).toEqual([1]);
    expect(events.map(([kind, index]) => `${kind}:${index}`)).toEqual(['signed:0', 'sent:0']);
    // Exactly one transaction waits in the pool: nothing was resent, the second call was not sent.
    const pool = (await testClient.request({ method: 'txpool_content' } as never)) as { pending: Record<string, Record<string, unknown>> };
    const mine = Object.entries(pool.pending).find(([from]) => from.toLowerCase() === account.address.toLowerCase())?.[1] ?? {};
    expect(Object.keys(mine)).toHaveLength(1);

    const hash = result.transactions[0]!.hash;
    expect((await resolvePendingTx({ publicClient, hash, request: signed[0]! })).status).toBe('pending');
    await testClient.mine({ blocks: 1 });
    const resolved = await resolvePendingTx({ publicClient, hash, request: signed[0]! });
    expect(resolved.status).toBe('confirmed');
    expect(resolved.receipt?.transactionHash).toBe(hash);
  });

  test('errors: a transaction replaced by another one with the same nonce → TX_REPLACED, later calls not sent', async () => {
    await testClient.setAutomine(false);
    const simulated = await simulate([ethTransfer(1n), ethTransfer(2n)]);
    let replacementHash: Hash | undefined;
    const { parameters, events, signed } = params(simulated, {
      receiptTimeoutMs: 10_000,
      onSent: async (index, hash) => {
        events.push(['sent', index, hash]);
        // Someone else with this key speeds up a different transaction at our nonce, and it is mined.
        const request = signed[index]!;
        const replacement = await account.signTransaction({
          type: 'eip1559',
          chainId: 31337,
          nonce: request.nonce,
          to: carol,
          value: 3n,
          gas: 21_000n,
          maxFeePerGas: request.maxFeePerGas * 2n,
          maxPriorityFeePerGas: request.maxPriorityFeePerGas * 2n,
        });
        replacementHash = await publicClient.sendRawTransaction({ serializedTransaction: replacement });
        await testClient.mine({ blocks: 1 });
      },
    });
    const error = await rejection(signAndSend(parameters));
    expect(error.code).toBe('TX_REPLACED');
    expect(error.details).toContain(replacementHash);
    expect(events.map(([kind, index]) => `${kind}:${index}`)).toEqual(['signed:0', 'sent:0', 'receipt:0']);
    expect(await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' })).toBe(signed[0]!.nonce + 1);
  });

  test('errors: a future-nonce transaction stuck in the pool (nonce gap) refuses before signing', async () => {
    const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
    const fees = await publicClient.estimateFeesPerGas();
    const stuck = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce: nonce + 1, to: carol, value: 7n, gas: 21_000n, ...fees });
    await publicClient.sendRawTransaction({ serializedTransaction: stuck });
    const simulated = await simulate([ethTransfer(1n)]);
    const { parameters, events } = params(simulated);
    const before = await accountState();
    const error = await rejection(signAndSend(parameters));
    expect(error.code).toBe('NONCE_GAP');
    expect(error.shortMessage).toBe(`A transaction with a future nonce (${nonce + 1}) is waiting in the node's pool; nothing was signed.`);
    expect(events).toEqual([]);
    expect(await accountState()).toEqual(before);
    expect(await publicClient.getBalance({ address: carol })).toBe(parseEther('10000'));
  });
});

describe('signAndSend: fees bound to the review (issue 13, guarantee 6)', () => {
  test('behavior: the signed transaction carries exactly the gas limit and fees that were simulated and shown', async () => {
    const simulated = await simulate([ethTransfer(parseEther('0.2')), tokenTransfer(parseUnits('3', 18))]);
    const { parameters, signed } = params(simulated);
    const result = await signAndSend(parameters);
    expect(result.status).toBe('confirmed');
    for (const [index, sent] of result.transactions.entries()) {
      const mined = await publicClient.getTransaction({ hash: sent.hash });
      expect({ gas: mined.gas, maxFeePerGas: mined.maxFeePerGas, maxPriorityFeePerGas: mined.maxPriorityFeePerGas }).toEqual({
        gas: simulated.gasLimits[index],
        ...simulated.fees,
      });
      expect(signed[index]).toMatchObject({ gas: simulated.gasLimits[index], ...simulated.fees });
    }
  });

  test('errors: an RPC that raises its priority-fee suggestion once signing starts gets a refusal, nothing is signed or sent', async () => {
    let lying = false;
    const proxy = await startRpcProxy({
      target: anvil.rpcUrl,
      answer: (request) => {
        // Signing starts with the pending nonce; from then on the node asks for a 1,000 gwei tip.
        if (request.method === 'eth_getTransactionCount' && request.params?.[1] === 'pending') lying = true;
        return lying && request.method === 'eth_maxPriorityFeePerGas' ? { result: `0x${parseGwei('1000').toString(16)}` } : undefined;
      },
    });
    try {
      const client = createPublicClient({ chain: foundry, transport: http(proxy.url), pollingInterval: 50 });
      const simulated = await simulate([ethTransfer(parseEther('1'))]);
      const before = await accountState();
      const bobBefore = await publicClient.getBalance({ address: bob });
      const { parameters, events } = params(simulated, { publicClient: client });
      const error = await rejection(signAndSend(parameters));
      expect(error.code).toBe('FEE_ABOVE_REVIEW');
      expect(error.kind).toBe('refused');
      expect(events).toEqual([]);
      expect(proxy.methods).not.toContain('eth_sendRawTransaction');
      expect(await accountState()).toEqual(before);
      expect(await publicClient.getBalance({ address: bob })).toBe(bobBefore);
    } finally {
      await proxy.close();
    }
  });

  test('errors: a fee cap the next base fee has outgrown is refused, not raised', async () => {
    const simulated = await simulate([ethTransfer(parseEther('1'))]);
    const { baseFeePerGas } = await publicClient.getBlock({ blockTag: 'latest' });
    await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: simulated.fees.maxFeePerGas * 4n });
    await testClient.mine({ blocks: 1 });
    try {
      const { parameters, events } = params(simulated, { maxBlockDrift: 100 });
      expect((await rejection(signAndSend(parameters))).code).toBe('FEE_ABOVE_REVIEW');
      expect(events).toEqual([]);
    } finally {
      // anvil's base fee is not part of a snapshot: put it back for the next tests.
      await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: baseFeePerGas ?? 0n });
      await testClient.mine({ blocks: 1 });
    }
  });
});

describe('resolvePendingTx', () => {
  test('replaced: another transaction mined with the same nonce', async () => {
    await testClient.setAutomine(false);
    const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
    const fees = await publicClient.estimateFeesPerGas();
    const ours = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce, to: bob, value: 1n, gas: 21_000n, ...fees });
    const hash = await publicClient.sendRawTransaction({ serializedTransaction: ours });
    const replacement = await account.signTransaction({
      type: 'eip1559',
      chainId: 31337,
      nonce,
      to: carol,
      value: 2n,
      gas: 21_000n,
      maxFeePerGas: fees.maxFeePerGas * 2n,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas * 2n,
    });
    const replacementHash = await publicClient.sendRawTransaction({ serializedTransaction: replacement });
    await testClient.mine({ blocks: 1 });
    const resolved = await resolvePendingTx({ publicClient, hash, request: { from: account.address, nonce } });
    expect(resolved).toMatchObject({ status: 'replaced', replacedBy: replacementHash, nonceUsed: true });
  });

  test('dropped: unknown to the node while the nonce is still free', async () => {
    const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
    const fees = await publicClient.estimateFeesPerGas();
    const neverSent = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce, to: bob, value: 1n, gas: 21_000n, ...fees });
    const { keccak256 } = await import('viem');
    const resolved = await resolvePendingTx({ publicClient, hash: keccak256(neverSent), request: { from: account.address, nonce } });
    expect(resolved).toEqual({ status: 'dropped', nonceUsed: false });
  });

  test('reverted: a mined revert', async () => {
    const data = encodeFunctionData({ abi: DevToken.abi, functionName: 'transfer', args: [bob, parseUnits('1000000', 18)] });
    const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
    const fees = await publicClient.estimateFeesPerGas();
    const raw = await account.signTransaction({ type: 'eip1559', chainId: 31337, nonce, to: token, data, gas: 100_000n, ...fees });
    const hash = await publicClient.sendRawTransaction({ serializedTransaction: raw });
    await publicClient.waitForTransactionReceipt({ hash });
    expect((await resolvePendingTx({ publicClient, hash, request: { from: account.address, nonce } })).status).toBe('reverted');
  });
});
