/**
 * The lens's reads on the base block, before a plan: every (token, party) balance, each allowance key and each
 * position view, by `eth_call` at the pinned block with the lens's code at a fresh random address.
 *
 * Plans simulated together on the same block (the competing agents of one run) ask for nearly the same reads:
 * the same known tokens, the user, the deployment's contracts and the same position views, differing only in the
 * venue each plan calls. The reads asked in the same turn of the event loop on the same client and block go out
 * as one read of their union (one balances call, one allowances call, each view once) and each plan gets exactly
 * its own values back, in its own order. These are reads of settled state at a pinned block: who else asked
 * changes no value. When the union read fails (a token one plan brought in that burns the lens's gas, say), each
 * plan reads its own set as it would alone, so another plan's tokens can cost a round trip, never a candidate.
 */
import { bytesToHex, type Address, type Hex, type PublicClient } from 'viem';
import { randomBytes } from 'node:crypto';
import { ChainError } from '../../../kernel/index.js';
import type { Observation, Readings } from './engine.js';
import { decodeUintArray, encodeAllowances, encodeBalances, lensCode, type AllowanceKey } from './lens.js';

export type ReadBeforePlanParameters = {
  /** The base block: the state the plan's first call sees. */
  blockNumber: bigint;
  observation: Observation;
  /** The observation's lens calls, when already encoded (the read after the plan uses the same bytes). */
  lensData?: { balances: Hex; allowances: Hex | undefined } | undefined;
};

export type ReadBeforePlanReturnType = Readings;

/**
 * @example
 * const pre = await readBeforePlan(client, { blockNumber: block.number, observation })
 * pre.balances[i * observation.parties.length + j] // token i, party j
 */
export function readBeforePlan(client: PublicClient, parameters: ReadBeforePlanParameters): Promise<ReadBeforePlanReturnType> {
  let byBlock = waiting.get(client);
  if (!byBlock) waiting.set(client, (byBlock = new Map()));
  let batch = byBlock.get(parameters.blockNumber);
  if (!batch) {
    const started: Request[] = [];
    byBlock.set(parameters.blockNumber, started);
    batch = started;
    // After this turn's microtasks, before any timer: the transport's batch (a timer) still carries the reads.
    setImmediate(() => {
      if (byBlock.get(parameters.blockNumber) === started) byBlock.delete(parameters.blockNumber);
      void readBatch(client, parameters.blockNumber, started);
    });
  }
  return new Promise<Readings>((resolve, reject) => batch.push({ parameters, resolve, reject }));
}

type Request = { parameters: ReadBeforePlanParameters; resolve: (readings: Readings) => void; reject: (error: unknown) => void };

/** The reads waiting for this turn, per client and block. */
const waiting = new WeakMap<object, Map<bigint, Request[]>>();

async function readBatch(client: PublicClient, blockNumber: bigint, requests: readonly Request[]): Promise<void> {
  if (requests.length > 1) {
    const union = unionOf(requests.map((request) => request.parameters.observation));
    const read = await readObservation(client, blockNumber, union.observation).then(
      (readings) => readings,
      () => undefined,
    );
    if (read) {
      requests.forEach((request, i) => request.resolve(union.pick(read, i)));
      return;
    }
  }
  // One plan alone, or the union read failed: each reads its own set.
  await Promise.all(
    requests.map((request) => readObservation(client, blockNumber, request.parameters.observation, request.parameters.lensData).then(request.resolve, request.reject)),
  );
}

/** The union of several observations, and how to take each one's readings out of the union's. */
function unionOf(observations: readonly Observation[]): { observation: Observation; pick: (readings: Readings, index: number) => Readings } {
  const tokens = new IndexOf<Address>((token) => token.toLowerCase());
  const parties = new IndexOf<Address>((party) => party.toLowerCase());
  const allowances = new IndexOf<AllowanceKey>((key) => `${key.token}:${key.owner}:${key.spender}`.toLowerCase());
  const views = new IndexOf<NonNullable<Observation['views']>[number]>((view) => `${view.to}:${view.data}`.toLowerCase());
  const maps = observations.map((observation) => ({
    tokens: observation.tokens.map((token) => tokens.add(token)),
    parties: observation.parties.map((party) => parties.add(party)),
    allowances: observation.allowances.map((key) => allowances.add(key)),
    views: (observation.views ?? []).map((view) => views.add(view)),
  }));
  return {
    observation: { tokens: tokens.items, parties: parties.items, allowances: allowances.items, views: views.items },
    pick: (readings, index) => {
      const map = maps[index]!;
      const width = parties.items.length;
      return {
        balances: map.tokens.flatMap((token) => map.parties.map((party) => readings.balances[token * width + party]!)),
        allowances: readings.allowances.length ? map.allowances.map((key) => readings.allowances[key]!) : [],
        views: map.views.map((view) => readings.views?.[view]),
      };
    },
  };
}

/** Items in first-seen order, each once by its key, with the index of each. */
class IndexOf<item> {
  readonly items: item[] = [];
  private readonly indexes = new Map<string, number>();
  constructor(private readonly keyOf: (item: item) => string) {}
  add(item: item): number {
    const key = this.keyOf(item);
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = this.items.push(item) - 1;
      this.indexes.set(key, index);
    }
    return index;
  }
}

/** The lens read on the base block itself (eth_call with its code at a random address, from a random caller). */
async function readObservation(
  client: PublicClient,
  blockNumber: bigint,
  observation: Observation,
  lensData = { balances: encodeBalances(observation.tokens, observation.parties), allowances: observation.allowances.length ? encodeAllowances(observation.allowances) : undefined },
): Promise<Readings> {
  const lens = randomHexAddress();
  const observer = randomHexAddress();
  const block = `0x${blockNumber.toString(16)}`;
  const call = (data: Hex) =>
    client.request({
      method: 'eth_call',
      params: [{ from: observer, to: lens, data }, block, { [lens]: { code: lensCode } }],
    } as never) as Promise<Hex>;
  // All asked at once (one round trip where the node takes batches): balances, allowances, and the views on the
  // same base block from the same fresh caller; a view that reverts (an entry that does not exist) reads as undefined.
  const [balances, allowances, views] = await Promise.all([
    call(lensData.balances),
    lensData.allowances ? call(lensData.allowances) : Promise.resolve(undefined),
    Promise.all(
      (observation.views ?? []).map((view) =>
        (client.request({ method: 'eth_call', params: [{ from: observer, to: view.to, data: view.data }, block] } as never) as Promise<Hex>).catch(() => undefined),
      ),
    ),
  ]);
  const readings = {
    balances: decodeUintArray('balances', balances),
    allowances: allowances ? decodeUintArray('allowances', allowances) : [],
    views,
  };
  // A node that answers with fewer values than asked must not let one party's reading land on another.
  if (readings.balances.length !== observation.tokens.length * observation.parties.length || (allowances && readings.allowances.length !== observation.allowances.length))
    throw new ChainError('SIMULATION_FAILED', 'The node answered the balance read before the plan with a different number of values than asked.');
  return readings;
}

/** A fresh address nobody holds (lower case: the node takes it as it is, no checksum to compute). */
function randomHexAddress(): Address {
  return bytesToHex(randomBytes(20));
}
