/**
 * External agents over HTTP. {@link createHttpAgent} turns an endpoint into an {@link Agent} whose plan()
 * POSTs the intent and validates the answer; {@link serveAgent} exposes a local agent under the same
 * contract (`GET /health`, `POST /plan`, see ./plan.schema.json). The agent on the other side never
 * sees a key: it returns calls, and Lucid simulates, checks and signs them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, http, type PublicClient } from 'viem';
import * as z from 'zod';
import { InfraError, InputError, LucidError, type IntentAction, type Agent, type AgentContext, type Plan } from '../../kernel/index.js';
import { defineAgent } from './defineAgent.js';
import { resolvedIntentSchema } from './schemas.js';
import { healthResponseSchema, planRequestBody, planRequestSchema, planResponseSchema, toWireJson } from './wire.js';

/** Largest plan answer accepted from an external agent. */
const MAX_RESPONSE_BYTES = 1_000_000;

export type CreateHttpAgentParameters = {
  id: string;
  /** Base URL: `<endpoint>/plan` and `<endpoint>/health` are requested. */
  endpoint: string;
  actions: readonly IntentAction[];
  chains?: readonly number[] | undefined;
  description?: string | undefined;
  /** How long plan() waits for the answer. Default 10 s. */
  timeoutMs?: number | undefined;
};
export type CreateHttpAgentErrorType = InputError | InfraError;

/**
 * An agent that plans by asking an HTTP endpoint.
 *
 * plan() throws InfraError `AGENT_TIMEOUT` / `AGENT_UNREACHABLE` when the endpoint is slow or down,
 * InputError `AGENT_BAD_PLAN` when the answer is not a valid plan from this agent, and the agent's own
 * error (as an InputError with its code) when it refuses the intent. It never throws anything else.
 *
 * @example
 * const agent = createHttpAgent({ id: 'my-agent', endpoint: 'http://127.0.0.1:8787', actions: ['swap'], chains: [31337] })
 */
export function createHttpAgent({ id, endpoint, actions, chains = [], description, timeoutMs = 10_000 }: CreateHttpAgentParameters): Agent<typeof resolvedIntentSchema> {
  const base = endpoint.replace(/\/+$/, '');
  return defineAgent({
    id,
    description: description ?? `External agent at ${base}`,
    actions,
    chains,
    params: resolvedIntentSchema,
    async plan(ctx: AgentContext, intent): Promise<Plan> {
      let response: Response;
      try {
        response = await fetch(`${base}/plan`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: planRequestBody(ctx, intent),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw fetchError(id, base, timeoutMs, cause);
      }
      let text: string;
      try {
        text = await readLimited(response, MAX_RESPONSE_BYTES);
      } catch (cause) {
        if (cause instanceof LucidError) throw cause;
        throw fetchError(id, base, timeoutMs, cause);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new InputError('AGENT_BAD_PLAN', `agent "${id}" answered something that is not JSON (HTTP ${response.status})`);
      }
      if (!response.ok) throw agentRefusal(id, response.status, body);
      const parsed = planResponseSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError('AGENT_BAD_PLAN', `agent "${id}" answered an invalid plan: ${issue?.path.join('.') || 'plan'}: ${issue?.message ?? 'invalid'}`, {
          details: z.prettifyError(parsed.error),
        });
      }
      if (parsed.data.agentId !== id)
        throw new InputError('AGENT_BAD_PLAN', `agent "${id}" answered a plan signed as "${parsed.data.agentId}"`);
      return parsed.data;
    },
  });
}

export type ServeAgentParameters = {
  /** 0 (default) picks a free port. */
  port?: number | undefined;
  host?: string | undefined;
  /** The chain the agent reads through `ctx.client`. */
  rpcUrl: string;
  /** Largest request body accepted. Default 256 KiB. */
  maxBodyBytes?: number | undefined;
};
export type ServeAgentReturnType = { url: string; close: () => Promise<void> };

/**
 * Serves a local agent over HTTP under the external-agent contract, reading the chain at `rpcUrl`.
 * Requests for another chain than the RPC's are refused (400).
 *
 * @example
 * const server = await serveAgent(myAgent, { rpcUrl: 'http://127.0.0.1:8545', port: 8787 })
 * // … later
 * await server.close()
 */
