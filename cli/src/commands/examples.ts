/**
 * An example for every subcommand's --help, in one table (clig.dev: show examples first). Added after the
 * program is built; `examples.test.ts` fails when a command has none.
 */
import type { Command } from 'commander';

const registryKinds = {
  agent: { register: 'lucid agent register ./my-agent/agent.ts --fee 0.001 --endpoint http://127.0.0.1:8787' },
  frontend: { register: 'lucid frontend register my-wallet-ui --description "a web wallet" --fee 0.0005' },
  compute: { register: 'lucid compute register gpu-box --endpoint http://127.0.0.1:9000 --tags inference --fee 0.0002' },
} as const;

const perKind = (kind: keyof typeof registryKinds): Record<string, string[]> => ({
  [`${kind} register`]: [registryKinds[kind].register],
  [`${kind} update`]: [`lucid ${kind} update 1 --fee 0.002`],
  [`${kind} deactivate`]: [`lucid ${kind} deactivate 1 --yes`],
  [`${kind} list`]: [`lucid ${kind} list`, `lucid ${kind} list --json`],
  [`${kind} show`]: [`lucid ${kind} show 1 --json`],
  [`${kind} withdraw`]: [`lucid ${kind} withdraw 1`],
  [`${kind} claim`]: [`lucid ${kind} claim 1 --yes`],
});

export const commandExamples: Record<string, string[]> = {
  'contacts add': ['lucid contacts add bob 0x70997970C51812dc3A010C7d01b50e0d17dc79C8'],
  'contacts remove': ['lucid contacts remove bob'],
  'contacts list': ['lucid contacts list --json'],
  'policy show': ['lucid policy show', 'lucid policy show --json'],
  'wallet create': ['lucid wallet create main', 'lucid wallet create ci-bot --json'],
  'wallet list': ['lucid wallet list --json'],
  'wallet export-address': ['lucid wallet export-address main'],
  'config show': ['lucid config show', 'lucid config show --json'],
  'agent init': ['lucid agent init tip-jar --dir ./tip-jar'],
  'agent test': ['lucid agent test ./tip-jar/agent.ts "send 0.01 ETH to bob"'],
  'agent serve': ['lucid agent serve ./tip-jar/agent.ts --port 8787'],
  ...perKind('agent'),
  ...perKind('frontend'),
  ...perKind('compute'),
  'emissions distribute': ['lucid emissions distribute --yes'],
  'devnet start': ['lucid devnet start --json'],
  'devnet stop': ['lucid devnet stop'],
  'devnet status': ['lucid devnet status'],
  'devnet reset': ['lucid devnet reset'],
  'devnet advance': ['lucid devnet advance 30d', 'lucid devnet advance 12h'],
};

/** Adds the table's examples to every subcommand whose own help has none. */
export function addExamples(program: Command, path: string[] = []): void {
  for (const command of program.commands) {
    const here = [...path, command.name()];
    const lines = commandExamples[here.join(' ')];
    if (lines) command.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}`);
    addExamples(command, here);
  }
}
