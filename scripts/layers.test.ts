/**
 * The layering rule (.dependency-cruiser.cjs, `npm run lint:layers`) must catch what it promises to catch.
 * A throwaway tree laid out like Lucid holds one deliberate violation of each rule (and allowed imports
 * beside them); dependency-cruiser runs on it with the project's own config, and every violation, and
 * nothing else, must be reported.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tree = mkdtempSync(join(tmpdir(), 'lucid-layers-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const files: Record<string, string> = {
  'kernel/index.ts': `export { inner } from './inner.js';\n`,
  'kernel/inner.ts': `export const inner = 1;\n`,
  'kernel/errors.ts': `export class LucidError extends Error {}\n`,
  'kernel/reachesUp.ts': `import { thing } from '../runtime/index.js';\nexport const up = thing;\n`,
  'router/index.ts': `export const parse = 1;\n`,
  'router/src/ok.ts': `import { inner } from '../../kernel/index.js';\nexport const ok = inner;\n`,
  'router/src/intoRuntime.ts': `import { thing } from '../../runtime/index.js';\nexport const a = thing;\n`,
  'router/src/deepIntoRuntime.ts': `import { thing } from '../../runtime/src/thing.js';\nexport const b = thing;\n`,
  'router/src/fixture.test.ts': `import { world } from '../../runtime/testing.js';\nimport { thing } from '../../runtime/src/thing.js';\nexport const c = [world, thing];\n`,
  'agents/index.ts': `export { wrap } from './wrap/agent.js';\n`,
  'agents/sdk/index.ts': `export { amount } from './amount.js';\n`,
  'agents/sdk/amount.ts': `export const amount = 1;\n`,
  'agents/wrap/agent.ts': `import { amount } from '../sdk/amount.js';\nimport { amount as viaEntry } from '../sdk/index.js';\nexport const wrap = [amount, viaEntry];\n`,
  'runtime/index.ts': `export { thing } from './src/thing.js';\n`,
  'runtime/testing.ts': `export const world = 1;\n`,
  'runtime/src/thing.ts': `import { wrap } from '../../agents/index.js';\nexport const thing = wrap;\n`,
  'runtime/src/intoKernel.ts': `import { inner } from '../../kernel/inner.js';\nexport const d = inner;\n`,
  'runtime/src/store/db.ts': `import Database from 'better-sqlite3';\nexport const open = () => new Database(':memory:');\n`,
  'cli/src/main.ts': `import type { LucidError } from '../../kernel/index.js';\nimport { LucidError as Base } from '../../kernel/errors.js';\nexport type E = LucidError;\nexport const run = async () => (await import('../../runtime/index.js')).thing ?? Base;\n`,
  'cli/src/commands/eager.ts': `import { thing } from '../../../runtime/index.js';\nexport const e = thing;\n`,
  'cli/src/sql.ts': `import Database from 'better-sqlite3';\nexport const f = () => new Database(':memory:');\n`,
};

test('every rule catches its violation, and allowed imports pass', () => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(tree, dirname(path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  cpSync(join(root, 'tsconfig.json'), join(tree, 'tsconfig.json'));
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');

  const cruise = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'kernel', 'router', 'agents', 'runtime', 'cli', '--config', join(root, '.dependency-cruiser.cjs')],
    { cwd: tree, encoding: 'utf8' },
  );
  // What `npm run lint:layers` prints, one line per violation; node_modules is a link to the repo's, so
  // packages are named from node_modules/ on.
  const found = [...cruise.stdout.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(([, rule, from, to]) => `${rule}: ${from} → ${to!.replace(/^.*node_modules\//, 'node_modules/')}`).sort();
  expect(found).toEqual(
    [
      'built-ins-use-the-sdk-entry: agents/wrap/agent.ts → agents/sdk/amount.ts',
      'cli-startup-stays-light: cli/src/commands/eager.ts → runtime/index.ts',
      'kernel-imports-nothing-of-ours: kernel/reachesUp.ts → runtime/index.ts',
      'only-through-entries: router/src/deepIntoRuntime.ts → runtime/src/thing.ts',
      'only-through-entries: router/src/fixture.test.ts → runtime/src/thing.ts',
      'only-through-entries: runtime/src/intoKernel.ts → kernel/inner.ts',
      'router-is-words-only: router/src/deepIntoRuntime.ts → runtime/src/thing.ts',
      'router-is-words-only: router/src/intoRuntime.ts → runtime/index.ts',
      'sql-only-in-the-store: cli/src/sql.ts → node_modules/better-sqlite3/lib/index.js',
    ].sort(),
  );
  expect(cruise.status).toBe(found.length);
}, 60_000);

test('no SQL outside runtime/src/store: no statements prepared, run or written anywhere else', () => {
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((path) => path && !path.startsWith('runtime/src/store/') && !path.startsWith('agents/templates/') && path !== 'scripts/layers.test.ts');
  const sql = /\.(prepare|pragma|transaction)\(|\.exec\(\s*`|`\s*(SELECT|INSERT|UPDATE|DELETE|CREATE TABLE|CREATE INDEX)\s/;
  const offenders = files.filter((path) => {
    try {
      return sql.test(readFileSync(join(root, path), 'utf8'));
    } catch {
      return false; // deleted in the working tree
    }
  });
  expect(offenders).toEqual([]);
});
