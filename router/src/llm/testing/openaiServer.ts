/**
 * A scripted OpenAI-compatible chat server for tests: node:http on 127.0.0.1 with a free port, serving
 * `POST /v1/chat/completions` from a queue of scripted answers and recording every request, so tests drive
 * the real ChatOpenAI client over real HTTP and can assert what it sent.
 *
 * Not used at run time; it lives under `testing/` and is only imported by tests.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedAnswer =
  /** A function-calling answer; `arguments` is JSON-encoded unless it already is a string (to send malformed JSON). */
  | { kind: 'toolCall'; arguments: unknown; name?: string }
  /** A plain assistant message (a JSON answer in content, or prose). */
  | { kind: 'content'; content: string }
  /** The OpenAI refusal field, as structured-output models send it. */
  | { kind: 'refusal'; refusal: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'http'; status: number; message?: string }
  /** Waits, then answers (or never answers if the client gives up first). */
  | { kind: 'delay'; ms: number; then: ScriptedAnswer };

export type RecordedRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: any;
};

export type OpenAiTestServer = {
  /** Base URL to give the client, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  enqueue: (...answers: ScriptedAnswer[]) => void;
  /** Answers not yet served. */
  pending: () => number;
  close: () => Promise<void>;
};

export async function startOpenAiServer(): Promise<OpenAiTestServer> {
  const queue: ScriptedAnswer[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        return sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      }
      const answer = queue.shift();
      if (!answer) return sendJson(res, 500, { error: { message: 'test server: no scripted answer left', type: 'server_error' } });
      serve(answer, body, res);
    });
  });

  function serve(answer: ScriptedAnswer, body: any, res: ServerResponse): void {
    if (answer.kind === 'delay') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) serve(answer.then, body, res);
      }, answer.ms);
      timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return;
    }
    if (answer.kind === 'http') {
      return sendJson(res, answer.status, { error: { message: answer.message ?? `scripted HTTP ${answer.status}`, type: 'server_error' } });
    }
    const model = typeof body?.model === 'string' ? body.model : 'test-model';
    let message: Record<string, unknown>;
    let finishReason = 'stop';
    if (answer.kind === 'toolCall') {
      const name = answer.name ?? body?.tool_choice?.function?.name ?? body?.tools?.[0]?.function?.name ?? 'extract';
      const args = typeof answer.arguments === 'string' ? answer.arguments : JSON.stringify(answer.arguments);
      message = {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: `call_${requests.length}`, type: 'function', function: { name, arguments: args } }],
      };
      finishReason = 'tool_calls';
    } else if (answer.kind === 'content') {
      message = { role: 'assistant', content: answer.content };
    } else {
      message = { role: 'assistant', content: null, refusal: answer.refusal };
    }
    sendJson(res, 200, {
      id: `chatcmpl-test-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    pending: () => queue.length,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
