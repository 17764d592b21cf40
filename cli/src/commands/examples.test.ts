import type { Command } from 'commander';
import { expect, test } from 'vitest';
import { buildProgram } from '../main.js';

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: () => {} });
  command.outputHelp();
  return text;
}

test('behavior: every command and subcommand shows at least one example in --help', () => {
  const missing: string[] = [];
  const walk = (command: Command, path: string[]) => {
    for (const sub of command.commands) {
      const here = [...path, sub.name()];
      if (!/\$ lucid /.test(helpOf(sub))) missing.push(here.join(' '));
      walk(sub, here);
    }
  };
  walk(buildProgram(), []);
  expect(missing).toEqual([]);
});
