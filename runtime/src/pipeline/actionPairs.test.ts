/**
 * Every pair of actions that can follow each other (the kernel's `listActionPairs`, from the intent contract),
 * through the real pipeline on a real devnet: words → grammar → resolve → agents compete (each step simulated on
 * top of the ones before) → the whole sequence simulated → checks (promises, every effect explained step by step,
 * swap bounds, risks) → the review. Simulate-only (dry run): signing adds nothing to the explanation; the CLI
 * e2e (cli/e2e/multiStep.test.ts) signs three pairs with `--yes` and checks balances after.
 *
 * For each pair the review must come back (nothing refused wrongly), and its sequence's net effect must be each
 * step's effect added on top of the one before: exact amounts add up exactly; a swap's output is only known to be
 * more; with "it", the second step takes exactly what the first produced. Pairs the runtime cannot serve are
 * listed with the reason, and the reason is itself checked (no agent serves the action; a question is refused
 * beside a transaction), so none is skipped silently.
 */
import { isAddressEqual, parseEther, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anvilAccount, executePlan } from '../../../agents/sdk/testing.js';
import { findLucidError, listActionPairs, type ActionPair, type IntentAction } from '../../../kernel/index.js';
import { parseWithGrammar } from '../../../router/index.js';
import { CapitalPool, EmissionController } from '../../../registry-contracts/index.js';
import { encodeFunctionData, erc20Abi } from 'viem';
import { advanceTime } from '../devnet/advanceTime.js';
import { aavePoolAbi } from '../lending/aavePoolAbi.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { openSession } from '../session/openSession.js';
import type { Session } from '../session/types.js';
import { runIntent } from './runIntent.js';
import type { Review } from './types.js';

const bob: Address = anvilAccount(1).address;

/** What one step does to a balance or an allowance, as the words say it. */
type Effect =
  | { party: 'user' | 'bob'; token: string; delta: bigint }
  | { party: 'user' | 'bob'; token: string; gain: true }
  | { allowance: string; value: bigint };

type Example = { words: string; effects: Effect[] };

const usdc = (n: string) => parseUnits(n, 6);
const ether = (n: string) => parseEther(n);

/**
 * One example of each action on the devnet's world, each valid on its own from the fixture's state, and what it
 * does; or why the runtime cannot serve the action yet. A new action in the contract does not compile here until
 * it has a row.
 */
const examples: Record<IntentAction, Example | { pending: string }> = {
  transfer: { words: `send 10 USDC to ${bob}`, effects: [{ party: 'user', token: 'USDC', delta: -usdc('10') }, { party: 'bob', token: 'USDC', delta: usdc('10') }] },
  swap: { words: 'swap 0.1 ETH for DAI', effects: [{ party: 'user', token: 'DAI', gain: true }] },
  wrap: { words: 'wrap 0.5 ETH', effects: [{ party: 'user', token: 'WETH', delta: ether('0.5') }] },
  unwrap: { words: 'unwrap 0.25 WETH', effects: [{ party: 'user', token: 'WETH', delta: -ether('0.25') }] },
  stake: { words: 'stake 1 stETH', effects: [{ party: 'user', token: 'stETH', delta: -ether('1') }] },
  unstake: { words: 'unstake 0.5 stETH', effects: [{ party: 'user', token: 'stETH', delta: ether('0.5') }] },
  claim: { words: 'claim my rewards', effects: [{ party: 'user', token: 'LUCID', gain: true }] },
  approve: { words: `approve 100 DAI for ${bob}`, effects: [{ allowance: 'DAI', value: ether('100') }] },
  revoke: { words: `revoke USDC for ${bob}`, effects: [{ allowance: 'USDC', value: 0n }] },
  balance: { words: "what's my ETH balance", effects: [] },
  supply: { words: 'supply 100 USDC to aave', effects: [{ party: 'user', token: 'USDC', delta: -usdc('100') }] },
  withdraw: { words: 'withdraw 50 DAI from aave', effects: [{ party: 'user', token: 'DAI', delta: ether('50') }] },
};

