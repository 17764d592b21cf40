import React from 'react';
import { Box, Text } from 'ink';
import type { Stage } from '../../../../runtime/index.js';
import { theme } from '../theme.js';
import { sanitize } from '../../output.js';

export type StageLine = { stage: Stage; message: string; startedAt: number; endedAt?: number | undefined };

export const stageLabels: Partial<Record<Stage, string>> = {
  parsing: 'parsing',
  parsed: 'parsed',
  routing: 'routing',
  routed: 'routed',
  simulating: 'simulating',
  simulated: 'simulated',
  'awaiting-confirmation': 'awaiting confirmation',
  signing: 'signing',
  sent: 'sent',
  confirmed: 'confirmed',
  failed: 'failed',
  refused: 'refused',
};

const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The stages an intent has moved through; the one in progress has a spinner and its elapsed time. */
export function Stages({ lines, now, animate = true }: { lines: StageLine[]; now: number; animate?: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => {
        const active = line.endedAt === undefined && !['confirmed', 'failed', 'refused'].includes(line.stage);
        const elapsed = ((line.endedAt ?? now) - line.startedAt) / 1000;
        const bad = line.stage === 'failed' || line.stage === 'refused';
        const mark = active ? (animate ? spinnerFrames[Math.floor(now / 80) % spinnerFrames.length] : '…') : bad ? '✖' : '✔';
        return (
          <Text key={`${line.stage}-${index}`} color={bad ? theme.danger : active ? theme.accent : theme.muted} wrap="truncate-end">
            {mark} {stageLabels[line.stage] ?? line.stage} <Text color={theme.muted}>{elapsed.toFixed(1)}s</Text> {sanitize(line.message, 160)}
          </Text>
        );
      })}
    </Box>
  );
}
