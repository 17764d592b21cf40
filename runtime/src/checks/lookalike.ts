/**
 * Address poisoning (RISK.md): attackers use addresses that share the first and/or last hex characters of one the
 * user really uses. First 4 or last 4 equal but not the whole address → warning; both ends → danger.
 */
import type { Address } from 'viem';

export type Lookalike = {
  /** The known address it resembles. */
  known: Address;
  /** 'both' ends equal (danger) or one end ('start' | 'end', warning). */
  match: 'both' | 'start' | 'end';
  /** The candidate with the characters that differ from `known` in [brackets], for display. */
  highlighted: string;
};

/** Compares `candidate` with each known address; returns the strongest resemblance, or undefined. */
export function findLookalike(candidate: Address, known: readonly Address[], ends = 4): Lookalike | undefined {
  const hex = candidate.slice(2).toLowerCase();
  let best: Lookalike | undefined;
  for (const address of known) {
    const other = address.slice(2).toLowerCase();
    if (other === hex) continue;
    const start = hex.slice(0, ends) === other.slice(0, ends);
    const end = hex.slice(-ends) === other.slice(-ends);
    if (!start && !end) continue;
    const match = start && end ? 'both' : start ? 'start' : 'end';
    if (!best || (best.match !== 'both' && match === 'both')) best = { known: address, match, highlighted: highlightDifferences(candidate, address) };
  }
  return best;
}

/** `candidate` with each run of characters that differ from `known` wrapped in [ ]. */
export function highlightDifferences(candidate: Address, known: Address): string {
  let out = '0x';
  let open = false;
  for (let i = 2; i < candidate.length; i++) {
    const differs = candidate[i]?.toLowerCase() !== known[i]?.toLowerCase();
    if (differs && !open) out += '[';
    if (!differs && open) out += ']';
    open = differs;
    out += candidate[i];
  }
  return open ? `${out}]` : out;
}
