/**
 * Schema version 10: history (runs, txs), address book (contacts, recipients), spend ledger, input history.
 * STRICT tables; addresses, hashes and token amounts are TEXT (amounts as decimal strings of base units).
 * Times are INTEGER milliseconds since the epoch.
 */
import type { Database } from 'better-sqlite3';

export function updateToSchemaVersion10(db: Database): void {
  db.exec(`
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      text TEXT NOT NULL,
      parser TEXT NOT NULL CHECK (parser IN ('grammar', 'llm', 'command')),
      chain_id INTEGER NOT NULL,
      account TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN (
        'parsed', 'simulated', 'refused', 'rejected', 'failed',
        'signing', 'sent', 'confirmed', 'reverted', 'dropped', 'replaced')),
      intents_json TEXT,
      agent_id TEXT,
      plan_json TEXT,
      simulation_json TEXT,
      review_json TEXT,
      result_json TEXT,
      error_code TEXT,
      error_message TEXT
    ) STRICT;

    CREATE TABLE txs (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL CHECK (idx >= 0),
      chain_id INTEGER NOT NULL,
      hash TEXT NOT NULL,
      request_json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('signed', 'sent', 'confirmed', 'reverted', 'dropped', 'replaced')),
      block_number INTEGER,
      receipt_json TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (run_id, idx)
    ) STRICT;
    CREATE INDEX txs_hash ON txs (hash);
    -- Recovery after a crash reads only the few unfinished rows.
    CREATE INDEX txs_pending ON txs (status) WHERE status IN ('signed', 'sent');

    CREATE TABLE contacts (
      name TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
      address TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE recipients (
      chain_id INTEGER NOT NULL,
      address TEXT NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      count INTEGER NOT NULL CHECK (count >= 1),
      last_label TEXT,
      PRIMARY KEY (chain_id, address)
    ) STRICT;
    CREATE INDEX recipients_label ON recipients (chain_id, last_label) WHERE last_label IS NOT NULL;

    CREATE TABLE spends (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      chain_id INTEGER NOT NULL,
      account TEXT NOT NULL,
      token TEXT NOT NULL,
      amount TEXT NOT NULL CHECK (amount GLOB '[0-9]*' AND amount NOT GLOB '*[^0-9]*'),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX spends_window ON spends (chain_id, account, token, created_at);

    CREATE TABLE input_history (
      id INTEGER PRIMARY KEY,
      line TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
  `);
}
