/**
 * Forces a state snapshot now: asks anvil for its state (`anvil_dumpState`, gzip'd JSON) and writes it to
 * the state file atomically (temp file + rename), in the same format anvil's `--state` loads. anvil itself
 * also dumps every few seconds and on SIGTERM; call this after anything that must survive a crash
 * (the bootstrap does; the signer may after each sent transaction).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createTestClient, hexToBytes } from 'viem';
import { devnetChain, lucidHttp } from '../chain/clients.js';
import { InfraError } from '../../../kernel/index.js';
import { devnetPaths } from './paths.js';

export type SaveDevnetStateParameters = { rpcUrl: string; home: string };

export async function saveDevnetState({ rpcUrl, home }: SaveDevnetStateParameters): Promise<{ bytes: number }> {
  const { stateFile } = devnetPaths(home);
  const testClient = createTestClient({ mode: 'anvil', chain: devnetChain, transport: lucidHttp(rpcUrl, 30_000) });
  const dumped = hexToBytes(await testClient.dumpState());
  const json = isGzip(dumped) ? gunzipSync(dumped) : Buffer.from(dumped);
  try {
    JSON.parse(json.toString('utf8'));
  } catch (error) {
    throw new InfraError('DEVNET_DUMP_FAILED', 'anvil returned a state snapshot that is not JSON.', { cause: error });
  }
  mkdirSync(dirname(stateFile), { recursive: true });
  const temp = `${stateFile}.${process.pid}.tmp`;
  writeFileSync(temp, json);
  renameSync(temp, stateFile);
  return { bytes: json.length };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
