/**
 * `lucid` from source with the commands this branch adds registered even before commands/index.ts lists
 * them: `npx tsx cli/src/test-utils/lucid-dev.ts wallet list`. For tests that need a real process (stdin,
 * exit codes); the shipped entry point is bin/lucid.js.
 */
import { buildProgram, reportError } from '../main.js';
import { agentsCommand } from '../commands/agents.js';
import { balanceCommand } from '../commands/balance.js';
import { completionCommand } from '../commands/completion.js';
import { configCommand } from '../commands/config.js';
import { policyCommand } from '../commands/policy.js';
import { walletCommand } from '../commands/wallet.js';

const program = buildProgram();
for (const command of [balanceCommand(), agentsCommand(), policyCommand(), walletCommand(), configCommand(), completionCommand()])
  if (!program.commands.some((existing) => existing.name() === command.name())) program.addCommand(command);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, process.argv.includes('--json'));
}
