/**
 * After inclusion: the real balance changes, read from chain state (not events), and how they differ from
 * what the simulation showed. Reporting the difference is how Lucid measures its own simulator.
 */
import type { Address, PublicClient } from 'viem';
import { erc20Abi } from 'viem';

export type OutcomeToken = { token: Address | 'ETH'; symbol: string; decimals: number };

/** One balance change; `diff` in base units. ETH diffs are gas-free (gas paid is added back). */
export type BalanceChange = OutcomeToken & { pre?: bigint | undefined; post?: bigint | undefined; diff: bigint };

export type ReadBalanceChangesParameters = {
  publicClient: PublicClient;
  account: Address;
  tokens: OutcomeToken[];
  /** The state before: usually the first receipt's block − 1. */
  fromBlock: bigint;
  /** The state after: usually the last receipt's block. */
  toBlock: bigint;
};

export type ReadBalanceChangesReturnType = { changes: BalanceChange[]; gasPaid: bigint };

/**
 * Reads `account`'s balances of `tokens` at `fromBlock` and `toBlock`. The ETH diff has the gas the account
 * paid in blocks (fromBlock, toBlock] added back, so it compares with a simulation's gas-free diff.
 * Anything else that touched the account in those blocks (an incoming transfer) shows up too.
 */
export async function readBalanceChanges(parameters: ReadBalanceChangesParameters): Promise<ReadBalanceChangesReturnType> {
  const { publicClient, account, tokens, fromBlock, toBlock } = parameters;
  // The gas paid and every balance are independent reads: made together, then the gas is added back to ETH.
  const [gasPaid, balances] = await Promise.all([
    gasPaidBy(publicClient, account, fromBlock, toBlock),
    Promise.all(
      tokens.map(async (token) => {
        const read = (blockNumber: bigint) =>
          token.token === 'ETH'
            ? publicClient.getBalance({ address: account, blockNumber })
            : publicClient.readContract({ address: token.token, abi: erc20Abi, functionName: 'balanceOf', args: [account], blockNumber });
        const [pre, post] = await Promise.all([read(fromBlock), read(toBlock)]);
        return { token, pre, post };
      }),
    ),
  ]);
  const changes = balances.map(({ token, pre, post }): BalanceChange => ({ ...token, pre, post, diff: post - pre + (token.token === 'ETH' ? gasPaid : 0n) }));
  return { changes, gasPaid };
}

export type OutcomeDifference = {
  token: Address | 'ETH';
  symbol: string;
  decimals: number | undefined;
  simulated: bigint;
  actual: bigint;
  /** actual − simulated. */
  difference: bigint;
};

export type CompareOutcomeParameters = {
  simulated: Array<{ token: Address | 'ETH'; symbol?: string | undefined; decimals?: number | undefined; diff: bigint }>;
  actual: Array<{ token: Address | 'ETH'; symbol?: string | undefined; decimals?: number | undefined; diff: bigint }>;
  /**
   * Time-dependent effects: tokens that accrue by the second (staking rewards), each with how far the real
   * change may lie from the simulated one because the simulated block time and the inclusion time differ.
   * A difference within `upTo` is expected, not a difference; one beyond it still is.
   */
  accruing?: ReadonlyArray<{ token: Address; upTo: bigint }> | undefined;
};

/**
 * Every token whose real change differs from the simulated one (a token missing on one side counts as 0).
 * An empty list means the simulation was exact.
 */
export function compareOutcome({ simulated, actual, accruing = [] }: CompareOutcomeParameters): OutcomeDifference[] {
  type Side = CompareOutcomeParameters['simulated'][number];
  const byToken = new Map<string, { simulated?: Side; actual?: Side }>();
  for (const change of simulated) byToken.set(change.token.toLowerCase(), { ...byToken.get(change.token.toLowerCase()), simulated: change });
  for (const change of actual) byToken.set(change.token.toLowerCase(), { ...byToken.get(change.token.toLowerCase()), actual: change });
  const differences: OutcomeDifference[] = [];
  for (const { simulated: s, actual: a } of byToken.values()) {
    const simulatedDiff = s?.diff ?? 0n;
    const actualDiff = a?.diff ?? 0n;
    if (simulatedDiff === actualDiff) continue;
    const info = s ?? a;
    if (!info) continue;
    const accrual = info.token === 'ETH' ? undefined : accruing.find((t) => t.token.toLowerCase() === info.token.toLowerCase());
    const gap = actualDiff > simulatedDiff ? actualDiff - simulatedDiff : simulatedDiff - actualDiff;
    if (accrual && gap <= accrual.upTo) continue;
    differences.push({
      token: info.token,
      symbol: s?.symbol ?? a?.symbol ?? info.token,
      decimals: s?.decimals ?? a?.decimals,
      simulated: simulatedDiff,
      actual: actualDiff,
      difference: actualDiff - simulatedDiff,
    });
  }
  return differences;
}

