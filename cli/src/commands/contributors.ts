/**
 * What the contributor commands share (`lucid agent|frontend|compute`, `stake`/`rewards`, `emissions`):
 * opening a session plus the store with the registry index synced, running a plan built from command
 * arguments through the guarded pipeline (`runPlan`: simulate, show, confirm, sign), and the one
 * implementation of the registry verbs, parameterised by the registry kind.
 */
import { Command } from 'commander';
import { addChainOptions, addOutputOptions, parseOptions } from './options.js';
import { txOptionsShape, txOptionsSchema, type TxOptions } from './options.js';
import { paint, sanitize, say, writeData, writeJson } from '../output.js';
import { InputError, RefusedError } from '../../../kernel/errors.js';
import type { Plan } from '../../../kernel/index.js';
import type { Review, RunOutcome } from '../../../runtime/src/pipeline/types.js';
import type { Session } from '../../../runtime/src/session/types.js';
import type { Store } from '../../../runtime/src/store/db.js';
import type { EntryMetadata } from '../../../runtime/src/registry/metadata.js';
import type { RegistryKind } from '../../../runtime/src/registry/kinds.js';

type Zod = typeof import('zod').z;

export { txOptionsShape, txOptionsSchema, type TxOptions };
export const readOptionsSchema = (z: Zod) => z.object(txOptionsShape(z)).pick({ json: true, rpcUrl: true, chain: true, account: true });
export type ReadOptions = { json: boolean; rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined };

/** Output and chain options, plus --yes/--dry-run for commands that sign. */
export function addTxOptions(command: Command): Command {
  return addOutputOptions(addChainOptions(command))
    .option('-y, --yes', 'sign without asking after showing the simulation (policy still applies)', false)
    .option('--dry-run', 'simulate and show, never sign', false);
}
export function addReadOptions(command: Command): Command {
  return addOutputOptions(addChainOptions(command));
}

export type ContributorContext = { session: Session; store: Store; close: () => Promise<void> };

/** A session (devnet started on demand) plus the store, with the registry index brought up to date. */
export async function openContributorContext(options: ReadOptions, { sync = true }: { sync?: boolean } = {}): Promise<ContributorContext> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings(options);
  const { openSession } = await import('../../../runtime/src/session/openSession.js');
  const progress = options.json ? () => {} : (message: string) => say(paint(message, 'dim'));
  const session = await openSession({ settings, onProgress: progress });
  const { openStore } = await import('../../../runtime/src/store/db.js');
  let store: Store;
  try {
    store = openStore(session.home);
  } catch (error) {
    await session.close();
    throw error;
  }
  const context = {
    session,
    store,
    close: async () => {
      store.close();
      await session.close();
    },
  };
  if (sync) {
    try {
      await syncIndex(context);
    } catch (error) {
      await context.close();
      throw error;
    }
  }
  return context;
}

