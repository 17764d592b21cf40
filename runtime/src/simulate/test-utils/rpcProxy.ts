/**
 * A real JSON-RPC HTTP proxy in front of anvil, for tests of a node that lies or lacks a method: `answer`
 * sees every request (single or batched) and may return a replacement result or error; anything it leaves
 * alone goes to the target unchanged. It records the methods it saw, so a test can tell when signing began.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RpcRequest = { jsonrpc: '2.0'; id: number | string; method: string; params?: unknown[] };
/** A replacement answer: `{ result }` or `{ error }`; undefined forwards the request. */
export type RpcAnswer = { result: unknown } | { error: { code: number; message: string } } | undefined;

export type RpcProxy = { url: string; methods: string[]; close(): Promise<void> };

export async function startRpcProxy(options: {
  target: string;
  answer?: ((request: RpcRequest, forward: () => Promise<unknown>) => RpcAnswer | Promise<RpcAnswer>) | undefined;
}): Promise<RpcProxy> {
  const methods: string[] = [];
  const forwardOne = async (request: RpcRequest) => {
    const response = await fetch(options.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    return (await response.json()) as { result?: unknown; error?: unknown };
  };
  const handle = async (request: RpcRequest) => {
    methods.push(request.method);
    const forward = async () => {
      const answer = await forwardOne(request);
      if (answer.error) throw Object.assign(new Error('upstream error'), { rpc: answer.error });
      return answer.result;
    };
    const replaced = options.answer ? await options.answer(request, forward) : undefined;
    if (replaced) return { jsonrpc: '2.0', id: request.id, ...replaced };
    return { jsonrpc: '2.0', id: request.id, ...(await forwardOne(request)) };
  };
  const server = createServer((req, res) => {
    void readBody(req)
      .then(async (text) => {
        const body = JSON.parse(text) as RpcRequest | RpcRequest[];
        const out = Array.isArray(body) ? await Promise.all(body.map(handle)) : await handle(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
