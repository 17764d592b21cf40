/**
 * The eth_simulateV1 engine. The plan's calls are simulated exactly as they will be mined: one block per
 * transaction (block n+1, n+2, …), each with the base fee EIP-1559 gives it from its parent, a timestamp the
 * next block may have, a fresh random prevRandao, the latest block's fee recipient and gas limit, the gas
 * limit and fees the signer will use, and no state overrides at all. Nothing a contract can read in those
 * blocks tells them from the real ones (RISK.md, "simulation tells").
 *
 * Balances and allowances are read with the lens, whose code is placed at a fresh random address: before the
 * plan by eth_call on the base block (readBeforePlan.ts: one read for plans simulated together), after it in one more block appended after the plan's last block, which
 * the plan's contracts never see.
 */
import { randomFillSync } from 'node:crypto';
import { numberToHex, type Address, type Hex, type PublicClient } from 'viem';
import { ChainError } from '../../../kernel/index.js';
import { fetchSimulationBlocks, type Engine, type EngineRun, type MinedBlock, type RawCallResult, type RawLog, type Readings } from './engine.js';
import type { Observation } from './engine.js';
import { decodeUintArray, encodeAllowances, encodeBalances, lensCode, lensGas } from './lens.js';
import { readBeforePlan } from './readBeforePlan.js';

export const runSimulateV1: Engine = async (client, input) => {
  const { account, calls, observation, fees } = input;
  const { block, parent } = input.blocks ?? (await fetchSimulationBlocks(client, input.blockNumber));
  const measuring = input.gasLimits === undefined;
  const plan = planBlocks(block, parent, calls.length, input.gasUsed);
  // The measuring pass (no gas limits yet) runs without validation and without fee fields: with validation the
  // node would reserve a whole block's gas × fee and a plan spending nearly all ETH could not be measured. The
  // reported pass always has validation on, the signer's fees and the signer's gas limits.
  const feeFields = measuring
    ? {}
    : { maxFeePerGas: numberToHex(fees.maxFeePerGas), maxPriorityFeePerGas: numberToHex(fees.maxPriorityFeePerGas) };
  if (!measuring) {
    const short = plan.findIndex((b) => b.baseFee > fees.maxFeePerGas);
    if (short !== -1)
      throw new ChainError('FEE_BELOW_BASE_FEE', `The fee limit (${fees.maxFeePerGas} wei/gas) is below the base fee the transaction's block will have.`, {
        hints: ['Run it again: the fees are read afresh.'],
      });
  }

  const lens = randomAddress();
  const observer = randomAddress();
  const reads = observation.tokens.length * observation.parties.length;
  const lensCap = block.gasLimit / 4n;
  const capped = (gas: bigint) => numberToHex(gas < lensCap ? gas : lensCap);
  // The same reads before the plan (on the base block) and after it (in the lens block): encoded once.
  const lensData = { balances: encodeBalances(observation.tokens, observation.parties), allowances: observation.allowances.length ? encodeAllowances(observation.allowances) : undefined };
  const lensCalls = [
    { from: observer, to: lens, data: lensData.balances, gas: capped(lensGas(reads)) },
    ...(lensData.allowances ? [{ from: observer, to: lens, data: lensData.allowances, gas: capped(lensGas(observation.allowances.length)) }] : []),
  ];
  const views = observation.views ?? [];
  const viewCalls = views.map((view) => ({ from: observer, to: view.to, data: view.data, gas: capped(viewGas) }));
  const last = plan.at(-1)!;

  let result;
  let pre: Readings;
  try {
    [pre, result] = await Promise.all([
      readBeforePlan(client, { blockNumber: block.number, observation, lensData }),
      client.request({
        method: 'eth_simulateV1',
        params: [
          {
            blockStateCalls: [
              ...calls.map((call, i) => {
                const gas = input.gasLimits?.[i];
                return {
                  blockOverrides: blockOverridesFor(plan[i]!, block),
                  calls: [
                    {
                      from: account,
                      to: call.to,
                      data: call.data,
                      value: numberToHex(call.value),
                      ...(gas === undefined ? {} : { gas: numberToHex(gas) }),
                      ...feeFields,
                    },
                  ],
                };
              }),
              // The lens block: after the plan, never seen by it. Base fee 0 so that an observer without ETH passes validation.
              {
                blockOverrides: { ...blockOverridesFor({ ...last, number: last.number + 1n, time: last.time + 1n, prevRandao: randomHash() }, block), baseFeePerGas: '0x0' },
                stateOverrides: { [lens]: { code: lensCode } },
                calls: [...lensCalls, ...viewCalls].map((call) => ({ ...call, maxFeePerGas: '0x0', maxPriorityFeePerGas: '0x0' })),
              },
            ],
            traceTransfers: true,
            validation: !measuring,
          },
          numberToHex(block.number),
        ],
      }),
    ]);
  } catch (error) {
    throw asRejection(error);
  }

  if (!Array.isArray(result) || result.length !== calls.length + 1)
    throw new ChainError('SIMULATION_FAILED', `The node answered eth_simulateV1 with ${Array.isArray(result) ? result.length : 0} blocks for ${calls.length + 1}.`);
  const lensResults = result[calls.length]?.calls ?? [];
  const post = {
    ...decodeReadings(lensResults.slice(0, lensCalls.length), observation, 'after'),
    views: views.map((_, i) => viewResult(lensResults[lensCalls.length + i])),
  };

  let gasPaidByAccount = 0n;
  const callResults: RawCallResult[] = calls.map((_, i) => {
    const raw = result[i]?.calls?.[0];
    if (!raw) throw new ChainError('SIMULATION_FAILED', `The node returned no result for call ${i + 1}.`);
    const gasUsed = BigInt(raw.gasUsed);
    const baseFee = plan[i]!.baseFee;
    const tip = fees.maxFeePerGas - baseFee < fees.maxPriorityFeePerGas ? fees.maxFeePerGas - baseFee : fees.maxPriorityFeePerGas;
    if (!measuring) gasPaidByAccount += gasUsed * (baseFee + tip);
    const success = raw.status === '0x1';
    return {
      status: success ? 'success' : 'reverted',
      gasUsed,
      gasLimit: input.gasLimits?.[i] ?? block.gasLimit,
      logs: (raw.logs ?? []).map((log: RawLog) => ({ address: log.address, topics: [...log.topics] as Hex[], data: log.data })),
      ...(success ? {} : { revertData: raw.error?.data ?? raw.returnData }),
    };
  });

  const run: EngineRun = {
    calls: callResults,
    pre,
    post,
    gasPaidByAccount,
    costWei: gasPaidByAccount,
    blockNumber: block.number,
    baseFee: plan[0]!.baseFee,
    blocks: plan.map(({ number, time, baseFee }) => ({ number, time, baseFee })),

  };
  return run;
};

