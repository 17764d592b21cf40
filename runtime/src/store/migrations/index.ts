/**
 * Schema migrations. Each step is `{ version, update(db) }` in its own numbered file (steps of 10, so a fix
 * can slot in between). The runner applies every pending step in one transaction and records the version in
 * `PRAGMA user_version`, so a crash mid-upgrade leaves the old schema intact. A database written by a newer
 * Lucid is refused rather than guessed at.
 */
import type { Database } from 'better-sqlite3';
import { InfraError, LucidError } from '../../../../kernel/index.js';
import { updateToSchemaVersion10 } from './0010-init.js';
import { updateToSchemaVersion20 } from './0020-agents-cache.js';
import { updateToSchemaVersion30 } from './0030-registry-index.js';
import { updateToSchemaVersion40 } from './0040-spend-reservations.js';
import { updateToSchemaVersion50 } from './0050-agent-blocks.js';
import { updateToSchemaVersion60 } from './0060-registry-name-index.js';

export type SchemaVersion = {
  readonly version: number;
  readonly update: (db: Database) => void;
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 10, update: updateToSchemaVersion10 },
  { version: 20, update: updateToSchemaVersion20 },
  { version: 30, update: updateToSchemaVersion30 },
  { version: 40, update: updateToSchemaVersion40 },
  { version: 50, update: updateToSchemaVersion50 },
  { version: 60, update: updateToSchemaVersion60 },
];

export const CURRENT_SCHEMA_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;

export type UpdateSchemaReturnType = { from: number; to: number };

/** Reads `PRAGMA user_version`. */
export function getUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` to `target` (default: the newest version) in one immediate transaction.
 *
 * @param db - an open, writable connection.
 * @param options.target - stop after this version (tests use it to seed an older schema).
 * @param options.versions - the step list; defaults to {@link SCHEMA_VERSIONS}.
 * @returns the versions before and after.
 * @throws {@link InfraError} `DB_FROM_FUTURE` when the file's version is newer than any step known here.
 *
 * @example
 * const { from, to } = updateSchema(db) // { from: 0, to: 30 } on a new file
 */
export function updateSchema(
  db: Database,
  options: { target?: number; versions?: readonly SchemaVersion[] } = {},
): UpdateSchemaReturnType {
  const versions = options.versions ?? SCHEMA_VERSIONS;
  assertMonotonic(versions);
  const newest = versions[versions.length - 1]?.version ?? 0;
  const target = options.target ?? newest;

  // Fast path without a write lock, so opening an up-to-date file never waits for another writer.
  const current = getUserVersion(db);
  assertNotFromFuture(db, current, newest);
  if (!versions.some((step) => step.version > current && step.version <= target)) return { from: current, to: current };

  const run = db.transaction((): UpdateSchemaReturnType => {
    // Read inside the transaction: another process may have upgraded the file since we opened it.
    const from = getUserVersion(db);
    assertNotFromFuture(db, from, newest);
    let to = from;
    for (const step of versions) {
      if (step.version <= from || step.version > target) continue;
      step.update(db);
      to = step.version;
    }
    if (to !== from) db.pragma(`user_version = ${to}`);
    return { from, to };
  });
  return run.immediate();
}

/** Test helper in the Signal style: migrate an empty database up to `version` only. */
export function updateToVersion(db: Database, version: number): UpdateSchemaReturnType {
  if (!SCHEMA_VERSIONS.some((step) => step.version === version))
    throw new LucidError('bug', 'UNKNOWN_SCHEMA_VERSION', `No migration has version ${version}.`);
  return updateSchema(db, { target: version });
}

/**
 * Refuses a database from a newer Lucid. Exported for read-only opens, which check without migrating.
 */
export function assertNotFromFuture(db: Database, version: number, newest: number = CURRENT_SCHEMA_VERSION): void {
  if (version > newest)
    throw new InfraError(
      'DB_FROM_FUTURE',
      `The Lucid database at ${db.name} was written by a newer version of Lucid (schema ${version}; this one knows up to ${newest}).`,
      {
        hints: [
          'Upgrade lucid to the version that wrote this file.',
          'Or set LUCID_HOME to another directory to start with an empty history.',
        ],
      },
    );
}

// A step list out of order would silently skip migrations on some databases; that is a bug in Lucid.
function assertMonotonic(versions: readonly SchemaVersion[]): void {
  let previous = 0;
  for (const step of versions) {
    if (!Number.isInteger(step.version) || step.version <= previous)
      throw new LucidError(
        'bug',
        'MIGRATIONS_NOT_MONOTONIC',
        `Schema migrations must have strictly increasing versions; ${step.version} follows ${previous}.`,
      );
    previous = step.version;
  }
}
