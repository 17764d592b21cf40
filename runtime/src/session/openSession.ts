/**
 * Opens a session: the store, the chain (the local devnet unless an RPC is configured), the account, the
 * token list and the agents, and binds the pipeline's steps to the runtime's parts. Pending transactions
 * left by a killed run are resolved here, before anything new is sent.
 */
import type { Address, Hex, LocalAccount, PublicClient } from 'viem';
import { InputError, formatUnitsHuman, type Agent, type AgentContext, type Plan, type PlanCall, type TokenInfo, type IntentAction } from '../../../kernel/index.js';
import type { BalanceChange, SimulationReport } from '../simulate/types.js';
import type { Review } from '../pipeline/types.js';
import type { RunRecorder, Session, SessionChecks } from './types.js';
import { openStore, type Store } from '../store/db.js';
import { createRun, updateRun, getRun, isFinalRunStatus } from '../store/runs.js';
import { recordSignedTx, markTx } from '../store/txs.js';
import { getContact, listContacts } from '../store/contacts.js';
import { listRecipients, recordRecipient, lastAddressForLabel } from '../store/recipients.js';
import { recordSpend, sumSpentSince } from '../store/spends.js';
import { blockAgent, isAgentBlocked } from '../store/agentBlocks.js';
import { resolvePendingRuns } from './resolvePending.js';

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
  try {
    return await connect(parameters, store, progress);
  } catch (error) {
    store.close();
    throw error;
  }
}

