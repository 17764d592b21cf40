import { readFileSync } from 'node:fs';

/**
 * Read from package.json at run time (two levels up from the source, three from dist/cli/src and the bundle
 * in dist/cli/bundle). Read as a file rather than required: the require of the layout that is not this one
 * threw a module-not-found error, and each start (`lucid parse` included) paid for it and the module lookup.
 */
function readVersion(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lucid' && pkg.version) return pkg.version;
    } catch {
      // try the next layout
    }
  }
  return '0.0.0';
}
export const version = readVersion();
