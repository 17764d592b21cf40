/**
 * Counts the JSON-RPC traffic of this process (tests and the bench): every HTTP round trip viem's http transport makes goes through
 * `fetch`, so wrapping it sees each request (a batch is one round trip carrying several calls). The bench uses
 * it to report round trips and calls per intent, by method.
 */
export type RequestCount = { roundTrips: number; calls: number; methods: Record<string, number> };

export type RequestCounter = { take(): RequestCount; restore(): void };

export function countRequests(): RequestCounter {
  const original = globalThis.fetch;
  let count: RequestCount = { roundTrips: 0, calls: 0, methods: {} };
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const body = typeof init?.body === 'string' ? init.body : undefined;
    if (body?.includes('"jsonrpc"')) {
      count.roundTrips++;
      const parsed = JSON.parse(body) as { method: string } | { method: string }[];
      for (const request of Array.isArray(parsed) ? parsed : [parsed]) {
        count.calls++;
        count.methods[request.method] = (count.methods[request.method] ?? 0) + 1;
      }
    }
    return original(input, init);
  }) as typeof fetch;
  return {
    take() {
      const taken = count;
      count = { roundTrips: 0, calls: 0, methods: {} };
      return taken;
    },
    restore() {
      globalThis.fetch = original;
    },
  };
}
