export {
  applyPolicyValue,
  defaultPolicy,
  loadPolicy,
  parsePolicy,
  policyFileName,
  policyPath,
  policySchema,
  savePolicy,
  setPolicyValue,
  type Policy,
  type PolicyLimitField,
  type PolicyListField,
} from './policy.js';
export {
  checkPolicy,
  typedConfirmationMatches,
  unlimitedApprovalThreshold,
  type CheckPolicyParameters,
  type CheckPolicyReturnType,
  type PolicyApproval,
  type PolicyBalanceChange,
  type PolicyReport,
  type PolicyRule,
  type PolicyViolation,
  type TokenExposure,
  type TypedConfirmation,
} from './check.js';
export { PolicyViolationError, assertPolicyAllows, policyViolationError } from './errors.js';
