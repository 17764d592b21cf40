/**
 * Stops this home's devnet gracefully: SIGTERM makes anvil dump its state to the state file before it
 * exits; we wait for the exit (SIGKILL only after the timeout).
 */
import { InfraError } from '../../../kernel/index.js';
import { lockDevnet } from './lockDevnet.js';
import { devnetPaths } from './paths.js';
import { isOurAnvil, readProcessFile, removeProcessFile } from './processFile.js';
import { isProcessAlive, waitForExit } from './processes.js';

export type StopDevnetParameters = { home: string; timeoutMs?: number | undefined };
export type StopDevnetReturnType = { stopped: boolean; pid: number | undefined };

export async function stopDevnet({ home, timeoutMs = 20_000 }: StopDevnetParameters): Promise<StopDevnetReturnType> {
  const paths = devnetPaths(home);
  const release = await lockDevnet({ lockFile: paths.lockFile });
  try {
    const recorded = readProcessFile(paths.processFile);
    if (!recorded || !isProcessAlive(recorded.pid) || !isOurAnvil(recorded.pid, paths.stateFile)) {
      removeProcessFile(paths.processFile);
      return { stopped: false, pid: undefined };
    }
    signal(recorded.pid, 'SIGTERM');
    if (!(await waitForExit(recorded.pid, timeoutMs))) {
      signal(recorded.pid, 'SIGKILL');
      if (!(await waitForExit(recorded.pid, 5_000))) {
        throw new InfraError('DEVNET_STOP_FAILED', `The devnet process ${recorded.pid} does not exit.`, {
          hints: [`Stop it by hand: kill -9 ${recorded.pid}`],
        });
      }
    }
    removeProcessFile(paths.processFile);
    return { stopped: true, pid: recorded.pid };
  } finally {
    release();
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
