import type { Command } from 'commander';
import { checkEndpoint, type DescribeEntry } from '../contributor/entryArguments.js';
import { entryCommand } from './entryCommand.js';

/** Frontend and compute entries are named on the command line; their metadata is built from the options. */
export function describeNamedEntry(kind: 'frontend' | 'compute'): DescribeEntry {
  return async (name, options) => {
    const { entryIdPattern } = await import('../../../runtime/index.js');
    const { InputError } = await import('../../../kernel/index.js');
    if (!entryIdPattern.test(name))
      throw new InputError('BAD_ENTRY_NAME', `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} name is 1–64 characters of a-z, 0-9, ., _ and -, starting with a letter or digit`);
    const tags = (options.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const endpoint = options.endpoint ? checkEndpoint(options.endpoint) : '';
    return {
      metadata: { id: name, kind, description: options.description ?? `${kind} ${name}`, actions: tags, chains: [], ...(endpoint ? { endpoint } : {}) },
      endpoint,
    };
  };
}

export function frontendCommand(): Command {
  return entryCommand({
    kind: 'frontend',
    description: 'frontends and tools users come through (the community pool): register, update, earnings',
    registerArgument: '<name>',
    describe: describeNamedEntry('frontend'),
    examples: `
Examples:
  $ lucid frontend register my-wallet-ui --fee 0.0001 --endpoint https://ui.example
  $ lucid frontend list
  $ lucid frontend show 1
  $ lucid frontend claim 1 --yes`,
  });
}
