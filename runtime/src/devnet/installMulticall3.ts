/**
 * Multicall3 on the devnet, at the address it has on every chain that has it (0xcA11…CA11), so that viem's
 * `multicall` and the agent SDK's `readContracts` work on the devnet as they do on mainnet: many reads in one
 * `eth_call`. The code is Multicall3's own, from the creation code viem ships for its deployless multicalls
 * (`multicall3Bytecode` in viem's `constants/contracts.js`); running that creation code in an `eth_call` gives
 * the runtime code, which anvil then places at the canonical address (`anvil_setCode`). Nothing is downloaded,
 * and no bytecode is written down here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isHex, type Hex, type PublicClient, type TestClient } from 'viem';
import { InfraError } from '../../../kernel/index.js';
import { MULTICALL3_ADDRESS } from '../chain/clients.js';

export type InstallMulticall3Parameters = {
  publicClient: Pick<PublicClient, 'call' | 'getCode'>;
  testClient: Pick<TestClient, 'setCode'>;
};

export type InstallMulticall3ReturnType = { address: typeof MULTICALL3_ADDRESS; code: Hex };

export type InstallMulticall3ErrorType = InfraError;

/**
 * @example
 * await installMulticall3({ publicClient, testClient }); // { address: '0xcA11bde05977b3631167028862bE2a173976CA11', code: '0x6080…' }
 */
export async function installMulticall3({ publicClient, testClient }: InstallMulticall3Parameters): Promise<InstallMulticall3ReturnType> {
  const { data: code } = await publicClient.call({ data: multicall3CreationCode() });
  if (!code || code === '0x') throw new InfraError('DEVNET_BOOTSTRAP_FAILED', 'Multicall3 creation code returned no runtime code on the devnet.');
  await testClient.setCode({ address: MULTICALL3_ADDRESS, bytecode: code });
  if ((await publicClient.getCode({ address: MULTICALL3_ADDRESS })) !== code)
    throw new InfraError('DEVNET_BOOTSTRAP_FAILED', `The devnet did not keep Multicall3's code at ${MULTICALL3_ADDRESS}.`);
  return { address: MULTICALL3_ADDRESS, code };
}

/**
 * Multicall3's creation code as the installed viem ships it. viem keeps it internal (its package exports do not
 * name the file), so it is read from viem's own file beside its entry point; a viem without it is a broken
 * install, said plainly.
 */
export function multicall3CreationCode(): Hex {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('viem');
  const file = join(dirname(entry), 'constants', 'contracts.js');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InfraError('DEVNET_BOOTSTRAP_FAILED', `Cannot read Multicall3's bytecode from viem (${file}).`, { hints: ['Reinstall Lucid’s dependencies (npm ci).'], cause: error });
  }
  const found = /multicall3Bytecode\s*=\s*['"](0x[0-9a-fA-F]+)['"]/.exec(text)?.[1];
  if (!found || !isHex(found)) throw new InfraError('DEVNET_BOOTSTRAP_FAILED', `viem's ${file} holds no Multicall3 bytecode.`, { hints: ['Reinstall Lucid’s dependencies (npm ci).'] });
  return found;
}
