/**
 * Opens a session: the store, the chain (the local devnet unless an RPC is configured), the account, the
 * token list and the agents, and binds the pipeline's steps to the runtime's parts. Pending transactions
 * left by a killed run are resolved here, before anything new is sent.
 */
import type { Address, Hex, LocalAccount, PublicClient } from 'viem';
import { InputError, findLucidError, formatUnitsHuman, type Agent, type AgentContext, type Plan, type PlanCall, type ResolvedIntent, type TokenInfo, type IntentAction } from '../../../kernel/index.js';
import type { BalanceChange, SimulationReport } from '../simulate/types.js';
import type { SimulationMemo } from '../simulate/simulatePlan.js';
import type { Review } from '../pipeline/types.js';
import type { LendingMarket } from '../devnet/deployment.js';
import type { PoolHashesByFactory } from '../devnet/poolInitCodeHashes.js';
import type { RunRecorder, Session, SessionChecks } from './types.js';
import { openStore, type Store } from '../store/db.js';
import { createRun, updateRun, getRun, isFinalRunStatus } from '../store/runs.js';
import { recordSignedTx, markTx } from '../store/txs.js';
import { getContact, listContacts } from '../store/contacts.js';
import { listRecipients, recordRecipient, lastAddressForLabel } from '../store/recipients.js';
import { reserveSpends, sumSpentSince, type SpendToken } from '../store/spends.js';
import { blockAgent, isAgentBlocked } from '../store/agentBlocks.js';
import type { Policy } from '../policy/policy.js';
import type { EvaluatePolicyParameters } from '../policy/evaluatePolicy.js';
import { ethTransferLogAddress } from '../simulate/types.js';
import { resolvePendingRuns } from './resolvePending.js';
import { markPhase } from '../../../kernel/timing.js';

export type SessionSettings = {
  home: string;
  /** Undefined: the local devnet. */
  rpcUrl?: string | undefined;
  chain?: string | undefined;
  /** A wallet name or address from `lucid wallet list`; undefined on the devnet means its default account. */
  account?: string | undefined;
};

export type OpenSessionParameters = {
  settings: SessionSettings;
  onProgress?: ((message: string) => void) | undefined;
  /** For tests and the interactive UI: a password source other than LUCID_PASSWORD / the prompt. */
  password?: (() => Promise<string>) | undefined;
};

const chainNames: Record<number, string> = { 1: 'mainnet', 8453: 'base', 42161: 'arbitrum', 31337: 'anvil' };

export async function openSession(parameters: OpenSessionParameters): Promise<Session> {
  const { settings } = parameters;
  const progress = parameters.onProgress ?? (() => {});
  const store = openStore(settings.home);
  markPhase('session: store open');
  try {
    return await connect(parameters, store, progress);
  } catch (error) {
    store.close();
    throw error;
  }
}

