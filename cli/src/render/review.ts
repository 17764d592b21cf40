/**
 * Plain-text rendering of a review and an outcome, for the non-interactive CLI. Every string that came
 * from outside Lucid (token symbols, agent text, revert reasons) is sanitized before it is printed.
 */
import type { Review, RunOutcome, BalanceChange } from '../../../runtime/index.js';
import { formatUnitsHuman } from '../../../kernel/index.js';
import { paint, sanitize } from '../output.js';

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function signed(diff: bigint, decimals: number): string {
  const text = formatUnitsHuman(diff < 0n ? -diff : diff, decimals);
  return diff < 0n ? `-${text}` : `+${text}`;
}

/** A known name with its short address ("capitalPool 0x4e85…f384"), or the short address alone. */
export function labelAddress(address: string, labels: Record<string, string> = {}): string {
  const label = labels[address.toLowerCase()];
  return label ? `${label} ${shortAddress(address)}` : shortAddress(address);
}

export function renderBalanceChanges(
  changes: readonly BalanceChange[],
  account: string,
  color: (t: string, c: 'red' | 'green') => string,
  labels: Record<string, string> = {},
): string[] {
  const lines: string[] = [];
  const mine = changes.filter((c) => c.address.toLowerCase() === account.toLowerCase() && c.diff !== 0n);
  const others = changes.filter((c) => c.address.toLowerCase() !== account.toLowerCase() && c.diff !== 0n);
  lines.push(`Your balances (${shortAddress(account)}):`);
  if (mine.length === 0) lines.push('  no change');
  for (const change of mine) {
    const symbol = sanitize(change.symbol, 16) + (change.verified ? '' : ' (unverified)');
    lines.push(`  ${color(signed(change.diff, change.decimals).padStart(22), change.diff < 0n ? 'red' : 'green')} ${symbol}`);
  }
  if (others.length) {
    lines.push('Other addresses:');
    for (const change of others)
      lines.push(`  ${labelAddress(change.address, labels).padEnd(28)} ${signed(change.diff, change.decimals)} ${sanitize(change.symbol, 16)}`);
  }
  return lines;
}

export function renderReview(review: Review, options: { explain: boolean }): string {
  const color = (text: string, c: 'red' | 'green' | 'yellow' | 'dim' | 'bold') => paint(text, c);
  const lines: string[] = [...renderReading(review).map((line) => color(line, review.grounding === 'roles' ? 'yellow' : 'dim'))];
  for (const [index, step] of review.steps.entries()) {
    const prefix = review.steps.length > 1 ? `${index + 1}. ` : '';
    lines.push(color(`${prefix}${sanitize(step.summary)}`, 'bold'));
    if (step.amountFrom) lines.push(`   amount: ${sanitize(step.amountFrom)}`);
    lines.push(color(`   agent ${step.agentId}: ${sanitize(step.reason)}`, 'dim'));
    if (options.explain) {
      for (const candidate of step.candidates) {
        const outcome = candidate.dropped ? `dropped: ${sanitize(candidate.dropped)}` : `net ${candidate.outcome} ${candidate.unit}, gas ${formatUnitsHuman(candidate.gasCostWei ?? 0n, 18)} ETH${candidate.feeWei ? `, fees ${formatUnitsHuman(candidate.feeWei, 18)} ETH` : ''}`;
        lines.push(`   ${candidate.agentId === step.agentId ? '→' : ' '} ${candidate.agentId.padEnd(14)} ${outcome}`);
        if (candidate.rate) lines.push(`     ${''.padEnd(14)} rate ${sanitize(candidate.rate)}; rates change with every supply and borrow`);
      }
    }
  }
  if (review.readOnly) {
    lines.push('');
    for (const line of review.readOnly.balances)
      lines.push(
        `  ${formatUnitsHuman(line.balance, line.decimals).padStart(22)} ${sanitize(line.symbol, 16).padEnd(8)}${line.usd !== undefined ? `  $${line.usd.toFixed(2)}` : ''}${
          line.position ? `  ${sanitize(line.position.venue, 32)} position: ${formatUnitsHuman(line.balance, line.decimals)} ${sanitize(line.position.asset, 16)} at ${sanitize(line.position.rate, 48)} (rates change)` : ''
        }`,
      );
    return lines.join('\n');
  }
  const dangerous = review.risks.filter((r) => r.level !== 'info');
  if (dangerous.length) {
    lines.push('');
    for (const risk of dangerous) lines.push(color(`${risk.level === 'danger' ? '✖ DANGER' : '⚠ warning'}: ${sanitize(risk.message)}`, risk.level === 'danger' ? 'red' : 'yellow'));
  }
  lines.push('');
  lines.push(...renderBalanceChanges(review.simulation.balanceChanges, review.account, (t, c) => color(t, c), review.labels));
  for (const approval of review.simulation.approvals) {
    if (approval.pre === approval.post) continue;
    lines.push(`Allowance: ${sanitize(approval.symbol, 16)} for ${labelAddress(approval.spender, review.labels)}: ${formatUnitsHuman(approval.pre, approval.decimals)} → ${formatUnitsHuman(approval.post, approval.decimals)}`);
  }
  lines.push(...feeLines(review));
  const gas = review.simulation.gas;
  lines.push(`Gas: ${gas.total.toLocaleString('en-US')} (≈ ${formatUnitsHuman(gas.costWei, 18)} ETH, at most ${formatUnitsHuman(gas.maxCostWei, 18)} ETH)`);
  lines.push('Calls:');
  for (const [index, call] of review.calls.entries())
    lines.push(`  ${index + 1}. ${sanitize(call.description)} → ${labelAddress(call.to, review.labels)}${call.value ? ` (${formatUnitsHuman(call.value, 18)} ETH)` : ''}`);
  if (review.policy.decision === 'confirm-typed') lines.push(color(`Policy: type "${review.policy.typedConfirmation}" to confirm this amount.`, 'yellow'));
  return lines.join('\n');
}

