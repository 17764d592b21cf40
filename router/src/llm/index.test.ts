import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { InfraError, InputError, type LucidError } from '../../../kernel/index.js';
import { llmConfigFromEnv, parseWithLlm, type LlmConfig } from './index.js';
import { startOpenAiServer, type OpenAiTestServer } from './testing/openaiServer.js';

const apiKey = 'sk-test-0123456789abcdef';
let server: OpenAiTestServer;
let config: LlmConfig;

beforeAll(async () => {
  server = await startOpenAiServer();
  config = { baseUrl: server.baseUrl, apiKey, model: 'test-model-1', timeoutMs: 5_000 };
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

describe('parseWithLlm', () => {
  test('default: a swap answered by function call', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'eth', tokenOut: 'usdc' }] } });
    const result = await parseWithLlm('please trade one eth into usdc', config);
    expect(result).toEqual({ intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] });
  });

  test('behavior: sends the model, the schema as a forced function, the words, and the key only in Authorization', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } });
    await parseWithLlm('swap 1 ETH for USDC', config);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.body.model).toBe('test-model-1');
    expect(request!.body.tool_choice).toEqual({ type: 'function', function: { name: 'submit_intents' } });
    const fn = request!.body.tools[0].function;
    expect(fn.name).toBe('submit_intents');
    expect(fn.parameters.properties.intents.items.properties.action.enum).toContain('swap');
    expect(fn.parameters.properties.intents.items.additionalProperties).toBe(false);
    const messages = request!.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain('Known token symbols: ETH');
    expect(messages[1]!.content).toBe('swap 1 ETH for USDC');
    expect(request!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request!.rawBody).not.toContain(apiKey);
    const otherHeaders = Object.entries(request!.headers).filter(([name]) => name !== 'authorization');
    expect(JSON.stringify(otherHeaders)).not.toContain(apiKey);
    // No retries: a single attempt.
    expect(request!.headers['x-stainless-retry-count']).toBe('0');
  });

  test('behavior: a multi-step request with suffix amounts and an ENS recipient', async () => {
    server.enqueue({
      kind: 'toolCall',
      arguments: {
        intents: [
          { action: 'swap', amount: '1500', token: 'USDC', tokenOut: 'ETH', slippageBps: 50, amountOut: null },
          { action: 'transfer', amount: '25%', token: 'eth', to: 'Alice.eth' },
        ],
      },
    });
    const result = await parseWithLlm('sell 1.5k usdc for eth with 0.5% slippage, then send 25 percent of my eth to Alice.eth', config);
    expect(result.intents).toEqual([
      { action: 'swap', amount: '1500', token: 'USDC', tokenOut: 'ETH', slippageBps: 50 },
      { action: 'transfer', amount: '25%', token: 'ETH', to: 'Alice.eth' },
    ]);
  });

  test('behavior: a JSON answer in the message content is accepted (servers without function calling)', async () => {
    server.enqueue({ kind: 'content', content: '```json\n{"intents":[{"action":"wrap","amount":"0.5","token":"ETH"}]}\n```' });
    const result = await parseWithLlm('wrap half an eth', config);
    expect(result.intents).toEqual([{ action: 'wrap', amount: '0.5', token: 'ETH' }]);
  });

  test('behavior: no API key sends a placeholder', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'balance', token: 'DAI' }] } });
    const { apiKey: _, ...keyless } = config;
    await parseWithLlm('how much DAI do I have', keyless);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer not-needed');
  });

  describe('grounding', () => {
    test('an address the user did not type is rejected', async () => {
      server.enqueue({
        kind: 'toolCall',
        arguments: { intents: [{ action: 'transfer', amount: '5', token: 'USDC', to: '0x000000000000000000000000000000000000dEaD' }] },
      });
      const error = await rejection(parseWithLlm('send 5 USDC to bob', config));
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe('LLM_UNGROUNDED');
      expect(error.shortMessage).toMatchInlineSnapshot(
        `"The LLM answered to "0x000000000000000000000000000000000000dEaD" in step 1, an address that is not in your words."`,
      );
      expect(error.details).toBe('field: intents[0].to');
    });

    test('a hallucinated token is rejected', async () => {
      server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'PEPE' }] } });
      const error = await rejection(parseWithLlm('swap 1 ETH for the frog coin', config));
      expect(error.code).toBe('LLM_UNGROUNDED');
      expect(error.shortMessage).toMatchInlineSnapshot(
        `"The LLM answered tokenOut "PEPE" in step 1, which is not a known token symbol."`,
      );
    });

    test('a known token the user did not name is rejected', async () => {
      server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'DAI' }] } });
      const error = await rejection(parseWithLlm('swap 1 ETH for a stablecoin', config));
      expect(error.code).toBe('LLM_UNGROUNDED');
      expect(error.details).toBe('field: intents[0].tokenOut');
    });

    test('an amount the user did not write is rejected', async () => {
      server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '10', token: 'ETH', tokenOut: 'USDC' }] } });
      const error = await rejection(parseWithLlm('swap some ETH for USDC', config));
      expect(error.code).toBe('LLM_UNGROUNDED');
      expect(error.details).toBe('field: intents[0].amount');
    });
  });

  describe('errors', () => {
    test('malformed JSON in the function call → UNPARSEABLE_INTENT', async () => {
      server.enqueue({ kind: 'toolCall', arguments: '{"intents": [{"action": "swap",' });
      const error = await rejection(parseWithLlm('swap 1 ETH for USDC', config));
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe('UNPARSEABLE_INTENT');
      expect(error.shortMessage).toMatchInlineSnapshot(`"The LLM could not produce a valid intent: its answer was not valid JSON."`);
    });

    test('an answer that breaks the intent schema → UNPARSEABLE_INTENT naming the field', async () => {
      server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH' }] } });
      const error = await rejection(parseWithLlm('swap 1 ETH', config));
      expect(error.code).toBe('UNPARSEABLE_INTENT');
      expect(error.shortMessage).toBe('The LLM could not produce a valid intent: its answer did not match the intent schema.');
      expect(error.details).toContain('intents.0.tokenOut');
    });

    test('a refusal in prose → UNPARSEABLE_INTENT quoting it', async () => {
      server.enqueue({ kind: 'content', content: "I'm sorry, but I can't help with that." });
      const error = await rejection(parseWithLlm('drain the treasury', config));
      expect(error.code).toBe('UNPARSEABLE_INTENT');
      expect(error.shortMessage).toMatchInlineSnapshot(
        `"The LLM could not produce a valid intent: it answered "I'm sorry, but I can't help with that." instead of intents."`,
      );
    });

    test('a refusal field → UNPARSEABLE_INTENT', async () => {
      server.enqueue({ kind: 'refusal', refusal: "I can't help with that." });
      const error = await rejection(parseWithLlm('drain the treasury', config));
      expect(error.code).toBe('UNPARSEABLE_INTENT');
      expect(error.shortMessage).toBe('The LLM could not produce a valid intent: it declined to answer.');
    });

    test('an empty list → UNPARSEABLE_INTENT', async () => {
      server.enqueue({ kind: 'toolCall', arguments: { intents: [] } });
      const error = await rejection(parseWithLlm('what is the weather', config));
      expect(error.code).toBe('UNPARSEABLE_INTENT');
      expect(error.shortMessage).toBe('The LLM could not produce a valid intent: it found no request it could express.');
    });

    test('HTTP 500 → LLM_UNAVAILABLE with the base URL and without the key', async () => {
      server.enqueue({ kind: 'http', status: 500, message: `upstream exploded for key ${apiKey}` });
      const error = await rejection(parseWithLlm('swap 1 ETH for USDC', config));
      expect(error).toBeInstanceOf(InfraError);
      expect(error.code).toBe('LLM_UNAVAILABLE');
      expect(error.shortMessage).toBe(`The LLM at ${server.baseUrl} answered HTTP 500.`);
      expect(JSON.stringify(error.toJSON())).not.toContain(apiKey);
      expect(error.message).not.toContain(apiKey);
      expect(server.requests).toHaveLength(1);
    });

    test('HTTP 401 → LLM_UNAVAILABLE with a hint about the key', async () => {
      server.enqueue({ kind: 'http', status: 401, message: 'Incorrect API key provided' });
      const error = await rejection(parseWithLlm('swap 1 ETH for USDC', config));
      expect(error.code).toBe('LLM_UNAVAILABLE');
      expect(error.hints[0]).toBe('Check OPENAI_API_KEY.');
    });

    test('a server slower than the timeout → LLM_TIMEOUT within the timeout', async () => {
      server.enqueue({ kind: 'delay', ms: 5_000, then: { kind: 'toolCall', arguments: { intents: [] } } });
      const started = Date.now();
      const error = await rejection(parseWithLlm('swap 1 ETH for USDC', { ...config, timeoutMs: 400 }));
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(InfraError);
      expect(error.code).toBe('LLM_TIMEOUT');
      expect(error.shortMessage).toBe(`The LLM at ${server.baseUrl} did not answer within 400 ms.`);
      expect(elapsed).toBeGreaterThanOrEqual(390);
      expect(elapsed).toBeLessThan(400 + 750);
    });

    test('a server that is down → LLM_UNAVAILABLE naming the base URL', async () => {
      const port = await closedPort();
      const baseUrl = `http://127.0.0.1:${port}/v1`;
      const error = await rejection(parseWithLlm('swap 1 ETH for USDC', { ...config, baseUrl }));
      expect(error).toBeInstanceOf(InfraError);
      expect(error.code).toBe('LLM_UNAVAILABLE');
      expect(error.shortMessage).toBe(`Could not connect to the LLM at ${baseUrl}.`);
      expect(error.message).not.toContain(apiKey);
    });

    test('credentials in the base URL are not shown', async () => {
      const port = await closedPort();
      const error = await rejection(parseWithLlm('swap 1 ETH for USDC', { ...config, baseUrl: `http://user:hunter2@127.0.0.1:${port}/v1` }));
      expect(error.code).toBe('LLM_UNAVAILABLE');
      expect(error.message).not.toContain('hunter2');
    });
  });
});

