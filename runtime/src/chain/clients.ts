/**
 * viem clients for Lucid's chains. One http transport with a timeout and no retry storm (a dead RPC should
 * fail in seconds with a clear message, not after minutes of backoff), wrapped so that connection failures
 * become `InfraError('RPC_UNREACHABLE')` naming the URL. viem wraps transport errors in its own errors with
 * `cause`, so callers find ours with `findLucidError(error)`.
 */
import {
  createPublicClient,
  defineChain,
  http,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
  type Address,
  type Chain,
  type PublicClient,
  type Transport,
} from 'viem';
import { InfraError, redactUrl } from '../../../kernel/index.js';
import { loopbackHttp, loopbackRpcUrl } from './loopbackHttp.js';

/** Multicall3's address on every chain that has it (deployed keylessly); the devnet's bootstrap puts it there too. */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

/**
 * Lucid's local devnet (anvil). Multicall3 is registered (the bootstrap installs it at its canonical address), so
 * viem's `multicall` and the agent SDK's `readContracts` fold many reads into one `eth_call` here.
 */
export const devnetChain: Chain = defineChain({
  id: 31337,
  name: 'Lucid devnet',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } },
  contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
  testnet: true,
});

/** anvil account #0: the user's default account on the devnet (the well-known public test key). */
export const DEVNET_ACCOUNT_ADDRESS: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
/** anvil account #9: deploys the devnet's world. */
export const DEVNET_DEPLOYER_ADDRESS: Address = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
/** anvil account #8: receives the capital pool's protection fund on the devnet. */
export const DEVNET_PROTECTION_FUND_ADDRESS: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';

export type CreateClientsParameters = {
  rpcUrl: string;
  /** Defaults to 31337 (the devnet). Any other id gets a minimal chain definition. */
  chainId?: number | undefined;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number | undefined;
  /** How often viem polls for blocks and receipts. Default 250 ms (anvil mines instantly). */
  pollingIntervalMs?: number | undefined;
  /**
   * Send requests made in the same tick as one JSON-RPC batch (one HTTP round trip). Default false: only for a
   * node known to take batches (our own devnet's anvil); a user's RPC may refuse or cap them.
   */
  batch?: boolean | undefined;
};

export type CreateClientsReturnType = { publicClient: PublicClient<Transport, Chain>; chain: Chain };

/**
 * @example
 * const { publicClient } = createClients({ rpcUrl: 'http://127.0.0.1:8545' });
 * await publicClient.getBlockNumber(); // or InfraError RPC_UNREACHABLE inside the cause chain
 */
export function createClients({
  rpcUrl,
  chainId = 31337,
  timeoutMs = 10_000,
  pollingIntervalMs = 250,
  batch = false,
}: CreateClientsParameters): CreateClientsReturnType {
  const chain = chainFor(chainId, rpcUrl);
  const publicClient = createPublicClient({ chain, transport: lucidHttp(rpcUrl, timeoutMs, { batch }), pollingInterval: pollingIntervalMs });
  return { publicClient, chain };
}

/**
 * The http transport Lucid uses everywhere (also for wallet clients): timeout, at most one retry, and
 * connection failures turned into `RPC_UNREACHABLE`.
 */
export function lucidHttp(rpcUrl: string, timeoutMs = 10_000, options: { batch?: boolean } = {}): Transport {
  // Batched, requests made in the same tick (competing agents' reads, the checks' reads) share one HTTP round
  // trip; each still gets its own answer or error, checked below like any other.
  // A node on this machine is asked over node:http (loopbackHttp.ts: no undici to load); any other through fetch.
  const base = loopbackRpcUrl(rpcUrl)
    ? loopbackHttp(rpcUrl, { timeoutMs, batch: options.batch })
    : http(rpcUrl, { timeout: timeoutMs, retryCount: 0, ...(options.batch ? { batch: { batchSize: 100 } } : {}) });
  return ((parameters) => {
    const transport = base(parameters);
    const request = (async (args: Parameters<typeof transport.request>[0]) => {
      let result: unknown;
      try {
        result = await transport.request(args);
      } catch (error) {
        throw toRpcUnreachable(error, rpcUrl) ?? error;
      }
      if (quantityMethods.has(args.method) && !isQuantity(result)) throw badAnswer(args.method, rpcUrl);
      return result;
    }) as typeof transport.request;
    return { ...transport, request };
  }) as Transport;
}

