#!/usr/bin/env node
// The installed entry point. Kept tiny so `lucid --help` starts fast: everything heavy loads on demand.
// Everything Lucid (and the devnet it starts) creates is owner-only: history, keystores, policy, chain state.
import { statSync } from 'node:fs';
import module from 'node:module';

process.umask(process.umask() | 0o077);
// Node ≥ 22.1 can keep V8's compiled code between runs; older Node has no such switch.
module.enableCompileCache?.();
// `npm run build:ts` bundles the CLI into a few files (scripts/bundle-cli.mjs). tsc's module tree is used
// when there is no bundle, or when tsc ran after it (a bundle older than the tree would be stale code).
const bundle = new URL('../dist/cli/bundle/main.js', import.meta.url);
const tree = new URL('../dist/cli/src/main.js', import.meta.url);
const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
import(modified(bundle) >= modified(tree) && modified(bundle) > 0 ? bundle.href : tree.href).then(
  (cli) => cli.main(process.argv),
  (error) => {
    process.stderr.write(`lucid is not built (${error.code ?? error.message}). Run \`npm install\` or \`npm run build\`.\n`);
    process.exitCode = 4;
  },
);
