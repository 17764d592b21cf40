/**
 * `lucid <kind> register|update|deactivate|list|show|withdraw|claim`: one implementation of the registry verbs
 * for the agent, frontend and compute registries, one function per verb. Verbs that sign build a plan and run
 * it through the guarded pipeline; verbs that read answer from the registry index (synced first) and, for
 * money, from the contracts' own views.
 */
import { Command } from 'commander';
import { InputError, RefusedError } from '../../../kernel/errors.js';
import type { RegistryKind, Session } from '../../../runtime/index.js';
import { checkEndpoint, metadataFromSource, parseEntryId, type DescribeEntry } from '../contributor/entryArguments.js';
import { openContributorSession } from '../contributor/openContributorSession.js';
import { outcomeDocument, runContributorPlans } from '../contributor/runContributorPlans.js';
import { paint, sanitize, say, writeData, writeJson } from '../output.js';
import { addReadOptions, addTxOptions, parseOptions, readOptionsSchema, txOptionsSchema, txOptionsShape } from './options.js';

/** "an agent", "a frontend": help text reads as English. */
const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

export type EntryCommandParameters = { kind: RegistryKind; description: string; registerArgument: string; describe: DescribeEntry; examples: string };

export function entryCommand({ kind, description, registerArgument, describe, examples }: EntryCommandParameters): Command {
  return new Command(kind)
    .description(description)
    .addHelpText('after', examples)
    .addCommand(registerVerb(kind, registerArgument, describe))
    .addCommand(updateVerb(kind))
    .addCommand(deactivateVerb(kind))
    .addCommand(listVerb(kind))
    .addCommand(showVerb(kind))
    .addCommand(withdrawVerb(kind))
    .addCommand(claimVerb(kind));
}

function registerVerb(kind: RegistryKind, registerArgument: string, describe: DescribeEntry): Command {
  return addTxOptions(new Command('register'))
    .description(`register a new ${kind} entry (an ERC-721 you own) with its metadata, fee and endpoint`)
    .argument(registerArgument)
    .option('--fee <eth>', 'fee per use, in ETH (e.g. 0.001)', '0')
    .option('--endpoint <url>', 'HTTP endpoint (e.g. http://127.0.0.1:8787)')
    .option('--description <text>', 'one-line description (frontend/compute)')
    .option('--tags <list>', 'comma-separated capabilities (frontend/compute)')
    .action(async (argument: string, raw: unknown) => {
      const options = await parseOptions((z) => z.object({ ...txOptionsShape(z), fee: z.string().default('0'), endpoint: z.string().min(1).optional(), description: z.string().min(1).optional(), tags: z.string().min(1).optional() }), raw);
      const { actionTag, newestOwnedEntry, parseFeeEth, pinMetadata, registerEntryPlan, registryContractsFrom, syncSessionRegistry } = await import('../../../runtime/index.js');
      const feeWei = parseFeeEth(options.fee);
      const { metadata, endpoint } = await describe(argument, options);
      const session = await openContributorSession(options);
      try {
        const contracts = registryContractsFrom(session.contracts);
        const pinned = pinMetadata({ home: session.home, metadata });
        if (!options.json && kind === 'agent' && !endpoint) say(paint('note: no --endpoint: routers cannot reach this agent until you set one (`lucid agent serve`, then `lucid agent update <id> --endpoint <url>`)', 'yellow'));
        const plan = registerEntryPlan({ kind, contracts, name: metadata.id, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: metadata.actions.map(actionTag), endpoint, feeWei });
        const outcome = await runContributorPlans(session, { text: `lucid ${kind} register ${argument}`, plans: [plan], options });
        let entryId: bigint | undefined;
        if (outcome.status === 'confirmed') {
          await syncSessionRegistry(session);
          entryId = newestOwnedEntry(session.store.db, { chainId: session.chainId, contracts, kind, owner: session.account.address, contentHash: pinned.contentHash });
          if (!options.json && entryId !== undefined) writeData(`registered ${kind} #${entryId} "${metadata.id}" (metadata ${pinned.uri})`);
        }
        if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId, metadataUri: pinned.uri, contentHash: pinned.contentHash, metadataFile: pinned.path }));
      } finally {
        await session.close();
      }
    });
}

