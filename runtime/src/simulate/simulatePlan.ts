/**
 * simulatePlan: the plan's calls as one sequence, each seeing the state the previous one left, and a report
 * built from state (balances and allowances read before the first call and after the last), not from events.
 */
import {
  decodeFunctionData,
  erc20Abi,
  getAddress,
  isAddressEqual,
  zeroAddress,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { ChainError, InfraError, toChecksumAddress, type PlanCall, type TokenInfo } from '../../../kernel/index.js';
import { decodeLog, decodeRevert } from './abis.js';
import { fetchSimulationBlocks, gasLimitFor, type EngineRun, type Observation, type SimulationBlocks, type ViewCall } from './engine.js';
import { lensEth, type AllowanceKey } from './lens.js';
import { readFees, type FeeQuote } from './readFees.js';
import { isMethodUnsupported, planBlocks, runSimulateV1 } from './runSimulateV1.js';
import { startFork } from './startFork.js';
import {
  ethTransferLogAddress,
  type ApprovalChange,
  type BalanceChange,
  type CallReport,
  type DecodedLog,
  type SimulationReport,
} from './types.js';

export type { SimulationReport } from './types.js';

export type SimulatePlanParameters = {
  /** The sender of every call. */
  account: Address;
  calls: PlanCall[];
  /** Known tokens (the token list): always diffed, and trusted for symbol/decimals. */
  tokens: TokenInfo[];
  /** Extra addresses whose balances to diff. */
  watch?: Address[] | undefined;
  /**
   * View calls to read before the first call and after the last, like the balances (the user's positions in
   * contracts: a stake, rewards, a registry entry). Their return data is in `report.views`, in this order.
   */
  views?: ViewCall[] | undefined;
  /** Block to simulate on top of; default latest. */
  blockNumber?: bigint | undefined;
  /**
   * 'simulateV1': eth_simulateV1 on the node only. 'fork': on a throwaway local anvil fork of `rpcUrl` (the
   * node only serves state; nothing is executed on it). 'auto' (default): eth_simulateV1, and the fork when
   * the node does not know the method.
   */
  mode?: 'auto' | 'simulateV1' | 'fork' | undefined;
  /** The node's URL, for the fork fallback. */
  rpcUrl?: string | undefined;
  /**
   * Fees and the base block, already read: plans simulated together (competing agents of one run) share one
   * read instead of each asking the node. Ignored when `blockNumber` is given.
   */
  base?: SimulationBase | undefined;
  /**
   * The session's earlier simulations of the same kind of plan ({@link SimulationMemo}): read as a guess that
   * can save the measuring pass (trusted only when the validated run confirms it), and updated.
   */
  memo?: SimulationMemo | undefined;
  /**
   * How the code of a call's target at the base block is read (the session passes its per-block memo, shared
   * with the checks and asked early beside the head); default the client's `eth_getCode`.
   */
  readCode?: ((address: Address, blockNumber: bigint) => Promise<Hex | undefined>) | undefined;
};

export type SimulationBase = { fees: FeeQuote; blocks: SimulationBlocks };

/** Reads what {@link SimulatePlanParameters.base} carries: current fees and the market, the latest block and its parent. */
export async function readSimulationBase(client: PublicClient): Promise<SimulationBase> {
  const [fees, blocks] = await Promise.all([readFees(client), fetchSimulationBlocks(client, undefined)]);
  return { fees, blocks };
}
export type SimulatePlanReturnType = SimulationReport;
export type SimulatePlanErrorType = ChainError | InfraError;

/** At most this many passes: a pass that reveals new tokens or parties in its logs is re-run to read them too. */
const maxPasses = 4;

/**
 * Simulates a plan's calls in order, one block per call as they will be mined, and reports balance changes
 * (every party, every token seen), approvals, gas and decoded logs and revert reasons per call.
 *
 * @param client - Public client of the chain the plan is for.
 * @param params - {@link SimulatePlanParameters}
 * @returns The report. {@link SimulationReport}
 * @example
 * const report = await simulatePlan(client, { account, calls: plan.calls, tokens: knownTokens })
 * if (!report.ok) console.log(report.calls.find((c) => c.status === 'reverted')?.revert?.reason)
 */
export async function simulatePlan(client: PublicClient, params: SimulatePlanParameters): Promise<SimulatePlanReturnType> {
  const mode = params.mode ?? 'auto';
  if (params.calls.length === 0) throw new ChainError('EMPTY_PLAN', 'The plan has no calls to simulate.');
  if (mode === 'fork') return simulateOnFork(client, params);
  try {
    return await simulateWith(client, params, 'simulateV1');
  } catch (error) {
    if (!isMethodUnsupported(error)) throw error;
    if (mode === 'auto' && params.rpcUrl) return simulateOnFork(client, params);
    throw new InfraError('SIMULATION_UNSUPPORTED', 'This node does not support eth_simulateV1.', {
      hints: ['Lucid simulates on a local fork of such a node when it knows its URL (--rpc-url).'],
      cause: error,
    });
  }
}

/** The fork fallback: the same engine on a local anvil forked from the node at the base block, killed after. */
async function simulateOnFork(client: PublicClient, params: SimulatePlanParameters): Promise<SimulationReport> {
  if (!params.rpcUrl)
    throw new InfraError('SIMULATION_UNSUPPORTED', 'Simulating on a local fork needs the node\'s URL.', { hints: ['Pass --rpc-url.'] });
  const fees = params.base?.fees ?? (await readFees(client));
  const blockNumber = params.blockNumber ?? params.base?.blocks.block.number ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const fork = await startFork({ rpcUrl: params.rpcUrl, blockNumber });
  try {
    const blocks = await fetchSimulationBlocks(fork.client, blockNumber);
    const report = await simulateWith(fork.client, { ...params, blockNumber: undefined, base: { fees, blocks } }, 'fork');
    return report;
  } finally {
    fork.stop();
  }
}

async function simulateWith(client: PublicClient, params: SimulatePlanParameters, mode: SimulationReport['mode']): Promise<SimulationReport> {
  const account = getAddress(params.account);
  const known = new Map<string, TokenInfo>();
  for (const token of params.tokens) if (token.address !== 'ETH') known.set(token.address.toLowerCase(), token);

  // Fees and the base block are read once, together, for every pass.
  const shared = params.blockNumber === undefined ? params.base : undefined;
  const [fees, blocks] = shared
    ? [shared.fees, shared.blocks]
    : await Promise.all([params.base?.fees ?? readFees(client), fetchSimulationBlocks(client, params.blockNumber)]);

  // A plan whose every call runs no code moves nothing but ETH: no token's balance can change, so only ETH is read
  // (and every party's ETH). The known tokens are still the report's (the outcome is later compared on them).
  const codeless = await runsNoCode(client, params, blocks.block.number);
  let observation = initialObservation(account, params, codeless ? [] : [...known.values()]);
  let gasLimits: bigint[] | undefined;
  let gasUsed: bigint[] | undefined;
  let last: { run: EngineRun; observation: Observation } | undefined;
  // One pass instead of two when every call's gas is known beforehand (a call without data uses the intrinsic
  // 21,000 when its target runs no code; otherwise the memo's guess): the validated run with the limits the guess gives is kept only when its own gas use gives exactly those limits and those base
  // fees, i.e. when it is the run that measuring first would have led to.
  let done = false;
  const remembered = params.memo?.get(memoKey(params.calls));
  if (remembered) observation = widenObservation(observation, remembered);
  const guessed = remembered?.gasUsed ?? params.calls.map((call) => (call.data === '0x' ? 21_000n : undefined));
  if (guessed.every((gas): gas is bigint => gas !== undefined)) {
    const limits = guessed.map(gasLimitFor);
    const run = await runSimulateV1(client, { account, calls: params.calls, gasLimits: limits, gasUsed: guessed, blockNumber: params.blockNumber, fees, observation, blocks }).catch(
      () => undefined, // refused (funds, fees) or failed: the usual passes run and report it
    );
    if (run) {
      const used = run.calls.map((call) => call.gasUsed);
      const baseFees = planBlocks(blocks.block, blocks.parent, used.length, used).map((block) => block.baseFee);
      const confirmed = used.every((gas, i) => gasLimitFor(gas) === limits[i]) && (run.blocks ?? []).every((block, i) => block.baseFee === baseFees[i]);
      if (confirmed) last = { run, observation };
      // Confirmed or not, a run where every call succeeded within its limit is a measure: no measuring pass. A
      // revert (out of gas under the guessed limit, say) is not: the plan is measured without limits as usual.
      if (confirmed || run.calls.every((call) => call.status === 'success' && call.gasUsed < call.gasLimit)) {
        gasUsed = used;
        gasLimits = confirmed ? limits : used.map(gasLimitFor);
        const next = extendObservation(observation, run);
        done = confirmed && next === observation;
        observation = next;
      }
    }
  }
  for (let pass = 0; pass < maxPasses && !done; pass++) {
    const run = await runSimulateV1(client, { account, calls: params.calls, gasLimits, gasUsed, blockNumber: params.blockNumber, fees, observation, blocks });
    const measuring = gasLimits === undefined;
    // A measuring pass is never reported: its readings were taken without validation and real fees.
    if (!measuring) last = { run, observation };
    gasUsed = run.calls.map((call) => call.gasUsed);
    if (gasLimits === undefined) gasLimits = run.calls.map((call) => gasLimitFor(call.gasUsed));
    const next = extendObservation(observation, run);
    if (!measuring && next === observation) break;
    observation = next;
  }
  if (!last) throw new ChainError('SIMULATION_FAILED', 'The plan was not simulated.');
  params.memo?.set(memoKey(params.calls), { gasUsed: last.run.calls.map((call) => call.gasUsed), ...last.observation });
  return buildReport(client, { account, calls: params.calls, mode, run: last.run, observation: last.observation, known, fees });
}

/**
 * Whether no call of the plan runs any code: each sends no data to an address with no code at the base block (no
 * contract, no EIP-7702 delegation). Such a call only moves ETH, so no call before another can have put code
 * anywhere, and the whole plan changes no state but ETH balances (and the sender's nonce). Precompiles have no
 * code and change no state. A plan with any data, or a target whose code cannot be read, is not one.
 */
async function runsNoCode(client: PublicClient, params: SimulatePlanParameters, blockNumber: bigint): Promise<boolean> {
  if (!params.calls.every((call) => call.data === '0x')) return false;
  const read = params.readCode ?? ((address: Address, at: bigint) => client.getCode({ address, blockNumber: at }));
  try {
    const codes = await Promise.all(params.calls.map((call) => read(call.to, blockNumber)));
    return codes.every((code) => code === undefined || code === '0x');
  } catch {
    return false; // read every token, as for any other plan
  }
}

/**
 * What the same kind of plan (the same targets, functions and whether ETH is sent, in order) used and showed
 * when last simulated in this session: its gas, a guess that can save the measuring pass, and the parties,
 * tokens and allowances its logs revealed, read from the start so that no pass is needed to find them again.
 */
export type SimulationMemo = Map<string, { gasUsed: bigint[] } & Observation>;

function memoKey(calls: readonly PlanCall[]): string {
  return calls.map((call) => `${call.to.toLowerCase()}:${call.data.slice(0, 10)}:${call.value > 0n}`).join('|');
}

// More to read is harmless (a party or token that does not change shows no change); views stay the caller's.
function widenObservation(observation: Observation, seen: Observation): Observation {
  const parties = new AddressSet([...observation.parties, ...seen.parties]);
  const tokens = new AddressSet([...observation.tokens, ...seen.tokens]);
  const allowances = [...observation.allowances];
  for (const key of seen.allowances) pushAllowance(allowances, key);
  return { parties: parties.list().filter(isParty), tokens: tokens.list(), allowances, views: observation.views };
}

function initialObservation(account: Address, params: SimulatePlanParameters, known: TokenInfo[]): Observation {
  const parties = new AddressSet([account, ...params.calls.map((call) => call.to), ...(params.watch ?? [])]);
  const tokens = new AddressSet([lensEth, ...known.flatMap((token) => (token.address === 'ETH' ? [] : [token.address]))]);
  const allowances: AllowanceKey[] = [];
  for (const call of params.calls) {
    const spender = approveSpender(call);
    if (spender) pushAllowance(allowances, { token: getAddress(call.to), owner: account, spender });
  }
  return { tokens: tokens.list(), parties: parties.list().filter(isParty), allowances, views: params.views ?? [] };
}

// Returns the same object when nothing new was seen, so the caller knows a re-run is not needed.
function extendObservation(observation: Observation, run: EngineRun): Observation {
  const parties = new AddressSet(observation.parties);
  const tokens = new AddressSet(observation.tokens);
  const allowances = [...observation.allowances];
  for (const call of run.calls) {
    for (const raw of call.logs) {
      const log = decodeLog(raw);
      const args = log.args ?? {};
      // Every contract that logged something was touched: diff it too (WETH holding ETH, a pair, a vault).
      if (isParty(log.address)) parties.add(log.address);
      if (log.eventName === 'Transfer' && !isAddressEqual(log.address, ethTransferLogAddress)) tokens.add(log.address);
      for (const key of ['from', 'to', 'owner', 'dst', 'src', 'sender']) {
        const value = args[key];
        if (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value) && isParty(value as Address)) parties.add(value as Address);
      }
      if (log.eventName === 'Approval' && typeof args.owner === 'string' && typeof args.spender === 'string')
        pushAllowance(allowances, { token: getAddress(log.address), owner: getAddress(args.owner), spender: getAddress(args.spender) });
    }
  }
  const changed =
    parties.size !== observation.parties.length ||
    tokens.size !== observation.tokens.length ||
    allowances.length !== observation.allowances.length;
  return changed ? { parties: parties.list().filter(isParty), tokens: tokens.list(), allowances, views: observation.views } : observation;
}

