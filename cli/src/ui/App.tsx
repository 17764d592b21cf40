/**
 * The interactive UI: an input line with history and completion, each intent shown as it moves through
 * its stages, the review with y / n / e, a status bar, and slash commands. It renders what the
 * controller (./controller.ts) reports; it never reaches into the runtime itself.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Static, Text, useApp, useInput, useStdout } from 'ink';
import { decideConsent, typedConsentMatches, type Review, type RunOutcome, type StageEvent, type TypedEntry } from '../../../runtime/index.js';
import { Stages, foldStage, stageLabels, stageTiming, type StageLine } from './components/Stages.js';
import { ReviewView } from './components/ReviewView.js';
import { theme } from './theme.js';
import { sanitize } from '../output.js';

export type StatusInfo = { chain: string; account: string; balance: string; block: string; devnet: boolean };

export type Controller = {
  status(): Promise<StatusInfo>;
  inputHistory(): string[];
  completions(): string[];
  appendInput(line: string): void;
  run(text: string, hooks: { onStage: (event: StageEvent) => void; confirm: (review: Review) => Promise<boolean> }): Promise<RunOutcome>;
  /** /history, /balance, /agents, /policy: text to show. */
  command(name: string): Promise<string>;
  describeOutcome(outcome: RunOutcome): string;
  describeError(error: unknown): string;
  /** Called once when the UI exits. */
  close?(): void;
};

type Finished = { id: number; text: string; lines: string[]; tone: 'ok' | 'bad' | 'info' };

const helpText = [
  'Type what you want, e.g. "swap 1 ETH for USDC" or "send 20 USDC to bob", then Enter.',
  'On a review: y signs, n drops it, e shows the full plan. Ctrl-C drops the intent before signing.',
  'Above your typedConfirmationAbove policy you type the amount instead of y.',
  '↑/↓ walk your input history; Tab completes token symbols and contact names.',
  'Commands: /help /history /balance /agents /policy /quit',
];

