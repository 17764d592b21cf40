#!/usr/bin/env node
// The installed entry point. Kept tiny so `lucid --help` starts fast: everything heavy loads on demand.
// It is CommonJS (bin/package.json): an ES module entry makes Node start its ES module loader first, which
// `lucid --help` and `lucid parse` never need (they run bin/startScript.js).
// Everything Lucid (and the devnet it starts) creates is owner-only: history, keystores, policy, chain state.
'use strict';
const { readFileSync, statSync } = require('node:fs');
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

// `lucid --help`, `--version`, `help …` and `parse …` run the start script, one code-cached file
// (bin/startScript.js); the few things it does not hold it hands to runModules before doing them.
const start = join(__dirname, '..', 'dist', 'cli', 'bundle', 'start.cjs');
const [first] = process.argv.slice(2);
const helpCommand = (process.argv.length === 3 && ['--help', '-h', '--version', '-V'].includes(first)) || first === 'help';
const startCommand = helpCommand || first === 'parse';
let started = false;
if (useBundle && startCommand && modified(start) >= modified(bundle)) {
  try {
    require('./startScript.js').runStartScript(start, process.argv, runModules, helpCommand ? 'help' : 'parse');
    started = true;
  } catch {
    // A script that does not load is a build fault the bundle does not have: run that. (main never throws.)
  }
}
// An intent (`lucid "<intent>"`, `lucid run …`: a command line that starts with no other command's name) runs the
// run script, the whole program as one code-cached file (bin/runScript.js); it hands the interactive UI and the
// MCP server to runModules at their first import.
const run = join(__dirname, '..', 'dist', 'cli', 'bundle', 'run.cjs');
if (!started && useBundle && !startCommand && modified(run) >= modified(bundle) && runsIntent(first)) {
  try {
    require('./runScript.js').runRunScript(run, process.argv, runModules);
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
