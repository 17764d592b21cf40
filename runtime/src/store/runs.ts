/**
 * `runs`: one row per intent the user submitted, from the words typed to the final outcome. The JSON columns
 * hold what the router understood (`intents`), the agent's plan, the simulation report and the result
 * (balance changes after inclusion). Bigints in them are stored as decimal strings.
 */
import { InfraError, redactUrls } from '../../../kernel/index.js';
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';
import { fromJsonText, toJsonText } from './json.js';
import { assertNoSecrets, redactSecrets } from './secrets.js';

export const RUN_STATUSES = [
  'parsed',
  'simulated',
  'refused',
  'rejected',
  'failed',
  'signing',
  'sent',
  'confirmed',
  'reverted',
  'dropped',
  'replaced',
] as const;
/** Statuses after which a run does not change any more. */
export const FINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'refused',
  'rejected',
  'failed',
  'confirmed',
  'reverted',
  'dropped',
  'replaced',
]);

/** Whether `status` is final (a late error must not overwrite it). */
export function isFinalRunStatus(status: RunStatus): boolean {
  return FINAL_RUN_STATUSES.has(status);
}

/**
 * `refused`: by policy or a safety check; `rejected`: by the user at the prompt; `failed`: the simulation
 * reverted or errored before anything was signed.
 */
export type RunStatus = (typeof RUN_STATUSES)[number];
/** `command`: a structured subcommand (e.g. `lucid send`) rather than free words. */
export type RunParser = 'grammar' | 'llm' | 'command';

/** The most of the user's words a run keeps (a pasted document must not become a 120 KB history row). */
export const RUN_TEXT_LIMIT = 500;
/** The most of an error message a run keeps (messages may quote the words). */
export const RUN_ERROR_LIMIT = 1_000;

/**
 * `text` cut to `limit` characters, with a visible marker saying how long it was; unchanged when it fits.
 * Cuts between code points, never inside a surrogate pair.
 */
export function boundedText(text: string, limit: number): string {
  const points = Array.from(text);
  if (points.length <= limit) return text;
  return `${points.slice(0, limit).join('')}… [truncated: ${points.length} characters]`;
}

export type Run = {
  id: number;
  createdAt: number;
  updatedAt: number;
  text: string;
  parser: RunParser;
  chainId: number;
  account: string;
  status: RunStatus;
  intents: unknown;
  agentId: string | null;
  plan: unknown;
  simulation: unknown;
  /** Risk flags and policy verdict shown to the user. */
  review: unknown;
  result: unknown;
  errorCode: string | null;
  errorMessage: string | null;
};

export type CreateRunParameters = {
  /** The user's words. 32-byte hex runs in them are redacted before storing. */
  text: string;
  parser: RunParser;
  chainId: number;
  account: string;
  /** What the router produced (the `intents` array of INTENTS.md). */
  intents: unknown;
  /** Default `parsed`; e.g. `failed` with an error for words that did not parse. */
  status?: RunStatus | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  /** Clock override for tests; ms since the epoch. */
  now?: number | undefined;
};

export type UpdateRunPatch = {
  status?: RunStatus;
  agentId?: string | bigint | null;
  intents?: unknown;
  plan?: unknown;
  simulation?: unknown;
  review?: unknown;
  result?: unknown;
  errorCode?: string | null;
  errorMessage?: string | null;
};

/**
 * Inserts a run in status `parsed` (unless given).
 *
 * @returns the new run's id.
 * @throws RefusedError `SECRET_REJECTED` if `intents` holds something key-shaped.
 */