export async function serveAgent(agent: Agent, { port = 0, host = '127.0.0.1', rpcUrl, maxBodyBytes = 256 * 1024 }: ServeAgentParameters): Promise<ServeAgentReturnType> {
  const client: PublicClient = createPublicClient({ transport: http(rpcUrl, { timeout: 30_000, retryCount: 0 }) });
  let chainId: number | undefined;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A LucidError is the agent refusing the intent; anything else is a bug in the agent.
      if (error instanceof LucidError) send(response, error.kind === 'input' || error.kind === 'refused' ? 422 : 502, error.toJSON());
      else send(response, 500, { error: { code: 'AGENT_CRASHED', message: `agent "${agent.id}" failed: ${errorMessage(error)}` } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      const health: z.input<typeof healthResponseSchema> = { id: agent.id, description: agent.description, actions: [...agent.actions], chains: [...agent.chains] };
      return send(response, 200, health);
    }
    if (path !== '/plan') return send(response, 404, { error: { code: 'NOT_FOUND', message: 'use GET /health or POST /plan' } });
    if (request.method !== 'POST') return send(response, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST /plan' } });

    const text = await readBody(request, maxBodyBytes);
    if (text === undefined) return send(response, 413, { error: { code: 'BODY_TOO_LARGE', message: `request body over ${maxBodyBytes} bytes` } });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(response, 400, { error: { code: 'BAD_JSON', message: 'the request body is not JSON' } });
    }
    const parsed = planRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return send(response, 400, { error: { code: 'BAD_REQUEST', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` } });
    }
    const { intent, context } = parsed.data;
    if (!agent.actions.includes(intent.action))
      return send(response, 400, { error: { code: 'ACTION_NOT_SERVED', message: `agent "${agent.id}" does not serve "${intent.action}"` } });
    chainId ??= await client.getChainId();
    if (context.chainId !== chainId)
      return send(response, 400, { error: { code: 'WRONG_CHAIN', message: `this server reads chain ${chainId}, not ${context.chainId}` } });
    const ctx: AgentContext = { ...context, client };
    if (agent.supports && !agent.supports(ctx))
      return send(response, 422, { error: { code: 'AGENT_UNSUPPORTED', message: `agent "${agent.id}" cannot run on chain ${context.chainId}` } });
    const plan = await agent.plan(ctx, intent);
    send(response, 200, plan);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => reject(new InfraError('AGENT_SERVE_FAILED', `cannot listen on ${host}:${port}: ${errorMessage(cause)}`, { cause })));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = toWireJson(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

// undefined when the body is over the limit; the rest of it is not read.
async function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// Reads the answer without trusting its size: a hostile agent could stream forever.
async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new InputError('AGENT_BAD_PLAN', `the agent's answer is over ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fetchError(id: string, base: string, timeoutMs: number, cause: unknown): InfraError {
  const name = (cause as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new InfraError('AGENT_TIMEOUT', `agent "${id}" did not answer within ${timeoutMs} ms`, { hints: [`check that ${base} is up`], cause });
  return new InfraError('AGENT_UNREACHABLE', `cannot reach agent "${id}" at ${base}: ${errorMessage(cause)}`, { cause });
}

// The agent said no (or failed): keep its code when it is a plain code, never its stack.
function agentRefusal(id: string, status: number, body: unknown): LucidError {
  const error = (body as { error?: { code?: unknown; message?: unknown; hints?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(error.code) ? error.code : 'AGENT_ERROR';
  const message = typeof error?.message === 'string' ? error.message.slice(0, 300) : `HTTP ${status}`;
  const hints = Array.isArray(error?.hints) ? error.hints.filter((hint): hint is string => typeof hint === 'string').slice(0, 5) : [];
  if (status >= 500) return new InfraError(code, `agent "${id}" failed: ${message}`, { hints });
  return new InputError(code, `agent "${id}": ${message}`, { hints });
}

function errorMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message.split('\n')[0] ?? 'error' : String(error);
}
