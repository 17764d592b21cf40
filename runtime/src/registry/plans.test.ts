import { decodeFunctionData, parseEther, type Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { actionTag, tagText, type RegistryContracts } from './kinds.js';
import { parseFeeEth, registerEntryPlan, updateEntryPlan, usageCallFor } from './plans.js';
import { EntryRegistry, UsageLedger } from '../../../registry-contracts/index.js';

const contracts: RegistryContracts = {
  agentRegistry: '0x0000000000000000000000000000000000000a01',
  frontendRegistry: '0x0000000000000000000000000000000000000a02',
  computeRegistry: '0x0000000000000000000000000000000000000a03',
  usageLedger: '0x0000000000000000000000000000000000000a04',
};

describe('plans', () => {
  test('default: register calls the registry of the kind with tags as bytes32 and the fee in wei', () => {
    const plan = registerEntryPlan({ kind: 'frontend', contracts, name: 'ui', metadataUri: 'lucid-metadata:ab', contentHash: `0x${'ab'.repeat(32)}`, tags: [actionTag('swap')], endpoint: 'http://x', feeWei: 5n });
    expect(plan.agentId).toBe('lucid-cli');
    expect(plan.calls[0]!.to).toBe(contracts.frontendRegistry);
    const { functionName, args } = decodeFunctionData({ abi: EntryRegistry.abi, data: plan.calls[0]!.data });
    expect(functionName).toBe('register');
    expect(args).toEqual(['lucid-metadata:ab', `0x${'ab'.repeat(32)}`, [actionTag('swap')], 'http://x', 5n]);
    expect(tagText(actionTag('swap'))).toBe('swap');
    // The 0.01 ETH bond is sent and declared: the review's promise and the simulation both hold it.
    expect(plan.calls[0]!.value).toBe(parseEther('0.01'));
    expect(plan.expects).toEqual([{ token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: parseEther('0.01'), bound: 'exact' }]);
    expect(plan.summary).toContain('bond 0.01 ETH');
  });

  test('behavior: update makes one call per changed field, and refuses an empty update', () => {
    const plan = updateEntryPlan({ kind: 'agent', contracts, entryId: 3n, feeWei: 1n, endpoint: 'http://y' });
    expect(plan.calls.map((call) => decodeFunctionData({ abi: EntryRegistry.abi, data: call.data }).functionName)).toEqual(['setFee', 'setEndpoint']);
    expect(() => updateEntryPlan({ kind: 'agent', contracts, entryId: 3n })).toThrow(expect.objectContaining({ code: 'NOTHING_TO_UPDATE' }));
  });

  test('default: usageCallFor pays exactly the fee to recordUsage(agent, frontend, compute)', () => {
    const call = usageCallFor({ usageLedger: contracts.usageLedger as Address, agentRegistryId: 2n, frontendId: 1n, fee: 7n });
    expect(call).toMatchObject({ to: contracts.usageLedger, value: 7n });
    expect(decodeFunctionData({ abi: UsageLedger.abi, data: call.data })).toMatchObject({ functionName: 'recordUsage', args: [2n, 1n, 0n] });
    expect(() => usageCallFor({ usageLedger: contracts.usageLedger, agentRegistryId: 0n, fee: 0n })).toThrow(expect.objectContaining({ code: 'MISSING_AGENT' }));
  });

  test('args: fees are ETH with up to 18 decimals and at most uint96', () => {
    expect(parseFeeEth('0.001')).toBe(parseEther('0.001'));
    expect(parseFeeEth('0')).toBe(0n);
    for (const bad of ['-1', '1e3', '0.0000000000000000001', 'abc', '100000000000'])
      expect(() => parseFeeEth(bad), bad).toThrow(expect.objectContaining({ code: 'BAD_FEE' }));
  });

  test('args: action tags are short lower-case text; anything else is INVALID_TAG', () => {
    expect(actionTag('Swap')).toBe(actionTag('swap'));
    expect(() => actionTag('x'.repeat(33))).toThrow(expect.objectContaining({ code: 'INVALID_TAG' }));
    expect(() => actionTag('swap\u001b[31m')).toThrow(expect.objectContaining({ code: 'INVALID_TAG' }));
    expect(tagText(`0x${'ff'.repeat(32)}`)).toBeUndefined();
  });
});
