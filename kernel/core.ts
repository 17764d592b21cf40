/**
 * The kernel without zod: everything ./index.ts exports but the zod schemas, for code on the start path of
 * `lucid parse` (the grammar, the parser dispatcher, the settings), which checks an intent list with
 * {@link checkIntentList} and builds the schemas only when that cannot decide. ./index.ts re-exports all of it.
 */
export { intentActions, decimalPattern, percentPattern, MAX_LOCK_SECONDS, type IntentAction } from './intentFields.js';
export { checkIntentList, type CheckIntentListParameters, type CheckIntentListReturnType } from './checkIntentList.js';
export type { Intent, IntentList } from './intent.js';
export { actionSequencing, findRepeatedStep, stepOutput, listActionPairs, mixedQuestionReason, repeatedStepReason } from './sequence.js';
export type { ActionSequencing, ActionPair } from './sequence.js';

export type {
  Agent,
  AgentContext,
  BalanceLine,
  Deployment,
  ExpectedEffect,
  Plan,
  PlanCall,
  PlanFee,
  ResolvedAmount,
  ResolvedIntent,
  TokenInfo,
} from './agent.js';

export {
  LucidError,
  InputError,
  RefusedError,
  ChainError,
  InfraError,
  findLucidError,
  exitCodes,
  exitCodeFor,
  intentErrorCodes,
  type IntentErrorCode,
  redactUrl,
  redactUrls,
  type ErrorKind,
  type LucidErrorParameters,
} from './errors.js';

export { formatUnits, parseUnits, formatUnitsHuman, formatAmount, maxUint256, type FormatUnitsHumanOptions } from './amounts.js';
export { toChecksumAddress, hasValidChecksum, checkedAddress, type HexAddress } from './addresses.js';

export { nativeSymbol, tokenListFor, tokenListChains, knownSymbols, type TokenList, type TokenListEntry } from './tokens.js';
export { findSecretShapes, redactSecretShapes, MNEMONIC_MIN_WORDS, type SecretShape } from './secrets.js';
