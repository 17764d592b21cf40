/**
 * Where the devnet keeps its files under `$LUCID_HOME` (the caller resolves the home directory).
 */
import { join } from 'node:path';

export type DevnetPaths = {
  /** `<home>/devnet` */
  dir: string;
  /** anvil's state snapshot (loaded on start, dumped on exit and every few seconds). */
  stateFile: string;
  /** A copy of the last state file a start verified (offered in the DEVNET_STATE_LOST hint, never used silently). */
  backupStateFile: string;
  /** The {@link DevnetDeployment} record written after a bootstrap. */
  deploymentFile: string;
  /** The running process: pid, port, rpcUrl. */
  processFile: string;
  /** anvil's stdout and stderr. */
  logFile: string;
  /** O_EXCL lock so two invocations never start two devnets. */
  lockFile: string;
};

export function devnetPaths(home: string): DevnetPaths {
  const dir = join(home, 'devnet');
  return {
    dir,
    stateFile: join(dir, 'state.json'),
    backupStateFile: join(dir, 'state.backup.json'),
    deploymentFile: join(dir, 'deployment.json'),
    processFile: join(dir, 'devnet.json'),
    logFile: join(dir, 'anvil.log'),
    lockFile: join(dir, 'lock'),
  };
}
