/**
 * The first thing done with the user's words, before the grammar or an LLM sees them: a private key or a
 * recovery phrase pasted into an intent is refused. The error names what it looked like and where, never
 * the words themselves, so it can be printed, put in `--json` and kept in history as it is.
 */
import { InputError, findSecretShapes } from '../../kernel/core.js';

export type CheckForSecretsErrorType = InputError;

/**
 * @throws {@link InputError} `SECRET_IN_INPUT` (exit 2) when `text` holds something key- or mnemonic-shaped.
 * @example
 * checkForSecrets('send 1 ETH to bob') // fine
 */
export function checkForSecrets(text: string): void {
  const [shape] = findSecretShapes(text);
  if (!shape) return;
  const what = shape.kind === 'key' ? 'a private key (64 hex digits)' : 'a recovery phrase (12 or more BIP-39 words)';
  throw new InputError('SECRET_IN_INPUT', `Refused: your words contain what looks like ${what}. Nothing was parsed, sent or stored.`, {
    hints: [
      'Never type a key or recovery phrase into an intent. To add a wallet: lucid wallet import <name> (it reads the secret from a hidden prompt or stdin).',
      'If that secret is real and was pasted anywhere else, move the funds to a new wallet.',
    ],
  });
}