/** One simulated block: what the block that mines the transaction will look like. */
export type PlannedBlock = { number: bigint; time: bigint; baseFee: bigint; prevRandao: Hex };

/**
 * The blocks the plan's transactions land in: n+1, n+2, … Block n+1's base fee follows from the latest block
 * by EIP-1559; each later one from the block before it, which holds our transaction (its gas used from the
 * measuring pass when known). Time: the next block after `latest`, never before now, then one interval
 * (the chain's last, 1–12 s) per block. prevRandao: fresh random bytes, as unpredictable as the real one.
 */
export function planBlocks(latest: MinedBlock, parent: MinedBlock | undefined, count: number, gasUsed?: bigint[] | undefined): PlannedBlock[] {
  const interval = parent ? clamp(latest.timestamp - parent.timestamp, 1n, 12n) : 12n;
  const blocks: PlannedBlock[] = [];
  let baseFee = nextBaseFee({ baseFee: latest.baseFeePerGas ?? 0n, gasUsed: latest.gasUsed, gasLimit: latest.gasLimit });
  let time = inclusionTime(latest.timestamp + interval);
  for (let i = 0; i < count; i++) {
    blocks.push({ number: latest.number + 1n + BigInt(i), time, baseFee, prevRandao: randomHash() });
    baseFee = nextBaseFee({ baseFee, gasUsed: gasUsed?.[i] ?? 21_000n, gasLimit: latest.gasLimit });
    time += interval;
  }
  return blocks;
}

