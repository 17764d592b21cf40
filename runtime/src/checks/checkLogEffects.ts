/**
 * Every log of the simulated sequence, explained or refused (issue 13, guarantee 1). The user's token balances
 * can look perfect while a plan withdraws their stake to someone else, approves an operator for their NFTs, or
 * rewrites the endpoint of a registry entry they own: those effects live in other contracts' state. Each log is
 * read for what it does to the user:
 *
 * - value (an ERC-20 transfer, or a native ETH move traced by the node) reaching an address that is not the user,
 *   not a recipient the user named, and not one of the venue's own contracts → unexplained;
 * - an ERC-721 token of the user's leaving, an ERC-721 `approve` or `setApprovalForAll` by the user → unexplained
 *   (no intent asks for those);
 * - the user's position in the capital pool (stake, rewards) moved by anything but the matching intent paid back
 *   to the user, and any setting of a registry entry the user owns changed → unexplained;
 * - a log that no known ABI decodes, emitted by a contract that holds the user's value (the deployment's
 *   contracts, the tokens) → refused: what the guard cannot read it does not sign.
 *
 * Logs of the deployment's own contracts are trusted for what they say because only those contracts can emit
 * them (a log carries its emitter's address); balances and allowances are compared from state elsewhere
 * ({@link checkIntentEffects}).
 */
import { getAddress, isAddressEqual, zeroAddress, type Address } from 'viem';
import { formatUnitsHuman, type ResolvedIntent } from '../../../kernel/index.js';
import { ethTransferLogAddress, type DecodedLog, type SimulationReport } from '../simulate/types.js';
import { describeResolvedIntent, type UnexplainedEffect } from './checkIntentEffects.js';

/** What the log rules need to know about the world, read before the plan ({@link readEffectContext}). */
export type LogEffectContext = {
  /** The deployment's protocol contracts by name (`capitalPool`, `agentRegistry`, `uniswapV2Router`, …). */
  contracts: Record<string, Address>;
  /** Contracts that may receive value in the plan's course: the deployment's, pools of its factories, contracts the plan calls. */
  venues: readonly Address[];
  /** Registry entries the user owned on the block the plan was simulated on. */
  ownedEntries: readonly { registry: Address; entryId: bigint }[];
  /** Contracts that hold the user's value: a log there that nothing decodes is refused. */
  valueHolders: readonly Address[];
};

const registryKeys = ['agentRegistry', 'frontendRegistry', 'computeRegistry'] as const;
const entrySettingEvents = new Set(['EntryMetadataUpdated', 'EntryTagsUpdated', 'EntryEndpointUpdated', 'EntryFeeUpdated', 'EntryActiveUpdated']);

/**
 * The effects among the sequence's logs that the intents do not explain.
 *
 * @param report - The simulation of the whole plan.
 * @param intents - The resolved intents, in order.
 * @param account - The user's address.
 * @param context - {@link LogEffectContext}
 * @returns One {@link UnexplainedEffect} per effect, in log order; empty when every log is explained.
 */
