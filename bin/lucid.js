#!/usr/bin/env node
// The installed entry point. Kept tiny so `lucid --help` starts fast: everything heavy loads on demand.
// Everything Lucid (and the devnet it starts) creates is owner-only: history, keystores, policy, chain state.
import { existsSync } from 'node:fs';
import module from 'node:module';

process.umask(process.umask() | 0o077);
// Node ≥ 22.1 can keep V8's compiled code between runs; older Node has no such switch.
module.enableCompileCache?.();
// The build bundles the CLI into a few files (scripts/bundle-cli.mjs); tsc's module tree is the fallback
// when only `tsc` was run.
const bundled = new URL('../dist/cli/bundle/main.js', import.meta.url);
import(existsSync(bundled) ? bundled.href : '../dist/cli/src/main.js').then(
  (cli) => cli.main(process.argv),
  (error) => {
    process.stderr.write(`lucid is not built (${error.code ?? error.message}). Run \`npm install\` or \`npm run build\`.\n`);
    process.exitCode = 4;
  },
);
