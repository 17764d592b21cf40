#!/usr/bin/env node
// Writes registry-contracts/generated/artifacts.ts: every contract compiled from registry-contracts/src
// plus the protocol bytecode Lucid deploys from npm (WETH9, Uniswap V2 and V3, Aave V3), each as `{ abi, bytecode,
// deployedBytecode } as const`, so viem infers argument and return types from the ABIs.
// Runs after `forge build` (npm run build:contracts). Beside it goes inputs.sha256, the fingerprint of the
// sources it was made from: both are committed, so `npm install` need not run forge (scripts/prepare.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPaths, contractInputsHash, renderArtifacts } from './artifacts-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const paths = artifactPaths(root);
const text = renderArtifacts(root);
mkdirSync(paths.dir, { recursive: true });
writeFileSync(paths.artifacts, text);
writeFileSync(paths.stamp, `${contractInputsHash(root)}\n`);
console.error(`export-artifacts: ${text.split('\n').filter((line) => line.startsWith('export const ')).length} contracts → registry-contracts/generated/artifacts.ts`);
