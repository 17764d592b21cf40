import { Command } from 'commander';
import { addOutputOptions, outputOptionsSchema, parseOptions } from './options.js';
import { say, writeData, writeJson } from '../output.js';
import { InputError } from '../../../kernel/errors.js';


/** Keys `lucid config set` writes to config.json. The API key is not one: it comes only from OPENAI_API_KEY. */
export const settableConfigKeys = ['rpcUrl', 'chain', 'account', 'parser', 'llm.baseUrl', 'llm.model', 'llm.timeoutMs'] as const;
type SettableKey = (typeof settableConfigKeys)[number];

const examples = `
Examples:
  $ lucid config show
  $ lucid config set parser grammar
  $ lucid config set rpcUrl https://mainnet.example/rpc
  $ lucid config set rpcUrl none        # back to the local devnet`;

export function configCommand(): Command {
  const config = new Command('config')
    .description('settings in $LUCID_HOME/config.json; flags and environment variables override them')
    .addHelpText('after', examples);
  config.addCommand(
    addOutputOptions(new Command('show'))
      .description('print each effective setting and where it came from (flag, env, file, default)')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { lucidHome, loadConfigFile, resolveConfig, describeConfig, configFilePath } = await import('../config/index.js');
        const home = lucidHome(process.env);
        const path = configFilePath(home);
        const rows = describeConfig(resolveConfig({ env: process.env, file: loadConfigFile(home), filePath: path }));
        if (options.json) return writeJson({ home, file: path, settings: rows });
        writeData(`config file: ${path}`);
        const width = Math.max(...rows.map((row) => row.key.length)) + 2;
        for (const row of rows) writeData(`${row.key.padEnd(width)}${row.value.padEnd(34)} ${row.source}${row.from && row.source !== 'file' ? ` (${row.from})` : ''}`);
      }),
  );
  config.addCommand(
    addOutputOptions(new Command('set'))
      .description('write one setting to config.json; "none" removes it')
      .argument('<key>', settableConfigKeys.join(', '))
      .argument('<value>', 'the new value, or none')
      .addHelpText('after', examples)
      .action(async (key: string, value: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        if (!(settableConfigKeys as readonly string[]).includes(key))
          throw new InputError('CONFIG_KEY_UNKNOWN', `Unknown config key "${key}".`, {
            hints: [`Keys: ${settableConfigKeys.join(', ')}.`, /api.?key/i.test(key) ? 'The API key is read only from OPENAI_API_KEY, never from a file.' : 'See `lucid config show`.'],
          });
        const { lucidHome, saveConfigFile, configFilePath } = await import('../config/index.js');
        const home = lucidHome(process.env);
        const saved = saveConfigFile(home, patchFor(key as SettableKey, value.trim()));
        if (options.json) return writeJson({ file: configFilePath(home), config: saved });
        say(`${key} ${value.trim().toLowerCase() === 'none' ? 'removed' : `= ${value.trim()}`} (${configFilePath(home)})`);
      }),
  );
  return config;
}

function patchFor(key: SettableKey, value: string): import('../config/index.js').ConfigFilePatch {
  const remove = value === '' || value.toLowerCase() === 'none';
  switch (key) {
    case 'llm.baseUrl':
      return { llm: { baseUrl: remove ? null : value } };
    case 'llm.model':
      return { llm: { model: remove ? null : value } };
    case 'llm.timeoutMs': {
      if (remove) return { llm: { timeoutMs: null } };
      const ms = Number(value);
      if (!Number.isInteger(ms)) throw new InputError('CONFIG_INVALID', `llm.timeoutMs must be a whole number of milliseconds, got "${value.slice(0, 40)}".`);
      return { llm: { timeoutMs: ms } };
    }
    case 'parser':
      if (remove) return { parser: null };
      if (value !== 'grammar' && value !== 'llm' && value !== 'auto') throw new InputError('CONFIG_INVALID', 'parser must be grammar, llm or auto.');
      return { parser: value };
    default:
      return { [key]: remove ? null : value };
  }
}
