import type { z } from 'zod';
import type { Agent } from '../../kernel/index.js';

export type DefineAgentParameters<params extends z.ZodType> = Agent<params>;
export type DefineAgentReturnType<params extends z.ZodType> = Agent<params>;

/**
 * Declares an agent as a plain object. No decorators, no registration side effects: the router is given
 * the agents it may use. Validates the declaration so that a broken agent fails when it is loaded, not
 * in the middle of a user's intent.
 *
 * @example
 * export const myAgent = defineAgent({ id: 'my-agent', description: '…', actions: ['transfer'], chains: [],
 *   params: z.object({}), plan: async (ctx, intent) => ({ agentId: 'my-agent', summary: '…', calls: [], expects: [] }) })
 */
export function defineAgent<params extends z.ZodType>(agent: DefineAgentParameters<params>): DefineAgentReturnType<params> {
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(agent.id))
    throw new Error(`agent id "${agent.id}" must be 2–64 characters of a-z, 0-9 and "-"`);
  if (agent.actions.length === 0) throw new Error(`agent "${agent.id}" must serve at least one action`);
  if (typeof agent.plan !== 'function') throw new Error(`agent "${agent.id}" must have a plan(ctx, intent) function`);
  return Object.freeze({ ...agent });
}
