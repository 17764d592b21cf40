/**
 * Turns SQLite and file-system failures into {@link InfraError}s that name the database file and say what
 * to do. Errors that are already Lucid errors pass through; anything else (a constraint we did not expect,
 * a bad statement) is a bug in Lucid and is rethrown unchanged so it reaches the top level as one.
 */
import { InfraError, LucidError } from '../../../kernel/index.js';

export type StoreErrorCode =
  | 'DB_READ_ONLY'
  | 'DB_FULL'
  | 'DB_CORRUPT'
  | 'DB_LOCKED'
  | 'DB_OPEN_FAILED'
  | 'DB_FROM_FUTURE'
  | 'DB_ROW_NOT_FOUND';

/**
 * Maps a thrown value to the error the user should see.
 *
 * @param error - what better-sqlite3 or `fs` threw.
 * @param path - the database file, shown in the message.
 * @returns a {@link LucidError} for the known failure classes, otherwise `error` itself.
 */
export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof LucidError) return error;
  const code = sqliteCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  const where = path === ':memory:' ? 'the in-memory database' : path;

  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'SQLITE_PERM')
    return new InfraError('DB_READ_ONLY', `Cannot write to the Lucid database at ${where}.`, {
      details: reason,
      hints: [
        'Check that the directory and the file are writable by you (ls -l).',
        'Or point LUCID_HOME at a writable directory.',
      ],
      cause: error,
    });
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new InfraError('DB_FULL', `The disk holding the Lucid database at ${where} is full.`, {
      details: reason,
      hints: ['Free some disk space and try again; nothing was half-written.'],
      cause: error,
    });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new InfraError('DB_CORRUPT', `The Lucid database at ${where} is damaged or is not a SQLite file.`, {
      details: reason,
      hints: [
        `Move it aside (mv ${where} ${where}.broken) and run lucid again to start a fresh one.`,
        'History and contacts in the damaged file are not read until it is repaired (sqlite3 .recover).',
      ],
      cause: error,
    });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new InfraError('DB_LOCKED', `The Lucid database at ${where} is locked by another process.`, {
      details: reason,
      hints: ['Another lucid may be running; wait for it to finish or close it, then try again.'],
      cause: error,
    });
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'ENOENT' ||
    code === 'ENOTDIR' ||
    code === 'EISDIR' ||
    /directory does not exist/i.test(reason)
  )
    return new InfraError('DB_OPEN_FAILED', `Cannot open the Lucid database at ${where}.`, {
      details: reason,
      hints: ['Check that its directory exists and is a directory, or set LUCID_HOME to one that does.'],
      cause: error,
    });
  return error;
}

/**
 * Runs `fn` and converts failures with {@link toStoreError}. Used by every query module so that a full
 * disk or a read-only file during a write surfaces as a clear InfraError rather than a SqliteError.
 */
export function withStoreErrors<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStoreError(error, path);
  }
}

// better-sqlite3 puts the extended result code on `code` (e.g. SQLITE_READONLY_DBMOVED); fs puts errno names there.
function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
