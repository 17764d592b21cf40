/** `lucid devnet reset`: stop the devnet and delete its state and deployment; the next start bootstraps afresh. */
import { rmSync } from 'node:fs';
import { devnetPaths } from './paths.js';
import { stopDevnet } from './stopDevnet.js';

export type ResetDevnetParameters = { home: string };

export async function resetDevnet({ home }: ResetDevnetParameters): Promise<{ stopped: boolean }> {
  const { stopped } = await stopDevnet({ home });
  const paths = devnetPaths(home);
  for (const file of [paths.stateFile, paths.backupStateFile, paths.deploymentFile, paths.processFile]) rmSync(file, { force: true });
  return { stopped };
}