/** Brings the registry index up to the chain head. */
export async function syncIndex({ session, store }: Pick<ContributorContext, 'session' | 'store'>): Promise<void> {
  const { syncRegistry } = await import('../../../runtime/src/registry/indexer.js');
  const { registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
  const { metadataDir } = await import('../../../runtime/src/registry/metadata.js');
  await syncRegistry({
    client: session.publicClient,
    db: store.db,
    chainId: session.chainId,
    contracts: registryContractsFrom(session.contracts),
    metadataDir: metadataDir(session.home),
  });
}

/**
 * Runs plans built from command arguments through the guarded pipeline and prints the outcome, like
 * `lucid "<intent>"` does. Returns the outcome for the caller's follow-up (e.g. the new entry id).
 */
export async function runContributorPlans(session: Session, { text, plans, options }: { text: string; plans: Plan[]; options: TxOptions }): Promise<RunOutcome> {
  const { runPlan } = await import('../../../runtime/src/pipeline/runPlan.js');
  const { renderReview, renderOutcome } = await import('../render/review.js');
  const confirm = await confirmer();
  const outcome = await runPlan(session, {
    text,
    plans,
    mode: options.dryRun ? 'dry-run' : 'execute',
    onStage: (event) => {
      if (!options.json && ['sent', 'confirmed'].includes(event.stage)) say(paint(event.message, 'dim'));
    },
    confirm: async (review) => {
      if (!options.json) writeData(renderReview(review, { explain: false }));
      return confirm(review, options);
    },
  });
  if (options.json) return outcome;
  if (outcome.status === 'simulated') {
    writeData(renderReview(outcome.review, { explain: false }));
    say('dry run: nothing was signed');
  } else if (outcome.status !== 'read-only') writeData(renderOutcome(outcome));
  return outcome;
}

/** JSON of an outcome, as `lucid --json "<intent>"` prints it, plus command-specific fields. */
export async function outcomeDocument(outcome: RunOutcome, extra: Record<string, unknown> = {}): Promise<unknown> {
  const { outcomeJson } = await import('../render/review.js');
  return { ...(outcomeJson(outcome) as Record<string, unknown>), ...extra };
}

/** The one confirmation behaviour of every command that signs (run.ts). */
async function confirmer(): Promise<(review: Review, options: { yes: boolean }) => Promise<boolean>> {
  return (await import('./run.js')).confirmReview;
}

/** Entry ids are positive integers. */
export function parseEntryId(kind: RegistryKind, text: string): bigint {
  if (!/^[1-9]\d{0,76}$/.test(text.trim())) throw new InputError('BAD_ENTRY_ID', `${kind} id must be a positive number like 1, got "${sanitize(text, 40)}"`);
  return BigInt(text.trim());
}

/**
 * How each kind learns the metadata of a new entry from the `register` argument: an agent from its module
 * path or its endpoint's /health; a frontend or compute entry from a name and options.
 */
export type DescribeEntry = (argument: string, options: { endpoint?: string | undefined; description?: string | undefined; tags?: string | undefined }) => Promise<{ metadata: EntryMetadata; endpoint: string }>;

/**
 * `lucid <kind> register|update|deactivate|list|show|withdraw|claim` — one implementation for the agent,
 * frontend and compute registries.
 */
export function entryCommand({ kind, description, registerArgument, describe, examples }: { kind: RegistryKind; description: string; registerArgument: string; describe: DescribeEntry; examples: string }): Command {
  const command = new Command(kind).description(description).addHelpText('after', examples);

  command.addCommand(
    addTxOptions(new Command('register'))
      .description(`register a new ${kind} entry (an ERC-721 you own) with its metadata, fee and endpoint`)
      .argument(registerArgument)
      .option('--fee <eth>', 'fee per use, in ETH (e.g. 0.001)', '0')
      .option('--endpoint <url>', 'HTTP endpoint (e.g. http://127.0.0.1:8787)')
      .option('--description <text>', 'one-line description (frontend/compute)')
      .option('--tags <list>', 'comma-separated capabilities (frontend/compute)')
      .action(async (argument: string, raw: unknown) => {
        const options = await parseOptions((z) => z.object({ ...txOptionsShape(z), fee: z.string().default('0'), endpoint: z.string().min(1).optional(), description: z.string().min(1).optional(), tags: z.string().min(1).optional() }), raw);
        const { parseFeeEth, registerEntryPlan } = await import('../../../runtime/src/registry/plans.js');
        const { actionTag, registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const { pinMetadata } = await import('../../../runtime/src/registry/metadata.js');
        const feeWei = parseFeeEth(options.fee);
        const { metadata, endpoint } = await describe(argument, options);
        const context = await openContributorContext(options);
        try {
          const { session, store } = context;
          const contracts = registryContractsFrom(session.contracts);
          const pinned = pinMetadata({ home: session.home, metadata });
          if (!options.json && kind === 'agent' && !endpoint) say(paint('note: no --endpoint: routers cannot reach this agent until you set one (`lucid agent serve`, then `lucid agent update <id> --endpoint <url>`)', 'yellow'));
          const plan = registerEntryPlan({ kind, contracts, name: metadata.id, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: metadata.actions.map(actionTag), endpoint, feeWei });
          const outcome = await runContributorPlans(session, { text: `lucid ${kind} register ${argument}`, plans: [plan], options });
          let entryId: bigint | undefined;
          if (outcome.status === 'confirmed') {
            await syncIndex(context);
            entryId = newestOwnedEntry(store, session, kind, pinned.contentHash);
            if (!options.json && entryId !== undefined) writeData(`registered ${kind} #${entryId} "${metadata.id}" (metadata ${pinned.uri})`);
          }
          if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId, metadataUri: pinned.uri, contentHash: pinned.contentHash, metadataFile: pinned.path }));
        } finally {
          await context.close();
        }
      }),
  );

  command.addCommand(
    addTxOptions(new Command('update'))
      .description(`change a ${kind} entry you own: fee, endpoint, metadata`)
      .argument('<id>')
      .option('--fee <eth>', 'new fee per use, in ETH')
      .option('--endpoint <url>', 'new endpoint')
      .option('--metadata <source>', kind === 'agent' ? 'new metadata from an agent module path or a metadata .json file' : 'new metadata from a metadata .json file')
      .action(async (id: string, raw: unknown) => {
        const options = await parseOptions((z) => z.object({ ...txOptionsShape(z), fee: z.string().min(1).optional(), endpoint: z.string().min(1).optional(), metadata: z.string().min(1).optional() }), raw);
        const entryId = parseEntryId(kind, id);
        const { parseFeeEth, updateEntryPlan } = await import('../../../runtime/src/registry/plans.js');
        const { actionTag, registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const { pinMetadata } = await import('../../../runtime/src/registry/metadata.js');
        const feeWei = options.fee !== undefined ? parseFeeEth(options.fee) : undefined;
        if (options.endpoint !== undefined) checkEndpoint(options.endpoint);
        const metadata = options.metadata ? await metadataFromSource(kind, options.metadata, options.endpoint) : undefined;
        const context = await openContributorContext(options);
        try {
          const { session } = context;
          const contracts = registryContractsFrom(session.contracts);
          await requireOwnedEntry(context, kind, entryId);
          const pinned = metadata ? pinMetadata({ home: session.home, metadata }) : undefined;
          const plan = updateEntryPlan({
            kind,
            contracts,
            entryId,
            feeWei,
            endpoint: options.endpoint,
            metadata: pinned ? { uri: pinned.uri, contentHash: pinned.contentHash } : undefined,
            tags: metadata ? metadata.actions.map(actionTag) : undefined,
          });
          const outcome = await runContributorPlans(session, { text: `lucid ${kind} update ${entryId}`, plans: [plan], options });
          if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
        } finally {
          await context.close();
        }
      }),
  );

  command.addCommand(
    addTxOptions(new Command('deactivate'))
      .description(`turn a ${kind} entry off: it can no longer be used or routed to (you keep it)`)
      .argument('<id>')
      .action(async (id: string, raw: unknown) => {
        const options = await parseOptions(txOptionsSchema, raw);
        const entryId = parseEntryId(kind, id);
        const { deactivateEntryPlan } = await import('../../../runtime/src/registry/plans.js');
        const { registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const context = await openContributorContext(options);
        try {
          await requireOwnedEntry(context, kind, entryId);
          const plan = deactivateEntryPlan({ kind, contracts: registryContractsFrom(context.session.contracts), entryId });
          const outcome = await runContributorPlans(context.session, { text: `lucid ${kind} deactivate ${entryId}`, plans: [plan], options });
          if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
        } finally {
          await context.close();
        }
      }),
  );

  command.addCommand(
    addReadOptions(new Command('list'))
      .description(`every ${kind} in the registry (from the local index): owner, fee, active, actions, usage`)
      .action(async (raw: unknown) => {
        const options = await parseOptions(readOptionsSchema, raw);
        const { listEntries } = await import('../../../runtime/src/registry/views.js');
        const { registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const context = await openContributorContext(options);
        try {
          const { session, store } = context;
          const entries = listEntries(store.db, { chainId: session.chainId, contracts: registryContractsFrom(session.contracts), kind });
          if (options.json) return writeJson({ kind, chainId: session.chainId, entries });
          if (entries.length === 0) return writeData(`no ${kind}s registered yet — ${kind === 'agent' ? 'lucid agent register ./my-agent/agent.ts --endpoint <url>' : `lucid ${kind} register <name>`}`);
          const { formatEther } = await import('viem');
          for (const entry of entries) {
            const name = entry.name ? sanitize(entry.name, 40) : paint('(unverified metadata)', 'dim', process.stdout);
            const state = entry.active ? paint('active', 'green', process.stdout) : paint('inactive', 'dim', process.stdout);
            writeData(`#${entry.entryId}  ${name}  ${state}  fee ${formatEther(entry.feeWei)} ETH  uses ${entry.usageCount}  ${entry.actions.map((a) => sanitize(a, 32)).join(',')}  owner ${entry.owner}`);
          }
        } finally {
          await context.close();
        }
      }),
  );

  command.addCommand(
    addReadOptions(new Command('show'))
      .description(`one ${kind}: details, usage, fees earned, emissions earned and claimable`)
      .argument('<id>')
      .action(async (id: string, raw: unknown) => {
        const options = await parseOptions(readOptionsSchema, raw);
        const entryId = parseEntryId(kind, id);
        const { requireEntry, readEntryEarnings } = await import('../../../runtime/src/registry/views.js');
        const { registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const context = await openContributorContext(options);
        try {
          const { session, store } = context;
          const contracts = registryContractsFrom(session.contracts);
          const entry = requireEntry(store.db, { chainId: session.chainId, contracts, kind, entryId });
          const earnings = await readEntryEarnings(session.publicClient, store.db, { chainId: session.chainId, contracts, kind, entryId });
          if (options.json) return writeJson({ ...entry, earnings });
          const { formatEther } = await import('viem');
          const lines = [
            `${kind} #${entry.entryId}  ${entry.name ? sanitize(entry.name, 64) : '(unverified metadata)'}  ${entry.active ? 'active' : 'inactive'}`,
            entry.description ? `  ${sanitize(entry.description, 200)}` : undefined,
            `  owner      ${entry.owner}`,
            `  fee        ${formatEther(entry.feeWei)} ETH per use`,
            `  actions    ${entry.actions.map((a) => sanitize(a, 66)).join(', ') || '—'}`,
            `  endpoint   ${entry.endpoint ? sanitize(entry.endpoint, 120) : '—'}`,
            `  metadata   ${sanitize(entry.metadataUri, 120)}`,
            `  uses       ${entry.usageCount}`,
            `  fees       ${formatEther(earnings.feesEarnedWei)} ETH earned (net of the protocol cut), ${formatEther(earnings.feesOwedWei)} ETH withdrawable`,
            `  emissions  ${formatEther(earnings.rewardsEarned)} LUCID earned, ${formatEther(earnings.claimableRewards)} LUCID claimable`,
          ];
          writeData(lines.filter((line) => line !== undefined).join('\n'));
        } finally {
          await context.close();
        }
      }),
  );

  command.addCommand(
    addTxOptions(new Command('withdraw'))
      .description(`withdraw the ETH fees a ${kind} you own has earned`)
      .argument('<id>')
      .action(async (id: string, raw: unknown) => {
        const options = await parseOptions(txOptionsSchema, raw);
        const entryId = parseEntryId(kind, id);
        const { withdrawFeesPlan } = await import('../../../runtime/src/registry/plans.js');
        const { registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const context = await openContributorContext(options);
        try {
          const { session } = context;
          await requireOwnedEntry(context, kind, entryId);
          const plan = await withdrawFeesPlan(session.publicClient, { kind, contracts: registryContractsFrom(session.contracts), entryId, to: session.account.address });
          const outcome = await runContributorPlans(session, { text: `lucid ${kind} withdraw ${entryId}`, plans: [plan], options });
          if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
        } finally {
          await context.close();
        }
      }),
  );

  command.addCommand(
    addTxOptions(new Command('claim'))
      .description(`claim the LUCID emissions a ${kind} you own has earned`)
      .argument('<id>')
      .action(async (id: string, raw: unknown) => {
        const options = await parseOptions(txOptionsSchema, raw);
        const entryId = parseEntryId(kind, id);
        const { claimEntryRewardsPlan } = await import('../../../runtime/src/registry/plans.js');
        const { contributorContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
        const context = await openContributorContext(options);
        try {
          const { session } = context;
          await requireOwnedEntry(context, kind, entryId);
          const plan = await claimEntryRewardsPlan(session.publicClient, { kind, contracts: contributorContractsFrom(session.contracts), entryId, to: session.account.address });
          const outcome = await runContributorPlans(session, { text: `lucid ${kind} claim ${entryId}`, plans: [plan], options });
          if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
        } finally {
          await context.close();
        }
      }),
  );
  return command;
}

/** The entry, which the session's account must own (the contracts would revert; this says why first). */
async function requireOwnedEntry(context: ContributorContext, kind: RegistryKind, entryId: bigint): Promise<void> {
  const { requireEntry } = await import('../../../runtime/src/registry/views.js');
  const { registryContractsFrom } = await import('../../../runtime/src/registry/kinds.js');
  const { session, store } = context;
  const entry = requireEntry(store.db, { chainId: session.chainId, contracts: registryContractsFrom(session.contracts), kind, entryId });
  if (entry.owner.toLowerCase() !== session.account.address.toLowerCase())
    throw new RefusedError('NOT_ENTRY_OWNER', `${kind} #${entryId} is owned by ${entry.owner}, not by your account ${session.account.address}`, {
      hints: ['use --account to pick the wallet that owns it'],
    });
}

/** The highest-id entry of `kind` owned by the session's account with this content hash (just registered). */
function newestOwnedEntry(store: Store, session: Session, kind: RegistryKind, contentHash: string): bigint | undefined {
  const contractKey = { agent: 'agentRegistry', frontend: 'frontendRegistry', compute: 'computeRegistry' }[kind];
  const registry = session.contracts[contractKey];
  if (!registry) return undefined;
  const row = store.db
    .prepare(
      `SELECT agent_id FROM agents_cache WHERE chain_id = ? AND registry = ? AND owner = ? AND metadata_hash = ?
       ORDER BY length(agent_id) DESC, agent_id DESC LIMIT 1`,
    )
    .get(session.chainId, registry, session.account.address, contentHash.toLowerCase()) as { agent_id: string } | undefined;
  return row ? BigInt(row.agent_id) : undefined;
}

/** An endpoint must be an http(s) URL without credentials. */
export function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError('BAD_ENDPOINT', `--endpoint must be a URL like http://127.0.0.1:8787, got "${sanitize(endpoint, 60)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('BAD_ENDPOINT', '--endpoint must be an http:// or https:// URL');
  if (url.username || url.password) throw new InputError('BAD_ENDPOINT', '--endpoint must not contain credentials');
  return endpoint.replace(/\/+$/, '');
}

/** New metadata for `update --metadata`: a metadata JSON file, or (agents) an agent module. */
async function metadataFromSource(kind: RegistryKind, source: string, endpoint: string | undefined): Promise<EntryMetadata> {
  const { entryMetadataSchema, agentMetadata } = await import('../../../runtime/src/registry/metadata.js');
  if (source.endsWith('.json')) {
    const { readFileSync } = await import('node:fs');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(source, 'utf8'));
    } catch {
      throw new InputError('BAD_METADATA', `cannot read metadata JSON from ${sanitize(source, 120)}`);
    }
    const parsed = entryMetadataSchema.safeParse(json);
    if (!parsed.success) throw new InputError('BAD_METADATA', `${sanitize(source, 120)} is not valid entry metadata: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    if (parsed.data.kind !== kind) throw new InputError('BAD_METADATA', `${sanitize(source, 120)} describes a ${parsed.data.kind}, not a ${kind}`);
    return parsed.data;
  }
  if (kind !== 'agent') throw new InputError('BAD_METADATA', '--metadata must be a .json file');
  const { loadAgent } = await import('../../../agents/sdk/loadAgentModule.js');
  return agentMetadata(await loadAgent(source), endpoint);
}