async function connect(parameters: OpenSessionParameters, store: Store, progress: (message: string) => void): Promise<Session> {
  const { settings } = parameters;
  // What the session needs once the chain answers, loaded while it is asked instead of one module after
  // another below (the awaits further down then find them loaded). Loading runs no code of the user's.
  const preload = Promise.all([
    import('../simulate/simulatePlan.js'),
    import('../checks/listPositionViews.js'),
    import('../store/registryIndex.js'),
    import('../devnet/deployment.js'),
    import('../../../agents/index.js'),
    import('../resolve/resolveToken.js'),
    import('../checks/checkAgentPromises.js'),
    import('../checks/checkIntentEffects.js'),
    import('../checks/checkSwapBounds.js'),
    import('../chain/memoizeCode.js'),
  ]);
  preload.catch(() => undefined);
  const { createClients, checkRpc } = await import('../chain/clients.js');
  let rpcUrl = settings.rpcUrl;
  let contracts: Record<string, Address> = {};
  let deploymentTokens: { symbol: string; address: Address; decimals: number }[] | undefined;
  let isDevnet = false;
  let chainId: number;
  if (rpcUrl) {
    chainId = await checkRpc({ rpcUrl });
  } else {
    const { startDevnet } = await import('../devnet/startDevnet.js');
    const devnet = await startDevnet({ home: settings.home, onProgress: progress });
    rpcUrl = devnet.rpcUrl;
    contracts = devnet.deployment.contracts;
    deploymentTokens = devnet.deployment.tokens;
    chainId = devnet.deployment.chainId;
    isDevnet = true;
  }
  markPhase('session: chain attached');
  const chainName = chainNames[chainId] ?? `chain ${chainId}`;
  if (settings.chain && settings.chain.toLowerCase() !== chainName && !(isDevnet && ['devnet', 'localhost'].includes(settings.chain.toLowerCase())))
    throw new InputError('CHAIN_MISMATCH', `--chain ${settings.chain} but the RPC is ${chainName} (chain id ${chainId})`, {
      hints: ['drop --chain, or point --rpc-url at that chain'],
    });
  // Our own devnet's anvil takes JSON-RPC batches: reads made together share one round trip there.
  const { publicClient } = createClients({ rpcUrl, chainId, batch: isDevnet });
  const client = publicClient as unknown as PublicClient;
  const account = await loadAccount(settings, isDevnet, parameters.password);
  markPhase('session: account loaded');

  const { tokenListFor } = await import('../../../kernel/index.js');
  const tokens: TokenInfo[] = [
    { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true },
    ...(deploymentTokens ?? (tokenListFor(chainId)?.tokens ?? []).filter((t) => t.address)).map((t) => ({
      address: t.address as Address,
      symbol: t.symbol,
      decimals: t.decimals,
      verified: true,
    })),
  ];

  const pending = await resolvePendingRuns({ store, client, chainId, onProgress: progress });
  if (pending.resolved) progress(`resolved ${pending.resolved} transaction(s) left pending by an earlier run`);
  markPhase('session: pending runs resolved');

  const recorder = runRecorder(store);
  const { simulatePlan, readSimulationBase } = await import('../simulate/simulatePlan.js');
  // Competing agents' plans are simulated at the same moment on the same block: they share one read of
  // fees and blocks, keyed by the head's number so that any new block (our own confirmed transaction
  // included) means a fresh read and never a simulation on stale state.
  let base: { head: bigint; value: ReturnType<typeof readSimulationBase> } | undefined;
  const sharedBase = async (known?: bigint) => {
    const head = known ?? (await client.getBlockNumber({ cacheTime: 0 }));
    if (!base || base.head !== head) {
      const value = readSimulationBase(client);
      base = { head, value };
      value.catch(() => {
        if (base?.value === value) base = undefined;
      });
    }
    return base.value;
  };
  // The user's positions in the deployment's contracts are read before and after every plan, like balances.
  const { listPositionViews } = await import('../checks/listPositionViews.js');
  const { listOwnedEntries } = await import('../store/registryIndex.js');
  const positionViews = () => listPositionViews({ account: account.address, contracts, entries: listOwnedEntries(store.db, { chainId, owner: account.address }) });
  // The lending markets' receipt tokens (aUSDC …) are the deployment's own: diffed by balance and shown as known.
  const { listLendingMarkets } = await import('../devnet/deployment.js');
  const erc20s = tokens.flatMap((t) => (t.address === 'ETH' ? [] : [{ symbol: t.symbol, address: t.address, decimals: t.decimals }]));
  const lendingMarkets = listLendingMarkets({ contracts, tokens: erc20s });
  const receiptTokens: TokenInfo[] = lendingMarkets.map((market) => ({
    address: market.aToken,
    symbol: market.aTokenSymbol,
    decimals: market.decimals,
    verified: true,
  }));
  // What this session's simulations measured, by kind of plan: a guess that lets a simulation skip its
  // measuring pass when the validated run confirms it (see SimulationMemo).
  const memo: SimulationMemo = new Map();
  // One memo of contract code and reads per block for the run (see memoizeReads): the agents' code reads (their
  // "latest" pinned to the block their context was read at) and the checks of every report on that block share
  // it. A new run starts a new memo.
  const { memoizeReads } = await import('../chain/memoizeReads.js');
  let blockReads: { blockNumber: bigint; client: PublicClient } | undefined;
  const readsAt = (blockNumber: bigint): PublicClient => {
    if (blockReads?.blockNumber !== blockNumber) blockReads = { blockNumber, client: memoizeReads(client, { blockNumber }) };
    return blockReads.client;
  };
  // The code of a plan's targets, for the simulation to know a plan that runs no code (it then reads ETH balances
  // only): from the run's memo at the simulated block, where the agent's and the prefetch's reads already are. On
  // another block (a head that moved) it is not asked: a read of its own would cost a round trip, and without it
  // the simulation reads every token, as for any plan.
  const readCode = (address: Address, blockNumber: bigint) =>
    blockReads?.blockNumber === blockNumber ? blockReads.client.getCode({ address, blockNumber }) : Promise.reject(new Error('no code read at this block'));
  const { prefetchSwapBoundReads } = await import('../checks/checkSwapBounds.js');
  const simulateOn = (calls: PlanCall[], simulationBase: Awaited<ReturnType<typeof readSimulationBase>>) => {
    // The checks' first reads on this block, asked beside the simulation (they share its round trip).
    if (calls.some((call) => call.data.length > 2)) prefetchSwapBoundReads(readsAt(simulationBase.blocks.block.number), { calls, contracts, blockNumber: simulationBase.blocks.block.number });
    return simulatePlan(client, { account: account.address, calls, tokens: [...tokens, ...receiptTokens], watch: Object.values(contracts), views: positionViews(), base: simulationBase, rpcUrl, memo, readCode });
  };
  // With a base already read, the plan is simulated on it while the head is asked (one round trip where the node
  // takes batches, instead of asking first). The simulation is pinned to the base's block, so when the head is still
  // that block it is exactly the simulation asking first would give; when the head moved, it is thrown away and
  // the plan simulated again on a fresh base: never a report on stale state.
  const simulate = async (calls: PlanCall[]) => {
    const known = base;
    if (known) {
      const [head, outcome] = await Promise.all([
        client.getBlockNumber({ cacheTime: 0 }),
        known.value.then((value) => simulateOn(calls, value)).then(
          (report) => ({ report }),
          (error: unknown) => ({ error }),
        ),
      ]);
      if (head === known.head) {
        if ('error' in outcome) throw outcome.error;
        return outcome.report;
      }
      return simulateOn(calls, await sharedBase(head));
    }
    return simulateOn(calls, await sharedBase());
  };

  const { builtinAgents } = await import('../../../agents/index.js');
  const { shareReadBatches } = await import('../../../agents/sdk/index.js');
  const builtins = builtinAgents();
  // The CLI's frontend id is stable for the session: found (or registered) once, not on every intent.
  let cliFrontendId: Promise<bigint> | undefined;
  const frontendId = async () => {
    if (!session.isDevnet) return 0n;
    const { ensureCliFrontend } = await import('../registry/cliFrontend.js');
    cliFrontendId ??= ensureCliFrontend(session);
    return cliFrontendId.catch((error: unknown) => {
      cliFrontendId = undefined;
      throw error;
    });
  };
  // Agents a run caught (real effects ≠ simulated) are not routed to until the user unblocks them.
  const agents = async (action: IntentAction): Promise<Agent[]> => {
    const registry = await registryAgentsFor(session, store, action, frontendId);
    return [...builtins, ...registry].filter((agent) => !isAgentBlocked(store.db, { chainId, agentId: agent.id }));
  };

  // On our own devnet the V2 pairs' init code is the shipped artifact's: agents compute pair addresses.
  const poolHashModule = isDevnet ? await import('../devnet/poolInitCodeHashes.js') : undefined;
  const poolInitCodeHashes = poolHashModule?.devnetPoolInitCodeHashes(contracts);
  // The checks find the same pools by CREATE2 too (by factory address), instead of asking the factories.
  const poolHashes = poolHashModule?.devnetPoolHashesByFactory(contracts);
  // The head the last run's context was read at: where a new run's head most likely still is (an idle chain, a
  // devnet between commands), so that reads the run will make can be asked there beside the head (prefetchStep).
  let lastHead: bigint | undefined;
  const agentContext = async (): Promise<AgentContext> => {
    blockReads = undefined; // a new run: nothing read for an earlier one is reused
    const block = await client.getBlock({ blockTag: 'latest' });
    if (block.number !== null) lastHead = block.number;
    // Deadlines count from when the transaction can be mined: an idle chain's latest block may be old.
    const wallClock = BigInt(Math.floor(Date.now() / 1000));
    const now = block.timestamp > wallClock ? block.timestamp : wallClock;
    // The agents' code reads are the block's, in the run's memo: the checks of a report on it ask none again. Only
    // code (a string, which no agent can change for the checks): decoded reads stay the agents' own.
    const reads = block.number === null ? undefined : readsAt(block.number);
    // The competing agents' contract reads made in the same turn share one aggregate call (agents/sdk/readContracts.ts):
    // the client is this run's own object, so nothing else's reads join theirs.
    const agentClient = shareReadBatches(new Proxy(client, { get: (target, property, receiver) => (property === 'getCode' && reads ? reads.getCode : Reflect.get(target, property, receiver)) }) as PublicClient);
    return { chainId, account: account.address, client: agentClient, contracts, now, tokens, ...(poolInitCodeHashes ? { poolInitCodeHashes } : {}) };
  };

  // The code of the address a step names (its recipient or spender: what agents and checks ask about, a token or a
  // contract or nobody's), asked at the last head seen while the run's context reads the head: the agents' and the
  // checks' code reads come from the run's memo at that block when the head is still there (one round trip fewer);
  // when it moved, the context's block is another memo and the answer is never used.
  const prefetchStep = (intent: ResolvedIntent) => {
    // Only a well-formed address: whatever else is the agents' to refuse, with their own error, never this early read's.
    if (lastHead === undefined || typeof intent.to !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(intent.to)) return;
    readsAt(lastHead).getCode({ address: intent.to }).catch(() => {});
  };

  const { resolveToken } = await import('../resolve/resolveToken.js');
  const session: Session = {
    home: settings.home,
    chainId,
    chainName,
    rpcUrl,
    isDevnet,
    hasEns: chainId === 1,
    publicClient: client,
    account,
    recorder,
    store,
    contracts,
    tokens,
    agents,
    agentContext,
    prefetchStep,
    resolveToken: (ref) => resolveToken({ client, chainId, deploymentTokens, ref }),
    lookupContact: (name) => getContact(store.db, name)?.address,
    simulate,
    checks: await sessionChecks({ store, client, readsAt, chainId, account: account.address, contracts, tokens, home: settings.home, poolHashes }),
    signAndSend: async (hooks) => {
      const { signAndSend } = await import('../send/signAndSend.js');
      const { lockAccount } = await import('../send/lockAccount.js');
      const { review } = hooks;
      // One run at a time per account, across processes: the daily-limit check with its reservation, and the
      // nonces with their broadcast, happen under this lock.
      const unlock = await lockAccount(store.db, {
        chainId,
        account: account.address,
        onWait: () => progress('another run is sending from this account; waiting for it to finish'),
      });
      let lastSigned: number | undefined;
      try {
        await reserveForReview({ store, home: settings.home, review, tokens, account: account.address });
        const result = await signAndSend<SimulationReport>({
          publicClient: client,
          account,
          chainId,
          simulated: {
            calls: review.calls,
            blockNumber: review.simulation.blockNumber,
            gasLimits: review.simulation.gas.limits,
            fees: { maxFeePerGas: review.simulation.gas.maxFeePerGas, maxPriorityFeePerGas: review.simulation.gas.maxPriorityFeePerGas },
          },
          approved: { calls: review.calls },
          resimulate: async () => {
            const after = await simulate(review.calls);
            const summary = describeChange(review.simulation, after, account.address);
            return { changed: summary !== undefined, before: review.simulation, after, summary };
          },
          onSigned: (index, hash, request) => {
            lastSigned = index;
            hooks.onSigned(index, hash, request);
          },
          onSent: (index, hash) => hooks.onSent(index, hash),
          onReceipt: (index, receipt) =>
            hooks.onReceipt(index, receipt.transactionHash, { status: receipt.status, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }),
          receiptTimeoutMs: Number(process.env.LUCID_RECEIPT_TIMEOUT_MS ?? 120_000),
        });
        for (const tx of result.transactions) if (tx.status === 'pending') hooks.onPending(tx.index, tx.hash);
      } catch (error) {
        // The node refused the transaction outright: it was never in the pool, so it must not later be
        // "resolved" as confirmed (a byte-identical transaction from another run may have been).
        const code = findLucidError(error)?.code;
        if (lastSigned !== undefined && (code === 'NONCE_CONFLICT' || code === 'INSUFFICIENT_FUNDS'))
          markTx(store.db, { runId: review.runId, idx: lastSigned, status: 'dropped' });
        throw error;
      } finally {
        unlock();
      }
    },
    readOutcome: async (review, txs) => {
      markPhase('send: receipts in');
      const { readBalanceChanges, judgeOutcome } = await import('../send/outcome.js');
      const { erc20Abi } = await import('viem');
      const blocks = txs.map((tx) => tx.blockNumber).filter((b): b is bigint => b !== undefined);
      if (blocks.length === 0) return { balanceChanges: [], outcomeDifferences: [] };
      const fromBlock = blocks.reduce((a, b) => (a < b ? a : b)) - 1n;
      const toBlock = blocks.reduce((a, b) => (a > b ? a : b));
      const mine = review.simulation.balanceChanges.filter((c) => sameAddress(c.address, account.address));
      // Every token the simulation saw (not only those it says change): a token it shows unchanged must stay so.
      const watched = new Map<string, { token: Address | 'ETH'; symbol: string; decimals: number; verified: boolean }>();
      for (const c of [{ token: 'ETH' as const, symbol: 'ETH', decimals: 18, verified: true }, ...mine, ...review.simulation.tokens.map((t) => ({ ...t, token: t.address }))])
        if (!watched.has(String(c.token).toLowerCase())) watched.set(String(c.token).toLowerCase(), c);
      const mineApprovals = review.simulation.approvals.filter((a) => sameAddress(a.owner, account.address));
      const { comparePositionOutcome } = await import('../checks/comparePositionOutcome.js');
      // The real balances, accruals, allowances and positions do not depend on each other: read together
      // (one round trip on the devnet's batching client), then judged together below.
      const [{ changes }, rewards, lending, realAllowances, positionDifferences] = await Promise.all([
        readBalanceChanges({ publicClient: client, account: account.address, tokens: [...watched.values()], fromBlock, toBlock }),
        rewardAccrual(client, contracts, review, toBlock),
        lendingAccrual(client, lendingMarkets, review, account.address, toBlock),
        Promise.all(
          mineApprovals.map((a) =>
            client
              .readContract({ address: a.token, abi: erc20Abi, functionName: 'allowance', args: [a.owner, a.spender], blockNumber: toBlock })
              .catch(() => a.post),
          ),
        ),
        // Positions too (stake, rewards, owned entries): read again on chain and held to the simulated change.
        comparePositionOutcome(client, { simulation: review.simulation, contracts, fromBlock, toBlock }),
      ]);
      const balanceChanges: BalanceChange[] = changes
        .map((change) => {
          const info = watched.get(String(change.token).toLowerCase())!;
          const pre = change.pre ?? 0n;
          const post = change.post ?? 0n;
          return { address: account.address, token: change.token, symbol: change.symbol, decimals: change.decimals, verified: info.verified, pre, post, diff: post - pre };
        })
        .filter((change) => change.diff !== 0n);
      const accruing = [...rewards, ...lending];
      const differences = judgeOutcome({
        simulated: mine,
        actual: changes,
        accruing,
        slippage: review.steps.flatMap((step) =>
          step.resolved?.action === 'swap' && step.resolved.tokenOut ? [{ token: step.resolved.tokenOut.address, bps: step.resolved.slippageBps }] : [],
        ),
        approvals: mineApprovals.map((a, i) => ({ ...a, actual: realAllowances[i]! })),
      });
      markPhase('send: real outcome read and compared');
      return { balanceChanges, outcomeDifferences: [...differences, ...positionDifferences] };
    },
    blockedReason: (agentId) => isAgentBlocked(store.db, { chainId, agentId })?.reason,
    blockAgents: (agentIds, runId, reason) => {
      for (const agentId of agentIds) blockAgent(store.db, { chainId, agentId, runId, reason });
    },
    recordConfirmed: (review) => recordConfirmed(store, review),
    close: async () => store.close(),
  };
  markPhase('session: ready');
  return session;
}

