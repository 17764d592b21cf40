/**
 * Options shared by the commands that run intents, declared once. Raw commander options are re-parsed by
 * a zod schema first thing in each action, so the code below sees typed, validated input.
 */
import { Option, type Command } from 'commander';
import { InputError } from '../../../kernel/errors.js';

export const parserModes = ['grammar', 'llm', 'auto'] as const;

/**
 * The program's options: declared once, on the program, and the same wherever they stand (`lucid --json
 * history` = `lucid history --json`). Commander reads a program option before or after the subcommand;
 * {@link shareGlobalOptions} then hands the values to the command that runs, so its action sees them in
 * its own options. No subcommand declares one of these names (it would never see it: the program reads it first).
 */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--json', 'print one machine-readable JSON document on stdout (errors too)')
    .option('-y, --yes', 'sign without asking after showing the simulation (policy still applies)')
    .option('--dry-run', 'simulate and show, never sign anything')
    .option('--rpc-url <url>', 'RPC endpoint instead of the local devnet (env LUCID_RPC_URL, then ETH_RPC_URL)')
    .option('--chain <name>', 'chain name: anvil (the devnet), mainnet, base or arbitrum (env LUCID_CHAIN)')
    .option('--account <name>', 'wallet from `lucid wallet list` or a Foundry keystore (env LUCID_ACCOUNT)')
    .addOption(new Option('--parser <mode>', 'how to understand the words (env LUCID_PARSER)').choices(parserModes))
    .option('--explain', 'show every candidate agent, its simulated outcome, and why the winner won')
    .option('--agent <id>', 'use this agent instead of choosing one by simulated outcome');
}

/** Before any command runs, copies the program's option values (and where each came from) into its options. */
export function shareGlobalOptions(program: Command): void {
  program.hook('preAction', (_program, actionCommand) => {
    if (actionCommand === program) return;
    for (const option of program.options) {
      const key = option.attributeName();
      actionCommand.setOptionValueWithSource(key, program.getOptionValue(key), program.getOptionValueSource(key));
    }
  });
}

/**
 * What a command takes from the program's options. Each returns the command unchanged: the options are
 * the program's ({@link addGlobalOptions}); these name, where a command is defined, which of them it reads.
 */
export function addOutputOptions(command: Command): Command {
  return command;
}
export function addChainOptions(command: Command): Command {
  return command;
}
export function addRunOptions(command: Command): Command {
  return command;
}

type Zod = typeof import('zod').z;

/** Options of every command that signs: output, chain, --yes, --dry-run. */
export const txOptionsShape = (z: Zod) => ({
  json: z.boolean().default(false),
  yes: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  rpcUrl: z.url({ message: '--rpc-url must be a URL like http://127.0.0.1:8545' }).optional(),
  chain: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
});
export const txOptionsSchema = (z: Zod) => z.object(txOptionsShape(z));
export type TxOptions = { json: boolean; yes: boolean; dryRun: boolean; rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined };
/** What a command that only reads the chain takes: output and chain options. */
export const readOptionsSchema = (z: Zod) => z.object(txOptionsShape(z)).pick({ json: true, rpcUrl: true, chain: true, account: true });
export type ReadOptions = { json: boolean; rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined };

export function addTxOptions(command: Command): Command {
  return command;
}
export function addReadOptions(command: Command): Command {
  return command;
}

/** The options of commands that run intents: the signing options plus how to parse and route. */
export const runOptionsSchema = (z: Zod) =>
  z.object({
    ...txOptionsShape(z),
    parser: z.enum(parserModes).optional(),
    explain: z.boolean().default(false),
    agent: z.string().min(1).optional(),
  });
export type RunOptions = {
  json: boolean;
  yes: boolean;
  dryRun: boolean;
  rpcUrl?: string | undefined;
  chain?: string | undefined;
  account?: string | undefined;
  parser?: (typeof parserModes)[number] | undefined;
  explain: boolean;
  agent?: string | undefined;
};

export const outputOptionsSchema = (z: Zod) => z.object({ json: z.boolean().default(false) });

/**
 * Validates raw commander options with the schema `build` makes; a failure is the user's, so it is an
 * InputError (exit 2). zod is loaded here, on first use, not when the program starts: `lucid --help`
 * never pays for it.
 */
export async function parseOptions<schema extends import('zod').ZodType>(build: (z: Zod) => schema, raw: unknown): Promise<import('zod').infer<schema>> {
  const { z } = await import('zod');
  // One parse of a schema built for it: zod's compiled fast path (new Function, which no code cache keeps)
  // would cost more to build than it saves.
  const result = build(z).safeParse(raw, { jitless: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const flag = issue?.path.length ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options';
  throw new InputError('BAD_OPTION', `${flag}: ${issue?.message ?? 'invalid value'}`);
}

/** Intent words may come quoted as one argument or unquoted as many; both mean the same sentence. */
export function joinWords(words: readonly string[]): string {
  return words.join(' ').trim();
}
