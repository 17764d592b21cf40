import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InfraError } from '../../../../kernel/index.js';
import { openStore } from '../db.js';
import { thrown, useTempDirs } from '../test-utils/tmp.js';
import { CURRENT_SCHEMA_VERSION, getUserVersion, SCHEMA_VERSIONS, updateSchema, updateToVersion } from './index.js';

const tmp = useTempDirs();

function tables(db: Database.Database): { name: string; strict: number }[] {
  return db
    .prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string; strict: number }[];
}

describe('updateSchema', () => {
  test('default: migrates an empty database to the newest version, every table STRICT', () => {
    const db = new Database(':memory:');
    expect(updateSchema(db)).toEqual({ from: 0, to: CURRENT_SCHEMA_VERSION });
    expect(getUserVersion(db)).toBe(CURRENT_SCHEMA_VERSION);
    const list = tables(db);
    expect(list.map((t) => t.name)).toEqual([
      'account_locks',
      'agent_actions',
      'agents_cache',
      'contacts',
      'indexer_cursor',
      'input_history',
      'recipients',
      'registry_candidates',
      'registry_contracts',
      'registry_entry_info',
      'registry_payouts',
      'registry_usage',
      'runs',
      'spends',
      'txs',
    ]);
    expect(list.filter((t) => t.strict !== 1)).toEqual([]);
  });

  test('behavior: token amounts, addresses and hashes are TEXT columns', () => {
    const db = new Database(':memory:');
    updateSchema(db);
    const type = (table: string, column: string) =>
      (db.prepare(`SELECT type FROM pragma_table_info(?) WHERE name = ?`).get(table, column) as { type: string }).type;
    expect(type('spends', 'amount')).toBe('TEXT');
    expect(type('agents_cache', 'fee_wei')).toBe('TEXT');
    expect(type('agents_cache', 'agent_id')).toBe('TEXT');
    expect(type('txs', 'hash')).toBe('TEXT');
    expect(type('runs', 'account')).toBe('TEXT');
    // STRICT refuses a number where TEXT is declared would be coerced by non-strict tables: check it stays text.
    db.prepare(`INSERT INTO runs (created_at, updated_at, text, parser, chain_id, account, status) VALUES (1, 1, 't', 'grammar', 1, 'a', 'parsed')`).run();
    expect(() => db.prepare(`INSERT INTO spends (run_id, chain_id, account, token, amount, created_at) VALUES (1, 1, 'a', 'ETH', 1.5, 1)`).run()).toThrow();
  });

  test('behavior: re-running is a no-op', () => {
    const db = new Database(':memory:');
    updateSchema(db);
    expect(updateSchema(db)).toEqual({ from: CURRENT_SCHEMA_VERSION, to: CURRENT_SCHEMA_VERSION });
  });

  test('args: target — updateToVersion(10) then the rest keeps seeded rows', () => {
    const db = new Database(':memory:');
    expect(updateToVersion(db, 10)).toEqual({ from: 0, to: 10 });
    expect(tables(db).map((t) => t.name)).not.toContain('agents_cache');
    db.prepare(`INSERT INTO contacts (name, address, created_at) VALUES ('bob', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 1)`).run();
    expect(updateSchema(db)).toEqual({ from: 10, to: CURRENT_SCHEMA_VERSION });
    expect(db.prepare(`SELECT name FROM contacts`).all()).toEqual([{ name: 'bob' }]);
  });

  test('behavior: a failing step rolls back every step of the run and the version', () => {
    const db = new Database(':memory:');
    const versions = [
      ...SCHEMA_VERSIONS,
      {
        version: 1000,
        update: (d: Database.Database) => {
          d.exec(`CREATE TABLE half_done (x INTEGER) STRICT`);
          throw new Error('boom');
        },
      },
    ];
    expect(() => updateSchema(db, { versions })).toThrow('boom');
    expect(getUserVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  describe('errors', () => {
    test('DB_FROM_FUTURE: refuses a database written by a newer Lucid', () => {
      const db = new Database(':memory:');
      db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 10}`);
      const error = thrown(() => updateSchema(db));
      expect(error).toBeInstanceOf(InfraError);
      expect(error.code).toBe('DB_FROM_FUTURE');
      expect(error.shortMessage).toContain(`schema ${CURRENT_SCHEMA_VERSION + 10}`);
    });

    test('MIGRATIONS_NOT_MONOTONIC: a step list out of order is a bug', () => {
      const db = new Database(':memory:');
      const noop = () => {};
      const error = thrown(() => updateSchema(db, { versions: [{ version: 20, update: noop }, { version: 10, update: noop }] }));
      expect(error.code).toBe('MIGRATIONS_NOT_MONOTONIC');
      expect(getUserVersion(db)).toBe(0);
    });
  });
});

/**
 * What Lucid created on first use before schema 30, when the registry indexer made its own tables (verbatim
 * from the removed runtime/src/registry/tables.ts). Databases written then are at version 20 with these tables.
 */
const legacyRegistryTables = `
  CREATE TABLE IF NOT EXISTS registry_contracts (
    chain_id INTEGER NOT NULL, kind TEXT NOT NULL, address TEXT NOT NULL,
    PRIMARY KEY (chain_id, kind)) STRICT;
  CREATE TABLE IF NOT EXISTS registry_entry_info (
    chain_id INTEGER NOT NULL, registry TEXT NOT NULL, entry_id TEXT NOT NULL,
    name TEXT, description TEXT, chains_json TEXT NOT NULL DEFAULT '[]',
    usage_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chain_id, registry, entry_id)) STRICT;
  CREATE TABLE IF NOT EXISTS registry_candidates (
    chain_id INTEGER NOT NULL, registry TEXT NOT NULL, action TEXT NOT NULL, fee_key TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (chain_id, registry, action, fee_key, entry_id)) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS registry_candidates_entry ON registry_candidates (chain_id, registry, entry_id);
  CREATE TABLE IF NOT EXISTS registry_usage (
    chain_id INTEGER NOT NULL, ledger TEXT NOT NULL, block_number INTEGER NOT NULL, log_index INTEGER NOT NULL,
    tx_hash TEXT NOT NULL, user TEXT NOT NULL, epoch INTEGER NOT NULL,
    agent_id TEXT NOT NULL, frontend_id TEXT NOT NULL, compute_id TEXT NOT NULL, paid_wei TEXT NOT NULL,
    PRIMARY KEY (chain_id, ledger, block_number, log_index)) STRICT;
  CREATE INDEX IF NOT EXISTS registry_usage_agent ON registry_usage (chain_id, ledger, agent_id);
  CREATE INDEX IF NOT EXISTS registry_usage_frontend ON registry_usage (chain_id, ledger, frontend_id);
  CREATE INDEX IF NOT EXISTS registry_usage_compute ON registry_usage (chain_id, ledger, compute_id);
  CREATE TABLE IF NOT EXISTS registry_payouts (
    chain_id INTEGER NOT NULL, ledger TEXT NOT NULL, block_number INTEGER NOT NULL, log_index INTEGER NOT NULL,
    pool INTEGER NOT NULL, entry_id TEXT NOT NULL, what TEXT NOT NULL CHECK (what IN ('fees', 'rewards')),
    to_address TEXT NOT NULL, amount_wei TEXT NOT NULL,
    PRIMARY KEY (chain_id, ledger, block_number, log_index)) STRICT;
  CREATE INDEX IF NOT EXISTS registry_payouts_entry ON registry_payouts (chain_id, ledger, pool, entry_id);
`;

/** Every table's and index's columns, as SQLite reports them: equal schemas give equal shapes. */
function shape(db: Database.Database): unknown {
  const names = db.prepare(`SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { type: string; name: string }[];
  return names.map(({ type, name }) => ({
    type,
    name,
    columns: db.prepare(type === 'index' ? `SELECT * FROM pragma_index_xinfo(?)` : `SELECT * FROM pragma_table_xinfo(?)`).all(name),
  }));
}

describe('a database whose registry tables were created before schema 30', () => {
  test('behavior: opens, migrates to the current version, and keeps its registry index', () => {
    const home = tmp.dir();
    const legacy = new Database(join(home, 'lucid.db'));
    updateToVersion(legacy, 20);
    legacy.exec(legacyRegistryTables);
    legacy.prepare(`INSERT INTO registry_contracts (chain_id, kind, address) VALUES (31337, 'agent', '0x00000000000000000000000000000000000A6e47')`).run();
    legacy.prepare(`INSERT INTO registry_entry_info (chain_id, registry, entry_id, name) VALUES (31337, '0x00000000000000000000000000000000000A6e47', '7', 'quick-swap')`).run();
    legacy.close();

    const store = openStore(home);
    expect(store.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(store.db.prepare(`SELECT name FROM registry_entry_info WHERE entry_id = '7'`).all()).toEqual([{ name: 'quick-swap' }]);
    const fresh = new Database(':memory:');
    updateSchema(fresh);
    expect(shape(store.db)).toEqual(shape(fresh));
    store.close();
  });
});

describe('openStore + migrations on a real file', () => {
  test('behavior: migrates once, re-opening is idempotent and keeps data', () => {
    const home = tmp.dir();
    const first = openStore(home);
    expect(first.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    first.db.prepare(`INSERT INTO input_history (line, created_at) VALUES ('hello', 1)`).run();
    first.close();
    const second = openStore(home);
    expect(second.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(second.db.prepare(`SELECT line FROM input_history`).all()).toEqual([{ line: 'hello' }]);
    second.close();
  });

  test('DB_FROM_FUTURE: opening a newer file fails with the path and leaves it untouched', () => {
    const home = tmp.dir();
    const file = join(home, 'lucid.db');
    const raw = new Database(file);
    raw.pragma('user_version = 9999');
    raw.close();
    const error = thrown(() => openStore(home));
    expect(error.code).toBe('DB_FROM_FUTURE');
    expect(error.shortMessage).toContain(file);
    const check = new Database(file, { readonly: true });
    expect(getUserVersion(check)).toBe(9999);
    expect(tables(check)).toEqual([]);
    check.close();
  });
});
