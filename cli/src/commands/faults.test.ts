/**
 * Infrastructure faults, through the real binary: an RPC that refuses connections and one that accepts
 * and never answers. Each must end with a clear one-line reason and exit 4, promptly (no retry storm,
 * no hang), with nothing signed and no stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnLucid } from '../test-utils/spawn.js';

let home: string;
let silent: Server;
let silentPort: number;
let connections = 0;

const lucid = (args: string[]) => spawnLucid(args, { home, entry: 'bin', env: { OPENAI_API_KEY: '', LUCID_MODEL: '' } });

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lucid-faults-'));
  // Accepts connections and reads requests, but never answers: a stuck RPC.
  silent = createServer((socket) => {
    connections++;
    socket.on('data', () => {});
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => silent.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

test('errors: an RPC that refuses connections exits 4 at once with the reason, no stack trace', async () => {
  // Port 1 is privileged and unused: a freed ephemeral port could be taken by another test's anvil meanwhile.
  const result = await lucid(['--yes', '--json', '--rpc-url', 'http://127.0.0.1:1', 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8']);
  expect(result.code).toBe(4);
  expect(JSON.parse(result.stdout).error.code).toBe('RPC_UNREACHABLE');
  expect(result.stderr).toMatch(/127\.0\.0\.1/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.ms).toBeLessThan(10_000);
});

test('errors: an RPC that never answers times out with exit 4 instead of hanging, after one attempt', async () => {
  connections = 0;
  const result = await lucid(['--yes', '--json', '--rpc-url', `http://127.0.0.1:${silentPort}`, 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8']);
  expect(result.code).toBe(4);
  expect(JSON.parse(result.stdout).error.code).toBe('RPC_UNREACHABLE');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  // one request, bounded by the RPC timeout: no retry storm
  expect(connections).toBeLessThanOrEqual(2);
  expect(result.ms).toBeLessThan(20_000);
}, 30_000);