/**
 * Asks the RPC for its chain id; throws `RPC_UNREACHABLE` (as a LucidError, not wrapped) when it does not
 * answer. Use it before any work that needs the chain.
 */
export async function checkRpc({ rpcUrl, timeoutMs = 5_000 }: { rpcUrl: string; timeoutMs?: number }): Promise<number> {
  const transport = (loopbackRpcUrl(rpcUrl) ? loopbackHttp(rpcUrl, { timeoutMs }) : http(rpcUrl, { timeout: timeoutMs, retryCount: 0 }))({ retryCount: 0 });
  let id: unknown;
  try {
    id = await transport.request({ method: 'eth_chainId' });
  } catch (error) {
    const infra = toRpcUnreachable(error, rpcUrl);
    if (infra) throw infra;
    if (error instanceof RpcRequestError)
      throw new InfraError('RPC_ERROR', `The RPC at ${redactUrl(rpcUrl)} refused eth_chainId (JSON-RPC error ${error.code}).`, {
        hints: ['Check that the URL and its API key are right.'],
        cause: error,
      });
    throw error;
  }
  if (!isQuantity(id) || !Number.isSafeInteger(Number(id)) || Number(id) <= 0) throw badAnswer('eth_chainId', rpcUrl);
  return Number(id);
}

/** Methods whose answer must be a hex quantity: anything else is a broken or hostile node, not a bug in Lucid. */
const quantityMethods = new Set(['eth_chainId', 'eth_blockNumber', 'eth_getTransactionCount', 'eth_getBalance', 'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_estimateGas']);

function isQuantity(value: unknown): value is string {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(value);
}

function badAnswer(method: string, rpcUrl: string): InfraError {
  return new InfraError('RPC_BAD_ANSWER', `The RPC at ${redactUrl(rpcUrl)} gave a malformed answer to ${method}.`, {
    hints: ['Check that the URL points at an Ethereum JSON-RPC node.'],
  });
}

/**
 * Connection refused, DNS failure, timeout, any HTTP error status (401/403: a key is missing or wrong; 404:
 * the path is wrong; 429: rate limited; 5xx: the node or its gateway failed), or a malformed JSON-RPC
 * envelope: the RPC is not usable — infrastructure (exit 4), with the URL redacted (it may hold a key).
 * viem's own error text quotes the full URL, so none of it is passed on.
 */
export function toRpcUnreachable(error: unknown, rpcUrl: string): InfraError | undefined {
  if (error instanceof InfraError) return error;
  if (error instanceof HttpRequestError && error.status !== undefined && error.status < 400)
    return new InfraError('RPC_BAD_ANSWER', `The RPC at ${redactUrl(rpcUrl)} gave an answer that is not JSON-RPC.`, { cause: error });
  if (error instanceof HttpRequestError && error.status !== undefined && error.status < 500) {
    const status = error.status;
    const hint =
      status === 401 || status === 403
        ? 'The node refused the request: check the API key in the RPC URL.'
        : status === 404
          ? 'Nothing answers at that path: check the RPC URL.'
          : status === 429
            ? 'The node is rate-limiting you: wait, or use another RPC.'
            : 'Check the RPC URL, or unset it to use the local devnet.';
    return new InfraError('RPC_HTTP_ERROR', `The RPC at ${redactUrl(rpcUrl)} answered HTTP ${status}.`, { hints: [hint], cause: error });
  }
  if (error instanceof RpcRequestError && error.code === -32700)
    return new InfraError('RPC_BAD_ANSWER', `The RPC at ${redactUrl(rpcUrl)} gave an answer that is not JSON-RPC.`, { cause: error });
  if (!(error instanceof HttpRequestError) && !(error instanceof TimeoutError)) return undefined;
  const timedOut = error instanceof TimeoutError;
  return new InfraError('RPC_UNREACHABLE', `Cannot reach the RPC at ${redactUrl(rpcUrl)}.`, {
    details: timedOut ? 'The request timed out.' : error.shortMessage,
    hints: ['Check that the node is running and the URL is right, or unset the RPC to use the local devnet.'],
    cause: error,
  });
}

function chainFor(chainId: number, rpcUrl: string): Chain {
  if (chainId === 31337) return { ...devnetChain, rpcUrls: { default: { http: [rpcUrl] } } };
  return defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}
