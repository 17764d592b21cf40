/**
 * `recipients`: addresses the user has sent to, per chain, for the risk checks "never sent to before",
 * lookalike addresses (compare with past recipients) and "this ENS name now resolves to a different address
 * than last time". `last_label` is the name the user typed (ENS or contact) the last time they used it.
 */
import { checksumAddress } from './address.js';
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

export type Recipient = {
  chainId: number;
  address: `0x${string}`;
  firstAt: number;
  lastAt: number;
  count: number;
  lastLabel: string | null;
};

/**
 * Counts one more send to `address` (call it once the transfer is confirmed).
 *
 * @param parameters.label - the ENS name or contact name the user typed, if any; kept as `lastLabel`.
 * @returns the updated row.
 */
export function recordRecipient(
  db: StoreDb,
  parameters: { chainId: number; address: string; label?: string | null | undefined; now?: number | undefined },
): Recipient {
  const address = checksumAddress(parameters.address, 'recipient');
  const now = parameters.now ?? Date.now();
  const label = parameters.label?.trim() ? parameters.label.trim().toLowerCase() : null;
  return withStoreErrors(db.name, () => {
    const row = db
      .prepare(
        `INSERT INTO recipients (chain_id, address, first_at, last_at, count, last_label)
         VALUES (?, ?, ?, ?, 1, ?)
         ON CONFLICT (chain_id, address) DO UPDATE SET
           last_at = excluded.last_at,
           count = recipients.count + 1,
           last_label = COALESCE(excluded.last_label, recipients.last_label)
         RETURNING *`,
      )
      .get(parameters.chainId, address, now, now, label) as RecipientRow;
    return toRecipient(row);
  });
}

/** The history of sends to `address` on `chainId`, or `undefined` if never sent to. */
export function getRecipient(db: StoreDb, parameters: { chainId: number; address: string }): Recipient | undefined {
  const address = checksumAddress(parameters.address, 'recipient');
  const row = withStoreErrors(db.name, () =>
    db.prepare(`SELECT * FROM recipients WHERE chain_id = ? AND address = ?`).get(parameters.chainId, address),
  ) as RecipientRow | undefined;
  return row ? toRecipient(row) : undefined;
}

/** Every past recipient on `chainId`, most recent first (for lookalike comparison). */
export function listRecipients(db: StoreDb, chainId: number): Recipient[] {
  const rows = withStoreErrors(db.name, () =>
    db.prepare(`SELECT * FROM recipients WHERE chain_id = ? ORDER BY last_at DESC, address`).all(chainId),
  ) as RecipientRow[];
  return rows.map(toRecipient);
}

/**
 * The address that `label` (an ENS name, compared lower-case) pointed to the last time the user sent with it,
 * or `undefined`. Compare with today's resolution to warn "alice.eth now resolves differently".
 */
export function lastAddressForLabel(db: StoreDb, parameters: { chainId: number; label: string }): `0x${string}` | undefined {
  const row = withStoreErrors(db.name, () =>
    db
      .prepare(`SELECT address FROM recipients WHERE chain_id = ? AND last_label = ? ORDER BY last_at DESC LIMIT 1`)
      .get(parameters.chainId, parameters.label.trim().toLowerCase()),
  ) as { address: string } | undefined;
  return row ? (row.address as `0x${string}`) : undefined;
}

type RecipientRow = {
  chain_id: number;
  address: string;
  first_at: number;
  last_at: number;
  count: number;
  last_label: string | null;
};

function toRecipient(row: RecipientRow): Recipient {
  return {
    chainId: row.chain_id,
    address: row.address as `0x${string}`,
    firstAt: row.first_at,
    lastAt: row.last_at,
    count: row.count,
    lastLabel: row.last_label,
  };
}