export function createRun(db: StoreDb, parameters: CreateRunParameters): number {
  assertNoSecrets(parameters.intents, 'runs.intents_json');
  const now = parameters.now ?? Date.now();
  return withStoreErrors(db.name, () => {
    const info = db
      .prepare(
        `INSERT INTO runs (created_at, updated_at, text, parser, chain_id, account, status, intents_json,
           error_code, error_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        now,
        now,
        boundedText(redactSecrets(parameters.text), RUN_TEXT_LIMIT),
        parameters.parser,
        parameters.chainId,
        parameters.account,
        parameters.status ?? 'parsed',
        toJsonText(parameters.intents),
        parameters.errorCode ?? null,
        parameters.errorMessage === undefined ? null : boundedText(redactUrls(redactSecrets(parameters.errorMessage)), RUN_ERROR_LIMIT),
      );
    return Number(info.lastInsertRowid);
  });
}

const PATCH_COLUMNS = {
  status: 'status',
  agentId: 'agent_id',
  intents: 'intents_json',
  plan: 'plan_json',
  simulation: 'simulation_json',
  review: 'review_json',
  result: 'result_json',
  errorCode: 'error_code',
  errorMessage: 'error_message',
} as const satisfies Record<keyof UpdateRunPatch, string>;
const JSON_FIELDS = new Set<keyof UpdateRunPatch>(['intents', 'plan', 'simulation', 'review', 'result']);

/**
 * Writes only the fields present in `patch` and bumps `updated_at`.
 *
 * @throws RefusedError `SECRET_REJECTED` if a JSON field holds something key-shaped (nothing is written).
 * @throws InfraError `DB_ROW_NOT_FOUND` if no run has this id.
 */
export function updateRun(db: StoreDb, id: number, patch: UpdateRunPatch, now: number = Date.now()): void {
  const sets: string[] = ['updated_at = ?'];
  const values: unknown[] = [now];
  for (const [field, column] of Object.entries(PATCH_COLUMNS) as [keyof UpdateRunPatch, string][]) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const value = patch[field];
    if (JSON_FIELDS.has(field)) {
      assertNoSecrets(value, `runs.${column}`);
      values.push(toJsonText(value));
    } else if (field === 'errorMessage' && typeof value === 'string') {
      values.push(boundedText(redactUrls(redactSecrets(value)), RUN_ERROR_LIMIT));
    } else if (field === 'agentId' && typeof value === 'bigint') {
      values.push(value.toString());
    } else {
      values.push(value);
    }
    sets.push(`${column} = ?`);
  }
  withStoreErrors(db.name, () => {
    const info = db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    if (info.changes !== 1) throw rowNotFound('run', id);
  });
}

/** The run with this id, or `undefined`. */
export function getRun(db: StoreDb, id: number): Run | undefined {
  const row = withStoreErrors(db.name, () => db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id)) as RunRow | undefined;
  return row ? toRun(row) : undefined;
}

/**
 * Newest first.
 *
 * @param parameters.limit - at most this many (1–1000).
 * @param parameters.before - only runs with an id lower than this (pagination).
 */
export function listRuns(db: StoreDb, parameters: { limit: number; before?: number | undefined }): Run[] {
  const limit = Math.max(1, Math.min(1000, Math.floor(parameters.limit)));
  const rows = withStoreErrors(db.name, () =>
    parameters.before === undefined
      ? db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`).all(limit)
      : db.prepare(`SELECT * FROM runs WHERE id < ? ORDER BY id DESC LIMIT ?`).all(parameters.before, limit),
  ) as RunRow[];
  return rows.map(toRun);
}

type RunRow = {
  id: number;
  created_at: number;
  updated_at: number;
  text: string;
  parser: RunParser;
  chain_id: number;
  account: string;
  status: RunStatus;
  intents_json: string | null;
  agent_id: string | null;
  plan_json: string | null;
  simulation_json: string | null;
  review_json: string | null;
  result_json: string | null;
  error_code: string | null;
  error_message: string | null;
};

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    text: row.text,
    parser: row.parser,
    chainId: row.chain_id,
    account: row.account,
    status: row.status,
    intents: fromJsonText(row.intents_json),
    agentId: row.agent_id,
    plan: fromJsonText(row.plan_json),
    simulation: fromJsonText(row.simulation_json),
    review: fromJsonText(row.review_json),
    result: fromJsonText(row.result_json),
    errorCode: row.error_code,
    errorMessage: row.error_message,
  };
}

// An update that hits no row means the caller holds an id that does not exist: a bug, surfaced loudly.
export function rowNotFound(table: string, key: string | number): InfraError {
  return new InfraError('DB_ROW_NOT_FOUND', `No ${table} ${key} in the Lucid database.`);
}
