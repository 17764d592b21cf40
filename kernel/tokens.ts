/**
 * Per-chain token lists (data files beside this one). The devnet's list carries symbols and decimals only:
 * its addresses come from the deployment the devnet bootstrap writes.
 */
import { createRequire } from 'node:module';

export type TokenListEntry = { symbol: string; address?: `0x${string}`; decimals: number };
export type TokenList = { chainId: number; tokens: TokenListEntry[] };

const require = createRequire(import.meta.url);
const lists: Record<string, TokenList> = {
  anvil: require('./tokenLists/anvil.json'),
  mainnet: require('./tokenLists/mainnet.json'),
  base: require('./tokenLists/base.json'),
  arbitrum: require('./tokenLists/arbitrum.json'),
};

/** The native asset's symbol on every chain Lucid supports. */
export const nativeSymbol = 'ETH';

export function tokenListFor(chainId: number): TokenList | undefined {
  return Object.values(lists).find((list) => list.chainId === chainId);
}

/** The chains Lucid has a token list for (viem names): a request on any other chain cannot be resolved. */
export function tokenListChains(): string[] {
  return Object.keys(lists);
}

/** Every symbol Lucid knows on any chain, spelled as the lists spell them, plus the native asset. */
export function knownSymbols(): string[] {
  const symbols = new Set<string>([nativeSymbol]);
  for (const list of Object.values(lists)) for (const token of list.tokens) symbols.add(token.symbol);
  return [...symbols];
}
