import { describe, expect, test } from 'vitest';
import { renderBarChart } from './chart.js';

describe('renderBarChart', () => {
  test('default: a falling series in eighth blocks, with the axis, the marker and x labels', () => {
    const lines = renderBarChart({ values: [8, 6, 4, 2, 0], height: 2, marker: { index: 1, label: 'today' }, xLabels: [{ index: 0, text: '0y' }, { index: 4, text: '4y' }] });
    expect(lines).toEqual(['8 │█▄', '0 │███▄', '  └─────', '    ▲ today', '   0y  4y']);
  });

  test('args: ascii draws with # and plain marks', () => {
    const lines = renderBarChart({ values: [2, 1], height: 1, ascii: true, marker: { index: 0, label: 'now' } });
    expect(lines).toEqual(['2 |##', '  +--', '   ^ now']);
  });

  test('behavior: 64 columns with wide labels fit 80 characters', () => {
    const values = Array.from({ length: 64 }, (_, i) => 14_400 - i * 225);
    const lines = renderBarChart({ values, formatY: (v) => `${Math.round(v).toLocaleString('en-US')}/d`, marker: { index: 63, label: 'today (day 5832)' } });
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines.at(-1)).toBe(`${' '.repeat(56)}today (day 5832) ▲`);
  });

  test('behavior: all-zero and empty series draw an empty plot instead of dividing by zero', () => {
    expect(renderBarChart({ values: [0, 0], height: 1 })).toEqual(['0 │', '  └──']);
    expect(renderBarChart({ values: [], height: 1 })).toEqual(['0 │', '  └']);
  });
});
