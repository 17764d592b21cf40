/** `input_history`: lines typed in the interactive prompt, for ↑/↓ recall across sessions. */
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';
import { redactSecrets } from './secrets.js';

export const INPUT_HISTORY_LIMIT = 1_000;

/**
 * Appends a line unless it is blank or equal to the previous one, then trims the table to the last
 * {@link INPUT_HISTORY_LIMIT} lines. Key-shaped hex is redacted first.
 *
 * @returns whether a row was added.
 */
export function appendInput(db: StoreDb, line: string, now: number = Date.now()): boolean {
  const text = redactSecrets(line.trim());
  if (!text) return false;
  return withStoreErrors(db.name, () =>
    db.transaction((): boolean => {
      const last = db.prepare(`SELECT line FROM input_history ORDER BY id DESC LIMIT 1`).get() as { line: string } | undefined;
      if (last?.line === text) return false;
      db.prepare(`INSERT INTO input_history (line, created_at) VALUES (?, ?)`).run(text, now);
      db.prepare(
        `DELETE FROM input_history WHERE id NOT IN (SELECT id FROM input_history ORDER BY id DESC LIMIT ?)`,
      ).run(INPUT_HISTORY_LIMIT);
      return true;
    })(),
  );
}

/** The last `limit` lines, newest first (the order Node's readline `history` option expects). */
export function listInputs(db: StoreDb, limit: number = INPUT_HISTORY_LIMIT): string[] {
  const rows = withStoreErrors(db.name, () =>
    db.prepare(`SELECT line FROM input_history ORDER BY id DESC LIMIT ?`).all(Math.max(0, Math.floor(limit))),
  ) as { line: string }[];
  return rows.map((row) => row.line);
}
