/**
 * The devnet's factories create their pools from shipped bytecode: the V2 factories (Uniswap's and its fork,
 * both from the shipped UniswapV2Factory artifact) their pairs from the UniswapV2Pair artifact, the V3 factory
 * its pools from the UniswapV3Pool artifact. The hash of that bytecode lets agents compute a pool's address with
 * CREATE2 instead of asking the factory (`getPair`, `getPool`). Hashed from the artifacts when they are generated
 * (registry-contracts/generated/initCodeHashes.ts, checked with them by `npm run check:artifacts`), never written by
 * hand: a process need not load and hash ~70 KB of bytecode. The tests beside hold the hashes to the factories' own
 * answers for every pool they made, and to the bytecode itself.
 */
import type { Address, Hex } from 'viem';
import { initCodeHashes } from '../../../registry-contracts/index.js';

/** Keys of the deployment's factories built from the shipped UniswapV2Factory (see bootstrapDevnet). */
const v2FactoryKeys = ['uniswapV2Factory', 'forkV2Factory'] as const;
/** Keys of the deployment's factories built from the shipped UniswapV3Factory (see deployUniswapV3). */
const v3FactoryKeys = ['uniswapV3Factory'] as const;

export type DevnetPoolInitCodeHashesReturnType = Record<string, Hex>;

/**
 * @example
 * const hashes = devnetPoolInitCodeHashes(deployment.contracts); // { uniswapV2Factory: '0x…', forkV2Factory: '0x…', uniswapV3Factory: '0x…' }
 */
export function devnetPoolInitCodeHashes(contracts: Record<string, Address>): DevnetPoolInitCodeHashesReturnType {
  const pairHash = initCodeHashes.UniswapV2Pair!;
  const poolHash = initCodeHashes.UniswapV3Pool!;
  return Object.fromEntries([
    ...v2FactoryKeys.filter((key) => contracts[key]).map((key) => [key, pairHash] as const),
    ...v3FactoryKeys.filter((key) => contracts[key]).map((key) => [key, poolHash] as const),
  ]);
}

/** The pool init code hashes by factory address (lower-case), V2 pairs and V3 pools apart: what the checks derive pools with. */
export type PoolHashesByFactory = { v2: ReadonlyMap<string, Hex>; v3: ReadonlyMap<string, Hex> };

/**
 * @example
 * const { v2 } = devnetPoolHashesByFactory(deployment.contracts); // v2.get(uniswapV2Factory.toLowerCase()) → '0x…'
 */
export function devnetPoolHashesByFactory(contracts: Record<string, Address>): PoolHashesByFactory {
  const hashes = devnetPoolInitCodeHashes(contracts);
  const byAddress = (keys: readonly string[]) =>
    new Map(keys.filter((key) => contracts[key] && hashes[key]).map((key) => [contracts[key]!.toLowerCase(), hashes[key]!] as const));
  return { v2: byAddress(v2FactoryKeys), v3: byAddress(v3FactoryKeys) };
}
