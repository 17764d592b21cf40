/**
 * The registry core, UI-free: the indexer (events → SQLite), contributor actions as Plans (run through the
 * guarded pipeline by the CLI), reads of the contracts' views, the CLI-as-frontend, and usage recording.
 */
export { entryRegistryAbi, usageLedgerAbi, capitalPoolAbi, emissionControllerAbi } from './abi.js';
export {
  registryKinds,
  ledgerPool,
  poolName,
  registryContractKey,
  registryContractsFrom,
  contributorContractsFrom,
  registryAddress,
  actionTag,
  tagText,
} from './kinds.js';
export type { RegistryKind, RegistryContracts, ContributorContracts } from './kinds.js';
export { syncRegistry, writeEntry, readEntry } from './indexer.js';
export type { SyncRegistryParameters, SyncRegistryReturnType, SyncRegistryErrorType, IndexedEntry } from './indexer.js';
export { entryMetadataSchema, entryIdPattern, metadataDir, pinMetadata, readPinnedMetadata, agentMetadata, sanitizeText } from './metadata.js';
export type { EntryMetadata, PinnedMetadata } from './metadata.js';
export {
  CLI_PLAN_AGENT_ID,
  MAX_FEE_WEI,
  registerEntryPlan,
  updateEntryPlan,
  deactivateEntryPlan,
  withdrawFeesPlan,
  claimEntryRewardsPlan,
  distributePlan,
  usageCallFor,
  usageFee,
  parseFeeEth,
} from './plans.js';
export type { RegisterEntryPlanParameters, UpdateEntryPlanParameters, UsageCallForParameters } from './plans.js';
export { CLI_FRONTEND_NAME, cliFrontendMetadata, findCliFrontend, ensureCliFrontend, usageCallForAgent, syncSessionRegistry } from './cliFrontend.js';
export type { EnsureCliFrontendParameters, RegistryEntryRef } from './cliFrontend.js';
export { listEntries, entrySummary, requireEntry, readEntryEarnings, readCapitalPosition, readEmissionSchedule, dailyEmission } from './views.js';
export type { EntrySummary, EntryEarnings, CapitalPosition, EmissionSchedule } from './views.js';