async function connect(parameters: OpenSessionParameters, store: Store, progress: (message: string) => void): Promise<Session> {
  const { settings } = parameters;
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
  const chainName = chainNames[chainId] ?? `chain ${chainId}`;
  if (settings.chain && settings.chain.toLowerCase() !== chainName && !(isDevnet && ['devnet', 'localhost'].includes(settings.chain.toLowerCase())))
    throw new InputError('CHAIN_MISMATCH', `--chain ${settings.chain} but the RPC is ${chainName} (chain id ${chainId})`, {
      hints: ['drop --chain, or point --rpc-url at that chain'],
    });
  const { publicClient } = createClients({ rpcUrl, chainId });
  const client = publicClient as unknown as PublicClient;
  const account = await loadAccount(settings, isDevnet, parameters.password);

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

  const recorder = runRecorder(store);
  const { simulatePlan, readSimulationBase } = await import('../simulate/simulatePlan.js');
  // Competing agents' plans are simulated at the same moment on the same block: they share one read of
  // fees and blocks, keyed by the head's number so that any new block (our own confirmed transaction
  // included) means a fresh read and never a simulation on stale state.
  let base: { head: bigint; value: ReturnType<typeof readSimulationBase> } | undefined;
  const sharedBase = async () => {
    const head = await client.getBlockNumber({ cacheTime: 0 });
    if (!base || base.head !== head) {
      const value = readSimulationBase(client);
      base = { head, value };
      value.catch(() => {
        if (base?.value === value) base = undefined;
      });
    }
    return base.value;
  };
  const simulate = async (calls: PlanCall[]) =>
    simulatePlan(client, { account: account.address, calls, tokens, watch: Object.values(contracts), base: await sharedBase(), rpcUrl });

  const { builtinAgents } = await import('../../../agents/index.js');
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

  const agentContext = async (): Promise<AgentContext> => {
    const block = await client.getBlock({ blockTag: 'latest' });
    // Deadlines count from when the transaction can be mined: an idle chain's latest block may be old.
    const wallClock = BigInt(Math.floor(Date.now() / 1000));
    const now = block.timestamp > wallClock ? block.timestamp : wallClock;
    return { chainId, account: account.address, client, contracts, now, tokens };
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
    resolveToken: (ref) => resolveToken({ client, chainId, deploymentTokens, ref }),
    lookupContact: (name) => getContact(store.db, name)?.address,
    simulate,
    checks: await sessionChecks({ store, client, chainId, account: account.address, contracts, tokens, home: settings.home }),
    signAndSend: async (hooks) => {
      const { signAndSend } = await import('../send/signAndSend.js');
      const { review } = hooks;
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
        onSigned: (index, hash, request) => hooks.onSigned(index, hash, request),
        onSent: (index, hash) => hooks.onSent(index, hash),
        onReceipt: (index, receipt) =>
          hooks.onReceipt(index, receipt.transactionHash, { status: receipt.status, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }),
        receiptTimeoutMs: Number(process.env.LUCID_RECEIPT_TIMEOUT_MS ?? 120_000),
      });
      for (const tx of result.transactions) if (tx.status === 'pending') hooks.onPending(tx.index, tx.hash);
    },
    readOutcome: async (review, txs) => {
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
      const { changes } = await readBalanceChanges({ publicClient: client, account: account.address, tokens: [...watched.values()], fromBlock, toBlock });
      const balanceChanges: BalanceChange[] = changes
        .map((change) => {
          const info = watched.get(String(change.token).toLowerCase())!;
          const pre = change.pre ?? 0n;
          const post = change.post ?? 0n;
          return { address: account.address, token: change.token, symbol: change.symbol, decimals: change.decimals, verified: info.verified, pre, post, diff: post - pre };
        })
        .filter((change) => change.diff !== 0n);
      const mineApprovals = review.simulation.approvals.filter((a) => sameAddress(a.owner, account.address));
      const realAllowances = await Promise.all(
        mineApprovals.map((a) =>
          client
            .readContract({ address: a.token, abi: erc20Abi, functionName: 'allowance', args: [a.owner, a.spender], blockNumber: toBlock })
            .catch(() => a.post),
        ),
      );
      const differences = judgeOutcome({
        simulated: mine,
        actual: changes,
        slippage: review.steps.flatMap((step) =>
          step.resolved?.action === 'swap' && step.resolved.tokenOut ? [{ token: step.resolved.tokenOut.address, bps: step.resolved.slippageBps }] : [],
        ),
        approvals: mineApprovals.map((a, i) => ({ ...a, actual: realAllowances[i]! })),
      });
      return { balanceChanges, outcomeDifferences: differences };
    },
    blockedReason: (agentId) => isAgentBlocked(store.db, { chainId, agentId })?.reason,
    blockAgents: (agentIds, runId, reason) => {
      for (const agentId of agentIds) blockAgent(store.db, { chainId, agentId, runId, reason });
    },
    recordConfirmed: (review) => recordConfirmed(store, review),
    close: async () => store.close(),
  };
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
  const chosen = wallets.find((w) => w.name === settings.account || sameAddress(w.address, settings.account!));
  if (!chosen) {
    if (isDevnet && sameAddress(settings.account, wallet.ANVIL_ACCOUNT_0)) return wallet.devnetAccount();
    throw new InputError('UNKNOWN_ACCOUNT', `no wallet "${settings.account}"`, { hints: ['`lucid wallet list` shows the wallets'] });
  }
  const { passwordFrom } = await import('../wallet/password.js');
  const secret = password ? await password() : await passwordFrom({});
  return wallet.unlockWallet({ home: settings.home, name: chosen.name, password: secret });
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
  const { syncSessionRegistry, usageCallForAgent } = await import('../registry/cliFrontend.js');
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
      const plan = await agent.plan(ctx, intent);
      const usage = await usageCallForAgent(session, { agent, frontendId });
      if (!usage) return plan;
      return { ...plan, calls: [...plan.calls, usage], expects: withEthOut(plan.expects, usage.value) };
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
  chainId: number;
  account: Address;
  contracts: Record<string, Address>;
  tokens: TokenInfo[];
  home: string;
}): Promise<SessionChecks> {
  const { store, client, chainId, account, contracts, tokens, home } = input;
  const { checkAgentPromises } = await import('../checks/checkAgentPromises.js');
  const { checkIntentEffects } = await import('../checks/checkIntentEffects.js');
  return {
    expectations: (report, plans) => plans.flatMap((plan) => checkAgentPromises(report, plan.expects, account).map((v) => v.message)),
    unexplained: (report, intents) => checkIntentEffects(report, intents, account).unexplained.map((u) => u.message),
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
        client,
        ensResolution: transfer?.resolved?.to && transfer.resolved.toLabel ? { name: transfer.resolved.toLabel, address: transfer.resolved.to, previousAddress: previous } : undefined,
      });
      return flags.map((flag) => ({ code: flag.code, level: flag.level, message: flag.details ? `${flag.message} ${flag.details}` : flag.message }));
    },
    policy: async ({ report, intents, plans }) => {
      const { loadPolicy } = await import('../policy/policy.js');
      const { evaluatePolicy } = await import('../policy/evaluatePolicy.js');
      const policy = await loadPolicy(home);
      const spentToday: Record<string, bigint> = {};
      for (const token of tokens) spentToday[token.symbol] = sumSpentSince(store.db, { chainId, account, token: token.address === 'ETH' ? 'ETH' : token.address });
      const mine = report.balanceChanges.filter((c) => sameAddress(c.address, account));
      const result = evaluatePolicy({
        policy,
        plan: { calls: plans.flatMap((p) => p.calls) },
        report: {
          balanceChanges: mine.map((c) => ({ token: c.token, symbol: c.symbol, decimals: c.decimals, diff: c.diff })),
          approvals: report.approvals.filter((a) => sameAddress(a.owner, account)).map((a) => ({ token: a.token, spender: a.spender, amount: a.post, symbol: a.symbol, decimals: a.decimals })),
        },
        intents,
        spentToday,
        tokens,
      });
      const typed = result.confirmations[0];
      return {
        decision: result.decision,
        violations: result.violations.map((v) => ({ rule: v.rule, message: v.message })),
        ...(typed ? { typedConfirmation: typed.text } : {}),
      };
    },
  };
}

/** After a confirmed run: learn recipients (for "never sent to before") and count spends (for daily limits). */
function recordConfirmed(store: Store, review: Review): void {
  for (const step of review.steps) {
    if (step.resolved?.action === 'transfer' && step.resolved.to)
      recordRecipient(store.db, { chainId: review.chainId, address: step.resolved.to, label: step.resolved.toLabel?.startsWith('0x') ? null : step.resolved.toLabel });
  }
  for (const change of review.simulation.balanceChanges) {
    if (!sameAddress(change.address, review.account) || change.diff >= 0n) continue;
    recordSpend(store.db, { runId: review.runId, chainId: review.chainId, account: review.account, token: change.token === 'ETH' ? 'ETH' : change.token, amount: -change.diff });
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

