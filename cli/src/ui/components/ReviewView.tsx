import React from 'react';
import { Box, Text } from 'ink';
import type { Review } from '../../../../runtime/index.js';
import { formatUnitsHuman } from '../../../../kernel/index.js';
import { theme } from '../theme.js';
import { sanitize } from '../../output.js';
import { feeLines, labelAddress, shortAddress } from '../../render/review.js';

/** Risk flags first, in colours that cannot be missed; then the balance table; then gas. */
export function ReviewView({ review, width, expanded }: { review: Review; width: number; expanded: boolean }) {
  const risks = review.risks.filter((risk) => risk.level !== 'info');
  const mine = review.simulation.balanceChanges.filter((c) => c.address.toLowerCase() === review.account.toLowerCase() && c.diff !== 0n);
  // Who else gains or loses: the receiver of a transfer, a pool, a fee recipient (as the plain CLI shows).
  const others = review.simulation.balanceChanges.filter((c) => c.address.toLowerCase() !== review.account.toLowerCase() && c.diff !== 0n);
  const narrow = width < 100;
  const amountWidth = narrow ? 16 : 22;
  return (
    <Box flexDirection="column" marginY={1}>
      {review.steps.map((step, index) => (
        <Text key={`s${index}`} bold wrap="truncate-end">
          {review.steps.length > 1 ? `${index + 1}. ` : ''}
          {sanitize(step.summary, width - 6)}
          <Text color={theme.muted}> via {step.agentId}</Text>
        </Text>
      ))}
      {risks.map((risk, index) => (
        <Text key={`r${index}`} color={risk.level === 'danger' ? theme.danger : theme.warning} bold={risk.level === 'danger'} wrap="wrap">
          {risk.level === 'danger' ? '✖ DANGER ' : '⚠ '}
          {sanitize(risk.message, 300)}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        <Text color={theme.muted}>
          {'token'.padEnd(10)}
          {'out'.padStart(amountWidth)}
          {'in'.padStart(amountWidth)}
        </Text>
        {mine.length === 0 && <Text color={theme.muted}>no balance change</Text>}
        {mine.map((change, index) => {
          const amount = formatUnitsHuman(change.diff < 0n ? -change.diff : change.diff, change.decimals);
          return (
            <Text key={`b${index}`} wrap="truncate-end">
              {sanitize(change.symbol, 9).padEnd(10)}
              <Text color={theme.out}>{(change.diff < 0n ? `-${amount}` : '').padStart(amountWidth)}</Text>
              <Text color={theme.in}>{(change.diff > 0n ? `+${amount}` : '').padStart(amountWidth)}</Text>
              {change.verified ? '' : <Text color={theme.warning}> unverified</Text>}
            </Text>
          );
        })}
        {others.length > 0 && <Text color={theme.muted}>Other addresses</Text>}
        {others.map((change, index) => {
          const amount = formatUnitsHuman(change.diff < 0n ? -change.diff : change.diff, change.decimals);
          return (
            <Text key={`o${index}`} wrap="truncate-end">
              {'  '}
              {labelAddress(change.address, review.labels).padEnd(narrow ? 22 : 30)} {change.diff < 0n ? '-' : '+'}
              {amount} {sanitize(change.symbol, 12)}
            </Text>
          );
        })}
        {review.simulation.approvals
          .filter((a) => a.pre !== a.post)
          .map((approval, index) => (
            <Text key={`a${index}`} color={theme.muted} wrap="truncate-end">
              allowance {sanitize(approval.symbol, 9)} → {shortAddress(approval.spender)}: {formatUnitsHuman(approval.post, approval.decimals)}
            </Text>
          ))}
        {feeLines(review).map((line, index) => (
          <Text key={`f${index}`} wrap="truncate-end">
            {line}
          </Text>
        ))}
        <Text color={theme.muted}>
          gas {review.simulation.gas.total.toLocaleString('en-US')} ≈ {formatUnitsHuman(review.simulation.gas.costWei, 18)} ETH
        </Text>
      </Box>
      {expanded && <PlanDetails review={review} width={width} />}
    </Box>
  );
}

function PlanDetails({ review, width }: { review: Review; width: number }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>Calls</Text>
      {review.calls.map((call, index) => (
        <Box key={`c${index}`} flexDirection="column">
          <Text wrap="truncate-end">
            {index + 1}. {sanitize(call.description, width - 8)}
          </Text>
          <Text color={theme.muted} wrap="truncate-end">
            {'   '}to {labelFor(review, call.to)} value {formatUnitsHuman(call.value, 18)} ETH data {call.data.slice(0, Math.max(10, width - 60))}
            {call.data.length > width - 50 ? '…' : ''}
          </Text>
        </Box>
      ))}
      <Text bold>Agents</Text>
      {review.steps.flatMap((step, stepIndex) =>
        step.candidates.map((candidate, index) => (
          <Text key={`g${stepIndex}-${index}`} color={candidate.agentId === step.agentId ? theme.success : theme.muted} wrap="truncate-end">
            {candidate.agentId === step.agentId ? '→ ' : '  '}
            {candidate.agentId.padEnd(14)}{' '}
            {candidate.dropped ? `dropped: ${sanitize(candidate.dropped, 80)}` : `net ${candidate.outcome} ${candidate.unit}`}
          </Text>
        )),
      )}
    </Box>
  );
}

/** A known name for an address (router, token, contact) next to its short form; the labels map is Lucid's own. */
function labelFor(review: Review, address: string): string {
  const label = review.labels?.[address.toLowerCase()];
  return label ? `${sanitize(label, 32)} (${shortAddress(address)})` : address;
}
