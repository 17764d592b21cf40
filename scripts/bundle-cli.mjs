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
import { readFile } from 'node:fs/promises';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli', 'bundle');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: join(root, 'dist', 'cli', 'src', 'main.js') },
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

/**
 * `require('./x.json')` through `createRequire(import.meta.url)` in Lucid's own modules → a JSON import esbuild
 * inlines. The tree comes from tsc or from scripts/transpile-ts.mjs, whose esbuild renames a module's own
 * `require` to `require2`: hence the optional digits.
 */
function inlineJsonRequires() {
  const jsonRequire = /(?:createRequire\(import\.meta\.url\)|\brequire\d*)\((['"])(\.{1,2}\/[^'"]+\.json)\1\)/g;
  return {
    name: 'inline-json-requires',
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('createRequire(import.meta.url)')) return undefined;
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
