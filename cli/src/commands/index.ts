/**
 * Every command, added in help order. Each lives in its own file and loads what it needs when it runs.
 */
import type { Command } from 'commander';
import { addRunOptions, joinWords, parseOptions, runOptionsSchema } from './options.js';
import { runCommand, runExamples } from './run.js';
import { parseCommand } from './parse.js';
import { historyCommand } from './history.js';
import { devnetCommand } from './devnet.js';
import { contactsCommand } from './contacts.js';
import { balanceCommand } from './balance.js';
import { agentsCommand } from './agents.js';
import { policyCommand } from './policy.js';
import { walletCommand } from './wallet.js';
import { configCommand } from './config.js';
import { completionCommand } from './completion.js';
import { agentCommand } from './agent.js';
import { frontendCommand } from './frontend.js';
import { computeCommand } from './compute.js';
import { stakeCommand, unstakeCommand, rewardsCommand, claimCommand } from './capital.js';
import { emissionsCommand } from './emissions.js';
import { signCommand } from './sign.js';
import { exportCommand } from './export.js';
import { approveCommand } from './approve.js';
import { mcpCommand } from './mcp.js';
import { addExamples } from './examples.js';

export function registerCommands(program: Command): void {
  // `lucid "<intent>"` is `lucid run "<intent>"`; with no words on a terminal it opens the interactive UI.
  addRunOptions(program)
    .argument('[intent...]', 'what you want, in plain words (omit on a terminal for the interactive UI)')
    .option('--save <file>', 'with --dry-run: write the simulated plan as a bundle to sign later (`lucid sign <file>`)')
    .addHelpText('after', runExamples)
    .action(async (words: string[], raw: unknown) => {
      const options = await parseOptions(runOptionsSchema, raw);
      if (words.length > 0) {
        const { runAction, saveOption } = await import('./run.js');
        return runAction(joinWords(words), options, saveOption(raw));
      }
      if (process.stdin.isTTY && process.stdout.isTTY && !options.json) {
        const { startInteractive } = await import('../interactive.js');
        return startInteractive(options);
      }
      program.outputHelp();
    });
  program.addCommand(runCommand());
  program.addCommand(parseCommand());
  program.addCommand(signCommand());
  program.addCommand(exportCommand());
  program.addCommand(approveCommand());
  program.addCommand(mcpCommand());
  program.addCommand(historyCommand());
  program.addCommand(balanceCommand());
  program.addCommand(agentsCommand());
  program.addCommand(contactsCommand());
  program.addCommand(policyCommand());
  program.addCommand(walletCommand());
  program.addCommand(configCommand());
  program.addCommand(stakeCommand());
  program.addCommand(unstakeCommand());
  program.addCommand(rewardsCommand());
  program.addCommand(claimCommand());
  program.addCommand(agentCommand());
  program.addCommand(frontendCommand());
  program.addCommand(computeCommand());
  program.addCommand(emissionsCommand());
  program.addCommand(devnetCommand());
  // last: it walks the finished program to generate the scripts
  program.addCommand(completionCommand());
  addExamples(program);
}
