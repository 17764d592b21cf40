/**
 * The balance agent: a read-only plan (no calls) whose `readOnly.balances` lists ETH and every known
 * token held, valued in USD at the Uniswap V2 pools' mid price against USDC (directly or through WETH), then the
 * user's lending positions (aTokens at their underlying value, with the market's supply rate now).
 */
import { formatUnits, isAddressEqual, type Address } from 'viem';
import { readBalance, defineAgent, parseParams, ETH, findTokenBySymbol, knownTokens, type AgentContext, type BalanceLine, type TokenInfo } from '../sdk/index.js';
import { readReserves } from '../swap/agent.js';
import { formatSupplyRate, readLendingReserve } from '../aave/reserve.js';
import { balanceParams } from './schemas.js';

export const balanceAgent = defineAgent({
  id: 'balance',
  description: 'Show the balance of ETH and every known token, with USD values from Uniswap V2 pools.',
  actions: ['balance'],
  chains: [],
  params: balanceParams,
  async plan(ctx, intent) {
    const { token } = parseParams('balance', balanceParams, intent);
    const tokens: TokenInfo[] = token ? [token] : [ETH, ...knownTokens(ctx)];
    const balances = await Promise.all(
      tokens.map(async (t): Promise<BalanceLine> => {
        const balance = await readBalance(ctx, t.address);
        const usd = balance === 0n ? 0 : await usdValue(ctx, t, balance);
        return { symbol: t.symbol, address: t.address, decimals: t.decimals, balance, ...(usd === undefined ? {} : { usd }) };
      }),
    );
    balances.push(...(await lendingPositions(ctx, token)));
    const total = balances.reduce((sum, line) => sum + (line.usd ?? 0), 0);
    return {
      agentId: 'balance',
      summary: `Balances of ${ctx.account}${total > 0 ? ` (about $${total.toLocaleString('en-US', { maximumFractionDigits: 2 })})` : ''}`,
      calls: [],
      expects: [],
      readOnly: { balances },
    };
  },
});

/** Deployment keys naming a lending market's receipt token: `aaveAToken:USDC` → aUSDC. */
const A_TOKEN_KEY = 'aaveAToken:';

/**
 * The user's lending positions: each market of the deployment's Aave Pool (`aaveAToken:<SYMBOL>` keys) where the
 * user holds aTokens, worth the asset 1:1 with interest, valued like the asset, with the supply rate read now.
 * With `only` (one token asked about), just that asset's position.
 */
async function lendingPositions(ctx: AgentContext, only: TokenInfo | undefined): Promise<BalanceLine[]> {
  const pool = ctx.contracts.aavePool;
  if (!pool) return [];
  const lines = await Promise.all(
    Object.entries(ctx.contracts).map(async ([key, aToken]): Promise<BalanceLine | undefined> => {
      if (!key.startsWith(A_TOKEN_KEY)) return undefined;
      const asset = findTokenBySymbol(ctx, key.slice(A_TOKEN_KEY.length));
      if (!asset || asset.address === 'ETH' || (only && (only.address === 'ETH' || !isAddressEqual(only.address, asset.address)))) return undefined;
      const balance = await readBalance(ctx, aToken);
      if (balance === 0n) return undefined;
      const reserve = await readLendingReserve(ctx.client, { pool, asset: asset.address }).catch(() => undefined);
      const usd = await usdValue(ctx, asset, balance);
      return {
        symbol: `a${asset.symbol}`,
        address: aToken,
        decimals: asset.decimals,
        balance,
        ...(usd === undefined ? {} : { usd }),
        position: { venue: 'Aave V3', asset: asset.symbol, rate: reserve ? formatSupplyRate(reserve.liquidityRateRay) : 'rate unreadable' },
      };
    }),
  );
  return lines.filter((line): line is BalanceLine => line !== undefined);
}

/**
 * USD value of `amount` of `token` at the Uniswap V2 mid price (reserve ratio) against USDC, directly or
 * through WETH; undefined when no pool prices it. USDC counts as one dollar.
 */
export async function usdValue(ctx: AgentContext, token: TokenInfo, amount: bigint): Promise<number | undefined> {
  const usdc = findTokenBySymbol(ctx, 'USDC');
  const factory = ctx.contracts.uniswapV2Factory;
  const weth = ctx.contracts.weth;
  if (!usdc || usdc.address === 'ETH') return undefined;
  const from: Address | undefined = token.address === 'ETH' ? weth : token.address;
  if (!from) return undefined;
  if (isAddressEqual(from, usdc.address)) return toNumber(amount, usdc.decimals);
  if (!factory) return undefined;

  let value = await midConvert(ctx, factory, from, usdc.address, amount);
  if (value === undefined && weth && !isAddressEqual(from, weth)) {
    const inWeth = await midConvert(ctx, factory, from, weth, amount);
    value = inWeth === undefined ? undefined : await midConvert(ctx, factory, weth, usdc.address, inWeth);
  }
  return value === undefined ? undefined : toNumber(value, usdc.decimals);
}

async function midConvert(ctx: AgentContext, factory: Address, from: Address, to: Address, amount: bigint): Promise<bigint | undefined> {
  const reserves = await readReserves(ctx, factory, from, to);
  return reserves && (amount * reserves.reserveOut) / reserves.reserveIn;
}

function toNumber(value: bigint, decimals: number): number {
  return Math.round(Number(formatUnits(value, decimals)) * 100) / 100;
}
