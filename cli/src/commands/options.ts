/**
 * Options shared by the commands that run intents, declared once. Raw commander options are re-parsed by
 * a zod schema first thing in each action, so the code below sees typed, validated input.
 */
import { Option, type Command } from 'commander';
import { InputError } from '../../../kernel/errors.js';

export const parserModes = ['grammar', 'llm', 'auto'] as const;

export function addOutputOptions(command: Command): Command {
  return command.option('--json', 'print one machine-readable JSON document on stdout', false);
}

export function addChainOptions(command: Command): Command {
  return command
    .option('--rpc-url <url>', 'use this RPC endpoint instead of the local devnet (env LUCID_RPC_URL)')
    .option('--chain <name>', 'chain name: anvil (devnet), mainnet, base, arbitrum (env LUCID_CHAIN)')
    .option('--account <name>', 'wallet name from `lucid wallet list` (default: the devnet account)');
}

export function addRunOptions(command: Command): Command {
  addOutputOptions(addChainOptions(command));
  return command
    .option('-y, --yes', 'sign without asking after showing the simulation (policy still applies)', false)
    .option('--dry-run', 'parse, route and simulate, show the result, never sign', false)
    .addOption(new Option('--parser <mode>', 'how to understand the words (env LUCID_PARSER)').choices(parserModes))
    .option('--explain', 'show every candidate agent, its simulated outcome, and why the winner won', false)
    .option('--agent <id>', 'force this agent instead of choosing by simulated outcome');
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

/** Output and chain options, plus --yes/--dry-run for commands that sign. */
export function addTxOptions(command: Command): Command {
  return addOutputOptions(addChainOptions(command))
    .option('-y, --yes', 'sign without asking after showing the simulation (policy still applies)', false)
    .option('--dry-run', 'simulate and show, never sign', false);
}
export function addReadOptions(command: Command): Command {
  return addOutputOptions(addChainOptions(command));
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
  const result = build(z).safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const flag = issue?.path.length ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options';
  throw new InputError('BAD_OPTION', `${flag}: ${issue?.message ?? 'invalid value'}`);
}

/** Intent words may come quoted as one argument or unquoted as many; both mean the same sentence. */
export function joinWords(words: readonly string[]): string {
  return words.join(' ').trim();
}