export function checkLogEffects(report: SimulationReport, intents: readonly ResolvedIntent[], account: Address, context: LogEffectContext): UnexplainedEffect[] {
  const out: UnexplainedEffect[] = [];
  const said = intents.map(describeResolvedIntent).join(', then ') || 'your words';
  const named = intents.flatMap((intent) => (intent.action === 'transfer' && intent.to ? [intent.to] : []));
  const allowed = [account, ...named, ...context.venues, zeroAddress];
  const has = (list: readonly Address[], address: unknown) => typeof address === 'string' && list.some((item) => isAddressEqual(item, address as Address));
  const is = (key: string, address: Address) => Boolean(context.contracts[key]) && isAddressEqual(context.contracts[key]!, address);
  const mine = (value: unknown) => typeof value === 'string' && isAddressEqual(value as Address, account);
  const push = (kind: UnexplainedEffect['kind'], token: Address, symbol: string, intentSays: string, simulationShows: string) => {
    const message = `You asked: ${intentSays}. The simulation: ${simulationShows}.`;
    if (!out.some((item) => item.message === message)) out.push({ kind, token, symbol, intentSays, simulationShows, message });
  };
  const tokenOf = (address: Address) =>
    report.tokens.find((token) => token.address !== 'ETH' && isAddressEqual(token.address, address)) ?? { symbol: short(address), decimals: 0 };

  for (const call of report.calls) {
    for (const log of call.logs) {
      const emitter = getAddress(log.address);
      const args = log.args ?? {};
      if (!log.eventName) {
        if (has(context.valueHolders, emitter))
          push('uninterpretable-log', emitter, short(emitter), `"${said}" does nothing the guard cannot read`, `step ${call.index + 1} makes ${short(emitter)}, which holds your assets, emit an event no known contract defines (${log.topics[0]?.slice(0, 10) ?? 'no topic'})`);
        continue;
      }
      const erc721 = log.topics.length === 4;
      switch (log.eventName) {
        case 'Transfer': {
          if (erc721) {
            if (mine(args.from))
              push('nft-leaves', emitter, short(emitter), `"${said}" moves none of your NFTs`, `your token #${String(args.tokenId ?? args[2] ?? '?')} of ${short(emitter)} goes to ${String(args.to)}`);
            break;
          }
          const value = typeof args.value === 'bigint' ? args.value : 0n;
          if (value === 0n || has(allowed, args.to)) break;
          const isEth = isAddressEqual(emitter, ethTransferLogAddress);
          const { symbol, decimals } = isEth ? { symbol: 'ETH', decimals: 18 } : tokenOf(emitter);
          push(
            'value-to-stranger',
            isEth ? zeroAddress : emitter,
            symbol,
            `"${said}" pays nobody but ${named.length ? 'you and the recipient you named' : 'you'} (and the venue's own contracts)`,
            `${String(args.to)} receives ${formatUnitsHuman(value, decimals)} ${symbol}${mine(args.from) ? ' from you' : ` from ${String(args.from)}`}`,
          );
          break;
        }
        case 'Approval': {
          // OpenZeppelin names the fields (approved, tokenId); solady, which the registries use, (account, id).
          const spender = args.approved ?? args.account;
          if (erc721 && mine(args.owner) && typeof spender === 'string' && !isAddressEqual(spender as Address, zeroAddress))
            push('nft-approval', emitter, short(emitter), `"${said}" lets nobody take your NFTs`, `${String(spender)} may take your token #${String(args.tokenId ?? args.id ?? '?')} of ${short(emitter)}`);
          break;
        }
        case 'ApprovalForAll':
          if (mine(args.owner) && (args.approved ?? args.isApproved) === true)
            push('nft-approval-for-all', emitter, short(emitter), `"${said}" lets nobody take your NFTs`, `${String(args.operator)} may take every token you hold in ${short(emitter)}`);
          break;
        case 'Staked':
          if (is('capitalPool', emitter) && mine(args.account) && !intents.some((intent) => intent.action === 'stake'))
            push('position-changed', emitter, 'stake', `"${said}" does not stake`, `${formatUnitsHuman(asBigint(args.amount), 18)} is staked from your account in the capital pool`);
          break;
        case 'Withdrawn':
          if (is('capitalPool', emitter) && mine(args.account) && !(intents.some((intent) => intent.action === 'unstake') && mine(args.to)))
            push('position-changed', emitter, 'stake', `"${said}" does not withdraw your stake${intents.some((i) => i.action === 'unstake') ? ' to anyone but you' : ''}`, `your capital pool stake of ${formatUnitsHuman(asBigint(args.amount), 18)} is withdrawn to ${String(args.to)}`);
          break;
        case 'RewardClaimed':
          if (is('capitalPool', emitter) && mine(args.account) && !(intents.some((intent) => intent.action === 'claim' || intent.action === 'unstake') && mine(args.to)))
            push('position-changed', emitter, 'rewards', `"${said}" does not claim your rewards${intents.some((i) => i.action === 'claim') ? ' to anyone but you' : ''}`, `your capital pool rewards (${formatUnitsHuman(asBigint(args.amount), 18)}) are claimed to ${String(args.to)}`);
          break;
        default:
          if (entrySettingEvents.has(log.eventName) && registryKeys.some((key) => is(key, emitter))) {
            const entryId = asBigint(args.entryId);
            if (context.ownedEntries.some((entry) => isAddressEqual(entry.registry, emitter) && entry.entryId === entryId))
              push('entry-changed', emitter, `entry #${entryId}`, `"${said}" changes none of your registry entries`, `your entry #${entryId} in ${short(emitter)} is changed (${log.eventName}${describeSetting(log)})`);
          }
          if ((log.eventName === 'RewardsClaimed' || log.eventName === 'FeesWithdrawn') && is('usageLedger', emitter)) {
            const entryId = asBigint(args.entryId);
            const registry = [...registryKeys][Number(args.pool ?? 0)];
            const owned = context.ownedEntries.some((entry) => registry && is(registry, entry.registry) && entry.entryId === entryId);
            if (owned && !mine(args.to))
              push('position-changed', emitter, `entry #${entryId}`, `"${said}" does not pay out your entry's earnings`, `the earnings of your entry #${entryId} are paid to ${String(args.to)}`);
          }
      }
    }
  }
  return out;
}

function describeSetting(log: DecodedLog): string {
  const args = log.args ?? {};
  if (typeof args.endpoint === 'string') return `: endpoint → ${JSON.stringify(args.endpoint.slice(0, 80))}`;
  if (typeof args.fee === 'bigint') return `: fee → ${args.fee} wei`;
  if (typeof args.active === 'boolean') return `: active → ${args.active}`;
  return '';
}

function asBigint(value: unknown): bigint {
  return typeof value === 'bigint' ? value : 0n;
}

function short(address: Address): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
