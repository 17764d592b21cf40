/**
 * A step's place said as a field after it, the way tool calls and scripts write parameters: "(venue: uniswap)",
 * ", protocol: uniswap-v2", ". Network: base", "chain=arbitrum". The key says whether a venue or a chain follows;
 * the parser then reads the value as it reads one after "on", so an unknown chain is refused by name as there.
 * A key with no known value after it is left for the other rules (a label, a note or a refusal).
 */
import type { Token } from './tokenize.js';

const chainKeys: ReadonlySet<string> = new Set(['chain', 'network', 'net', 'chainid']);
const venueKeys: ReadonlySet<string> = new Set(['venue', 'protocol', 'dex', 'exchange', 'platform', 'router']);

export type ModifierFieldAtReturnType = { kind: 'chain' | 'venue'; value: number } | undefined;

/** At `index`: an optional mark (",", ";", ".", "|"), a key and ":" or "="; returns the key's kind and where its value starts. */
export function modifierFieldAt(tokens: readonly Token[], index: number): ModifierFieldAtReturnType {
  let k = index;
  const mark = tokens[k];
  if (mark?.kind === 'punct' && [',', ';', '.', '|', '/'].includes(mark.value)) k++;
  const key = tokens[k];
  const sign = tokens[k + 1];
  if (key?.kind !== 'word' || sign?.kind !== 'punct' || (sign.value !== ':' && sign.value !== '=')) return undefined;
  if (tokens[k + 2] === undefined) return undefined;
  if (chainKeys.has(key.lower)) return { kind: 'chain', value: k + 2 };
  if (venueKeys.has(key.lower)) return { kind: 'venue', value: k + 2 };
  return undefined;
}
