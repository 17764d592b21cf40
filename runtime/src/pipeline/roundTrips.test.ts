/**
 * The JSON-RPC traffic from a parsed intent to its report (what the simulation bench times), on a warm session
 * of the devnet: how many HTTP round trips, and which reads are not asked twice. A regression that adds a round
 * trip (a read that waits for another instead of sharing its batch) fails here, without timing anything.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeFunctionData, encodeFunctionData, numberToHex, zeroAddress, type Hex } from 'viem';
import { BalanceLens } from '../../../registry-contracts/generated/bytecode/BalanceLens.js';
import { parseWithGrammar } from '../../../router/index.js';
import { countRequests, type RequestCount } from '../chain/countRequests.js';
import { observeLoopbackRequests } from '../chain/loopbackHttp.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { openSession } from '../session/openSession.js';
import type { Session } from '../session/types.js';
import { runIntent } from './runIntent.js';

let devnet: TestDevnet;
let session: Session;

beforeAll(async () => {
  devnet = await startTestDevnet();
  session = await openSession({ settings: { home: devnet.home } });
}, 60_000);
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

/** The traffic between the `parsed` and `simulated` stages of a dry run of `text`, after one run to warm the session. */
async function traffic(text: string): Promise<RequestCount> {
  const intents = parseWithGrammar(text);
  let taken: RequestCount | undefined;
  for (let run = 0; run < 2; run++) {
    const counter = countRequests();
    try {
      const outcome = await runIntent(session, {
        text,
        mode: 'dry-run',
        parse: async () => ({ intents, parser: 'grammar' }),
        confirm: async () => false,
        onStage: (event) => {
          if (event.stage === 'parsed') counter.take();
          if (event.stage === 'simulated') taken = counter.take();
        },
      });
      expect(outcome.status).toBe('simulated');
    } finally {
      counter.restore();
    }
  }
  return taken!;
}

type ObservedRequest = { method: string; params?: unknown[] };

/** A dry run of `text` with every JSON-RPC request the session sends shown to `onRequest` (batches one by one). */
async function dryRunObserving(text: string, onRequest: (request: ObservedRequest) => void): Promise<Awaited<ReturnType<typeof runIntent>>> {
  const intents = parseWithGrammar(text);
  const unobserve = observeLoopbackRequests((body) => {
    const parsed = JSON.parse(body) as ObservedRequest | ObservedRequest[];
    for (const request of Array.isArray(parsed) ? parsed : [parsed]) onRequest(request);
  });
  try {
    return await runIntent(session, { text, mode: 'dry-run', parse: async () => ({ intents, parser: 'grammar' }), confirm: async () => false });
  } finally {
    unobserve();
  }
}

