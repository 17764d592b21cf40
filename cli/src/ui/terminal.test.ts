/**
 * The interactive UI in a real terminal: bin/lucid.js in a tmux pane on a test devnet, at 80 columns and resized to 60. What a person sees is read with capture-pane; what the program writes while it waits is counted
 * with pipe-pane. Skipped, saying why, where tmux is not installed (.ci/run installs it when it can).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../../../runtime/testing.js';
import { repoRoot } from '../test-utils/spawn.js';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux']).status === 0;
const socket = `lucid-ui-test-${process.pid}`;
const tmux = (...args: string[]) => {
  const result = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
// -J joins lines the terminal wrapped, so a long line reads as one
const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'ui');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (pattern.test(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen:\n${shown}`);
    await sleep(200);
  }
}

/** Bytes the program writes to the terminal during `ms`. */
async function bytesWritten(log: string, ms: number): Promise<number> {
  tmux('pipe-pane', '-t', 'ui', '-o', `cat >> '${log}'`);
  await sleep(300);
  const before = existsSync(log) ? statSync(log).size : 0;
  await sleep(ms);
  const after = existsSync(log) ? statSync(log).size : 0;
  tmux('pipe-pane', '-t', 'ui');
  return after - before;
}

/** The block number the status bar shows (the last one on screen). */
const statusBlock = (shown: string) => [...shown.matchAll(/· block (\d+) ·/g)].map((match) => Number(match[1])).at(-1);

const type = (text: string) => tmux('send-keys', '-t', 'ui', '-l', text);
const press = (key: string) => tmux('send-keys', '-t', 'ui', key);

