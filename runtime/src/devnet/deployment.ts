/**
 * The deployment record of the devnet's world: which contracts and tokens the bootstrap deployed and where.
 * Written to `$LUCID_HOME/devnet/deployment.json` after a successful bootstrap; everything else (agents, the
 * token list, the CLI) reads addresses from here, never hard-codes them.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { getAddress, isAddress, type Address } from 'viem';
import { InfraError } from '../../../kernel/index.js';

/** Bumped whenever the bootstrap changes what it deploys, so stale caches and records are detected. */
export const DEPLOYMENT_VERSION = 5;

export type DevnetToken = { symbol: string; address: Address; decimals: number };

export type DevnetDeployment = {
  chainId: 31337;
  /**
   * Keys: `weth`, `uniswapV2Factory`, `uniswapV2Router` (venue "uniswap-v2"), `forkV2Factory`, `forkV2Router`
   * (venue "v2-fork"), `uniswapV3Factory`, `uniswapV3Router`, `uniswapV3Quoter`, `uniswapV3PositionManager`
   * (venue "uniswap-v3"), the Aave V3 lending market (`deployAaveV3.ts`): `aavePoolAddressesProvider`,
   * `aavePool` (the Pool proxy users call: supply, withdraw, getReserveData), `aavePoolConfigurator`,
   * `aaveOracle`, `aaveProtocolDataProvider`, and per market `aaveAToken:<SYMBOL>` (the receipt token, e.g.
   * `aaveAToken:USDC` for aUSDC; `listLendingMarkets` pairs them with their assets), plus `rewardToken`, `emissionController`, `agentRegistry`, `frontendRegistry`,
   * `computeRegistry`, `usageLedger`, `capitalPool` when the registry contracts were deployed.
   */
  contracts: Record<string, Address>;
  /** WETH, USDC (6), DAI (18), stETH (18), and LUCID (the reward token) when deployed. */
  tokens: DevnetToken[];
  /** anvil account #9. */
  deployer: Address;
  /** anvil account #0, the user's default account. */
  account: Address;
  /** The block number right after the bootstrap. */
  bootstrapBlock: number;
  version: number;
};

/** Writes the record atomically (temp file + rename), so a crash never leaves half a JSON file. */
export function writeDeployment(path: string, deployment: DevnetDeployment): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(deployment, null, 2)}\n`);
  renameSync(temp, path);
}

/** Reads and checks the record; `undefined` when the file does not exist. */
export function readDeployment(path: string): DevnetDeployment | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InfraError('DEVNET_DEPLOYMENT_UNREADABLE', `Cannot read ${path}.`, { cause: error });
  }
  const parsed = parseDeployment(text);
  if (!parsed) {
    throw new InfraError('DEVNET_DEPLOYMENT_UNREADABLE', `The devnet deployment record ${path} is damaged.`, {
      hints: ['Run `lucid devnet reset` to start a fresh devnet.'],
    });
  }
  return parsed;
}

/** Hand-checked rather than zod so the record's type stays exactly {@link DevnetDeployment}. */
function parseDeployment(text: string): DevnetDeployment | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.chainId !== 31337) return undefined;
  if (typeof record.bootstrapBlock !== 'number' || typeof record.version !== 'number') return undefined;
  if (typeof record.deployer !== 'string' || !isAddress(record.deployer)) return undefined;
  if (typeof record.account !== 'string' || !isAddress(record.account)) return undefined;
  if (!record.contracts || typeof record.contracts !== 'object') return undefined;
  const contracts: Record<string, Address> = {};
  for (const [key, address] of Object.entries(record.contracts as Record<string, unknown>)) {
    if (typeof address !== 'string' || !isAddress(address)) return undefined;
    contracts[key] = getAddress(address);
  }
  if (!contracts.weth) return undefined;
  if (!Array.isArray(record.tokens)) return undefined;
  const tokens: DevnetToken[] = [];
  for (const token of record.tokens as unknown[]) {
    const t = token as Record<string, unknown>;
    if (typeof t?.symbol !== 'string' || typeof t.decimals !== 'number') return undefined;
    if (typeof t.address !== 'string' || !isAddress(t.address)) return undefined;
    tokens.push({ symbol: t.symbol, address: getAddress(t.address), decimals: t.decimals });
  }
  return {
    chainId: 31337,
    contracts,
    tokens,
    deployer: getAddress(record.deployer),
    account: getAddress(record.account),
    bootstrapBlock: record.bootstrapBlock,
    version: record.version,
  };
}

/** One lending market of the devnet: the underlying asset and the receipt token a supply mints 1:1. */
export type LendingMarket = {
  protocol: 'aave-v3';
  /** The Pool proxy to call (`supply`, `withdraw`, `getReserveData`). */
  pool: Address;
  /** The underlying token's symbol, as on the devnet token list (`USDC`, `DAI`, `WETH`). */
  symbol: string;
  asset: Address;
  /** The aToken: its balance is the underlying value, interest included; same decimals as the asset. */
  aToken: Address;
  aTokenSymbol: string;
  decimals: number;
};

/**
 * The lending markets in a deployment record, read from its `aaveAToken:<SYMBOL>` keys (empty for a record
 * without Aave). A market whose asset is not on the record's token list is left out: there is nothing to
 * supply it from.
 * @example
 * const usdc = listLendingMarkets(deployment).find((m) => m.symbol === 'USDC')
 */
export function listLendingMarkets(deployment: Pick<DevnetDeployment, 'contracts' | 'tokens'>): LendingMarket[] {
  const pool = deployment.contracts.aavePool;
  if (!pool) return [];
  const markets: LendingMarket[] = [];
  for (const [key, aToken] of Object.entries(deployment.contracts)) {
    if (!key.startsWith(AAVE_ATOKEN_KEY_PREFIX)) continue;
    const symbol = key.slice(AAVE_ATOKEN_KEY_PREFIX.length);
    const token = deployment.tokens.find((t) => t.symbol === symbol);
    if (!token) continue;
    markets.push({ protocol: 'aave-v3', pool, symbol, asset: token.address, aToken, aTokenSymbol: `a${symbol}`, decimals: token.decimals });
  }
  return markets;
}

/** The deployment record key of a market's aToken: `aaveAToken:USDC`. */
export const AAVE_ATOKEN_KEY_PREFIX = 'aaveAToken:';
