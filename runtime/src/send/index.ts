export {
  defaultGasMargin,
  defaultMaxBlockDrift,
  defaultReceiptTimeoutMs,
  signAndSend,
  type SentTransaction,
  type SignAndSendErrorType,
  type SignAndSendParameters,
  type SignAndSendReturnType,
  type SignedRequest,
} from './signAndSend.js';
export { SimulationChangedError, TxRevertedError, type ResimulationResult } from './errors.js';
export {
  resolvePendingTx,
  type PendingTxStatus,
  type ResolvePendingTxParameters,
  type ResolvePendingTxReturnType,
} from './resolvePendingTx.js';
export {
  compareOutcome,
  readBalanceChanges,
  type BalanceChange,
  type CompareOutcomeParameters,
  type OutcomeDifference,
  type OutcomeToken,
  type ReadBalanceChangesParameters,
  type ReadBalanceChangesReturnType,
} from './outcome.js';
export { decodeRevertData, revertReasonOf, type RevertReasonParameters } from './revertReason.js';