describe('llmConfigFromEnv', () => {
  test('default: nothing configured → undefined', () => {
    expect(llmConfigFromEnv({})).toBeUndefined();
    expect(llmConfigFromEnv({ OPENAI_API_KEY: '  ', LUCID_MODEL: '' }, { llm: {} })).toBeUndefined();
  });

  test('behavior: a local server with a model and no key', () => {
    expect(llmConfigFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LUCID_MODEL: 'qwen2.5:7b' })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5:7b',
    });
  });

  test('behavior: a key alone means OpenAI with the default model', () => {
    expect(llmConfigFromEnv({ OPENAI_API_KEY: 'sk-x' })).toEqual({ apiKey: 'sk-x', model: 'gpt-4o-mini' });
  });

  test('behavior: the environment wins over the settings file', () => {
    const file = { llm: { model: 'file-model', baseUrl: 'http://file/v1', timeoutMs: 9_000 } };
    expect(llmConfigFromEnv({ LUCID_MODEL: 'env-model' }, file)).toEqual({
      model: 'env-model',
      baseUrl: 'http://file/v1',
      timeoutMs: 9_000,
    });
  });
});

/**
 * A port nothing listens on. Port 1 is privileged and unused; a freed ephemeral port could be taken by
 * another test's server (an anvil) between release and use.
 */
async function closedPort(): Promise<number> {
  return 1;
}
