/**
 * JSON columns. Amounts are bigints in memory and decimal strings on disk (never numbers: a float cannot hold
 * 1e18 wei exactly), so serialisation turns every bigint into its decimal string. Reading gives back plain
 * JSON; callers that need bigints convert the fields they know about.
 */

/** Serialises `value` for a TEXT column; `undefined` and `null` become SQL NULL. */
export function toJsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Parses a TEXT column written by {@link toJsonText}; NULL becomes `null`. */
export function fromJsonText(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  return JSON.parse(text) as unknown;
}
