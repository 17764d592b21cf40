/**
 * The RedPill test contract (registry-contracts/test/fixtures/RedPill.sol): compiled by `forge build` with the
 * tests, never exported to the artifacts nor deployed outside tests. One instance per detection trick.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Address, Hex } from 'viem';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The tricks, in the order of the contract's `Trick` enum. */
export const redPillTricks = ['HelperCode', 'ObserverBalance', 'SameBlock', 'BaseFee', 'PrevRandao', 'SameTime', 'GasLeft'] as const;
export type RedPillTrick = (typeof redPillTricks)[number];

/** Where the simulator used to put its lens and its rich observer: fixed, so a contract could look there. */
export const formerLens: Address = '0x4c75636964000000000000000000000000001e45';
export const formerObserver: Address = '0x4c7563696400000000000000000000000000ab5e';

export function redPillArtifact(): { abi: Abi; bytecode: Hex } {
  const json = JSON.parse(readFileSync(join(repoRoot, 'registry-contracts/out/RedPill.sol/RedPill.json'), 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: json.abi, bytecode: json.bytecode.object };
}

/** The constructor arguments of the instance using `trick` and paying in `token`. */
export function redPillArgs(trick: RedPillTrick, token: Address): readonly [number, Address, Address] {
  const watched = trick === 'HelperCode' ? formerLens : trick === 'ObserverBalance' ? formerObserver : '0x0000000000000000000000000000000000000000';
  return [redPillTricks.indexOf(trick), token, watched];
}
