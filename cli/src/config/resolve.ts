/**
 * The effective configuration, with precedence flags > environment > config file > defaults, and for each
 * value where it came from (for `lucid config show`). The LLM API key is read only from the environment and
 * is never printed by {@link describeConfig}.
 */
import { toChecksumAddress as getAddress, InputError } from '../../../kernel/core.js';
import * as z from 'zod';
import { type ConfigFile, type ParserChoice, configSchemas } from './schema.js';

export type ConfigSource = 'flag' | 'env' | 'file' | 'default';

/** Command-line flags as the CLI parsed them (all optional). */
export type ConfigFlags = {
  rpcUrl?: string | undefined;
  chain?: string | undefined;
  account?: string | undefined;
  parser?: string | undefined;
  model?: string | undefined;
  llmBaseUrl?: string | undefined;
  llmTimeoutMs?: number | string | undefined;
};

export type EffectiveConfig = {
  /** `undefined`: use the local devnet. */
  rpcUrl: string | undefined;
  /** `undefined`: take it from the RPC's chain id (`anvil` on the devnet). */
  chain: string | undefined;
  /** A wallet name or an address (checksummed); `undefined`: devnet account #0. */
  account: string | undefined;
  parser: ParserChoice;
  llm: {
    baseUrl: string;
    model: string;
    timeoutMs: number;
    /** From OPENAI_API_KEY only. Never print it. */
    apiKey: string | undefined;
  };
};

export type ConfigKey = 'rpcUrl' | 'chain' | 'account' | 'parser' | 'llm.baseUrl' | 'llm.model' | 'llm.timeoutMs' | 'llm.apiKey';

/** Where one value came from: `name` is the flag, the env var or the file path. */
export type ValueOrigin = { source: ConfigSource; name?: string | undefined };

export type ResolvedConfig = {
  config: EffectiveConfig;
  sources: Record<ConfigKey, ValueOrigin>;
};

export type ResolveConfigParameters = {
  flags?: ConfigFlags | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  /** What `loadConfigFile(home)` returned. */
  file?: ConfigFile | undefined;
  /** Path of the config file, named in `sources`. */
  filePath?: string | undefined;
};

export const CONFIG_DEFAULTS = {
  parser: 'auto',
  llm: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 15_000 },
} as const;

/** Environment variable for each key. */
export const CONFIG_ENV: Record<ConfigKey, string | undefined> = {
  rpcUrl: 'LUCID_RPC_URL',
  chain: 'LUCID_CHAIN',
  account: 'LUCID_ACCOUNT',
  parser: 'LUCID_PARSER',
  'llm.baseUrl': 'OPENAI_BASE_URL',
  'llm.model': 'LUCID_MODEL',
  'llm.timeoutMs': 'LUCID_LLM_TIMEOUT_MS',
  'llm.apiKey': 'OPENAI_API_KEY',
};

/** A variable other tools set, read after Lucid's own: `ETH_RPC_URL`, as Foundry's `cast` reads it. */
export const CONFIG_ENV_FALLBACK: Partial<Record<ConfigKey, string>> = { rpcUrl: 'ETH_RPC_URL' };

const FLAG_NAMES: Record<keyof ConfigFlags, string> = {
  rpcUrl: '--rpc-url',
  chain: '--chain',
  account: '--account',
  parser: '--parser',
  model: '--model',
  llmBaseUrl: '--llm-base-url',
  llmTimeoutMs: '--llm-timeout-ms',
};

// Built when a flag or variable is to be checked (./schema.ts builds its schemas on first use, too).
const baseUrlSchema = () =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { message: 'must be an http(s):// URL' });
const modelSchema = () => z.string().trim().min(1).max(200);
const timeoutSchema = () => z.coerce.number().int().min(100).max(600_000);

/**
 * Merges the layers. Flag and environment values are validated with the same rules as the file.
 *
 * @returns {@link ResolvedConfig}
 * @throws {@link InputError} `CONFIG_INVALID` naming the flag or variable at fault.
 *
 * @example
 * const home = lucidHome()
 * const { config, sources } = resolveConfig({ flags: { parser: 'grammar' }, env: process.env, file: loadConfigFile(home) })
 */
