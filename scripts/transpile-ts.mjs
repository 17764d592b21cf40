#!/usr/bin/env node
// The install-time TypeScript build: the same files tsc compiles (tsconfig.json's own file list, read with
// TypeScript's API) turned into the same dist/ tree by esbuild, file by file, in seconds instead of a minute.
// It can do that because the project compiles under `isolatedModules` and `verbatimModuleSyntax`: each file
// becomes JavaScript without knowing the others' types, which is exactly what esbuild does.
// What it does not do is check types or write .d.ts files: `npm run build` (tsc) and `npm run typecheck` do,
// and `npm test` runs the full build.
import { build } from 'esbuild';
import ts from 'typescript';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = join(root, 'tsconfig.json');
const config = ts.readConfigFile(configPath, ts.sys.readFile);
if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
const files = parsed.fileNames.filter((file) => !file.endsWith('.d.ts'));

const started = performance.now();
await build({
  entryPoints: files,
  outdir: join(root, 'dist'),
  outbase: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  sourcemap: true,
  tsconfig: configPath,
  logLevel: 'warning',
});
console.error(`transpile-ts: ${files.length} files → dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s (no type check: npm run typecheck)`);
