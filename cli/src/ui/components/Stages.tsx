import React from 'react';
import { Box, Text } from 'ink';
import type { Stage } from '../../../../runtime/index.js';
import { theme } from '../theme.js';
import { sanitize } from '../../output.js';

export type StageLine = {
  stage: Stage;
  message: string;
  startedAt: number;
  endedAt?: number | undefined;
  /** For a failed or refused line: the stage that was in progress when it failed ("parsing" for words that did not parse). */
  failedIn?: Stage | undefined;
};

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

/** The phase a stage belongs to: each phase is one line, updated in place as its stages arrive. */
const phaseOf: Partial<Record<Stage, string>> = {
  parsing: 'parse',
  parsed: 'parse',
  routing: 'route',
  routed: 'route',
  simulating: 'simulate',
  simulated: 'simulate',
  'awaiting-confirmation': 'confirm',
  signing: 'send',
  sent: 'send',
  confirmed: 'send',
};
/** Stages that end their phase. */
const endsPhase = new Set<Stage>(['parsed', 'routed', 'simulated', 'confirmed']);

/**
 * Folds a stage event into the lines: a stage of the phase in progress replaces its line; a failure marks
 * the line in progress failed (a failed parse never shows "✔ parsing"); a new phase ends the previous one.
 */
export function foldStage(lines: readonly StageLine[], event: { stage: Stage; message: string; at: number }): StageLine[] {
  const next = lines.map((line) => ({ ...line }));
  const last = next.at(-1);
  const open = last && last.endedAt === undefined ? last : undefined;
  if (event.stage === 'failed' || event.stage === 'refused') {
    if (open) Object.assign(open, { stage: event.stage, message: event.message, endedAt: event.at, failedIn: open.stage });
    else next.push({ stage: event.stage, message: event.message, startedAt: event.at, endedAt: event.at });
    return next;
  }
  const phase = phaseOf[event.stage] ?? event.stage;
  if (open && (phaseOf[open.stage] ?? open.stage) === phase) {
    Object.assign(open, { stage: event.stage, message: event.message });
    if (endsPhase.has(event.stage)) open.endedAt = event.at;
    return next;
  }
  if (open) open.endedAt = event.at;
  next.push({ stage: event.stage, message: event.message, startedAt: event.at, ...(endsPhase.has(event.stage) ? { endedAt: event.at } : {}) });
  return next;
}

/** "0.4s" for a phase that took time worth reading; nothing for the instant ones. */
export function stageTiming(line: StageLine, now: number): string {
  const seconds = ((line.endedAt ?? now) - line.startedAt) / 1000;
  return seconds >= 0.1 ? `${seconds.toFixed(1)}s` : '';
}

/**
 * One line per phase of the intent in progress: the open one with a spinner (still while waiting for the
 * user's answer: nothing moves then, so nothing redraws), the finished ones ticked.
 */
export function Stages({ lines, now, animate = true }: { lines: StageLine[]; now: number; animate?: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => {
        const waiting = line.stage === 'awaiting-confirmation';
        const active = line.endedAt === undefined && !['confirmed', 'failed', 'refused'].includes(line.stage);
        const bad = line.stage === 'failed' || line.stage === 'refused';
        const mark = waiting && active ? '?' : active ? (animate ? spinnerFrames[Math.floor(now / 80) % spinnerFrames.length] : '…') : bad ? '✖' : '✔';
        const timing = waiting ? '' : stageTiming(line, now);
        return (
          <Text key={`${index}`} color={bad ? theme.danger : active ? theme.accent : theme.muted} wrap="truncate-end">
            {mark} {stageText(line)}
            {timing ? <Text color={theme.muted}> {timing}</Text> : ''}
          </Text>
        );
      })}
    </Box>
  );
}

/** The stage's message, led by its label unless the message already says it ("sent 0x…", not "sent sent 0x…"). */
export function stageText(line: StageLine): string {
  const label = stageLabels[line.stage] ?? line.stage;
  const message = sanitize(line.message, 160).trim();
  if (!message) return label;
  return message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
}
