/**
 * The agents package's one entry, for the runtime: the agents that ship with Lucid, and the tooling around
 * outside agents (loading one from a module, serving one over HTTP, calling one that is served, scaffolding a
 * new one). The runtime is given the built-in list (plus the registry's agents); each agent's `supports(ctx)`
 * decides whether it can run on the current chain. Agent code itself imports only ./sdk/index.ts.
 */
import { aaveAgent } from './aave/agent.js';
import { approveAgent } from './approve/agent.js';
import { balanceAgent } from './balance/agent.js';
import { capitalAgent } from './capital/agent.js';
import type { Agent } from '../kernel/index.js';
import { uniswapV2Agent, v2ForkAgent } from './swap/agent.js';
import { transferAgent } from './transfer/agent.js';
import { uniswapV3Agent } from './uniswap-v3/agent.js';
import { wrapAgent } from './wrap/agent.js';

export { aaveAgent, approveAgent, balanceAgent, capitalAgent, transferAgent, uniswapV2Agent, uniswapV3Agent, v2ForkAgent, wrapAgent };
export { bestV3Route, createV3SwapAgent, encodePath, v3PoolAddress, v3PriceImpactBps, v3RouterAbi, type V3Route } from './uniswap-v3/agent.js';
export { aavePoolAbi, formatSupplyRate, readLendingReserve, supplyRateOf, RAY, SECONDS_PER_YEAR, type LendingReserve } from './aave/reserve.js';
export { createV2SwapAgent, v2PairAddress } from './swap/agent.js';
export { getAmountsIn, getAmountsOut, priceImpactBps, type Reserves } from './swap/v2math.js';
export { loadAgent, type LoadAgentErrorType } from './sdk/loadAgentModule.js';
export { createHttpAgent, serveAgent, type CreateHttpAgentParameters, type ServeAgentParameters, type ServeAgentReturnType } from './sdk/http.js';
export { scaffoldAgent, type ScaffoldAgentParameters, type ScaffoldAgentReturnType } from './sdk/scaffold.js';
export { ensureSdkDeclarations, sdkDeclarationFiles, type EnsureSdkDeclarationsParameters, type EnsureSdkDeclarationsReturnType } from './sdk/ensureSdkDeclarations.js';
export { runAgentTests, type RunAgentTestsParameters, type RunAgentTestsReturnType } from './sdk/runAgentTests.js';
export { healthResponseSchema, planResponseSchema, toWireJson } from './sdk/wire.js';

/** Every built-in agent, in a stable order. */
export function builtinAgents(): Agent[] {
  return [transferAgent, wrapAgent, uniswapV2Agent, v2ForkAgent, uniswapV3Agent, approveAgent, balanceAgent, capitalAgent, aaveAgent];
}