describe('round trips from parsed intent to report', () => {
  test('behavior: a transfer takes two (blocks with the recipient\'s code; the simulation), the recipient\'s code read once', async () => {
    const count = await traffic('send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    expect(count.roundTrips).toBe(2);
    // Asked beside the head at the head seen last, which is still the head: the agent's read on the block its
    // context names and the checks' reads of the report on that block are all that one read.
    expect(count.methods.eth_getCode).toBe(1);
    expect(count.methods.eth_simulateV1).toBe(1);
  }, 60_000);

  test('behavior: a plain ETH send runs no code, so the lens reads ETH balances only (every party\'s), before and after', async () => {
    const text = 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    await traffic(text);
    const selector = encodeFunctionData({ abi: BalanceLens.abi, functionName: 'balances', args: [[], []] }).slice(0, 10);
    const reads: { tokens: readonly string[]; owners: readonly string[] }[] = [];
    const note = (data: unknown) => {
      if (typeof data !== 'string' || !data.startsWith(selector)) return;
      const [tokens, owners] = decodeFunctionData({ abi: BalanceLens.abi, data: data as Hex }).args as [readonly string[], readonly string[]];
      reads.push({ tokens, owners });
    };
    const outcome = await dryRunObserving(text, (request) => {
      if (request.method === 'eth_call') note((request.params?.[0] as { data?: unknown }).data);
      if (request.method === 'eth_simulateV1')
        for (const block of (request.params?.[0] as { blockStateCalls: { calls: { data?: unknown }[] }[] }).blockStateCalls) for (const call of block.calls) note(call.data);
    });
    expect(outcome.status).toBe('simulated');
    expect(reads).toHaveLength(2);
    expect(reads.map((read) => read.tokens)).toEqual([[zeroAddress], [zeroAddress]]);
    // Every party is still read: the sender, the recipient and each contract of the deployment.
    expect(reads[0]!.owners.length).toBeGreaterThanOrEqual(2 + Object.keys(session.contracts).length);
    // The report still names every known token (the outcome after sending is compared on them).
    expect(outcome.review.simulation.tokens.length).toBeGreaterThanOrEqual(session.tokens.length);
  }, 60_000);

  test('behavior: after a new block the code read beside the head is not used: the agent reads the recipient at the new head', async () => {
    const text = 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    await traffic(text);
    await session.publicClient.request({ method: 'evm_mine' } as never);
    const head = await session.publicClient.getBlockNumber({ cacheTime: 0 });
    const codeReads: string[] = [];
    const outcome = await dryRunObserving(text, (request) => {
      if (request.method === 'eth_getCode') codeReads.push(String(request.params?.[1]));
    });
    expect(outcome.status).toBe('simulated');
    expect(outcome.review.simulation.blockNumber).toBe(head);
    // The one beside the head at the old head (wasted), then the agent's at the new head, shared with the checks.
    expect(codeReads).toEqual([numberToHex(head - 1n), numberToHex(head)]);
  }, 60_000);

  test('behavior: approve + swap with competing venues takes four (blocks; the agents\' reads; the simulations with the routers\' factories; the checks), and no pool is looked up by asking its factory', async () => {
    const count = await traffic('swap 100 USDC for DAI');
    expect(count.roundTrips).toBe(4);
    const getPair = '0xe6a43905';
    const getPool = '0x1698ee82';
    expect(count.ethCalls.filter((call) => call.endsWith(getPair) || call.endsWith(getPool))).toEqual([]);
    // The three competing agents' pools, quotes and allowances: one aggregate call between them, no read of its own.
    const aggregate3 = '0x82ad56cb';
    const allowance = '0xdd62ed3e';
    expect(count.ethCalls.filter((call) => call.endsWith(aggregate3))).toHaveLength(1);
    expect(count.ethCalls.filter((call) => call.endsWith(allowance))).toEqual([]);
    // The candidates' reads before their plans are one read of their union (readBeforePlan.ts): one lens balances
    // call and one allowances call between them, not one each.
    const lensBalances = '0xf0002ea9';
    const lensAllowances = '0x84bfc3a9';
    expect(count.ethCalls.filter((call) => call.endsWith(lensBalances))).toHaveLength(1);
    expect(count.ethCalls.filter((call) => call.endsWith(lensAllowances))).toHaveLength(1);
    expect(count.calls).toBeLessThanOrEqual(28);
  }, 60_000);

  test('behavior: the review of a one-step swap judges the winner with the checks its competition already ran, each report judged once by each check', async () => {
    const text = 'swap 100 USDC for DAI';
    const intents = parseWithGrammar(text);
    const judged = { unexplained: new Map<object, number>(), risks: new Map<object, number>() };
    const { unexplained, risks } = session.checks;
    session.checks.unexplained = (report, ...rest) => {
      judged.unexplained.set(report, (judged.unexplained.get(report) ?? 0) + 1);
      return unexplained(report, ...rest);
    };
    session.checks.risks = (input) => {
      judged.risks.set(input.report, (judged.risks.get(input.report) ?? 0) + 1);
      return risks(input);
    };
    try {
      const outcome = await runIntent(session, { text, mode: 'dry-run', parse: async () => ({ intents, parser: 'grammar' }), confirm: async () => false });
      expect(outcome.status).toBe('simulated');
      if (outcome.status !== 'simulated') return;
      // Several venues competed, so the winner was vetted: the review's report is the one the vetting judged.
      expect(outcome.review.steps[0]!.candidates.filter((candidate) => !candidate.dropped).length).toBeGreaterThan(1);
      expect(judged.unexplained.get(outcome.review.simulation)).toBe(1);
      expect(judged.risks.get(outcome.review.simulation)).toBe(1);
      expect([...judged.unexplained.values(), ...judged.risks.values()].every((count) => count === 1)).toBe(true);
    } finally {
      session.checks.unexplained = unexplained;
      session.checks.risks = risks;
    }
  }, 60_000);
});
