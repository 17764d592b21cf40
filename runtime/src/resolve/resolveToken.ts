/**
 * Resolves a token as the user wrote it ("usdc", "ETH", "0xA0b8…") to a {@link TokenInfo}: symbols from
 * the chain's token list (on the devnet, addresses from the deployment), addresses not on the list read
 * from chain and marked unverified.
 */
import { erc20Abi, getAddress, isAddress, isAddressEqual, type Address, type PublicClient } from 'viem';
import { InputError, nativeSymbol, tokenListFor, type TokenInfo } from '../../../kernel/index.js';

export type ResolveTokenParameters = {
  client: PublicClient;
  chainId: number;
  /** The devnet deployment's tokens: on chain 31337 the list has no addresses, these do. */
  deploymentTokens?: readonly { symbol: string; address: Address; decimals: number }[] | undefined;
  /** A symbol (any case) or a 0x address. */
  ref: string;
};
export type ResolveTokenReturnType = TokenInfo;
export type ResolveTokenErrorType = InputError;

const chainNames: Record<number, string> = { 1: 'mainnet', 8453: 'base', 42161: 'arbitrum', 31337: 'anvil' };

/**
 * @returns the token; `verified: false` when it was read from an address that is not on the list.
 * @throws InputError `UNKNOWN_TOKEN` (with the nearest known symbol as a hint) or `NOT_A_TOKEN`.
 *
 * @example
 * const usdc = await resolveToken({ client, chainId: 1, ref: 'usdc' }) // { symbol: 'USDC', decimals: 6, … }
 */
export async function resolveToken({ client, chainId, deploymentTokens, ref }: ResolveTokenParameters): Promise<ResolveTokenReturnType> {
  const known = tokensOf(chainId, deploymentTokens);
  const chain = chainNames[chainId] ?? `chain ${chainId}`;
  if (ref.toUpperCase() === nativeSymbol) return { address: 'ETH', symbol: nativeSymbol, decimals: 18, verified: true };

  if (isAddress(ref, { strict: false })) {
    const address = getAddress(ref.toLowerCase());
    const listed = known.find((token) => isAddressEqual(token.address, address));
    if (listed) return { ...listed, verified: true };
    return readToken(client, address, chain);
  }

  const listed = known.find((token) => token.symbol.toLowerCase() === ref.toLowerCase());
  if (listed) return { ...listed, verified: true };
  const symbols = [nativeSymbol, ...known.map((token) => token.symbol)];
  const nearest = nearestSymbol(ref, symbols);
  throw new InputError('UNKNOWN_TOKEN', `unknown token "${ref}" on ${chain}`, {
    hints: nearest ? [`did you mean ${nearest}?`] : [`known tokens: ${symbols.join(', ')}`],
  });
}

/** The closest symbol by edit distance (case-insensitive), when it is close enough to be a typo. */
export function nearestSymbol(ref: string, symbols: readonly string[]): string | undefined {
  let best: { symbol: string; distance: number } | undefined;
  for (const symbol of symbols) {
    const distance = editDistance(ref.toLowerCase(), symbol.toLowerCase());
    if (!best || distance < best.distance) best = { symbol, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(ref.length / 2)) ? best.symbol : undefined;
}

function tokensOf(
  chainId: number,
  deploymentTokens: ResolveTokenParameters['deploymentTokens'],
): { symbol: string; address: Address; decimals: number }[] {
  // On the devnet the list fixes symbols and decimals, the deployment the addresses.
  if (deploymentTokens?.length) return deploymentTokens.map((token) => ({ ...token, address: getAddress(token.address) }));
  const list = tokenListFor(chainId);
  return (list?.tokens ?? []).flatMap((entry) =>
    entry.address ? [{ symbol: entry.symbol, address: getAddress(entry.address), decimals: entry.decimals }] : [],
  );
}

// An address off the list: trust only what the contract answers, and say it is unverified.
async function readToken(client: PublicClient, address: Address, chain: string): Promise<TokenInfo> {
  const code = await client.getCode({ address });
  if (!code || code === '0x')
    throw new InputError('NOT_A_TOKEN', `${address} is not a token on ${chain}: there is no contract at this address`);
  try {
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address, abi: erc20Abi, functionName: 'symbol' }),
      client.readContract({ address, abi: erc20Abi, functionName: 'decimals' }),
    ]);
    // The symbol is the contract's own word: keep it short; the UI sanitises it before display.
    return { address, symbol: symbol.slice(0, 64), decimals, verified: false };
  } catch (cause) {
    throw new InputError('NOT_A_TOKEN', `${address} is not a token on ${chain}: it does not answer symbol() and decimals()`, { cause });
  }
}

// Levenshtein distance, two rows: symbols are short.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
