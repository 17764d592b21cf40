/**
 * The contracts as TypeScript sees them at run time: every contract's `{ abi }` generated from the forge build
 * (`npm run build:contracts`; the only source of ABIs in Lucid — `as const`, so viem infers argument and return
 * types) and from the protocol artifacts Lucid deploys from npm (WETH9, Uniswap V2 and V3, Aave V3).
 * Bytecode and the registry's deployer live in the other entry, `registry-contracts/artifacts.ts`: only
 * deploying needs them, and their ~2 MB stays off the path of a send (the hashes of their creation code, which give
 * CREATE2 addresses, are here).
 */
export * from './generated/abis.js';
export * as artifacts from './generated/abis.js';
export { signatureTopics } from './generated/topics.js';
export { initCodeHashes } from './generated/initCodeHashes.js';
export type { DeployRegistryParameters, RegistryDeployment, DeployRegistryErrorType } from './script/deploy.js';
