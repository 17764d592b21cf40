/** Where Lucid keeps its files: `$LUCID_HOME`, else `~/.lucid`, created private (mode 0700). */
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { InfraError } from '../../../kernel/core.js';

/**
 * Resolves and creates the Lucid home directory.
 *
 * @param env - the environment to read `LUCID_HOME` from (default `process.env`).
 * @returns the absolute path.
 * @throws {@link InfraError} `HOME_UNUSABLE` when it cannot be created or is not a directory.
 */
export function lucidHome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.LUCID_HOME?.trim();
  const home = configured ? resolve(configured) : join(homedir(), '.lucid');
  const origin = configured ? 'LUCID_HOME' : 'the default';
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new InfraError('HOME_UNUSABLE', `Cannot create the Lucid home directory ${home} (${origin}).`, {
      details: error instanceof Error ? error.message : String(error),
      hints: ['Set LUCID_HOME to a directory you can write to.'],
      cause: error,
    });
  }
  if (!statSync(home).isDirectory())
    throw new InfraError('HOME_UNUSABLE', `The Lucid home ${home} (${origin}) exists but is not a directory.`, {
      hints: ['Set LUCID_HOME to a directory, or move the file away.'],
    });
  return home;
}

/** `$home/config.json`. */
export function configFilePath(home: string): string {
  return join(home, 'config.json');
}