async function loadAccount(settings: SessionSettings, isDevnet: boolean, password?: () => Promise<string>): Promise<LocalAccount> {
  const wallet = await import('../wallet/wallets.js');
  if (!settings.account) {
    if (isDevnet) return wallet.devnetAccount();
    throw new InputError('NO_ACCOUNT', 'no account chosen for this chain', {
      hints: ['create or import one: lucid wallet create <name>', 'then pass --account <name> (or set LUCID_ACCOUNT)'],
    });
  }
  const wallets = await wallet.listWallets({ home: settings.home });
  // A keystore without an address field (Foundry's) is found by name; its address is known once unlocked.
  const chosen = wallets.find((w) => w.name === settings.account || sameAddress(w.address, settings.account!)) ?? ((await wallet.hasWallet({ home: settings.home, name: settings.account })) ? { name: settings.account } : undefined);
  if (!chosen) {
    if (isDevnet && sameAddress(settings.account, wallet.ANVIL_ACCOUNT_0)) return wallet.devnetAccount();
    throw new InputError('UNKNOWN_ACCOUNT', `no wallet "${settings.account}"`, { hints: ['`lucid wallet list` shows the wallets'] });
  }
  const { passwordFrom } = await import('../wallet/password.js');
  const secret = password ? await password() : await passwordFrom({});
  return wallet.unlockWallet({ home: settings.home, name: chosen.name, password: secret });
}

