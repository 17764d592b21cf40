import React from 'react';
import { describe, expect, test, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { Box } from 'ink';

// Colours are part of what is asserted: force chalk on before ink loads (vi.hoisted runs before imports).
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
  delete process.env.NO_COLOR;
});
import { ReviewView } from './ReviewView.js';
import { makeReview } from '../../test-utils/review.js';

// ink-testing-library renders at 100 columns; each test wraps the view in its own width.
const strip = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('ReviewView', () => {
  test('default: summary, risk flags above the balance table, out and in amounts, gas', () => {
    const { lastFrame } = render(<ReviewView review={makeReview()} width={100} expanded={false} />);
    const frame = strip(lastFrame() ?? '');
    expect(frame).toContain('Swap 1 ETH for ≥ 2,985.1 USDC on Uniswap V2 via uniswap-v2');
    const risk = frame.indexOf('⚠ Price impact 1.2% on Uniswap V2');
    const table = frame.indexOf('token');
    expect(risk).toBeGreaterThan(-1);
    expect(table).toBeGreaterThan(risk);
    expect(frame).toMatch(/ETH\s+-1\b/);
    expect(frame).toMatch(/USDC\s+\+2,998\.5/);
    expect(frame).toContain('gas 120,000');
  });

  test('behavior: out is red and in is green', () => {
    const { lastFrame } = render(<ReviewView review={makeReview()} width={100} expanded={false} />);
    const lines = (lastFrame() ?? '').split('\n');
    const eth = lines.find((line) => strip(line).startsWith('ETH')) ?? '';
    const usdc = lines.find((line) => strip(line).startsWith('USDC')) ?? '';
    // 31 = red, 32 = green (chalk's SGR codes).
    expect(eth).toMatch(/\u001b\[31m\s*-1/);
    expect(usdc).toMatch(/\u001b\[32m\s*\+2,998\.5/);
  });

  test('behavior: a danger flag is marked DANGER', () => {
    const review = makeReview({ risks: [{ code: 'UNVERIFIED_TOKEN', level: 'danger', message: 'token is not on any list' }] });
    const { lastFrame } = render(<ReviewView review={review} width={100} expanded={false} />);
    expect(strip(lastFrame() ?? '')).toContain('✖ DANGER token is not on any list');
  });

  test('behavior: e expands the plan with calls and candidate agents', () => {
    const { lastFrame } = render(<ReviewView review={makeReview()} width={100} expanded />);
    const frame = strip(lastFrame() ?? '');
    expect(frame).toContain('Calls');
    expect(frame).toContain('1. Swap 1 ETH for USDC on Uniswap V2');
    expect(frame).toContain('to Uniswap V2 router (0x9fE4…a6e0) value 1 ETH');
    expect(frame).toMatch(/→ uniswap-v2\s+net 2,998.5 USDC/);
    expect(frame).toMatch(/v2-fork\s+net 2,950.2 USDC/);
  });

  test('behavior: attacker-controlled symbols cannot inject control sequences', () => {
    const review = makeReview();
    const change = review.simulation.balanceChanges[1];
    if (change) change.symbol = 'US\u001b[2JDC\u0007';
    const { lastFrame } = render(<ReviewView review={review} width={100} expanded={false} />);
    expect(lastFrame()).not.toContain('\u001b[2J');
    expect(strip(lastFrame() ?? '')).toContain('USDC');
  });

  for (const width of [80, 140]) {
    test(`behavior: no line is wider than ${width} columns`, () => {
      const review = makeReview({
        risks: [{ code: 'LONG', level: 'warning', message: 'a very long warning that goes on and on '.repeat(8) }],
        steps: [{ ...makeReview().steps[0]!, summary: 'Swap 1 ETH for USDC and then some words that make the summary long '.repeat(4) }],
      });
      const { lastFrame } = render(
        <Box width={width}>
          <ReviewView review={review} width={width} expanded />
        </Box>,
      );
      const lines = strip(lastFrame() ?? '').split('\n');
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
      // and the room is used: the long summary fills the line up to the width.
      expect(Math.max(...lines.map((line) => [...line].length))).toBeGreaterThan(width - 10);
    });
  }
});
