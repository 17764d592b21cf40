/**
 * The `lucid` program. This file stays light on purpose: commander plus the command definitions, whose
 * actions load the runtime (viem, SQLite, LangChain, ink) only when they run, so `lucid --help` and
 * `lucid --version` start fast. One top-level catch turns every error into a message and an exit code
 * from the one table in kernel/errors.ts.
 */
import { Command, CommanderError } from 'commander';
import { LucidError, findLucidError, exitCodes } from '../../kernel/errors.js';
import { errorText, jsonReplacer, paint, say, writeData } from './output.js';
import { registerCommands, standaloneCommand } from './commands/index.js';
import { version } from './version.js';
import { markPhase } from '../../kernel/timing.js';

/** The program with every command, or (`only`) with the one a run names first ({@link standaloneCommand}). */
export function buildProgram(only?: string): Command {
  const program = new Command('lucid')
    .description(
      'Say what you want on chain in plain words; Lucid picks an agent, simulates, shows what will change, and signs only after you agree.',
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => writeData(text),
      writeErr: (text) => say(text),
      outputError: (text, write) => write(paint(text, 'red')),
    })
    .exitOverride();
  registerCommands(program, only);
  // Commands added with addCommand() do not inherit: every one ends through the same exit and output.
  const inherit = (parent: Command) => {
    for (const command of parent.commands) {
      command.copyInheritedSettings(parent);
      inherit(command);
    }
  };
  inherit(program);
  program.helpCommand('help [command]', 'show help for a command');
  return program;
}

/** Runs the CLI; resolves with the exit code (also set on process.exitCode). Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  // A reader that goes away (`lucid history | head`) is not an error: stop quietly, like any Unix tool.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  markPhase('cli loaded');
  const program = buildProgram(standaloneCommand(argv));
  const wantsJson = argv.includes('--json');
  let code: number = exitCodes.ok;
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    code = reportError(error, wantsJson);
  }
  process.exitCode = code;
  return code;
}

/** Prints an error the way its kind deserves and returns the exit code. */
export function reportError(error: unknown, wantsJson: boolean): number {
  if (error instanceof CommanderError) {
    // help and version "errors" are how commander ends after printing them: success.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
      return exitCodes.ok;
    if (wantsJson) writeData(JSON.stringify({ error: { code: 'BAD_USAGE', message: error.message.replace(/^error: /, '') } }));
    return exitCodes.input;
  }
  const lucidError = findLucidError(error);
  if (lucidError) {
    printLucidError(lucidError, wantsJson);
    return lucidError.exitCode;
  }
  // Not a LucidError: a bug in Lucid. Say so plainly; the stack only with LUCID_DEBUG.
  const message = errorText(error instanceof Error ? error.message : String(error));
  if (wantsJson) writeData(JSON.stringify({ error: { code: 'INTERNAL_ERROR', message } }, jsonReplacer));
  say(paint(`lucid: internal error: ${message}`, 'red'));
  say('This is a bug in Lucid. Run again with LUCID_DEBUG=1 for details and please report it.');
  if (process.env.LUCID_DEBUG && error instanceof Error && error.stack) say(error.stack);
  return exitCodes.bug;
}

/**
 * Error text can quote what the user, an agent, an RPC or a contract supplied: control and bidi characters
 * become visible `\u{…}` and URLs lose their path and query (API keys), in the message, details, hints and
 * the --json envelope alike (`errorText`).
 */
function printLucidError(error: LucidError, wantsJson: boolean): void {
  if (wantsJson) writeData(JSON.stringify(error.toJSON(), (_key, value: unknown) => (typeof value === 'string' ? errorText(value) : value)));
  say(paint(`lucid: ${errorText(error.shortMessage)}`, 'red'));
  // The details the message does not already say: each fact is said once (the JSON envelope keeps them all).
  if (error.shownDetails) say(errorText(error.shownDetails));
  for (const hint of error.hints) say(paint(`hint: ${errorText(hint)}`, 'dim'));
  if (process.env.LUCID_DEBUG && error.stack) say(error.stack);
}
