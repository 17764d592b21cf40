// Runs dist/cli/bundle/run.cjs, the whole program but the interactive UI and the MCP server as one script
// (scripts/bundle-cli.mjs), with a V8 code cache, as bin/startScript.js runs the start script: what
// `lucid "<intent>"` and `lucid run …` run. Node 20 compiles the ES module bundle afresh on every run.
//
// The cache beside the script, run.cjs.cache, is made by the first intent run that ends with exit code 0 and
// finds none (or one this Node refuses), help aside: V8 keeps the code that run compiled, so a run that signed leaves a cache
// of the send path, and a run that failed early leaves none for the next to make. It is read only when made for
// exactly this script, Node and options, intact, and written by this user in a folder only they can write to
// (bin/startScript.js: the same key, checksum and ownership rules).
'use strict';
const { compileStartScript, evaluateStartScript, readCodeCache, writeCodeCache } = require('./startScript.js');
const { readFileSync } = require('node:fs');
const { crc32 } = require('node:zlib');

/** The start script's key (bin/startScript.js), with the CRC-32 of the file's bytes: of a 3 MB string it takes twice as long. */
function runCacheKey(bytes) {
  return JSON.stringify([bytes.length, crc32(bytes), process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']);
}

/**
 * Loads the run script and runs its `main(argv)`. When the command reaches a module the script does not hold
 * (the interactive UI, the MCP server), the script calls `__lucidDefer` at that module's import, before it has
 * run: `fallback()` then runs the whole command on the ES module bundle and the script's run waits forever.
 */
function runRunScript(path, argv, fallback) {
  const bytes = readFileSync(path);
  const source = bytes.latin1Slice(0, bytes.length);
  const cacheFile = `${path}.cache`;
  const key = runCacheKey(bytes);
  const cachedData = readCodeCache(cacheFile, key);
  const script = compileStartScript(path, source, cachedData);
  let deferred = false;
  // Help printed by the script (`lucid run --help`) ran none of an intent's code: it leaves the cache to a real run.
  const help = argv.slice(2).some((word) => ['-h', '--help', '-V', '--version'].includes(word));
  if ((!cachedData || script.cachedDataRejected) && !help)
    process.once('exit', (code) => {
      if (code === 0 && !deferred) writeCodeCache(cacheFile, key, script.createCachedData());
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

module.exports = { runRunScript };
