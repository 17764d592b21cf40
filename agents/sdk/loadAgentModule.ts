/**
 * Loads an agent from a file (`lucid agent serve ./my-agent/agent.ts`, external agents under development):
 * a dynamic import of .js, or of .ts through tsx, then a check that the export has the defineAgent shape.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, intentActions, type Agent } from '../../kernel/index.js';

export type LoadAgentErrorType = InputError;

/**
 * @param path A .ts, .mts, .js or .mjs file whose default export, `agent` export, or only agent-shaped export is the agent.
 * @returns the agent.
 * @throws InputError `AGENT_NOT_FOUND`, `AGENT_LOAD_FAILED`, `AGENT_INVALID`.
 *
 * @example
 * const agent = await loadAgent('./tip-jar/agent.ts')
 */
export async function loadAgent(path: string): Promise<Agent> {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError('AGENT_NOT_FOUND', `no agent file at ${file}`);
  const url = pathToFileURL(file).href;
  let module: Record<string, unknown>;
  try {
    if (/\.[cm]?tsx?$/.test(file)) {
      const { tsImport } = await import('tsx/esm/api');
      module = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    } else module = (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    const message = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    // The SDK is imported by its package name: a folder not made by `lucid agent init` may not resolve it.
    const hints = /Cannot find (package|module) 'lucid(\/[^']*)?'/.test(message)
      ? ['the agent imports lucid/sdk: run `npm link lucid` in its folder (`lucid agent init` links it for you)']
      : undefined;
    throw new InputError('AGENT_LOAD_FAILED', `cannot load ${file}: ${message}`, { cause, hints });
  }

  const candidates = [module.default, module.agent, ...Object.values(module)].filter((value) => value !== undefined);
  const agent = candidates.find((value) => problemsOf(value).length === 0);
  if (agent) return agent as Agent;
  const first = module.default ?? module.agent ?? Object.values(module)[0];
  throw new InputError('AGENT_INVALID', `${file} does not export an agent made with defineAgent`, {
    details: first === undefined ? 'the module exports nothing' : problemsOf(first).join('; '),
    hints: ['export const agent = defineAgent({ id, description, actions, chains, params, plan })'],
  });
}

// Each missing or wrong field, in words, so a builder sees what to fix.
function problemsOf(value: unknown): string[] {
  if (!value || typeof value !== 'object') return ['the export is not an object'];
  const agent = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof agent.id !== 'string' || !/^[a-z0-9][a-z0-9-]{1,63}$/.test(agent.id)) problems.push('id must be 2–64 characters of a-z, 0-9 and "-"');
  if (typeof agent.description !== 'string' || agent.description.length === 0) problems.push('description must be a non-empty string');
  if (!Array.isArray(agent.actions) || agent.actions.length === 0 || !agent.actions.every((a) => (intentActions as readonly unknown[]).includes(a)))
    problems.push(`actions must be a non-empty list of ${intentActions.join(', ')}`);
  if (!Array.isArray(agent.chains) || !agent.chains.every((c) => Number.isInteger(c))) problems.push('chains must be a list of chain ids');
  const params = agent.params as { safeParse?: unknown } | undefined;
  if (!params || typeof params.safeParse !== 'function') problems.push('params must be a zod schema');
  if (typeof agent.plan !== 'function') problems.push('plan must be a function');
  if (agent.supports !== undefined && typeof agent.supports !== 'function') problems.push('supports must be a function');
  return problems;
}
