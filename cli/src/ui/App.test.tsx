import React from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { App, complete, type Controller } from './App.js';
import type { Review, RunOutcome, StageEvent } from '../../../runtime/index.js';
import { makeReview } from '../test-utils/review.js';

const keys = { enter: '\r', ctrlC: '\u0003', up: '\u001b[A', down: '\u001b[B', tab: '\t', escape: '\u001b' };
const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scripted controller: run() emits stages, shows `review`, and records what confirm() resolved to. */
function scripted(review: Review = makeReview()) {
  const decisions: boolean[] = [];
  const appended: string[] = [];
  let closed = 0;
  const controller: Controller = {
    status: async () => ({ chain: 'anvil', account: '0xf39F…2266', balance: '100', block: '12', devnet: true }),
    inputHistory: () => ['send 1 ETH to bob', 'swap 1 ETH for USDC'],
    completions: () => ['USDC', 'DAI', 'bob'],
    appendInput: (line) => void appended.push(line),
    async run(text, hooks: { onStage: (event: StageEvent) => void; confirm: (review: Review) => Promise<boolean> }): Promise<RunOutcome> {
      hooks.onStage({ stage: 'parsing', message: 'understanding your words', at: Date.now() });
      hooks.onStage({ stage: 'simulating', message: 'simulating 1 call', at: Date.now() });
      await tick(20);
      const yes = await hooks.confirm({ ...review, text });
      decisions.push(yes);
      if (!yes) throw Object.assign(new Error('declined'), { code: 'USER_REJECTED' });
      hooks.onStage({ stage: 'confirmed', message: 'confirmed in block 13', at: Date.now() });
      return { runId: 7, status: 'confirmed', review, txs: [], balanceChanges: [], outcomeDifferences: [] };
    },
    command: async (name) => `output of ${name}`,
    describeOutcome: () => 'all done',
    describeError: () => 'dropped: nothing was signed',
    close: () => void closed++,
  };
  return { controller, decisions, appended, closed: () => closed };
}

type Stdin = { write: (data: string) => void };

