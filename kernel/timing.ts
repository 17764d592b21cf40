/**
 * `LUCID_TRACE_TIMING=1`: where a command's time goes. Each `markPhase` notes the time since the process
 * started (Node's `performance.now()`, start-up included); at exit the phases go to stderr as a table, with
 * the milliseconds each took since the one before and the process's peak memory. Off, a mark costs one
 * check. Nothing but names and times is printed: no argument, address or secret.
 * No imports: the CLI's start-up path loads this.
 */
const enabled = Boolean(process.env.LUCID_TRACE_TIMING);
const marks: { name: string; at: number }[] = [];

/** Notes that `name` finished now (a no-op unless LUCID_TRACE_TIMING is set). */
export function markPhase(name: string): void {
  if (!enabled) return;
  if (marks.length === 0) process.once('exit', () => process.stderr.write(formatPhases()));
  marks.push({ name, at: performance.now() });
}

/** The phases so far as a table: at (ms since start), +ms since the previous mark, name; then peak RSS. */
export function formatPhases(): string {
  const rows = marks.map((mark, i) => `${mark.at.toFixed(1).padStart(8)} ${`+${(mark.at - (marks[i - 1]?.at ?? 0)).toFixed(1)}`.padStart(8)}  ${mark.name}`);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  return `lucid timing (ms)\n      at    +took  phase\n${rows.join('\n')}\n  peak RSS ${peakMiB.toFixed(0)} MiB\n`;
}
