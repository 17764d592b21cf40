/**
 * The guarded sign-and-send path. Nothing is signed unless the transactions about to be signed are exactly
 * the ones simulated and the ones the user approved (same chain, targets, calldata, values, order), and,
 * when the chain has moved on since the simulation, a fresh simulation still gives the same outcome.
 *
 * Then, call by call: nonce; the fees and gas limit the simulation ran with and the review showed, never more
 * (the node's fee suggestion is read again and, if it now asks for more than was shown, nothing more is signed:
 * a poisoned suggestion is refused, not paid); local signature, `onSigned` (the
 * caller records the signed transaction BEFORE it is broadcast, so a crash never loses track of it),
 * broadcast, `onSent`, receipt (with a timeout and replacement detection), `onReceipt`. A revert stops the
 * sequence. A receipt timeout returns 'pending' and stops too: the outcome is unknown and we never
 * re-broadcast — {@link resolvePendingTx} settles it later.
 */
import type { Abi, Address, Hash, Hex, LocalAccount, PublicClient, TransactionReceipt, TransactionSerializableEIP1559 } from 'viem';
import { markPhase } from '../../../kernel/timing.js';
import { keccak256, parseTransaction } from 'viem';
import { ChainError, InfraError, RefusedError, type PlanCall } from '../../../kernel/index.js';
import { SimulationChangedError, TxRevertedError, type ResimulationResult } from './errors.js';
import { revertReasonOf } from './revertReason.js';

/** Exactly what was signed for one call: what the caller stores before broadcast. */
export type SignedRequest = {
  chainId: number;
  from: Address;
  to: Address;
  data: Hex;
  value: bigint;
  nonce: number;
  gas: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** The signed raw transaction (public once broadcast; lets a user re-broadcast by hand if it was dropped). */
  serialized: Hex;
};

export type SentTransaction = {
  index: number;
  hash: Hash;
  request: SignedRequest;
  /** 'pending': no receipt before the timeout, outcome unknown (not resent). */
  status: 'success' | 'pending';
  receipt?: TransactionReceipt | undefined;
};

export type SignAndSendParameters<report = unknown> = {
  publicClient: PublicClient;
  account: LocalAccount;
  /** The chain the plan was simulated and approved for; must equal the RPC's eth_chainId. */
  chainId: number;
  /**
   * What the simulation ran with and the review showed: `gasLimits` are signed exactly (RISK.md: simulate with
   * the gas limit you will sign with), `fees` are the most the signed transactions may pay per gas.
   */
  simulated: { calls: PlanCall[]; blockNumber: bigint; gasLimits: bigint[]; fees: SignedFees };
  /** Exactly what the user saw and approved. */
  approved: { calls: PlanCall[] };
  /** Simulates the plan again at the current block; called only when the chain moved more than maxBlockDrift. */
  resimulate: () => Promise<ResimulationResult<report>>;
  /** Blocks the chain may move after the simulation before we re-simulate. Default 2. */
  maxBlockDrift?: number | undefined;
  /** Called with the signed transaction before broadcast; if it throws, nothing is broadcast. */
  onSigned?: ((index: number, hash: Hash, request: SignedRequest) => void | Promise<void>) | undefined;
  onSent?: ((index: number, hash: Hash) => void | Promise<void>) | undefined;
  onReceipt?: ((index: number, receipt: TransactionReceipt) => void | Promise<void>) | undefined;
  /** How long to wait for each receipt. Default 120 s. */
  receiptTimeoutMs?: number | undefined;
  /** Receipt polling interval. Default: the client's. */
  pollingInterval?: number | undefined;
  /** ABIs used to decode custom revert errors. */
  errorAbi?: Abi | undefined;
};

/** Fees per gas of an EIP-1559 transaction. */
export type SignedFees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };

export type SignAndSendReturnType = {
  /** 'confirmed': every call mined successfully. 'pending': a receipt timed out; see `notSent`. */
  status: 'confirmed' | 'pending';
  transactions: SentTransaction[];
  /** Indexes of calls not sent because an earlier one is still pending. */
  notSent: number[];
};

export type SignAndSendErrorType = RefusedError | SimulationChangedError | TxRevertedError | ChainError | InfraError;

export const defaultMaxBlockDrift = 2;
export const defaultReceiptTimeoutMs = 120_000;