describe.skipIf(!hasTmux)(`the interactive UI in tmux${hasTmux ? '' : ' (skipped: tmux is not installed)'}`, () => {
  let devnet: TestDevnet;
  let work: string;

  beforeAll(async () => {
    devnet = await startTestDevnet();
    work = mkdtempSync(join(tmpdir(), 'lucid-tmux-'));
    await startUi();
  }, 180_000);

  /** A fresh pane, 80 columns wide, running the UI on the test devnet. */
  async function startUi() {
    const env = ['LUCID_HOME', devnet.home, 'NO_COLOR', '1', 'OPENAI_API_KEY', '', 'LUCID_MODEL', '', 'OPENAI_BASE_URL', '', 'TERM', 'xterm-256color'];
    const envArgs: string[] = [];
    for (let i = 0; i < env.length; i += 2) envArgs.push('-e', `${env[i]}=${env[i + 1]}`);
    tmux('new-session', '-d', '-s', 'ui', '-x', '80', '-y', '40', '-c', repoRoot, ...envArgs, `${process.execPath} bin/lucid.js`);
    await waitFor(/block \d+/);
  }

  afterAll(async () => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    await devnet?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('idle at the prompt, nothing is written to the terminal', async () => {
    expect(await bytesWritten(join(work, 'idle.log'), 2_000)).toBe(0);
  }, 30_000);

  test('a review shows other addresses, and nothing redraws while it waits for y/n', async () => {
    type('send 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC');
    press('Enter');
    const shown = await waitFor(/Sign and send\?/);
    expect(shown).toMatch(/Other addresses/);
    expect(shown).toMatch(/0x3C44.*\+0\.01 ETH/);
    expect(await bytesWritten(join(work, 'asking.log'), 2_000)).toBe(0);
    press('n');
    const after = await waitFor(/dropped: nothing was signed/);
    // the stages collapsed to one summary line: no stage appears twice, no "0.0s"
    expect(after).not.toMatch(/0\.0s|sent sent|parsing[\s\S]*parsed/);
  }, 120_000);

  test('after a confirmed send the status bar shows the block it was included in', async () => {
    type('send 0.01 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC');
    press('Enter');
    await waitFor(/Sign and send\?/);
    press('y');
    const shown = await waitFor(/confirmed 0x[0-9a-f]{64}[\s\S]*in block \d+[\s\S]*›/);
    const included = Number(/in block (\d+)/.exec(shown.slice(shown.lastIndexOf('confirmed 0x')))?.[1]);
    await waitFor(new RegExp(`· block ${included} ·`), 10_000);
    expect(statusBlock(screen())).toBe(included);
  }, 120_000);

  test('a block mined elsewhere while the UI waits at the prompt shows in the status bar', async () => {
    const before = statusBlock(screen());
    expect(before).toBeGreaterThan(0);
    await rpc(devnet.rpcUrl, 'evm_mine');
    await rpc(devnet.rpcUrl, 'evm_mine');
    const head = Number(BigInt(await rpc(devnet.rpcUrl, 'eth_blockNumber')));
    expect(head).toBe(before! + 2);
    await waitFor(new RegExp(`· block ${head} ·`), 15_000);
  }, 60_000);

  test('words that do not parse: the phase is crossed, never ticked, and a caret stands under the bad word', async () => {
    type('swap 1 ETH for FOOBARQ');
    press('Enter');
    const shown = await waitFor(/unknown token[\s\S]*›/);
    const entry = shown.slice(shown.lastIndexOf('› swap 1 ETH for FOOBARQ'));
    expect(entry).toMatch(/✖ parsing failed/);
    expect(entry).not.toMatch(/✔ pars/);
    const rows = entry.split('\n');
    const caretRow = rows.findIndex((row) => /^ *\^+ *$/.test(row));
    expect(caretRow, entry).toBeGreaterThan(0);
    const word = rows[caretRow - 1]!;
    const caret = rows[caretRow]!;
    // the carets stand exactly under FOOBARQ in the line above them
    expect(caret.indexOf('^')).toBe(word.indexOf('FOOBARQ'));
    expect(caret.trim()).toBe('^'.repeat('FOOBARQ'.length));
  }, 60_000);

  test('/balance answers without being recorded as a confirmed run', async () => {
    type('/balance');
    press('Enter');
    await waitFor(/\d+ +USDC/);
    const history = spawnSync(process.execPath, ['bin/lucid.js', 'history', '--json'], { cwd: repoRoot, env: { ...process.env, LUCID_HOME: devnet.home }, encoding: 'utf8' });
    const runs = (JSON.parse(history.stdout) as { runs: { text: string; status: string }[] }).runs;
    expect(runs.filter((run) => run.text === 'balance' && run.status === 'confirmed')).toEqual([]);
  }, 60_000);

  test('resizing from 80 to 60 columns while a review waits leaves no fragments of the wider screen', async () => {
    // a fresh UI, so what the resize leaves behind stays on the visible screen instead of scrolling off it
    tmux('kill-session', '-t', 'ui');
    await startUi();
    type('/help');
    press('Enter');
    await waitFor(/Commands: \/help/);
    const words = 'send 0.02 ETH to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    type(words);
    press('Enter');
    const before = await waitFor(/Sign and send\?/);
    tmux('resize-window', '-t', 'ui', '-x', '60', '-y', '40');
    await sleep(1_500);
    // without -J: the rows as they stand, one per terminal line
    const after = tmux('capture-pane', '-p', '-t', 'ui');
    const rows = after.split('\n').filter((row) => row.trim() !== '');
    for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
    // the review is drawn once: its echo, each stage, the question and the status bar, no half-erased copy above
    const count = (pattern: RegExp) => rows.filter((row) => pattern.test(row)).length;
    expect(count(/^› send 0\.02 ETH/), after).toBe(1);
    expect(count(/^✔ routed: /), after).toBe(1);
    expect(count(/^✔ simulated on block/), after).toBe(1);
    expect(count(/^Sign and send\?/), after).toBe(1);
    expect(count(/^devnet · /), after).toBe(1);
    // the finished entries are printed again above it, at the new width
    expect(count(/^› \/help/), after).toBe(1);
    // still the same review: n drops it
    press('n');
    await waitFor(/dropped: nothing was signed/);
    tmux('resize-window', '-t', 'ui', '-x', '80', '-y', '40');
    expect(before).toContain(words);
  }, 120_000);
});

async function rpc(url: string, method: string, params: unknown[] = []): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await response.json()) as { result?: string; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result ?? '';
}
