import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient } from 'viem';
import { findLucidError } from '../../../kernel/index.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { createClients, devnetChain, DEVNET_ACCOUNT_ADDRESS } from './clients.js';
import { countRequests } from './countRequests.js';
import { loopbackHttp, loopbackRpcUrl } from './loopbackHttp.js';

let devnet: TestDevnet;
/** A node that answers as it is told by the path: `/status/<n>`, `/garbage`, `/silent`, `/drop-ids`. */
let server: Server;
let serverUrl: string;
const bodies: unknown[] = [];

beforeAll(async () => {
  devnet = await startTestDevnet();
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text) as { id: number; method: string } | { id: number; method: string }[];
      bodies.push(body);
      const status = /\/status\/(\d+)/.exec(request.url ?? '')?.[1];
      if (status) return void response.writeHead(Number(status)).end('bad gateway');
      if (request.url === '/garbage') return void response.writeHead(200).end('<html>not json</html>');
      if (request.url === '/silent') return;
      const answer = (call: { id: number; method: string }) =>
        call.method === 'eth_chainId' ? { jsonrpc: '2.0', id: call.id, result: '0x7a69' } : { jsonrpc: '2.0', id: call.id, error: { code: -32601, message: `no ${call.method}` } };
      const answers = Array.isArray(body) ? body.map(answer) : answer(body);
      const sent = request.url === '/drop-ids' && Array.isArray(answers) ? answers.slice(1) : answers;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sent));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await devnet?.stop();
});

describe('loopbackRpcUrl', () => {
  test('default: plain http to this machine only', () => {
    expect(['http://127.0.0.1:8545', 'http://localhost:8545/', 'http://[::1]:8545'].map(loopbackRpcUrl)).toEqual([true, true, true]);
    expect(['https://127.0.0.1:8545', 'http://10.0.0.1:8545', 'http://user:pw@127.0.0.1:8545', 'https://eth.example/v2/KEY', 'not a url'].map(loopbackRpcUrl)).toEqual([false, false, false, false, false]);
  });
});

describe('loopbackHttp', () => {
  test('default: the devnet answers through it as through viem http (the session\'s client uses it)', async () => {
    const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl, batch: true });
    const counter = countRequests();
    try {
      const [chainId, balance, block] = await Promise.all([publicClient.getChainId(), publicClient.getBalance({ address: DEVNET_ACCOUNT_ADDRESS }), publicClient.getBlockNumber({ cacheTime: 0 })]);
      expect(chainId).toBe(31337);
      expect(balance).toBeGreaterThan(0n);
      expect(block).toBeGreaterThanOrEqual(0n);
      // Made in one tick with batch: one HTTP round trip, counted like fetch's.
      expect(counter.take()).toMatchObject({ roundTrips: 1, calls: 3 });
    } finally {
      counter.restore();
    }
  });

  test('behavior: in a batch each request gets its own answer or error; without batch, one round trip each', async () => {
    for (const batch of [true, false]) {
      bodies.length = 0;
      const client = createPublicClient({ chain: devnetChain, transport: loopbackHttp(serverUrl, { batch }) });
      const [chainId, failed] = await Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 }).catch((error: unknown) => error)]);
      expect(chainId).toBe(31337);
      expect((failed as Error).message).toContain('no eth_blockNumber');
      expect(bodies.length).toBe(batch ? 1 : 2);
    }
  });

  describe('errors', () => {
    test('HTTP 502, an answer that is not JSON, a batch answer without one of its ids: infrastructure errors naming the host only', async () => {
      for (const [path, code] of [['/status/502/KEY', 'RPC_UNREACHABLE'], ['/status/401/KEY', 'RPC_HTTP_ERROR'], ['/garbage', 'RPC_UNREACHABLE']] as const) {
        const { publicClient } = createClients({ rpcUrl: `${serverUrl}${path}`, timeoutMs: 2_000 });
        const error = await publicClient.getChainId().catch((e: unknown) => e);
        expect(findLucidError(error)?.code, path).toBe(code);
        expect(findLucidError(error)?.shortMessage).not.toContain('KEY');
      }
      const { publicClient } = createClients({ rpcUrl: `${serverUrl}/drop-ids`, batch: true });
      const [first, second] = await Promise.all([publicClient.getBlockNumber({ cacheTime: 0 }).catch((e: unknown) => e), publicClient.getChainId()]);
      // The node left out the answer to the first request of the batch: that one fails, the other has its own.
      expect(findLucidError(first)?.code).toBe('RPC_UNREACHABLE');
      expect(second).toBe(31337);
    });

    test('a node that never answers times out after one attempt with RPC_UNREACHABLE', async () => {
      bodies.length = 0;
      const { publicClient } = createClients({ rpcUrl: `${serverUrl}/silent`, timeoutMs: 300 });
      const started = Date.now();
      const error = await publicClient.getChainId().catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(findLucidError(error)?.code).toBe('RPC_UNREACHABLE');
      expect(findLucidError(error)?.details).toBe('The request timed out.');
      expect(bodies.length).toBe(1);
    });
  });
});
