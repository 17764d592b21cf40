#!/usr/bin/env node
// `npm install`'s own step (package.json "prepare"): make what `lucid` runs, and no more.
//   - Contracts: registry-contracts/generated (the ABIs and bytecode TypeScript imports) is committed with
//     the fingerprint of its sources. When the fingerprint matches, forge is not run; when it does not (a
//     contract changed and nobody regenerated), forge builds them as before.
//   - TypeScript: the dist/ tree is made by scripts/transpile-ts.mjs (esbuild, file by file, no type check)
//     and the CLI bundled from it. Type checking and .d.ts files belong to `npm run build`, which `npm test`
//     runs, and to `npm run typecheck`.
// `LUCID_PREPARE=full` runs the full build (`npm run build`) instead.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`prepare: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}

if (process.env.LUCID_PREPARE === 'full') {
  run(npm, ['run', 'build']);
  process.exit(0);
}
// The drift check's first half: is the fingerprint committed beside the artifacts that of today's sources?
const fingerprint = spawnSync(process.execPath, [join(root, 'registry-contracts', 'script', 'check-artifacts.mjs'), '--fingerprint-only'], { cwd: root, encoding: 'utf8' });
if (fingerprint.status === 0) {
  process.stderr.write('prepare: committed contract artifacts match their sources: forge not run\n');
} else {
  process.stderr.write(`prepare: building the contracts (${/check:artifacts: ([^\n]*)/.exec(fingerprint.stderr)?.[1] ?? 'no committed artifacts'})\n`);
  run(npm, ['run', 'build:contracts']);
}
run(process.execPath, [join(root, 'scripts', 'transpile-ts.mjs')]);
run(process.execPath, [join(root, 'scripts', 'copy-assets.mjs')]);
run(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs')]);
// An agent built outside the repo type-checks against lucid/sdk's .d.ts (package.json "exports"), which only tsc
// writes: the first `lucid agent init` makes them (agents/sdk/ensureSdkDeclarations.ts), so install need not.
