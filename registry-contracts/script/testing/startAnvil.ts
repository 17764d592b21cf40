/**
 * A bare anvil for the contract scripts' tests, on a port the OS picks (`--port 0`, read back from anvil's
 * "Listening on" line): a port found free beforehand can be taken by another test's anvil before ours binds
 * it, and the test would then talk to the other chain. The native binary is spawned (not the npm wrapper), so
 * `stop()` reaches anvil itself.
 */
import { spawn } from 'node:child_process';
import { resolveAnvilBinary } from '../../../runtime/testing.js';

export type TestAnvil = { rpcUrl: string; stop: () => void };

export async function startAnvil(args: readonly string[] = []): Promise<TestAnvil> {
  const child = spawn(resolveAnvilBinary(), ['--host', '127.0.0.1', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const rpcUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`anvil did not start within 20 s:\n${output}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /Listening on (127\.0\.0\.1:\d+)/.exec(output);
        if (listening) {
          clearTimeout(timer);
          resolve(`http://${listening[1]}`);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`anvil exited (${code}) before listening:\n${output}`));
      });
    });
    child.stdout.removeAllListeners('data').resume();
    child.stderr.removeAllListeners('data').resume();
    return { rpcUrl, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