function updateVerb(kind: RegistryKind): Command {
  return addTxOptions(new Command('update'))
    .description(`change ${article(kind)} ${kind} entry you own: fee, endpoint, metadata`)
    .argument('<id>')
    .option('--fee <eth>', 'new fee per use, in ETH')
    .option('--endpoint <url>', 'new endpoint')
    .option('--metadata <source>', kind === 'agent' ? 'new metadata from an agent module path or a metadata .json file' : 'new metadata from a metadata .json file')
    .action(async (id: string, raw: unknown) => {
      const options = await parseOptions((z) => z.object({ ...txOptionsShape(z), fee: z.string().min(1).optional(), endpoint: z.string().min(1).optional(), metadata: z.string().min(1).optional() }), raw);
      const entryId = parseEntryId(kind, id);
      const { actionTag, parseFeeEth, pinMetadata, readEntryMetadata, registryContractsFrom, updateEntryPlan } = await import('../../../runtime/index.js');
      const feeWei = options.fee !== undefined ? parseFeeEth(options.fee) : undefined;
      if (options.endpoint !== undefined) checkEndpoint(options.endpoint);
      let metadata = options.metadata ? await metadataFromSource(kind, options.metadata, options.endpoint) : undefined;
      // The metadata pins the endpoint (routing trusts no other): a new endpoint goes into the metadata too.
      if (metadata && options.endpoint !== undefined) metadata = { ...metadata, endpoint: options.endpoint };
      const session = await openContributorSession(options);
      try {
        await requireOwnedEntry(session, kind, entryId);
        if (!metadata && options.endpoint !== undefined) {
          const current = await readEntryMetadata(session.publicClient, { chainId: session.chainId, contracts: registryContractsFrom(session.contracts), kind, entryId, home: session.home });
          if (!current)
            throw new InputError('METADATA_NOT_FOUND', `${kind} #${entryId}'s metadata is not on this machine, and the endpoint is pinned by it`, {
              hints: [`pass --metadata <source> too: the new metadata will state the new endpoint`],
            });
          metadata = { ...current, endpoint: options.endpoint };
        }
        const pinned = metadata ? pinMetadata({ home: session.home, metadata }) : undefined;
        const plan = updateEntryPlan({
          kind,
          contracts: registryContractsFrom(session.contracts),
          entryId,
          feeWei,
          endpoint: options.endpoint,
          metadata: pinned ? { uri: pinned.uri, contentHash: pinned.contentHash } : undefined,
          tags: metadata ? metadata.actions.map(actionTag) : undefined,
        });
        const outcome = await runContributorPlans(session, { text: `lucid ${kind} update ${entryId}`, plans: [plan], options });
        if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
      } finally {
        await session.close();
      }
    });
}

function deactivateVerb(kind: RegistryKind): Command {
  return addTxOptions(new Command('deactivate'))
    .description(`turn ${article(kind)} ${kind} entry off: it can no longer be used or routed to (you keep it)`)
    .argument('<id>')
    .action(async (id: string, raw: unknown) => {
      const options = await parseOptions(txOptionsSchema, raw);
      const entryId = parseEntryId(kind, id);
      const { deactivateEntryPlan, registryContractsFrom } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options);
      try {
        await requireOwnedEntry(session, kind, entryId);
        const plan = deactivateEntryPlan({ kind, contracts: registryContractsFrom(session.contracts), entryId });
        const outcome = await runContributorPlans(session, { text: `lucid ${kind} deactivate ${entryId}`, plans: [plan], options });
        if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
      } finally {
        await session.close();
      }
    });
}

function listVerb(kind: RegistryKind): Command {
  return addReadOptions(new Command('list'))
    .description(`every ${kind} in the registry (from the local index): owner, fee, active, actions, usage`)
    .action(async (raw: unknown) => {
      const options = await parseOptions(readOptionsSchema, raw);
      const { listEntries, registryContractsFrom } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options);
      try {
        const entries = listEntries(session.store.db, { chainId: session.chainId, contracts: registryContractsFrom(session.contracts), kind });
        if (options.json) return writeJson({ kind, chainId: session.chainId, entries });
        if (entries.length === 0) return writeData(`no ${kind}s registered yet — ${kind === 'agent' ? 'lucid agent register ./my-agent/agent.ts --endpoint <url>' : `lucid ${kind} register <name>`}`);
        const { formatUnitsHuman } = await import('../../../kernel/index.js');
        for (const entry of entries) {
          const name = entry.name ? sanitize(entry.name, 40) : paint('(unverified metadata)', 'dim', process.stdout);
          const state = entry.active ? paint('active', 'green', process.stdout) : paint('inactive', 'dim', process.stdout);
          writeData(`#${entry.entryId}  ${name}  ${state}  fee ${formatUnitsHuman(entry.feeWei, 18)} ETH  uses ${entry.usageCount}  ${entry.actions.map((a) => sanitize(a, 32)).join(',')}  owner ${entry.owner}`);
        }
      } finally {
        await session.close();
      }
    });
}

