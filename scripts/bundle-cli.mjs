#!/usr/bin/env node
// Bundles the CLI that tsc built (dist/cli/src/main.js) into dist/cli/bundle/: `lucid --help` then reads a
// few files instead of resolving and loading hundreds of ESM modules one by one, which was most of its
// start-up. Code that runs only for some commands stays behind dynamic `import()`s, and esbuild turns each
// into a chunk loaded on demand: the interactive UI (ink, React), the LLM parser (LangChain), the MCP
// server, the runtime (viem, SQLite) and the contributors' commands.
//
// Modules that read a data file beside them with `createRequire(import.meta.url)('./x.json')` (the token
// lists, the contracts' deploy defaults) get that file inlined: a bundled chunk no longer sits beside it.
// The folder sits at dist/cli/bundle so that the modules that look for files by a computed path still find
// them: version.ts reads ../../../package.json and the agent SDK's scaffold finds agents/templates three
// levels up.
// Native and tool packages stay outside (better-sqlite3's .node binary, tsx's loader, Foundry's binaries).
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outdir = join(root, 'dist', 'cli', 'bundle');
const mainEntry = join(root, 'dist', 'cli', 'src', 'main.js');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: mainEntry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: process.env.LUCID_BUNDLE_MINIFY !== '0',
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins and for the
  // packages left outside; give every chunk a real one.
  banner: { js: "import { createRequire as __lucidCreateRequire } from 'node:module'; const require = __lucidCreateRequire(import.meta.url);" },
  external: ['better-sqlite3', 'tsx', 'tsx/*', '@foundry-rs/*', 'react-devtools-core'],
  logLevel: 'warning',
  metafile: true,
  plugins: [inlineJsonRequires(), zodEnglishOnly()],
});
// esbuild's account of what went where (inputs → chunks, chunk → chunk imports), kept beside the bundle so a
// test can check what a command's path loads (cli/src/bundleGraph.test.ts: no bytecode on the send path).
writeFileSync(join(root, 'dist', 'cli', 'bundle-meta.json'), JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.error(`bundle-cli: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB → dist/cli/bundle/`);

// The start script: what `lucid --help`, `--version` and `parse` run, as one CommonJS script that bin/lucid.js
// compiles with a V8 code cache (Node 20 has no code cache for ES modules; bin/startScript.js). It holds the
// modules the program, the settings and the parser import statically (commander, zod, the grammar, the
// kernel). An `import()` in Lucid's code of one of those stays; of a package it does not hold (LangChain for
// `--parser llm`) loads that package from node_modules; of any other Lucid module becomes `__lucidDefer()`,
// which hands the whole command over to the bundle above before that module runs, so one process never
// holds two copies of a Lucid module (bin/startScript.js).
const startEntries = ['cli/src/main.js', 'cli/src/settings.js', 'cli/src/config/index.js', 'router/parse.js', 'router/index.js'].map((file) => join(root, 'dist', file));
const startModules = await moduleClosure(startEntries, {
  plugin: { name: 'dynamic-external', setup: (esbuild) => esbuild.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { external: true } : undefined)) },
});
const startOutput = await scriptBuild('start.cjs', { plugins: [lazyBuiltins(), inlineJsonRequires(deferOtherImports(startModules)), zodEnglishOnly()] });
// Its code caches, each made in a process of its own (the cache is keyed by the Node options a process starts
// with, and V8 shares compiled code between compilations in one process).
const caches = ['help', 'parse'].map((kind) => {
  const made = spawnSync(process.execPath, [join(root, 'scripts', 'write-start-cache.mjs'), kind], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  return made.status === 0 ? `${kind} ${(statSync(join(outdir, `start.cjs.${kind}.cache`)).size / 1024).toFixed(0)} KiB` : `no ${kind} cache (the first run makes one)`;
});
console.error(`bundle-cli: start.cjs ${(startOutput.bytes / 1024).toFixed(0)} KiB (${Object.keys(startOutput.inputs).length} modules), code caches: ${caches.join(', ')}`);
// The help and version texts bin/lucid.js prints without loading the program (cli/src/helpText.ts). Without
// them every command still prints its help, through the start script.
const helpText = spawnSync(process.execPath, [join(root, 'scripts', 'write-help-text.mjs')], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
if (helpText.status !== 0) console.error('bundle-cli: no recorded help text (`lucid --help` runs the program)');

// The run script: what `lucid "<intent>"` and `lucid run …` run (a guarded send), as one CommonJS script that
// bin/startScript.js compiles with a V8 code cache, like the start script: on Node 20 the ES module bundle above
// is compiled afresh on every run, a third of a send's time. It holds every module of Lucid's program that a
// command reaches, by static or dynamic import, except the interactive UI and the MCP server (ink, React, the
// MCP SDK), which defer to the bundle above at their first import, before they have done anything: a command
// never defers half-way through (a devnet lock held, a transaction signed). Packages it does not hold (ink,
// LangChain, tsx, a user's agent module) are imported from node_modules or their file (`__lucidImport`).
const runExcluded = /[\\/]dist[\\/]cli[\\/]src[\\/](?:interactive\.js$|ui[\\/]|mcp[\\/])/;
const runExternal = ['better-sqlite3', 'tsx', 'tsx/*', '@foundry-rs/*', 'react-devtools-core', 'ink', 'react', 'react/*', '@langchain/*', '@modelcontextprotocol/*'];
const runModules = await moduleClosure([mainEntry], {
  external: runExternal,
  plugin: {
    name: 'run-excluded',
    setup: (esbuild) => esbuild.onResolve({ filter: /^\./ }, (args) => (runExcluded.test(join(args.resolveDir, args.path)) ? { path: args.path, external: true } : undefined)),
  },
});
const runOutput = await scriptBuild('run.cjs', { external: runExternal, plugins: [inlineJsonRequires(deferOtherImports(runModules, { computed: true })), zodEnglishOnly()] });
// The names of the program's commands: bin/lucid.js sends the run script the command lines that start with none
// of them (the bare `lucid "<intent>"`) or with `run`, so that its code cache is the one of an intent run.
const { buildProgram } = await import(pathToFileURL(mainEntry).href);
await writeFile(join(outdir, 'commands.json'), JSON.stringify(buildProgram().commands.flatMap((command) => [command.name(), ...command.aliases()])));
console.error(`bundle-cli: run.cjs ${(runOutput.bytes / 1024).toFixed(0)} KiB (${Object.keys(runOutput.inputs).length} modules; its code cache is made by the first intent run)`);

/** The absolute paths of the modules `entries` load (esbuild resolving, nothing written), as a script's plugins need them. */
async function moduleClosure(entries, { external = [], plugin }) {
  const closure = await build({
    entryPoints: entries,
    outdir: join(outdir, 'closure'),
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    metafile: true,
    logLevel: 'silent',
    external,
    plugins: [plugin],
  });
  return new Set(Object.keys(closure.metafile.inputs).map((input) => join(root, input)));
}

/**
 * Builds one of the code-cached scripts, dist/cli/bundle/<name>, from the program's entry (dist/cli/src/main.js):
 * CommonJS, then made the function expression bin/startScript.js compiles (asScript). What differs between the
 * start script and the run script is what stays outside (`external`) and the plugins that decide which imports
 * it holds. Returns esbuild's account of the output.
 */
async function scriptBuild(name, { external = [], plugins }) {
  const outfile = join(outdir, name);
  const result = await build({
    entryPoints: [mainEntry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: process.env.LUCID_BUNDLE_MINIFY !== '0',
    // The script runs from dist/cli/bundle/ like the ESM bundle: files found relative to a module (version.ts's
    // package.json) are found relative to the bundle's folder (bin/startScript.js passes its URL).
    define: { 'import.meta.url': '__lucidImportMetaUrl' },
    external,
    logLevel: 'warning',
    metafile: true,
    plugins,
  });
  const output = Object.values(result.metafile.outputs)[0];
  await writeFile(outfile, asScript(await readFile(outfile, 'utf8'), name, output));
  return output;
}

/**
 * A CommonJS bundle as bin/startScript.js compiles it: one function expression taking its module's parameters
 * (compiled as it is read, no copy to wrap it), in ASCII so that it reads as a one-byte string, half the memory of
 * a UTF-16 one. esbuild escapes non-ASCII in strings and templates but not in regular expression literals:
 * `\uXXXX` there matches the same code unit (and a pair of them, under the u flag, the same code point); `\’`, an
 * identity escape, is the same as `’`. A real `import()` left in it could not run under a code cache (Node 20
 * loses its callback): esbuild's metafile `output` names every import the output still makes (reading the
 * minified text for `import(` would have to tell strings from regular expression literals).
 */
function asScript(source, name, output) {
  const leftDynamicImports = output.imports.filter((entry) => entry.kind === 'dynamic-import').map((entry) => entry.path);
  if (leftDynamicImports.length)
    throw new Error(`bundle-cli: ${name} still has a dynamic import() of ${leftDynamicImports.join(', ')}; add its module to the script or let it defer`);
  const escaped = source.replace(/(\\*)([^\x00-\x7f])/g, (_match, slashes, char) =>
    `${slashes.slice(slashes.length % 2)}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `(function (exports, require, module, __filename, __dirname, __lucidImportMetaUrl, __lucidDefer, __lucidImport) {${escaped}\n})`;
}

/**
 * In the start script, Node's heavier built-in modules load when first used, not when a module that names
 * them loads: commander requires child_process (only for a command that is a separate program, which Lucid
 * has none of) and with it net, dgram and the stream stack, ~10% of `lucid --help`. The module stands in as
 * a proxy that requires the real one on its first property read.
 */
function lazyBuiltins() {
  const heavy = /^(?:node:)?(child_process|crypto|dgram|http|https|net|readline|readline\/promises|tls|worker_threads)$/;
  return {
    name: 'lazy-builtins',
    setup(esbuild) {
      esbuild.onResolve({ filter: heavy }, ({ path, namespace }) =>
        namespace === 'lazy-builtin' ? { path, external: true } : { path: `node:${heavy.exec(path)[1]}`, namespace: 'lazy-builtin' },
      );
      esbuild.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, ({ path }) => ({
        // An ES module's import of one (`import { randomBytes } from 'node:crypto'` in config/file.ts) goes
        // through esbuild's interop, which copies the module's keys as getters when the importer loads: the
        // names, and which are enumerable, are this Node's at build time, so that copy loads nothing (each
        // getter loads the module on first use). Loading node:crypto was a few ms of `lucid parse`.
        contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(path)}));
const enumerable = new Map(${JSON.stringify(Object.entries(Object.getOwnPropertyDescriptors(require(path))).map(([key, { enumerable }]) => [key, enumerable]))});
module.exports = new Proxy({}, {
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
  ownKeys: () => (loaded ? Reflect.ownKeys(loaded) : [...enumerable.keys()]),
  getOwnPropertyDescriptor: (_target, key) => {
    if (!loaded && enumerable.has(key)) return { get: () => load()[key], enumerable: enumerable.get(key), configurable: true };
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Rewrites the `import('…')`s of one of Lucid's modules for the start script (see above): `startModules` are
 * the absolute paths of every module it holds. The imports are string literals in the tsc tree.
 */
function deferOtherImports(startModules, { computed = false } = {}) {
  const dynamicImport = /\bimport\((['"])([^'"]+)\1\)/g;
  const heldPackage = (name) => [...startModules].some((path) => path.includes(`${join('node_modules', name)}/`));
  // With `computed`, an import of a computed specifier (a user's agent module by its URL) imports that file.
  const computedImport = /\bimport\((?!['"])/g;
  return (path, source) =>
    (computed ? source.replace(computedImport, '__lucidImport(') : source).replace(dynamicImport, (match, _quote, specifier) => {
      // A script cannot import() under a code cache (Node 20 loses its callback): Node's own modules are
      // required in run.cjs (the namespace's names are the module's own) and imported through
      // bin/startScript.js's import() in start.cjs.
      if (specifier.startsWith('node:')) return computed ? `Promise.resolve().then(() => require(${JSON.stringify(specifier)}))` : `__lucidImport(${JSON.stringify(specifier)})`;
      if (specifier.startsWith('.')) return startModules.has(join(dirname(path), specifier)) ? match : `__lucidDefer(${JSON.stringify(specifier)})`;
      const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
      return heldPackage(name) ? match : `__lucidImport(${JSON.stringify(specifier)})`;
    });
}

/**
 * `require('./x.json')` through `createRequire(import.meta.url)` in Lucid's own modules → a JSON import esbuild
 * inlines. The tree comes from tsc or from scripts/transpile-ts.mjs, whose esbuild renames a module's own
 * `require` to `require2`: hence the optional digits.
 */
function inlineJsonRequires(transform = (_path, source) => source) {
  const jsonRequire = /(?:createRequire\(import\.meta\.url\)|\brequire\d*)\((['"])(\.{1,2}\/[^'"]+\.json)\1\)/g;
  return {
    name: 'inline-json-requires',
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
        const original = await readFile(path, 'utf8');
        const source = /[\\/]node_modules[\\/]/.test(path) ? original : transform(path, original);
        if (!source.includes('createRequire(import.meta.url)')) return source === original ? undefined : { contents: source, loader: 'js' };
        const imports = [];
        const contents = source.replace(jsonRequire, (_match, _quote, file) => {
          imports.push(`import __lucidJson${imports.length} from ${JSON.stringify(file)};`);
          return `__lucidJson${imports.length - 1}`;
        });
        return imports.length ? { contents: `${imports.join('\n')}\n${contents}`, loader: 'js' } : undefined;
      });
    },
  };
}

/**
 * zod's namespace object (`z`, and `z.locales` inside it) keeps every one of its ~45 translations of error
 * messages reachable, so esbuild cannot drop them: 260 KB of the 450 KB zod chunk that `lucid parse` loads.
 * Lucid never switches zod's language (no `z.config(z.locales.…())` here, nor in the bundled dependencies)
 * and zod installs English itself when it loads, so `locales` is cut to English. Validation is the same code
 * either way: only the table of message translations shrinks.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer, resolveDir }) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]/.test(importer)) return undefined;
        return { path: join(resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-english-only' };
      });
      esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, ({ path }) => ({
        contents: `export { default as en } from ${JSON.stringify(path)};`,
        resolveDir: dirname(path),
        loader: 'js',
      }));
    },
  };
}
