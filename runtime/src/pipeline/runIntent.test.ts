/**
 * The pipeline's guarantees with hostile agents, on a real devnet session: an agent whose promise the
 * simulation contradicts, one whose plan does more than the user asked, one that throws, one that never
 * answers, and one whose plan reverts — each is refused or dropped, and nothing is ever signed.
 */
import { encodeFunctionData, erc20Abi, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defineAgent } from '../../../agents/sdk/index.js';
import { findLucidError, type Agent, type Plan } from '../../../kernel/index.js';
import { parseWithGrammar } from '../../../router/index.js';
import { z } from 'zod';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { openSession } from '../session/openSession.js';
import type { Session } from '../session/types.js';
import { runIntent } from './runIntent.js';

const bob: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const mallory: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
let devnet: TestDevnet;
let session: Session;
let usdc: Address;

beforeAll(async () => {
  devnet = await startTestDevnet();
  session = await openSession({ settings: { home: devnet.home } });
  usdc = devnet.deployment.tokens.find((token) => token.symbol === 'USDC')!.address;
});
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

/** A transfer agent under the test's control; the real one is removed so it must be used. */
function transferAgent(id: string, plan: (amount: bigint) => Plan | Promise<Plan>): Agent {
  return defineAgent({
    id,
    description: `test agent ${id}`,
    actions: ['transfer'],
    chains: [],
    params: z.object({}),
    plan: async (_ctx, intent) => plan(intent.amount?.kind === 'exact' ? intent.amount.value : 0n),
  });
}

const transferCall = (to: Address, amount: bigint) => ({
  to: usdc,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
  value: 0n,
  description: `Transfer USDC to ${to}`,
});
const promise = (amount: bigint) => ({ token: usdc, symbol: 'USDC', decimals: 6, direction: 'out' as const, amount, bound: 'exact' as const });

async function run(text: string, agents: Agent[]) {
  const original = session.agents;
  session.agents = async () => agents;
  const nonce = await session.publicClient.getTransactionCount({ address: session.account.address });
  let confirmations = 0;
  try {
    return await runIntent(session, {
      text,
      mode: 'execute',
      parse: async (words) => ({ intents: parseWithGrammar(words), parser: 'grammar' }),
      confirm: async () => {
        confirmations++;
        return true;
      },
    });
  } finally {
    session.agents = original;
    // whatever happened, nothing may have been signed unless a review was confirmed
    if (confirmations === 0) expect(await session.publicClient.getTransactionCount({ address: session.account.address })).toBe(nonce);
  }
}

const codeOf = async (promiseOf: Promise<unknown>) => findLucidError(await promiseOf.then(() => undefined, (error: unknown) => error))?.code;

