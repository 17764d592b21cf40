/**
 * The one table of exit codes. README documents the same table; change both together.
 *
 * | code | kind     | meaning                                                        |
 * |------|----------|----------------------------------------------------------------|
 * | 0    | —        | success                                                        |
 * | 1    | chain    | failed on chain: reverted in simulation or after sending        |
 * | 2    | input    | bad input: words that do not parse, unknown token, bad address  |
 * | 3    | refused  | refused by policy, by a safety check, or by the user            |
 * | 4    | infra    | infrastructure: RPC, devnet, database, file system              |
 * | 70   | bug      | an internal error in Lucid (please report it)                   |
 */
export type ErrorKind = 'chain' | 'input' | 'refused' | 'infra' | 'bug';

export const exitCodes = {
  ok: 0,
  chain: 1,
  input: 2,
  refused: 3,
  infra: 4,
  bug: 70,
} as const satisfies Record<ErrorKind | 'ok', number>;

export function exitCodeFor(kind: ErrorKind): number {
  return exitCodes[kind];
}
