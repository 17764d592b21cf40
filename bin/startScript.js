// Runs the CLI's code-cached scripts (scripts/bundle-cli.mjs): dist/cli/bundle/start.cjs, the start path of
// `lucid --help`, `--version` and `parse`, and dist/cli/bundle/run.cjs, what `lucid "<intent>"` and `lucid run …`
// run, each with a V8 code cache: Node 20 compiles ES modules afresh on every start and has no switch to keep
// their code (module.enableCompileCache is Node ≥ 22.1), but a vm.Script takes cachedData.
//
// The start script's caches, start.cjs.help.cache (for --help and --version) and start.cjs.parse.cache, are
// made by the build (scripts/write-start-cache.mjs) or else by the first run that finds none: V8 reads a whole
// cache at start, and --help is faster with a cache that holds only what it runs. The run script's,
// run.cjs.cache, is made by the first clean intent run that finds none (runScript below). A cache is used only
// when it is exactly what this run would make: its header names the script (length and CRC-32 of its bytes),
// Node's version, the architecture and the V8 options (execArgv, NODE_OPTIONS), and holds a CRC-32 of the cache
// bytes. Anything else (a cache from another build or Node, a truncated or altered copy, one V8 refuses) is
// ignored and replaced; a cache file that another user could have written is not read, nor written in a folder
// others can write to. A read-only install runs without one. (zlib's CRC-32 rather than a SHA: loading
// node:crypto costs more than the check is worth, and anyone who can write this folder can change the script
// itself.)
'use strict';
const { closeSync, fstatSync, openSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const magic = 'LUCIDV8\n';

/**
 * The text a cache for this script must be keyed by in this process, from the file's bytes (their CRC-32: of
 * the same text as a 3 MB string it takes twice as long). The scripts are ASCII, so this is also the key of
 * their text read as Latin-1.
 */
function codeCacheKey(bytes) {
  return JSON.stringify([bytes.length, crc32(bytes), process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']);
}

/** The V8 cache in `file` when it was made for `key` and is intact; undefined otherwise (never throws). */
function readCodeCache(file, key) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    // Written by someone else than this user or root, or writable by others: not trusted.
    if ((stat.uid !== process.getuid?.() && stat.uid !== 0) || (stat.mode & 0o022) !== 0) return undefined;
    const bytes = readFileSync(fd);
    const header = `${magic}${key}\n`;
    const start = Buffer.byteLength(header) + 9;
    if (bytes.length <= start || bytes.toString('latin1', 0, start - 9) !== header) return undefined;
    const data = bytes.subarray(start);
    return bytes.toString('latin1', start - 9, start) === `${checksum(data)}\n` ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The cache of the script for one kind of command: 'help' (--help, --version) or 'parse'. */
const cachePath = (path, kind) => `${path}.${kind === 'help' ? 'help' : 'parse'}.cache`;

const checksum = (data) => crc32(data).toString(16).padStart(8, '0');

/** Writes the cache for `key` atomically (a temporary file renamed over it); false when it cannot. */
function writeCodeCache(file, key, data) {
  try {
    if ((statSync(dirname(file)).mode & 0o022) !== 0) return false;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${magic}${key}\n${checksum(data)}\n`, 'latin1'), data]), { mode: 0o644, flag: 'wx' });
    renameSync(temporary, file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The script, compiled with `cachedData` when given. The file is one function expression, which takes its
 * module's parameters, and ASCII (scripts/bundle-cli.mjs), so it is read as Latin-1: a one-byte string.
 */
function compileStartScript(path, source, cachedData) {
  return new vm.Script(source, { filename: path, ...(cachedData ? { cachedData } : {}) });
}

function evaluateStartScript(script, path, defer) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(path), module, path, dirname(path), pathToFileURL(path).href, defer, (specifier) => import(specifier));
  return module.exports;
}

/**
 * Loads a code-cached script (the start script, or the run script: dist/cli/bundle/run.cjs, the whole program
 * but the interactive UI and the MCP server) and runs its `main(argv)`, with the V8 cache in `cacheFile` when
 * that is intact and made for this script, Node and options. A package the script does not hold (LangChain, for
 * `parse --parser llm`) is imported from node_modules (`__lucidImport`: a real `import()` inside the script
 * would fail under a code cache on Node 20). When the command needs one of Lucid's modules the script does not
 * hold (the runtime for the start script; the interactive UI, the MCP server for the run script), the script
 * calls `__lucidDefer` before that module has run: `fallback()` then runs the whole command on the ES module
 * bundle, and the script's own run waits forever (its promise never settles), so its results and exit code are
 * never reported. bin/lucid.js sends the start script only commands that do not get there.
 *
 * With no usable cache, the run's own is written when the process exits; with `cleanRunOnly` (the run script)
 * only after a run that ended with exit code 0, did not defer and was not help or version (`lucid run --help`
 * runs none of an intent's code): V8 keeps the code the run compiled, so a run that signed leaves a cache of the
 * send path, and one that failed early leaves none for the next to make.
 */
function runScript(path, argv, fallback, { cacheFile, cleanRunOnly = false }) {
  const bytes = readFileSync(path);
  const source = bytes.latin1Slice(0, bytes.length);
  const key = codeCacheKey(bytes);
  const cachedData = readCodeCache(cacheFile, key);
  const script = compileStartScript(path, source, cachedData);
  let deferred = false;
  const help = argv.slice(2).some((word) => ['-h', '--help', '-V', '--version'].includes(word));
  if ((!cachedData || script.cachedDataRejected) && !(cleanRunOnly && help))
    process.once('exit', (code) => {
      if (!cleanRunOnly || (code === 0 && !deferred)) writeCodeCache(cacheFile, key, script.createCachedData());
    });
  const defer = () => {
    if (!deferred) {
      deferred = true;
      fallback();
    }
    return new Promise(() => {});
  };
  return evaluateStartScript(script, path, defer).main(argv);
}

/** The start script, with the cache for its kind of command: 'help' (--help, --version) or 'parse'. */
const runStartScript = (path, argv, fallback, kind) => runScript(path, argv, fallback, { cacheFile: cachePath(path, kind) });

/** The run script (`lucid "<intent>"`, `lucid run …`), with run.cjs.cache, kept from a clean run only. */
const runRunScript = (path, argv, fallback) => runScript(path, argv, fallback, { cacheFile: `${path}.cache`, cleanRunOnly: true });

/**
 * Makes the start script's cache for `kind` at build time: runs each command line of `commands` on the script
 * in this process (their output discarded), so that the code they run is compiled, then writes the cache.
 * One kind per process: V8 shares compiled code between two compilations of the same text in one process. A command
 * that would need the whole bundle is an error here.
 */
async function writeStartScriptCache(path, kind, commands) {
  const bytes = readFileSync(path);
  const source = bytes.latin1Slice(0, bytes.length);
  const script = compileStartScript(path, source, undefined);
  const { main } = evaluateStartScript(script, path, (specifier) => {
    throw new Error(`the start script deferred to the bundle for ${specifier}`);
  });
  const { stdout, stderr } = process;
  const [out, err] = [stdout.write, stderr.write];
  try {
    stdout.write = stderr.write = () => true;
    for (const argv of commands) await main(['node', 'lucid', ...argv]);
  } finally {
    [stdout.write, stderr.write] = [out, err];
  }
  process.exitCode = 0;
  if (!writeCodeCache(cachePath(path, kind), codeCacheKey(bytes), script.createCachedData())) throw new Error(`cannot write ${cachePath(path, kind)}`);
}

module.exports = { cachePath, codeCacheKey, compileStartScript, evaluateStartScript, readCodeCache, writeCodeCache, runScript, runStartScript, runRunScript, writeStartScriptCache };