describe('hostile agents', () => {
  test('a promise the simulation contradicts is refused with both numbers', async () => {
    const liar = transferAgent('liar', (amount) => ({ agentId: 'liar', summary: 'send', calls: [transferCall(bob, amount / 2n)], expects: [promise(amount)] }));
    const error = await run(`send 10 USDC to ${bob}`, [liar]).catch((e: unknown) => e);
    expect(findLucidError(error)?.code).toBe('EXPECTATION_MISMATCH');
    expect(String((error as Error).message)).toMatch(/10 USDC/);
    expect(String((error as Error).message)).toMatch(/5 USDC/);
  });

  test('a plan that pays someone the user did not name is refused as an unexplained effect', async () => {
    const skimmer = transferAgent('skimmer', (amount) => ({
      agentId: 'skimmer',
      summary: 'send',
      calls: [transferCall(bob, amount), transferCall(mallory, parseUnits('1', 6))],
      expects: [promise(amount + parseUnits('1', 6))],
    }));
    expect(await codeOf(run(`send 10 USDC to ${bob}`, [skimmer]))).toBe('UNEXPLAINED_EFFECT');
  });

  test('an agent that throws, one that never answers and one whose plan reverts are dropped; the honest one wins', async () => {
    const thrower = transferAgent('thrower', () => {
      throw new Error('boom');
    });
    const sleeper = transferAgent('sleeper', () => new Promise<Plan>(() => {}));
    const reverter = transferAgent('reverter', () => ({ agentId: 'reverter', summary: 'send', calls: [transferCall(bob, parseUnits('999999', 6))], expects: [] }));
    const honest = transferAgent('honest', (amount) => ({ agentId: 'honest', summary: 'send', calls: [transferCall(bob, amount)], expects: [promise(amount)] }));
    const original = session.agents;
    const outcome = await run(`send 1 USDC to ${bob}`, [thrower, reverter, honest, sleeper]).finally(() => (session.agents = original));
    expect(outcome.status).toBe('confirmed');
    const step = outcome.review.steps[0]!;
    expect(step.agentId).toBe('honest');
    const dropped = Object.fromEntries(step.candidates.filter((c) => c.dropped).map((c) => [c.agentId, c.dropped]));
    expect(dropped.thrower).toMatch(/boom/);
    expect(dropped.reverter).toMatch(/revert|exceeds|balance/i);
    expect(dropped.sleeper).toMatch(/did not answer/);
  }, 30_000);

  test('--agent forces one agent, and an unknown one is an input error', async () => {
    const honest = transferAgent('honest', (amount) => ({ agentId: 'honest', summary: 'send', calls: [transferCall(bob, amount)], expects: [promise(amount)] }));
    const original = session.agents;
    session.agents = async () => [honest];
    try {
      const error = await runIntent(session, {
        text: `send 1 USDC to ${bob}`,
        mode: 'dry-run',
        forcedAgentId: 'nobody',
        parse: async (words) => ({ intents: parseWithGrammar(words), parser: 'grammar' }),
        confirm: async () => false,
      }).catch((e: unknown) => e);
      expect(findLucidError(error)?.code).toBe('UNKNOWN_AGENT');
    } finally {
      session.agents = original;
    }
  });
});

describe('the review is what gets signed', () => {
  test('declining at the review signs nothing and records the run as rejected', async () => {
    const nonce = await session.publicClient.getTransactionCount({ address: session.account.address });
    const error = await runIntent(session, {
      text: `send 1 USDC to ${bob}`,
      mode: 'execute',
      parse: async (words) => ({ intents: parseWithGrammar(words), parser: 'grammar' }),
      confirm: async () => false,
    }).catch((e: unknown) => e);
    expect(findLucidError(error)?.code).toBe('USER_REJECTED');
    expect(await session.publicClient.getTransactionCount({ address: session.account.address })).toBe(nonce);
  });

  test('a multi-step intent is simulated as one sequence: the second step spends what the first one bought', async () => {
    const outcome = await runIntent(session, {
      text: `swap 1 ETH for DAI then send 100 DAI to ${bob}`,
      mode: 'dry-run',
      parse: async (words) => ({ intents: parseWithGrammar(words), parser: 'grammar' }),
      confirm: async () => false,
    });
    expect(outcome.status).toBe('simulated');
    expect(outcome.review.simulation.ok).toBe(true);
    const dai = devnet.deployment.tokens.find((token) => token.symbol === 'DAI')!.address;
    const bobGets = outcome.review.simulation.balanceChanges.find((c) => c.address === bob && c.token === dai);
    expect(bobGets?.diff).toBe(parseUnits('100', 18));
  });

  test('right after a confirmed transaction, the next simulation starts from the new state', async () => {
    const parse = async (words: string) => ({ intents: parseWithGrammar(words), parser: 'grammar' as const });
    const sent = await runIntent(session, { text: `send 3 USDC to ${mallory}`, mode: 'execute', parse, confirm: async () => true });
    expect(sent.status).toBe('confirmed');
    const received = sent.review.simulation.balanceChanges.find((c) => c.address === mallory && c.token === usdc)!;
    // immediately, on the same session: no stale block or fee read may be reused
    const next = await runIntent(session, { text: `send 3 USDC to ${mallory}`, mode: 'dry-run', parse, confirm: async () => false });
    const again = next.review.simulation.balanceChanges.find((c) => c.address === mallory && c.token === usdc)!;
    expect(again.pre).toBe(received.post);
    expect(next.review.simulation.blockNumber).toBeGreaterThan(sent.review.simulation.blockNumber);
  });
});
