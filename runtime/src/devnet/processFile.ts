/**
 * `$LUCID_HOME/devnet/devnet.json`: which anvil process serves this home. Written after a successful start,
 * removed on stop.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export type DevnetProcess = { pid: number; port: number; rpcUrl: string; startedAt: string };

export function readProcessFile(path: string): DevnetProcess | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<DevnetProcess>;
    if (typeof value.pid !== 'number' || typeof value.port !== 'number' || typeof value.rpcUrl !== 'string') return undefined;
    return { pid: value.pid, port: value.port, rpcUrl: value.rpcUrl, startedAt: String(value.startedAt ?? '') };
  } catch {
    return undefined;
  }
}

export function writeProcessFile(path: string, value: DevnetProcess): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
}

export function removeProcessFile(path: string): void {
  rmSync(path, { force: true });
}

/**
 * Guards against pid reuse before we signal a pid from an old devnet.json: on Linux the command line must be
 * anvil's with this home's state file. Elsewhere (no /proc) we trust the pid.
 */
export function isOurAnvil(pid: number, stateFile: string): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  return cmdline.includes('anvil') && cmdline.includes(stateFile);
}