export function resolveConfig(parameters: ResolveConfigParameters = {}): ResolvedConfig {
  const flags = parameters.flags ?? {};
  const env = parameters.env ?? {};
  const file = parameters.file ?? {};
  const fileOrigin: ValueOrigin = { source: 'file', name: parameters.filePath ?? 'config.json' };

  function pick<T>(
    key: ConfigKey,
    flag: keyof ConfigFlags | undefined,
    fileValue: T | undefined,
    schema: () => z.ZodType<T>,
  ): [T | undefined, ValueOrigin] {
    const flagValue = flag === undefined ? undefined : flags[flag];
    if (flag !== undefined && flagValue !== undefined && flagValue !== '')
      return [check(schema(), flagValue, FLAG_NAMES[flag]), { source: 'flag', name: FLAG_NAMES[flag] }];
    for (const envName of [CONFIG_ENV[key], CONFIG_ENV_FALLBACK[key]]) {
      const envValue = envName === undefined ? undefined : env[envName]?.trim();
      if (envName !== undefined && envValue) return [check(schema(), envValue, envName), { source: 'env', name: envName }];
    }
    if (fileValue !== undefined) return [fileValue, fileOrigin];
    return [undefined, { source: 'default' }];
  }

  const [rpcUrl, rpcUrlFrom] = pick('rpcUrl', 'rpcUrl', file.rpcUrl, () => configSchemas().rpcUrlSchema);
  const [chain, chainFrom] = pick('chain', 'chain', file.chain, () => configSchemas().chainSchema);
  const [account, accountFrom] = pick('account', 'account', file.account, () => configSchemas().accountSchema);
  const [parser, parserFrom] = pick('parser', 'parser', file.parser, () => configSchemas().parserSchema);
  const [baseUrl, baseUrlFrom] = pick('llm.baseUrl', 'llmBaseUrl', file.llm?.baseUrl, baseUrlSchema);
  const [model, modelFrom] = pick('llm.model', 'model', file.llm?.model, modelSchema);
  const [timeoutMs, timeoutFrom] = pick('llm.timeoutMs', 'llmTimeoutMs', file.llm?.timeoutMs, timeoutSchema);
  const [apiKey, apiKeyFrom] = pick('llm.apiKey', undefined, undefined, () => z.string().min(1));

  return {
    config: {
      rpcUrl,
      chain,
      account: account === undefined ? undefined : account.startsWith('0x') ? getAddress(account) : account,
      parser: parser ?? CONFIG_DEFAULTS.parser,
      llm: {
        baseUrl: baseUrl ?? CONFIG_DEFAULTS.llm.baseUrl,
        model: model ?? CONFIG_DEFAULTS.llm.model,
        timeoutMs: timeoutMs ?? CONFIG_DEFAULTS.llm.timeoutMs,
        apiKey,
      },
    },
    sources: {
      rpcUrl: rpcUrlFrom,
      chain: chainFrom,
      account: accountFrom,
      parser: parserFrom,
      'llm.baseUrl': baseUrlFrom,
      'llm.model': modelFrom,
      'llm.timeoutMs': timeoutFrom,
      'llm.apiKey': apiKeyFrom,
    },
  };
}

export type ConfigRow = { key: ConfigKey; value: string; source: ConfigSource; from: string | undefined };

/**
 * Rows for `lucid config show`. The API key shows only whether it is set; unset optional values say what
 * the runtime does instead.
 */
export function describeConfig(resolved: ResolvedConfig): ConfigRow[] {
  const { config, sources } = resolved;
  const values: Record<ConfigKey, string> = {
    rpcUrl: config.rpcUrl ?? '(local devnet)',
    chain: config.chain ?? '(from the RPC chain id)',
    account: config.account ?? '(devnet account #0)',
    parser: config.parser,
    'llm.baseUrl': config.llm.baseUrl,
    'llm.model': config.llm.model,
    'llm.timeoutMs': String(config.llm.timeoutMs),
    'llm.apiKey': config.llm.apiKey ? '(set)' : '(not set)',
  };
  return (Object.keys(values) as ConfigKey[]).map((key) => ({
    key,
    value: values[key],
    source: sources[key].source,
    from: sources[key].name,
  }));
}

// Flags and env go through the same schema as the file; the message names where the bad value was given.
function check<T>(schema: z.ZodType<T>, value: unknown, origin: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'invalid value';
  const shown = origin === 'OPENAI_API_KEY' ? '(hidden)' : JSON.stringify(String(value).slice(0, 100));
  throw new InputError('CONFIG_INVALID', `Invalid value for ${origin}: ${message}.`, {
    details: `got ${shown}`,
    hints: [origin.startsWith('--') ? `Fix the ${origin} flag.` : `Fix or unset ${origin} in your environment.`],
  });
}
