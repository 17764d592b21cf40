/**
 * Token helpers for agents: the tokens known in a context, lookups by symbol or address, and the check
 * that an address is a token contract (recipients must not be).
 */
import { erc20Abi, getAddress, isAddressEqual, type Address } from 'viem';
import { tokenListFor, type AgentContext, type TokenInfo } from '../../kernel/index.js';

export const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };

/** The ERC-20 tokens known in `ctx`: `ctx.tokens`, else the chain's token list (entries with an address). */
export function knownTokens(ctx: Pick<AgentContext, 'chainId' | 'tokens'>): TokenInfo[] {
  if (ctx.tokens) return ctx.tokens.filter((token) => token.address !== 'ETH');
  const list = tokenListFor(ctx.chainId);
  return (list?.tokens ?? []).flatMap((entry) =>
    entry.address ? [{ address: getAddress(entry.address), symbol: entry.symbol, decimals: entry.decimals, verified: true }] : [],
  );
}

export function findTokenBySymbol(ctx: Pick<AgentContext, 'chainId' | 'tokens'>, symbol: string): TokenInfo | undefined {
  const wanted = symbol.toLowerCase();
  return knownTokens(ctx).find((token) => token.symbol.toLowerCase() === wanted);
}

export function findTokenByAddress(ctx: Pick<AgentContext, 'chainId' | 'tokens'>, address: Address): TokenInfo | undefined {
  return knownTokens(ctx).find((token) => token.address !== 'ETH' && isAddressEqual(token.address, address));
}

/**
 * Whether `address` is a token contract: a token Lucid knows, or code that answers ERC-20 `decimals()`.
 * Tokens sent to a token contract are almost always lost.
 */
export async function isTokenContract(ctx: Pick<AgentContext, 'chainId' | 'tokens' | 'client'>, address: Address): Promise<boolean> {
  if (findTokenByAddress(ctx, address)) return true;
  const code = await ctx.client.getCode({ address });
  if (!code || code === '0x') return false;
  try {
    await ctx.client.readContract({ address, abi: erc20Abi, functionName: 'decimals' });
    return true;
  } catch {
    return false;
  }
}
