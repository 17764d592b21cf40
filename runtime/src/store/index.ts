/** The Lucid SQLite store: open it with {@link openStore}, then call the query functions with `store.db`. */
export { openStore, storePath, DB_FILE_NAME } from './db.js';
export type { Store, StoreDb, OpenStoreOptions, OpenStoreErrorType } from './db.js';
export { toStoreError, withStoreErrors } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { SCHEMA_VERSIONS, CURRENT_SCHEMA_VERSION, updateSchema, updateToVersion, getUserVersion } from './migrations/index.js';
export type { SchemaVersion } from './migrations/index.js';
export { createRun, updateRun, getRun, listRuns, RUN_STATUSES, FINAL_RUN_STATUSES, isFinalRunStatus } from './runs.js';
export type { Run, RunStatus, RunParser, CreateRunParameters, UpdateRunPatch } from './runs.js';
export { recordSignedTx, markTx, listPendingTxs, listTxs, getTxByHash, TX_STATUSES } from './txs.js';
export type { Tx, TxStatus, SignedTxRequest, StoredTxRequest, RecordSignedTxParameters, MarkTxParameters } from './txs.js';
export { addContact, removeContact, listContacts, getContact, requireContact, assertContactName } from './contacts.js';
export type { Contact } from './contacts.js';
export { recordRecipient, getRecipient, listRecipients, lastAddressForLabel } from './recipients.js';
export type { Recipient } from './recipients.js';
export { recordSpend, sumSpentSince } from './spends.js';
export type { SpendToken } from './spends.js';
export { appendInput, listInputs, INPUT_HISTORY_LIMIT } from './inputHistory.js';
export {
  upsertAgent,
  listAgentsForAction,
  listAgentsForActionQuery,
  getAgent,
  countAgents,
  resetRegistryCache,
} from './agentsCache.js';
export type { CachedAgent, UpsertAgentParameters, ListAgentsForActionParameters } from './agentsCache.js';
export { getCursor, setCursor } from './indexerCursor.js';
export {
  feeKey,
  rememberRegistryContracts,
  listIndexedChains,
  writeIndexedEntry,
  writeRegistryBatch,
  countUsage,
  setUsageCount,
  sumPayouts,
  deleteLedgerRowsFrom,
  dropRegistryIndex,
  listEntryIds,
  getEntryInfo,
  findActiveEntryByName,
  findNewestOwnedEntry,
  listRegistryCandidates,
  seedRegistryEntries,
} from './registryIndex.js';
export type { EntryKind, IndexedEntryRow, LedgerRow, WriteRegistryBatchParameters, CandidateRow, SeedEntry } from './registryIndex.js';
export type { Cursor } from './indexerCursor.js';
export { assertNoSecrets, redactSecrets } from './secrets.js';
export { checksumAddress } from './address.js';