/**
 * Signs and sends an approved, simulated plan, one call at a time.
 *
 * @returns Each sent transaction with its receipt, or 'pending' on a receipt timeout. {@link SignAndSendReturnType}
 * @throws `RefusedError` SIGNING_MISMATCH | CHAIN_MISMATCH | NONCE_GAP | FEE_ABOVE_REVIEW, {@link SimulationChangedError},
 * {@link TxRevertedError}, `ChainError` TX_REPLACED | NONCE_CONFLICT | INSUFFICIENT_FUNDS, `InfraError` BROADCAST_FAILED.
 * @example
 * const result = await signAndSend({
 *   publicClient, account, chainId: 31337,
 *   simulated: { calls: plan.calls, blockNumber: sim.blockNumber, gasLimits: sim.gas.limits, fees: sim.gas },
 *   approved: { calls: shownCalls },
 *   resimulate: async () => ({ changed: false }),
 *   onSigned: (i, hash, request) => history.recordSigned(db, { i, hash, request }),
 * })
 */
export async function signAndSend<report = unknown>(parameters: SignAndSendParameters<report>): Promise<SignAndSendReturnType> {
  const { publicClient, account, chainId, simulated, approved } = parameters;
  const maxBlockDrift = BigInt(parameters.maxBlockDrift ?? defaultMaxBlockDrift);

  // 1. What will be signed == what was simulated == what was approved. Checked for every call before any signature.
  assertSameCalls(simulated.calls, approved.calls);
  if (simulated.gasLimits.length !== simulated.calls.length || simulated.gasLimits.some((gas) => gas <= 0n))
    throw new RefusedError('SIGNING_MISMATCH', 'The simulation did not give a gas limit for every call; nothing was signed.', {
      details: `${simulated.calls.length} calls, ${simulated.gasLimits.length} gas limits.`,
    });

  // The reads the checks below need are made together (one round trip on a node that takes JSON-RPC batches,
  // as our devnet does); each check still runs, in order, before anything is signed. Reading the nonce or the
  // fees of an RPC that turns out to be on another chain is harmless: nothing is signed on it.
  const [rpcChainId, blockNumber, pendingNonce, queued, firstFees] = await Promise.all([
    publicClient.getChainId(),
    // cacheTime 0: viem caches the block number for the polling interval; drift needs the live one.
    publicClient.getBlockNumber({ cacheTime: 0 }),
    publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' }),
    readQueuedNonces(publicClient, account.address),
    readFeesNow(publicClient).catch((error: unknown) => error as Error),
  ]);

  // 2. The RPC is on the chain the plan was made for.
  if (rpcChainId !== chainId)
    throw new RefusedError('CHAIN_MISMATCH', `The plan is for chain ${chainId} but the RPC is on chain ${rpcChainId}; nothing was signed.`, {
      hints: ['Check --chain and the RPC URL.'],
    });

  // 3. The chain moved: simulate again and refuse if the outcome changed.
  if (blockNumber - simulated.blockNumber > maxBlockDrift) {
    const result = await parameters.resimulate();
    if (result.changed) throw new SimulationChangedError(result, { simulatedAt: simulated.blockNumber, now: blockNumber });
  }

  // 4. Nonces: start at the pending count; refuse if a future-nonce transaction waits in the pool, because
  //    filling the gap would let that unknown transaction execute right after ours.
  let nonce = pendingNonce;
  assertNoNonceGap(queued, nonce);

  const transactions: SentTransaction[] = [];
  const total = approved.calls.length;
  for (const [index, call] of approved.calls.entries()) {
    const fees = simulated.fees;
    // The first call's fee check uses the fees read with the nonce above, just now; later calls read again.
    assertFeesStillCover(index === 0 ? firstFees : await readFeesNow(publicClient).catch((error: unknown) => error as Error), fees, index, total);
    const tx: TransactionSerializableEIP1559 = {
      type: 'eip1559',
      chainId,
      nonce,
      to: call.to,
      data: call.data,
      value: call.value,
      gas: simulated.gasLimits[index]!,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    };
    markPhase(`send: checks before signing tx ${index + 1}`);
    const serialized = await account.signTransaction(tx);
    // Read back the signed bytes: what goes on the wire is checked, not just the object we built.
    assertSignedMatches(serialized, { ...call, chainId, nonce, gas: tx.gas!, ...fees }, index);
    const hash = keccak256(serialized);
    const request: SignedRequest = {
      chainId,
      from: account.address,
      to: call.to,
      data: call.data,
      value: call.value,
      nonce,
      gas: tx.gas ?? 0n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      serialized,
    };
    await parameters.onSigned?.(index, hash, request);

    markPhase(`send: tx ${index + 1} signed and recorded`);
    await broadcast(publicClient, serialized, hash, index);
    markPhase(`send: tx ${index + 1} broadcast`);
    await parameters.onSent?.(index, hash);
    nonce += 1;

    let replaced: { reason: string; hash: Hash } | undefined;
    let receipt: TransactionReceipt;
    try {
      receipt = await publicClient.waitForTransactionReceipt({
        hash,
        timeout: parameters.receiptTimeoutMs ?? defaultReceiptTimeoutMs,
        ...(parameters.pollingInterval ? { pollingInterval: parameters.pollingInterval } : {}),
        replacement: { from: account.address, nonce: request.nonce, to: call.to, input: call.data, value: call.value },
        onReplaced: (replacement) => {
          replaced = { reason: replacement.reason, hash: replacement.transaction.hash };
        },
      });
    } catch (error) {
      if (isTimeout(error)) {
        transactions.push({ index, hash, request, status: 'pending' });
        return { status: 'pending', transactions, notSent: range(index + 1, total) };
      }
      throw new InfraError('RECEIPT_FAILED', `Could not read the receipt of transaction ${index + 1} of ${total}.`, {
        details: `Hash ${hash}. It may still be mined; check it before sending anything again.`,
        cause: error,
      });
    }
    markPhase(`send: tx ${index + 1} receipt`);
    await parameters.onReceipt?.(index, receipt);
    if (replaced)
      throw new ChainError('TX_REPLACED', `Transaction ${index + 1} of ${total} was ${replaced.reason} by another transaction with the same nonce.`, {
        details: `Ours ${hash}, mined instead ${replaced.hash}. Later calls were not sent.`,
        hints: ['Another wallet using this account sent a transaction at the same time; check the account before retrying.'],
      });
    if (receipt.status === 'reverted') {
      const reason = await revertReasonOf({
        publicClient,
        from: account.address,
        to: call.to,
        data: call.data,
        value: call.value,
        blockNumber: receipt.blockNumber,
        abi: parameters.errorAbi,
      }).catch(() => undefined);
      throw new TxRevertedError({ index, total, hash, receipt, reason });
    }
    transactions.push({ index, hash, request, status: 'success', receipt });
  }
  return { status: 'confirmed', transactions, notSent: [] };
}

