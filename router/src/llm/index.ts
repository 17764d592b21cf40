/**
 * The opt-in LLM intent parser: any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp)
 * through LangChain's ChatOpenAI with structured output, asked to fill the same intent schema the grammar
 * fills. Its answer is then validated by `intentListSchema` and grounded in the user's words
 * (./grounding.ts): the model only ever restates; it never supplies calldata, addresses, tokens or amounts.
 *
 * `@langchain/openai` is loaded with a dynamic `import()` on first use, so nothing pays for LangChain unless
 * this path runs.
 */
import * as z from 'zod';
import type { ChatOpenAI } from '@langchain/openai';
import { InfraError, InputError, LucidError, knownSymbols, intentListSchema, type IntentList } from '../../../kernel/index.js';
import { groundIntents } from './grounding.js';
import { submitFunctionName, systemPrompt } from './prompt.js';
import { screenWords } from './screen.js';

export type LlmConfig = {
  /** OpenAI-compatible base URL, ending in /v1 (default https://api.openai.com/v1). */
  baseUrl?: string;
  /** Sent only as the Authorization header; local servers usually need none. */
  apiKey?: string;
  model: string;
  /** Whole-request deadline; default 20 000 ms. */
  timeoutMs?: number;
  /** Symbols the model may answer with; default every token-list symbol. */
  symbols?: readonly string[];
};

/** The `llm` section of the settings file, if any. */
export type LlmFileSettings = {
  llm?: { baseUrl?: string; apiKey?: string; model?: string; timeoutMs?: number };
};

export type ParseWithLlmErrorType = InputError | InfraError;

export const defaultLlmBaseUrl = 'https://api.openai.com/v1';
export const defaultLlmModel = 'gpt-4o-mini';
export const defaultLlmTimeoutMs = 20_000;
/** The env vars that configure the LLM, for hints. */
export const llmEnvVars = ['LUCID_MODEL', 'OPENAI_API_KEY', 'OPENAI_BASE_URL'] as const;

/**
 * The LLM configuration from the environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `LUCID_MODEL`), over the
 * settings file's `llm` section. Environment values win; empty values count as unset.
 *
 * @returns {@link LlmConfig}, or undefined when neither source configures anything. The model defaults to
 * `gpt-4o-mini` when only a key or a base URL is given.
 *
 * @example
 * llmConfigFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LUCID_MODEL: 'qwen2.5:7b' })
 * // { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b' }
 */
