import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Read from package.json at run time (two levels up in both source and dist layouts). */
function readVersion(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(path) as { name?: string; version?: string };
      if (pkg.name === 'lucid' && pkg.version) return pkg.version;
    } catch {
      // try the next layout
    }
  }
  return '0.0.0';
}
export const version = readVersion();
