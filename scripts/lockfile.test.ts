import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('package-lock.json', () => {
  // Without a tarball URL, `npm ci` fetches the package's registry metadata first: one request per package,
  // which doubled a fresh install's time. A lockfile rewritten on a machine that omits them (npm's
  // omit-lockfile-registry-resolved) would bring that back without any test noticing the slower install.
  it('names every installed package with its tarball URL and integrity', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }>;
    };
    const missing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.link && !(entry.resolved && entry.integrity))
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('is kept that way by the project .npmrc', () => {
    expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^omit-lockfile-registry-resolved=false$/m);
  });
});