export function App({ controller, animate = true }: { controller: Controller; animate?: boolean }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  // The text budgets follow the terminal's width.
  // A narrower window rewraps what is on screen, so ink's own erase misses lines and leaves fragments:
  // clear the screen and print the finished intents again (a new generation remounts <Static>, which
  // reprints). Width and generation change in one update: a frame drawn at the old width in between would
  // be wrapped by the terminal into more rows than ink erases next time, and those rows stay as fragments.
  const [layout, setLayout] = useState({ columns: stdout?.columns ?? 80, generation: 0 });
  const { columns, generation } = layout;
  const shownColumns = useRef(stdout?.columns ?? 80);
  useEffect(() => {
    if (!stdout) return;
    const resized = () => {
      const next = stdout.columns ?? 80;
      const narrower = next < shownColumns.current;
      if (narrower) stdout.write('\u001b[2J\u001b[H');
      shownColumns.current = next;
      setLayout((value) => ({ columns: next, generation: value.generation + (narrower ? 1 : 0) }));
    };
    // before ink's own handler, so the frame it redraws lands on the cleared screen
    stdout.prependListener('resize', resized);
    return () => void stdout.off('resize', resized);
  }, [stdout]);
  const width = Math.max(40, columns);
  const [input, setInput] = useState('');
  const [finished, setFinished] = useState<Finished[]>([]);
  const [busy, setBusy] = useState<{ text: string; stages: StageLine[] } | undefined>(undefined);
  const [review, setReview] = useState<Review | undefined>(undefined);
  const [expanded, setExpanded] = useState(false);
  // Typed confirmation (policy 'confirm-typed'): what the user has typed so far on the review.
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<StatusInfo | undefined>(undefined);
  const [now, setNow] = useState(Date.now());
  const decide = useRef<((yes: boolean) => void) | undefined>(undefined);
  const nextId = useRef(1);
  // Ctrl-C while an intent is being parsed, routed or simulated: drop it at the review, before any signing.
  const cancelRequested = useRef(false);
  // Keystrokes can arrive faster than React re-renders (a paste, tmux send-keys): the key handler reads
  // these refs, which change synchronously, never state captured by an older render.
  const live = useRef({ input: '', historyIndex: undefined as number | undefined, busy: false, review: undefined as Review | undefined, typed: '', entryIndex: 0 });
  // Which of the review's typed entries is being asked for: every amount over its threshold, then every lookalike address.
  const [entryIndex, setEntryIndex] = useState(0);
  const changeInput = (next: string) => {
    live.current.input = next.slice(0, 1000);
    setInput(live.current.input);
  };
  const changeTyped = (next: string) => {
    live.current.typed = next.slice(0, 80);
    setTyped(live.current.typed);
  };

  // Only a changed status re-renders: an unchanged one must not redraw anything.
  const refreshStatus = useCallback(() => {
    const show = (next: StatusInfo | undefined) => setStatus((shown) => (sameStatus(shown, next) ? shown : next));
    controller.status().then(show, () => show(undefined));
  }, [controller]);
  useEffect(refreshStatus, [refreshStatus]);
  // Blocks arrive while the UI waits at the prompt (another terminal, a real chain): read the head now and
  // then so the status bar stays current. Not while an intent runs or asks: the run reports its own block.
  const idle = !busy && !review;
  useEffect(() => {
    if (!idle) return;
    const timer = setInterval(refreshStatus, statusPollMs);
    return () => clearInterval(timer);
  }, [idle, refreshStatus]);
  // The spinner ticks only while Lucid works; waiting for the user's answer, nothing on screen changes.
  useEffect(() => {
    if (!busy || review) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [busy, review]);

  const quit = () => {
    controller.close?.();
    exit();
  };

  const finish = (entry: Omit<Finished, 'id'>) => setFinished((list) => [...list, { ...entry, id: nextId.current++ }]);

  const submit = async (line: string) => {
    const text = line.trim();
    changeInput('');
    live.current.historyIndex = undefined;
    if (!text) return;
    controller.appendInput(text);
    live.current.busy = true;
    try {
      await handle(text);
    } finally {
      live.current.busy = false;
    }
  };

  const handle = async (text: string) => {
    if (text.startsWith('/')) {
      const name = text.slice(1).split(/\s+/)[0] ?? '';
      if (name === 'quit' || name === 'exit' || name === 'q') return quit();
      if (name === 'help') return finish({ text, lines: helpText, tone: 'info' });
      try {
        const output = await controller.command(name);
        finish({ text, lines: output.split('\n'), tone: 'info' });
      } catch (error) {
        finish({ text, lines: [controller.describeError(error)], tone: 'bad' });
      } finally {
        refreshStatus();
      }
      return;
    }
    let stages: StageLine[] = [];
    setBusy({ text, stages });
    const onStage = (event: StageEvent) => {
      stages = foldStage(stages, event);
      setBusy({ text, stages });
    };
    cancelRequested.current = false;
    const confirm = (next: Review) =>
      new Promise<boolean>((resolve) => {
        if (cancelRequested.current) return resolve(false);
        setExpanded(false);
        changeTyped('');
        live.current.entryIndex = 0;
        setEntryIndex(0);
        live.current.review = next;
        setReview(next);
        decide.current = (yes) => {
          decide.current = undefined;
          live.current.review = undefined;
          setReview(undefined);
          resolve(yes);
        };
      });
    try {
      const outcome = await controller.run(text, { onStage, confirm });
      finish({ text, lines: [stagesSummary(stages), controller.describeOutcome(outcome)], tone: 'ok' });
    } catch (error) {
      // Not every failure is reported as a stage (words that do not parse throw from the parser): the phase
      // still in progress is the one that failed, never ticked.
      const open = stages.at(-1);
      if (open && open.endedAt === undefined) stages = foldStage(stages, { stage: 'failed', message: '', at: Date.now() });
      finish({ text, lines: [stagesSummary(stages), controller.describeError(error)], tone: 'bad' });
    } finally {
      setBusy(undefined);
      setReview(undefined);
      refreshStatus();
    }
  };

  useInput((char, key) => {
    if (key.ctrl && char === 'c') {
      // Before signing, Ctrl-C drops the intent (the pipeline records it as rejected); idle, it quits.
      if (decide.current) return decide.current(false);
      if (!live.current.busy) return quit();
      cancelRequested.current = true;
      return;
    }
    const review = live.current.review;
    if (review && decide.current && typedAmount(review) !== undefined) {
      // Typing each entry is the only way past this review: y is just a character here.
      if (key.return) {
        const entries = typedEntriesOf(review);
        const entry = entries[live.current.entryIndex];
        if (!typedConsentMatches(review, live.current.typed, entry)) return decide.current(false);
        if (live.current.entryIndex + 1 < entries.length) {
          live.current.entryIndex += 1;
          setEntryIndex(live.current.entryIndex);
          return changeTyped('');
        }
        return decide.current(true);
      }
      if (key.escape) return decide.current(false);
      if (key.tab) return setExpanded((value) => !value);
      if (key.backspace || key.delete) return changeTyped(live.current.typed.slice(0, -1));
      if (char && !key.ctrl && !key.meta) changeTyped(live.current.typed + char);
      return;
    }
    if (review && decide.current) {
      if (char === 'y' || char === 'Y') return decide.current(true);
      if (char === 'n' || char === 'N' || key.escape) return decide.current(false);
      if (char === 'e' || char === 'E') return setExpanded((value) => !value);
      return;
    }
    if (live.current.busy) return;
    const value = live.current.input;
    if (key.return) return void submit(value);
    if (key.upArrow || key.downArrow) {
      const history = controller.inputHistory();
      if (history.length === 0) return;
      const current = live.current.historyIndex ?? history.length;
      const next = Math.min(history.length, Math.max(0, current + (key.upArrow ? -1 : 1)));
      live.current.historyIndex = next;
      return changeInput(next === history.length ? '' : (history[next] ?? ''));
    }
    if (key.tab) return changeInput(complete(value, controller.completions()));
    if (key.backspace || key.delete) return changeInput(value.slice(0, -1));
    // A pasted line can end in a newline: submit what came before it.
    if (char && !key.ctrl && !key.meta) {
      const [first = '', ...rest] = char.split(/\r\n|\r|\n/);
      changeInput(value + first);
      if (rest.length > 0) void submit(live.current.input);
    }
  });

  return (
    // No fixed width on any box: ink lays the frame out at the terminal's width itself, also in the frame it
    // draws the moment a resize arrives, before React has the new width (used only to budget text).
    <Box flexDirection="column">
      <Static key={generation} items={finished}>
        {(entry) => (
          <Box key={entry.id} flexDirection="column" marginBottom={1}>
            <Text color={theme.accent} wrap="truncate-end">› {sanitize(entry.text, width - 4)}</Text>
            {entry.lines.map((line, index) => (
              <Box key={index} flexDirection="column">
                {line.split('\n').map((row, rowIndex, rows) => (
                  // A caret line points into the line above it: neither may wrap, or the caret leaves its word.
                  <Text key={rowIndex} color={entry.tone === 'bad' && index === entry.lines.length - 1 ? theme.danger : undefined} wrap={isCaretLine(row) || isCaretLine(rows[rowIndex + 1]) ? 'truncate-end' : 'wrap'}>
                    {row}
                  </Text>
                ))}
              </Box>
            ))}
          </Box>
        )}
      </Static>
      {busy && (
        <Box flexDirection="column">
          <Text color={theme.accent} wrap="truncate-end">› {sanitize(busy.text, width - 4)}</Text>
          <Stages lines={busy.stages} now={now} animate={animate} />
        </Box>
      )}
      {review && <ReviewView review={review} width={width} expanded={expanded} />}
      {review && typedAmount(review) !== undefined && (
        <Box flexDirection="column">
          <Text color={theme.warning} bold wrap="wrap">
            {typedPrompt(review, entryIndex)} and Enter{typedEntriesOf(review).length > entryIndex + 1 ? '' : ' to sign'} · Esc drops · Tab {expanded ? 'hides' : 'shows'} the plan
          </Text>
          <Box>
            <Text color={theme.warning}>amount › </Text>
            <Text wrap="truncate-start">{typed}</Text>
            <Text inverse> </Text>
          </Box>
        </Box>
      )}
      {review && typedAmount(review) === undefined && (
        <Text bold wrap="truncate-end">
          Sign and send? <Text color={theme.success}>y</Text> sign · <Text color={theme.danger}>n</Text> drop · e {expanded ? 'hide' : 'show'} plan
        </Text>
      )}
      {!busy && (
        <Box>
          <Text color={theme.accent}>› </Text>
          <Text wrap="truncate-start">{input}</Text>
          <Text inverse> </Text>
        </Box>
      )}
      <StatusBar status={status} />
    </Box>
  );
}

/**
 * The amount to type when the policy asks for one, by the runtime's one consent rule (a person is always
 * there to answer in the UI, and the UI has no --yes), else undefined: a yes/no question.
 */
/** Every entry the person must type, in order (runtime/src/pipeline/consent.ts). */
function typedEntriesOf(review: Review): TypedEntry[] {
  const consent = decideConsent(review, { yes: false, canAsk: true });
  return consent.kind === 'type' ? consent.entries : [];
}

/** What to type now: the entry's text, counted when there are several. */
function typedPrompt(review: Review, index: number): string {
  const entries = typedEntriesOf(review);
  const entry = entries[Math.min(index, entries.length - 1)];
  if (!entry) return '';
  const count = entries.length > 1 ? ` (${Math.min(index, entries.length - 1) + 1} of ${entries.length})` : '';
  return entry.kind === 'address'
    ? `Danger: type the recipient's full address ${entry.text}${count}`
    : `Policy: this amount needs a typed confirmation${count}. Type ${entry.text}`;
}

function typedAmount(review: Review): string | undefined {
  const consent = decideConsent(review, { yes: false, canAsk: true });
  return consent.kind === 'type' ? consent.amount : undefined;
}

/** A line of carets under a word of the line above (an error's details). */
function isCaretLine(row: string | undefined): boolean {
  return row !== undefined && /^ *\^+ *$/.test(row);
}

/**
 * A finished intent's stages collapsed to one line: each phase's last word, with the timings that matter,
 * and the phase that failed ("parsing failed"). A drop at the question is said by the outcome line below.
 */
function stagesSummary(lines: readonly StageLine[]): string {
  const failed = (line: StageLine) => line.stage === 'failed' || line.stage === 'refused';
  const bad = lines.some(failed);
  const parts = lines
    .filter((line) => line.stage !== 'awaiting-confirmation' && line.failedIn !== 'awaiting-confirmation')
    .map((line) => {
      if (failed(line)) return `${line.failedIn ? `${stageLabels[line.failedIn] ?? line.failedIn} ` : ''}${line.stage}`;
      const timing = line.endedAt !== undefined ? stageTiming(line, line.endedAt) : '';
      return `${stageLabels[line.stage] ?? line.stage}${timing ? ` ${timing}` : ''}`;
    });
  return `${bad ? '✖' : '✔'} ${parts.join(' · ') || 'nothing ran'}`;
}

/** Completes the last word against symbols and contact names (case-insensitive prefix, unique match). */
export function complete(value: string, candidates: readonly string[]): string {
  const match = /(\S*)$/.exec(value);
  const word = match?.[1] ?? '';
  if (!word) return value;
  const hits = candidates.filter((candidate) => candidate.toLowerCase().startsWith(word.toLowerCase()));
  if (hits.length !== 1) return value;
  return `${value.slice(0, value.length - word.length)}${hits[0]} `;
}

/** How often the status bar reads the chain's head while the UI is idle. */
const statusPollMs = 2_000;

function sameStatus(a: StatusInfo | undefined, b: StatusInfo | undefined): boolean {
  if (!a || !b) return a === b;
  return a.chain === b.chain && a.account === b.account && a.balance === b.balance && a.block === b.block && a.devnet === b.devnet;
}

function StatusBar({ status }: { status: StatusInfo | undefined }) {
  if (!status) return <Text color={theme.muted}>connecting…</Text>;
  const parts = [status.devnet ? 'devnet' : 'REAL CHAIN', status.chain, status.account, `${status.balance} ETH`, `block ${status.block}`];
  return (
    <Box borderStyle="single" borderTop borderBottom={false} borderLeft={false} borderRight={false}>
      <Text color={status.devnet ? theme.muted : theme.warning} wrap="truncate-end">
        {parts.join(' · ')} · /help
      </Text>
    </Box>
  );
}
