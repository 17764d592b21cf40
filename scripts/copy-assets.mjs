#!/usr/bin/env node
// tsc emits only JavaScript; the data files the code reads at run time (token lists, JSON schemas,
// agent templates) are copied beside the compiled modules so `dist/` runs on its own.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const roots = ['kernel', 'agents', 'router', 'runtime', 'cli'];
const keep = (file) => /\.(json|jsonl|md|txt)$/.test(file) && !file.endsWith('tsconfig.json');
let copied = 0;

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
for (const folder of roots) if (existsSync(join(root, folder))) walk(join(root, folder));
// The contracts' deploy parameters, read by registry-contracts/script/deploy.ts.
cpSync(join(root, 'registry-contracts', 'defaults.json'), join(dist, 'registry-contracts', 'defaults.json'));
// Agent templates are copied whole (they hold .ts sources meant for the user's new package).
if (existsSync(join(root, 'agents', 'templates'))) cpSync(join(root, 'agents', 'templates'), join(dist, 'agents', 'templates'), { recursive: true });
console.error(`copy-assets: ${copied} data files → dist/`);
