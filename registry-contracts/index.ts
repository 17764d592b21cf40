/**
 * The contracts as TypeScript sees them: every contract's `{ abi, bytecode, deployedBytecode }` generated from
 * the forge build (`npm run build:contracts`; the only source of ABIs in Lucid — `as const`, so viem infers
 * argument and return types), the protocol artifacts Lucid deploys from npm (WETH9, Uniswap V2 and V3), and the
 * deployer of the registry contracts.
 */
export * from './generated/artifacts.js';
export * as artifacts from './generated/artifacts.js';
export { deployRegistry, REGISTRY_DEFAULTS, type DeployRegistryParameters, type RegistryDeployment, type DeployRegistryErrorType } from './script/deploy.js';
