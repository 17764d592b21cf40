/**
 * The agent SDK's single entry point: what an agent package imports. Re-exports zod and the viem helpers
 * agents need, so a scaffolded agent resolves every import through this file wherever it lives.
 */
export { defineAgent, type DefineAgentParameters, type DefineAgentReturnType } from './defineAgent.js';
export type { Agent, AgentContext, BalanceLine, Deployment, ExpectedEffect, Plan, PlanCall, ResolvedAmount, ResolvedIntent, TokenInfo } from '../../kernel/index.js';
export { addressSchema, parseParams, resolvedAmountSchema, slippageBpsSchema, tokenInfoSchema } from './schemas.js';
export { formatAmount, GAS_RESERVE_WEI, readBalance, resolveAmount } from './amount.js';
export { planApproval, readAllowance, type PlanApprovalParameters, type PlanApprovalReturnType } from './planApproval.js';
export { readContracts, shareReadBatches, type ReadContractsParameters, type ReadContractsReturnType } from './readContracts.js';
export { ETH, findTokenByAddress, findTokenBySymbol, isTokenContract, knownTokens } from './tokens.js';
export { createHttpAgent, serveAgent, type CreateHttpAgentParameters, type ServeAgentParameters, type ServeAgentReturnType } from './http.js';
export { InputError, InfraError, RefusedError, ChainError } from '../../kernel/index.js';
export { z } from 'zod';
export { encodeFunctionData, erc20Abi, getAddress, isAddressEqual, parseAbi, parseEther, parseUnits, formatUnits, type Address, type Hex } from 'viem';
