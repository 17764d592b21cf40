/**
 * Finds the anvil executable shipped by the npm package `@foundry-rs/anvil`, never from PATH (a user's own
 * foundry install may be a different version). The package's `bin.mjs` is a node wrapper that spawns the
 * native binary from a platform package (`@foundry-rs/anvil-<platform>-<arch>`) and does not pass its exit
 * status on; we run that native binary directly, so the pid we record is anvil itself (signals reach it)
 * and its exit is anvil's own.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InfraError } from '../../../kernel/index.js';

/** @returns the path of the native anvil executable. */
export function resolveAnvilBinary(): string {
  const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    const native = createRequire(import.meta.url).resolve(`${platformPackage}/bin/${binaryName}`);
    if (existsSync(native)) return native;
  } catch {
    // reported below
  }
  throw new InfraError('ANVIL_NOT_FOUND', 'Cannot find the anvil binary from the npm package @foundry-rs/anvil.', {
    details: `Looked for ${platformPackage}/bin/${binaryName}.`,
    hints: ['Reinstall dependencies with `npm ci` (anvil comes from @foundry-rs/anvil and its platform package).'],
  });
}
