/**
 * The shape of `$LUCID_HOME/config.json`. Every field is optional; unknown fields are errors (a typo such
 * as `rpcURL` silently doing nothing is worse than a message). Secrets have no place here: the LLM API key
 * comes only from `OPENAI_API_KEY`, and signing keys are never read from config.
 */
import { hasValidChecksum } from '../../../kernel/core.js';
import * as z from 'zod';

export const PARSERS = ['grammar', 'llm', 'auto'] as const;
export type ParserChoice = (typeof PARSERS)[number];

/**
 * The schemas, built on first use: most commands (`lucid parse` with no config file, flags or variables)
 * validate nothing, and building zod schemas is a measurable part of their start.
 */
export const configSchemas = (): ConfigSchemas => (built ??= buildConfigSchemas());
let built: ConfigSchemas | undefined;
type ConfigSchemas = ReturnType<typeof buildConfigSchemas>;

function buildConfigSchemas() {
  const rpcUrlSchema = z
    .string()
    .trim()
    .refine((value) => /^(https?|wss?):\/\/[^\s]+$/i.test(value) && URL.canParse(value), {
      message: 'must be an http(s):// or ws(s):// URL',
    })
    .describe('JSON-RPC endpoint of the chain to use; absent means the local devnet');

  const chainSchema = z
    .string()
    .trim()
    .regex(/^[a-z][a-zA-Z0-9-]{0,63}$/, 'must be a viem chain name such as "mainnet", "base" or "anvil"')
    .describe('Chain name (viem spelling); "anvil" is the local devnet');

  const accountSchema = z
    .string()
    .trim()
    .refine((value) => (value.startsWith('0x') ? hasValidChecksum(value) : /^[A-Za-z0-9_-]{1,32}$/.test(value)), {
      message: 'must be a wallet name from `lucid wallet list` or an address (0x + 40 hex digits, EIP-55 checksum if mixed-case)',
    })
    .describe('The account that signs: a wallet name or its address; default: devnet account #0');

  const parserSchema = z.enum(PARSERS).describe('How words become intents: grammar only, LLM only, or grammar then LLM');

  const llmFileSchema = z
    .strictObject({
      baseUrl: z
        .string()
        .trim()
        .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { message: 'must be an http(s):// URL' })
        .optional()
        .describe('OpenAI-compatible API base URL'),
      model: z.string().trim().min(1).max(200).optional().describe('Model name sent to the API'),
      timeoutMs: z.number().int().min(100).max(600_000).optional().describe('Per-request timeout in milliseconds'),
    })
    .describe('LLM parser settings (no API key: that comes from OPENAI_API_KEY)');

  const configFileSchema = z.strictObject({
    rpcUrl: rpcUrlSchema.optional(),
    chain: chainSchema.optional(),
    account: accountSchema.optional(),
    parser: parserSchema.optional(),
    llm: llmFileSchema.optional(),
  });
  return { rpcUrlSchema, chainSchema, accountSchema, parserSchema, llmFileSchema, configFileSchema };
}

export type ConfigFile = z.infer<ConfigSchemas['configFileSchema']>;
