/**
 * `contacts`: the user's address book. A name is what they type in place of an address ("send 5 USDC to
 * bob"), so it must never be mistakable for an address or an ENS name. Names are unique regardless of case.
 */
import { InputError } from '../../../kernel/index.js';
import { checksumAddress } from './address.js';
import type { StoreDb } from './db.js';
import { withStoreErrors } from './errors.js';

export type Contact = { name: string; address: `0x${string}`; createdAt: number };

const NAME_SHAPE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Validates a contact name: 1–32 letters, digits, `_` or `-`; not starting with `0x` (looks like an
 * address); no dots (would look like an ENS name).
 *
 * @throws {@link InputError} `INVALID_CONTACT_NAME` with the reason.
 */
export function assertContactName(name: string): void {
  const hint = 'Use 1–32 letters, digits, _ or -, e.g. "bob" or "cold-wallet".';
  if (name.includes('.'))
    throw new InputError('INVALID_CONTACT_NAME', `"${shorten(name)}" looks like an ENS name, so it cannot be a contact name.`, {
      hints: [hint],
    });
  if (/^0x/i.test(name))
    throw new InputError('INVALID_CONTACT_NAME', `"${shorten(name)}" looks like an address, so it cannot be a contact name.`, {
      hints: [hint],
    });
  if (!NAME_SHAPE.test(name))
    throw new InputError('INVALID_CONTACT_NAME', `"${shorten(name)}" is not a valid contact name.`, { hints: [hint] });
}

/**
 * Saves a contact. The address is stored checksummed.
 *
 * @throws {@link InputError} `INVALID_CONTACT_NAME` | `INVALID_ADDRESS` | `CONTACT_EXISTS`.
 */
export function addContact(db: StoreDb, parameters: { name: string; address: string; now?: number | undefined }): Contact {
  const name = parameters.name.trim();
  assertContactName(name);
  const address = checksumAddress(parameters.address, 'contact address');
  if (/^0x0{40}$/.test(address))
    throw new InputError('INVALID_ADDRESS', 'The zero address cannot be a contact: anything sent there is lost.');
  const createdAt = parameters.now ?? Date.now();
  return withStoreErrors(db.name, () =>
    db.transaction((): Contact => {
      const existing = db.prepare(`SELECT name, address FROM contacts WHERE name = ?`).get(name) as
        | { name: string; address: string }
        | undefined;
      if (existing)
        throw new InputError('CONTACT_EXISTS', `A contact named "${existing.name}" already exists (${existing.address}).`, {
          hints: [`Remove it first (lucid contacts remove ${existing.name}) or pick another name.`],
        });
      db.prepare(`INSERT INTO contacts (name, address, created_at) VALUES (?, ?, ?)`).run(name, address, createdAt);
      return { name, address, createdAt };
    })(),
  );
}

/**
 * Deletes a contact (name matched without regard to case).
 *
 * @throws {@link InputError} `CONTACT_NOT_FOUND`.
 */
export function removeContact(db: StoreDb, name: string): void {
  withStoreErrors(db.name, () => {
    const info = db.prepare(`DELETE FROM contacts WHERE name = ?`).run(name.trim());
    if (info.changes !== 1) throw contactNotFound(name);
  });
}

/** All contacts, by name. */
export function listContacts(db: StoreDb): Contact[] {
  const rows = withStoreErrors(db.name, () =>
    db.prepare(`SELECT name, address, created_at FROM contacts ORDER BY name`).all(),
  ) as ContactRow[];
  return rows.map(toContact);
}

/** The contact with this name (any case), or `undefined`. */
export function getContact(db: StoreDb, name: string): Contact | undefined {
  const row = withStoreErrors(db.name, () =>
    db.prepare(`SELECT name, address, created_at FROM contacts WHERE name = ?`).get(name.trim()),
  ) as ContactRow | undefined;
  return row ? toContact(row) : undefined;
}

/** Like {@link getContact} but throws `CONTACT_NOT_FOUND`. */
export function requireContact(db: StoreDb, name: string): Contact {
  const contact = getContact(db, name);
  if (!contact) throw contactNotFound(name);
  return contact;
}

type ContactRow = { name: string; address: string; created_at: number };

function toContact(row: ContactRow): Contact {
  return { name: row.name, address: row.address as `0x${string}`, createdAt: row.created_at };
}

function contactNotFound(name: string): InputError {
  return new InputError('CONTACT_NOT_FOUND', `No contact named "${shorten(name)}".`, {
    hints: ['List saved contacts with: lucid contacts list'],
  });
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
