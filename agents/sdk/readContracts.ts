/**
 * Many contract reads in one round trip, for agents: where the client's chain has Multicall3 (viem's chain
 * definitions; the devnet installs it at its canonical address) the reads go out as one `aggregate3` `eth_call`
 * at one block; elsewhere they are sent together (one HTTP batch where the transport batches), each its own
 * `eth_call`. Either way each read has its own answer, `{ status: 'success', result }` or
 * `{ status: 'failure', error }`, in the order asked, decoded with the read's own ABI.
 *
 * Why not viem's `multicall` action as it is: it turns a failed round trip (the node down, a timeout) into a
 * "failure" of every read, which an agent would take for "no pool here"; here an unreachable node is thrown,
 * as from `readContract`. And where Multicall3 is registered but absent (a chain id 31337 that is not Lucid's
 * devnet), or the aggregate call itself fails (a read that burns all the gas), the reads are made one by one:
 * a contract can cost a round trip, never a wrong answer.
 *
 * On a client marked with {@link shareReadBatches} (the runtime marks the agents' shared `ctx.client`), the reads of
 * every caller made in the same turn of the event loop at the same block go out in one aggregate call: the competing
 * agents' pools, quotes and allowances in one `eth_call`. Each caller still gets exactly its own answers, in its
 * order; a read that fails the aggregate (one that burns all the gas) makes every read of it go one by one.
 */
import {
  decodeFunctionResult,
  encodeFunctionData,
  HttpRequestError,
  multicall3Abi,
  prepareEncodeFunctionData,
  RawContractError,
  TimeoutError,
  BaseError as ViemBaseError,
  type ContractFunctionParameters,
  type MulticallParameters,
  type MulticallReturnType,
  type Narrow,
  type PublicClient,
} from 'viem';
import { LucidError } from '../../kernel/index.js';

export type ReadContractsParameters<contracts extends readonly unknown[] = readonly ContractFunctionParameters[]> = Pick<
  MulticallParameters<contracts, true>,
  'contracts' | 'blockNumber'
>;

export type ReadContractsReturnType<contracts extends readonly unknown[] = readonly ContractFunctionParameters[]> = MulticallReturnType<contracts, true>;

/**
 * @param client the agent's `ctx.client`
 * @returns one answer per read, in order: {@link ReadContractsReturnType}
 * @throws whatever `readContract` throws when the node cannot be reached (never a contract's own revert)
 *
 * @example
 * const [reserves, allowance] = await readContracts(ctx.client, {
 *   contracts: [
 *     { address: pair, abi: v2PairAbi, functionName: 'getReserves' },
 *     { address: usdc, abi: erc20Abi, functionName: 'allowance', args: [ctx.account, router] },
 *   ],
 * });
 * if (reserves.status === 'success') reserves.result[0];
 */
export async function readContracts<const contracts extends readonly unknown[]>(
  client: Pick<PublicClient, 'chain' | 'readContract'>,
  parameters: ReadContractsParameters<contracts>,
): Promise<ReadContractsReturnType<contracts>> {
  const reads = parameters.contracts as readonly ContractFunctionParameters[];
  const { blockNumber } = parameters;
  const multicall3 = client.chain?.contracts?.multicall3;
  const deployed = multicall3 && (multicall3.blockCreated === undefined || blockNumber === undefined || blockNumber >= BigInt(multicall3.blockCreated));
  // Each answer decoded with its own read's ABI, as viem's multicall types them.
  if (multicall3 && deployed && reads.length > 0 && sharing.has(client)) return (await joinBatch(client, multicall3.address, reads, blockNumber)) as ReadContractsReturnType<contracts>;
  return (await readAll(client, multicall3 && deployed ? multicall3.address : undefined, reads, blockNumber)) as ReadContractsReturnType<contracts>;
}

