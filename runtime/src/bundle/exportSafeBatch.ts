/**
 * A plan bundle's calls as a Safe{Wallet} Transaction Builder batch file ("Load batch" in the Transaction
 * Builder app), so a multisig can execute what Lucid simulated. The calls are copied as raw `to`/`value`/`data`
 * (no contract method decoding), in order. The bundle was simulated from its `account`: a Safe at another
 * address executes the calls as itself, so its effects must be simulated again there.
 */
import type { PlanBundle } from './planBundle.js';

export type SafeBatch = {
  version: '1.0';
  chainId: string;
  createdAt: number;
  meta: { name: string; description: string; txBuilderVersion: string; createdFromSafeAddress: string; createdFromOwnerAddress: string };
  transactions: { to: string; value: string; data: string; contractMethod: null; contractInputsValues: null }[];
};

export function exportSafeBatch(bundle: PlanBundle, options: { now?: Date } = {}): SafeBatch {
  return {
    version: '1.0',
    chainId: String(bundle.chainId),
    createdAt: (options.now ?? new Date()).getTime(),
    meta: {
      name: `Lucid: ${bundle.text}`.slice(0, 200),
      description: `Simulated by Lucid at block ${bundle.blockNumber} for ${bundle.account}; bundle ${bundle.hash}. ${bundle.steps.map((s) => s.summary).join('; ')}`.slice(0, 1000),
      txBuilderVersion: '1.16.5',
      createdFromSafeAddress: bundle.account,
      createdFromOwnerAddress: '',
    },
    transactions: bundle.calls.map((call) => ({ to: call.to, value: call.value, data: call.data, contractMethod: null, contractInputsValues: null })),
  };
}
