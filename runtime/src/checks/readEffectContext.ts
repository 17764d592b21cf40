/**
 * What {@link checkLogEffects} needs to know about the world before the plan: which contracts are the venue's own
 * (the deployment's contracts, pools its factories created — Uniswap V2 pairs and V3 pools —, contracts the plan itself calls), which registry
 * entries the user owns, and which contracts hold the user's value. Read from the chain at the block the plan
 * was simulated on, never from what an agent says.
 */
import { getAddress, isAddressEqual, parseAbi, type Address, type Hex, type PublicClient } from 'viem';
import { v2PairAddress, v3PoolAddress } from '../../../agents/index.js';
import { toChecksumAddress, type TokenInfo } from '../../../kernel/index.js';
import { ethTransferLogAddress, type SimulationReport } from '../simulate/types.js';
import type { LogEffectContext } from './checkLogEffects.js';

const pairAbi = parseAbi([
  'function factory() view returns (address)',
  'function token0() view returns (address)',
  'function token1() view returns (address)',
  'function getPair(address, address) view returns (address)',
  'function fee() view returns (uint24)',
  'function getPool(address, address, uint24) view returns (address)',
]);
const ownerAbi = parseAbi(['function ownerOf(uint256) view returns (address)']);
const registryKeys = ['agentRegistry', 'frontendRegistry', 'computeRegistry'] as const;

export type ReadEffectContextParameters = {
  report: SimulationReport;
  account: Address;
  contracts: Record<string, Address>;
  tokens: readonly TokenInfo[];
  /**
   * The init code hashes of the pools the deployment's factories create, by factory (lower-case), where known (the
   * devnet's): a pool then proves itself by its CREATE2 address, without asking its factory (a round trip fewer).
   */
  poolHashes?: { v2: ReadonlyMap<string, Hex>; v3: ReadonlyMap<string, Hex> } | undefined;
};

/**
 * @example
 * const context = await readEffectContext(client, { report, account, contracts: session.contracts, tokens: session.tokens })
 * const unexplained = checkLogEffects(report, intents, account, context)
 */
export async function readEffectContext(client: PublicClient, { report, account, contracts, tokens, poolHashes }: ReadEffectContextParameters): Promise<LogEffectContext> {
  const blockNumber = report.blockNumber;
  const deployment = Object.values(contracts).map((address) => toChecksumAddress(address));
  const known = (list: readonly Address[], address: Address) => list.some((item) => isAddressEqual(item, address));
  const logs = report.calls.flatMap((call) => call.logs);

  // Contracts the plan calls directly are its venue (an outside agent's own router); plain accounts are not.
  // Pools of the deployment's factories: each one proves itself by being its factory's pair for its tokens.
  // (A call target is judged by its code alone: with code it is a venue anyway, and an account without code
  // is no factory's pool.) Registry entries the plan's logs mention: whether the user owned them before it.
  // The three are independent reads at the report's block, asked together so that they share round trips.
  const targets = [...new Set(report.calls.map((call) => call.to.toLowerCase()))].map((address) => getAddress(address));
  const candidates = new Set<string>();
  for (const log of logs) {
    if (!isAddressEqual(log.address, ethTransferLogAddress)) candidates.add(log.address.toLowerCase());
    const to = log.args?.to;
    if (typeof to === 'string') candidates.add(to.toLowerCase());
  }
  const mentioned = new Map<string, { registry: Address; entryId: bigint }>();
  const mention = (registry: Address, entryId: unknown) => {
    if (typeof entryId === 'bigint') mentioned.set(`${registry.toLowerCase()}:${entryId}`, { registry: getAddress(registry), entryId });
  };
  for (const log of logs) {
    const args = log.args ?? {};
    if (registryKeys.some((key) => contracts[key] && isAddressEqual(contracts[key], log.address))) mention(log.address, args.entryId ?? args.tokenId);
    if (contracts.usageLedger && isAddressEqual(contracts.usageLedger, log.address) && args.entryId !== undefined) {
      const registry = contracts[registryKeys[Number(args.pool ?? 0)] ?? 'agentRegistry'];
      if (registry) mention(registry, args.entryId);
    }
  }
  const [called, pools, owned] = await Promise.all([
    Promise.all(
      targets.map(async (target) => {
        const code = await client.getCode({ address: target, blockNumber }).catch(() => undefined);
        return code && code !== '0x' && !code.toLowerCase().startsWith('0xef0100') ? [target] : [];
      }),
    ),
    Promise.all(
      [...candidates]
        .map((address) => getAddress(address))
        .filter((address) => !known(deployment, address) && !known(targets, address) && !isAddressEqual(address, account))
        .map(async (address) => ((await isPoolOfKnownFactory(client, address, deployment, blockNumber, poolHashes)) ? [address] : [])),
    ),
    Promise.all(
      [...mentioned.values()].map(async (entry) => {
        const owner = await client
          .readContract({ address: entry.registry, abi: ownerAbi, functionName: 'ownerOf', args: [entry.entryId], blockNumber })
          .catch(() => undefined);
        return owner && isAddressEqual(owner, account) ? [entry] : [];
      }),
    ),
  ]);
  const venues: Address[] = [...deployment, ...called.flat(), ...pools.flat()];
  const ownedEntries: { registry: Address; entryId: bigint }[] = owned.flat();

  // Contracts holding the user's value: the deployment's, the known tokens, and any token the user held or had approved.
  const valueHolders: Address[] = [...deployment, ...tokens.flatMap((token) => (token.address === 'ETH' ? [] : [getAddress(token.address)]))];
  for (const change of report.balanceChanges)
    if (change.token !== 'ETH' && isAddressEqual(change.address, account) && change.pre > 0n) valueHolders.push(getAddress(change.token));
  for (const approval of report.approvals) if (isAddressEqual(approval.owner, account) && approval.pre > 0n) valueHolders.push(getAddress(approval.token));

  return { contracts, venues, ownedEntries, valueHolders };
}

