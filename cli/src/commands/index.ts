/**
 * Every command, added in help order. Each lives in its own file and loads what it needs when it runs.
 */
import { Command } from 'commander';
import { writeData } from '../output.js';
import { addGlobalOptions, joinWords, outputOptionsSchema, parseOptions, runOptionsSchema, shareGlobalOptions } from './options.js';
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
import { readStdinIntent } from './readStdinIntent.js';
import { suggestCommand } from './suggestCommand.js';
import { version } from '../version.js';
import { InputError } from '../../../kernel/errors.js';

/**
 * A first word close to a command's name that the grammar does not know as an action is a typo of the
 * command (`lucid histroy`), answered with the command it resembles; anything else is left to the parser.
 */
async function refuseMistypedCommand(program: Command, word: string): Promise<void> {
  const command = suggestCommand(program, word);
  if (!command) return;
  const { parseWithGrammar } = await import('../../../router/index.js');
  try {
    parseWithGrammar(word);
  } catch (error) {
    if (error instanceof Error && 'shortMessage' in error && /^unknown action/.test(String(error.shortMessage)))
      throw new InputError('UNKNOWN_COMMAND', `unknown command '${word}' (did you mean ${command}?)`, { hints: [`lucid ${command} --help`] });
  }
}

/** Every command, in help order, by the name it is called by (a test checks each name against its command). */
export const commands: readonly (readonly [name: string, make: () => Command])[] = [
  ['run', runCommand],
  ['parse', parseCommand],
  ['sign', signCommand],
  ['export', exportCommand],
  ['approve', approveCommand],
  ['mcp', mcpCommand],
  ['history', historyCommand],
  ['balance', balanceCommand],
  ['agents', agentsCommand],
  ['contacts', contactsCommand],
  ['policy', policyCommand],
  ['wallet', walletCommand],
  ['config', configCommand],
  ['stake', stakeCommand],
  ['unstake', unstakeCommand],
  ['rewards', rewardsCommand],
  ['claim', claimCommand],
  ['agent', agentCommand],
  ['frontend', frontendCommand],
  ['compute', computeCommand],
  ['emissions', emissionsCommand],
  ['devnet', devnetCommand],
  ['version', versionCommand],
  // last: it walks the finished program to generate the scripts
  ['completion', completionCommand],
];

/**
 * The command a run names first, when the program for it needs no other command: then only that one is built
 * (`lucid parse …` does not construct the other commands, nor their options and help). Commander reads only the
 * program and the command it dispatches to; `completion` walks the whole program, and an intent (no command)
 * compares its first word with every command's name.
 */
export function standaloneCommand(argv: readonly string[]): string | undefined {
  const first = argv[2];
  return first !== 'completion' && commands.some(([name]) => name === first) ? first : undefined;
}

function versionCommand(): Command {
  return new Command('version')
    .description('print the version')
    .addHelpText('after', '\nExamples:\n  $ lucid version\n  $ lucid version --json')
    .action(async (raw: unknown) => {
      const options = await parseOptions(outputOptionsSchema, raw);
      writeData(options.json ? JSON.stringify({ version }) : version);
    });
}

/** Adds the program's options, its intent action and its commands: all of them, or only the one named `only`. */
export function registerCommands(program: Command, only?: string): void {
  // `lucid "<intent>"` is `lucid run "<intent>"`; with no words on a terminal it opens the interactive UI.
  addGlobalOptions(program)
    .argument('[intent...]', 'what you want, in plain words (omit on a terminal for the interactive UI)')
    .option('--save <file>', 'with --dry-run: write the simulated plan as a bundle to sign later (`lucid sign <file>`)')
    .addHelpText('after', runExamples)
    .action(async (words: string[], raw: unknown) => {
      const options = await parseOptions(runOptionsSchema, raw);
      const piped = !process.stdin.isTTY;
      // `lucid -` reads the intent from stdin; so does a plain pipe into `lucid` with no words.
      const fromStdin = (words.length === 1 && words[0] === '-') || (words.length === 0 && piped);
      const text = fromStdin ? await readStdinIntent() : joinWords(words);
      if (text.length > 0) {
        if (!fromStdin) await refuseMistypedCommand(program, words[0]!);
        const { runAction, saveOption } = await import('./run.js');
        return runAction(text, options, saveOption(raw));
      }
      if (!fromStdin && !piped && process.stdout.isTTY && !options.json) {
        const { startInteractive } = await import('../interactive.js');
        return startInteractive(options);
      }
      throw new InputError('NOTHING_TO_DO', fromStdin ? 'no intent on stdin' : 'nothing to do: no intent, no command', {
        hints: ['lucid "swap 1 ETH for USDC"', 'echo "swap 1 ETH for USDC" | lucid --dry-run -', 'lucid --help'],
      });
    });
  shareGlobalOptions(program);
  for (const [name, make] of commands) if (only === undefined || name === only) program.addCommand(make());
  addExamples(program);
}
