/**
 * The recorded help (cli/src/helpText.ts, issue 19): `lucid --help`, `--version` and every command's --help are
 * printed by bin/lucid.js from dist/cli/bundle/help.json without loading the program. What it prints must be
 * exactly what the program prints: the record is compared with the program of this source tree for every
 * argument list, and the built binary with and without the record. Run `npm run build:ts` first.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildProgram } from '../src/main.js';
import { helpInvocations, helpTextWidth, printHelp, type HelpTexts } from '../src/helpText.js';
import { repoRoot } from '../src/test-utils/spawn.js';

const recorded = JSON.parse(readFileSync(join(repoRoot, 'dist', 'cli', 'bundle', 'help.json'), 'utf8')) as HelpTexts;
const recordedText = (argv: string[]) => {
  const index = recorded.forms[JSON.stringify(argv)];
  return index === undefined ? undefined : recorded.texts[index];
};

describe('the recorded help text', () => {
  test('is what the program prints, for every command and every way of asking', async () => {
    const forms = helpInvocations();
    expect(recorded.width).toBe(helpTextWidth);
    // Every command, subcommands too, has its --help recorded.
    const walk = (command: ReturnType<typeof buildProgram>, path: string[]): string[][] =>
      command.commands.flatMap((child) => [[...path, child.name()], ...walk(child, [...path, child.name()])]);
    for (const path of walk(buildProgram(), [])) expect(recordedText([...path, '--help'])?.stdout, path.join(' ')).toMatch(/^Usage: lucid /);
    let compared = 0;
    for (const argv of forms) {
      const printed = await printHelp(argv);
      expect(recordedText(argv), argv.join(' ')).toEqual(printed);
      if (printed) compared++;
    }
    expect(compared).toBeGreaterThan(150);
    // Nothing is recorded that this program would not print.
    expect(Object.keys(recorded.forms).length).toBe(compared);
  });

  test('an argument list that runs something, or fails, is not help and is not recorded', async () => {
    // `policy set` reads '-h' as a value that looks like an option (and then misses one); history runs.
    for (const argv of [['policy', 'set', '-h'], ['history'], ['parse', 'swap 1 ETH for USDC']]) {
      expect(await printHelp(argv), argv.join(' ')).toBeUndefined();
      expect(recordedText(argv)).toBeUndefined();
    }
  });
});

describe('bin/lucid.js with the recorded help', () => {
  let install: string;
  let home: string;
  beforeAll(() => {
    install = mkdtempSync(join(tmpdir(), 'lucid-install-'));
    home = mkdtempSync(join(tmpdir(), 'lucid-home-'));
    cpSync(join(repoRoot, 'bin'), join(install, 'bin'), { recursive: true });
    mkdirSync(join(install, 'dist', 'cli'), { recursive: true });
    cpSync(join(repoRoot, 'dist', 'cli', 'bundle'), join(install, 'dist', 'cli', 'bundle'), { recursive: true, preserveTimestamps: true });
    cpSync(join(repoRoot, 'package.json'), join(install, 'package.json'), { preserveTimestamps: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(install, 'node_modules'));
  });
  afterAll(() => {
    rmSync(install, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  const lucid = (args: string[]) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, LUCID_HOME: home, NO_COLOR: '1', NODE_OPTIONS: '', LUCID_TRACE_TIMING: '1' }))
      if (value !== undefined) env[key] = value;
    const result = spawnSync(process.execPath, [join(install, 'bin', 'lucid.js'), ...args], { cwd: install, env, encoding: 'utf8', timeout: 60_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, fromRecord: /recorded help text/.test(result.stderr) };
  };
  const asked = [['--help'], ['-h'], ['help'], ['--version'], ['-V'], ['help', 'policy'], ['parse', '--help'], ['policy', 'set', '--help'], ['agent', 'register', '-h']];

  test('prints the same as the program, exit 0, without loading it', () => {
    const printed = asked.map(lucid);
    for (const [index, result] of printed.entries()) {
      expect(result.fromRecord, asked[index]!.join(' ')).toBe(true);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(recordedText(asked[index]!)!.stdout);
    }
    // Without the record, the program itself answers each: the same text and exit code.
    rmSync(join(install, 'dist', 'cli', 'bundle', 'help.json'));
    for (const [index, argv] of asked.entries()) {
      const result = lucid(argv);
      expect(result.fromRecord).toBe(false);
      expect({ code: result.code, stdout: result.stdout }, argv.join(' ')).toEqual({ code: printed[index]!.code, stdout: printed[index]!.stdout });
    }
    cpSync(join(repoRoot, 'dist', 'cli', 'bundle', 'help.json'), join(install, 'dist', 'cli', 'bundle', 'help.json'), { preserveTimestamps: true });
  });

  test('loads nothing but what reads the record and writes it', () => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, LUCID_HOME: home, NODE_OPTIONS: '', NODE_DEBUG: 'module' })) if (value !== undefined) env[key] = value;
    const result = spawnSync(process.execPath, [join(install, 'bin', 'lucid.js'), '--help'], { cwd: install, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout).toBe(recordedText(['--help'])!.stdout);
    // Every require of bin/lucid.js, built-in or file: no start script, no commander.
    const loaded = [...result.stderr.matchAll(/Module\._load REQUEST (\S+)/g)].map((match) => match[1]);
    expect(new Set(loaded)).toEqual(new Set(['node:fs', 'node:tty', 'node:module', 'node:path', 'node:url']));
  });

  // A terminal for stdout needs one: util-linux `script` gives it (skipped where it is missing).
  test.skipIf(!existsSync('/usr/bin/script'))('on a terminal the record serves only 80 columns; another width gets the program’s own wrapping', () => {
    const onTerminal = (columns: number) => {
      const command = `stty cols ${columns}; LUCID_TRACE_TIMING=1 LUCID_HOME='${home}' NODE_OPTIONS= '${process.execPath}' '${join(install, 'bin', 'lucid.js')}' --help`;
      const result = spawnSync('/usr/bin/script', ['-qc', command, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
      return result.stdout.replace(/\r\n/g, '\n');
    };
    const narrow = onTerminal(80);
    expect(narrow).toContain('recorded help text');
    expect(narrow).toContain(recordedText(['--help'])!.stdout);
    const wide = onTerminal(120);
    expect(wide).not.toContain('recorded help text');
    expect(wide).toContain('Say what you want on chain in plain words; Lucid picks an agent, simulates, shows what will change, and signs only after\nyou agree.');
  });

  test('a record older than the bundle or package.json is not used', () => {
    expect(lucid(['--version']).fromRecord).toBe(true);
    const now = new Date();
    const later = new Date(now.getTime() + 5_000);
    utimesSync(join(install, 'package.json'), later, later);
    const version = lucid(['--version']);
    expect(version.fromRecord).toBe(false);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    utimesSync(join(install, 'package.json'), now, now);
    utimesSync(join(install, 'dist', 'cli', 'bundle', 'main.js'), later, later);
    expect(lucid(['--help']).fromRecord).toBe(false);
    utimesSync(join(install, 'dist', 'cli', 'bundle', 'help.json'), later, later);
    expect(lucid(['--help']).fromRecord).toBe(true);
  });

  test('what is not recorded runs the program: an unknown command after help, options before --help', () => {
    expect(recordedText(['help', 'no-such-command'])).toBeUndefined();
    const unknown = lucid(['help', 'no-such-command']);
    expect(unknown.fromRecord).toBe(false);
    // commander's answer: the program's help, on stderr.
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain(recordedText(['--help'])!.stdout);
    expect(recordedText(['--json', '--help'])).toBeUndefined();
    const withJson = lucid(['--json', '--help']);
    expect(withJson.fromRecord).toBe(false);
    expect({ code: withJson.code, stdout: withJson.stdout }).toEqual(recordedText(['--help']));
  });
});
