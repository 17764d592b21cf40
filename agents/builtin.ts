/**
 * The agents that ship with Lucid. The router is given this list (plus any external agents the user
 * registered); each agent's `supports(ctx)` decides whether it can run on the current chain.
 */
import { approveAgent } from './approve/agent.js';
import { balanceAgent } from './balance/agent.js';
import { capitalAgent } from './capital/agent.js';
import type { Agent } from '../kernel/index.js';
import { uniswapV2Agent, v2ForkAgent } from './swap/agent.js';
import { transferAgent } from './transfer/agent.js';
import { wrapAgent } from './wrap/agent.js';

export { approveAgent, balanceAgent, capitalAgent, transferAgent, uniswapV2Agent, v2ForkAgent, wrapAgent };
export { createV2SwapAgent } from './swap/agent.js';

/** Every built-in agent, in a stable order. */
export function builtinAgents(): Agent[] {
  return [transferAgent, wrapAgent, uniswapV2Agent, v2ForkAgent, approveAgent, balanceAgent, capitalAgent];
}
