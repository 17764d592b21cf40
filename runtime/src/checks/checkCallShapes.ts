/**
 * Every call explained (issue 13, guarantee 2): each action has a declared shape, the top-level calls it may
 * make, and a call outside it makes the plan a danger that `--yes` cannot pass.
 *
 * | action | calls it may make |
 * |---|---|
 * | transfer | `token.transfer(recipient, …)`, or a plain ETH send to the recipient |
 * | swap | `tokenIn.approve(…)`, a known router's swap functions, WETH `deposit`/`withdraw`, or a contract of the agent's own that the deployment does not know (its router) |
 *
 * A Uniswap V3 router's swap functions are `exactInput(Single)` / `exactOutput(Single)` paying the user (or the
 * router itself when the user receives ETH), `unwrapWETH9` to the user, `refundETH`, and a `multicall` made only
 * of those; its `sweepToken`, the `…WithFee` variants and the permit functions are outside the shape.
 * | wrap / unwrap | WETH `deposit` / `withdraw` |
 * | stake / unstake / claim | `stakeToken.approve(capitalPool, …)` and `capitalPool.stake` / `withdraw` / `claim` |
 * | approve / revoke | `token.approve(the named spender, …)` |
 * | supply | `token.approve(aavePool, ≤ amount)` and `aavePool.supply(token, ≤ amount, onBehalfOf = the user, …)` |
 * | withdraw | `aavePool.withdraw(token, ≤ amount, to = the user)`; "all" only as `type(uint256).max` (the whole position) |
 *
 * For every action, the usage-fee call the runtime itself appends to registry agents' plans
 * (`UsageLedger.recordUsage`, once, last, paying exactly the plan's declared `fees`) is part of the shape. A known contract (a token, a registry, the capital pool, …)
 * called in a way the action does not need, and a plain account called in a swap, are outside the shape.
 * Actions without a declared shape (read-only ones) are not checked here.
 */
