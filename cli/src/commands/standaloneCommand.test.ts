/**
 * A run that names a command first builds only that command (standaloneCommand, issue 19: `lucid parse` need not
 * construct the other twenty). What the user gets must not change: for every command, its help, its errors
 * (unknown options, unknown subcommands, missing arguments) and the parse of its options are compared between
 * the whole program and the one built for that command. No action runs here: a hook stops each before it would.
 */
import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { buildProgram, reportError } from '../main.js';
import { captureOutput } from '../captureOutput.js';
import { commands, standaloneCommand } from './index.js';

async function run(program: Command, argv: string[]): Promise<{ code: number; stdout: string; stderr: string; action?: string }> {
  let action: string | undefined;
  // Where an action would run: note which command and with what options, and stop.
  program.hook('preAction', (_program, command) => {
    action = `${command.name()} ${JSON.stringify(command.opts())} ${JSON.stringify(command.args)}`;
    throw new Error('stopped before the action');
  });
  const output = captureOutput();
  let code = 0;
  try {
    await program.parseAsync(['node', 'lucid', ...argv]);
  } catch (error) {
    code = reportError(error, argv.includes('--json'));
  } finally {
    output.release();
  }
  return { code, stdout: output.stdout, stderr: output.stderr, ...(action ? { action } : {}) };
}

describe('a program built for the command a run names', () => {
  test('the table names each command by its own name, and every command of the program is in it', () => {
    const program = buildProgram();
    expect(commands.map(([, make]) => make().name())).toEqual(commands.map(([name]) => name));
    expect(program.commands.map((command) => command.name())).toEqual(commands.map(([name]) => name));
  });

  test('only a command named first, and not completion (it walks the whole program), runs alone', () => {
    expect(standaloneCommand(['node', 'lucid', 'parse', 'swap 1 ETH for USDC'])).toBe('parse');
    expect(standaloneCommand(['node', 'lucid', 'policy', 'show'])).toBe('policy');
    expect(standaloneCommand(['node', 'lucid', 'completion', 'bash'])).toBeUndefined();
    expect(standaloneCommand(['node', 'lucid', '--json', 'parse', 'x'])).toBeUndefined();
    expect(standaloneCommand(['node', 'lucid', 'swap', '1', 'ETH'])).toBeUndefined();
    expect(standaloneCommand(['node', 'lucid', 'help', 'parse'])).toBeUndefined();
  });

  test('answers every command as the whole program does: help, errors, options', async () => {
    const argvs: string[][] = [];
    for (const command of buildProgram().commands) {
      const name = command.name();
      if (name === 'completion') continue;
      argvs.push([name], [name, '--help'], [name, '--no-such-option'], [name, '--jsn'], [name, '--json', 'x', 'y', 'z'], [name, '-V'], [name, '--parser', 'nope', 'w']);
      for (const sub of command.commands) argvs.push([name, sub.name()], [name, sub.name(), '--help'], [name, sub.name(), '--no-such-option'], [name, sub.name(), '--json', 'a', 'b', 'c', 'd']);
      if (command.commands.length) argvs.push([name, 'no-such-subcommand'], [name, 'shw']);
    }
    argvs.push(['parse', 'swap 1 ETH for USDC', '--json', '--parser', 'grammar'], ['parse', '--rpc-url', 'x', 'send 1 ETH to bob']);
    let compared = 0;
    for (const argv of argvs) {
      const only = standaloneCommand(['node', 'lucid', ...argv]);
      expect(only, argv.join(' ')).toBe(argv[0]);
      const whole = await run(buildProgram(), argv);
      const alone = await run(buildProgram(only), argv);
      expect(alone, argv.join(' ')).toEqual(whole);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});