/** Waits until `condition` holds (ink renders asynchronously); fails with the last frame after 2 s. */
async function until(condition: () => boolean, what: string, lastFrame: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${lastFrame()}`);
    await tick(10);
  }
}

/** One key or one pasted string, then a pause so ink handles it as its own input event. */
async function press(stdin: Stdin, data: string) {
  stdin.write(data);
  await tick(25);
}

/** Types a line, presses Enter, and waits until the review is shown (or `until` is met). */
async function submit(stdin: Stdin, text: string, lastFrame: () => string | undefined, wait: string = 'Sign and send?|Type .* and Enter') {
  await until(() => (lastFrame() ?? '').includes('/help'), 'the status bar', lastFrame);
  await press(stdin, text);
  await press(stdin, keys.enter);
  await until(() => new RegExp(wait).test(lastFrame() ?? ''), wait, lastFrame);
}

afterEach(() => cleanup());

describe('App', () => {
  test('default: the status bar shows chain, account, balance and block', async () => {
    const { lastFrame } = render(<App controller={scripted().controller} animate={false} />);
    await tick();
    expect(lastFrame()).toContain('devnet · anvil · 0xf39F…2266 · 100 ETH · block 12');
  });

  test('keys: y on the review signs (confirm resolves true)', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    expect(lastFrame()).toContain('Sign and send?');
    expect(lastFrame()).toContain('Swap 1 ETH for ≥ 2,985.1 USDC on Uniswap V2');
    await press(stdin, 'y');
    await tick(80);
    expect(script.decisions).toEqual([true]);
    expect(lastFrame()).toContain('all done');
    expect(lastFrame()).not.toContain('Sign and send?');
    expect(script.appended).toEqual(['swap 1 ETH for USDC']);
  });

  test('keys: n on the review drops it (confirm resolves false)', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    await press(stdin, 'n');
    await tick(80);
    expect(script.decisions).toEqual([false]);
    expect(lastFrame()).toContain('dropped: nothing was signed');
  });

  test('keys: e toggles the full plan, and does not decide', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    expect(lastFrame()).not.toContain('Calls');
    await press(stdin, 'e');
    await tick();
    expect(lastFrame()).toContain('Calls');
    expect(lastFrame()).toContain('e hide plan');
    await press(stdin, 'e');
    await tick();
    expect(lastFrame()).not.toContain('Calls');
    expect(script.decisions).toEqual([]);
    await press(stdin, 'n');
    await tick(80);
  });

  test('keys: Ctrl-C on the review drops the intent before signing, and does not quit', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    await press(stdin, keys.ctrlC);
    await tick(80);
    expect(script.decisions).toEqual([false]);
    expect(script.closed()).toBe(0);
    expect(lastFrame()).toContain('›');
  });

  test('keys: Ctrl-C while simulating drops the intent as soon as the review is ready', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await until(() => (lastFrame() ?? '').includes('/help'), 'the status bar', lastFrame);
    await press(stdin, 'swap 1 ETH for USDC');
    stdin.write(keys.enter);
    await tick(5);
    stdin.write(keys.ctrlC);
    await until(() => script.decisions.length > 0, 'a decision', lastFrame);
    expect(script.decisions).toEqual([false]);
  });

  test('keys: other keys on the review do nothing', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    await press(stdin, 'x');
    await press(stdin, keys.enter);
    await tick(50);
    expect(script.decisions).toEqual([]);
    expect(lastFrame()).toContain('Sign and send?');
    await press(stdin, 'n');
    await tick(80);
  });

  test('behavior: a typed-confirmation review ignores y and signs only on the typed amount', async () => {
    const review = makeReview({ policy: { decision: 'confirm-typed', violations: [], typedConfirmation: '1' } });
    const script = scripted(review);
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    expect(lastFrame()).toContain('Type 1 and Enter to sign');
    expect(lastFrame()).not.toContain('Sign and send?');
    await press(stdin, 'y');
    await tick();
    expect(script.decisions).toEqual([]);
    await press(stdin, '\u007f');
    await press(stdin, '1');
    await tick();
    await press(stdin, keys.enter);
    await tick(80);
    expect(script.decisions).toEqual([true]);
  });

  test('behavior: every amount over its threshold is typed, one after the other, before anything is signed', async () => {
    const review = makeReview({
      policy: {
        decision: 'confirm-typed',
        violations: [],
        typedConfirmation: '1',
        typedConfirmations: [
          { symbol: 'ETH', text: '1', threshold: '0.5' },
          { symbol: 'USDC', text: '5000', threshold: '1000' },
        ],
      },
    });
    const script = scripted(review);
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    expect(lastFrame()).toContain('(1 of 2). Type 1 and Enter');
    await press(stdin, '1');
    await tick();
    await press(stdin, keys.enter);
    await tick(80);
    expect(script.decisions).toEqual([]);
    expect(lastFrame()).toContain('(2 of 2). Type 5000 and Enter to sign');
    await press(stdin, '5000');
    await tick();
    await press(stdin, keys.enter);
    await tick(80);
    expect(script.decisions).toEqual([true]);
  });

  test('behavior: a wrong second typed amount drops the intent', async () => {
    const review = makeReview({
      policy: {
        decision: 'confirm-typed',
        violations: [],
        typedConfirmation: '1',
        typedConfirmations: [
          { symbol: 'ETH', text: '1', threshold: '0.5' },
          { symbol: 'USDC', text: '5000', threshold: '1000' },
        ],
      },
    });
    const script = scripted(review);
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    await press(stdin, '1');
    await tick();
    await press(stdin, keys.enter);
    await tick(80);
    await press(stdin, '1');
    await tick();
    await press(stdin, keys.enter);
    await tick(80);
    expect(script.decisions).toEqual([false]);
  });

  test('behavior: a wrong typed amount drops the intent', async () => {
    const review = makeReview({ policy: { decision: 'confirm-typed', violations: [], typedConfirmation: '1' } });
    const script = scripted(review);
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, 'swap 1 ETH for USDC', lastFrame);
    await press(stdin, '10');
    await tick();
    await press(stdin, keys.enter);
    await tick(80);
    expect(script.decisions).toEqual([false]);
  });

  test('behavior: ↑ recalls input history, Tab completes a token symbol', async () => {
    const { stdin, lastFrame } = render(<App controller={scripted().controller} animate={false} />);
    await tick();
    await press(stdin, keys.up);
    await tick();
    expect(lastFrame()).toContain('› swap 1 ETH for USDC');
    await press(stdin, keys.up);
    await tick();
    expect(lastFrame()).toContain('› send 1 ETH to bob');
    await press(stdin, keys.down);
    await press(stdin, keys.down);
    await tick();
    await press(stdin, 'swap 1 ETH for us');
    await tick();
    await press(stdin, keys.tab);
    await tick();
    expect(lastFrame()).toContain('› swap 1 ETH for USDC');
    expect(lastFrame()).not.toContain('for us');
  });

  test('behavior: slash commands show the controller output; /quit closes the controller', async () => {
    const script = scripted();
    const { stdin, lastFrame } = render(<App controller={script.controller} animate={false} />);
    await tick();
    await submit(stdin, '/history', lastFrame, 'output of history');
    expect(lastFrame()).toContain('output of history');
    await press(stdin, '/quit');
    await press(stdin, keys.enter);
    await until(() => script.closed() > 0, 'close()', lastFrame);
    expect(script.closed()).toBe(1);
  });
});

describe('complete', () => {
  test('completes a unique prefix, case-insensitively, and leaves ambiguity alone', () => {
    expect(complete('send 5 us', ['USDC', 'DAI'])).toBe('send 5 USDC ');
    expect(complete('send 5 d', ['DAI', 'dave'])).toBe('send 5 d');
    expect(complete('send 5 ', ['DAI'])).toBe('send 5 ');
  });
});
