#!/usr/bin/env node
// tsc emits only JavaScript; the data files the code reads at run time (token lists, JSON schemas,
// agent templates) are copied beside the compiled modules so `dist/` runs on its own.
// The copy is a mirror: a data file deleted (or renamed) in the source is deleted from dist/ too, so nothing
// reads a stale file after a rebuild (a removed corpus file counted by the eval). Only data files are pruned,
// and only in the copied folders; what tsc emits (.js, .d.ts, maps) and the CLI bundle are left alone.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const roots = ['kernel', 'agents', 'router', 'runtime', 'cli'];
const keep = (file) => /\.(json|jsonl|md|txt)$/.test(file) && !file.endsWith('tsconfig.json');
// Folders of dist/ another step owns and rebuilds whole: scripts/bundle-cli.mjs empties dist/cli/bundle itself.
const ownedElsewhere = new Set([join(dist, 'cli', 'bundle')]);
let copied = 0;
let removed = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (keep(name)) {
      cpSync(path, join(dist, relative(root, path)));
      copied++;
    }
  }
}

/** Deletes the data files under `dir` (in dist/) whose source is gone, then the folders that leaves empty. */
function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (ownedElsewhere.has(path)) continue;
    if (statSync(path).isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0 && !existsSync(join(root, relative(dist, path)))) rmSync(path, { recursive: true });
    } else if (keep(name) && !existsSync(join(root, relative(dist, path)))) {
      rmSync(path);
      removed++;
    }
  }
}

for (const folder of roots) {
  if (existsSync(join(dist, folder))) prune(join(dist, folder));
  if (existsSync(join(root, folder))) walk(join(root, folder));
}
// The contracts' deploy parameters, read by registry-contracts/script/deploy.ts.
cpSync(join(root, 'registry-contracts', 'defaults.json'), join(dist, 'registry-contracts', 'defaults.json'));
// Agent templates are copied whole (they hold .ts sources meant for the user's new package), so they are
// replaced whole: a template file deleted in the source must not be scaffolded from dist/.
rmSync(join(dist, 'agents', 'templates'), { recursive: true, force: true });
if (existsSync(join(root, 'agents', 'templates'))) cpSync(join(root, 'agents', 'templates'), join(dist, 'agents', 'templates'), { recursive: true });
console.error(`copy-assets: ${copied} data files → dist/${removed ? `, ${removed} stale removed` : ''}`);
