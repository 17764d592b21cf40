/**
 * JSON-RPC over `node:http` to a node on this machine (Lucid's devnet, a local anvil): viem's http transport goes
 * through `fetch` and `Headers`, whose first use loads Node's bundled undici, ~40 ms and ~8 MiB of a send that
 * otherwise needs neither. Only for plain-http loopback URLs (`loopbackRpcUrl`): no TLS, proxy or redirect to
 * handle there; any other RPC keeps viem's transport. It answers like viem's http transport does, with the same
 * error classes (`RpcRequestError` for a JSON-RPC error, `HttpRequestError` for a status ≥ 400, a connection
 * failure or a body that is not JSON, `TimeoutError`), so what is built on it (clients.ts's `RPC_UNREACHABLE`)
 * reads the same. Requests made in the same tick go as one JSON-RPC batch when `batch` is set, like viem's.
 * Connections are kept alive between requests and unreferenced while idle (Node's agent), so an idle one never
 * keeps the process running.
 */
import { Agent, request as httpRequest } from 'node:http';
import { createTransport, HttpRequestError, RpcRequestError, TimeoutError, type EIP1193RequestFn, type Transport } from 'viem';

export type LoopbackHttpParameters = {
  /** Per-request timeout, the whole answer read included. Default 10 s. */
  timeoutMs?: number | undefined;
  /** Requests made in the same tick share one HTTP request (a JSON-RPC batch). Default false. */
  batch?: boolean | undefined;
};

type RpcBody = { jsonrpc: '2.0'; id: number; method: string; params?: unknown };
type RpcAnswer = { id?: unknown; result?: unknown; error?: { code: number; message: string; data?: unknown } };

/** Who is told of each request body sent (countRequests.ts: the bench's and tests' round-trip counts). */
const observers = new Set<(body: string) => void>();

/** Calls `observer` with the JSON text of every request body `loopbackPoster` sends; returns the unsubscribe. */
export function observeLoopbackRequests(observer: (body: string) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** The largest answer read, as viem's http transport: 10 MiB. */
const maxAnswerBytes = 10 * 1024 * 1024;

/** Whether `rpcUrl` is plain http to this machine, where `loopbackHttp` may carry it. */
export function loopbackRpcUrl(rpcUrl: string): boolean {
  try {
    const url = new URL(rpcUrl);
    return url.protocol === 'http:' && !url.username && !url.password && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * @example
 * const client = createPublicClient({ transport: loopbackHttp('http://127.0.0.1:8545', { batch: true }) });
 */
export function loopbackHttp(rpcUrl: string, { timeoutMs = 10_000, batch = false }: LoopbackHttpParameters = {}): Transport {
  const post = loopbackPoster(rpcUrl, timeoutMs);
  let nextId = 0;
  let queue: { body: RpcBody; resolve: (answer: RpcAnswer) => void; reject: (error: unknown) => void }[] = [];
  const flush = () => {
    const sending = queue;
    queue = [];
    const body = sending.map((entry) => entry.body);
    post(sending.length === 1 ? body[0] : body).then(
      (answer) => {
        // A node that refuses a whole batch answers one error object: each request gets it.
        const answers = Array.isArray(answer) ? (answer as RpcAnswer[]) : sending.length === 1 ? [answer as RpcAnswer] : body.map(() => answer as RpcAnswer);
        const byId = new Map(answers.map((a) => [a?.id, a]));
        for (const entry of sending) {
          const found = byId.get(entry.body.id) ?? (answers.length === 1 && answers[0]?.error ? answers[0] : undefined);
          if (found) entry.resolve(found);
          else entry.reject(new HttpRequestError({ body: entry.body, details: `no answer to request ${entry.body.id} in the batch`, url: rpcUrl }));
        }
      },
      (error: unknown) => {
        for (const entry of sending) entry.reject(error);
      },
    );
  };
  const send = (body: RpcBody): Promise<RpcAnswer> =>
    new Promise((resolve, reject) => {
      queue.push({ body, resolve, reject });
      if (!batch) flush();
      else if (queue.length === 1) setTimeout(flush, 0);
    });
  return ({ retryCount, timeout }) =>
    createTransport(
      {
        key: 'http',
        name: 'HTTP JSON-RPC',
        type: 'http',
        retryCount: retryCount ?? 0,
        timeout: timeout ?? timeoutMs,
        request: (async ({ method, params }: { method: string; params?: unknown }) => {
          const body: RpcBody = { jsonrpc: '2.0', id: nextId++, method, ...(params === undefined ? {} : { params }) };
          const answer = await send(body);
          if (answer.error) throw new RpcRequestError({ body, error: answer.error, url: rpcUrl });
          if (!('result' in answer)) throw new HttpRequestError({ body, details: 'the answer has neither a result nor an error', url: rpcUrl });
          return answer.result;
        }) as EIP1193RequestFn,
      },
      { url: rpcUrl },
    );
}

/**
 * One POST of a JSON-RPC body to a loopback URL, answered with the parsed JSON; the errors are viem's, as above.
 * Used also where no client is needed yet (the devnet's liveness checks).
 */
export function loopbackPoster(rpcUrl: string, timeoutMs = 10_000): (body: unknown) => Promise<unknown> {
  const url = new URL(rpcUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  return (body) =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      for (const observer of observers) observer(text);
      const payload = Buffer.from(text);
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new TimeoutError({ body: body as Record<string, unknown>, url: rpcUrl })), timeoutMs);
      const request = httpRequest(
        { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || 80, path: `${url.pathname}${url.search}`, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxAnswerBytes) fail(new HttpRequestError({ body: body as Record<string, unknown>, details: `the answer is larger than ${maxAnswerBytes} bytes`, url: rpcUrl }));
            else chunks.push(chunk);
          });
          response.on('error', (error) => fail(new HttpRequestError({ body: body as Record<string, unknown>, cause: error, url: rpcUrl })));
          response.on('end', () => {
            if (settled) return;
            const text = Buffer.concat(chunks).toString('utf8');
            let data: unknown;
            try {
              data = JSON.parse(text);
            } catch (error) {
              const status = response.statusCode ?? 0;
              return fail(new HttpRequestError({ body: body as Record<string, unknown>, ...(status >= 400 ? { status, details: text.slice(0, 200) } : { cause: error as Error }), url: rpcUrl }));
            }
            const status = response.statusCode ?? 0;
            const rpcError = (Array.isArray(data) && data.length === 1 ? data[0] : data) as RpcAnswer | undefined;
            if (status >= 400 && !(typeof rpcError?.error?.code === 'number' && typeof rpcError.error.message === 'string'))
              return fail(new HttpRequestError({ body: body as Record<string, unknown>, status, details: JSON.stringify((data as RpcAnswer | null)?.error ?? data), url: rpcUrl }));
            settled = true;
            clearTimeout(timer);
            resolve(data);
          });
        },
      );
      request.on('error', (error) => fail(new HttpRequestError({ body: body as Record<string, unknown>, cause: error, url: rpcUrl })));
      request.end(payload);
    });
}