async function buildReport(
  client: PublicClient,
  input: {
    account: Address;
    calls: PlanCall[];
    mode: SimulationReport['mode'];
    run: EngineRun;
    observation: Observation;
    known: Map<string, TokenInfo>;
    fees: FeeQuote;
  },
): Promise<SimulationReport> {
  const { account, run, observation, known } = input;
  const metadata = new Map<string, { symbol: string; decimals: number; verified: boolean }>();
  metadata.set(lensEth, { symbol: 'ETH', decimals: 18, verified: true });
  // The known tokens first (listed, so no read), then those the logs revealed: the same order whether or not the
  // lens read the known ones (a plan running no code reads ETH only).
  const erc20s = new AddressSet(
    [...[...known.values()].map((token) => token.address as Address), ...observation.tokens, ...observation.allowances.map((key) => key.token)].filter((t) => t !== lensEth),
  );
  await Promise.all(
    erc20s.list().map(async (token) => {
      const listed = known.get(token.toLowerCase());
      metadata.set(token.toLowerCase(), listed ? { ...listed } : await readMetadata(client, token, run.blockNumber));
    }),
  );
  const meta = (token: Address) => metadata.get(token === lensEth ? lensEth : token.toLowerCase()) ?? { symbol: '?', decimals: 0, verified: false };

  const balanceChanges: BalanceChange[] = [];
  observation.tokens.forEach((token, i) => {
    observation.parties.forEach((party, j) => {
      const index = i * observation.parties.length + j;
      const pre = run.pre.balances[index] ?? 0n;
      const post = run.post.balances[index] ?? 0n;
      const isEth = token === lensEth;
      // Gas is reported apart: the ETH diff is what the calls themselves move.
      const gas = isEth && isAddressEqual(party, account) ? run.gasPaidByAccount : 0n;
      const diff = post - pre + gas;
      if (diff === 0n) return;
      const { symbol, decimals, verified } = meta(token);
      balanceChanges.push({ address: party, token: isEth ? 'ETH' : token, symbol, decimals, verified, pre, post, diff });
    });
  });
  // The user's own changes first, then everyone else, in the order they were found.
  balanceChanges.sort((a, b) => Number(isAddressEqual(b.address, account)) - Number(isAddressEqual(a.address, account)));

  const approvals: ApprovalChange[] = observation.allowances.map((key, i) => {
    const { symbol, decimals, verified } = meta(key.token);
    return { ...key, symbol, decimals, verified, pre: run.pre.allowances[i] ?? 0n, post: run.post.allowances[i] ?? 0n };
  });

  const calls: CallReport[] = run.calls.map((call, index) => ({
    index,
    to: getAddress(input.calls[index]?.to ?? zeroAddress),
    status: call.status,
    gasUsed: call.gasUsed,
    gasLimit: call.gasLimit,
    logs: call.logs.map((log): DecodedLog => decodeLog(log)),
    ...(call.status === 'reverted' ? { revert: decodeRevert(call.revertData) } : {}),
  }));

  const perCall = run.calls.map((call) => call.gasUsed);
  const limits = run.calls.map((call) => call.gasLimit);
  const tokens = [
    { address: 'ETH' as const, symbol: 'ETH', decimals: 18, verified: true },
    ...erc20s.list().map((address) => ({ address, ...meta(address) })),
  ];
  return {
    ok: calls.every((call) => call.status === 'success'),
    mode: input.mode,
    account,
    blockNumber: run.blockNumber,
    blocks: run.blocks ?? [],
    calls,
    balanceChanges,
    approvals,
    gas: {
      total: perCall.reduce((sum, gas) => sum + gas, 0n),
      perCall,
      limits,
      maxFeePerGas: input.fees.maxFeePerGas,
      maxPriorityFeePerGas: input.fees.maxPriorityFeePerGas,
      market: input.fees.market,
      baseFee: run.baseFee,
      costWei: run.costWei,
      maxCostWei: limits.reduce((sum, limit) => sum + limit * input.fees.maxFeePerGas, 0n),
    },
    tokens,
    ...(observation.views?.length
      ? { views: observation.views.map((view, i) => ({ ...view, returnData: [run.pre.views?.[i] ?? null, run.post.views?.[i] ?? null] as [Hex | null, Hex | null] })) }
      : {}),
  };
}

