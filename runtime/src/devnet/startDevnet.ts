/**
 * Starts (or reuses) Lucid's own devnet for a home directory. Never silently starts from zero: a devnet that
 * was bootstrapped before is either reused (its process still runs) or restored from its state file, and if
 * that state is gone or damaged the start is refused with `DEVNET_STATE_LOST`.
 *
 * Durability: anvil dumps its state on SIGTERM (`stopDevnet`) and every `stateIntervalSeconds` (default 2 s);
 * the bootstrap forces a dump before the deployment record is written, and `saveDevnetState` forces one on
 * demand. So after a SIGKILL or a crash, at most the last `stateIntervalSeconds` of changes are lost.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { getAddress, type Address } from 'viem';
import { InfraError } from '../../../kernel/index.js';
import { readDeployment, writeDeployment, type DevnetDeployment } from './deployment.js';
import { findFreePort } from './findFreePort.js';
import { lockDevnet } from './lockDevnet.js';
import { devnetPaths, type DevnetPaths } from './paths.js';
import { isOurAnvil, readProcessFile, removeProcessFile, writeProcessFile } from './processFile.js';
import { isProcessAlive, waitForExit } from './processes.js';
import { saveDevnetState } from './saveDevnetState.js';
import { lastLogLines, spawnAnvil } from './spawnAnvil.js';
import { loopbackPoster } from '../chain/loopbackHttp.js';

export type StartDevnetParameters = {
  /** `$LUCID_HOME` (default `~/.lucid`, resolved by the caller). */
  home: string;
  /** Port to listen on; default: a free loopback port. */
  port?: number | undefined;
  /** Progress lines for humans ("starting devnet…"); the CLI prints them on stderr. */
  onProgress?: ((message: string) => void) | undefined;
  /** Seconds between anvil's own state dumps. Default 2. */
  stateIntervalSeconds?: number | undefined;
};

export type StartDevnetReturnType = {
  rpcUrl: string;
  pid: number;
  deployment: DevnetDeployment;
  /** A devnet process for this home was already running and answered. */
  reused: boolean;
  /** A new process loaded a saved state (false after a fresh bootstrap). */
  restored: boolean;
};

export type StartDevnetErrorType = InfraError;

/**
 * @example
 * const { rpcUrl, deployment } = await startDevnet({ home: '/home/me/.lucid', onProgress: (m) => console.error(m) });
 */
export async function startDevnet({
  home,
  port,
  onProgress,
  stateIntervalSeconds = 2,
}: StartDevnetParameters): Promise<StartDevnetReturnType> {
  const progress = onProgress ?? (() => {});
  const paths = devnetPaths(home);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const release = await lockDevnet({ lockFile: paths.lockFile });
  try {
    const running = await findRunningDevnet(paths);
    if (running) return { ...running, reused: true, restored: false };

    const deployment = readDeployment(paths.deploymentFile);
    const stateProblem = checkStateFile(paths.stateFile);
    if (deployment && stateProblem) throw stateLost(paths, stateProblem);
    if (!deployment && stateProblem !== 'missing') {
      // State without a deployment record: a first bootstrap that never finished. Nothing of the user's can
      // be in it (the devnet is only handed out after the record is written), so keep it aside and start over.
      progress('a previous devnet bootstrap did not finish; starting afresh…');
      renameSync(paths.stateFile, `${paths.stateFile}.incomplete-${Date.now()}`);
    }

    progress(deployment ? 'restoring the devnet…' : 'starting devnet…');
    const { pid, rpcUrl } = await spawnWithPortRetry(paths, port, stateIntervalSeconds, Boolean(deployment));
    writeProcessFile(paths.processFile, {
      pid,
      port: Number(new URL(rpcUrl).port),
      rpcUrl,
      startedAt: new Date().toISOString(),
    });

    if (deployment) {
      const missing = await contractsWithoutCode(rpcUrl, deployment);
      if (missing.length) {
        // SIGKILL, not SIGTERM: a graceful exit would dump this empty chain over whatever is left on disk.
        killNow(pid);
        removeProcessFile(paths.processFile);
        throw stateLost(paths, `the restored chain has no code at ${missing.join(', ')}`);
      }
      await ensureMulticall3(rpcUrl);
      // The latest restored block carries the time of the last dump, possibly days ago; a fresh block makes
      // `latest` current, so deadlines computed from it (Uniswap's `deadline`) are not already expired.
      await mineBlock(rpcUrl);
      backupState(paths);
      progress(keepsRunning(rpcUrl));
      return { rpcUrl, pid, deployment, reused: false, restored: true };
    }

    try {
      progress('bootstrapping the devnet (WETH, tokens, Uniswap V2 venues)…');
      // Loaded only here: the artifacts are large and a reused or restored devnet does not need them.
      const { bootstrapDevnet } = await import('./bootstrapDevnet.js');
      const fresh = await bootstrapDevnet({ rpcUrl, onProgress: progress });
      await saveDevnetState({ rpcUrl, home });
      writeDeployment(paths.deploymentFile, fresh);
      backupState(paths);
      progress(keepsRunning(rpcUrl));
      return { rpcUrl, pid, deployment: fresh, reused: false, restored: false };
    } catch (error) {
      killNow(pid);
      await waitForExit(pid, 5_000);
      removeProcessFile(paths.processFile);
      throw error;
    }
  } finally {
    release();
  }
}

