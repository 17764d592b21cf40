/**
 * Amount helpers shared by the built-in agents: resolving "all" and "25%" against the user's balance at
 * plan time, and formatting base units for summaries.
 */
import { erc20Abi, formatUnits, type Address } from 'viem';
import { InputError, type AgentContext, type ResolvedAmount, type TokenInfo } from '../../kernel/index.js';

/** ETH left in the account when the user spends "all" of it: enough for the plan's gas on any L1/L2 we serve. */
export const GAS_RESERVE_WEI = 10n ** 16n; // 0.01 ETH

export type ResolveAmountReturnType = {
  value: bigint;
  /** Said in the plan's summary when the amount was resolved from the balance ("all ETH minus 0.01 ETH for gas"). */
  note?: string | undefined;
};

/**
 * Resolves an amount to base units. `exact` passes through; `all` and `percent` read the balance of
 * `token` held by `ctx.account`. For ETH a gas reserve of {@link GAS_RESERVE_WEI} is kept out of the base.
 *
 * @throws InputError `ZERO_AMOUNT` when nothing is left to spend.
 */
export async function resolveAmount(ctx: AgentContext, token: TokenInfo, amount: ResolvedAmount): Promise<ResolveAmountReturnType> {
  if (amount.kind === 'exact') return { value: amount.value };
  const balance = await readBalance(ctx, token.address);
  const isEth = token.address === 'ETH';
  const base = isEth ? (balance > GAS_RESERVE_WEI ? balance - GAS_RESERVE_WEI : 0n) : balance;
  const value = amount.kind === 'all' ? base : (base * BigInt(amount.bps)) / 10_000n;
  const share = amount.kind === 'all' ? 'all' : `${amount.bps / 100}% of`;
  if (value === 0n)
    throw new InputError('ZERO_AMOUNT', `${share} your ${token.symbol} is nothing: the balance is ${formatAmount(balance, token)}`, {
      hints: isEth ? [`${formatAmount(GAS_RESERVE_WEI, token)} is always kept for gas`] : [],
    });
  const reserve = isEth ? ` (keeping ${formatAmount(GAS_RESERVE_WEI, token)} for gas)` : '';
  return { value, note: `${share} your ${token.symbol}${reserve}` };
}

/** The balance of `token` ('ETH' or an ERC-20) held by `ctx.account`. */
export async function readBalance(ctx: Pick<AgentContext, 'client' | 'account'>, token: Address | 'ETH', owner?: Address): Promise<bigint> {
  const who = owner ?? ctx.account;
  if (token === 'ETH') return ctx.client.getBalance({ address: who });
  return ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
}

/** "1,234.5 USDC": base units in human units with thousands separators, at most 6 decimals shown. */
export function formatAmount(value: bigint, token: Pick<TokenInfo, 'decimals' | 'symbol'>): string {
  const [whole = '0', fraction = ''] = formatUnits(value, token.decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const shown = fraction.slice(0, 6).replace(/0+$/, '');
  // A non-zero amount never reads as 0: show the first significant digits instead.
  const tiny = shown === '' && fraction !== '' && /[1-9]/.test(fraction) ? fraction.replace(/^(0*[1-9]\d?).*$/, '$1') : shown;
  return `${grouped}${tiny ? `.${tiny}` : ''} ${token.symbol}`;
}