/**
 * Steps that produce a token, as a first step for "… then <action> it": each with the token it gives the user.
 * The one picked for a pair is the first whose output the second step can take.
 */
const producers: Partial<Record<IntentAction, { words: string; output: string }[]>> = {
  swap: [
    { words: 'swap 0.1 ETH for USDC', output: 'USDC' },
    { words: 'swap 100 USDC for ETH', output: 'ETH' },
    { words: 'swap 0.1 ETH for stETH', output: 'stETH' },
    { words: 'swap 100 USDC for WETH', output: 'WETH' },
    { words: 'swap 0.05 ETH for DAI', output: 'DAI' },
  ],
  wrap: [{ words: 'wrap 0.5 ETH', output: 'WETH' }],
  unwrap: [{ words: 'unwrap 0.25 WETH', output: 'ETH' }],
  unstake: [{ words: 'unstake 0.5 stETH', output: 'stETH' }],
  withdraw: [{ words: 'withdraw 50 DAI from aave', output: 'DAI' }],
};

/**
 * A second step with "it", for the tokens it can take on the devnet, and which way it moves the user's balance of
 * that token (-1 spends it, +1 receives more of it, 0 neither).
 */
const consumers: Partial<Record<IntentAction, { words: (token: string) => string; takes: (token: string) => boolean; direction: -1 | 0 | 1 }>> = {
  transfer: { words: () => `send it to ${bob}`, takes: () => true, direction: -1 },
  swap: { words: (token) => `swap it for ${token === 'DAI' ? 'USDC' : 'DAI'}`, takes: () => true, direction: -1 },
  wrap: { words: () => 'wrap it', takes: (token) => token === 'ETH', direction: -1 },
  unwrap: { words: () => 'unwrap it', takes: (token) => token === 'WETH', direction: -1 },
  stake: { words: () => 'stake it', takes: (token) => token === 'stETH', direction: -1 },
  unstake: { words: () => 'unstake it', takes: (token) => token === 'stETH', direction: 1 },
  approve: { words: () => `approve it for ${bob}`, takes: (token) => token !== 'ETH', direction: 0 },
  supply: { words: () => 'supply it to aave', takes: (token) => ['USDC', 'DAI', 'WETH'].includes(token), direction: -1 },
  // The fixture's lending position is DAI: "withdraw it" takes as much DAI again out of it.
  withdraw: { words: () => 'withdraw it from aave', takes: (token) => token === 'DAI', direction: 1 },
};

/**
 * Pairs the runtime refuses, by design or for a known limit, with the code and why; the test asserts exactly
 * that refusal, so a pair that starts to work (or fails differently) is noticed.
 */
const knownRefusals: Record<string, { code: string; why: string }> = {
  // "send 10 USDC to bob then send 10 USDC to bob": the same recipient paid twice in one token reads as a slip
  // (router/src/grammar/duplicates.ts), so it is asked about, not signed; the pair's steps are each tested alone.
  'transfer → transfer': { code: 'AMBIGUOUS_INTENT', why: 'the same recipient paid twice in one token' },
};

let devnet: TestDevnet;
let session: Session;

beforeAll(async () => {
  devnet = await startTestDevnet();
  const { contracts } = devnet.deployment;
  const stEth = devnet.deployment.tokens.find((token) => token.symbol === 'stETH')!.address;
  const usdcAddress = devnet.deployment.tokens.find((token) => token.symbol === 'USDC')!.address;
  const daiAddress = devnet.deployment.tokens.find((token) => token.symbol === 'DAI')!.address;
  const call = (to: Address, data: `0x${string}`) => ({ to, data, value: 0n, description: 'fixture' });
  // A stake to unstake from and to earn on, and a USDC allowance for bob to revoke.
  await executePlan(devnet.rpcUrl, {
    calls: [
      call(stEth, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [contracts.capitalPool!, ether('5')] })),
      call(contracts.capitalPool!, encodeFunctionData({ abi: CapitalPool.abi, functionName: 'stake', args: [ether('5'), 0n] })),
      call(usdcAddress, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [bob, usdc('50')] })),
      // A DAI position in the lending market to withdraw from.
      call(daiAddress, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [contracts.aavePool!, ether('500')] })),
      call(contracts.aavePool!, encodeFunctionData({ abi: aavePoolAbi, functionName: 'supply', args: [daiAddress, ether('500'), anvilAccount(0).address, 0] })),
    ],
  });
  // A day of emission streams to the pool, so there is LUCID to claim.
  await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 86_400 });
  await executePlan(devnet.rpcUrl, { calls: [call(contracts.emissionController!, encodeFunctionData({ abi: EmissionController.abi, functionName: 'distribute' }))] });
  await advanceTime({ rpcUrl: devnet.rpcUrl, seconds: 600 });
  session = await openSession({ settings: { home: devnet.home } });
}, 180_000);
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

