/**
 * A plain anvil for the send tests: own free port, stopped afterwards. (The shared bootstrapped fixture is
 * runtime/src/devnet/testing.ts; these tests only need an empty chain and deploy what they use.)
 */
import { spawn } from 'node:child_process';
import { findFreePort } from '../../devnet/findFreePort.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type TestAnvil = { rpcUrl: string; stop(): Promise<void> };

const anvilBin = join(fileURLToPath(new URL('../../../../', import.meta.url)), 'node_modules', '.bin', 'anvil');

export async function startAnvil(args: string[] = []): Promise<TestAnvil> {
  const port = await findFreePort();
  const child = spawn(anvilBin, ['--port', String(port), '--silent', ...args], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`anvil did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    rpcUrl,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
