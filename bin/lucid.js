#!/usr/bin/env node
// The installed entry point. Kept tiny so `lucid --help` starts fast: everything heavy loads on demand.
// Everything Lucid (and the devnet it starts) creates is owner-only: history, keystores, policy, chain state.
process.umask(process.umask() | 0o077);
import('../dist/cli/src/main.js').then(
  (cli) => cli.main(process.argv),
  (error) => {
    process.stderr.write(`lucid is not built (${error.code ?? error.message}). Run \`npm install\` or \`npm run build\`.\n`);
    process.exitCode = 4;
  },
);
