/**
 * What became of a transaction we signed and maybe broadcast, for crash recovery and receipt timeouts.
 * It only reads: it never re-broadcasts (re-sending after an unknown outcome is how agent toolkits have
 * executed the same intent twice).
 */
import type { Address, Hash, PublicClient, TransactionReceipt } from 'viem';

export type PendingTxStatus = 'confirmed' | 'reverted' | 'dropped' | 'replaced' | 'pending';

export type ResolvePendingTxParameters = {
  publicClient: PublicClient;
  hash: Hash;
  /** The stored signed request (see SignedRequest): the sender and nonce are what matter. */
  request: { from: Address; nonce: number };
};

export type ResolvePendingTxReturnType = {
  status: PendingTxStatus;
  receipt?: TransactionReceipt | undefined;
  /** 'replaced': the transaction mined with our nonce instead. */
  replacedBy?: Hash | undefined;
  /**
   * 'dropped' only: whether the nonce has been used. false means the node forgot the transaction and the
   * nonce is still free: the user may re-broadcast the stored raw transaction deliberately.
   */
  nonceUsed?: boolean | undefined;
};

/**
 * - 'confirmed' / 'reverted': a receipt exists.
 * - 'pending': the node still has it in its pool.
 * - 'replaced': another transaction from the sender mined with the same nonce (found by sender + nonce).
 * - 'dropped': unknown to the node — the nonce was used by a transaction we cannot find, or it is still free.
 *
 * @example
 * const { status } = await resolvePendingTx({ publicClient, hash, request: stored })
 */
export async function resolvePendingTx(parameters: ResolvePendingTxParameters): Promise<ResolvePendingTxReturnType> {
  const { publicClient, hash, request } = parameters;
  const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
  if (receipt) return { status: receipt.status === 'success' ? 'confirmed' : 'reverted', receipt };

  const transaction = await publicClient.getTransaction({ hash }).catch(() => undefined);
  if (transaction) {
    // Mined between the two reads: take the receipt now.
    if (transaction.blockNumber !== null) {
      const late = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
      if (late) return { status: late.status === 'success' ? 'confirmed' : 'reverted', receipt: late };
    }
    return { status: 'pending' };
  }

  const minedNonce = await publicClient.getTransactionCount({ address: request.from, blockTag: 'latest' });
  if (minedNonce <= request.nonce) return { status: 'dropped', nonceUsed: false };
  // eth_getTransactionBySenderAndNonce: not every node has it; without it we cannot name the replacement.
  const other = await publicClient.getTransaction({ sender: request.from, nonce: request.nonce }).catch(() => undefined);
  if (other && other.hash.toLowerCase() !== hash.toLowerCase()) return { status: 'replaced', replacedBy: other.hash, nonceUsed: true };
  return { status: 'dropped', nonceUsed: true };
}
