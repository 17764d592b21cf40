import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { createController, describeError } from './controller.js';
import { loadSettings, type Settings } from '../settings.js';
import type { RunOptions } from '../commands/options.js';
import type { Controller } from './App.js';
import { openSession, type Session, openStore, addContact, type Review, type StageEvent } from '../../../runtime/index.js';
import { InputError } from '../../../kernel/index.js';

const runOptions: RunOptions = { json: false, yes: false, dryRun: false, explain: false };
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

// A real session on Lucid's devnet in a temp LUCID_HOME: real anvil, real contracts, real SQLite.
let home: string;
let settings: Settings;
let session: Session;
let controller: Controller;
const previousHome = process.env.LUCID_HOME;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lucid-controller-'));
  process.env.LUCID_HOME = home;
  settings = { ...(await loadSettings({})), parser: 'grammar', llm: undefined };
  const store = openStore(home);
  addContact(store.db, { name: 'bob', address: recipient });
  store.close();
  session = await openSession({ settings });
  controller = createController(session, settings, runOptions);
});

afterAll(async () => {
  await session?.close();
  const { stopDevnet } = await import('../../../runtime/index.js');
  await stopDevnet({ home });
  if (previousHome === undefined) delete process.env.LUCID_HOME;
  else process.env.LUCID_HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

describe('createController', () => {
  test('status: devnet, chain, short account, ETH balance and block', async () => {
    const status = await controller.status();
    expect(status).toMatchObject({ chain: 'anvil', account: '0xf39F…2266', devnet: true });
    expect(Number(status.balance.replace(/,/g, ''))).toBeGreaterThan(99);
    expect(Number(status.block)).toBeGreaterThan(0);
  });

  test('completions: token symbols and contact names', () => {
    expect(controller.completions()).toEqual(expect.arrayContaining(['ETH', 'USDC', 'DAI', 'bob']));
  });

  test('input history: appended lines come back oldest first, also for the next controller', () => {
    controller.appendInput('swap 1 ETH for USDC');
    controller.appendInput('send 1 DAI to bob');
    controller.appendInput('send 1 DAI to bob');
    expect(controller.inputHistory().slice(-2)).toEqual(['swap 1 ETH for USDC', 'send 1 DAI to bob']);
    const next = createController(session, settings, runOptions);
    expect(next.inputHistory().slice(-2)).toEqual(['swap 1 ETH for USDC', 'send 1 DAI to bob']);
  });

  test('run: stages, the review, and after yes a confirmed transfer that really moved ETH', async () => {
    const client = createPublicClient({ transport: http(session.rpcUrl) });
    const before = await client.getBalance({ address: recipient });
    const stages: StageEvent['stage'][] = [];
    let shown: Review | undefined;
    const outcome = await controller.run('send 0.1 ETH to bob', {
      onStage: (event) => void stages.push(event.stage),
      confirm: async (review) => {
        shown = review;
        return true;
      },
    });
    expect(outcome.status).toBe('confirmed');
    expect(shown?.simulation.balanceChanges.some((change) => change.address === recipient && change.diff === parseEther('0.1'))).toBe(true);
    expect(stages).toEqual(expect.arrayContaining(['parsing', 'simulating', 'awaiting-confirmation', 'confirmed']));
    expect(await client.getBalance({ address: recipient })).toBe(before + parseEther('0.1'));
    expect(controller.describeOutcome(outcome)).toMatch(/✔ confirmed 0x[0-9a-f]{64} in block \d+/);
    expect(controller.describeOutcome(outcome)).toContain('-0.1');
  });

  test('run: no is a rejection and nothing is sent', async () => {
    const client = createPublicClient({ transport: http(session.rpcUrl) });
    const before = await client.getBalance({ address: recipient });
    const error = await controller.run('send 0.2 ETH to bob', { onStage: () => {}, confirm: async () => false }).catch((e: unknown) => e);
    expect(controller.describeError(error)).toBe('dropped: nothing was signed');
    expect(await client.getBalance({ address: recipient })).toBe(before);
  });

  test('command /history lists the runs, newest first', async () => {
    const text = await controller.command('history');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/rejected\s+send 0\.2 ETH to bob/);
    expect(lines[1]).toMatch(/confirmed\s+send 0\.1 ETH to bob/);
  });

  test('commands /agents and /policy', async () => {
    expect(await controller.command('agents')).toMatch(/^transfer\s+transfer/m);
    expect(await controller.command('policy')).toContain(`policy file: ${join(home, 'policy.json')}`);
    expect(await controller.command('nope')).toContain('unknown command /nope');
  });

  test('describeError: the short message and hints, never a stack', () => {
    const text = describeError(new InputError('BAD', 'words not understood', { hints: ['try "send 1 ETH to bob"'] }));
    expect(text).toBe('words not understood\nhint: try "send 1 ETH to bob"');
    expect(describeError(new Error('boom'))).not.toMatch(/\n\s+at /);
  });
});
