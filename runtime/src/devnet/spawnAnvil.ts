/**
 * Spawns anvil detached (it outlives the CLI process that started it; stdio goes to a log file) and waits
 * until its RPC answers.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { InfraError } from '../../../kernel/index.js';
import { loopbackPoster } from '../chain/loopbackHttp.js';
import { isProcessAlive, sleep } from './processes.js';
import { resolveAnvilBinary } from './resolveAnvilBinary.js';

export type SpawnAnvilParameters = {
  port: number;
  stateFile: string;
  logFile: string;
  /** Seconds between anvil's own state dumps. */
  stateIntervalSeconds: number;
  timeoutMs?: number | undefined;
};

export type SpawnAnvilReturnType = { pid: number; rpcUrl: string };

export async function spawnAnvil({
  port,
  stateFile,
  logFile,
  stateIntervalSeconds,
  timeoutMs = 20_000,
}: SpawnAnvilParameters): Promise<SpawnAnvilReturnType> {
  const anvil = resolveAnvilBinary();
  const args = [
    '--host', '127.0.0.1',
    '--port', String(port),
    '--chain-id', '31337',
    '--state', stateFile,
    '--state-interval', String(stateIntervalSeconds),
  ];
  const log = openSync(logFile, 'w');
  let pid: number | undefined;
  try {
    const child = spawn(anvil, args, { detached: true, stdio: ['ignore', log, log], env: childEnvironment() });
    child.on('error', () => {});
    child.unref();
    pid = child.pid;
  } finally {
    closeSync(log);
  }
  const rpcUrl = `http://127.0.0.1:${port}`;
  if (!pid) throw startFailed('anvil could not be spawned.', logFile);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) throw startFailed('anvil exited during startup.', logFile);
    if (await answersChainId(rpcUrl)) return { pid, rpcUrl };
    await sleep(50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  throw startFailed(`anvil did not answer on ${rpcUrl} within ${Math.round(timeoutMs / 1000)} s.`, logFile);
}

/**
 * The environment a child process gets: only the variables a program needs to run (where binaries and the
 * home are, temp dir, locale, terminal), never the caller's secrets (LUCID_PASSWORD, OPENAI_API_KEY, RPC keys).
 * anvil outlives the CLI, so anything it inherits stays readable in /proc/<pid>/environ for days.
 */
export function childEnvironment(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || !childEnvAllowed.test(key) || childEnvSecret.test(key)) continue;
    env[key] = value;
  }
  return env;
}

const childEnvAllowed = /^(PATH|HOME|TMPDIR|TMP|TEMP|LANG|LANGUAGE|LC_[A-Z]+|TZ|TERM|NO_COLOR|USER|LOGNAME|SHELL|SYSTEMROOT|RUST_LOG|RUST_BACKTRACE)$/;
const childEnvSecret = /KEY|PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|AUTH/i;

export async function answersChainId(rpcUrl: string, timeoutMs = 1_000): Promise<number | undefined> {
  try {
    const body = (await loopbackPoster(rpcUrl, timeoutMs)({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}

/** The last lines of the log name the cause (bad state file, port in use) better than anything we can. */
export function lastLogLines(logFile: string, count = 15): string {
  if (!existsSync(logFile)) return '';
  const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
  return lines.slice(-count).join('\n');
}

function startFailed(message: string, logFile: string): InfraError {
  const tail = lastLogLines(logFile);
  return new InfraError('DEVNET_START_FAILED', `Could not start the devnet: ${message}`, {
    details: tail ? `Last lines of ${logFile}:\n${tail}` : `See ${logFile}.`,
    hints: ['Run `lucid devnet status`; if the state is damaged, `lucid devnet reset` starts afresh.'],
  });
}
