import { Command, Option } from 'commander';
import { z } from 'zod';
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

const schema = z.object({
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
      const options = parseOptions(schema, raw);
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
  rows.push(...(await registryRows(parameters.home)));
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
// "no registry agents", not an error. The cache holds what agent owners published: every string is untrusted.
async function registryRows(home: string): Promise<AgentRow[]> {
  const { existsSync } = await import('node:fs');
  const { storePath, openStore } = await import('../../../runtime/src/store/db.js');
  if (!existsSync(storePath(home))) return [];
  const { hexToString } = await import('viem');
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(home, { readonly: true });
  } catch {
    return [];
  }
  try {
    const rows = store.db
      .prepare(`SELECT chain_id, agent_id, metadata_uri, endpoint, actions_json FROM agents_cache WHERE active = 1 ORDER BY chain_id, CAST(agent_id AS INTEGER)`)
      .all() as { chain_id: number; agent_id: string; metadata_uri: string; endpoint: string; actions_json: string }[];
    return rows.map((row) => ({
      id: `registry:${row.agent_id}`,
      source: 'registry' as const,
      actions: parseActions(row.actions_json, hexToString),
      chains: [row.chain_id],
      description: sanitize(row.metadata_uri || '(no metadata)', 120),
      endpoint: sanitize(row.endpoint, 200),
    }));
  } catch {
    return [];
  } finally {
    store.close();
  }
}

function parseActions(json: string, hexToString: (hex: `0x${string}`, options: { size: number }) => string): string[] {
  try {
    const tags = JSON.parse(json) as unknown;
    if (!Array.isArray(tags)) return [];
    return tags
      .filter((tag): tag is `0x${string}` => typeof tag === 'string' && /^0x[0-9a-f]{64}$/i.test(tag))
      .map((tag) => sanitize(hexToString(tag, { size: 32 }).replace(/\0+$/, ''), 32))
      .filter(Boolean);
  } catch {
    return [];
  }
}
