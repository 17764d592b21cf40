/**
 * A bar chart for the terminal, one column per value, drawn with the Unicode eighth blocks (▁▂▃▄▅▆▇█) or,
 * with `ascii`, with `#`. The caller picks the number of columns; with the default label width, 64 columns
 * fit 80 characters. Pure: returns lines, prints nothing.
 */

export type BarChartParameters = {
  /** One value per column, ≥ 0. */
  values: readonly number[];
  /** Rows of the plot area. Default 8. */
  height?: number | undefined;
  /** Formats the y-axis labels (top = the maximum, bottom = 0). */
  formatY?: ((value: number) => string) | undefined;
  /** Column to mark under the axis (e.g. today), with its label. */
  marker?: { index: number; label: string } | undefined;
  /** Labels under the axis, each starting at its column. */
  xLabels?: readonly { index: number; text: string }[] | undefined;
  /** Plain ASCII instead of Unicode blocks. */
  ascii?: boolean | undefined;
};

const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * @returns The chart's lines: plot rows, the axis, the marker row, the x labels.
 * @example renderBarChart({ values: [3, 2, 1], height: 2 }).join('\n')
 */
export function renderBarChart({ values, height = 8, formatY = (v) => v.toFixed(0), marker, xLabels = [], ascii = false }: BarChartParameters): string[] {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  const top = formatY(max);
  const bottom = formatY(0);
  const labelWidth = Math.max(top.length, bottom.length);
  const pad = (text: string) => text.padStart(labelWidth);
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    let cells = '';
    for (const value of values) {
      const level = max > 0 && Number.isFinite(value) ? (Math.max(0, value) / max) * height * 8 : 0;
      const inRow = Math.max(0, Math.min(8, Math.round(level - row * 8)));
      cells += ascii ? (inRow >= 4 ? '#' : ' ') : EIGHTHS[inRow];
    }
    const label = row === height - 1 ? top : row === 0 ? bottom : '';
    lines.push(`${pad(label)} ${ascii ? '|' : '│'}${cells.replace(/\s+$/, '')}`);
  }
  lines.push(`${' '.repeat(labelWidth)} ${ascii ? '+' : '└'}${(ascii ? '-' : '─').repeat(values.length)}`);
  if (marker && marker.index >= 0 && marker.index < values.length) {
    const before = ' '.repeat(labelWidth + 2 + marker.index);
    const arrow = ascii ? '^' : '▲';
    const right = `${before}${arrow} ${marker.label}`;
    const fitsRight = [...right].length <= labelWidth + 2 + values.length;
    const fitsLeft = before.length >= marker.label.length + 1;
    lines.push(fitsRight || !fitsLeft ? right : `${' '.repeat(before.length - marker.label.length - 1)}${marker.label} ${arrow}`);
  }
  if (xLabels.length) {
    const row: string[] = Array.from({ length: labelWidth + 2 + values.length + 8 }, () => ' ');
    for (const { index, text } of xLabels) {
      const start = labelWidth + 2 + index;
      if (row.slice(start, start + text.length + 1).some((c) => c !== ' ')) continue; // would overlap the previous label
      for (let i = 0; i < text.length && start + i < row.length; i++) row[start + i] = text[i]!;
    }
    lines.push(row.join('').replace(/\s+$/, ''));
  }
  return lines;
}