// ---------------------------------------------------------------------------------------------------------

const fields = ['to', 'data', 'value'] as const;

function assertSameCalls(simulated: PlanCall[], approved: PlanCall[]): void {
  if (simulated.length !== approved.length)
    throw mismatch(`You approved ${approved.length} call(s) but ${simulated.length} were simulated.`);
  if (approved.length === 0) throw mismatch('There is nothing to sign: the plan has no calls.');
  const sameCall = (a: PlanCall, b: PlanCall) => fields.every((field) => sameField(field, a[field], b[field]));
  for (const [index, call] of approved.entries()) {
    const other = simulated[index];
    if (!other || sameCall(call, other)) continue;
    // Same calls in another order is its own, clearer message.
    if (simulated.some((candidate) => sameCall(candidate, call)))
      throw mismatch(`Call ${index + 1} is not in the order you approved.`);
    const field = fields.find((f) => !sameField(f, call[f], other[f]));
    throw mismatch(`Call ${index + 1}: the ${field} to be signed differs from what you approved.`, {
      details: `approved: ${show(field, call)}\nto sign:  ${show(field, other)}`,
    });
  }
}

function assertSignedMatches(
  serialized: Hex,
  expected: { to: Address; data: Hex; value: bigint; chainId: number; nonce: number; gas: bigint } & SignedFees,
  index: number,
): void {
  const parsed = parseTransaction(serialized);
  const ok =
    parsed.type === 'eip1559' &&
    parsed.gas === expected.gas &&
    parsed.maxFeePerGas === expected.maxFeePerGas &&
    parsed.maxPriorityFeePerGas === expected.maxPriorityFeePerGas &&
    parsed.chainId === expected.chainId &&
    parsed.nonce === expected.nonce &&
    sameField('to', parsed.to ?? '0x', expected.to) &&
    sameField('data', parsed.data ?? '0x', expected.data) &&
    (parsed.value ?? 0n) === expected.value;
  if (!ok)
    throw new RefusedError('SIGNING_MISMATCH', `Call ${index + 1}: the signed transaction does not match what you approved; it was not sent.`, {
      hints: ['Simulate and approve the plan again.'],
    });
}

