/**
 * The runtime's one entry: everything that needs a chain, keys or the database, for front ends (the CLI, the
 * interactive UI, the bench). Words become intents in the router; from there the runtime resolves them
 * against the chain, lets agents compete on simulated outcomes, checks the winner (its promises, the user's
 * words, risk flags, policy), asks, signs and records.
 *
 * Loading this file loads the runtime (viem, SQLite): front ends import it when a command runs, not at
 * startup. Two named entries beside it: ./store.ts (the store alone, without viem, for commands that need no
 * chain) and ./testing.ts (test helpers).
 */

// A session: one chain, one account, one store; the pipeline runs through it.
export { openSession, type OpenSessionParameters, type SessionSettings } from './src/session/openSession.js';
export type { Session } from './src/session/types.js';
export { runIntent, type RunIntentParameters } from './src/pipeline/runIntent.js';
export { recordFailedParse, type RecordFailedParseParameters } from './src/pipeline/recordFailedParse.js';
export { runPlan, type RunPlanParameters } from './src/pipeline/runPlan.js';
export type { CandidateView, Review, RiskFlagView, RunOutcome, SentTx, Stage, StageEvent, StepView } from './src/pipeline/types.js';
export type { BalanceChange, SimulationReport } from './src/simulate/types.js';
export { decideConsent, typedConsentMatches, type Consent, type DecideConsentParameters, type TypedEntry } from './src/pipeline/consent.js';

// The store (also its own light entry, ./store.ts, for commands that need no chain); with a session open, use
// `session.store`.
export * from './store.js';

// The local devnet.
export { startDevnet, type StartDevnetReturnType } from './src/devnet/startDevnet.js';
export { stopDevnet } from './src/devnet/stopDevnet.js';
export { devnetStatus, type DevnetStatusReturnType } from './src/devnet/devnetStatus.js';
export { resetDevnet } from './src/devnet/resetDevnet.js';
export { advanceTime } from './src/devnet/advanceTime.js';
export { parseDuration } from './src/devnet/parseDuration.js';
export { listLendingMarkets, AAVE_ATOKEN_KEY_PREFIX, type LendingMarket } from './src/devnet/deployment.js';

// Lending (Aave V3): rates and positions read from chain.
export { readSupplyRate, type ReadSupplyRateParameters, type ReadSupplyRateReturnType, type ReadSupplyRateErrorType } from './src/lending/readSupplyRate.js';
export { readLendingPosition, type ReadLendingPositionParameters, type ReadLendingPositionReturnType, type ReadLendingPositionErrorType } from './src/lending/readLendingPosition.js';
export { aavePoolAbi, aaveATokenAbi, RAY, SECONDS_PER_YEAR } from './src/lending/aavePoolAbi.js';

// Wallets and policy.
export { createWallet, importPrivateKey, importMnemonic, listWallets, exportAddress, type WalletSummary } from './src/wallet/wallets.js';
export { passwordFrom, passwordEnvVar } from './src/wallet/password.js';
export { loadPolicy, setPolicyValue, policyPath, type Policy } from './src/policy/policy.js';

// The contributor registries: the local index, plans for the contracts' verbs, and their views.
export { listRegistryAgents, type ListedRegistryAgent } from './src/registry/listRegistryAgents.js';
export { syncSessionRegistry } from './src/registry/cliFrontend.js';
export { registryKinds, actionTag, registryContractsFrom, contributorContractsFrom, type RegistryKind, type ContributorContracts } from './src/registry/kinds.js';
export { entryMetadataSchema, entryIdPattern, pinMetadata, agentMetadata, type EntryMetadata } from './src/registry/metadata.js';
export {
  parseFeeEth,
  registerEntryPlan,
  updateEntryPlan,
  deactivateEntryPlan,
  withdrawFeesPlan,
  claimEntryRewardsPlan,
  distributePlan,
} from './src/registry/plans.js';
export {
  listEntries,
  requireEntry,
  readEntryEarnings,
  readEntryMetadata,
  newestOwnedEntry,
  readCapitalPosition,
  readStakeToken,
  readEmissionSchedule,
  dailyEmission,
  type EntrySummary,
  type EmissionSchedule,
} from './src/registry/views.js';

// Agents: the built-in ones, and the tooling for writing and serving an agent.
export { builtinAgents, ensureSdkDeclarations, loadAgent, runAgentTests, scaffoldAgent, serveAgent, healthResponseSchema, type ServeAgentReturnType } from '../agents/index.js';

// Plan bundles: a simulated plan saved to a file, signed later or elsewhere, or exported for a Safe.
export {
  createPlanBundle,
  readPlanBundle,
  serializePlanBundle,
  planBundleHash,
  canonicalJson,
  planBundleFormat,
  planBundleVersion,
  type PlanBundle,
  type VerifiedPlanBundle,
} from './src/bundle/planBundle.js';
export { signPlanBundle, type SignPlanBundleParameters, type SignPlanBundleReturnType } from './src/bundle/signPlanBundle.js';
export { comparePlanSimulations, type PlanSimulationChanges } from './src/bundle/comparePlanSimulations.js';
export { exportSafeBatch, type SafeBatch } from './src/bundle/exportSafeBatch.js';

// The MCP server's runtime side: the machine policy and the plans an assistant simulated.
export { loadMachinePolicy, evaluateMachinePolicy, reviewIntents, machinePolicySchema, machinePolicyFileName, type MachinePolicy, type MachineDecision } from './src/mcp/machinePolicy.js';
export { setMachinePolicyValue } from './src/mcp/setMachinePolicyValue.js';
export { saveMcpPlan, readMcpPlan, removeMcpPlan, mcpPlanPath, mcpPlanTtlMs } from './src/mcp/planStore.js';
export { spentToday } from './src/mcp/spentToday.js';
