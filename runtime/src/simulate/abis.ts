/**
 * Decoding with every ABI Lucid knows: ERC-20, WETH9, Uniswap V2 and every contract exported by
 * registry-contracts/generated/abis.ts (new contracts there are picked up without changes here).
 */
import {
  decodeErrorResult,
  decodeEventLog,
  erc20Abi,
  slice,
  toEventSelector,
  type Abi,
  type AbiEvent,
  type Hex,
} from 'viem';
import { artifacts, signatureTopics } from '../../../registry-contracts/index.js';
import type { DecodedLog, RevertInfo } from './types.js';

type Artifact = { abi: readonly unknown[] };
type AbiError = Extract<Abi[number], { type: 'error' }>;

// Solidity's panic codes (docs.soliditylang.org, "Panic via assert and Error via require").
const panicReasons: Record<number, string> = {
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division or modulo by zero',
  0x21: 'invalid enum value',
  0x22: 'invalid storage byte array',
  0x31: 'pop on an empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to an uninitialised function',
};

// ERC-20 first: WETH9 names the same Transfer/Approval events (src, dst, wad); the standard names win.
const knownAbis: (readonly unknown[])[] = [
  erc20Abi,
  ...Object.values(artifacts as Record<string, Artifact>)
    .filter((artifact) => Array.isArray(artifact?.abi))
    .map((artifact) => artifact.abi),
];

const eventsByTopic = new Map<Hex, AbiEvent[]>();
const errorsBySelector = new Map<Hex, AbiError>();
// The artifacts repeat the same events and errors (every OpenZeppelin-based contract carries ERC-20's and
// the IERC6093 errors): each distinct signature is hashed once. The hashes of the artifacts' signatures were
// made when they were generated (signatureTopics); only a signature missing there is hashed here.
const hashes = new Map<string, Hex>();
const selectorOf = (item: AbiEvent): Hex => {
  const signature = `${item.name}(${item.inputs.map(canonicalType).join(',')})`;
  let hash = hashes.get(signature) ?? signatureTopics[signature];
  if (!hash) hashes.set(signature, (hash = toEventSelector(item)));
  return hash;
};
for (const abi of knownAbis) {
  for (const item of abi as Abi) {
    if (item.type === 'event') {
      const topic = selectorOf(item);
      const list = eventsByTopic.get(topic) ?? [];
      if (!list.some((known) => sameShape(known, item))) list.push(item);
      eventsByTopic.set(topic, list);
    } else if (item.type === 'error') {
      // An error's selector is computed like an event's topic, truncated to 4 bytes.
      const selector = slice(selectorOf({ ...item, type: 'event' } as AbiEvent), 0, 4);
      if (!errorsBySelector.has(selector)) errorsBySelector.set(selector, item);
    }
  }
}
const knownErrorsAbi: AbiError[] = [...errorsBySelector.values()];

/** Every custom error Lucid can decode (Error(string) and Panic(uint256) are always understood too). */
export function knownErrors(): readonly AbiError[] {
  return knownErrorsAbi;
}

/**
 * Decodes a log with the known ABIs. Several events can share a topic (ERC-20 and ERC-721 Transfer): the first
 * whose indexed layout fits the log wins. Unknown logs come back undecoded.
 */
export function decodeLog(log: { address: Hex; topics: readonly Hex[]; data: Hex }): DecodedLog {
  const topics = [...log.topics];
  const base: DecodedLog = { address: log.address, topics, data: log.data };
  const topic0 = topics[0];
  if (!topic0) return base;
  for (const event of eventsByTopic.get(topic0.toLowerCase() as Hex) ?? []) {
    try {
      const decoded = decodeEventLog({ abi: [event], topics: topics as [Hex, ...Hex[]], data: log.data, strict: true });
      return { ...base, eventName: decoded.eventName, args: toRecord(decoded.args) };
    } catch {
      // Wrong layout for this candidate (e.g. 3 indexed topics): try the next one.
    }
  }
  return base;
}

/**
 * Decodes revert data into one plain line: the Error(string) message, the Panic's meaning, or a custom error
 * with its arguments ("ERC20InsufficientBalance(sender: 0x…, balance: 0, needed: 1000000)").
 */
export function decodeRevert(raw: Hex | undefined): RevertInfo {
  const data: Hex = raw && raw.length >= 2 ? raw : '0x';
  if (data === '0x') return { reason: 'reverted without a reason', raw: data };
  try {
    const decoded = decodeErrorResult({ abi: knownErrorsAbi, data });
    const args = (decoded.args ?? []) as readonly unknown[];
    if (decoded.errorName === 'Error') return { reason: String(args[0] ?? ''), raw: data };
    if (decoded.errorName === 'Panic') {
      const code = Number(args[0] ?? 0);
      const meaning = panicReasons[code] ?? 'unknown panic';
      return { reason: `Panic 0x${code.toString(16).padStart(2, '0')}: ${meaning}`, raw: data };
    }
    const inputs = decoded.abiItem.inputs;
    const shown = args.map((value, i) => `${inputs[i]?.name || `arg${i}`}: ${formatArg(value)}`);
    return { reason: `${decoded.errorName}(${shown.join(', ')})`, raw: data };
  } catch {
    return { reason: `unknown error ${data.slice(0, 10)}`, raw: data };
  }
}

function formatArg(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(formatArg).join(', ')}]`;
  return String(value);
}

// decodeEventLog gives an array for unnamed parameters; a record keeps consumers to one shape.
function toRecord(args: unknown): Record<string, unknown> | undefined {
  if (args === undefined || args === null) return undefined;
  if (Array.isArray(args)) return Object.fromEntries(args.map((value, i) => [String(i), value]));
  return args as Record<string, unknown>;
}

/** A parameter's type as a signature spells it: tuples as their components in parentheses. */
function canonicalType(parameter: AbiEvent['inputs'][number]): string {
  if (!parameter.type.startsWith('tuple')) return parameter.type;
  const components = 'components' in parameter ? (parameter.components as AbiEvent['inputs']) : [];
  return `(${components.map(canonicalType).join(',')})${parameter.type.slice('tuple'.length)}`;
}

function sameShape(a: AbiEvent, b: AbiEvent): boolean {
  return a.inputs.map((input) => `${input.type}${input.indexed ? '!' : ''}`).join() ===
    b.inputs.map((input) => `${input.type}${input.indexed ? '!' : ''}`).join();
}
