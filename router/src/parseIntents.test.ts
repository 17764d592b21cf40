import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { InputError, type LucidError } from '../../kernel/index.js';
import type { LlmConfig } from './llm/index.js';
import { startOpenAiServer, type OpenAiTestServer } from './llm/testing/openaiServer.js';
import { parseIntents } from './parseIntents.js';

// Words the grammar reads, and words it does not (a chatty request the LLM can still restate).
const plain = 'swap 1 ETH for USDC';
const chatty = 'hey there, could you be a dear and let my 1 ETH blossom into lovely USDC?';
const swapAnswer = { kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } } as const;

let server: OpenAiTestServer;
let llm: LlmConfig;

beforeAll(async () => {
  server = await startOpenAiServer();
  llm = { baseUrl: server.baseUrl, model: 'test-model', timeoutMs: 30_000 };
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

async function rejection(promise: Promise<unknown>): Promise<LucidError> {
  try {
    await promise;
  } catch (error) {
    return error as LucidError;
  }
  throw new Error('expected a rejection');
}

describe('parseIntents', () => {
  test('parser: grammar', async () => {
    const result = await parseIntents(plain, { parser: 'grammar', llm });
    expect(result).toEqual({ parser: 'grammar', grounding: 'words', intents: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } });
    expect(server.requests).toHaveLength(0);
  });

  test('parser: grammar never falls back to the LLM', async () => {
    const error = await rejection(parseIntents(chatty, { parser: 'grammar', llm }));
    expect(error.code).toBe('UNPARSEABLE_INTENT');
    expect(server.requests).toHaveLength(0);
  });

  test('parser: llm', async () => {
    server.enqueue(swapAnswer);
    const result = await parseIntents(plain, { parser: 'llm', llm });
    // The grammar reads the same words the same way, so the reading rests on every word.
    expect(result).toEqual({ parser: 'llm', grounding: 'words', intents: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } });
    expect(server.requests).toHaveLength(1);
  });

  test('parser: llm without a config → LLM_NOT_CONFIGURED naming the env vars', async () => {
    const error = await rejection(parseIntents(plain, { parser: 'llm' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('LLM_NOT_CONFIGURED');
    expect(error.hints.join(' ')).toContain('LUCID_MODEL');
    expect(error.hints.join(' ')).toContain('OPENAI_BASE_URL');
  });

  test('parser: auto uses the grammar and sends nothing to the LLM when the grammar reads the words', async () => {
    const result = await parseIntents(plain, { parser: 'auto', llm });
    expect(result.parser).toBe('grammar');
    expect(server.requests).toHaveLength(0);
  });

  test('parser: auto falls back to the LLM for words the grammar cannot read', async () => {
    server.enqueue(swapAnswer);
    const result = await parseIntents(chatty, { parser: 'auto', llm });
    expect(result).toEqual({ parser: 'llm', grounding: 'roles', intents: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.messages[1].content).toBe(chatty);
  });

  test('parser: auto without an LLM rethrows the grammar error', async () => {
    const error = await rejection(parseIntents(chatty, { parser: 'auto' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('UNPARSEABLE_INTENT');
    expect(error.shortMessage).not.toContain('LLM');
  });

  test('parser: auto with the LLM down gives the grammar error with a hint', async () => {
    server.enqueue({ kind: 'http', status: 503 });
    const error = await rejection(parseIntents(chatty, { parser: 'auto', llm }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('UNPARSEABLE_INTENT');
    expect(error.hints.at(-1)).toBe(`The LLM fallback failed too: The LLM at ${server.baseUrl} answered HTTP 503.`);
  });

  test('parser: auto keeps the LLM grounding error', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }] } });
    const error = await rejection(parseIntents(chatty, { parser: 'auto', llm }));
    expect(error.code).toBe('LLM_UNGROUNDED');
  });

  test('behavior: symbols reach the LLM', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'usdc' }] } });
    const error = await rejection(parseIntents(chatty, { parser: 'llm', llm, symbols: ['ETH', 'DAI'] }));
    expect(error.code).toBe('LLM_UNGROUNDED');
    expect(server.requests[0]!.body.messages[0].content).toContain('Known token symbols: ETH, DAI.');
  });
});