/**
 * Capital-pool rewards accrue by the second: a claim pays for the time of its block, which is not the time
 * the simulation assumed (the next block after the simulated one, 1–12 s later, or the wall clock). The gap
 * is at most the seconds from the simulated block to inclusion, or 12, and the pay per second at most the
 * pool's whole stream (rewardRate, scaled by 1e18).
 */
async function rewardAccrual(client: PublicClient, contracts: Record<string, Address>, review: Review, toBlock: bigint): Promise<{ token: Address; upTo: bigint }[]> {
  const pool = contracts.capitalPool;
  const token = contracts.rewardToken;
  if (!pool || !token || !review.calls.some((call) => sameAddress(call.to, pool))) return [];
  const { CapitalPool } = await import('../../../registry-contracts/index.js');
  const [rate, simulatedBlock, included] = await Promise.all([
    client.readContract({ address: pool, abi: CapitalPool.abi, functionName: 'rewardRate' }),
    client.getBlock({ blockNumber: review.simulation.blockNumber }),
    client.getBlock({ blockNumber: toBlock }),
  ]);
  const elapsed = included.timestamp - simulatedBlock.timestamp;
  const seconds = (elapsed > 12n ? elapsed : 12n) + 1n;
  return [{ token, upTo: (rate * seconds) / 10n ** 18n + 1n }];
}

