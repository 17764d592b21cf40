/**
 * No byte an agent, RPC, contract or LLM chose can rewrite the user's terminal: a hostile HTTP agent's error
 * with ESC sequences, C1 controls and bidi overrides is printed by the CLI's own error path (text and --json)
 * with those characters made visible, and the only escape sequences on the wire are Lucid's colours.
 */
import { createServer, type Server } from 'node:http';
import { parseEther } from 'viem';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHttpAgent } from '../../agents/index.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../kernel/index.js';
import { captureOutput } from './captureOutput.js';
import { reportError } from './main.js';
import { paint, say, writeData, writeJson } from './output.js';

const hostile = 'rejected \u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202egnp.exe\u202c \u2066x\u2069 \u200f\u061c done';
const forbidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
let server: Server;
let endpoint: string;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const intent = { action: 'transfer', token: ETH, amount: { kind: 'exact', value: parseEther('1') }, to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' } as ResolvedIntent;
const ctx = { chainId: 31337, account: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', client: undefined, contracts: {}, now: 1n, tokens: [ETH] } as unknown as AgentContext;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(422, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'NO_ROUTE', message: hostile, hints: [`try ${hostile}`] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function capture(isTTY: boolean, body: () => void): { stdout: string; stderr: string } {
  const output = captureOutput({ isTTY });
  const saved = process.env.NO_COLOR;
  delete process.env.NO_COLOR;
  try {
    body();
  } finally {
    output.release();
    if (saved !== undefined) process.env.NO_COLOR = saved;
  }
  return { stdout: output.stdout, stderr: output.stderr };
}

test('behavior: a hostile agent’s error reaches stderr and --json with its control and bidi characters made visible', async () => {
  const agent = createHttpAgent({ id: 'hostile', endpoint, actions: ['transfer'], chains: [31337] });
  const error = await agent.plan(ctx, intent).catch((e: unknown) => e);
  for (const json of [false, true]) {
    const { stdout, stderr } = capture(true, () => reportError(error, json));
    // Colours on a TTY are Lucid's own SGR sequences; nothing else of the control range survives.
    const withoutOwnColours = stderr.replace(/\u001b\[(?:0|1|2|31|32|33|36)m/g, '');
    expect(withoutOwnColours).not.toMatch(forbidden);
    expect(stdout.replace(/\n/g, '')).not.toMatch(forbidden);
    expect(stderr).toContain('\\u{1b}[2J');
    expect(stderr).toContain('\\u{202e}gnp.exe');
    if (json) {
      const envelope = JSON.parse(stdout).error;
      expect(envelope.message).toContain('\\u{9b}31m');
      expect(envelope.hints[0]).toContain('\\u{2066}x\\u{2069}');
    }
  }
});

test('behavior: data, progress and JSON from outside are neutralised too, while Lucid’s own colours pass', () => {
  const { stdout, stderr } = capture(true, () => {
    writeData(`symbol ${hostile}`);
    say(paint(`agent says ${hostile}`, 'red'));
    writeJson({ summary: hostile, nested: [{ [hostile]: hostile }] });
  });
  expect(stderr.startsWith('\u001b[31magent says')).toBe(true);
  expect(stderr.replace(/\u001b\[(?:0|31)m/g, '')).not.toMatch(forbidden);
  expect(stdout.replace(/\n/g, '')).not.toMatch(forbidden);
  expect(JSON.parse(stdout.slice(stdout.indexOf('\n{') + 1)).summary).toContain('\\u{1b}[2J');
});