function showVerb(kind: RegistryKind): Command {
  return addReadOptions(new Command('show'))
    .description(`one ${kind}: details, usage, fees earned, emissions earned and claimable`)
    .argument('<id>')
    .action(async (id: string, raw: unknown) => {
      const options = await parseOptions(readOptionsSchema, raw);
      const entryId = parseEntryId(kind, id);
      const { readEntryEarnings, registryContractsFrom, requireEntry } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options);
      try {
        const contracts = registryContractsFrom(session.contracts);
        const entry = requireEntry(session.store.db, { chainId: session.chainId, contracts, kind, entryId });
        const earnings = await readEntryEarnings(session.publicClient, session.store.db, { chainId: session.chainId, contracts, kind, entryId });
        if (options.json) return writeJson({ ...entry, earnings });
        const { formatUnitsHuman } = await import('../../../kernel/index.js');
        const eth = (wei: bigint) => formatUnitsHuman(wei, 18);
        const lines = [
          `${kind} #${entry.entryId}  ${entry.name ? sanitize(entry.name, 64) : '(unverified metadata)'}  ${entry.active ? 'active' : 'inactive'}`,
          entry.description ? `  ${sanitize(entry.description, 200)}` : undefined,
          `  owner      ${entry.owner}`,
          `  fee        ${eth(entry.feeWei)} ETH per use`,
          `  actions    ${entry.actions.map((a) => sanitize(a, 66)).join(', ') || '—'}`,
          `  endpoint   ${entry.endpoint ? sanitize(entry.endpoint, 120) : '—'}`,
          `  metadata   ${sanitize(entry.metadataUri, 120)}`,
          `  uses       ${entry.usageCount}`,
          `  fees       ${eth(earnings.feesEarnedWei)} ETH earned (net of the protocol cut), ${eth(earnings.feesOwedWei)} ETH withdrawable`,
          `  emissions  ${eth(earnings.rewardsEarned)} LUCID earned, ${eth(earnings.claimableRewards)} LUCID claimable`,
        ];
        writeData(lines.filter((line) => line !== undefined).join('\n'));
      } finally {
        await session.close();
      }
    });
}

function withdrawVerb(kind: RegistryKind): Command {
  return addTxOptions(new Command('withdraw'))
    .description(`withdraw the ETH fees ${article(kind)} ${kind} you own has earned`)
    .argument('<id>')
    .action(async (id: string, raw: unknown) => {
      const options = await parseOptions(txOptionsSchema, raw);
      const entryId = parseEntryId(kind, id);
      const { registryContractsFrom, withdrawFeesPlan } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options);
      try {
        await requireOwnedEntry(session, kind, entryId);
        const plan = await withdrawFeesPlan(session.publicClient, { kind, contracts: registryContractsFrom(session.contracts), entryId, to: session.account.address });
        const outcome = await runContributorPlans(session, { text: `lucid ${kind} withdraw ${entryId}`, plans: [plan], options });
        if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
      } finally {
        await session.close();
      }
    });
}

function claimVerb(kind: RegistryKind): Command {
  return addTxOptions(new Command('claim'))
    .description(`claim the LUCID emissions ${article(kind)} ${kind} you own has earned`)
    .argument('<id>')
    .action(async (id: string, raw: unknown) => {
      const options = await parseOptions(txOptionsSchema, raw);
      const entryId = parseEntryId(kind, id);
      const { claimEntryRewardsPlan, contributorContractsFrom } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options);
      try {
        await requireOwnedEntry(session, kind, entryId);
        const plan = await claimEntryRewardsPlan(session.publicClient, { kind, contracts: contributorContractsFrom(session.contracts), entryId, to: session.account.address });
        const outcome = await runContributorPlans(session, { text: `lucid ${kind} claim ${entryId}`, plans: [plan], options });
        if (options.json) writeJson(await outcomeDocument(outcome, { kind, entryId }));
      } finally {
        await session.close();
      }
    });
}

/** The entry, which the session's account must own (the contracts would revert; this says why first). */
async function requireOwnedEntry(session: Session, kind: RegistryKind, entryId: bigint): Promise<void> {
  const { registryContractsFrom, requireEntry } = await import('../../../runtime/index.js');
  const entry = requireEntry(session.store.db, { chainId: session.chainId, contracts: registryContractsFrom(session.contracts), kind, entryId });
  if (entry.owner.toLowerCase() !== session.account.address.toLowerCase())
    throw new RefusedError('NOT_ENTRY_OWNER', `${kind} #${entryId} is owned by ${entry.owner}, not by your account ${session.account.address}`, {
      hints: ['use --account to pick the wallet that owns it'],
    });
}
