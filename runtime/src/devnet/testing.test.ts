import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { createWalletClient, formatEther, formatUnits, http, parseEther, type Address } from 'viem';
import { DevToken } from '../../../registry-contracts/index.js';
import { createClients, DEVNET_ACCOUNT_ADDRESS, devnetChain } from '../chain/clients.js';
import { isProcessAlive } from './processes.js';
import { startTestDevnet, type TestDevnet } from './testing.js';

describe('startTestDevnet', () => {
  let a: TestDevnet;
  let b: TestDevnet;
  beforeAll(async () => {
    a = await startTestDevnet();
    b = await startTestDevnet();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  test('default: two fixtures are independent chains on different ports with the same world', async () => {
    expect(a.rpcUrl).not.toBe(b.rpcUrl);
    expect(a.deployment.contracts).toEqual(b.deployment.contracts);
    const { publicClient } = createClients({ rpcUrl: a.rpcUrl });
    expect(await publicClient.getChainId()).toBe(31337);
    expect(formatEther(await publicClient.getBalance({ address: DEVNET_ACCOUNT_ADDRESS }))).toBe('100');
    const usdc = token(a, 'USDC');
    const balance = await publicClient.readContract({
      address: usdc,
      abi: DevToken.abi,
      functionName: 'balanceOf',
      args: [DEVNET_ACCOUNT_ADDRESS],
    });
    expect(formatUnits(balance, 6)).toBe('10000');
  });

  test('behavior: a transaction on one fixture is invisible on the other', async () => {
    const recipient: Address = '0x000000000000000000000000000000000000dEaD';
    const { publicClient: pa } = createClients({ rpcUrl: a.rpcUrl });
    const { publicClient: pb } = createClients({ rpcUrl: b.rpcUrl });
    const wallet = createWalletClient({ account: DEVNET_ACCOUNT_ADDRESS, chain: devnetChain, transport: http(a.rpcUrl) });
    const hash = await wallet.sendTransaction({ to: recipient, value: parseEther('1') });
    await pa.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    expect(await pa.getBalance({ address: recipient })).toBe(parseEther('1'));
    expect(await pb.getBalance({ address: recipient })).toBe(0n);
  });

  test('behavior: stop() kills anvil and removes the temp home; calling it twice is fine', async () => {
    const c = await startTestDevnet();
    expect(isProcessAlive(c.pid)).toBe(true);
    await c.stop();
    await c.stop();
    expect(isProcessAlive(c.pid)).toBe(false);
    expect(existsSync(c.home)).toBe(false);
  });
});

function token(devnet: TestDevnet, symbol: string): Address {
  const found = devnet.deployment.tokens.find((t) => t.symbol === symbol);
  if (!found) throw new Error(`no ${symbol} in the deployment`);
  return found.address;
}
