/**
 * What the user's words, an RPC, an agent or an LLM may NOT do, through the real binary: make history keep
 * a 100 KB row, make a secret reach a parser, the terminal or the database, or put control characters on
 * the user's screen. Needs `npm run build:ts` first (npm test does it).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const noLlm = { OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '' };
let home: string;
let llm: Server | undefined;
const lucid = (args: string[], env: Record<string, string> = {}) => spawnLucid(args, { home, entry: 'bin', env: { ...noLlm, ...env } });

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build:ts` before this test');
  home = mkdtempSync(join(tmpdir(), 'lucid-guards-'));
  const started = await lucid(['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  llm?.close();
  if (!home) return;
  await lucid(['devnet', 'stop']);
  rmSync(home, { recursive: true, force: true });
});

test('behavior: words that do not parse are kept in history bounded and marked truncated', async () => {
  const words = `send ${'lots of words that mean nothing '.repeat(3_000)}`;
  expect(words.length).toBeGreaterThan(90_000);
  const failed = await lucid(['--yes', '--json', words]);
  expect(failed.code).toBe(2);
  const history = await lucid(['history', '--json']);
  const [run] = JSON.parse(history.stdout).runs as { text: string; status: string; error?: { message: string } }[];
  expect(run?.status).toBe('failed');
  expect(run!.text.length).toBeLessThanOrEqual(600);
  expect(run!.text).toMatch(/truncated: \d+ characters/);
  expect(run!.text.startsWith('send lots of words')).toBe(true);
  expect((run!.error?.message ?? '').length).toBeLessThanOrEqual(1_100);
});

/** An OpenAI-compatible endpoint that records every request body and answers with an error. */
async function recordingLlm(): Promise<{ baseUrl: string; bodies: string[] }> {
  const bodies: string[] = [];
  llm = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(`${req.url} ${body}`);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
    });
  });
  await new Promise<void>((resolve) => llm!.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(llm.address() as { port: number }).port}/v1`, bodies };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('behavior: a key or recovery phrase in the words is refused before the grammar or the LLM sees it, and never echoed or stored', async () => {
  const { baseUrl, bodies } = await recordingLlm();
  const withLlm = { OPENAI_BASE_URL: baseUrl, LUCID_MODEL: 'scripted', OPENAI_API_KEY: 'sk-scripted', LUCID_LLM_TIMEOUT_MS: '5000' };
  // The LLM is really reachable: words the grammar cannot read do go to it in auto mode.
  const control = await lucid(['--yes', '--json', '--parser', 'auto', 'please frobnicate my wallet somehow'], withLlm);
  expect(control.code).toBe(2);
  expect(bodies.length).toBeGreaterThan(0);
  bodies.length = 0;

  const key = '9c1e'.repeat(16);
  const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
  const attempts = [
    { words: `import my wallet with key 0x${key} please`, secret: key },
    { words: `use this key ${key} to send 1 ETH to bob`, secret: key },
    { words: `my phrase is ${phrase} then send 1 ETH to bob`, secret: 'sausage worth useful' },
    { words: `restore 1. ${phrase.split(' ').join(' 2. ')}`, secret: 'sausage' },
  ];
  for (const { words, secret } of attempts) {
    const result = await lucid(['--yes', '--json', '--parser', 'auto', words], withLlm);
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('SECRET_IN_INPUT');
    expect(result.stderr).toMatch(/looks like a (private key|recovery phrase)/);
    for (const text of [result.stdout, result.stderr]) expect(text.includes(secret), 'the secret was echoed').toBe(false);
  }
  const parsed = await lucid(['parse', '--json', '--parser', 'llm', attempts[2]!.words], withLlm);
  expect(parsed.code).toBe(2);
  expect(parsed.stdout.includes('sausage') || parsed.stderr.includes('sausage')).toBe(false);
  expect(bodies, 'the LLM received the words').toEqual([]);

  const history = await lucid(['history', '--json']);
  expect(history.code).toBe(0);
  for (const needle of [key, key.toUpperCase(), 'sausage worth useful', 'wave sausage']) {
    expect(history.stdout.includes(needle)).toBe(false);
    for (const path of filesUnder(home)) expect(readFileSync(path).includes(needle), `${path} holds the secret`).toBe(false);
  }
}, 240_000);

/** A JSON-RPC endpoint that answers every request with `answer(body)` → [status, body]. */
async function fakeRpc(answer: (request: { method?: string; id?: number }) => [number, unknown]): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      let parsed: { method?: string; id?: number } = {};
      try {
        parsed = JSON.parse(body);
      } catch {
        // not JSON: answer anyway
      }
      const [status, reply] = answer(parsed);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}

test('errors: an RPC answering 401/404/503 at a credentialed URL exits 4 and shows the URL without its key anywhere', async () => {
  for (const status of [401, 404, 503]) {
    const rpc = await fakeRpc(() => [status, { error: 'no' }]);
    try {
      const secretUrl = rpc.url.replace('http://', 'http://user:PASSWORDX@') + '/v3/SECRETKEY0123?apikey=QUERYSECRET';
      for (const args of [['--yes', '--json', '--rpc-url', secretUrl, 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8'], ['--yes', '--rpc-url', secretUrl, 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8']]) {
        const result = await lucid(args);
        expect(result.code, `HTTP ${status}: ${result.stderr}`).toBe(4);
        if (args.includes('--json')) expect(JSON.parse(result.stdout).error.code).toMatch(/^RPC_/);
        expect(result.stderr).toContain('127.0.0.1');
        for (const secret of ['SECRETKEY0123', 'QUERYSECRET', 'PASSWORDX']) expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
      }
    } finally {
      rpc.close();
    }
  }
  const history = await lucid(['history', '--json']);
  for (const path of filesUnder(home)) expect(readFileSync(path).includes('SECRETKEY0123'), path).toBe(false);
  expect(history.stdout).not.toContain('SECRETKEY0123');
}, 120_000);

test('errors: a malformed eth_chainId answer exits 4, not as a bug in Lucid', async () => {
  const rpc = await fakeRpc((request) => [200, { jsonrpc: '2.0', id: request.id ?? 1, result: 'banana' }]);
  try {
    const result = await lucid(['--yes', '--json', '--rpc-url', rpc.url, 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8']);
    expect(result.code, result.stderr).toBe(4);
    expect(JSON.parse(result.stdout).error.code).toBe('RPC_BAD_ANSWER');
  } finally {
    rpc.close();
  }
});

test('behavior: "send … then what’s my balance" is refused as a whole: nothing sent, nothing recorded as done', async () => {
  const to = '0x00000000000000000000000000000000000c0ffe';
  const result = await lucid(['--yes', '--json', `send 0.1 ETH to ${to} then what's my ETH balance`]);
  expect(result.code, result.stderr).toBe(2);
  expect(JSON.parse(result.stdout).error.code).toBe('MIXED_QUESTION_AND_TRANSACTION');
  const history = JSON.parse((await lucid(['history', '--json'])).stdout).runs as { text: string; status: string }[];
  const run = history.find((r) => r.text.includes(to));
  expect(run?.status).toBe('failed');
  const status = JSON.parse((await lucid(['devnet', 'status', '--json'])).stdout) as { rpcUrl: string };
  const balance = await fetch(status.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [to, 'latest'] }) });
  expect(((await balance.json()) as { result: string }).result).toBe('0x0');
});