/**
 * Each usage fee the plans pay, on its own line (the agent's, and the frontend's and compute provider's when
 * present): part of what the user agrees to, paid in ETH inside the same sequence.
 */
export function feeLines(review: Pick<Review, 'plans'>): string[] {
  return review.plans.flatMap((plan) =>
    (plan.fees ?? []).map((fee) => `Fee to the ${fee.payee}${fee.name ? ` ${sanitize(fee.name, 48)}` : ''} (#${fee.entryId}): ${formatUnitsHuman(fee.amount, 18)} ETH`),
  );
}

/**
 * Who understood the words and what else the reading kept: the parser (and, for the LLM, that only the
 * values' roles were checked), notes, spelling corrections, and whether this is only a preview.
 */
export function renderReading(review: Pick<Review, 'parser' | 'grounding' | 'intents' | 'preview'>): string[] {
  const lines: string[] = [];
  if (review.parser === 'grammar') lines.push('Read by the grammar: every word accounted for.');
  if (review.parser === 'llm')
    lines.push(
      review.grounding === 'words'
        ? 'Read by the LLM, and the grammar reads it the same way.'
        : 'Read by the LLM: each value is tied to its place in your words, but the grammar could not read them. Check this reading; --yes alone will not sign it.',
    );
  for (const note of review.intents.notes ?? []) lines.push(`Note: "${sanitize(note, 120)}"`);
  for (const correction of review.intents.corrections ?? []) lines.push(`Read "${sanitize(correction.from, 64)}" as "${sanitize(correction.to, 64)}".`);
  if (review.preview || review.intents.preview) lines.push('Preview: you asked only to look; nothing will be signed.');
  return lines;
}

export function renderOutcome(outcome: RunOutcome): string {
  const lines: string[] = [];
  for (const tx of outcome.txs) lines.push(`${tx.status === 'confirmed' ? '✔' : '✖'} ${tx.hash} ${tx.status}${tx.blockNumber !== undefined ? ` in block ${tx.blockNumber}` : ''}`);
  if (outcome.balanceChanges.length) lines.push(...renderBalanceChanges(outcome.balanceChanges, outcome.review.account, (t, c) => paint(t, c, process.stdout)));
  for (const difference of outcome.outcomeDifferences) lines.push(paint(`⚠ differs from the simulation: ${difference}`, 'yellow'));
  return lines.join('\n');
}

/** The JSON document of `lucid "<intent>" --json`. */
export function outcomeJson(outcome: RunOutcome) {
  const { review } = outcome;
  return {
    runId: outcome.runId,
    status: outcome.status,
    chainId: review.chainId,
    account: review.account,
    intents: review.intents.intents,
    parser: review.parser,
    grounding: review.grounding,
    ...(review.preview ? { preview: true } : {}),
    ...(review.intents.notes ? { notes: review.intents.notes } : {}),
    ...(review.intents.corrections ? { corrections: review.intents.corrections } : {}),
    steps: review.steps.map((step) => ({
      action: step.intent?.action,
      agent: step.agentId,
      reason: step.reason,
      summary: step.summary,
      ...(step.amountFrom ? { amountFrom: step.amountFrom } : {}),
      candidates: step.candidates,
    })),
    plan: { calls: review.calls },
    fees: review.plans.flatMap((plan, index) => (plan.fees ?? []).map((fee) => ({ step: index + 1, ...fee }))),
    simulation: {
      ok: review.simulation.ok,
      blockNumber: review.simulation.blockNumber,
      balanceChanges: review.simulation.balanceChanges,
      approvals: review.simulation.approvals,
      gas: review.simulation.gas,
      calls: review.simulation.calls.map((call) => ({ index: call.index, to: call.to, status: call.status, gasUsed: call.gasUsed, revert: call.revert })),
    },
    risks: review.risks,
    policy: review.policy,
    ...(review.readOnly ? { balances: review.readOnly.balances } : {}),
    transactions: outcome.txs,
    receiptStatus: outcome.txs.length ? (outcome.txs.every((tx) => tx.status === 'confirmed') ? 'success' : outcome.txs.at(-1)?.status) : undefined,
    balanceChanges: outcome.balanceChanges,
    outcomeDifferences: outcome.outcomeDifferences,
  };
}