const dryRun = (text: string) =>
  runIntent(session, { text, mode: 'dry-run', parse: async (words) => ({ intents: parseWithGrammar(words), parser: 'grammar' }), confirm: async () => false });

/** The words of a pair, or why it cannot run; `undefined` words with no reason never happen. */
function wordsOf(pair: ActionPair): { words: string; output?: string } | { pending: string } | { mismatch: string; words: string } {
  const first = examples[pair.first];
  const second = examples[pair.second];
  if ('pending' in first) return { pending: `${pair.first}: ${first.pending}` };
  if ('pending' in second) return { pending: `${pair.second}: ${second.pending}` };
  if (!pair.previous) return { words: `${first.words} then ${second.words}` };
  const consumer = consumers[pair.second];
  if (!consumer) throw new Error(`no "it" phrasing for ${pair.second}: add one to consumers`);
  const options = producers[pair.first] ?? [];
  if (options.length === 0) throw new Error(`no producing phrasing for ${pair.first}: add one to producers`);
  const producer = options.find((option) => consumer.takes(option.output));
  if (!producer) {
    const option = options[0]!;
    return { mismatch: `${pair.first} gives ${option.output}, which ${pair.second} does not take`, words: `${option.words} then ${consumer.words(option.output)}` };
  }
  return { words: `${producer.words} then ${consumer.words(producer.output)}`, output: producer.output };
}

const net = (review: Review, party: Address, symbol: string) =>
  review.simulation.balanceChanges
    .filter((change) => isAddressEqual(change.address, party) && change.symbol === symbol)
    .reduce((sum, change) => sum + change.diff, 0n);
const allowance = (review: Review, symbol: string) => review.simulation.approvals.find((a) => a.symbol === symbol && isAddressEqual(a.spender, bob))?.post;

/** The sequence's net effect is each step's effect added to the one before. */
function expectEffectsAddUp(review: Review, effects: Effect[]) {
  const parties = { user: review.account, bob } as const;
  const balances = new Map<string, { party: 'user' | 'bob'; token: string; exact: bigint; gain: boolean }>();
  const allowances = new Map<string, bigint>();
  for (const effect of effects) {
    if ('allowance' in effect) {
      allowances.set(effect.allowance, effect.value);
      continue;
    }
    const key = `${effect.party}:${effect.token}`;
    const entry = balances.get(key) ?? { party: effect.party, token: effect.token, exact: 0n, gain: false };
    if ('gain' in effect) entry.gain = true;
    else entry.exact += effect.delta;
    balances.set(key, entry);
  }
  for (const { party, token, exact, gain } of balances.values()) {
    const actual = net(review, parties[party], token);
    if (gain) expect(actual, `${party} ${token}`).toBeGreaterThan(exact);
    else expect(actual, `${party} ${token}`).toBe(exact);
  }
  for (const [token, value] of allowances) expect(allowance(review, token), `bob's ${token} allowance`).toBe(value);
}

const table: { pair: string; result: string }[] = [];
const label = (pair: ActionPair) => `${pair.first} → ${pair.second}${pair.previous ? ' (it)' : ''}`;

