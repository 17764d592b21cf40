/**
 * The approval a plan needs before its spender pulls a token, built the one way every agent builds it: read
 * the allowance the user has already given, and approve only when it is short of what the plan will spend,
 * for exactly that amount (the plan uses it up, so none is left standing). Unlimited only when the user's own
 * words asked for it (the intent's `unlimited`); Lucid's checks refuse any other approval that outlives the plan.
 *
 * No reset to zero first: every token on the devnet is an OpenZeppelin-style ERC-20 or WETH9, which accept a
 * new allowance over a non-zero one. A USDT-style token that refuses it fails in the simulation, never signed.
 */
import { encodeFunctionData, erc20Abi, maxUint256, type Address } from 'viem';
import type { AgentContext, PlanCall, TokenInfo } from '../../kernel/index.js';
import { formatAmount } from './amount.js';
import { readContracts } from './readContracts.js';

export type PlanApprovalParameters = {
  /** The token the spender takes; ETH needs no approval (none is planned). */
  token: TokenInfo;
  /** The contract that will pull the token (a router, a pool). */
  spender: Address;
  /** The spender for people, in the call's description: "the Uniswap V2 router". */
  spenderName: string;
  /** The most the plan lets the spender take, in base units. */
  amount: bigint;
  /** Only when the user said "unlimited" (pass the intent's `unlimited`): approves `type(uint256).max`. */
  unlimited?: boolean | undefined;
  /** The allowance already read (e.g. together with the plan's other reads, in one round trip); read when absent. */
  allowance?: bigint | undefined;
};

/** No call when the allowance already covers the amount (or the token is ETH), else one `approve`. */
export type PlanApprovalReturnType = PlanCall[];

/**
 * What `spender` may already take of the user's `token` (0 for ETH, which needs no approval): the read
 * {@link planApproval} makes when it is not handed the allowance, for agents that send it out beside their other reads.
 */
export async function readAllowance(ctx: Pick<AgentContext, 'client' | 'account'>, { token, spender }: { token: TokenInfo; spender: Address }): Promise<bigint> {
  if (token.address === 'ETH') return 0n;
  const read = { address: token.address, abi: erc20Abi, functionName: 'allowance', args: [ctx.account, spender] } as const;
  // With the plan's other reads where the client shares its batches (one eth_call for every agent of a run).
  const [answer] = await readContracts(ctx.client, { contracts: [read] });
  if (answer?.status === 'success') return answer.result;
  return ctx.client.readContract(read); // a token whose allowance reverts: its own error, read directly
}

/**
 * @param ctx - the agent's context: the allowance of `ctx.account` is read through `ctx.client`.
 * @returns {@link PlanApprovalReturnType}: the calls to put before the one that spends.
 * @example
 * const calls = [
 *   ...(await planApproval(ctx, { token, spender: pool, spenderName: 'the Aave V3 Pool', amount })),
 *   { to: pool, data: supplyData, value: 0n, description: 'Supply 100 USDC' },
 * ]
 */
export async function planApproval(ctx: Pick<AgentContext, 'client' | 'account'>, { token, spender, spenderName, amount, unlimited, allowance: given }: PlanApprovalParameters): Promise<PlanApprovalReturnType> {
  if (token.address === 'ETH' || amount === 0n) return [];
  const allowance = given ?? (await readAllowance(ctx, { token, spender }));
  if (allowance >= amount) return [];
  const approval = unlimited ? maxUint256 : amount;
  return [
    {
      to: token.address,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, approval] }),
      value: 0n,
      description: `Approve ${spenderName} to spend ${unlimited ? `unlimited ${token.symbol}` : formatAmount(approval, token)}`,
    },
  ];
}
