/**
 * The devnet's V2 factories (Uniswap's and its fork, both deployed by the bootstrap from the shipped
 * UniswapV2Factory artifact) create their pairs from the shipped UniswapV2Pair bytecode: the hash of that
 * bytecode lets agents compute a pair's address with CREATE2 instead of asking `getPair`. Computed from the
 * artifact, never written down; the test beside holds it to `getPair` for every pair the factories made.
 */
import { keccak256, type Address, type Hex } from 'viem';
import { UniswapV2Pair } from '../../../registry-contracts/generated/bytecode/UniswapV2Pair.js';

/** Keys of the deployment's factories built from the shipped UniswapV2Factory (see bootstrapDevnet). */
const v2FactoryKeys = ['uniswapV2Factory', 'forkV2Factory'] as const;

export type DevnetPoolInitCodeHashesReturnType = Record<string, Hex>;

/**
 * @example
 * const hashes = devnetPoolInitCodeHashes(deployment.contracts); // { uniswapV2Factory: '0x…', forkV2Factory: '0x…' }
 */
export function devnetPoolInitCodeHashes(contracts: Record<string, Address>): DevnetPoolInitCodeHashesReturnType {
  const pairHash = keccak256(UniswapV2Pair.bytecode as Hex);
  return Object.fromEntries(v2FactoryKeys.filter((key) => contracts[key]).map((key) => [key, pairHash]));
}
