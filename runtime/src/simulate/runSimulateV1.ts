/**
 * The eth_simulateV1 engine: the whole plan as one block on top of the pinned block, with the lens reading
 * state before the first call and after the last, validation on and block fields that look real.
 */
import { numberToHex, type Hex } from 'viem';
import { ChainError } from '../../../kernel/index.js';
import { fetchSimulationBlocks, type Engine, type EngineRun, type RawCallResult, type Readings } from './engine.js';
import {
  decodeUintArray,
  encodeAllowances,
  encodeBalances,
  lensAddress,
  lensCode,
  lensGas,
  observerAddress,
} from './lens.js';

export const runSimulateV1: Engine = async (client, input) => {
  const { account, calls, observation, fees } = input;
  const { block, parent } = input.blocks ?? (await fetchSimulationBlocks(client, input.blockNumber));
  // Red-pill defence (RISK.md): a contract must not be able to tell a simulation from a real block.
  const interval = parent ? clamp(block.timestamp - parent.timestamp, 1n, 12n) : 12n;
  const baseFee = block.baseFeePerGas ?? 0n;
  const maxFeePerGas = fees.maxFeePerGas > baseFee ? fees.maxFeePerGas : baseFee * 2n + fees.maxPriorityFeePerGas;
  const priority = fees.maxPriorityFeePerGas < maxFeePerGas ? fees.maxPriorityFeePerGas : maxFeePerGas;
  const effectivePrice = baseFee + priority < maxFeePerGas ? baseFee + priority : maxFeePerGas;

  const reads = observation.tokens.length * observation.parties.length;
  // The measuring pass (no gas limits yet) sends no fee fields and runs without validation: otherwise the node
  // would reserve gas × fee for a whole block's worth of gas and a plan spending nearly all ETH could not be measured.
  // The pass whose result is reported always has validation on, real fees and the signing gas limits.
  const measuring = input.gasLimits === undefined;
  const feeFields = measuring ? {} : { maxFeePerGas: numberToHex(maxFeePerGas), maxPriorityFeePerGas: numberToHex(priority) };
  // A lens read never needs more than a quarter of the block, which leaves the plan's calls room to run.
  const lensCap = block.gasLimit / 4n;
  const lensCall = (data: Hex, gas: bigint) => ({
    from: observerAddress,
    to: lensAddress,
    data,
    gas: numberToHex(gas < lensCap ? gas : lensCap),
    ...feeFields,
  });
  const lensCalls = (): ReturnType<typeof lensCall>[] => [
    lensCall(encodeBalances(observation.tokens, observation.parties), lensGas(reads)),
    ...(observation.allowances.length ? [lensCall(encodeAllowances(observation.allowances), lensGas(observation.allowances.length))] : []),
  ];
  const planCalls = calls.map((call, i) => {
    const gas = input.gasLimits?.[i];
    return {
      from: account,
      to: call.to,
      data: call.data,
      value: numberToHex(call.value),
      ...(gas === undefined ? {} : { gas: numberToHex(gas) }),
      ...feeFields,
    };
  });
  const lensPerSide = lensCalls().length;

  let result;
  try {
    result = await client.request({
      method: 'eth_simulateV1',
      params: [
        {
          blockStateCalls: [
            {
              blockOverrides: {
                number: numberToHex(block.number + 1n),
                time: numberToHex(inclusionTime(block.timestamp + interval)),
                gasLimit: numberToHex(block.gasLimit),
                feeRecipient: block.miner,
                baseFeePerGas: numberToHex(baseFee),
                ...(block.mixHash ? { prevRandao: block.mixHash } : {}),
              },
              stateOverrides: {
                [lensAddress]: { code: lensCode },
                [observerAddress]: { balance: numberToHex(10n ** 24n) },
              },
              calls: [...lensCalls(), ...planCalls, ...lensCalls()],
            },
          ],
          traceTransfers: true,
          validation: !measuring,
        },
        numberToHex(block.number),
      ],
    });
  } catch (error) {
    throw asRejection(error);
  }

  const results = result[0]?.calls ?? [];
  if (results.length !== lensPerSide * 2 + calls.length)
    throw new ChainError('SIMULATION_FAILED', `The node answered eth_simulateV1 with ${results.length} results for ${lensPerSide * 2 + calls.length} calls.`);

  const readLens = (offset: number): Readings => {
    const [balances, allowances] = [results[offset], results[offset + 1]];
    if (!balances || balances.status !== '0x1') throw new ChainError('SIMULATION_FAILED', 'Reading balances inside the simulation failed.');
    return {
      balances: decodeUintArray('balances', balances.returnData),
      allowances:
        observation.allowances.length && allowances && allowances.status === '0x1'
          ? decodeUintArray('allowances', allowances.returnData)
          : [],
    };
  };

  let gasPaidByAccount = 0n;
  const callResults: RawCallResult[] = calls.map((_, i) => {
    const raw = results[lensPerSide + i];
    if (!raw) throw new ChainError('SIMULATION_FAILED', `The node returned no result for call ${i + 1}.`);
    const gasUsed = BigInt(raw.gasUsed);
    if (!measuring) gasPaidByAccount += gasUsed * effectivePrice;
    const success = raw.status === '0x1';
    return {
      status: success ? 'success' : 'reverted',
      gasUsed,
      gasLimit: input.gasLimits?.[i] ?? block.gasLimit,
      logs: (raw.logs ?? []).map((log) => ({ address: log.address, topics: [...log.topics] as Hex[], data: log.data })),
      ...(success ? {} : { revertData: raw.error?.data ?? raw.returnData }),
    };
  });

  const run: EngineRun = {
    calls: callResults,
    pre: readLens(0),
    post: readLens(lensPerSide + calls.length),
    gasPaidByAccount,
    costWei: gasPaidByAccount,
    blockNumber: block.number,
    baseFee,
    limitsFinal: false,
  };
  return run;
};

function clamp(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value;
}

// Validation failures (not enough ETH for value + gas, bad nonce) reject the whole request: say so plainly,
// but let "method not found" through untouched so simulatePlan can fall back.
function asRejection(error: unknown): unknown {
  if (isMethodUnsupported(error)) return error;
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
