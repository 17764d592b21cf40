/**
 * Test helpers of the runtime, for tests anywhere in Lucid and for the bench: never imported by code that
 * ships. A real bootstrapped devnet per test file, a registry index seeded without a chain, and the few
 * internals a test must reach to set up a world.
 */
export { startTestDevnet, type TestDevnet, type StartTestDevnetParameters } from './src/devnet/testing.js';
export { findFreePort } from './src/devnet/findFreePort.js';
export { resolveAnvilBinary } from './src/devnet/resolveAnvilBinary.js';
export { devnetChain } from './src/chain/clients.js';
export { seedSyntheticAgents, SYNTHETIC_AGENT_REGISTRY } from './src/registry/synthetic.js';
export { writeEntry, type IndexedEntry } from './src/registry/indexer.js';
export { registryAgents, registryCandidates } from './src/registry/registryAgents.js';
export { ensureCliFrontend } from './src/registry/cliFrontend.js';
export { usageCallFor } from './src/registry/plans.js';
export { rememberRegistryContracts } from './src/store/registryIndex.js';
export { HASH_FIELDS } from './src/store/secrets.js';
export { redPillArgs, redPillArtifact, redPillTricks, type RedPillTrick } from './src/simulate/test-utils/redPill.js';
export { startRpcProxy, type RpcProxy, type RpcRequest } from './src/simulate/test-utils/rpcProxy.js';
export { ANVIL_PUBLIC_TEST_KEY_0 } from './src/wallet/wallets.js';
export { countRequests, type RequestCount, type RequestCounter } from './src/chain/countRequests.js';
