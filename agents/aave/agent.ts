/**
 * The lending agent on Aave V3 ("aave"): supply an asset to its market and receive the market's aToken, or
 * withdraw it back. Runs only where the deployment names an `aavePool`.
 *
 * - supply: `asset.approve(pool, amount)` (exact, only when the allowance is short), then
 *   `Pool.supply(asset, amount, onBehalfOf = the user, 0)`. The user gets aTokens 1:1, whose balance grows as
 *   interest accrues. Expects the asset out, exact, and the aToken in, at least the amount less two base units
 *   (the Pool rounds the scaled balance both ways).
 * - withdraw: `Pool.withdraw(asset, amount, to = the user)`. "all" is `type(uint256).max`, which the Pool reads
 *   as "the whole position at inclusion": the review says so and shows the position now, a floor of what
 *   arrives. Expects the asset in, at least the amount (for "all", at least the position now).
 *
 * The supply rate is read from the Pool (`getReserveData(asset).currentLiquidityRate`) at the plan's block and
 * stated in the summary with where it comes from; it is a snapshot — it moves with every supply and borrow.
 * The runtime ranks competing venues on its own read of the rate, never on this text.
 */
import { encodeFunctionData, erc20Abi, maxUint256, type Address } from 'viem';
import { InputError, defineAgent, formatAmount, parseParams, planApproval, readAllowance, resolveAmount, type AgentContext, type Plan, type PlanCall, type TokenInfo } from '../sdk/index.js';
import { aavePoolAbi, formatSupplyRate, readLendingReserve, type LendingReserve } from './reserve.js';
import { lendingParams, type LendingParams } from './schemas.js';

const VENUE = 'Aave V3';

export const aaveAgent = defineAgent({
  id: 'aave',
  description: 'Supply to and withdraw from Aave V3 markets; the supply rate is read from the Pool.',
  actions: ['supply', 'withdraw'],
  chains: [],
  params: lendingParams,
  supports: (ctx) => ctx.contracts.aavePool !== undefined,
  async plan(ctx, intent) {
    const params = parseParams('aave', lendingParams, intent);
    const pool = ctx.contracts.aavePool;
    if (!pool) throw new InputError('VENUE_NOT_DEPLOYED', `${VENUE} is not deployed on chain ${ctx.chainId}`);
    if (params.token.address === 'ETH')
      throw new InputError('NO_MARKET', `${VENUE} lends ERC-20 tokens, not ETH`, { hints: ['wrap the ETH first ("wrap 1 ETH"), then supply WETH'] });
    // Two round trips: the market (and, to supply, the Pool's allowance, which does not depend on it), then
    // what depends on its aToken.
    const asset = params.token.address;
    const [reserve, allowance] = await Promise.all([
      readLendingReserve(ctx.client, { pool, asset }),
      params.action === 'supply' ? readAllowance(ctx, { token: params.token, spender: pool }) : 0n,
    ]);
    if (!reserve) throw new InputError('NO_MARKET', `${VENUE} has no ${params.token.symbol} market on chain ${ctx.chainId}`);
    return params.action === 'supply' ? planSupply(ctx, pool, reserve, params, allowance) : planWithdraw(ctx, pool, reserve, params);
  },
});

async function planSupply(ctx: AgentContext, pool: Address, reserve: LendingReserve, params: LendingParams, allowance: bigint): Promise<Plan> {
  const token = params.token;
  if (!reserve.active || reserve.frozen || reserve.paused)
    throw new InputError('MARKET_CLOSED', `the ${VENUE} ${token.symbol} market takes no deposits now (${reserve.paused ? 'paused' : reserve.frozen ? 'frozen' : 'inactive'})`);
  const [{ value, note }, receipt] = await Promise.all([resolveAmount(ctx, token, params.amount), receiptToken(ctx, reserve.aToken, token)]);
  const asset = reserve.asset;
  const calls: PlanCall[] = await planApproval(ctx, { token: { ...token, address: asset }, spender: pool, spenderName: `the ${VENUE} Pool`, amount: value, allowance });
  calls.push({
    to: pool,
    data: encodeFunctionData({ abi: aavePoolAbi, functionName: 'supply', args: [asset, value, ctx.account, 0] }),
    value: 0n,
    description: `Supply ${formatAmount(value, token)} to ${VENUE}, receipt ${receipt.symbol} to you`,
  });
  const rate = formatSupplyRate(reserve.liquidityRateRay);
  return {
    agentId: 'aave',
    summary:
      `Supply ${formatAmount(value, token)} to ${VENUE} at ${rate}, its Pool's currentLiquidityRate now (it moves as others supply and borrow); ` +
      `you get ${receipt.symbol} 1:1, growing with interest${note ? ` (${note})` : ''}`,
    calls,
    expects: [
      { token: asset, symbol: token.symbol, decimals: token.decimals, direction: 'out', amount: value, bound: 'exact' },
      { token: receipt.address, symbol: receipt.symbol, decimals: receipt.decimals, direction: 'in', amount: value > 2n ? value - 2n : 0n, bound: 'atLeast' },
    ],
    quote: { venue: 'aave', route: [token.symbol, receipt.symbol] },
  };
}

