import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ensureSdkDeclarations } from './ensureSdkDeclarations.js';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'lucid-sdk-dts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ensureSdkDeclarations', () => {
  test('emits the declarations package.json exports name when they are missing, once', () => {
    const outDir = join(scratch, 'dist');
    const told: string[] = [];
    const first = ensureSdkDeclarations({ root, outDir, onProgress: (message) => told.push(message) });
    expect(first.emitted).toBe(true);
    expect(told).toHaveLength(1);
    const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, { types?: string }>;
    for (const entry of ['./sdk', './sdk/testing']) {
      const types = exportsMap[entry]?.types;
      expect(types).toMatch(/^\.\/dist\//);
      expect(first.files).toContain(join(outDir, types!.slice('./dist/'.length)));
    }
    expect(readFileSync(join(outDir, 'agents/sdk/index.d.ts'), 'utf8')).toContain('defineAgent');
    const second = ensureSdkDeclarations({ root, outDir, onProgress: (message) => told.push(message) });
    expect(second.emitted).toBe(false);
    expect(told).toHaveLength(1);
  }, 240_000);

  test('says how to get them when TypeScript is not installed', () => {
    const bare = join(scratch, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'package.json'), '{"name":"lucid"}');
    expect(() => ensureSdkDeclarations({ root: bare })).toThrow(expect.objectContaining({ code: 'SDK_TYPES_UNAVAILABLE', hints: [expect.stringContaining('npm run build')] }));
  });
});
