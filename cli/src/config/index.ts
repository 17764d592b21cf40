/** Lucid configuration: the home directory, config.json, and the effective settings with their sources. */
export { lucidHome, configFilePath } from './home.js';
export { loadConfigFile, saveConfigFile, parseConfigFile } from './file.js';
export type { ConfigFilePatch } from './file.js';
export { configSchemas, PARSERS } from './schema.js';
export type { ConfigFile, ParserChoice } from './schema.js';
export { resolveConfig, describeConfig, CONFIG_DEFAULTS, CONFIG_ENV } from './resolve.js';
export type {
  ConfigFlags,
  ConfigKey,
  ConfigRow,
  ConfigSource,
  EffectiveConfig,
  ResolvedConfig,
  ResolveConfigParameters,
  ValueOrigin,
} from './resolve.js';
