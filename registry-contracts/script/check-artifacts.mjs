#!/usr/bin/env node
// `npm run check:artifacts`: fails when the committed contract artifacts (registry-contracts/generated) are
// not what a fresh build makes. Two checks, in order:
//   1. the fingerprint committed in inputs.sha256 matches the Solidity sources, forge's configuration and
//      the locked compiler and libraries (else `npm install` would skip forge and ship stale bytecode);
//   2. forge builds the sources and the exporter's output equals the committed files in generated/ byte for byte.
// `--root DIR` checks another checkout; `--no-forge` takes forge's output already in registry-contracts/out;
// `--fingerprint-only` runs the first check alone (scripts/prepare.mjs asks it whether forge can be skipped).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPaths, committedInputsHash, contractInputsHash, renderArtifacts } from './artifacts-lib.mjs';

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const root = rootArg >= 0 ? resolve(args[rootArg + 1] ?? '.') : join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fix = 'run `npm run build:contracts` and commit registry-contracts/generated';

function fail(message) {
  process.stderr.write(`check:artifacts: ${message}\n  fix: ${fix}\n`);
  process.exit(1);
}

const paths = artifactPaths(root);
if (!existsSync(paths.artifacts)) fail('registry-contracts/generated/artifacts.ts is missing');
const committed = committedInputsHash(root);
const current = contractInputsHash(root);
if (committed !== current) {
  fail(`the contract sources changed since the artifacts were generated (inputs.sha256 ${committed?.slice(0, 12) ?? 'missing'}, sources ${current.slice(0, 12)})`);
}
if (args.includes('--fingerprint-only')) {
  process.stderr.write(`check:artifacts: contract artifacts are current (inputs ${current.slice(0, 12)})\n`);
  process.exit(0);
}
if (!args.includes('--no-forge')) {
  const forge = spawnSync(process.execPath, [join(root, 'scripts', 'foundry.mjs'), 'forge', 'build', '--quiet'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (forge.status !== 0) fail(`forge build failed (exit ${forge.status ?? forge.signal})`);
}
const fresh = renderArtifacts(root);
const committedFiles = ['abis.ts', 'artifacts.ts', 'topics.ts', 'initCodeHashes.ts', ...(existsSync(paths.bytecode) ? readdirSync(paths.bytecode).map((file) => `bytecode/${file}`) : [])];
const stale = committedFiles.filter((file) => !(file in fresh));
if (stale.length) fail(`registry-contracts/generated/ holds files a fresh build does not make: ${stale.join(', ')}`);
for (const [file, text] of Object.entries(fresh)) {
  const name = `registry-contracts/generated/${file}`;
  const path = join(paths.dir, file);
  if (!existsSync(path)) fail(`${name} is missing`);
  const saved = readFileSync(path, 'utf8');
  if (text === saved) continue;
  const contract = (line) => /^export const (\w+)/.exec(line)?.[1];
  const freshLines = text.split('\n');
  const savedLines = saved.split('\n');
  const differing = new Set();
  for (let i = 0; i < Math.max(freshLines.length, savedLines.length); i++) {
    if (freshLines[i] !== savedLines[i]) differing.add(contract(freshLines[i] ?? '') ?? contract(savedLines[i] ?? '') ?? `line ${i + 1}`);
  }
  fail(`${name} differs from a fresh build: ${[...differing].join(', ')}`);
}
process.stderr.write(`check:artifacts: committed contract artifacts match a fresh build (inputs ${current.slice(0, 12)})\n`);