/** EIP-1559: the base fee of the block after one with `baseFee`, `gasUsed` and `gasLimit` (elasticity 2, denominator 8). */
export function nextBaseFee({ baseFee, gasUsed, gasLimit }: { baseFee: bigint; gasUsed: bigint; gasLimit: bigint }): bigint {
  const target = gasLimit / 2n;
  if (target === 0n || gasUsed === target) return baseFee;
  if (gasUsed > target) {
    const delta = (baseFee * (gasUsed - target)) / target / 8n;
    return baseFee + (delta > 1n ? delta : 1n);
  }
  return baseFee - (baseFee * (target - gasUsed)) / target / 8n;
}

function blockOverridesFor(planned: PlannedBlock, latest: MinedBlock) {
  return {
    number: numberToHex(planned.number),
    time: numberToHex(planned.time),
    gasLimit: numberToHex(latest.gasLimit),
    feeRecipient: latest.miner,
    baseFeePerGas: numberToHex(planned.baseFee),
    prevRandao: planned.prevRandao,
  };
}

/** Gas for one position view: a few storage reads and an external call or two. */
const viewGas = 300_000n;

function viewResult(result: { status: Hex; returnData: Hex } | undefined): Hex | undefined {
  return result && result.status === '0x1' ? result.returnData : undefined;
}

function decodeReadings(results: { status: Hex; returnData: Hex }[], observation: Observation, when: string): Readings {
  const [balances, allowances] = results;
  if (!balances || balances.status !== '0x1') throw new ChainError('SIMULATION_FAILED', `Reading balances ${when} the simulated plan failed.`);
  return {
    balances: decodeUintArray('balances', balances.returnData),
    allowances: observation.allowances.length && allowances && allowances.status === '0x1' ? decodeUintArray('allowances', allowances.returnData) : [],
  };
}

/**
 * A fresh address nobody holds: a contract cannot know in advance where the lens or its caller will be. In lower
 * case (the node reads either case; a checksum would hash every fresh address for nothing).
 */
export function randomAddress(): Address {
  return freshHex(20) as Address;
}

function randomHash(): Hex {
  return freshHex(32);
}

// Every simulation takes a few fresh addresses and prevRandao values: drawn from one pool of the system's CSPRNG,
// refilled a kilobyte at a time, instead of a call into it for each (each byte is handed out once).
const pool = Buffer.alloc(1024);
let used = pool.length;
function freshHex(bytes: number): Hex {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return `0x${hex}`;
}

function clamp(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value;
}

// Validation failures (not enough ETH for value + gas, bad nonce) reject the whole request: say so plainly,
// but let "method not found" through untouched so simulatePlan can fall back.
function asRejection(error: unknown): unknown {
  if (isMethodUnsupported(error)) return error;
  if (error instanceof ChainError) return error;
  const message = rootMessage(error);
  return new ChainError('SIMULATION_REJECTED', `The node refused to simulate the plan: ${message}`, {
    hints: /insufficient funds/i.test(message) ? ['The account does not hold enough ETH for the amounts plus gas.'] : [],
    cause: error,
  });
}

/** True when the node does not implement eth_simulateV1 (JSON-RPC -32601 / -32004, or a message saying so). */
export function isMethodUnsupported(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === -32601 || code === -32004) return true;
    if (typeof message === 'string' && /method not found|not supported|does not exist|unsupported method/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function rootMessage(error: unknown): string {
  let current: unknown = error;
  let message = 'unknown error';
  for (let depth = 0; current && depth < 10; depth++) {
    const { details, shortMessage } = current as { details?: unknown; shortMessage?: unknown };
    if (typeof details === 'string' && details) message = details;
    else if (typeof shortMessage === 'string' && shortMessage) message = shortMessage;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

/**
 * When the simulated block would be mined: the next block after `latest`, but never earlier than now.
 * On an idle chain (the devnet between commands) `latest` can be old, while the block that includes the
 * transaction gets the wall-clock time; simulating at the old time hid deadline expiries.
 */
export function inclusionTime(nextAfterLatest: bigint): bigint {
  const now = BigInt(Math.floor(Date.now() / 1000));
  return nextAfterLatest > now ? nextAfterLatest : now;
}
