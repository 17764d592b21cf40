/**
 * Finds the anvil executable shipped by the npm package `@foundry-rs/anvil`, never from PATH (a user's own
 * foundry install may be a different version). The package's `bin.mjs` is a node wrapper that spawns the
 * native binary from a platform package (`@foundry-rs/anvil-<platform>-<arch>`); we resolve that native
 * binary directly so the pid we record is anvil itself (signals reach it, no wrapper in between). When the
 * platform package cannot be found we fall back to running the wrapper with node, which forwards SIGTERM.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InfraError } from '../errors/base.js';

export type AnvilCommand = { command: string; args: string[] };

export function resolveAnvilBinary(): AnvilCommand {
  const require = createRequire(import.meta.url);
  const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    const native = require.resolve(`${platformPackage}/bin/${binaryName}`);
    if (existsSync(native)) return { command: native, args: [] };
  } catch {
    // fall through to the wrapper
  }
  try {
    const packageJson = require.resolve('@foundry-rs/anvil/package.json');
    const packageDir = dirname(packageJson);
    const dist = join(packageDir, '..', 'dist', binaryName);
    if (existsSync(dist)) return { command: dist, args: [] };
    const wrapper = join(packageDir, 'bin.mjs');
    if (existsSync(wrapper)) return { command: process.execPath, args: [wrapper] };
  } catch {
    // reported below
  }
  throw new InfraError('ANVIL_NOT_FOUND', 'Cannot find the anvil binary from the npm package @foundry-rs/anvil.', {
    details: `Looked for ${platformPackage}/bin/${binaryName} and @foundry-rs/anvil/bin.mjs.`,
    hints: ['Reinstall dependencies with `npm ci` (anvil is downloaded by @foundry-rs/anvil).'],
  });
}
