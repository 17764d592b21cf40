/**
 * Makes sure the public SDK entries (`lucid/sdk`, `lucid/sdk/testing`) have their type declarations, so a
 * builder's `tsc` and editor see the SDK's types. `npm install` transpiles the TypeScript without declarations
 * to stay fast (scripts/prepare.mjs); rather than make every install pay for them, the first `lucid agent init`
 * emits the SDK's declarations once (tsconfig.sdk.json), and `npm run build` emits them with everything else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError } from '../../kernel/index.js';

export type EnsureSdkDeclarationsParameters = {
  /** The Lucid package root (the folder with package.json named "lucid"). */
  root: string;
  /** Where the declarations go; default `<root>/dist` (what package.json's `exports` types point to). */
  outDir?: string | undefined;
  /** Told once, before the (slow) emit starts. */
  onProgress?: ((message: string) => void) | undefined;
};
export type EnsureSdkDeclarationsReturnType = { emitted: boolean; files: string[] };
export type EnsureSdkDeclarationsErrorType = InfraError;

/** The declaration files package.json's `exports` map names for the SDK entries, relative to the output folder. */
export const sdkDeclarationFiles = ['agents/sdk/index.d.ts', 'agents/sdk/testing.d.ts'] as const;

/**
 * @throws InfraError `SDK_TYPES_UNAVAILABLE` when TypeScript is not installed or the emit fails.
 *
 * @example
 * ensureSdkDeclarations({ root: lucidPackageRoot, onProgress: say })
 */
export function ensureSdkDeclarations({ root, outDir = join(root, 'dist'), onProgress }: EnsureSdkDeclarationsParameters): EnsureSdkDeclarationsReturnType {
  const files = sdkDeclarationFiles.map((file) => join(outDir, file));
  if (files.every((file) => existsSync(file))) return { emitted: false, files };
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const hints = ['run `npm run build` in the Lucid folder: it emits every type declaration'];
  if (!existsSync(tsc)) throw new InfraError('SDK_TYPES_UNAVAILABLE', 'the SDK has no type declarations and TypeScript is not installed to make them', { hints });
  onProgress?.('making the type declarations of lucid/sdk (once, about half a minute)…');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.sdk.json'), '--outDir', outDir], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0 || !files.every((file) => existsSync(file)))
    throw new InfraError('SDK_TYPES_UNAVAILABLE', 'making the type declarations of lucid/sdk failed', {
      hints,
      details: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(0, 10).join('\n') || `tsc exited with ${result.status ?? result.signal}`,
    });
  return { emitted: true, files };
}