/** The lending markets' tolerances (./lending/readLendingAccrual.ts), for the deployment's markets by address. */
async function lendingAccrual(client: PublicClient, markets: LendingMarket[], review: Review, account: Address, toBlock: bigint): Promise<{ token: Address; upTo: bigint }[]> {
  const { readLendingAccrual } = await import('../lending/readLendingAccrual.js');
  const intents = review.steps.map((step) => step.resolved);
  return readLendingAccrual(client, { markets, account, calls: review.calls, simulation: review.simulation, intents, toBlock });
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Registry agents serving `action`: the index is brought up to date first (a registration seen on chain
 * is routable without a restart), then candidates come from the indexed action table. Each one's plan
 * gets the UsageLedger.recordUsage call appended, paying its fee (and the CLI frontend's) in the same
 * sequence, so the fee is simulated, shown, counted in the ranking and promised like any other cost.
 */
async function registryAgentsFor(session: Session, store: Store, action: IntentAction, cliFrontendId: () => Promise<bigint>): Promise<Agent[]> {
  if (!session.contracts.agentRegistry || !session.contracts.usageLedger) return [];
  const { syncSessionRegistry, usageForAgent, CLI_FRONTEND_NAME } = await import('../registry/cliFrontend.js');
  const { registryAgents } = await import('../registry/registryAgents.js');
  await syncSessionRegistry(session);
  const found = registryAgents({ db: store.db, chainId: session.chainId, action });
  if (found.length === 0) return [];
  // The CLI's frontend entry is found by its name; only on our own devnet is that name known to be ours.
  // Elsewhere anyone could register "lucid-cli", so no frontend is credited until a deployment pins its id.
  const frontendId = await cliFrontendId();
  return found.map((agent) => ({
    ...agent,
    plan: async (ctx: AgentContext, intent: Parameters<Agent['plan']>[1]): Promise<Plan> => {
      // Fees are the runtime's to declare: whatever the agent put there is replaced by what the registries charge.
      const { fees: _claimed, ...plan } = await agent.plan(ctx, intent);
      const usage = await usageForAgent(session, { agent, frontendId });
      if (!usage) return plan;
      const names = { agent: agent.id, frontend: frontendId !== 0n ? CLI_FRONTEND_NAME : undefined, compute: undefined };
      const fees = usage.fees.map((fee) => ({ ...fee, name: names[fee.payee] }));
      return { ...plan, calls: [...plan.calls, usage.call], expects: withEthOut(plan.expects, usage.call.value), ...(fees.length ? { fees } : {}) };
    },
  }));
}

/** Adds `fee` wei to the plan's promised ETH outflow (or promises exactly that outflow when there was none). */
function withEthOut(expects: Plan['expects'], fee: bigint): Plan['expects'] {
  if (fee === 0n) return expects;
  const index = expects.findIndex((effect) => effect.token === 'ETH' && effect.direction === 'out');
  if (index === -1) return [...expects, { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: fee, bound: 'exact' }];
  return expects.map((effect, i) => (i === index ? { ...effect, amount: effect.amount + fee } : effect));
}

function runRecorder(store: Store): RunRecorder {
  const { db } = store;
  return {
    createRun: (run) => createRun(db, { text: run.text, parser: run.parser, chainId: run.chainId, account: run.account, intents: run.intents }),
    recordFailedParse: (run) =>
      createRun(db, { text: run.text, parser: 'grammar', chainId: run.chainId, account: run.account, intents: [], status: 'failed', errorCode: run.code, errorMessage: run.message }),
    updateRun: (runId, patch) =>
      updateRun(db, runId, {
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.agentId !== undefined ? { agentId: patch.agentId } : {}),
        ...(patch.plan !== undefined ? { plan: patch.plan } : {}),
        ...(patch.simulation !== undefined ? { simulation: patch.simulation } : {}),
        ...(patch.result !== undefined ? { result: patch.result } : {}),
        ...(patch.review !== undefined ? { review: patch.review } : {}),
        ...(patch.error ? { errorCode: patch.error.code, errorMessage: patch.error.message } : {}),
      }),
    isFinal: (runId) => {
      const run = getRun(db, runId);
      return run !== undefined && isFinalRunStatus(run.status);
    },
    recordSignedTx: (tx) => {
      const request = tx.request as { to: Address; data: Hex; value: bigint; nonce: number; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint; chainId: number; from: Address; serialized: Hex };
      recordSignedTx(db, { runId: tx.runId, idx: tx.index, chainId: tx.chainId, hash: tx.hash, request });
    },
    markTx: (tx) => markTx(db, { runId: tx.runId, idx: tx.index, status: tx.status === 'pending' ? 'sent' : tx.status, blockNumber: tx.blockNumber, receipt: tx.receipt }),
  };
}

async function sessionChecks(input: {
  store: Store;
  client: PublicClient;
  /** The run's memo of reads at a block (shared with the agents' code reads). */
  readsAt: (blockNumber: bigint) => PublicClient;
  chainId: number;
  account: Address;
  contracts: Record<string, Address>;
  tokens: TokenInfo[];
  home: string;
  /** The deployment's pool init code hashes by factory, where known (the devnet's). */
  poolHashes?: PoolHashesByFactory | undefined;
}): Promise<SessionChecks> {
  const { store, client, readsAt, chainId, account, contracts, tokens, home, poolHashes } = input;
  const { checkAgentPromises } = await import('../checks/checkAgentPromises.js');
  const { checkIntentEffects } = await import('../checks/checkIntentEffects.js');
  const { checkSwapBounds } = await import('../checks/checkSwapBounds.js');
  // The checks of the reports on one block share one read of each address's code and of each contract call at
  // that block (see memoizeReads): the effect context, the swap bound and the risk flags ask the same pools and
  // addresses, the winner's vetting and the review judge the same report, and the agents read the same code.
  const checksClient = (report: SimulationReport) => readsAt(report.blockNumber);
  // One read of the venues' state per simulated report: the refusal and the price-impact flag share it.
  const bounds = new WeakMap<SimulationReport, ReturnType<typeof checkSwapBounds>>();
  const swapBounds = (report: SimulationReport, plans: Plan[], steps: { resolved?: ResolvedIntent | undefined; intent?: { slippageBps?: number | undefined } | undefined }[], stepReports?: SimulationReport[]) => {
    if (!bounds.has(report)) {
      const stepPlans = steps.flatMap((step, i) =>
        step.resolved && plans[i]
          ? [{ intent: step.resolved, plan: plans[i]!, report: plans.length > 1 ? stepReports?.[i] : undefined, slippageNamed: step.intent?.slippageBps !== undefined }]
          : [],
      );
      bounds.set(report, checkSwapBounds(checksClient(report), { report, steps: stepPlans, contracts, knownTokens: tokens, account, pairInitCodeHashes: poolHashes?.v2 }));
    }
    return bounds.get(report)!;
  };
  return {
    ethPrice: async (token, wei) => {
      if (token.address === 'ETH') return wei;
      const { quoteMarket } = await import('../checks/checkSwapBounds.js');
      const factories = Object.entries(contracts).filter(([name]) => /factory/i.test(name)).map(([, address]) => address);
      const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
      const eth = tokens[0]!;
      const quote = await quoteMarket(client, { factories, weth: contracts.weth, tokenIn: eth, tokenOut: token, knownTokens: tokens, exactIn: true, amount: wei, slippageBps: 0, blockNumber, pairInitCodeHashes: poolHashes?.v2 });
      return quote?.amountOut;
    },
    amounts: async ({ report, plans, steps, stepReports }) => (await swapBounds(report, plans, steps, stepReports)).violations,
    expectations: (report, plans) => plans.flatMap((plan) => checkAgentPromises(report, plan.expects, account).map((v) => v.message)),
    unexplained: async (report, intents, fees = []) => {
      const [{ checkLogEffects }, { readEffectContext }, { checkPositionEffects }, { readLendingReceipts }] = await Promise.all([
        import('../checks/checkLogEffects.js'),
        import('../checks/readEffectContext.js'),
        import('../checks/checkPositionEffects.js'),
        import('../checks/readLendingReceipts.js'),
      ]);
      // Independent reads at the report's block, asked together.
      const [context, receipts] = await Promise.all([readEffectContext(checksClient(report), { report, account, contracts, tokens, poolHashes }), readLendingReceipts(checksClient(report), { intents, contracts, blockNumber: report.blockNumber })]);
      return [
        ...checkIntentEffects(report, intents, account, fees, receipts).unexplained,
        ...checkLogEffects(report, intents, account, context),
        ...checkPositionEffects({ report, intents, account, contracts }),
      ].map((u) => u.message);
    },
    risks: async ({ report, intents, plans, steps }) => {
      const { assessRiskFlags } = await import('../checks/assessRiskFlags.js');
      const transfer = steps.find((step) => step.resolved?.action === 'transfer' && step.resolved.to && step.resolved.toLabel?.includes('.'));
      const previous = transfer?.resolved?.toLabel ? lastAddressForLabel(store.db, { chainId, label: transfer.resolved.toLabel }) : undefined;
      const flags = await assessRiskFlags({
        report,
        intents,
        plan: { agentId: plans.map((p) => p.agentId).join(','), summary: '', calls: plans.flatMap((p) => p.calls), expects: plans.flatMap((p) => p.expects), quote: plans.find((p) => p.quote)?.quote },
        account,
        knownProtocolContracts: Object.values(contracts),
        knownTokens: tokens,
        pastRecipients: listRecipients(store.db, chainId).map((r) => r.address),
        contacts: listContacts(store.db).map((c) => c.address),
        client: checksClient(report),
        ensResolution: transfer?.resolved?.to && transfer.resolved.toLabel ? { name: transfer.resolved.toLabel, address: transfer.resolved.to, previousAddress: previous } : undefined,
        marketImpactBps: maxOf((await swapBounds(report, plans, steps)).quotes.map((quote) => quote?.impactBps)),
        shapes: { steps: steps.flatMap((step, i) => (step.resolved && plans[i] ? [{ intent: step.resolved, plan: plans[i]! }] : [])), contracts },
      });
      const unpriced = (await swapBounds(report, plans, steps)).unpriced.map((message) => ({ code: 'NO_INDEPENDENT_PRICE', level: 'danger' as const, message: `The swap has no independent price: ${message}` }));
      return [
        ...unpriced,
        ...flags.map((flag) => ({ code: flag.code, level: flag.level, message: flag.details ? `${flag.message} ${flag.details}` : flag.message, ...(flag.address ? { address: flag.address } : {}) })),
      ];
    },
    policy: async ({ report, intents, plans }) => {
      const { loadPolicy } = await import('../policy/policy.js');
      const { evaluatePolicy } = await import('../policy/evaluatePolicy.js');
      const policy = await loadPolicy(home);
      const spentToday = spentTodayFor(report, (token) => sumSpentSince(store.db, { chainId, account, token }));
      const result = evaluatePolicy(policyInputs({ policy, report, intents, plans, spentToday, tokens, account }));
      return {
        decision: result.decision,
        violations: result.violations.map((v) => ({ rule: v.rule, message: v.message, key: v.key, limit: v.limit, actual: v.actual, fix: v.fix })),
        ...(result.confirmations[0] ? { typedConfirmation: result.confirmations[0].text } : {}),
        typedConfirmations: result.confirmations.map((c) => ({ symbol: c.symbol, text: c.text, threshold: c.threshold })),
      };
    },
  };
}

/** Today's counted spends for every token the report mentions, keyed as evaluatePolicy reads them. */
function spentTodayFor(report: SimulationReport, sum: (token: SpendToken) => bigint): Record<string, bigint> {
  const spentToday: Record<string, bigint> = { eth: sum('ETH') };
  for (const token of report.tokens) if (token.address !== 'ETH') spentToday[token.address.toLowerCase()] = sum(token.address);
  return spentToday;
}

/** What the policy reads: the plans' calls and the user's own side of the simulation, gross transfers out included. */
function policyInputs(input: {
  policy: Policy;
  report: SimulationReport;
  intents: ResolvedIntent[];
  plans: Plan[];
  spentToday: Record<string, bigint>;
  tokens: TokenInfo[];
  account: Address;
}): EvaluatePolicyParameters {
  const { report, account } = input;
  const mine = report.balanceChanges.filter((c) => sameAddress(c.address, account));
  const known = new Map(report.tokens.map((t) => [String(t.address).toLowerCase(), t]));
  const outflows = report.calls.flatMap((call) =>
    call.logs.flatMap((log) => {
      const from = log.args?.from;
      const value = log.args?.value;
      if (log.eventName !== 'Transfer' || typeof from !== 'string' || typeof value !== 'bigint' || !sameAddress(from, account)) return [];
      const token = sameAddress(log.address, ethTransferLogAddress) ? ('ETH' as const) : log.address;
      const info = known.get(String(token).toLowerCase());
      return [{ token, amount: value, symbol: info?.symbol, decimals: info?.decimals }];
    }),
  );
  return {
    policy: input.policy,
    plan: { calls: input.plans.flatMap((p) => p.calls) },
    report: {
      balanceChanges: mine.map((c) => ({ token: c.token, symbol: c.symbol, decimals: c.decimals, diff: c.diff })),
      approvals: report.approvals.filter((a) => sameAddress(a.owner, account)).map((a) => ({ token: a.token, spender: a.spender, amount: a.post, symbol: a.symbol, decimals: a.decimals })),
      outflows,
    },
    intents: input.intents,
    spentToday: input.spentToday,
    tokens: input.tokens,
  };
}

/**
 * Under the account lock, in one immediate transaction: re-reads what today already counts (runs in other
 * processes included), refuses if the plan no longer fits the daily limits, and reserves its gross outflows.
 * The reservation counts until the run's fate says nothing left (spends.ts).
 */
async function reserveForReview(input: { store: Store; home: string; review: Review; tokens: TokenInfo[]; account: Address }): Promise<void> {
  const { store, review, account } = input;
  const { loadPolicy } = await import('../policy/policy.js');
  const { evaluatePolicy } = await import('../policy/evaluatePolicy.js');
  const { PolicyViolationError } = await import('../policy/errors.js');
  const policy = await loadPolicy(input.home);
  const intents = review.steps.flatMap((step) => (step.resolved ? [step.resolved] : []));
  reserveSpends(store.db, {
    runId: review.runId,
    chainId: review.chainId,
    account,
    decide: (spent) => {
      const spentToday = spentTodayFor(review.simulation, spent);
      const result = evaluatePolicy(policyInputs({ policy, report: review.simulation, intents, plans: review.plans, spentToday, tokens: input.tokens, account }));
      if (result.decision === 'deny') throw new PolicyViolationError(result.violations);
      return result.exposures.map((exposure) => ({ token: exposure.token === 'ETH' ? ('ETH' as const) : exposure.token, amount: exposure.outflow }));
    },
  });
}

function maxOf(values: (number | undefined)[]): number | undefined {
  const present = values.filter((value): value is number => value !== undefined);
  return present.length ? Math.max(...present) : undefined;
}

/** After a confirmed run: learn recipients (for "never sent to before"). Spends were reserved before signing. */
function recordConfirmed(store: Store, review: Review): void {
  for (const step of review.steps) {
    if (step.resolved?.action === 'transfer' && step.resolved.to)
      recordRecipient(store.db, { chainId: review.chainId, address: step.resolved.to, label: step.resolved.toLabel?.startsWith('0x') ? null : step.resolved.toLabel });
  }
}

/** One line on how the user's outcome changed between two simulations, or undefined if it did not. */
function describeChange(before: SimulationReport, after: SimulationReport, account: Address): string | undefined {
  if (!after.ok) return `the plan would now fail: ${after.calls.find((c) => c.status === 'reverted')?.revert?.reason ?? 'reverted'}`;
  const key = (c: { token: Address | 'ETH' }) => String(c.token).toLowerCase();
  const mineBefore = new Map(before.balanceChanges.filter((c) => sameAddress(c.address, account)).map((c) => [key(c), c]));
  const changes: string[] = [];
  for (const c of after.balanceChanges.filter((c) => sameAddress(c.address, account))) {
    const old = mineBefore.get(key(c));
    if (!old || old.diff !== c.diff)
      changes.push(`${c.symbol}: ${formatUnitsHuman(old?.diff ?? 0n, c.decimals)} → ${formatUnitsHuman(c.diff, c.decimals)}`);
    mineBefore.delete(key(c));
  }
  for (const old of mineBefore.values()) changes.push(`${old.symbol}: ${formatUnitsHuman(old.diff, old.decimals)} → 0`);
  return changes.length ? `your balance changes are now different: ${changes.join('; ')}` : undefined;
}