async function planWithdraw(ctx: AgentContext, pool: Address, reserve: LendingReserve, params: LendingParams): Promise<Plan> {
  const token = params.token;
  if (!reserve.active || reserve.paused) throw new InputError('MARKET_CLOSED', `the ${VENUE} ${token.symbol} market is ${reserve.paused ? 'paused' : 'inactive'}: nothing can be withdrawn now`);
  const asset = reserve.asset;
  // The position, the market's cash and the receipt token's symbol, together.
  const [receipt, position, cash] = await Promise.all([
    receiptToken(ctx, reserve.aToken, token),
    ctx.client.readContract({ address: reserve.aToken, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] }),
    ctx.client.readContract({ address: asset, abi: erc20Abi, functionName: 'balanceOf', args: [reserve.aToken] }),
  ]);
  if (position === 0n) throw new InputError('NOTHING_SUPPLIED', `you have no ${token.symbol} supplied to ${VENUE}`);
  const amount = params.amount;
  const all = amount.kind === 'all';
  // "all" and "25%" are shares of the position, not of the wallet.
  const value = amount.kind === 'exact' ? amount.value : all ? position : (position * BigInt(amount.bps)) / 10_000n;
  if (value === 0n) throw new InputError('ZERO_AMOUNT', `that share of your position is nothing: ${formatAmount(position, receipt)} is supplied`);
  if (value > position) throw new InputError('INSUFFICIENT_POSITION', `you have ${formatAmount(position, token)} supplied to ${VENUE}, not ${formatAmount(value, token)}`);
  if (cash < value)
    throw new InputError('NOT_ENOUGH_LIQUIDITY', `the ${VENUE} ${token.symbol} market holds ${formatAmount(cash, token)} not lent out, less than ${formatAmount(value, token)}`, {
      hints: ['withdraw less now, or wait for borrowers to repay'],
    });
  const rate = formatSupplyRate(reserve.liquidityRateRay);
  const what = all
    ? `all your ${token.symbol} from ${VENUE} (the whole ${receipt.symbol} balance when the transaction is mined: ${formatAmount(position, token)} now, plus the interest until then)`
    : `${formatAmount(value, token)} from ${VENUE}`;
  return {
    agentId: 'aave',
    summary: `Withdraw ${what}; burns ${receipt.symbol}, which earns ${rate} now`,
    calls: [
      {
        to: pool,
        data: encodeFunctionData({ abi: aavePoolAbi, functionName: 'withdraw', args: [asset, all ? maxUint256 : value, ctx.account] }),
        value: 0n,
        description: all ? `Withdraw all ${token.symbol} (amount type(uint256).max: the whole position) from ${VENUE} to you` : `Withdraw ${formatAmount(value, token)} from ${VENUE} to you`,
      },
    ],
    expects: [{ token: asset, symbol: token.symbol, decimals: token.decimals, direction: 'in', amount: value, bound: all ? 'atLeast' : 'exact' }],
    quote: { venue: 'aave', route: [receipt.symbol, token.symbol] },
  };
}

// The aToken as a token: its own symbol and decimals, read from it (the market's, so the Pool vouches for it).
async function receiptToken(ctx: AgentContext, aToken: Address, underlying: TokenInfo): Promise<TokenInfo> {
  const symbol = await ctx.client.readContract({ address: aToken, abi: erc20Abi, functionName: 'symbol' }).catch(() => `a${underlying.symbol}`);
  return { address: aToken, symbol: symbol.slice(0, 32), decimals: underlying.decimals, verified: false };
}
