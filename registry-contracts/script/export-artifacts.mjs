#!/usr/bin/env node
// Writes registry-contracts/generated/: every contract compiled from registry-contracts/src plus the protocol
// bytecode Lucid deploys from npm (WETH9, Uniswap V2 and V3, Aave V3), as `{ abi } as const` in abis.ts (viem
// infers argument and return types from them) and `{ bytecode, deployedBytecode, abi } as const` in
// bytecode/<Name>.ts, one module per contract (artifacts.ts re-exports them all for the deployers).
// Runs after `forge build` (npm run build:contracts). Beside it goes inputs.sha256, the fingerprint of the
// sources it was made from: both are committed, so `npm install` need not run forge (scripts/prepare.mjs).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPaths, contractInputsHash, renderArtifacts } from './artifacts-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const paths = artifactPaths(root);
const files = renderArtifacts(root);
rmSync(paths.bytecode, { recursive: true, force: true }); // a contract that is gone leaves no module behind
mkdirSync(paths.bytecode, { recursive: true });
for (const [file, text] of Object.entries(files)) writeFileSync(join(paths.dir, file), text);
writeFileSync(paths.stamp, `${contractInputsHash(root)}\n`);
console.error(`export-artifacts: ${Object.keys(files).length - 3} contracts → registry-contracts/generated/`);
