import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { erc20Abi, parseEther, parseUnits } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InfraError, InputError, type AgentContext, type ResolvedIntent, type TokenInfo } from '../../kernel/index.js';
import { uniswapV2Agent } from '../swap/agent.js';
import { createHttpAgent, serveAgent, type ServeAgentReturnType } from './http.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from './testing.js';
import { planJsonSchemaText, planSchemaPath } from './writePlanSchema.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let served: ServeAgentReturnType;
let usdc: TokenInfo;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const swapIntent = (): ResolvedIntent => ({ action: 'swap', token: ETH, tokenOut: usdc, amount: { kind: 'exact', value: parseEther('1') }, slippageBps: 50 });

// A hostile or broken external agent: answers whatever `reply` says.
async function fakeAgent(reply: (body: string) => { status: number; body: string; delayMs?: number }): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const answer = reply(body);
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  usdc = { ...devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!, verified: true };
  served = await serveAgent(uniswapV2Agent, { rpcUrl: devnet.rpcUrl });
});
afterAll(async () => {
  await served?.close();
  await devnet?.stop();
});

describe('plan.schema.json', () => {
  test('matches the zod wire schemas (run `npx tsx agents/sdk/writePlanSchema.ts` after changing them)', () => {
    expect(readFileSync(planSchemaPath, 'utf8')).toBe(planJsonSchemaText());
  });
});

describe('serveAgent + createHttpAgent', () => {
  test('default: a served swap agent plans over HTTP and the plan executes on the devnet', async () => {
    const health = await (await fetch(`${served.url}/health`)).json();
    expect(health).toMatchObject({ id: 'uniswap-v2', actions: ['swap'], chains: [] });

    const remote = createHttpAgent({ id: 'uniswap-v2', endpoint: served.url, actions: ['swap'], chains: [31337], timeoutMs: 5_000 });
    expect(remote.params.safeParse(swapIntent()).success).toBe(true);
    const [viaHttp, local] = await Promise.all([remote.plan(ctx, swapIntent()), uniswapV2Agent.plan(ctx, swapIntent())]);
    expect(viaHttp).toEqual(local);
    expect(typeof viaHttp.calls[0]!.value).toBe('bigint');

    const before = await ctx.client.readContract({ address: usdc.address as `0x${string}`, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
    await executePlan(devnet.rpcUrl, viaHttp);
    const after = await ctx.client.readContract({ address: usdc.address as `0x${string}`, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
    expect(after - before).toBe(viaHttp.quote!.amountOut);
  });

  test('behavior: the agent’s own refusal comes back as an InputError with its code', async () => {
    const remote = createHttpAgent({ id: 'uniswap-v2', endpoint: served.url, actions: ['swap'] });
    const intent: ResolvedIntent = { ...swapIntent(), amount: undefined, amountOut: parseUnits('900000', 6) };
    const error = await remote.plan(ctx, intent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('NO_ROUTE');
  });

  test('server: bad JSON, bad body, wrong chain, unknown path and an oversized body are 4xx with a message', async () => {
    const post = (body: string) => fetch(`${served.url}/plan`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const badJson = await post('{not json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: { code: 'BAD_JSON', message: 'the request body is not JSON' } });
    const badBody = await post(JSON.stringify({ intent: { action: 'swap' }, context: {} }));
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    const context = { chainId: 1, account: ctx.account, contracts: ctx.contracts, now: '1' };
    const wrongChain = await post(JSON.stringify({ intent: { action: 'swap', slippageBps: 50 }, context }));
    expect(((await wrongChain.json()) as { error: { code: string } }).error.code).toBe('WRONG_CHAIN');
    expect((await fetch(`${served.url}/nope`)).status).toBe(404);
    const huge = await post(JSON.stringify({ padding: 'x'.repeat(300 * 1024) })).catch(() => undefined);
    expect(huge?.status).toBe(413);
  });
});

describe('createHttpAgent errors', () => {
  test('AGENT_BAD_PLAN: a malformed plan is rejected, never executed', async () => {
    const { url, server } = await fakeAgent(() => ({
      status: 200,
      body: JSON.stringify({ agentId: 'evil', summary: 'x', calls: [{ to: 'not-an-address', data: '0x', value: 1, description: 'x' }], expects: [] }),
    }));
    try {
      const remote = createHttpAgent({ id: 'evil', endpoint: url, actions: ['swap'] });
      const error = await remote.plan(ctx, swapIntent()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('AGENT_BAD_PLAN');
      expect((error as InputError).shortMessage).toMatch(/^agent "evil" answered an invalid plan: calls\.0\.to/);
    } finally {
      server.close();
    }
  });

  test('AGENT_BAD_PLAN: not JSON, and a plan signed by another agent id', async () => {
    const { url, server } = await fakeAgent(() => ({ status: 200, body: '<html>' }));
    const other = await fakeAgent(() => ({ status: 200, body: JSON.stringify({ agentId: 'someone-else', summary: 'x', calls: [], expects: [] }) }));
    try {
      await expect(createHttpAgent({ id: 'a1', endpoint: url, actions: ['swap'] }).plan(ctx, swapIntent())).rejects.toMatchObject({ code: 'AGENT_BAD_PLAN' });
      await expect(createHttpAgent({ id: 'a1', endpoint: other.url, actions: ['swap'] }).plan(ctx, swapIntent())).rejects.toMatchObject({
        code: 'AGENT_BAD_PLAN',
      });
    } finally {
      server.close();
      other.server.close();
    }
  });

  test('AGENT_TIMEOUT and AGENT_UNREACHABLE are InfraErrors', async () => {
    const { url, server } = await fakeAgent(() => ({ status: 200, body: '{}', delayMs: 2_000 }));
    try {
      const error = await createHttpAgent({ id: 'slow', endpoint: url, actions: ['swap'], timeoutMs: 200 }).plan(ctx, swapIntent()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InfraError);
      expect((error as InfraError).code).toBe('AGENT_TIMEOUT');
    } finally {
      server.closeAllConnections();
      server.close();
    }
    const down = await createHttpAgent({ id: 'down', endpoint: 'http://127.0.0.1:1', actions: ['swap'] }).plan(ctx, swapIntent()).catch((e: unknown) => e);
    expect((down as InfraError).code).toBe('AGENT_UNREACHABLE');
  });
});