async function readMetadata(client: PublicClient, token: Address, blockNumber: bigint) {
  const read = async <name extends 'symbol' | 'decimals'>(functionName: name) =>
    client.readContract({ address: token, abi: erc20Abi, functionName, blockNumber }).catch(() => undefined);
  const [symbol, decimals] = await Promise.all([read('symbol'), read('decimals')]);
  return {
    symbol: typeof symbol === 'string' && symbol ? cleanSymbol(symbol) : `${token.slice(0, 6)}…${token.slice(-4)}`,
    decimals: typeof decimals === 'number' ? decimals : 0,
    verified: false,
  };
}

// Symbols are attacker-controlled: no control characters, bounded length (the UI sanitises again).
function cleanSymbol(symbol: string): string {
  return symbol.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 32) || '?';
}

function approveSpender(call: PlanCall): Address | undefined {
  if (!call.data.startsWith('0x095ea7b3')) return undefined;
  try {
    const decoded = decodeFunctionData({ abi: erc20Abi, data: call.data });
    return decoded.functionName === 'approve' ? getAddress(decoded.args[0]) : undefined;
  } catch {
    return undefined;
  }
}

function pushAllowance(list: AllowanceKey[], key: AllowanceKey) {
  const same = (a: AllowanceKey) =>
    isAddressEqual(a.token, key.token) && isAddressEqual(a.owner, key.owner) && isAddressEqual(a.spender, key.spender);
  if (!list.some(same)) list.push(key);
}

// Compared in lower case: called for every party of every pass (viem's isAddressEqual validates both sides each time).
const notParties = new Set([zeroAddress, ethTransferLogAddress].map((address) => address.toLowerCase()));
function isParty(address: Address): boolean {
  return !notParties.has(address.toLowerCase());
}

/** An insertion-ordered set of checksummed addresses. */
class AddressSet {
  private readonly items = new Map<string, Address>();
  constructor(initial: Iterable<Address> = []) {
    for (const address of initial) this.add(address);
  }
  add(address: Address) {
    const key = address.toLowerCase();
    // The kernel's checksum: the same result as viem's getAddress (kernel/addresses.test.ts), remembered per hex.
    if (!this.items.has(key)) this.items.set(key, toChecksumAddress(address));
  }
  get size() {
    return this.items.size;
  }
  list(): Address[] {
    return [...this.items.values()];
  }
}
