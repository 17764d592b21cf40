import { formatAbiItem } from 'viem/utils';
import type { Abi, AbiEvent, AbiFunction } from 'viem';
import { describe, expect, test } from 'vitest';
import * as artifacts from '../../../registry-contracts/generated/artifacts.js';
import { capitalPoolAbi, emissionControllerAbi, entryRegistryAbi, usageLedgerAbi } from './abi.js';

/** Signature and outputs of every function/event of `ours`, and of the same-named item in the compiled ABI. */
function pairs(ours: Abi, compiled: Abi) {
  return ours
    .filter((item): item is AbiFunction | AbiEvent => item.type === 'function' || item.type === 'event')
    .map((item) => {
      const match = compiled.find((c): c is AbiFunction | AbiEvent => c.type === item.type && 'name' in c && c.name === item.name);
      const describe = (x: AbiFunction | AbiEvent | undefined) =>
        x === undefined
          ? 'missing'
          : `${formatAbiItem(x)}${x.type === 'function' ? ` -> (${x.outputs.map((o) => o.type).join(',')}) ${x.stateMutability}` : ` indexed:${x.inputs.map((i) => Boolean(i.indexed)).join(',')}`}`;
      return { ours: describe(item), compiled: describe(match) };
    });
}

describe('the hand-written ABIs match the compiled contracts', () => {
  test.each([
    ['AgentRegistry', entryRegistryAbi],
    ['UsageLedger', usageLedgerAbi],
    ['CapitalPool', capitalPoolAbi],
    ['EmissionController', emissionControllerAbi],
  ] as const)('%s', (name, abi) => {
    const compiled = (artifacts as unknown as Record<string, { abi: Abi } | undefined>)[name]?.abi;
    expect(compiled, `${name} is not in registry-contracts/generated/artifacts.ts (npm run build:contracts)`).toBeDefined();
    for (const pair of pairs(abi, compiled!)) expect(pair.ours).toBe(pair.compiled);
  });
});
