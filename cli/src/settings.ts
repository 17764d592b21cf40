/**
 * Effective settings for one command: flags > environment > $LUCID_HOME/config.json > defaults
 * (./config does the merging). The LLM is used only when the user configured one on purpose
 * (a model, an endpoint, or `--parser llm`): an OPENAI_API_KEY that merely exists in the environment
 * never sends anyone's words to a remote model.
 */
import type { LlmConfig } from '../../router/index.js';
import type { EffectiveConfig, ResolvedConfig } from './config/index.js';

export type Settings = {
  home: string;
  rpcUrl: string | undefined;
  chain: string | undefined;
  account: string | undefined;
  parser: 'grammar' | 'llm' | 'auto';
  llm: LlmConfig | undefined;
  config: EffectiveConfig;
  sources: ResolvedConfig['sources'];
};

export type SettingsFlags = { rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined; parser?: string | undefined };

export async function loadSettings(flags: SettingsFlags): Promise<Settings> {
  const { lucidHome, loadConfigFile, resolveConfig, configFilePath } = await import('./config/index.js');
  const home = lucidHome(process.env);
  const resolved = resolveConfig({
    flags: { rpcUrl: flags.rpcUrl, chain: flags.chain, account: flags.account, parser: flags.parser },
    env: process.env,
    file: loadConfigFile(home),
    filePath: configFilePath(home),
  });
  const { config, sources } = resolved;
  const llmChosen = config.parser === 'llm' || sources['llm.model'].source !== 'default' || sources['llm.baseUrl'].source !== 'default';
  const llm: LlmConfig | undefined = llmChosen
    ? { baseUrl: config.llm.baseUrl, model: config.llm.model, timeoutMs: config.llm.timeoutMs, ...(config.llm.apiKey ? { apiKey: config.llm.apiKey } : {}) }
    : undefined;
  return { home, rpcUrl: config.rpcUrl, chain: config.chain, account: config.account, parser: config.parser, llm, config, sources };
}