async function isPoolOfKnownFactory(
  client: PublicClient,
  address: Address,
  deployment: readonly Address[],
  blockNumber: bigint,
  poolHashes: ReadEffectContextParameters['poolHashes'],
): Promise<boolean> {
  const read = <name extends 'factory' | 'token0' | 'token1' | 'fee'>(functionName: name) =>
    client.readContract({ address, abi: pairAbi, functionName, blockNumber }).catch(() => undefined);
  // With the pool init code hashes a pool proves itself by its address, so its tokens are asked with its factory
  // (one round trip, beside the swap bound's reserves). Without, one question at a time: most candidates (tokens)
  // fail the first, and each failed read costs a revert to decode.
  const early = poolHashes ? ([read('token0'), read('token1'), poolHashes.v3.size ? read('fee') : undefined] as const) : undefined;
  const factory = await read('factory');
  if (!factory || !deployment.some((item) => isAddressEqual(item, factory))) return false;
  // With the factory's pool init code hash, the address itself is the proof: only the factory can have put code
  // at the CREATE2 address of these tokens (and fee tier), and only that pool.
  const v2Hash = poolHashes?.v2.get(factory.toLowerCase());
  const v3Hash = poolHashes?.v3.get(factory.toLowerCase());
  if (early && (v2Hash || v3Hash)) {
    const [token0, token1, fee] = await Promise.all(early);
    if (!token0 || !token1) return false;
    if (v2Hash) return isAddressEqual(v2PairAddress(factory, v2Hash, token0, token1), address);
    return fee !== undefined && isAddressEqual(v3PoolAddress(factory, v3Hash!, token0, token1, fee), address);
  }
  const [token0, token1] = await Promise.all([read('token0'), read('token1')]);
  if (!token0 || !token1) return false;
  const pair = await client.readContract({ address: factory, abi: pairAbi, functionName: 'getPair', args: [token0, token1], blockNumber }).catch(() => undefined);
  if (pair !== undefined) return isAddressEqual(pair, address);
  // A V3 pool: its factory's pool for its tokens at its fee tier.
  const fee = await read('fee');
  if (fee === undefined) return false;
  const pool = await client.readContract({ address: factory, abi: pairAbi, functionName: 'getPool', args: [token0, token1, fee], blockNumber }).catch(() => undefined);
  return pool !== undefined && isAddressEqual(pool, address);
}
