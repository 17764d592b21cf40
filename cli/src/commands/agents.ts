import { Command, Option } from 'commander';
import { addOutputOptions, parseOptions } from './options.js';
import { sanitize, say, writeData, writeJson } from '../output.js';
import type { Store } from '../../../runtime/index.js';

type Runtime = typeof import('../../../runtime/index.js');

/** One line of `lucid agents`: a built-in agent, or one the registry indexer cached (untrusted text, sanitized). */
export type AgentRow = {
  id: string;
  source: 'builtin' | 'registry';
  actions: string[];
  /** Chain ids served; empty means every chain. */
  chains: number[];
  description: string;
  endpoint?: string | undefined;
};

const actionNames = ['swap', 'transfer', 'wrap', 'unwrap', 'approve', 'balance', 'deposit', 'withdraw'] as const;

const schema = (z: typeof import('zod').z) =>
  z.object({
    json: z.boolean().default(false),
    action: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'an action name like "swap" or "transfer"')
      .optional(),
  });

export function agentsCommand(): Command {
  return addOutputOptions(new Command('agents'))
    .description('list the agents Lucid can route to: built-in ones and those indexed from the onchain registry')
    .addOption(new Option('--action <action>', `only agents serving this action (${actionNames.join(', ')}, …)`))
    .addHelpText('after', '\nExamples:\n  $ lucid agents\n  $ lucid agents --action swap --json\n  $ lucid agents unblock uniswap-v2')
    .addCommand(unblockCommand())
    .action(async (raw: unknown) => {
      const options = await parseOptions(schema, raw);
      const { loadSettings } = await import('../settings.js');
      const settings = await loadSettings({});
      const rows = await listAgentRows({ home: settings.home, action: options.action });
      if (options.json) return writeJson({ agents: rows });
      if (rows.length === 0) return say(options.action ? `no agent serves "${options.action}"` : 'no agents');
      writeData(formatAgentRows(rows));
    });
}

/**
 * `lucid agents unblock <id>`: routes to an agent again after a run caught it (its real effects differed from
 * the simulated ones, and Lucid blocked it locally). Removes the block on every chain.
 */
function unblockCommand(): Command {
  return addOutputOptions(new Command('unblock'))
    .description('route to an agent again that Lucid blocked after its real effects differed from the simulation')
    .argument('<id>', 'the agent id, as `lucid history` showed it')
    .addHelpText('after', '\nExamples:\n  $ lucid agents unblock registry:tip-wrap\n  $ lucid agents unblock uniswap-v2 --json')
    .action(async (id: string, raw: unknown) => {
      const options = await parseOptions((z) => z.object({ json: z.boolean().default(false) }), raw);
      const { loadSettings } = await import('../settings.js');
      const settings = await loadSettings({});
      const { openStore, unblockAgent } = await import('../../../runtime/store.js');
      const store = openStore(settings.home);
      let removed: number;
      try {
        removed = unblockAgent(store.db, { agentId: id });
      } finally {
        store.close();
      }
      if (removed === 0) {
        const { InputError } = await import('../../../kernel/errors.js');
        throw new InputError('AGENT_NOT_BLOCKED', `agent "${sanitize(id, 64)}" is not blocked`, { hints: ['`lucid history` shows runs whose outcome differed'] });
      }
      if (options.json) return writeJson({ unblocked: id });
      say(`unblocked ${sanitize(id, 64)}: Lucid routes to it again`);
    });
}

/**
 * Built-in agents plus the registry agents in the local index (filled by the indexer). Nothing here touches
 * the chain, so it is fast and works offline. `store` is the open session's store when there is one (the
 * interactive UI); otherwise `$home/lucid.db` is read, if it exists.
 */
export async function listAgentRows(parameters: { home: string; action?: string | undefined; store?: Store | undefined }): Promise<AgentRow[]> {
  const runtime = await import('../../../runtime/index.js');
  const rows: AgentRow[] = runtime.builtinAgents().map((agent) => ({
    id: agent.id,
    source: 'builtin',
    actions: [...agent.actions],
    chains: [...agent.chains],
    description: sanitize(agent.description, 200),
  }));
  rows.push(...(await registryRows(runtime, parameters)));
  const action = parameters.action;
  return action ? rows.filter((row) => row.actions.includes(action)) : rows;
}

export function formatAgentRows(rows: readonly AgentRow[]): string {
  const idWidth = Math.min(24, Math.max(8, ...rows.map((row) => row.id.length))) + 2;
  const actions = rows.map((row) => row.actions.join(', '));
  const chains = rows.map((row) => (row.chains.length ? row.chains.join(',') : 'any chain'));
  // Columns as wide as their widest cell (capped), so every row lines up.
  const actionWidth = Math.min(40, Math.max(...actions.map((text) => text.length)));
  const chainWidth = Math.min(24, Math.max(...chains.map((text) => text.length)));
  return rows.map((row, i) => `${row.id.padEnd(idWidth)}${actions[i]!.padEnd(actionWidth)}  ${chains[i]!.padEnd(chainWidth)}  ${row.description}`).join('\n');
}

// The index is optional (no registry on this chain, never synced): a missing or unreadable store is "no
// registry agents", not an error. Its entries' metadata was verified against the onchain hash; every string
// in it is still untrusted and sanitized here.
async function registryRows(runtime: Runtime, { home, action, store }: { home: string; action?: string | undefined; store?: Store | undefined }): Promise<AgentRow[]> {
  const { intentActions } = await import('../../../kernel/index.js');
  const actions = intentActions.filter((name) => action === undefined || name === action);
  const { existsSync } = await import('node:fs');
  if (!store && !existsSync(runtime.storePath(home))) return [];
  let opened: Store | undefined;
  try {
    opened = store ? undefined : runtime.openStore(home);
    return runtime.listRegistryAgents((store ?? opened)!.db, { actions }).map((agent) => ({
      id: sanitize(agent.id, 40),
      source: 'registry',
      actions: agent.actions,
      chains: agent.chains,
      description: sanitize(agent.description, 200),
      endpoint: sanitize(agent.endpoint, 200),
    }));
  } catch {
    return [];
  } finally {
    opened?.close();
  }
}
