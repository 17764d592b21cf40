import { Command, Option } from 'commander';
import { addOutputOptions, parseOptions } from './options.js';
import { sanitize, say, writeData, writeJson } from '../output.js';

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
    .addHelpText('after', '\nExamples:\n  $ lucid agents\n  $ lucid agents --action swap --json')
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
 * Built-in agents plus the registry agents in the local cache (`$home/lucid.db`, filled by the indexer).
 * Nothing here touches the chain, so it is fast and works offline.
 */
export async function listAgentRows(parameters: { home: string; action?: string | undefined }): Promise<AgentRow[]> {
  const { builtinAgents } = await import('../../../agents/builtin.js');
  const rows: AgentRow[] = builtinAgents().map((agent) => ({
    id: agent.id,
    source: 'builtin',
    actions: [...agent.actions],
    chains: [...agent.chains],
    description: sanitize(agent.description, 200),
  }));
  rows.push(...(await registryRows(parameters.home, parameters.action)));
  const action = parameters.action;
  return action ? rows.filter((row) => row.actions.includes(action)) : rows;
}

export function formatAgentRows(rows: readonly AgentRow[]): string {
  const idWidth = Math.min(24, Math.max(8, ...rows.map((row) => row.id.length))) + 2;
  return rows
    .map((row) => {
      const chains = row.chains.length ? row.chains.join(',') : 'any chain';
      return `${row.id.padEnd(idWidth)}${row.actions.join(', ').padEnd(20)} ${chains.padEnd(10)} ${row.description}`;
    })
    .join('\n');
}

// The indexer's cache is optional (no registry on this chain, never indexed): a missing store or table is
// "no registry agents", not an error. runtime/src/registry/registryAgents.ts returns only entries whose metadata was
// verified against its onchain hash; every string in it is still untrusted and sanitized again here.
async function registryRows(home: string, action: string | undefined): Promise<AgentRow[]> {
  const { existsSync } = await import('node:fs');
  const { storePath, openStore } = await import('../../../runtime/src/store/db.js');
  if (!existsSync(storePath(home))) return [];
  const { registryAgents } = await import('../../../runtime/src/registry/registryAgents.js');
  const { intentActions } = await import('../../../kernel/index.js');
  const { listIndexedChains } = await import('../../../runtime/src/store/registryIndex.js');
  const actions = intentActions.filter((name) => action === undefined || name === action);
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(home);
  } catch {
    return [];
  }
  try {
    const rows = new Map<string, AgentRow>();
    for (const chainId of listIndexedChains(store.db, 'agent'))
      for (const name of actions)
        for (const agent of registryAgents({ db: store.db, chainId, action: name, limit: 1_000 })) {
          const key = `${chainId}:${agent.registryEntry.entryId}`;
          const row = rows.get(key) ?? {
            id: sanitize(agent.id, 40),
            source: 'registry' as const,
            actions: [],
            chains: agent.chains.length ? [...agent.chains] : [chainId],
            description: sanitize(agent.description, 200),
            endpoint: sanitize(agent.registryEntry.endpoint, 200),
          };
          row.actions.push(name);
          rows.set(key, row);
        }
    return [...rows.values()];
  } catch {
    return [];
  } finally {
    store.close();
  }
}
