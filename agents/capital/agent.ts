/**
 * The capital agent: stake the pool's stake token (stETH on the devnet) into the registry's CapitalPool,
 * withdraw it, and claim the LUCID it earned. Runs only where the deployment names a `capitalPool`.
 *
 * CapitalPool (registry-contracts/src/CapitalPool.sol): `stake(amount, lockSeconds)` after an approval,
 * `withdraw(amount, to)` (once the lock ended), `claim(to)`, views `stakeToken()`, `rewardToken()`,
 * `stakedOf(account)`, `earned(account)`, `positionOf(account)`, `multiplierFor(lockSeconds)`.
 *
 * A lock's reward multiplier and unlock date are read from the pool (never computed here) and put in the plan's
 * summary and call description, so the review shows them before anything is signed.
 */
import { encodeFunctionData, erc20Abi, getAddress, isAddressEqual, parseAbi, type Address } from 'viem';
import { InputError, formatAmount, resolveAmount, defineAgent, parseParams, planApproval, readAllowance, findTokenByAddress, type AgentContext, type Plan, type PlanCall, type TokenInfo } from '../sdk/index.js';
import { capitalParams, type CapitalParams } from './schemas.js';

export const capitalPoolAbi = parseAbi([
  'function stakeToken() view returns (address)',
  'function rewardToken() view returns (address)',
  'function stakedOf(address account) view returns (uint256)',
  'function earned(address account) view returns (uint256)',
  'function paused() view returns (bool)',
  'function stake(uint256 amount, uint256 lockSeconds)',
  'function multiplierFor(uint256 lockSeconds) pure returns (uint256)',
  'function positionOf(address account) view returns (uint256 staked, uint256 weight, uint256 multiplier, uint256 lockEnd, uint256 earned)',
  'function withdraw(uint256 amount, address to)',
  'function claim(address to) returns (uint256 amount)',
]);

export const capitalAgent = defineAgent({
  id: 'capital',
  description: 'Stake into the Lucid capital pool, unstake, and claim LUCID rewards.',
  // supply: answered only to say whether the token fits, so "put my X where it earns the most" shows the pool
  // among the candidates (with the reason it cannot take X) instead of leaving it out silently.
  actions: ['stake', 'unstake', 'claim', 'supply'],
  chains: [],
  params: capitalParams,
  supports: (ctx) => ctx.contracts.capitalPool !== undefined,
  async plan(ctx, intent) {
    const params = parseParams('capital', capitalParams, intent);
    const pool = ctx.contracts.capitalPool;
    if (!pool) throw new InputError('NO_CAPITAL_POOL', `there is no capital pool on chain ${ctx.chainId}`);
    if (params.action === 'claim') return planClaim(ctx, pool);
    // The pool's state is read with its stake token, in the same round trip: what a stake or an unstake needs
    // does not depend on it (a wrong token is refused below, the reads unused).
    const [stakeTokenAddress, state] = await Promise.all([
      ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'stakeToken' }),
      readPoolState(ctx, pool, params),
    ]);
    const stakeToken = await tokenInfo(ctx, stakeTokenAddress);
    if (!params.token || params.token.address === 'ETH' || !isAddressEqual(params.token.address, stakeToken.address as Address))
      throw new InputError('WRONG_STAKE_TOKEN', `the capital pool takes ${stakeToken.symbol} only, not ${params.token?.symbol ?? 'nothing'}`, {
        hints: [`${params.action} an amount of ${stakeToken.symbol}`],
      });
    if (params.action === 'supply')
      // Staking earns LUCID rewards, not a supply rate in the token: it cannot be ranked against lending rates.
      throw new InputError('STAKE_NOT_SUPPLY', `the capital pool takes ${stakeToken.symbol} as a stake earning LUCID rewards, not at a supply rate`, {
        hints: [`to stake it, say "stake ${params.amount?.kind === 'exact' ? formatAmount(params.amount.value, stakeToken) : stakeToken.symbol}"`],
      });
    if (!params.amount) throw new InputError('BAD_INTENT', `${params.action} needs an amount`);
    return params.action === 'stake' ? planStake(ctx, pool, stakeToken, params, state) : planUnstake(ctx, pool, stakeToken, params, state);
  },
});

type PoolState = { paused: boolean; allowance: bigint; staked: bigint; lockEnd: bigint };

// What stake and unstake read of the pool and of the user's position, all at once.
async function readPoolState(ctx: AgentContext, pool: Address, params: CapitalParams): Promise<PoolState> {
  const [paused, allowance, staked, position] = await Promise.all([
    params.action === 'stake' ? ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'paused' }) : false,
    // Read before the token is known to be the stake token: a token that cannot answer must not hide WRONG_STAKE_TOKEN
    // (for the stake token itself, no allowance read means an exact approval in the plan, simulated like any other).
    params.action === 'stake' && params.token ? readAllowance(ctx, { token: params.token, spender: pool }).catch(() => 0n) : 0n,
    params.action === 'unstake' ? ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'stakedOf', args: [ctx.account] }) : 0n,
    params.action === 'stake' || params.action === 'unstake' ? ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'positionOf', args: [ctx.account] }) : undefined,
  ]);
  return { paused, allowance, staked, lockEnd: position?.[3] ?? 0n };
}

