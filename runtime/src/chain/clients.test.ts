import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWalletClient, http } from 'viem';
import { findLucidError, InfraError } from '../../../kernel/index.js';
import { findFreePort } from '../devnet/findFreePort.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import { checkRpc, createClients, DEVNET_ACCOUNT_ADDRESS, DEVNET_DEPLOYER_ADDRESS, devnetChain } from './clients.js';

let devnet: TestDevnet;
beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('createClients', () => {
  test('default: a public client for the devnet', async () => {
    const { publicClient, chain } = createClients({ rpcUrl: devnet.rpcUrl });
    expect(chain.id).toBe(31337);
    expect(chain.name).toBe('Lucid devnet');
    expect(chain.rpcUrls.default.http).toEqual([devnet.rpcUrl]);
    expect(await publicClient.getChainId()).toBe(31337);
    expect(await publicClient.getBalance({ address: DEVNET_ACCOUNT_ADDRESS })).toBe(100n * 10n ** 18n);
  });

  test('args: chainId gives a chain definition for other networks', () => {
    const { chain } = createClients({ rpcUrl: 'http://127.0.0.1:1', chainId: 8453 });
    expect(chain.id).toBe(8453);
  });

  test('behavior: the constants are anvil #0 and #9', async () => {
    const wallet = createWalletClient({ chain: devnetChain, transport: http(devnet.rpcUrl) });
    const accounts = await wallet.getAddresses();
    expect(accounts[0]?.toLowerCase()).toBe(DEVNET_ACCOUNT_ADDRESS.toLowerCase());
    expect(accounts[9]?.toLowerCase()).toBe(DEVNET_DEPLOYER_ADDRESS.toLowerCase());
    expect(devnetChain.id).toBe(31337);
  });

  describe('errors', () => {
    test('a closed port is RPC_UNREACHABLE naming the URL, quickly and without retries', async () => {
      const rpcUrl = `http://127.0.0.1:${await findFreePort()}`;
      const { publicClient } = createClients({ rpcUrl, timeoutMs: 2_000 });
      const started = Date.now();
      const error = await publicClient.getBlockNumber().catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      const lucid = findLucidError(error);
      expect(lucid).toBeInstanceOf(InfraError);
      expect(lucid?.code).toBe('RPC_UNREACHABLE');
      expect(lucid?.shortMessage).toBe(`Cannot reach the RPC at ${rpcUrl}.`);
      expect(lucid?.exitCode).toBe(4);
    });

    test('checkRpc throws RPC_UNREACHABLE itself; URL paths (API keys) are not shown', async () => {
      const port = await findFreePort();
      const error = await checkRpc({ rpcUrl: `http://127.0.0.1:${port}/v2/SECRETKEY` }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InfraError);
      expect((error as InfraError).code).toBe('RPC_UNREACHABLE');
      expect((error as InfraError).message).not.toContain('SECRETKEY');
      expect((error as InfraError).shortMessage).toBe(`Cannot reach the RPC at http://127.0.0.1:${port}/….`);
    });

    test('checkRpc answers the chain id when the RPC is up', async () => {
      expect(await checkRpc({ rpcUrl: devnet.rpcUrl })).toBe(31337);
    });
  });
});

describe('answers that are not what was asked', () => {
  test('errors: a malformed nonce or HTTP 401 is an infrastructure error naming the host only', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url?.includes('locked')) {
          res.writeHead(401);
          res.end('unauthorized');
          return;
        }
        const { id } = JSON.parse(body) as { id: number };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id, result: 'not-a-number' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const { publicClient } = createClients({ rpcUrl: `${base}/v3/KEY123` });
      const nonce = findLucidError(await publicClient.getTransactionCount({ address: DEVNET_ACCOUNT_ADDRESS }).catch((e: unknown) => e));
      expect(nonce).toBeInstanceOf(InfraError);
      expect(nonce?.code).toBe('RPC_BAD_ANSWER');
      const locked = createClients({ rpcUrl: `${base}/locked/KEY123` }).publicClient;
      const unauthorized = findLucidError(await locked.getBlockNumber().catch((e: unknown) => e));
      expect(unauthorized).toMatchObject({ code: 'RPC_HTTP_ERROR', kind: 'infra' });
      for (const error of [nonce, unauthorized]) expect(`${error?.shortMessage} ${error?.details ?? ''}`).not.toContain('KEY123');
    } finally {
      server.close();
    }
  });
});
