/**
 * A throwaway local anvil fork of the user's RPC, for nodes that cannot run eth_simulateV1: the plan is
 * simulated on the fork (which answers eth_simulateV1 with the same per-block overrides), never executed on
 * the user's node. The fork reads state from the RPC at the pinned block, keeps nothing on disk, gets an
 * allow-listed environment (no keys, no tokens of the user's shell), no dev accounts (anvil would otherwise
 * overwrite the balances of its well-known accounts, the user's among them on a devnet), and is killed when the simulation ends
 * or the process exits, whichever comes first.
 */
import { spawn } from 'node:child_process';
import { createPublicClient, http, type PublicClient } from 'viem';
import { InfraError } from '../../../kernel/index.js';
import { findFreePort } from '../devnet/findFreePort.js';
import { answersChainId } from '../devnet/spawnAnvil.js';
import { resolveAnvilBinary } from '../devnet/resolveAnvilBinary.js';

export type StartForkParameters = {
  /** The RPC to fork (the user's node). */
  rpcUrl: string;
  blockNumber: bigint;
  timeoutMs?: number | undefined;
};

export type StartForkReturnType = { client: PublicClient; rpcUrl: string; pid: number; stop(): void };

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Environment variables the fork may see: enough to run, nothing secret. */
const allowedEnv = ['PATH', 'TMPDIR', 'LANG', 'TZ'] as const;

export async function startFork({ rpcUrl, blockNumber, timeoutMs = 20_000 }: StartForkParameters): Promise<StartForkReturnType> {
  const port = await findFreePort();
  const env: Record<string, string> = {};
  for (const key of allowedEnv) if (process.env[key] !== undefined) env[key] = process.env[key]!;
  const child = spawn(
    resolveAnvilBinary(),
    ['--host', '127.0.0.1', '--port', String(port), '--fork-url', rpcUrl, '--fork-block-number', blockNumber.toString(), '--no-storage-caching', '--accounts', '0', '--silent'],
    { env, stdio: 'ignore' },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  // Killed while the fork runs (Ctrl-C, kill <pid>): take the fork down, then die of the same signal.
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    process.off('exit', stop);
    for (const signal of signals) process.off(signal, onSignal);
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', stop);
  for (const signal of signals) process.once(signal, onSignal);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    if (await answersChainId(url)) {
      const client = createPublicClient({ transport: http(url, { retryCount: 0 }) }) as PublicClient;
      return { client, rpcUrl: url, pid: child.pid ?? 0, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  stop();
  throw new InfraError('FORK_FAILED', 'Could not start a local fork of the node to simulate on.', {
    details: `anvil --fork-url ${rpcUrl} --fork-block-number ${blockNumber} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    hints: ['Check that the RPC answers eth_getBlockByNumber, eth_getCode, eth_getBalance and eth_getStorageAt.'],
  });
}