async function planStake(ctx: AgentContext, pool: Address, token: TokenInfo, params: CapitalParams, state: PoolState): Promise<Plan> {
  if (state.paused) throw new InputError('CAPITAL_POOL_PAUSED', 'the capital pool is paused: staking is stopped (withdraw and claim still work)');
  const lockSeconds = params.lockSeconds ?? 0;
  const [{ value, note }, lock] = await Promise.all([resolveAmount(ctx, token, params.amount ?? { kind: 'all' }), describeLock(ctx, pool, state.lockEnd, lockSeconds)]);
  const tokenAddress = token.address as Address;
  const calls: PlanCall[] = await planApproval(ctx, { token, spender: pool, spenderName: 'the capital pool', amount: value, allowance: state.allowance });
  calls.push({
    to: pool,
    data: encodeFunctionData({ abi: capitalPoolAbi, functionName: 'stake', args: [value, BigInt(params.lockSeconds ?? 0)] }),
    value: 0n,
    description: `Stake ${formatAmount(value, token)} in the capital pool${lock}`,
  });
  return {
    agentId: 'capital',
    summary: `Stake ${formatAmount(value, token)} in the Lucid capital pool${lock}${note ? ` (${note})` : ''}`,
    calls,
    expects: [{ token: tokenAddress, symbol: token.symbol, decimals: token.decimals, direction: 'out', amount: value, bound: 'exact' }],
  };
}

/**
 * ", locked until 2027-05-31 14:00 UTC, reward multiplier 1.49x" (or "" when the position stays unlocked): the
 * lock ends at the later of the running lock's end (`positionOf`, read with the pool's state) and now +
 * `lockSeconds`, and the multiplier follows the time left, as the pool computes it.
 */
async function describeLock(ctx: AgentContext, pool: Address, runningEnd: bigint, lockSeconds: number): Promise<string> {
  const requestedEnd = ctx.now + BigInt(lockSeconds);
  const lockEnd = runningEnd > requestedEnd ? runningEnd : requestedEnd;
  if (lockEnd <= ctx.now) return '';
  const multiplierBps = await ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'multiplierFor', args: [lockEnd - ctx.now] });
  const date = new Date(Number(lockEnd) * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `, locked until ${date} UTC, reward multiplier ${formatMultiplier(multiplierBps)}`;
}

/** 14931 basis points → "1.49x". */
export function formatMultiplier(bps: bigint): string {
  return `${(Number(bps) / 10_000).toFixed(2)}x`;
}

async function planUnstake(ctx: AgentContext, pool: Address, token: TokenInfo, params: CapitalParams, { staked, lockEnd }: PoolState): Promise<Plan> {
  if (staked === 0n) throw new InputError('NOTHING_STAKED', `you have no ${token.symbol} staked in the capital pool`);
  const amount = params.amount ?? { kind: 'all' as const };
  // "all" and "25%" are shares of the stake, not of the wallet balance.
  const value = amount.kind === 'exact' ? amount.value : amount.kind === 'all' ? staked : (staked * BigInt(amount.bps)) / 10_000n;
  if (value === 0n) throw new InputError('ZERO_AMOUNT', `that share of your stake is nothing: ${formatAmount(staked, token)} is staked`);
  if (value > staked)
    throw new InputError('INSUFFICIENT_STAKE', `you have ${formatAmount(staked, token)} staked, not ${formatAmount(value, token)}`);
  if (lockEnd > ctx.now)
    throw new InputError('STAKE_LOCKED', `your stake is locked until ${new Date(Number(lockEnd) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`, {
      hints: ['claim rewards any time with "lucid claim"; the principal can be withdrawn once the lock ends'],
    });
  const tokenAddress = token.address as Address;
  return {
    agentId: 'capital',
    summary: `Unstake ${formatAmount(value, token)} from the Lucid capital pool`,
    calls: [
      {
        to: pool,
        data: encodeFunctionData({ abi: capitalPoolAbi, functionName: 'withdraw', args: [value, ctx.account] }),
        value: 0n,
        description: `Withdraw ${formatAmount(value, token)} from the capital pool`,
      },
    ],
    expects: [{ token: tokenAddress, symbol: token.symbol, decimals: token.decimals, direction: 'in', amount: value, bound: 'exact' }],
  };
}

async function planClaim(ctx: AgentContext, pool: Address): Promise<Plan> {
  const [rewardAddress, earned] = await Promise.all([
    ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'rewardToken' }),
    ctx.client.readContract({ address: pool, abi: capitalPoolAbi, functionName: 'earned', args: [ctx.account] }),
  ]);
  const reward = await tokenInfo(ctx, rewardAddress);
  if (earned === 0n) throw new InputError('NOTHING_TO_CLAIM', `you have no ${reward.symbol} to claim from the capital pool`);
  return {
    agentId: 'capital',
    summary: `Claim ${formatAmount(earned, reward)} (or a little more) from the Lucid capital pool`,
    calls: [
      {
        to: pool,
        data: encodeFunctionData({ abi: capitalPoolAbi, functionName: 'claim', args: [ctx.account] }),
        value: 0n,
        description: `Claim ${reward.symbol} rewards`,
      },
    ],
    // Rewards keep streaming between plan and inclusion: at least what is earned now arrives.
    expects: [{ token: reward.address, symbol: reward.symbol, decimals: reward.decimals, direction: 'in', amount: earned, bound: 'atLeast' }],
  };
}

async function tokenInfo(ctx: AgentContext, address: Address): Promise<TokenInfo> {
  const known = findTokenByAddress(ctx, address);
  if (known) return known;
  const [symbol, decimals] = await Promise.all([
    ctx.client.readContract({ address, abi: erc20Abi, functionName: 'symbol' }),
    ctx.client.readContract({ address, abi: erc20Abi, functionName: 'decimals' }),
  ]);
  return { address: getAddress(address), symbol, decimals, verified: false };
}
