import React from 'react';
import { describe, expect, test } from 'vitest';
import { render } from 'ink-testing-library';
import { Stages, foldStage, type StageLine } from './Stages.js';

const t0 = 1_000_000;

describe('Stages', () => {
  test('default: finished stages are ticked with their duration, the active one spins with its elapsed time', () => {
    const lines: StageLine[] = [
      { stage: 'parsing', message: 'understanding your words', startedAt: t0, endedAt: t0 + 200 },
      { stage: 'routing', message: 'asking 2 agents', startedAt: t0 + 200 },
    ];
    const { lastFrame } = render(<Stages lines={lines} now={t0 + 1_700} />);
    const [parsing, routing] = (lastFrame() ?? '').split('\n');
    expect(parsing).toBe('✔ parsing: understanding your words 0.2s');
    expect(routing).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] routing: asking 2 agents 1\.5s/);
  });

  test('behavior: the spinner frame and the elapsed time move with the clock', () => {
    const lines: StageLine[] = [{ stage: 'simulating', message: '', startedAt: t0 }];
    const first = render(<Stages lines={lines} now={t0 + 80} />).lastFrame();
    const later = render(<Stages lines={lines} now={t0 + 2_160} />).lastFrame();
    expect(first?.[0]).not.toBe(later?.[0]);
    expect(later).toContain('2.2s');
  });

  test('behavior: without animation the active stage shows an ellipsis (stable output)', () => {
    const { lastFrame } = render(<Stages lines={[{ stage: 'signing', message: 'ledger', startedAt: t0 }]} now={t0 + 500} animate={false} />);
    expect(lastFrame()).toBe('… signing: ledger 0.5s');
  });

  test('behavior: failed and refused stages are crossed, and not active', () => {
    const { lastFrame } = render(
      <Stages lines={[{ stage: 'failed', message: 'simulation reverted', startedAt: t0 }]} now={t0 + 9_000} />,
    );
    expect(lastFrame()).toContain('✖ failed');
  });

  test('behavior: control sequences in stage messages are stripped', () => {
    const { lastFrame } = render(<Stages lines={[{ stage: 'routed', message: 'agent \u001b[2Jevil\u0007', startedAt: t0, endedAt: t0 }]} now={t0} />);
    expect(lastFrame()).toContain('agent evil');
    expect(lastFrame()).not.toContain('\u001b[2J');
  });

  const fold = (events: [StageLine['stage'], string, number][]) =>
    events.reduce<StageLine[]>((lines, [stage, message, at]) => foldStage(lines, { stage, message, at: t0 + at }), []);
  const frame = (lines: StageLine[]) => render(<Stages lines={lines} now={t0 + 5_000} animate={false} />).lastFrame() ?? '';

  test('behavior: one line per phase, updated in place: "parsing" then "parsed" is one line, not two', () => {
    const lines = fold([
      ['parsing', 'parsing', 0],
      ['parsed', 'parsed 1 intent', 5],
      ['routing', 'routing to 3 agents', 5],
      ['routed', 'routed to uniswap-v2', 400],
      ['simulating', 'simulating', 400],
      ['simulated', 'simulated', 900],
      ['signing', 'signing', 1_000],
      ['sent', 'sent 0xabc', 1_010],
      ['confirmed', 'confirmed in block 13', 1_300],
    ]);
    expect(frame(lines).split('\n')).toEqual(['✔ parsed 1 intent', '✔ routed to uniswap-v2 0.4s', '✔ simulated 0.5s', '✔ confirmed in block 13 0.3s']);
    expect(frame(lines)).not.toMatch(/sent sent|0\.0s/);
  });

  test('behavior: a failed parse is crossed, never "✔ parsing"', () => {
    const lines = fold([
      ['parsing', 'parsing', 0],
      ['failed', 'unknown action "swpa"', 3],
    ]);
    expect(frame(lines)).toBe('✖ failed: unknown action "swpa"');
  });

  test('behavior: waiting for the answer shows no spinner and no clock (nothing to redraw)', () => {
    const lines = fold([['awaiting-confirmation', 'awaiting confirmation', 0]]);
    const early = render(<Stages lines={lines} now={t0 + 100} />).lastFrame();
    const late = render(<Stages lines={lines} now={t0 + 9_100} />).lastFrame();
    expect(early).toBe(late);
  });
});
