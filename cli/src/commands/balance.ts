import { Command } from 'commander';
import { addChainOptions, addOutputOptions, parseOptions, runOptionsSchema } from './options.js';

/** The same as `lucid "balance"` / `lucid "what's my USDC balance"`: a read-only intent, nothing to sign. */
export function balanceCommand(): Command {
  return addOutputOptions(addChainOptions(new Command('balance')))
    .description("show your balances (all known tokens, or one): the same as the intent \"what's my <token> balance\"")
    .argument('[token]', 'a token symbol like USDC, or a 0x token address')
    .addHelpText('after', '\nExamples:\n  $ lucid balance\n  $ lucid balance USDC --json')
    .action(async (token: string | undefined, raw: unknown) => {
      const options = await parseOptions(runOptionsSchema, raw);
      const { runAction } = await import('./run.js');
      return runAction(token ? `what's my ${token} balance` : 'balance', options);
    });
}