import { erc20Abi, getAddress, isAddressEqual, maxUint256, slice, toFunctionSelector, type Abi, type Address, type Hex, type PublicClient } from 'viem';
import { decodeCall } from '../chain/decodeCall.js';
import { aavePoolAbi } from '../lending/aavePoolAbi.js';
import { toChecksumAddress, type IntentAction, type Plan, type PlanCall, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { CapitalPool, SwapRouter, UniswapV2Router02, UsageLedger, WETH9 } from '../../../registry-contracts/index.js';

export type CallShapeViolation = {
  /** Index of the call in the whole sequence. */
  index: number;
  to: Address;
  /** The function called, by name when a known ABI has it, else its selector ("0x12345678"), or "a plain ETH send". */
  call: string;
  message: string;
};

export type CheckCallShapesParameters = {
  /** Each step's resolved intent and the plan that serves it, in order. */
  steps: readonly { intent: ResolvedIntent; plan: Pick<Plan, 'calls' | 'fees'> }[];
  /** The deployment's protocol contracts by name. */
  contracts: Record<string, Address>;
  knownTokens: readonly TokenInfo[];
  /** The user's account: a V3 swap must pay it (or its router, to unwrap ETH to it). */
  account?: Address | undefined;
};

const knownAbis = [erc20Abi, WETH9.abi, UniswapV2Router02.abi, SwapRouter.abi, CapitalPool.abi, UsageLedger.abi, aavePoolAbi] as unknown as Abi[];

/**
 * @example
 * const violations = await checkCallShapes(client, { steps, contracts: session.contracts, knownTokens: session.tokens })
 */
export async function checkCallShapes(client: PublicClient, { steps, contracts, knownTokens, account }: CheckCallShapesParameters): Promise<CallShapeViolation[]> {
  // The session's own lists, checksummed for every plan judged: the kernel's checksum, remembered per hex.
  const deployment = Object.values(contracts).map((address) => toChecksumAddress(address));
  const tokens = knownTokens.flatMap((token) => (token.address === 'ETH' ? [] : [toChecksumAddress(token.address)]));
  const routers = Object.entries(contracts)
    .filter(([name]) => /router/i.test(name))
    .map(([, address]) => address);
  const known = (address: Address) => [...deployment, ...tokens].some((item) => isAddressEqual(item, address));
  const is = (key: string, address: Address) => Boolean(contracts[key]) && isAddressEqual(contracts[key]!, address);
  const isContract = async (address: Address) => {
    const code = await client.getCode({ address }).catch(() => undefined);
    return Boolean(code && code !== '0x' && !code.toLowerCase().startsWith('0xef0100'));
  };

  const violations: CallShapeViolation[] = [];
  let index = 0;
  for (const { intent, plan } of steps) {
    const declared = (plan.fees ?? []).reduce((sum, fee) => sum + fee.amount, 0n);
    for (const [position, call] of plan.calls.entries()) {
      const decoded = decode(call.data);
      const name = call.data === '0x' ? 'a plain ETH send' : (decoded?.functionName ?? slice(call.data, 0, 4));
      const args = (decoded?.args ?? []) as readonly unknown[];
      const same = (a: unknown, b: Address | 'ETH' | undefined) => typeof a === 'string' && b !== undefined && b !== 'ETH' && isAddressEqual(a as Address, b);
      // The runtime appends exactly one, last, paying exactly the fees the review shows; any other is the agent's.
      const fits =
        is('usageLedger', call.to) && name === 'recordUsage'
          ? position === plan.calls.length - 1 && call.value === declared
          : await shapes[intent.action]?.({ intent, call, name, args, same, is, known, routers, isContract, contracts, account });
      if (fits === false)
        violations.push({
          index,
          to: getAddress(call.to),
          call: name,
          message: `Step ${index + 1} calls ${name} on ${short(call.to)}, which ${intent.action} does not need (${describeCall(call)}).`,
        });
      index++;
    }
  }
  return violations;
}

type ShapeInput = {
  intent: ResolvedIntent;
  call: PlanCall;
  /** The function called, by name when a known ABI has it. */
  name: string;
  args: readonly unknown[];
  same: (a: unknown, b: Address | 'ETH' | undefined) => boolean;
  is: (key: string, address: Address) => boolean;
  known: (address: Address) => boolean;
  routers: readonly Address[];
  isContract: (address: Address) => Promise<boolean>;
  contracts: Record<string, Address>;
  account: Address | undefined;
};

/** Whether one top-level call fits the action; undefined where the action declares no shape. */
type Shape = (input: ShapeInput) => boolean | undefined | Promise<boolean | undefined>;

/**
 * One entry per action of the kernel's intent contract (`intentActions`): a new action does not compile until it
 * declares its shape here, or `undefined` for an action that signs nothing (a read) or whose calls no rule fixes yet.
 */
const shapes: Record<IntentAction, Shape | undefined> = {
  transfer: ({ intent, call, name, args, same }) =>
    intent.token?.address === 'ETH' ? call.data === '0x' && same(call.to, intent.to) : same(call.to, intent.token?.address) && name === 'transfer' && same(args[0], intent.to),
  swap: async ({ intent, call, name, same, is, known, routers, isContract, account }) => {
    if (same(call.to, intent.token?.address) && name === 'approve') return true;
    // WETH's own moves; approving WETH is part of a swap that sells ETH through it.
    if (is('weth', call.to)) return name === 'deposit' || name === 'withdraw' || (name === 'approve' && intent.token?.address === 'ETH');
    if (routers.some((router) => isAddressEqual(router, call.to)))
      return name.startsWith('swap') || fitsV3Swap(call.data, { router: call.to, account, ethOut: intent.tokenOut?.address === 'ETH' });
    if (known(call.to)) return false;
    // An outside agent's own router: any contract the deployment does not know, never a plain account.
    return isContract(call.to);
  },
  wrap: ({ call, name, is }) => is('weth', call.to) && name === 'deposit',
  unwrap: ({ call, name, is }) => is('weth', call.to) && name === 'withdraw',
  stake: ({ intent, call, name, args, same, is, contracts }) =>
    (is('capitalPool', call.to) && name === 'stake') || (same(call.to, intent.token?.address) && name === 'approve' && same(args[0], contracts.capitalPool)),
  unstake: ({ call, name, is }) => is('capitalPool', call.to) && name === 'withdraw',
  claim: ({ call, name, is }) => is('capitalPool', call.to) && name === 'claim',
  approve: ({ intent, call, name, args, same }) => same(call.to, intent.token?.address) && name === 'approve' && same(args[0], intent.to),
  revoke: ({ intent, call, name, args, same }) => same(call.to, intent.token?.address) && name === 'approve' && same(args[0], intent.to),
  // Reads sign nothing.
  balance: undefined,
  supply: ({ intent, call, args, same, is, contracts, account }) => {
    const lent = decodeLending(call.data);
    if (is('aavePool', call.to))
      return lent?.functionName === 'supply' && same(lent.args[0], intent.token?.address) && withinIntent(intent, lent.args[1]) && (account === undefined || same(lent.args[2], account));
    const approve = decodeApprove(call.data);
    return same(call.to, intent.token?.address) && approve !== undefined && same(args[0], contracts.aavePool) && withinIntent(intent, approve);
  },
  withdraw: ({ intent, call, is, account }) => {
    const lent = decodeLending(call.data);
    return (
      is('aavePool', call.to) &&
      lent?.functionName === 'withdraw' &&
      same2(lent.args[0], intent.token?.address) &&
      (intent.amount?.kind === 'all' ? lent.args[1] === maxUint256 : withinIntent(intent, lent.args[1])) &&
      (account === undefined || same2(lent.args[2], account))
    );
  },
};

/**
 * An amount a lending call moves, against the words: at most the exact amount said; "all" and "25%" are
 * resolved by the agent from a balance, so there the review's balance checks bound them instead.
 */
function withinIntent(intent: ResolvedIntent, amount: unknown): boolean {
  if (typeof amount !== 'bigint') return false;
  return intent.amount?.kind === 'exact' ? amount <= intent.amount.value : amount !== maxUint256 || intent.action === 'withdraw';
}

function same2(a: unknown, b: Address | 'ETH' | undefined): boolean {
  return typeof a === 'string' && b !== undefined && b !== 'ETH' && isAddressEqual(a as Address, b);
}

function decodeLending(data: Hex): { functionName: 'supply' | 'withdraw'; args: readonly unknown[] } | undefined {
  try {
    const decoded = decodeCall(aavePoolAbi, data);
    return decoded?.functionName === 'supply' || decoded?.functionName === 'withdraw' ? { functionName: decoded.functionName, args: decoded.args ?? [] } : undefined;
  } catch {
    return undefined;
  }
}

function decodeApprove(data: Hex): bigint | undefined {
  try {
    const decoded = decodeCall(erc20Abi, data);
    return decoded?.functionName === 'approve' ? (decoded.args![1] as bigint) : undefined;
  } catch {
    return undefined;
  }
}

const v3Swaps = new Set(['exactInput', 'exactInputSingle', 'exactOutput', 'exactOutputSingle']);

/** A V3 router call that only swaps for the user: see the table above. */
function fitsV3Swap(data: Hex, who: { router: Address; account: Address | undefined; ethOut: boolean }): boolean {
  let decoded: { functionName: string; args?: readonly unknown[] | undefined } | undefined;
  try {
    decoded = decodeCall(SwapRouter.abi, data);
  } catch {
    return false;
  }
  if (!decoded) return false;
  const args = decoded.args ?? [];
  const pays = (recipient: unknown, orRouter: boolean) =>
    typeof recipient === 'string' &&
    (who.account === undefined || isAddressEqual(recipient as Address, who.account) || (orRouter && isAddressEqual(recipient as Address, who.router)));
  if (v3Swaps.has(decoded.functionName)) return pays((args[0] as { recipient?: unknown } | undefined)?.recipient, who.ethOut);
  if (decoded.functionName === 'unwrapWETH9') return pays(args[1], false);
  if (decoded.functionName === 'refundETH') return true;
  if (decoded.functionName === 'multicall') return ((args[0] ?? []) as readonly Hex[]).every((inner) => fitsV3Swap(inner, who) && !inner.startsWith(multicallSelector));
  return false;
}

const multicallSelector = toFunctionSelector('multicall(bytes[])');

function decode(data: Hex): { functionName: string; args?: readonly unknown[] | undefined } | undefined {
  if (data.length < 10) return undefined;
  for (const abi of knownAbis) {
    try {
      const decoded = decodeCall(abi, data);
      if (decoded) return decoded;
    } catch {
      // this ABI's selector, but not its arguments
    }
  }
  return undefined;
}

// The agent's own words for the call, bounded: they are untrusted and shown only as a quote.
function describeCall(call: PlanCall): string {
  const text = call.description.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return `the agent says "${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
}

function short(address: Address): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
