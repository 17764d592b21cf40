import { describe, expect, test } from 'vitest';
import { encodeAbiParameters, encodeErrorResult, keccak256, stringToBytes, toEventSelector, pad, type Hex } from 'viem';
import { signatureTopics } from '../../../registry-contracts/index.js';
import { decodeLog, decodeRevert } from './abis.js';

describe('decoding with the generated signature hashes', () => {
  test('behavior: every precomputed hash is the keccak of its signature (a wrong entry would misname logs)', () => {
    const entries = Object.entries(signatureTopics);
    expect(entries.length).toBeGreaterThan(100);
    for (const [signature, topic] of entries) expect(topic, signature).toBe(keccak256(stringToBytes(signature)));
  });

  test('behavior: an ERC-20 Transfer log and a custom error from the artifacts decode by name', () => {
    const from = '0x00000000000000000000000000000000000000a1';
    const to = '0x00000000000000000000000000000000000000b2';
    const log = decodeLog({
      address: '0x00000000000000000000000000000000000000c3',
      topics: [toEventSelector('Transfer(address,address,uint256)'), pad(from), pad(to)],
      data: encodeAbiParameters([{ type: 'uint256' }], [5n]),
    });
    expect(log.eventName).toBe('Transfer');
    expect(log.args).toMatchObject({ value: 5n });
    // OpenZeppelin's IERC6093 error, carried by the registry's tokens.
    const data = encodeErrorResult({
      abi: [{ type: 'error', name: 'ERC20InsufficientBalance', inputs: [{ name: 'sender', type: 'address' }, { name: 'balance', type: 'uint256' }, { name: 'needed', type: 'uint256' }] }],
      errorName: 'ERC20InsufficientBalance',
      args: [from, 0n, 7n],
    });
    expect(decodeRevert(data as Hex).reason.toLowerCase()).toBe(`erc20insufficientbalance(sender: ${from}, balance: 0, needed: 7)`);
  });
});
