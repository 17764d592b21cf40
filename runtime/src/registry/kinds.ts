/**
 * The three registries share one contract (EntryRegistry) and one implementation here, parameterised by
 * kind: agents (the code pool), frontends (community) and compute. The kind also fixes the UsageLedger pool.
 */
import { getAddress, hexToString, isAddress, stringToHex, type Address, type Hex } from 'viem';
import { InputError } from '../../../kernel/index.js';

export const registryKinds = ['agent', 'frontend', 'compute'] as const;
export type RegistryKind = (typeof registryKinds)[number];

/** UsageLedger `Pool` enum values, in the contract's order. */
export const ledgerPool = { agent: 0, frontend: 1, compute: 2 } as const satisfies Record<RegistryKind, number>;
export const poolName = { agent: 'code', frontend: 'community', compute: 'compute' } as const satisfies Record<RegistryKind, string>;

export const registryContractKey = {
  agent: 'agentRegistry',
  frontend: 'frontendRegistry',
  compute: 'computeRegistry',
} as const satisfies Record<RegistryKind, string>;

export type RegistryContracts = {
  agentRegistry: Address;
  frontendRegistry: Address;
  computeRegistry: Address;
  usageLedger: Address;
};

export type ContributorContracts = RegistryContracts & {
  capitalPool: Address;
  emissionController: Address;
  rewardToken: Address;
};

/**
 * The registry addresses from a deployment record (`DevnetDeployment.contracts` / `session.contracts`).
 *
 * @throws InputError `REGISTRY_NOT_DEPLOYED` when the chain has no registry contracts.
 */
export function registryContractsFrom(contracts: Record<string, Address | undefined>): RegistryContracts {
  return pick(contracts, ['agentRegistry', 'frontendRegistry', 'computeRegistry', 'usageLedger']);
}

/** {@link registryContractsFrom} plus the capital pool, emission controller and reward token. */
export function contributorContractsFrom(contracts: Record<string, Address | undefined>): ContributorContracts {
  return pick(contracts, ['agentRegistry', 'frontendRegistry', 'computeRegistry', 'usageLedger', 'capitalPool', 'emissionController', 'rewardToken']);
}

/** The registry contract of `kind`. */
export function registryAddress(contracts: RegistryContracts, kind: RegistryKind): Address {
  return contracts[registryContractKey[kind]];
}

const TAG_TEXT = /^[a-z0-9][a-z0-9._:-]{0,31}$/;

/**
 * An action or capability as the contracts' bytes32 tag: the UTF-8 text, right-padded with zeros.
 *
 * @throws InputError `INVALID_TAG` for text that is not 1–32 characters of a-z, 0-9, `.`, `_`, `:`, `-`.
 * @example actionTag('swap') // '0x7377617000…00'
 */
export function actionTag(action: string): Hex {
  const text = action.trim().toLowerCase();
  if (!TAG_TEXT.test(text))
    throw new InputError('INVALID_TAG', `"${text.slice(0, 40)}" is not a valid action tag`, {
      hints: ['use 1–32 characters: lower-case letters, digits, . _ : -'],
    });
  return stringToHex(text, { size: 32 }).toLowerCase() as Hex;
}

/** The text of a bytes32 tag, or `undefined` when it is not printable tag text (tags are untrusted). */
export function tagText(tag: Hex): string | undefined {
  try {
    const text = hexToString(tag, { size: 32 }).replace(/\0+$/, '');
    return TAG_TEXT.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function pick<key extends string>(contracts: Record<string, Address | undefined>, keys: readonly key[]): Record<key, Address> {
  const out = {} as Record<key, Address>;
  const missing: string[] = [];
  for (const key of keys) {
    const value = contracts[key];
    if (value && isAddress(value)) out[key] = getAddress(value);
    else missing.push(key);
  }
  if (missing.length)
    throw new InputError('REGISTRY_NOT_DEPLOYED', 'the registry contracts are not deployed on this chain', {
      details: `missing: ${missing.join(', ')}`,
      hints: ['on the devnet, run `lucid devnet reset` to bootstrap a world that includes them'],
    });
  return out;
}