export function llmConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  file?: LlmFileSettings,
): LlmConfig | undefined {
  const pick = (fromEnv: string | undefined, fromFile: string | undefined) => nonEmpty(fromEnv) ?? nonEmpty(fromFile);
  const baseUrl = pick(env.OPENAI_BASE_URL, file?.llm?.baseUrl);
  const apiKey = pick(env.OPENAI_API_KEY, file?.llm?.apiKey);
  const model = pick(env.LUCID_MODEL, file?.llm?.model);
  if (baseUrl === undefined && apiKey === undefined && model === undefined) return undefined;
  const timeoutMs = file?.llm?.timeoutMs;
  return {
    model: model ?? defaultLlmModel,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

/**
 * Parses words into intents with an LLM. The answer must pass `intentListSchema` and be grounded in `text`.
 *
 * @param text the user's words.
 * @param config endpoint, model, deadline and the symbols the model may use.
 * @returns {@link IntentList}
 * @throws InputError `UNSUPPORTED_INTENT` or `AMBIGUOUS_INTENT` (words that must not become a step: a negation, a condition, a
 * schedule…; the model is not asked), `UNPARSEABLE_INTENT` (no valid intent: malformed JSON, schema
 * mismatch, refusal or an empty list), `LLM_UNGROUNDED` (a value not in the words in its role), `INVALID_LLM_CONFIG`; InfraError `LLM_TIMEOUT`,
 * `LLM_UNAVAILABLE` (connection or HTTP error; the message names the base URL, never the key).
 *
 * @example
 * const { intents } = await parseWithLlm('swap 1 ETH for USDC', { model: 'gpt-4o-mini', apiKey })
 * // [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }]
 */
export async function parseWithLlm(text: string, config: LlmConfig): Promise<IntentList> {
  const baseUrl = config.baseUrl ?? defaultLlmBaseUrl;
  const where = displayUrl(baseUrl);
  const timeoutMs = config.timeoutMs ?? defaultLlmTimeoutMs;
  if (!config.model.trim()) throw new InputError('INVALID_LLM_CONFIG', 'The LLM model name is empty.', { hints: ['Set LUCID_MODEL.'] });
  if (!where) throw new InputError('INVALID_LLM_CONFIG', 'The LLM base URL is not an http(s) URL.', { hints: ['Set OPENAI_BASE_URL to something like http://127.0.0.1:11434/v1.'] });
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new InputError('INVALID_LLM_CONFIG', `The LLM timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
  const symbols = config.symbols ?? knownSymbols();
  // What the words refuse (a negation, a condition, a schedule…) no model may turn into a step.
  const screened = screenWords(text);
  const redact = (message: string) => (config.apiKey ? message.split(config.apiKey).join('***') : message);

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError(where, timeoutMs));
    }, timeoutMs);
  });

  let answer: StructuredAnswer;
  try {
    answer = await Promise.race([ask(text, config, baseUrl, timeoutMs, symbols, controller.signal), deadline]);
  } catch (error) {
    throw classify(error, where, timeoutMs, redact);
  } finally {
    clearTimeout(timer);
  }

  const grounded = groundIntents({ text, intents: validate(answer), symbols });
  // Words that only ask to look are a preview whatever the model said.
  return screened.preview ? { ...grounded, preview: true } : grounded;
}

type StructuredAnswer = {
  raw: { content?: unknown; tool_calls?: { args: unknown }[]; invalid_tool_calls?: { args?: unknown; error?: unknown }[] };
  parsed: unknown;
};

async function ask(
  text: string,
  config: LlmConfig,
  baseUrl: string,
  timeoutMs: number,
  symbols: readonly string[],
  signal: AbortSignal,
): Promise<StructuredAnswer> {
  const { ChatOpenAI } = await loadLangChain();
  const model: ChatOpenAI = new ChatOpenAI({
    model: config.model,
    // OpenAI-compatible local servers need no key, but the client insists on one.
    apiKey: config.apiKey ?? 'not-needed',
    configuration: { baseURL: baseUrl },
    temperature: 0,
    // One attempt: a retry storm against a slow or down server helps nobody; the user can run it again.
    maxRetries: 0,
    timeout: timeoutMs,
  });
  // Function calling is the structured-output method every OpenAI-compatible server supports.
  const structured = model.withStructuredOutput(modelSchema(), {
    name: submitFunctionName,
    method: 'functionCalling',
    includeRaw: true,
  });
  return withoutToolCallWarning(() =>
    structured.invoke(
      [
        { role: 'system', content: systemPrompt(symbols) },
        { role: 'user', content: text },
      ],
      { signal },
    ),
  ) as Promise<StructuredAnswer>;
}

/** The model's answer, checked against the real intent schema. */
function validate(answer: StructuredAnswer): IntentList {
  const value = answer.parsed ?? fromContent(answer.raw.content);
  if (value === undefined || value === null) {
    const invalid = answer.raw.invalid_tool_calls?.[0];
    if (invalid) throw unparseable('its answer was not valid JSON');
    const said = contentText(answer.raw.content);
    throw unparseable(said ? `it answered ${quote(said)} instead of intents` : 'it declined to answer');
  }
  const cleaned = normalise(value);
  if (isObject(cleaned) && Array.isArray(cleaned.intents) && cleaned.intents.length === 0)
    throw unparseable('it found no request it could express');
  const result = intentListSchema.safeParse(cleaned);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw unparseable(`its answer did not match the intent schema`, issues.join('; '));
  }
  return result.data;
}

/**
 * The schema the model is asked to fill: the JSON-schema form of `intentListSchema` (zod drops the
 * cross-field refinements; `intentListSchema` re-checks them after), with two changes. The list may be
 * empty, which is how the model says it cannot express the request (instead of inventing a step), and string
 * `pattern`s are dropped: constrained decoders (llama.cpp, vLLM) reject `\p{L}`-style patterns, and the
 * formats are in the descriptions and re-checked by zod anyway.
 */
function modelSchema(): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(intentListSchema) as Record<string, unknown>;
  const stripped = stripKeys(schema, 'pattern') as Record<string, unknown>;
  const intents = (stripped.properties as Record<string, Record<string, unknown>>).intents!;
  delete intents.minItems;
  return {
    ...stripped,
    title: submitFunctionName,
    description: 'Submit the steps the user asked for, in order; an empty list when the request cannot be expressed.',
  };
}

function stripKeys(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => stripKeys(item, key));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key).map(([k, v]) => [k, stripKeys(v, key)]));
}

/**
 * Small models often send `null` for a field that does not apply, or a number for an amount. Both are
 * unambiguous, so they are mended here; everything else is left for the schema to judge.
 */
function normalise(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value.intents)) return value;
  const top = Object.fromEntries(Object.entries(value).filter(([key, field]) => key === 'intents' || (field !== null && !(Array.isArray(field) && field.length === 0) && field !== false)));
  return {
    ...top,
    intents: value.intents.map((intent) => {
      if (!isObject(intent)) return intent;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(intent)) {
        if (field === null) continue;
        if ((key === 'amount' || key === 'amountOut') && typeof field === 'number' && Number.isFinite(field) && !/e/i.test(String(field)))
          out[key] = String(field);
        else out[key] = field;
      }
      return out;
    }),
  };
}

/** Servers without function calling may answer with the JSON in the message content instead. */
function fromContent(content: unknown): unknown {
  const text = contentText(content);
  if (!text) return undefined;
  const json = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(text)?.[1] ?? text;
  if (!json.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    if (isObject(value) && 'intents' in value) return value;
  } catch {
    throw unparseable('its answer was not valid JSON');
  }
  return undefined;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content.trim();
  if (Array.isArray(content))
    return content
      .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
      .join('')
      .trim();
  return '';
}

function unparseable(why: string, details?: string): InputError {
  return new InputError('UNPARSEABLE_INTENT', `The LLM could not produce a valid intent: ${why}.`, {
    hints: ['Rephrase as a single clear request, for example: swap 1 ETH for USDC', 'Or use --parser grammar.'],
    details,
  });
}

function timeoutError(where: string, timeoutMs: number): InfraError {
  return new InfraError('LLM_TIMEOUT', `The LLM at ${where} did not answer within ${timeoutMs} ms.`, {
    hints: ['Check that the server is running and the model is loaded, or raise the timeout.', 'Or use --parser grammar.'],
  });
}

/** Maps whatever the client threw to a Lucid error; unknown errors count as the endpoint failing. */
function classify(error: unknown, where: string, timeoutMs: number, redact: (message: string) => string): LucidError {
  if (error instanceof LucidError) return error;
  const e = (isObject(error) ? error : {}) as { name?: unknown; status?: unknown; message?: unknown; constructor?: { name?: string } };
  const name = String(e.name ?? '');
  const className = e.constructor?.name ?? '';
  const message = redact(typeof e.message === 'string' ? firstLine(e.message) : String(error));
  if (name === 'TimeoutError' || className === 'APIConnectionTimeoutError') return timeoutError(where, timeoutMs);
  if (name === 'SyntaxError' || className === 'OutputParserException') return unparseable('its answer was not valid JSON');
  const hintsByStatus: Record<number, string> = {
    401: 'Check OPENAI_API_KEY.',
    403: 'Check OPENAI_API_KEY and that it may use this model.',
    404: 'Check LUCID_MODEL and OPENAI_BASE_URL (it usually ends in /v1).',
    429: 'The endpoint is rate-limiting; wait and try again.',
  };
  if (typeof e.status === 'number') {
    return new InfraError('LLM_UNAVAILABLE', `The LLM at ${where} answered HTTP ${e.status}.`, {
      details: message,
      hints: [hintsByStatus[e.status] ?? 'Check the server, then try again.', 'Or use --parser grammar.'],
    });
  }
  if (className === 'APIConnectionError' || /connect|fetch failed|ECONNREFUSED|ENOTFOUND/i.test(message)) {
    return new InfraError('LLM_UNAVAILABLE', `Could not connect to the LLM at ${where}.`, {
      details: message,
      hints: ['Start the server or check OPENAI_BASE_URL.', 'Or use --parser grammar.'],
    });
  }
  return new InfraError('LLM_UNAVAILABLE', `The LLM call to ${where} failed.`, {
    details: message,
    hints: ['Or use --parser grammar.'],
  });
}

async function loadLangChain(): Promise<typeof import('@langchain/openai')> {
  try {
    return await import('@langchain/openai');
  } catch (error) {
    throw new InfraError('LLM_UNAVAILABLE', 'Could not load @langchain/openai, which the LLM parser needs.', {
      details: firstLine(error instanceof Error ? error.message : String(error)),
      hints: ['Reinstall Lucid, or use --parser grammar.'],
    });
  }
}

/**
 * LangChain's AIMessage warns "New LangChain packages are available…" on stderr whenever the model's
 * function-call arguments are not valid JSON: misleading advice printed in the middle of a CLI session.
 * That one message is filtered while the call runs; every other warning passes through.
 */
async function withoutToolCallWarning<T>(run: () => Promise<T>): Promise<T> {
  const original = console.warn;
  if (!filterDepth++) {
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('New LangChain packages are available')) return;
      original.apply(console, args);
    };
  }
  try {
    return await run();
  } finally {
    if (!--filterDepth) console.warn = original;
  }
}
let filterDepth = 0;

/** The base URL for messages: origin and path, never credentials or query. Undefined if not http(s). */
function displayUrl(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(line.length > 100 ? `${line.slice(0, 97)}...` : line);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
