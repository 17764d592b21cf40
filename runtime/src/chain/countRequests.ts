/**
 * Counts the JSON-RPC traffic of this process (tests and the bench): every HTTP round trip viem's http transport makes goes through
 * `fetch`, and every one to a node on this machine through loopbackHttp.ts, so watching both sees each request (a
 * batch is one round trip carrying several calls). The bench uses
 * it to report round trips and calls per intent, by method.
 */
import { observeLoopbackRequests } from './loopbackHttp.js';

/** `ethCalls`: each eth_call as `to:selector` (lower-case), to tell which contract functions were read. */
export type RequestCount = { roundTrips: number; calls: number; methods: Record<string, number>; ethCalls: string[] };

type Request = { method: string; params?: [{ to?: string; data?: string; input?: string }?, ...unknown[]] };

export type RequestCounter = { take(): RequestCount; restore(): void };

export function countRequests(): RequestCounter {
  const original = globalThis.fetch;
  let count: RequestCount = { roundTrips: 0, calls: 0, methods: {}, ethCalls: [] };
  const note = (body: string | undefined) => {
    if (!body?.includes('"jsonrpc"')) return;
    count.roundTrips++;
    const parsed = JSON.parse(body) as Request | Request[];
    for (const request of Array.isArray(parsed) ? parsed : [parsed]) {
      count.calls++;
      const call = request.method === 'eth_call' ? request.params?.[0] : undefined;
      if (call) count.ethCalls.push(`${String(call.to).toLowerCase()}:${String(call.data ?? call.input ?? '').slice(0, 10)}`);
      count.methods[request.method] = (count.methods[request.method] ?? 0) + 1;
    }
  };
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    note(typeof init?.body === 'string' ? init.body : undefined);
    return original(input, init);
  }) as typeof fetch;
  // A node on this machine is asked over node:http, not fetch (loopbackHttp.ts).
  const unobserve = observeLoopbackRequests(note);
  return {
    take() {
      const taken = count;
      count = { roundTrips: 0, calls: 0, methods: {}, ethCalls: [] };
      return taken;
    },
    restore() {
      globalThis.fetch = original;
      unobserve();
    },
  };
}
