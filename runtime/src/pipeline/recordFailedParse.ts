/**
 * A request whose words did not parse, written to history without a chain: only the store is opened, so a
 * typo (`lucid tokens`) or words no parser understands never start a devnet or wait on an RPC to fail.
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
    return createRun(store.db, { ...failedParseEntry(parameters.text, parameters.error), parser: 'grammar', chainId: chainIdWithoutConnecting(settings), account, intents: [], status: 'failed' });
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

/** The devnet's id when no RPC is set; else the id of the chain `--chain` names; 0 when only the RPC would know. */
function chainIdWithoutConnecting(settings: SessionSettings): number {
  if (!settings.rpcUrl) return chainIds.devnet!;
  return chainIds[settings.chain?.toLowerCase() ?? ''] ?? 0;
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
