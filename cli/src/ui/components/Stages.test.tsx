import React from 'react';
import { describe, expect, test } from 'vitest';
import { render } from 'ink-testing-library';
import { Stages, type StageLine } from './Stages.js';

const t0 = 1_000_000;

describe('Stages', () => {
  test('default: finished stages are ticked with their duration, the active one spins with its elapsed time', () => {
    const lines: StageLine[] = [
      { stage: 'parsing', message: 'understanding your words', startedAt: t0, endedAt: t0 + 200 },
      { stage: 'routing', message: 'asking 2 agents', startedAt: t0 + 200 },
    ];
    const { lastFrame } = render(<Stages lines={lines} now={t0 + 1_700} />);
    const [parsing, routing] = (lastFrame() ?? '').split('\n');
    expect(parsing).toContain('✔ parsing 0.2s understanding your words');
    expect(routing).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] routing 1\.5s asking 2 agents/);
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
    expect(lastFrame()).toBe('… signing 0.5s ledger');
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
});
