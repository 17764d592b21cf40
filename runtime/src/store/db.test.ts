import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InfraError } from '../../../kernel/index.js';
import { openStore, storePath } from './db.js';
import { appendInput, listInputs } from './inputHistory.js';
import { createRun, listRuns } from './runs.js';
import { thrown, useTempDirs } from './test-utils/tmp.js';

const tmp = useTempDirs();
const isRoot = process.getuid?.() === 0;
const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('openStore', () => {
  test('default: a home directory gets lucid.db in WAL mode with foreign keys and a busy timeout', () => {
    const home = tmp.dir();
    const store = tmp.store(home);
    expect(store.path).toBe(storePath(home));
    expect(store.path).toBe(join(home, 'lucid.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  test('args: a file path is used as the database file', () => {
    const file = join(tmp.dir(), 'other.sqlite');
    const store = tmp.store(file);
    expect(store.path).toBe(file);
  });

  test('behavior: foreign keys are enforced (a tx for a missing run is refused)', () => {
    const store = tmp.store();
    expect(() =>
      store.db
        .prepare(`INSERT INTO txs (run_id, idx, chain_id, hash, request_json, status, created_at, updated_at) VALUES (42, 0, 1, '0x', '{}', 'signed', 1, 1)`)
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  describe('errors', () => {
    test('DB_OPEN_FAILED: the directory does not exist', () => {
      const missing = join(tmp.dir(), 'nope', 'lucid.db');
      const error = thrown(() => openStore(missing));
      expect(error).toBeInstanceOf(InfraError);
      expect(error.code).toBe('DB_OPEN_FAILED');
      expect(error.shortMessage).toContain(missing);
      expect(error.hints?.join(' ')).toContain('LUCID_HOME');
    });

    test('DB_CORRUPT: a file that is not SQLite', () => {
      const home = tmp.dir();
      writeFileSync(join(home, 'lucid.db'), 'this is not a database, just text that is long enough to look like a header '.repeat(20));
      const error = thrown(() => openStore(home));
      expect(error.code).toBe('DB_CORRUPT');
      expect(error.shortMessage).toContain(join(home, 'lucid.db'));
      expect(error.hints?.[0]).toContain('mv ');
    });

    test('DB_READ_ONLY: a store opened read-only refuses writes with a clear error', () => {
      const home = tmp.dir();
      tmp.store(home).close();
      const store = openStore(home, { readonly: true });
      try {
        expect(listRuns(store.db, { limit: 5 })).toEqual([]);
        const error = thrown(() => createRun(store.db, { text: 'x', parser: 'grammar', chainId: 31337, account, intents: [] }));
        expect(error.code).toBe('DB_READ_ONLY');
        expect(error.shortMessage).toContain(store.path);
      } finally {
        store.close();
      }
    });

    test.skipIf(isRoot)('DB_READ_ONLY: home directory chmod 0500 (non-root: permissions apply to us)', () => {
      const home = tmp.dir();
      chmodSync(home, 0o500);
      try {
        const error = thrown(() => openStore(home));
        expect(error.code).toBe('DB_READ_ONLY');
        expect(error.shortMessage).toContain(home);
      } finally {
        chmodSync(home, 0o700);
      }
    });

    // Root ignores directory permissions, so as root the same check runs in a child process as user "nobody".
    test.runIf(isRoot)('DB_READ_ONLY: home directory chmod 0500, checked as an unprivileged user (running as root)', () => {
      const root = tmp.dir();
      chmodSync(root, 0o755);
      const home = join(root, 'home');
      mkdirSync(home);
      chownSync(home, 65534, 65534);
      chmodSync(home, 0o500);
      const child = join(root, 'child.ts');
      writeFileSync(
        child,
        `import { openStore } from ${JSON.stringify(join(import.meta.dirname, 'db.ts'))};
// Load everything (SQLite's native addon too) while the repository is readable, wherever it is checked
// out (a mktemp -d clone is 0700), then become "nobody" before meeting the read-only home.
openStore(':memory:').close();
process.setgid(65534);
process.setuid(65534);
try { openStore(process.argv[2]); console.log(JSON.stringify({ ok: true })); }
catch (e) { console.log(JSON.stringify({ code: e.code, message: e.shortMessage })); }`,
      );
      chmodSync(child, 0o644);
      const result = spawnSync(process.execPath, ['--import', 'tsx', child, home], {
        cwd: process.cwd(),
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({
        code: 'DB_READ_ONLY',
        message: `Cannot write to the Lucid database at ${join(home, 'lucid.db')}: directory ${home} is read-only.`,
      });
    });

    test('DB_FULL: a full disk fails the write with DB_FULL and leaves nothing half-written', () => {
      const store = tmp.store();
      for (let i = 0; i < 5; i++) appendInput(store.db, `line ${i}`);
      // Cap the file at its current size: the next page allocation fails exactly like a full disk (SQLITE_FULL).
      const pages = store.db.pragma('page_count', { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages}`);
      const big = 'x'.repeat(64 * 1024);
      const error = thrown(() => appendInput(store.db, big));
      expect(error.code).toBe('DB_FULL');
      expect(error.shortMessage).toContain(store.path);
      expect(listInputs(store.db, 10)).toEqual(['line 4', 'line 3', 'line 2', 'line 1', 'line 0']);
    });

    test('DB_LOCKED: another process holds the write lock longer than the busy timeout', () => {
      const home = tmp.dir();
      tmp.store(home).close();
      const other = new Database(join(home, 'lucid.db'));
      other.exec('BEGIN EXCLUSIVE');
      try {
        const store = openStore(home, { busyTimeoutMs: 50 });
        try {
          const error = thrown(() => createRun(store.db, { text: 'x', parser: 'grammar', chainId: 31337, account, intents: [] }));
          expect(error.code).toBe('DB_LOCKED');
          expect(error.hints?.[0]).toContain('Another lucid');
        } finally {
          store.close();
        }
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    });
  });
});

describe('prepared statements', () => {
  test('behavior: each SQL text is compiled once per connection, and a reused statement answers like a fresh one', () => {
    const store = tmp.store();
    const other = tmp.store();
    const sql = 'SELECT count(*) AS n FROM runs';
    expect(store.db.prepare(sql)).toBe(store.db.prepare(sql));
    expect(other.db.prepare(sql)).not.toBe(store.db.prepare(sql));
    createRun(store.db, { text: 'send 1 ETH to bob', parser: 'grammar', chainId: 31337, account, intents: [] });
    expect(store.db.prepare(sql).get()).toEqual({ n: 1 });
    createRun(store.db, { text: 'send 2 ETH to bob', parser: 'grammar', chainId: 31337, account, intents: [] });
    expect(store.db.prepare(sql).get()).toEqual({ n: 2 });
    expect(listRuns(store.db, { limit: 10 }).map((run) => run.text)).toEqual(['send 2 ETH to bob', 'send 1 ETH to bob']);
  });

  test('behavior: no store code leaves a statement open (iterate) or changes its mode, which a shared statement would carry to the next caller', () => {
    const dir = join(import.meta.dirname, '..');
    const listing = spawnSync('grep', ['-rlE', '\\.(iterate|pluck|raw|expand|safeIntegers)\\(', dir, '--include=*.ts', '--exclude=*.test.ts'], { encoding: 'utf8' });
    expect(listing.stdout.trim()).toBe('');
  });
});
