/** Lucid's own devnet: lifecycle, persistence, bootstrap. The test fixture lives in ./testing.ts (not exported here). */
export { advanceTime, type AdvanceTimeParameters, type AdvanceTimeReturnType } from './advanceTime.js';
export { bootstrapDevnet, DEVNET_ACCOUNT_FUNDS, DEVNET_POOLS, type BootstrapDevnetParameters } from './bootstrapDevnet.js';
export { DEPLOYMENT_VERSION, readDeployment, writeDeployment, type DevnetDeployment, type DevnetToken } from './deployment.js';
export { devnetStatus, type DevnetStatusParameters, type DevnetStatusReturnType } from './devnetStatus.js';
export { parseDuration } from './parseDuration.js';
export { devnetPaths, type DevnetPaths } from './paths.js';
export { resetDevnet, type ResetDevnetParameters } from './resetDevnet.js';
export { saveDevnetState, type SaveDevnetStateParameters } from './saveDevnetState.js';
export {
  startDevnet,
  type StartDevnetErrorType,
  type StartDevnetParameters,
  type StartDevnetReturnType,
} from './startDevnet.js';
export { stopDevnet, type StopDevnetParameters, type StopDevnetReturnType } from './stopDevnet.js';
