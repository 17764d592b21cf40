import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.js';
import { completionTree } from './completion.js';
import { buildProgram } from '../main.js';

let home: string;
let bashScript: string;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lucid-completion-'));
  const result = await runCli(['completion', 'bash'], { home });
  expect(result.code).toBe(0);
  bashScript = join(home, 'lucid.bash');
  writeFileSync(bashScript, result.stdout);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Sources the script in a clean bash and asks the completion function for `words` (the last one is being typed). */
function bashComplete(...words: string[]): string[] {
  const script = `source "$1"; shift; COMP_WORDS=(lucid "$@"); COMP_CWORD=$#; _lucid_completions; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', bashScript, ...words], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('lucid completion', () => {
  test('bash: the script registers a completion function for lucid', () => {
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `source "${bashScript}" && complete -p lucid`], { encoding: 'utf8' });
    expect(out.trim()).toBe('complete -F _lucid_completions lucid');
  });

  test('bash: top-level words are the commands and options of the program', () => {
    const words = bashComplete('');
    expect(words).toEqual(expect.arrayContaining(['run', 'history', 'devnet', 'policy', 'completion', '--json', '--yes', '--dry-run']));
    expect(bashComplete('de')).toEqual(['devnet']);
  });

  test('bash: subcommands and their options complete after the command', () => {
    expect(bashComplete('devnet', '')).toEqual(expect.arrayContaining(['start', 'stop', 'status', 'reset']));
    expect(bashComplete('policy', 's')).toEqual(['show', 'set']);
    expect(bashComplete('policy', 'show', '--')).toEqual(expect.arrayContaining(['--json', '--help']));
    expect(bashComplete('history', '--l')).toEqual(['--limit']);
  });

  test('zsh: a compdef script naming every command', async () => {
    const result = await runCli(['completion', 'zsh'], { home });
    expect(result.stdout.startsWith('#compdef lucid')).toBe(true);
    expect(result.stdout).toContain('compdef _lucid lucid');
    expect(result.stdout).toMatch(/"devnet"\) choices=\(start stop status/);
  });

  test('the tree walks nested commands', () => {
    const program = buildProgram();
    const paths = completionTree(program).map((node) => node.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'devnet', 'devnet start', 'policy', 'policy set']));
  });

  test('bash: the program options complete after any command too', () => {
    expect(bashComplete('history', '--dry')).toEqual(['--dry-run']);
    expect(bashComplete('devnet', 'status', '--js')).toEqual(['--json']);
  });

  // Each script must load in its own shell. Nothing is installed here: where a shell is missing the test
  // is skipped and says so (.ci/run installs zsh and fish when apt can do it offline).
  const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
  const unless = (shell: string) => (has(shell) ? '' : ` (skipped: ${shell} is not installed)`);

  test.skipIf(!has('zsh'))(`zsh: the script loads in zsh and defines _lucid for lucid${unless('zsh')}`, async () => {
    const script = join(home, '_lucid');
    writeFileSync(script, (await runCli(['completion', 'zsh'], { home })).stdout);
    const out = execFileSync('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -D && source "${script}" && whence -w _lucid && print -r -- $_comps[lucid]`], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['_lucid: function', '_lucid']);
  });

  test.skipIf(!has('fish'))(`fish: the script loads in fish and completes commands and options${unless('fish')}`, async () => {
    const script = join(home, 'lucid.fish');
    writeFileSync(script, (await runCli(['completion', 'fish'], { home })).stdout);
    const complete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source "${script}"; complete -C "${line}"`], { encoding: 'utf8' })
        .split('\n')
        .map((row) => row.split('\t')[0])
        .filter(Boolean);
    expect(complete('lucid dev')).toEqual(['devnet']);
    expect(complete('lucid devnet st')).toEqual(expect.arrayContaining(['start', 'stop', 'status']));
    expect(complete('lucid history --dry')).toEqual(['--dry-run']);
  });

  test('errors: an unknown shell is an input error', async () => {
    const result = await runCli(['completion', 'tcsh'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh or fish');
  });
});
