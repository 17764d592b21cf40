/**
 * The text `lucid --help`, `--version` and every command's `--help` print, recorded at build time from the
 * program itself (scripts/write-help-text.mjs → dist/cli/bundle/help.json), so that bin/lucid.js can print it
 * without loading commander or anything else. Nothing here formats help: each text is what the real program
 * wrote for that argument list, at the width commander uses when stdout is not a terminal.
 */
import { Command, CommanderError } from 'commander';
import { buildProgram, reportError } from './main.js';
import { captureOutput } from './captureOutput.js';

/** Commander's help width when stdout is not a terminal (and a terminal's when it has 80 columns). */
export const helpTextWidth = 80;

/** What the program printed for one argument list: all on stdout, nothing on stderr. */
export type PrintedHelp = { stdout: string; code: number };

/** help.json: each distinct text once, and the argument lists (as JSON arrays) that print it. */
export type HelpTexts = { width: number; texts: PrintedHelp[]; forms: Record<string, number> };

/** The CommanderError codes with which commander ends after printing help or the version, and nothing else. */
const printedOnly = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Every argument list that only prints help or the version: `--help`, `-h`, `help`, `--version`, `-V`, and for
 * each command (subcommands too) `<command…> --help`, `<command…> -h`, and `help <command>` for the top-level ones.
 */
export function helpInvocations(program: Command = buildProgram()): string[][] {
  const forms: string[][] = [['--help'], ['-h'], ['help'], ['--version'], ['-V']];
  const walk = (command: Command, path: string[]) => {
    for (const child of command.commands) {
      const here = [...path, child.name()];
      forms.push([...here, '--help'], [...here, '-h']);
      if (path.length === 0) forms.push(['help', child.name()]);
      walk(child, here);
    }
  };
  walk(program, []);
  return forms;
}

/**
 * Runs the real program on `argv` with stdout taken to be a pipe (width {@link helpTextWidth}, no colour) and
 * returns what it printed, or undefined when the run did anything but print help or the version (an action
 * ran, an error, anything on stderr): such a run is never recorded.
 */
export async function printHelp(argv: readonly string[]): Promise<PrintedHelp | undefined> {
  const output = captureOutput();
  try {
    const program = buildProgram();
    const asPipe = (command: Command) => {
      command.configureOutput({ getOutHelpWidth: () => helpTextWidth, getErrHelpWidth: () => helpTextWidth, getOutHasColors: () => false, getErrHasColors: () => false });
      command.commands.forEach(asPipe);
    };
    asPipe(program);
    // Help is printed before any action; an argument list that reaches one is not help (and must not act here).
    program.hook('preAction', () => {
      throw new Error('not a help invocation: an action would run');
    });
    try {
      await program.parseAsync(['node', 'lucid', ...argv]);
    } catch (error) {
      if (!(error instanceof CommanderError) || !printedOnly.has(error.code)) return undefined;
      const code = reportError(error, false);
      return output.stderr === '' ? { stdout: output.stdout, code } : undefined;
    }
    return undefined;
  } finally {
    output.release();
  }
}

/** help.json's content: every {@link helpInvocations} form the program answers by printing only. */
export async function recordHelpTexts(): Promise<HelpTexts> {
  const texts: PrintedHelp[] = [];
  const forms: Record<string, number> = {};
  for (const argv of helpInvocations()) {
    const printed = await printHelp(argv);
    if (!printed) continue;
    let index = texts.findIndex((text) => text.stdout === printed.stdout && text.code === printed.code);
    if (index < 0) index = texts.push(printed) - 1;
    forms[JSON.stringify(argv)] = index;
  }
  return { width: helpTextWidth, texts, forms };
}
