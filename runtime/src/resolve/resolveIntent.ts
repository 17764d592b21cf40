/**
 * Resolution: the step between words and agents. Every value the user wrote is turned into something
 * exact — a symbol into a token from the chain's list (or read from chain, marked unverified), a name into
 * an address (contact, ENS where the chain has it, or a checksummed 0x address), a decimal into base units —
 * or refused with an error that names the value. Agents and the LLM never do this themselves: this is
 * the one place addresses enter a plan from the user's words.
 */
import type { Address, PublicClient } from 'viem';
import { checkedAddress, InputError, parseUnits, type Intent, type ResolvedAmount, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';

/** The router's default slippage limit when the user did not say one: 0.5%. */
export const defaultSlippageBps = 50;

export type ResolveIntentParameters = {
  intent: Intent;
  chainId: number;
  /** Lower-case chain name of the connected chain, for comparing with what the user named. */
  chainName: string;
  client: PublicClient;
  /** Looks a symbol or 0x address up in the chain's token list or on chain. */
  resolveToken: (ref: string) => Promise<TokenInfo>;
  /** A saved contact's address, or undefined. */
  lookupContact: (name: string) => Address | undefined;
  /** Whether ENS can be resolved on this chain. */
  hasEns: boolean;
};

export type ResolveIntentReturnType = ResolvedIntent;

/**
 * Resolves one parsed intent against the connected chain.
 *
 * @example
 * const resolved = await resolveIntent({ intent: { action: 'transfer', amount: '1', token: 'USDC', to: 'bob' }, … })
 */
export async function resolveIntent(parameters: ResolveIntentParameters): Promise<ResolveIntentReturnType> {
  const { intent, chainName } = parameters;
  if (intent.chain && !sameChain(intent.chain, chainName))
    throw new InputError('CHAIN_MISMATCH', `you asked for ${intent.chain}, but Lucid is connected to ${chainName}`, {
      hints: [`connect to ${intent.chain} with --rpc-url <url> --chain ${intent.chain}, or drop "on ${intent.chain}"`],
    });

  const token = intent.token ? await parameters.resolveToken(intent.token) : undefined;
  const tokenOut = intent.tokenOut ? await parameters.resolveToken(intent.tokenOut) : undefined;
  if (token && tokenOut && token.address === tokenOut.address)
    throw new InputError('SAME_TOKEN', `cannot swap ${token.symbol} for itself`, {
      hints: ['name two different tokens, e.g. "swap 1 ETH for USDC"'],
    });

  const resolved: ResolvedIntent = {
    action: intent.action,
    token,
    tokenOut,
    slippageBps: intent.slippageBps ?? defaultSlippageBps,
    unlimited: intent.unlimited,
  };
  if (intent.lockSeconds !== undefined) resolved.lockSeconds = intent.lockSeconds;
  if (intent.amount !== undefined) resolved.amount = resolveAmount(intent.amount, token);
  if (intent.amountOut !== undefined && tokenOut) resolved.amountOut = toBaseUnits(intent.amountOut, tokenOut);
  if (intent.to !== undefined) {
    resolved.to = await resolveRecipient(parameters, intent.to);
    resolved.toLabel = intent.to;
  }
  return resolved;
}

function sameChain(named: string, connected: string): boolean {
  const aliases: Record<string, string> = { ethereum: 'mainnet', devnet: 'anvil', localhost: 'anvil', foundry: 'anvil' };
  const norm = (name: string) => aliases[name.toLowerCase()] ?? name.toLowerCase();
  return norm(named) === norm(connected);
}

/** "all", "25%" or a decimal in human units → a resolved amount. */
export function resolveAmount(amount: string, token: TokenInfo | undefined): ResolvedAmount {
  if (amount === 'all') return { kind: 'all' };
  if (amount === 'previous')
    throw new InputError('BAD_AMOUNT', 'an amount taken from the previous step cannot be resolved here yet', {
      hints: ['name the amount, e.g. "send 50 USDC to bob"'],
    });
  if (amount.endsWith('%')) {
    const bps = Number(amount.slice(0, -1)) * 100;
    if (!Number.isInteger(bps) || bps <= 0 || bps > 10_000)
      throw new InputError('BAD_AMOUNT', `"${amount}" is not a usable percentage`, { hints: ['use up to two decimals, e.g. "12.5%"'] });
    return { kind: 'percent', bps };
  }
  if (!token) throw new InputError('BAD_AMOUNT', `an amount of "${amount}" needs a token`);
  return { kind: 'exact', value: toBaseUnits(amount, token) };
}

/** Human units → base units, refusing precision the token cannot hold rather than silently rounding. */
export function toBaseUnits(amount: string, token: TokenInfo): bigint {
  const [, fraction = ''] = amount.split('.');
  if (fraction.replace(/0+$/, '').length > token.decimals)
    throw new InputError('TOO_MANY_DECIMALS', `${amount} ${token.symbol} has more decimals than ${token.symbol} allows (${token.decimals})`, {
      hints: [`round it to ${token.decimals} decimals`],
    });
  const value = parseUnits(amount, token.decimals);
  if (value <= 0n) throw new InputError('BAD_AMOUNT', `the amount must be greater than zero`);
  return value;
}

async function resolveRecipient(parameters: ResolveIntentParameters, written: string): Promise<Address> {
  if (/^0x[0-9a-fA-F]{40}$/.test(written)) return checkedAddress(written);
  const contact = parameters.lookupContact(written);
  if (contact) return contact;
  if (written.includes('.')) {
    if (!parameters.hasEns)
      throw new InputError('ENS_UNAVAILABLE', `cannot resolve "${written}": this chain has no ENS`, {
        hints: [`save the address as a contact: lucid contacts add ${written.split('.')[0]} 0x…`, 'or write the 0x address'],
      });
    const { normalize } = await import('viem/ens');
    let name: string;
    try {
      name = normalize(written);
    } catch {
      throw new InputError('BAD_ENS_NAME', `"${written}" is not a valid ENS name`);
    }
    const address = await parameters.client.getEnsAddress({ name });
    if (!address) throw new InputError('ENS_NOT_FOUND', `"${written}" does not resolve to an address`);
    return address;
  }
  throw new InputError('UNKNOWN_RECIPIENT', `"${written}" is not a contact, an ENS name or an address`, {
    hints: [`save it first: lucid contacts add ${written} 0x…`],
  });
}
