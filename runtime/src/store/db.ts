/**
 * Opening the Lucid database: `$LUCID_HOME/lucid.db`, one SQLite file in WAL mode with foreign keys on and a
 * busy timeout, migrated to the current schema on open. Every failure a user can meet (read-only directory,
 * full disk, damaged or locked file, a file from a newer Lucid) becomes an {@link InfraError} naming the path.
 */
import { accessSync, chmodSync, closeSync, constants, existsSync, openSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InfraError } from '../../../kernel/index.js';
import { toStoreError } from './errors.js';
import { assertNotFromFuture, CURRENT_SCHEMA_VERSION, getUserVersion, updateSchema } from './migrations/index.js';

/** An open better-sqlite3 connection to a Lucid database. */
export type StoreDb = Database.Database;

export const DB_FILE_NAME = 'lucid.db';

export type OpenStoreOptions = {
  /** Open without writing: no migration, no WAL switch. Writes then fail with `DB_READ_ONLY`. */
  readonly?: boolean | undefined;
  /** How long a write waits for another process's lock before `DB_LOCKED`. Default 5,000 ms. */
  busyTimeoutMs?: number | undefined;
};

export type Store = {
  readonly db: StoreDb;
  /** Absolute path of the database file (or `:memory:`). */
  readonly path: string;
  readonly schemaVersion: number;
  close(): void;
};

export type OpenStoreErrorType = InfraError;

/** `$home/lucid.db`. */
export function storePath(home: string): string {
  return join(resolve(home), DB_FILE_NAME);
}

/**
 * Opens (creating if needed) and migrates the database.
 *
 * @param target - a Lucid home directory (then `lucid.db` inside it), a database file path, or `:memory:`.
 * @param options - see {@link OpenStoreOptions}.
 * @returns {@link Store}; call `close()` when done.
 * @throws {@link InfraError} `DB_OPEN_FAILED` | `DB_READ_ONLY` | `DB_FULL` | `DB_CORRUPT` | `DB_LOCKED` | `DB_FROM_FUTURE`.
 *
 * @example
 * const store = openStore(lucidHome())
 * const id = createRun(store.db, { text: 'swap 1 ETH for USDC', parser: 'grammar', chainId: 31337, account, intents })
 * store.close()
 */
export function openStore(target: string, options: OpenStoreOptions = {}): Store {
  const path = resolveTarget(target);
  const readonly = options.readonly ?? false;
  if (path !== ':memory:') assertDirectoryUsable(path, readonly);
  if (path !== ':memory:' && !readonly) makeOwnerOnly(path);

  let db: StoreDb | undefined;
  try {
    db = new Database(path, {
      readonly,
      fileMustExist: readonly,
      timeout: options.busyTimeoutMs ?? 5_000,
    });
    // A non-SQLite file only shows itself on first read; do it here so the error names the right cause.
    const version = getUserVersion(db);
    db.pragma('foreign_keys = ON');
    let schemaVersion = version;
    assertNotFromFuture(db, version);
    if (readonly) {
      if (version < CURRENT_SCHEMA_VERSION)
        throw new InfraError('DB_READ_ONLY', `The Lucid database at ${path} needs an upgrade but was opened read-only.`, {
          hints: ['Run any lucid command once with write access to upgrade it.'],
        });
    } else {
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      schemaVersion = updateSchema(db).to;
    }
    const opened = db;
    cacheStatements(opened);
    return {
      db: opened,
      path,
      schemaVersion,
      close: () => {
        if (opened.open) opened.close();
      },
    };
  } catch (error) {
    if (db?.open) db.close();
    throw toStoreError(error, path);
  }
}

/** More distinct statements than Lucid's queries have (dynamic SET lists included): the cache starts over. */
const statementCacheLimit = 512;

/**
 * Each SQL text is compiled once per connection: `db.prepare(sql)` hands back the statement compiled the first
 * time (compiling cost more than running most of Lucid's queries, several times per intent). Safe because a
 * statement runs to completion before the next call (no `iterate()` is left open) and nothing here changes a
 * statement's mode (`pluck`, `raw`, `expand`, `safeIntegers`) — the store's tests hold both.
 */
function cacheStatements(db: StoreDb): void {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, ReturnType<StoreDb['prepare']>>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= statementCacheLimit) statements.clear();
      statement = prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }) as StoreDb['prepare'];
}

/**
 * The database holds the user's history (addresses, amounts, what they asked for): owner-only (0600), also
 * when the home directory was made by someone else with 0755. SQLite gives its -wal and -shm files the main
 * file's mode, so the file is created 0600 before SQLite opens it; files left 0644 by an older Lucid are
 * tightened on the next open.
 */
function makeOwnerOnly(path: string): void {
  try {
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`])
      if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // Not ours to chmod (another user's file, a read-only mount): SQLite's own open reports what matters.
  }
}

// A directory (existing) means "the Lucid home"; anything else is the database file itself.
function resolveTarget(target: string): string {
  if (target === ':memory:') return target;
  const absolute = resolve(target);
  try {
    if (statSync(absolute).isDirectory()) return join(absolute, DB_FILE_NAME);
  } catch {
    // Missing: a file path whose parent is checked next.
  }
  return absolute;
}

// SQLite's own message for these is "unable to open database file"; say which part is wrong instead.
function assertDirectoryUsable(path: string, readonly: boolean): void {
  const dir = dirname(path);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory)
    throw new InfraError('DB_OPEN_FAILED', `Cannot open the Lucid database at ${path}: directory ${dir} does not exist.`, {
      hints: ['Create it, or set LUCID_HOME to an existing directory (lucid creates ~/.lucid by default).'],
    });
  if (readonly) return;
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new InfraError('DB_READ_ONLY', `Cannot write to the Lucid database at ${path}: directory ${dir} is read-only.`, {
      hints: ['Make the directory writable (chmod u+w), or set LUCID_HOME to a writable directory.'],
      cause: error,
    });
  }
}
