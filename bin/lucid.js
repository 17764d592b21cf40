#!/usr/bin/env node
// The installed entry point. Kept tiny so `lucid --help` starts fast: everything heavy loads on demand.
// It is CommonJS (bin/package.json): an ES module entry makes Node start its ES module loader first, which
// `lucid --help` and `lucid parse` never need (they run bin/startScript.js).
// Everything Lucid (and the devnet it starts) creates is owner-only: history, keystores, policy, chain state.
'use strict';
const { readFileSync, statSync, writeSync } = require('node:fs');
const { isatty } = require('node:tty');
const module_ = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

process.umask(process.umask() | 0o077);
// Node ≥ 22.1 can keep V8's compiled code between runs; older Node has no such switch.
module_.enableCompileCache?.();
// `npm run build:ts` bundles the CLI into a few files (scripts/bundle-cli.mjs). tsc's module tree is used
// when there is no bundle, or when tsc ran after it (a bundle older than the tree would be stale code).
const bundle = join(__dirname, '..', 'dist', 'cli', 'bundle', 'main.js');
const tree = join(__dirname, '..', 'dist', 'cli', 'src', 'main.js');
const modified = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const useBundle = modified(bundle) >= modified(tree) && modified(bundle) > 0;
const notBuilt = (error) => {
  process.stderr.write(`lucid is not built (${error.code ?? error.message}). Run \`npm install\` or \`npm run build\`.\n`);
  process.exitCode = 4;
};
const runModules = () => import(pathToFileURL(useBundle ? bundle : tree).href).then((cli) => cli.main(process.argv), notBuilt);

// `lucid --help`, `--version`, `help <command>` and `<command…> --help` print the text the build recorded from
// the program itself (dist/cli/bundle/help.json, cli/src/helpText.ts) when stdout has the width it was recorded
// at: nothing else loads. Any other argument list, width or a stale record runs the program as below.
const args = process.argv.slice(2);
const asksHelp = args.length > 0 && (args[0] === 'help' || ['--help', '-h'].includes(args[args.length - 1]) || (args.length === 1 && ['--version', '-V'].includes(args[0])));
const helpPrinted = useBundle && asksHelp && printRecordedHelp();

function printRecordedHelp() {
  const file = join(__dirname, '..', 'dist', 'cli', 'bundle', 'help.json');
  // Older than the bundle, or than package.json (the version): not what the program would print now.
  if (modified(file) < modified(bundle) || modified(file) < modified(join(__dirname, '..', 'package.json'))) return false;
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  const index = recorded.forms?.[JSON.stringify(args)];
  const printed = index === undefined ? undefined : recorded.texts?.[index];
  // Commander wraps help to a terminal's columns, and to 80 when stdout is not a terminal.
  const width = (isatty(1) ? process.stdout.columns : undefined) ?? 80;
  if (typeof printed?.stdout !== 'string' || width !== recorded.width) return false;
  const bytes = Buffer.from(printed.stdout);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    // Nothing written yet: the program prints it and deals with the fault as it always does.
    if (written === 0 && error.code !== 'EPIPE') return false;
    // A full non-blocking pipe takes the rest through the stream; a reader that went away
    // (`lucid --help | head -1`) is no error, as in cli/src/main.ts.
    if (error.code === 'EAGAIN') {
      process.stdout.on('error', (streamError) => {
        if (streamError.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw streamError;
      });
      process.stdout.write(bytes.subarray(written));
    }
  }
  process.exitCode = printed.code;
  if (process.env.LUCID_TRACE_TIMING) process.stderr.write(`lucid timing (ms)\n${performance.now().toFixed(1).padStart(8)}  recorded help text\n`);
  return true;
}

// `lucid --help`, `--version`, `help …` and `parse …` run the start script, one code-cached file
// (bin/startScript.js); the few things it does not hold it hands to runModules before doing them.
const start = join(__dirname, '..', 'dist', 'cli', 'bundle', 'start.cjs');
const [first] = process.argv.slice(2);
const helpCommand = (process.argv.length === 3 && ['--help', '-h', '--version', '-V'].includes(first)) || first === 'help';
const startCommand = helpCommand || first === 'parse';
let started = helpPrinted;
if (!started && useBundle && startCommand && modified(start) >= modified(bundle)) {
  try {
    require('./startScript.js').runStartScript(start, process.argv, runModules, helpCommand ? 'help' : 'parse');
    started = true;
  } catch {
    // A script that does not load is a build fault the bundle does not have: run that. (main never throws.)
  }
}
// An intent (`lucid "<intent>"`, `lucid run …`: a command line that starts with no other command's name) runs the
// run script, the whole program as one code-cached file (bin/startScript.js, runRunScript); it hands the interactive UI and the
// MCP server to runModules at their first import.
const run = join(__dirname, '..', 'dist', 'cli', 'bundle', 'run.cjs');
if (!started && useBundle && !startCommand && modified(run) >= modified(bundle) && runsIntent(first)) {
  try {
    require('./startScript.js').runRunScript(run, process.argv, runModules);
    started = true;
  } catch {
    // As above: a script that does not load is a build fault; the bundle runs the command.
  }
}
if (!started) runModules();

/** Whether the command line names no command but `run` (the list of names is the build's, beside the bundle). */
function runsIntent(word) {
  if (word === 'run' || word === undefined) return word === 'run';
  try {
    return !JSON.parse(readFileSync(join(__dirname, '..', 'dist', 'cli', 'bundle', 'commands.json'), 'utf8')).includes(word);
  } catch {
    return false;
  }
}
