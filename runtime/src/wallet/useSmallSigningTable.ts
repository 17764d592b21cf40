/**
 * secp256k1 as viem uses it (@noble/curves, the same instance: one version in the tree) builds a table of
 * 2^7 × 33 multiples of the generator before its first multiplication, so that a process signing thousands
 * of times signs fast. A Lucid run derives one address and signs a few transactions: building that table
 * was a larger share of a whole `lucid send` than everything it saves. A 4-bit window is a table about
 * eight times smaller and still fast per signature. Signatures are unchanged (RFC 6979 keeps them
 * deterministic); only the work to reach them is.
 */
import { secp256k1 } from '@noble/curves/secp256k1';

const windowBits = 4;
let done = false;

/** Idempotent; call before the first key is used in this process. */
export function useSmallSigningTable(): void {
  if (done) return;
  done = true;
  secp256k1.utils.precompute(windowBits, secp256k1.ProjectivePoint.BASE);
}
