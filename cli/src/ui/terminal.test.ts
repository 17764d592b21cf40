/**
 * The interactive UI in a real terminal: bin/lucid.js in a tmux pane on a test devnet, at 80 columns. What a person sees is read with capture-pane; what the program writes while it waits is counted
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

const type = (text: string) => tmux('send-keys', '-t', 'ui', '-l', text);
const press = (key: string) => tmux('send-keys', '-t', 'ui', key);

describe.skipIf(!hasTmux)(`the interactive UI in tmux${hasTmux ? '' : ' (skipped: tmux is not installed)'}`, () => {
  let devnet: TestDevnet;
  let work: string;

  beforeAll(async () => {
    devnet = await startTestDevnet();
    work = mkdtempSync(join(tmpdir(), 'lucid-tmux-'));
    const env = ['LUCID_HOME', devnet.home, 'NO_COLOR', '1', 'OPENAI_API_KEY', '', 'LUCID_MODEL', '', 'OPENAI_BASE_URL', '', 'TERM', 'xterm-256color'];
    const envArgs: string[] = [];
    for (let i = 0; i < env.length; i += 2) envArgs.push('-e', `${env[i]}=${env[i + 1]}`);
    tmux('new-session', '-d', '-s', 'ui', '-x', '80', '-y', '40', '-c', repoRoot, ...envArgs, `${process.execPath} bin/lucid.js`);
    await waitFor(/block \d+/);
  }, 180_000);

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

  test('/balance answers without being recorded as a confirmed run', async () => {
    type('/balance');
    press('Enter');
    await waitFor(/\d+ +USDC/);
    const history = spawnSync(process.execPath, ['bin/lucid.js', 'history', '--json'], { cwd: repoRoot, env: { ...process.env, LUCID_HOME: devnet.home }, encoding: 'utf8' });
    const runs = (JSON.parse(history.stdout) as { runs: { text: string; status: string }[] }).runs;
    expect(runs.filter((run) => run.text === 'balance' && run.status === 'confirmed')).toEqual([]);
  }, 60_000);
});