/**
 * Marks `client` so that {@link readContracts} on it joins the reads of every caller made in the same turn of the
 * event loop into one aggregate call. For a client shared by independent readers (the agents of one run); a
 * client whose reads are memoized by their call data keeps each caller's reads apart.
 *
 * @example
 * shareReadBatches(agentClient); // the competing agents' readContracts now share one eth_call
 */
export function shareReadBatches<client extends object>(client: client): client {
  sharing.add(client);
  return client;
}

const sharing = new WeakSet<object>();

/** Reads in one aggregate call when there are several and Multicall3 is there, else one by one. */
async function readAll(client: Pick<PublicClient, 'readContract'>, multicall3: `0x${string}` | undefined, reads: readonly ContractFunctionParameters[], blockNumber: bigint | undefined): Promise<Answer[]> {
  const aggregated = multicall3 && reads.length > 1 ? await aggregate(client, multicall3, reads, blockNumber) : undefined;
  return aggregated ?? (await Promise.all(reads.map((read) => readOne(client, read, blockNumber))));
}

/** The reads waiting for this turn's aggregate call, per client and block. */
type Batch = { reads: ContractFunctionParameters[]; settle: ((answers: Answer[] | Error) => void)[] };
const batches = new WeakMap<object, Map<string, Batch>>();

/** At most this many reads in one aggregate call: beyond it a new batch starts (a gas cap is never hit by merging). */
const maxBatchReads = 256;

function joinBatch(client: Pick<PublicClient, 'chain' | 'readContract'>, multicall3: `0x${string}`, reads: readonly ContractFunctionParameters[], blockNumber: bigint | undefined): Promise<Answer[]> {
  let byBlock = batches.get(client);
  if (!byBlock) batches.set(client, (byBlock = new Map()));
  const key = blockNumber === undefined ? 'latest' : String(blockNumber);
  let batch = byBlock.get(key);
  if (!batch || batch.reads.length + reads.length > maxBatchReads) {
    const started: Batch = { reads: [], settle: [] };
    byBlock.set(key, started);
    batch = started;
    // After this turn's microtasks, before any timer: the transport's own batch (a timer) still carries the call.
    setImmediate(() => {
      if (byBlock.get(key) === started) byBlock.delete(key);
      readAll(client, multicall3, started.reads, blockNumber).then(
        (answers) => started.settle.forEach((settle) => settle(answers)),
        (error: unknown) => started.settle.forEach((settle) => settle(asError(error))),
      );
    });
  }
  const offset = batch.reads.length;
  batch.reads.push(...reads);
  return new Promise<Answer[]>((resolve, reject) => {
    batch.settle.push((answers) => (answers instanceof Error ? reject(answers) : resolve(answers.slice(offset, offset + reads.length))));
  });
}

type Answer = { status: 'success'; result: unknown; error?: undefined } | { status: 'failure'; error: Error; result?: undefined };

// One aggregate3 call; undefined when the aggregate itself failed for a reason that is not the node's (no
// Multicall3 code there, out of gas): the caller then reads one by one.
async function aggregate(client: Pick<PublicClient, 'readContract'>, multicall3: `0x${string}`, reads: readonly ContractFunctionParameters[], blockNumber: bigint | undefined): Promise<Answer[] | undefined> {
  const encoded = reads.map((read): { callData: `0x${string}`; error?: Error } => {
    try {
      return { callData: encodeFunctionData({ ...prepared(read), args: read.args } as Parameters<typeof encodeFunctionData>[0]) };
    } catch (error) {
      return { callData: '0x', error: asError(error) };
    }
  });
  let returned: readonly { success: boolean; returnData: `0x${string}` }[];
  try {
    returned = await client.readContract({
      address: multicall3,
      abi: multicall3Abi,
      functionName: 'aggregate3',
      args: [reads.map((read, index) => ({ target: read.address, allowFailure: true, callData: encoded[index]!.callData }))],
      blockNumber,
    });
  } catch (error) {
    if (isUnreachable(error)) throw error;
    return undefined;
  }
  if (returned.length !== reads.length) return undefined;
  return reads.map((read, index): Answer => {
    const failedToEncode = encoded[index]!.error;
    if (failedToEncode) return { status: 'failure', error: failedToEncode };
    const { success, returnData } = returned[index]!;
    // A failed read's error is made when asked for: most callers only look at the status (a pool that is not there,
    // a route the quoter refuses), and viem's errors cost a stack and a formatted message each.
    if (!success) return failure(() => new RawContractError({ data: returnData }));
    const { abi } = prepared(read);
    const decode = () => decodeFunctionResult({ abi, ...(abi === read.abi ? { functionName: read.functionName, args: read.args } : {}), data: returnData } as Parameters<typeof decodeFunctionResult>[0]);
    // No code at the address answers "success" with no data: decoding refuses it, as readContract would.
    if (returnData === '0x' && hasOutputs(read)) return failure(() => decodeError(decode));
    try {
      return { status: 'success', result: decode() };
    } catch (error) {
      return { status: 'failure', error: asError(error) };
    }
  });
}

