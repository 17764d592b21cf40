import type { Command } from 'commander';
import { entryCommand } from './entryCommand.js';
import { describeNamedEntry } from './frontend.js';

export function computeCommand(): Command {
  return entryCommand({
    kind: 'compute',
    description: 'compute providers (the compute pool): register, update, earnings',
    registerArgument: '<name>',
    describe: describeNamedEntry('compute'),
    examples: `
Examples:
  $ lucid compute register llm-box --endpoint http://10.0.0.5:8000 --tags llm,parse --fee 0.0002
  $ lucid compute list
  $ lucid compute withdraw 1 --yes`,
  });
}