/** Said once, when a devnet process starts: it outlives the command that started it. */
function keepsRunning(rpcUrl: string): string {
  return `devnet ready at ${rpcUrl}; it keeps running between commands (stop it with \`lucid devnet stop\`)`;
}

/**
 * The devnet recorded in devnet.json is reusable when its process lives, its RPC answers chain id 31337
 * and the deployment's WETH has code. A live anvil of ours that fails the check is stopped (it would
 * otherwise keep dumping a wrong chain over the state file).
 */
async function findRunningDevnet(paths: DevnetPaths): Promise<Omit<StartDevnetReturnType, 'reused' | 'restored'> | undefined> {
  const recorded = readProcessFile(paths.processFile);
  if (!recorded) return undefined;
  const deployment = readDeployment(paths.deploymentFile);
  if (!isProcessAlive(recorded.pid)) {
    removeProcessFile(paths.processFile);
    return undefined;
  }
  // The chain id and the WETH's code, asked in one round trip (a JSON-RPC batch).
  if (deployment && (await isDeployedDevnet(recorded.rpcUrl, deployment))) return { rpcUrl: recorded.rpcUrl, pid: recorded.pid, deployment };
  if (isOurAnvil(recorded.pid, paths.stateFile)) {
    killNow(recorded.pid);
    await waitForExit(recorded.pid, 5_000);
  }
  removeProcessFile(paths.processFile);
  return undefined;
}

async function spawnWithPortRetry(
  paths: DevnetPaths,
  port: number | undefined,
  stateIntervalSeconds: number,
  restoring: boolean,
): Promise<{ pid: number; rpcUrl: string }> {
  const attempts = port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await spawnAnvil({
        port: port ?? (await findFreePort()),
        stateFile: paths.stateFile,
        logFile: paths.logFile,
        stateIntervalSeconds,
      });
    } catch (error) {
      lastError = error;
      const log = lastLogLines(paths.logFile, 40);
      if (restoring && /--state|load.?state|state file/i.test(log)) throw stateLost(paths, 'anvil could not load it');
      if (!/address already in use|os error 98|AddrInUse/i.test(log)) break;
    }
  }
  throw lastError;
}

/** Returns why the state file cannot be restored, or undefined when it looks like an anvil state dump. */
function checkStateFile(stateFile: string): string | undefined {
  if (!existsSync(stateFile)) return 'missing';
  if (statSync(stateFile).size === 0) return 'the state file is empty';
  try {
    const value = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || !('block' in value) || !('accounts' in value)) {
      return 'the state file is not an anvil state dump';
    }
  } catch {
    return 'the state file is not valid JSON';
  }
  return undefined;
}