async function readOne(client: Pick<PublicClient, 'readContract'>, read: ContractFunctionParameters, blockNumber: bigint | undefined): Promise<Answer> {
  try {
    return { status: 'success', result: await client.readContract({ ...read, blockNumber } as Parameters<PublicClient['readContract']>[0]) };
  } catch (error) {
    if (isUnreachable(error)) throw error;
    return { status: 'failure', error: asError(error) };
  }
}

// The node, not the contract: no connection, a timeout, an HTTP error, or Lucid's own RPC_* error from its transport.
function isUnreachable(error: unknown): boolean {
  if (error instanceof LucidError) return error.kind === 'infra';
  if (!(error instanceof ViemBaseError)) return false;
  return Boolean(error.walk((cause) => cause instanceof HttpRequestError || cause instanceof TimeoutError || cause instanceof LucidError));
}

/**
 * The read's function alone and its selector, found once per ABI and name: viem's encodeFunctionData and
 * decodeFunctionResult then skip the search of the ABI and the hash of the signature they make on every call. An
 * overloaded name (the arguments choose the function) or a name the ABI lacks is left to viem as it is.
 */
function prepared(read: ContractFunctionParameters): { abi: ContractFunctionParameters['abi']; functionName: string } {
  let byName = preparedByAbi.get(read.abi);
  if (!byName) preparedByAbi.set(read.abi, (byName = new Map()));
  let found = byName.get(read.functionName);
  if (!found) {
    const items = (read.abi as readonly { type?: string; name?: string }[]).filter((item) => item.type === 'function' && item.name === read.functionName);
    found =
      items.length === 1
        ? (prepareEncodeFunctionData({ abi: read.abi, functionName: read.functionName } as Parameters<typeof prepareEncodeFunctionData>[0]) as { abi: ContractFunctionParameters['abi']; functionName: string })
        : { abi: read.abi, functionName: read.functionName };
    byName.set(read.functionName, found);
  }
  return found;
}
const preparedByAbi = new WeakMap<object, Map<string, { abi: ContractFunctionParameters['abi']; functionName: string }>>();

/** A failure whose error is made on first access (then kept). */
function failure(make: () => Error): Answer {
  let error: Error | undefined;
  return {
    status: 'failure',
    get error() {
      return (error ??= make());
    },
  };
}

/** The error decoding throws (for empty data: viem's AbiDecodingZeroDataError, as readContract reports it). */
function decodeError(decode: () => unknown): Error {
  try {
    decode();
  } catch (error) {
    return asError(error);
  }
  return new Error('the read returned no data');
}

// Whether the read's function returns anything (a function with no outputs decodes empty data as success).
function hasOutputs(read: ContractFunctionParameters): boolean {
  const items = (read.abi as readonly { type?: string; name?: string; outputs?: readonly unknown[] }[]).filter((item) => item.type === 'function' && item.name === read.functionName);
  return items.length > 0 && items.every((item) => (item.outputs?.length ?? 0) > 0);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
