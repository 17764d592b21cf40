/** What `lucid devnet status` shows: is the devnet running, where, at which block, how big is its state. */
import { existsSync, statSync } from 'node:fs';
import { loopbackPoster } from '../chain/loopbackHttp.js';
import { readDeployment, type DevnetDeployment } from './deployment.js';
import { devnetPaths } from './paths.js';
import { readProcessFile } from './processFile.js';
import { isProcessAlive } from './processes.js';

export type DevnetStatusParameters = { home: string };

export type DevnetStatusReturnType = {
  running: boolean;
  pid: number | undefined;
  rpcUrl: string | undefined;
  blockNumber: number | undefined;
  /** Bytes of the saved state file, undefined when there is none. */
  stateFileBytes: number | undefined;
  stateFile: string;
  deployment: DevnetDeployment | undefined;
};

export async function devnetStatus({ home }: DevnetStatusParameters): Promise<DevnetStatusReturnType> {
  const paths = devnetPaths(home);
  const recorded = readProcessFile(paths.processFile);
  const alive = recorded ? isProcessAlive(recorded.pid) : false;
  const blockNumber = recorded && alive ? await readBlockNumber(recorded.rpcUrl) : undefined;
  let deployment: DevnetDeployment | undefined;
  try {
    deployment = readDeployment(paths.deploymentFile);
  } catch {
    deployment = undefined;
  }
  return {
    running: blockNumber !== undefined,
    pid: alive ? recorded?.pid : undefined,
    rpcUrl: alive ? recorded?.rpcUrl : undefined,
    blockNumber,
    stateFileBytes: existsSync(paths.stateFile) ? statSync(paths.stateFile).size : undefined,
    stateFile: paths.stateFile,
    deployment,
  };
}

async function readBlockNumber(rpcUrl: string): Promise<number | undefined> {
  try {
    const body = (await loopbackPoster(rpcUrl, 3_000)({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] })) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}