async function contractsWithoutCode(rpcUrl: string, deployment: DevnetDeployment): Promise<string[]> {
  const entries = Object.entries(deployment.contracts);
  const missing: string[] = [];
  for (const [key, address] of entries) {
    if (!(await hasCode(rpcUrl, getAddress(address)))) missing.push(key);
  }
  return missing;
}

async function mineBlock(rpcUrl: string): Promise<void> {
  await loopbackPoster(rpcUrl, 5_000)({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }).catch(() => undefined);
}

/** Whether the node at `rpcUrl` answers chain id 31337 and has code at the deployment's WETH (one batch). */
async function isDeployedDevnet(rpcUrl: string, deployment: DevnetDeployment): Promise<boolean> {
  if (!deployment.contracts.weth) return false;
  try {
    const answers = await loopbackPoster(rpcUrl, 3_000)([
      { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
      { jsonrpc: '2.0', id: 2, method: 'eth_getCode', params: [getAddress(deployment.contracts.weth), 'latest'] },
    ]);
    if (!Array.isArray(answers)) return false;
    const result = (id: number) => (answers as { id?: unknown; result?: unknown }[]).find((answer) => answer?.id === id)?.result;
    const chainId = result(1);
    const code = result(2);
    return typeof chainId === 'string' && Number(chainId) === 31337 && typeof code === 'string' && code.length > 2;
  } catch {
    return false;
  }
}

/**
 * Devnets bootstrapped before Multicall3 was part of the world (deployment version < 5) get it on restore, at
 * its canonical address where nothing else can be: their agents' reads then fold into one call as on a new one.
 */
async function ensureMulticall3(rpcUrl: string): Promise<void> {
  const { MULTICALL3_ADDRESS, createClients, lucidHttp } = await import('../chain/clients.js');
  if (await hasCode(rpcUrl, MULTICALL3_ADDRESS)) return;
  const [{ createTestClient }, { installMulticall3 }] = await Promise.all([import('viem'), import('./installMulticall3.js')]);
  const { publicClient, chain } = createClients({ rpcUrl });
  await installMulticall3({ publicClient, testClient: createTestClient({ mode: 'anvil', chain, transport: lucidHttp(rpcUrl) }) });
}

async function hasCode(rpcUrl: string, address: Address): Promise<boolean> {
  try {
    const body = (await loopbackPoster(rpcUrl, 5_000)({ jsonrpc: '2.0', id: 1, method: 'eth_getCode', params: [address, 'latest'] })) as { result?: string };
    return typeof body.result === 'string' && body.result.length > 2;
  } catch {
    return false;
  }
}

function stateLost(paths: DevnetPaths, reason: string): InfraError {
  const hints = ['Run `lucid devnet reset` to start a fresh devnet (balances and history on the devnet are lost).'];
  if (paths.backupStateFile !== paths.stateFile && checkStateFile(paths.backupStateFile) === undefined) {
    const taken = statSync(paths.backupStateFile).mtime.toISOString();
    hints.unshift(`A copy verified at ${taken} exists: \`cp ${paths.backupStateFile} ${paths.stateFile}\` restores the devnet as of then.`);
  }
  return new InfraError('DEVNET_STATE_LOST', 'The saved devnet state cannot be restored; refusing to start a fresh chain silently.', {
    details: `${paths.stateFile}: ${reason}.`,
    hints,
  });
}

/**
 * Keeps a copy of a state file that just restored (or bootstrapped) correctly. anvil rewrites the state file
 * in place every few seconds, so a crash mid-write could damage it; the copy is the way back, offered to
 * the user in the DEVNET_STATE_LOST hint rather than applied silently (it may be older).
 */
function backupState(paths: DevnetPaths): void {
  try {
    copyFileSync(paths.stateFile, `${paths.backupStateFile}.tmp`);
    renameSync(`${paths.backupStateFile}.tmp`, paths.backupStateFile);
  } catch {
    // best effort: the backup is a convenience, the state file is the truth
  }
}

function killNow(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
