/**
 * The user's words are the specification (RISK.md, "Check the simulation against the intent"): every effect of
 * the simulation must be explained by the resolved intents. Gas is always explained. What is checked:
 * - every net decrease of the user's balance is of a token an intent sends, sells, wraps or stakes, within the
 *   intents' amounts (summed when several steps spend the same token; "all" has no upper bound), plus exactly
 *   the usage fees the review shows as their own lines (ETH), and nothing more;
 * - every approval the plan leaves standing (raised above what it was) was asked for, up to the amount asked;
 *   an exact approval used up inside the plan is fine; a revoke must leave 0;
 * - a swap's output reaches the user; a transfer's recipient receives the token;
 * - a supply's receipt token (the market's aToken, `receipts`) reaches the user, about 1:1 for what was supplied;
 *   a withdrawal burns at most the amount asked of the user's receipt token and pays at least that much of the
 *   asset to the user. A lending step whose market Lucid cannot name a receipt for is unexplained.
 * Receiving extra tokens is not an unexplained effect (it costs the user nothing); unverified tokens are flagged by
 * the risk rules instead.
 */
import { isAddressEqual, type Address } from 'viem';
import { RefusedError, formatAmount, formatUnitsHuman, type PlanFee, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import type { SimulationReport } from '../simulate/types.js';
import { userDiff } from './checkAgentPromises.js';

export type UnexplainedEffectKind =
  | 'unexpected-decrease'
  | 'decrease-exceeds-intent'
  | 'approval-not-asked'
  | 'approval-exceeds-intent'
  | 'revoke-not-done'
  | 'swap-output-elsewhere'
  | 'recipient-not-paid'
  | 'supply-receipt-elsewhere'
  | 'withdrawal-elsewhere'
  // From the sequence's logs (./checkLogEffects.ts):
  | 'value-to-stranger'
  | 'nft-leaves'
  | 'nft-approval'
  | 'nft-approval-for-all'
  | 'position-changed'
  | 'entry-changed'
  | 'uninterpretable-log';

export type UnexplainedEffect = {
  kind: UnexplainedEffectKind;
  token: Address | 'ETH';
  symbol: string;
  /** What the intent allows, in words ("swap 1 ETH for USDC: sends at most 1 ETH"). */
  intentSays: string;
  /** What the simulation shows, in words ("you send 1.5 ETH"). */
  simulationShows: string;
  /** Both sides in one line. */
  message: string;
};

export type CheckIntentEffectsReturnType = { ok: boolean; unexplained: UnexplainedEffect[] };

/** Actions that spend `token` from the user. */
const spendingActions = new Set(['transfer', 'swap', 'wrap', 'unwrap', 'stake', 'unstake', 'supply']);

/** A lending market's receipt token (Aave's aToken) and the asset it is a claim on, as read from the market. */
export type LendingReceipt = { token: Address; underlying: Address; symbol: string };

/** Base units a lending market may round a receipt balance by, each way, in one supply or withdrawal. */
const RECEIPT_ROUNDING = 2n;

/**
 * Finds the simulated effects the intents do not explain.
 *
 * @param report - The simulation of the plan.
 * @param intents - The resolved intents the plan was built for, in order.
 * @param account - The user's address.
 * @returns `ok` and the unexplained effects; refuse with {@link unexplainedRefusal} when not ok.
 */
export function checkIntentEffects(
  report: SimulationReport,
  intents: readonly ResolvedIntent[],
  account: Address,
  fees: readonly PlanFee[] = [],
  receipts: readonly LendingReceipt[] = [],
): CheckIntentEffectsReturnType {
  const unexplained: UnexplainedEffect[] = [];
  const said = intents.map(describeResolvedIntent).join(', then ');
  // The usage fees shown as their own lines of the review (paid in ETH): allowed on top of the words, and no more.
  const feeWei = fees.reduce((sum, fee) => sum + fee.amount, 0n);
  const feeText = feeWei > 0n ? `, plus ${formatUnitsHuman(feeWei, 18)} ETH in the usage fees shown` : '';

  // Balance decreases: net per token, against the sum of what the intents spend of it.
  for (const change of report.balanceChanges) {
    if (!isAddressEqual(change.address, account) || change.diff >= 0n) continue;
    const spenders = intents.filter((intent) => spendingActions.has(intent.action) && sameToken(intent.token, change.token));
    const spent = -change.diff;
    // A withdrawal burns the receipt token of the asset it withdraws: up to the amount asked (rounding allowed).
    const receipt = change.token === 'ETH' ? undefined : receipts.find((r) => isAddressEqual(r.token, change.token as Address));
    const withdrawals = receipt ? intents.filter((intent) => intent.action === 'withdraw' && sameToken(intent.token, receipt.underlying)) : [];
    if (spenders.length === 0 && withdrawals.length > 0) {
      const words = spendLimit(withdrawals, change.pre);
      const limit = words === undefined ? undefined : words + RECEIPT_ROUNDING * BigInt(withdrawals.length);
      if (limit !== undefined && spent > limit)
        unexplained.push(
          effect('decrease-exceeds-intent', change, `"${said}" withdraws at most ${formatUnitsHuman(words!, change.decimals)} of your ${change.symbol} position`, `you burn ${formatUnitsHuman(spent, change.decimals)} ${change.symbol}`),
        );
      continue;
    }
    const shows = `you send ${formatUnitsHuman(spent, change.decimals)} ${change.symbol}`;
    const fee = change.token === 'ETH' ? feeWei : 0n;
    if (spenders.length === 0) {
      if (fee > 0n && spent <= fee) continue;
      unexplained.push(
        fee > 0n
          ? effect('decrease-exceeds-intent', change, `"${said}" sends no ${change.symbol}${feeText}`, shows)
          : effect('unexpected-decrease', change, `"${said}" does not send any ${change.symbol}`, shows),
      );
      continue;
    }
    const words = spendLimit(spenders, change.pre);
    const limit = words === undefined ? undefined : words + fee;
    if (limit !== undefined && spent > limit)
      unexplained.push(
        effect(
          'decrease-exceeds-intent',
          change,
          `"${said}" sends at most ${formatUnitsHuman(words!, change.decimals)} ${change.symbol}${fee > 0n ? feeText : ''}`,
          shows,
        ),
      );
  }

  // Approvals the plan raised and leaves standing.
  for (const approval of report.approvals) {
    if (!isAddressEqual(approval.owner, account)) continue;
    const asked = intents.filter(
      (intent) => (intent.action === 'approve' || intent.action === 'revoke') && sameToken(intent.token, approval.token) && intent.to && isAddressEqual(intent.to, approval.spender),
    );
    const left = formatAmount(approval.post, approval.decimals, approval.symbol);
    const shows = `${approval.spender} may spend ${left} of yours after the plan`;
    const token = { token: approval.token, symbol: approval.symbol };
    const revoke = asked.find((intent) => intent.action === 'revoke');
    if (revoke && approval.post !== 0n) {
      unexplained.push(effect('revoke-not-done', token, `"${said}" revokes ${approval.spender}'s ${approval.symbol} allowance`, shows));
      continue;
    }
    if (approval.post === 0n || approval.post <= approval.pre) continue;
    const approve = asked.find((intent) => intent.action === 'approve');
    if (!approve) {
      unexplained.push(effect('approval-not-asked', token, `"${said}" leaves no ${approval.symbol} approval standing`, shows));
      continue;
    }
    const allowed = approve.unlimited ? undefined : approve.amount?.kind === 'exact' ? approve.amount.value : undefined;
    if (!approve.unlimited && (allowed === undefined || approval.post > allowed))
      unexplained.push(
        effect(
          'approval-exceeds-intent',
          token,
          `"${said}" approves ${allowed === undefined ? 'a bounded amount' : formatAmount(allowed, approval.decimals, approval.symbol)}`,
          shows,
        ),
      );
  }

  // Swaps pay the user; transfers pay the recipient.
  for (const intent of intents) {
    if (intent.action === 'swap' && intent.tokenOut) {
      const received = userDiff(report, account, intent.tokenOut.address);
      const minimum = intent.amountOut ?? 1n;
      if (received < minimum) {
        const elsewhere = biggestOtherGain(report, account, intent.tokenOut.address);
        const shows = `you receive ${formatUnitsHuman(received > 0n ? received : 0n, intent.tokenOut.decimals)} ${intent.tokenOut.symbol}${
          elsewhere ? `; ${elsewhere.address} receives ${formatUnitsHuman(elsewhere.diff, intent.tokenOut.decimals)} ${intent.tokenOut.symbol}` : ''
        }`;
        unexplained.push(
          effect('swap-output-elsewhere', intent.tokenOut, `"${describeResolvedIntent(intent)}" pays the ${intent.tokenOut.symbol} to you`, shows),
        );
      }
    }
    if (intent.action === 'transfer' && intent.token && intent.to && !isAddressEqual(intent.to, account)) {
      const received = partyDiff(report, intent.to, intent.token.address);
      const expected = intent.amount?.kind === 'exact' ? intent.amount.value : 1n;
      if (received < expected)
        unexplained.push(
          effect(
            'recipient-not-paid',
            intent.token,
            `"${describeResolvedIntent(intent)}" pays ${formatUnitsHuman(expected, intent.token.decimals)} ${intent.token.symbol} to ${intent.toLabel ?? intent.to}`,
            `${intent.toLabel ?? intent.to} receives ${formatUnitsHuman(received > 0n ? received : 0n, intent.token.decimals)} ${intent.token.symbol}`,
          ),
        );
    }
  }
  unexplained.push(...checkLending(report, intents, account, receipts));
  return { ok: unexplained.length === 0, unexplained };
}

// A supply's receipt reaches the user; a withdrawal pays the asset to the user, at least what it burns and asks.
function checkLending(report: SimulationReport, intents: readonly ResolvedIntent[], account: Address, receipts: readonly LendingReceipt[]): UnexplainedEffect[] {
  const found: UnexplainedEffect[] = [];
  for (const intent of intents) {
    if ((intent.action !== 'supply' && intent.action !== 'withdraw') || !intent.token) continue;
    const token = intent.token;
    const said = describeResolvedIntent(intent);
    const receipt = token.address === 'ETH' ? undefined : receipts.find((r) => isAddressEqual(r.underlying, token.address as Address));
    if (!receipt) {
      found.push(effect(intent.action === 'supply' ? 'supply-receipt-elsewhere' : 'withdrawal-elsewhere', token, `"${said}" uses a lending market Lucid knows`, `no market Lucid knows issues a receipt for ${token.symbol} here`));
      continue;
    }
    const assetDiff = userDiff(report, account, token.address);
    const receiptDiff = userDiff(report, account, receipt.token);
    if (intent.action === 'supply') {
      const supplied = assetDiff < 0n ? -assetDiff : 0n;
      if (supplied > 0n && receiptDiff + RECEIPT_ROUNDING < supplied) {
        const elsewhere = biggestOtherGain(report, account, receipt.token);
        found.push(
          effect(
            'supply-receipt-elsewhere',
            { token: receipt.token, symbol: receipt.symbol },
            `"${said}" gives you ${receipt.symbol} for the ${formatUnitsHuman(supplied, token.decimals)} ${token.symbol} supplied`,
            `you receive ${formatUnitsHuman(receiptDiff > 0n ? receiptDiff : 0n, token.decimals)} ${receipt.symbol}${
              elsewhere ? `; ${elsewhere.address} receives ${formatUnitsHuman(elsewhere.diff, token.decimals)} ${receipt.symbol}` : ''
            }`,
          ),
        );
      }
      continue;
    }
    const burnt = receiptDiff < 0n ? -receiptDiff : 0n;
    const asked = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
    const owed = burnt > RECEIPT_ROUNDING ? burnt - RECEIPT_ROUNDING : 0n;
    const floor = asked > owed ? asked : owed;
    if (assetDiff < floor || (burnt === 0n && assetDiff <= 0n)) {
      const elsewhere = biggestOtherGain(report, account, token.address);
      found.push(
        effect(
          'withdrawal-elsewhere',
          token,
          `"${said}" pays ${floor > 0n ? `at least ${formatUnitsHuman(floor, token.decimals)} ` : ''}${token.symbol} to you`,
          `you burn ${formatUnitsHuman(burnt, token.decimals)} ${receipt.symbol} and receive ${formatUnitsHuman(assetDiff > 0n ? assetDiff : 0n, token.decimals)} ${token.symbol}${
            elsewhere ? `; ${elsewhere.address} receives ${formatUnitsHuman(elsewhere.diff, token.decimals)} ${token.symbol}` : ''
          }`,
        ),
      );
    }
  }
  return found;
}

/** The refusal the runtime raises for unexplained effects, both sides shown. */
export function unexplainedRefusal(result: CheckIntentEffectsReturnType): RefusedError {
  return new RefusedError('UNEXPLAINED_EFFECT', 'The plan does something you did not ask for.', {
    details: result.unexplained.map((item) => item.message).join('\n'),
    hints: ['Nothing was signed. Check the agent, or say exactly what you want done.'],
  });
}

/** One plain line for a resolved intent ("swap 1 ETH for USDC", "send 50 USDC to alice.eth"). */
export function describeResolvedIntent(intent: ResolvedIntent): string {
  const symbol = intent.token?.symbol ?? '';
  const amount =
    intent.amount?.kind === 'exact'
      ? `${formatUnitsHuman(intent.amount.value, intent.token?.decimals ?? 18)} ${symbol}`
      : intent.amount?.kind === 'all'
        ? `all ${symbol}`
        : intent.amount?.kind === 'percent'
          ? `${intent.amount.bps / 100}% of ${symbol}`
          : symbol;
  const to = intent.toLabel ?? intent.to ?? '';
  switch (intent.action) {
    case 'transfer':
      return `send ${amount} to ${to}`;
    case 'swap':
      return intent.amountOut !== undefined && intent.tokenOut
        ? `buy ${formatUnitsHuman(intent.amountOut, intent.tokenOut.decimals)} ${intent.tokenOut.symbol} with ${symbol}`
        : `swap ${amount} for ${intent.tokenOut?.symbol ?? '?'}`;
    case 'approve':
      return `approve ${intent.unlimited ? `unlimited ${symbol}` : amount} for ${to}`;
    case 'revoke':
      return `revoke ${to}'s ${symbol} allowance`;
    default:
      return `${intent.action} ${amount}`.trim();
  }
}

// Most the spending intents may take of a token together; undefined when one of them is "all" or an exact-output
// swap (whose input is bounded by the agent's expectation, not by the user's words).
function spendLimit(intents: ResolvedIntent[], pre: bigint): bigint | undefined {
  let total = 0n;
  for (const intent of intents) {
    const amount = intent.amount;
    if (!amount || amount.kind === 'all') return undefined;
    // A percentage resolves against the balance before the plan; one base unit of rounding is allowed.
    total += amount.kind === 'exact' ? amount.value : (pre * BigInt(amount.bps)) / 10_000n + 1n;
  }
  return total;
}

function sameToken(info: TokenInfo | undefined, token: Address | 'ETH'): boolean {
  if (!info) return false;
  if (info.address === 'ETH' || token === 'ETH') return info.address === token;
  return isAddressEqual(info.address, token);
}

function partyDiff(report: SimulationReport, party: Address, token: Address | 'ETH'): bigint {
  return userDiff(report, party, token);
}

function biggestOtherGain(report: SimulationReport, account: Address, token: Address | 'ETH') {
  const calls = report.calls.map((call) => call.to);
  return report.balanceChanges
    .filter(
      (change) =>
        change.diff > 0n &&
        !isAddressEqual(change.address, account) &&
        !calls.some((to) => isAddressEqual(to, change.address)) &&
        (change.token === 'ETH' ? token === 'ETH' : token !== 'ETH' && isAddressEqual(change.token, token)),
    )
    .sort((a, b) => (b.diff > a.diff ? 1 : b.diff < a.diff ? -1 : 0))[0];
}

function effect(
  kind: UnexplainedEffectKind,
  token: { token?: Address | 'ETH'; address?: Address | 'ETH'; symbol: string },
  intentSays: string,
  simulationShows: string,
): UnexplainedEffect {
  return {
    kind,
    token: token.token ?? token.address ?? 'ETH',
    symbol: token.symbol,
    intentSays,
    simulationShows,
    message: `You asked: ${intentSays}. The simulation: ${simulationShows}.`,
  };
}
