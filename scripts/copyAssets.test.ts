/**
 * `npm run build:ts` copies the data files beside the compiled modules, and the copy is a mirror: a data file
 * deleted from the source is gone from dist/ after the next build, while what tsc and the bundler emit stays.
 * The real script runs in a throwaway project laid out like this repo (it finds its root from its own path).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let project: string;

function write(path: string, text = '{}\n'): void {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}
const inDist = (path: string) => existsSync(join(project, 'dist', path));

function copyAssets(): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [join(project, 'scripts', 'copy-assets.mjs')], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'lucid-copy-assets-'));
  cpSync(join(root, 'scripts', 'copy-assets.mjs'), join(project, 'scripts', 'copy-assets.mjs'));
  write('registry-contracts/defaults.json');
  write('router/corpus/dev.jsonl', '{"text":"send 1 ETH"}\n');
  write('router/corpus/dev-2.jsonl', '{"text":"swap 1 ETH"}\n');
  write('kernel/tokens/anvil.json');
  write('agents/templates/basic/agent.ts', 'export {};\n');
  write('agents/templates/basic/old.ts', 'export {};\n');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('copy-assets', () => {
  test('default: every data file is copied beside the compiled modules', () => {
    expect(copyAssets().status).toBe(0);
    for (const path of ['router/corpus/dev.jsonl', 'router/corpus/dev-2.jsonl', 'kernel/tokens/anvil.json', 'registry-contracts/defaults.json', 'agents/templates/basic/old.ts'])
      expect(inDist(path), path).toBe(true);
  });

  test('behavior: a data file deleted in the source is deleted from dist on the next build', () => {
    expect(copyAssets().status).toBe(0);
    rmSync(join(project, 'router/corpus/dev-2.jsonl'));
    rmSync(join(project, 'kernel/tokens'), { recursive: true });
    rmSync(join(project, 'agents/templates/basic/old.ts'));
    const second = copyAssets();
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/2 stale removed/);
    expect(inDist('router/corpus/dev-2.jsonl')).toBe(false);
    expect(inDist('router/corpus/dev.jsonl')).toBe(true);
    // A folder left empty by the prune goes too; the template is mirrored whole.
    expect(inDist('kernel/tokens')).toBe(false);
    expect(inDist('agents/templates/basic/old.ts')).toBe(false);
    expect(inDist('agents/templates/basic/agent.ts')).toBe(true);
  });

  test('behavior: a changed data file is copied again', () => {
    expect(copyAssets().status).toBe(0);
    write('router/corpus/dev.jsonl', '{"text":"send 2 ETH"}\n');
    expect(copyAssets().status).toBe(0);
    expect(readFileSync(join(project, 'dist/router/corpus/dev.jsonl'), 'utf8')).toContain('send 2 ETH');
  });

  test('behavior: only data files in the copied folders are pruned: compiled code and the CLI bundle stay', () => {
    write('router/parse.ts', 'export {};\n');
    write('dist/router/parse.js', 'export {};\n');
    write('dist/router/parse.d.ts', 'export {};\n');
    write('dist/router/parse.js.map', '{}\n');
    write('dist/cli/bundle/meta.json', '{}\n');
    write('dist/bench/results.json', '{}\n');
    expect(copyAssets().status).toBe(0);
    for (const path of ['router/parse.js', 'router/parse.d.ts', 'router/parse.js.map', 'cli/bundle/meta.json', 'bench/results.json']) expect(inDist(path), path).toBe(true);
  });
});
