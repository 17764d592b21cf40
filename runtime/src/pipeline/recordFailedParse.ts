/**
 * A request whose words did not parse, written to history: only the store is opened, so a typo (`lucid tokens`)
 * or words no parser understands never start a devnet. With an RPC and no `--chain`, the RPC is asked which
 * chain it is (once, for at most a few seconds) so the run is kept under the chain it would have run on.
 */
import { isAddress, zeroAddress, type Address } from 'viem';
import { findLucidError } from '../../../kernel/index.js';
import { openStore } from '../store/db.js';
import { createRun } from '../store/runs.js';
import type { SessionSettings } from '../session/openSession.js';

export type RecordFailedParseParameters = {
  settings: SessionSettings;
  /** The words as the user gave them. */
  text: string;
  /** What the parser threw. */
  error: unknown;
};

/** The new run's id in the store. */
export type RecordFailedParseReturnType = number;

/**
 * Records the failed attempt (status `failed`, the parser's error code and message) so `lucid history` shows
 * it, as a run that reached the chain would be.
 *
 * @example
 * await recordFailedParse({ settings, text: 'tokens', error })
 */
export async function recordFailedParse(parameters: RecordFailedParseParameters): Promise<RecordFailedParseReturnType> {
  const { settings } = parameters;
  const account = await accountWithoutUnlocking(settings);
  const store = openStore(settings.home);
  try {
    const entry = failedParseEntry(parameters.text, parameters.error);
    const chain = await chainIdOf(settings);
    const errorMessage = chain.unknown ? `${entry.errorMessage} (chain not recorded: ${chain.unknown})` : entry.errorMessage;
    return createRun(store.db, { ...entry, errorMessage, parser: 'grammar', chainId: chain.id, account, intents: [], status: 'failed' });
  } finally {
    store.close();
  }
}

/**
 * What history keeps of words that did not parse: the text (withheld entirely when it was refused as a key or
 * recovery phrase, not even redacted), the error's code and its short message.
 */
export function failedParseEntry(text: string, error: unknown): { text: string; errorCode: string; errorMessage: string } {
  const lucid = findLucidError(error);
  return {
    text: lucid?.code === 'SECRET_IN_INPUT' ? '[words withheld: they looked like a private key or recovery phrase]' : text,
    errorCode: lucid?.code ?? 'INTERNAL_ERROR',
    errorMessage: lucid?.shortMessage ?? (error instanceof Error ? error.message : String(error)),
  };
}

const chainIds: Record<string, number> = { mainnet: 1, base: 8453, arbitrum: 42161, anvil: 31337, devnet: 31337, localhost: 31337 };

/** How long a failed parse waits for the RPC's chain id: the parser's error is not held up by a slow node. */
const CHAIN_ID_TIMEOUT_MS = 3_000;

/**
 * The devnet's id when no RPC is set; else the id of the chain `--chain` names, without a request; else the id
 * the RPC reports (one `eth_chainId`). The store keeps a chain id for every run, so when the RPC does not answer
 * the run is kept under 0 with the reason, which history shows beside the parser's error.
 */
async function chainIdOf(settings: SessionSettings): Promise<{ id: number; unknown?: string }> {
  if (!settings.rpcUrl) return { id: chainIds.devnet! };
  const named = chainIds[settings.chain?.toLowerCase() ?? ''];
  if (named !== undefined) return { id: named };
  const { checkRpc } = await import('../chain/clients.js');
  try {
    return { id: await checkRpc({ rpcUrl: settings.rpcUrl, timeoutMs: CHAIN_ID_TIMEOUT_MS }) };
  } catch (error) {
    // The shortMessage names the RPC by its redacted URL only: an API key in the URL is never stored.
    return { id: 0, unknown: findLucidError(error)?.shortMessage ?? 'the RPC did not report its chain id' };
  }
}

/**
 * The account the session would use, read without a password: the devnet's default, an address given as is,
 * or a wallet's address from its keystore file; the zero address when none of these names one.
 */
async function accountWithoutUnlocking(settings: SessionSettings): Promise<Address> {
  const wallet = await import('../wallet/wallets.js');
  if (!settings.account) return settings.rpcUrl ? zeroAddress : wallet.ANVIL_ACCOUNT_0;
  if (isAddress(settings.account, { strict: false })) return settings.account;
  return wallet.exportAddress({ home: settings.home, name: settings.account }).catch(() => zeroAddress);
}