function sameField(field: (typeof fields)[number], a: unknown, b: unknown): boolean {
  if (field === 'value') return a === b;
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

function show(field: (typeof fields)[number] | undefined, call: PlanCall): string {
  if (field === 'value') return `${call.value} wei`;
  if (field === 'data') return call.data.length > 74 ? `${call.data.slice(0, 74)}… (${(call.data.length - 2) / 2} bytes)` : call.data;
  return call.to;
}

function mismatch(message: string, extra: { details?: string } = {}): RefusedError {
  return new RefusedError('SIGNING_MISMATCH', `${message} Nothing was signed.`, {
    details: extra.details,
    hints: ['Simulate and approve the plan again.'],
  });
}

/**
 * The node's fee suggestion, read again at signing, must not ask for more than the review showed: if the
 * priority fee it suggests now is higher, or the next block's base fee is above the shown fee cap (the
 * transaction could not be included at the shown price), nothing is signed. The shown fees are signed as they
 * are; a higher suggestion is never followed.
 */
function assertFeesStillCover(now: { priority: bigint; baseFee: bigint } | Error, shown: SignedFees, index: number, total: number): void {
  if (now instanceof Error)
    throw new InfraError('FEES_UNAVAILABLE', `Could not read gas fees before signing transaction ${index + 1} of ${total}; nothing more was signed.`, { cause: now });
  const { priority, baseFee } = now;
  const gwei = (wei: bigint) => `${Number(wei) / 1e9} gwei`;
  if (priority > shown.maxPriorityFeePerGas || baseFee > shown.maxFeePerGas)
    throw new RefusedError(
      'FEE_ABOVE_REVIEW',
      `Transaction ${index + 1} of ${total} was not signed: the node now asks for more gas fee than you were shown.`,
      {
        details:
          priority > shown.maxPriorityFeePerGas
            ? `priority fee shown ${gwei(shown.maxPriorityFeePerGas)}, asked now ${gwei(priority)}`
            : `fee cap shown ${gwei(shown.maxFeePerGas)}, next base fee now ${gwei(baseFee)}`,
        hints: ['Run it again to see the new fees before signing; if they jumped, the RPC may be lying.'],
      },
    );
}

/** The node's fee suggestion now: its priority fee and the next block's base fee. */
async function readFeesNow(publicClient: PublicClient): Promise<{ priority: bigint; baseFee: bigint }> {
  const [priority, history] = await Promise.all([
    publicClient.estimateMaxPriorityFeePerGas(),
    publicClient.getFeeHistory({ blockCount: 1, rewardPercentiles: [], blockTag: 'latest' }),
  ]);
  return { priority, baseFee: history.baseFeePerGas.at(-1) ?? 0n };
}

// txpool_content is answered by anvil, geth and most self-hosted nodes; public RPCs often refuse it, and then
// we cannot see queued transactions (the check is skipped, not failed: undefined).
async function readQueuedNonces(publicClient: PublicClient, address: Address): Promise<number[] | undefined> {
  let content: { queued?: Record<string, Record<string, { hash?: Hash }>> };
  try {
    content = (await publicClient.request({ method: 'txpool_content' } as never)) as typeof content;
  } catch {
    return undefined;
  }
  const queued = Object.entries(content?.queued ?? {}).find(([from]) => from.toLowerCase() === address.toLowerCase())?.[1];
  return Object.keys(queued ?? {}).map(Number);
}

function assertNoNonceGap(queued: number[] | undefined, pendingNonce: number): void {
  const future = (queued ?? [])
    .filter((n) => n > pendingNonce)
    .sort((a, b) => a - b);
  if (future.length > 0)
    throw new RefusedError('NONCE_GAP', `A transaction with a future nonce (${future[0]}) is waiting in the node's pool; nothing was signed.`, {
      details: `The account's next nonce is ${pendingNonce}. Sending now would fill the gap and let the waiting transaction(s) (nonce ${future.join(', ')}) execute too.`,
      hints: ['Find out where that transaction came from; replace or drop it before sending.'],
    });
}

async function broadcast(publicClient: PublicClient, serialized: Hex, hash: Hash, index: number): Promise<void> {
  try {
    const returned = await publicClient.sendRawTransaction({ serializedTransaction: serialized });
    if (returned.toLowerCase() !== hash.toLowerCase())
      throw new InfraError('BROADCAST_FAILED', `The node returned hash ${returned} for transaction ${index + 1}, expected ${hash}.`);
  } catch (error) {
    if (error instanceof InfraError) throw error;
    const text = errorText(error);
    if (/nonce too low|already known|replacement transaction underpriced|nonce.*(used|already)/i.test(text))
      throw new ChainError('NONCE_CONFLICT', `Transaction ${index + 1} was rejected: its nonce is already used.`, {
        details: `Hash ${hash}. Another transaction from this account took the nonce.`,
        hints: ['Check the account for transactions sent elsewhere, then simulate again.'],
      });
    if (/insufficient funds/i.test(text))
      throw new ChainError('INSUFFICIENT_FUNDS', `Transaction ${index + 1} was rejected: not enough ETH for value + gas.`, { details: `Hash ${hash}.` });
    throw new InfraError('BROADCAST_FAILED', `Sending transaction ${index + 1} failed; it may or may not have reached the node.`, {
      details: `Hash ${hash}. Check its status before sending anything again.`,
      cause: error,
    });
  }
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'WaitForTransactionReceiptTimeoutError';
}

function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const { message, details, shortMessage } = current as { message?: unknown; details?: unknown; shortMessage?: unknown };
    for (const part of [shortMessage, details, message]) if (typeof part === 'string') parts.push(part);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