describe('every pair of actions, explained step on step', () => {
  for (const pair of listActionPairs()) {
    const name = label(pair);
    const words = wordsOf(pair);
    if (pair.refused) {
      test(`${name}: refused as one request (${pair.refused})`, async () => {
        if ('pending' in words) return void table.push({ pair: name, result: `pending: ${words.pending}` });
        const error = await dryRun(words.words).catch((e: unknown) => e);
        expect(findLucidError(error)?.code, words.words).toBe(pair.refusedCode);
        table.push({ pair: name, result: `refused as designed: ${pair.refused}` });
      }, 60_000);
      continue;
    }
    if ('mismatch' in words) {
      test(`${name}: refused, ${words.mismatch}: "${words.words}"`, async () => {
        // Said anyway, it is refused with Lucid's own error (bad input or a refusal), never a crash or a signature.
        const error = await dryRun(words.words).catch((e: unknown) => e);
        const lucid = findLucidError(error);
        expect(lucid?.kind, String(error)).toMatch(/^(input|refused)$/);
        table.push({ pair: name, result: `no such sequence (${words.mismatch}): refused, ${lucid?.code}` });
      }, 60_000);
      continue;
    }
    if ('pending' in words) {
      test(`${name}: pending (${words.pending})`, async () => {
        // The reason must hold: a pending action really has no agent on the devnet; a token mismatch is real.
        for (const action of [pair.first, pair.second])
          if ('pending' in examples[action]) expect((await session.agents(action)).filter((agent) => agent.actions.includes(action)).map((agent) => agent.id), action).toEqual([]);
        table.push({ pair: name, result: `pending: ${words.pending}` });
      });
      continue;
    }
    const known = knownRefusals[name];
    if (known) {
      test(`${name}: refused, ${known.code} (${known.why})`, async () => {
        const error = await dryRun(words.words).catch((e: unknown) => e);
        expect(findLucidError(error)?.code, words.words).toBe(known.code);
        table.push({ pair: name, result: `refused, ${known.code}: ${known.why}` });
      }, 60_000);
      continue;
    }
    test(`${name}: "${words.words}"`, async () => {
      const outcome = await dryRun(words.words).catch((error: unknown) => {
        table.push({ pair: name, result: `FAILED: ${findLucidError(error)?.shortMessage ?? String(error)}` });
        throw error;
      });
      const { review } = outcome;
      if (pair.first === 'balance' && pair.second === 'balance') {
        expect(outcome.status).toBe('read-only');
        table.push({ pair: name, result: 'answered (read-only)' });
        return;
      }
      expect(outcome.status).toBe('simulated');
      expect(review.simulation.ok).toBe(true);
      expect(review.steps.map((step) => step.resolved?.action)).toEqual([pair.first, pair.second]);
      if (!pair.previous) {
        const first = examples[pair.first] as Example;
        const second = examples[pair.second] as Example;
        expectEffectsAddUp(review, [...first.effects, ...second.effects]);
      } else {
        // "it" is exactly what the first step produced in its own simulation, and the second step moves it.
        const resolved = review.steps[1]!.resolved!;
        expect(resolved.amount?.kind).toBe('exact');
        const produced = resolved.amount?.kind === 'exact' ? resolved.amount.value : 0n;
        expect(produced).toBeGreaterThan(0n);
        expect(review.steps[1]!.amountFrom).toMatch(/what step 1 produced in its simulation/);
        const output = (words as { output: string }).output;
        const direction = consumers[pair.second]!.direction;
        if (output !== 'ETH') expect(net(review, review.account, output)).toBe(produced * BigInt(1 + direction));
        if (pair.second === 'transfer') expect(net(review, bob, output)).toBe(produced);
        if (pair.second === 'approve') expect(allowance(review, output)).toBe(produced);
      }
      table.push({ pair: name, result: 'explained' });
    }, 60_000);
  }

  afterAll(() => {
    // The table the brief asks for, printed with the run (`npx vitest run … --reporter=verbose` shows it too).
    console.log(`\naction pairs (${table.length}):\n${table.map((row) => `  ${row.pair.padEnd(28)} ${row.result}`).join('\n')}`);
  });
});
