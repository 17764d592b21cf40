import { createServer } from 'node:net';

/**
 * Asks the OS for a free loopback port. There is a small window between closing the probe and anvil
 * binding the port; startDevnet retries with a new port if anvil fails to bind.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