// ---------------------------------------------------------------------------------------------------------

// Gas is paid by the sender of each transaction: sum gasUsed × effectiveGasPrice (+ the L1 fee on rollups
// whose receipts report one) over the account's transactions in the range.
async function gasPaidBy(publicClient: PublicClient, account: Address, fromBlock: bigint, toBlock: bigint): Promise<bigint> {
  const numbers: bigint[] = [];
  for (let blockNumber = fromBlock + 1n; blockNumber <= toBlock; blockNumber++) numbers.push(blockNumber);
  // The blocks, then the receipts of the account's transactions in them, each set read at once.
  const blocks = await Promise.all(numbers.map((blockNumber) => publicClient.getBlock({ blockNumber, includeTransactions: true })));
  const mine = blocks.flatMap((block) => block.transactions.filter((transaction) => transaction.from.toLowerCase() === account.toLowerCase()));
  const receipts = await Promise.all(mine.map((transaction) => publicClient.getTransactionReceipt({ hash: transaction.hash })));
  let total = 0n;
  for (const receipt of receipts) {
    const l1Fee = (receipt as { l1Fee?: bigint | null }).l1Fee ?? 0n;
    total += receipt.gasUsed * receipt.effectiveGasPrice + l1Fee;
  }
  return total;
}

export type JudgeOutcomeParameters = CompareOutcomeParameters & {
  /** Swap outputs the user accepted slippage on: the real output may fall short of the simulated one by that much. */
  slippage?: Array<{ token: Address | 'ETH'; bps: number }> | undefined;
  /** The user's allowances: the simulated value after the plan and the real one after inclusion. */
  approvals?: Array<{ token: Address; spender: Address; symbol: string; decimals: number; post: bigint; actual: bigint }> | undefined;
};

/**
 * The differences between the real and the simulated effects that are beyond the declared bounds, one line
 * each (issue 13, guarantee 4). A balance may come out better for the user than simulated (rewards that
 * accrued for a few more seconds, a better price); worse only by the slippage the user accepted on a swap's
 * output, and not at all anywhere else. An allowance must not be left higher than simulated.
 * An empty list means the chain did what the review showed.
 */
export function judgeOutcome(parameters: JudgeOutcomeParameters): string[] {
  const lines: string[] = [];
  const tolerance = (token: Address | 'ETH', simulated: bigint) => {
    const magnitude = simulated < 0n ? -simulated : simulated;
    let allowed = 0n;
    for (const rule of parameters.slippage ?? [])
      if (rule.token.toLowerCase() === token.toLowerCase()) {
        const bound = (magnitude * BigInt(rule.bps)) / 10_000n;
        if (bound > allowed) allowed = bound;
      }
    return allowed;
  };
  for (const difference of compareOutcome(parameters)) {
    const shortfall = -difference.difference;
    if (shortfall <= 0n) continue;
    if (shortfall <= tolerance(difference.token, difference.simulated)) continue;
    const unit = (value: bigint) => `${formatBase(value, difference.decimals ?? 18)} ${difference.symbol}`;
    lines.push(`${difference.symbol}: simulated ${unit(difference.simulated)}, real ${unit(difference.actual)} (${unit(shortfall)} less for you)`);
  }
  for (const approval of parameters.approvals ?? [])
    if (approval.actual > approval.post)
      lines.push(
        `${approval.symbol} allowance of ${approval.spender}: simulated ${formatBase(approval.post, approval.decimals)}, real ${formatBase(approval.actual, approval.decimals)}`,
      );
  return lines;
}

function formatBase(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const unit = 10n ** BigInt(decimals);
  const whole = magnitude / unit;
  const fraction = (magnitude % unit).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
