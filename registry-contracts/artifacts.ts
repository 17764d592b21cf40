/**
 * What deploying needs: every contract's `{ bytecode, deployedBytecode, abi }` (generated beside the ABIs,
 * `registry-contracts/generated/artifacts.ts`) and the deployer of the registry contracts. Imported by the
 * devnet bootstrap and by code that hands a contract's code to the chain (the simulator's balance lens);
 * code that only calls or decodes contracts imports their ABIs from `registry-contracts/index.ts`.
 */
export * from './generated/artifacts.js';
export { deployRegistry, REGISTRY_DEFAULTS, type DeployRegistryParameters, type RegistryDeployment, type DeployRegistryErrorType } from './script/deploy.js';
