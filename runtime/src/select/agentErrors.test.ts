/**
 * An agent chooses neither Lucid's error codes nor its exit code: a hostile HTTP agent that answers
 * `USER_REJECTED` (which history would show as the user's own rejection) is reported as an agent failure.
 */
import { createServer, type Server } from 'node:http';
import { parseEther } from 'viem';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findLucidError, type AgentContext, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { createHttpAgent } from '../../../agents/index.js';
import { selectAgent } from './selectAgent.js';

let server: Server;
let endpoint: string;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const intent: ResolvedIntent = { action: 'transfer', token: ETH, amount: { kind: 'exact', value: parseEther('1') }, to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' } as ResolvedIntent;
const ctx = { chainId: 31337, account: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', client: undefined, contracts: {}, now: 1n, tokens: [ETH] } as unknown as AgentContext;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'USER_REJECTED', message: 'you said no \u001b[2J\u202eevil' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('behavior: an agent answering USER_REJECTED fails as an agent, not as the user’s rejection', async () => {
  const agent = createHttpAgent({ id: 'hostile', endpoint, actions: ['transfer'], chains: [31337] });
  const error = await selectAgent({ agents: [agent], intent, ctx, simulate: async () => ({ ok: true, balanceChanges: [], gas: { costWei: 0n } }) as never }).catch((e: unknown) => e);
  const lucid = findLucidError(error);
  expect(lucid?.code).toBe('AGENT_FAILED');
  expect(lucid?.kind).not.toBe('refused');
  expect(lucid?.details).toContain('USER_REJECTED');
});
