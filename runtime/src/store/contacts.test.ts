import { describe, expect, test } from 'vitest';
import { InputError } from '../../../kernel/index.js';
import { addContact, getContact, listContacts, removeContact, requireContact } from './contacts.js';
import { thrown, useTempDirs } from './test-utils/tmp.js';

const tmp = useTempDirs();
const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('contacts', () => {
  test('default: add, get (any case), list, remove', () => {
    const { db } = tmp.store();
    expect(addContact(db, { name: 'bob', address: bob.toLowerCase(), now: 7 })).toEqual({ name: 'bob', address: bob, createdAt: 7 });
    addContact(db, { name: 'Alice_2', address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' });
    expect(getContact(db, 'BOB')?.address).toBe(bob);
    expect(listContacts(db).map((c) => c.name)).toEqual(['Alice_2', 'bob']);
    removeContact(db, 'Bob');
    expect(getContact(db, 'bob')).toBeUndefined();
    expect(listContacts(db)).toHaveLength(1);
  });

  describe('errors', () => {
    test('CONTACT_EXISTS: names are unique regardless of case', () => {
      const { db } = tmp.store();
      addContact(db, { name: 'bob', address: bob });
      const error = thrown(() => addContact(db, { name: 'BOB', address: bob }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe('CONTACT_EXISTS');
      expect(error.shortMessage).toBe(`A contact named "bob" already exists (${bob}).`);
    });

    test('CONTACT_NOT_FOUND: removing or requiring a missing name', () => {
      const { db } = tmp.store();
      expect(thrown(() => removeContact(db, 'ghost')).code).toBe('CONTACT_NOT_FOUND');
      expect(thrown(() => requireContact(db, 'ghost')).shortMessage).toBe('No contact named "ghost".');
    });

    test.each([
      ['', 'is not a valid contact name'],
      ['a'.repeat(33), 'is not a valid contact name'],
      ['bob smith', 'is not a valid contact name'],
      ['alice.eth', 'looks like an ENS name'],
      ['0xabc', 'looks like an address'],
      ['0X70997970', 'looks like an address'],
      ['émile', 'is not a valid contact name'],
    ])('INVALID_CONTACT_NAME: %j', (name, reason) => {
      const { db } = tmp.store();
      const error = thrown(() => addContact(db, { name, address: bob }));
      expect(error.code).toBe('INVALID_CONTACT_NAME');
      expect(error.shortMessage).toContain(reason);
    });

    test('INVALID_ADDRESS: not an address, a wrong checksum, the zero address', () => {
      const { db } = tmp.store();
      expect(thrown(() => addContact(db, { name: 'x', address: '0x1234' })).code).toBe('INVALID_ADDRESS');
      const badChecksum = bob.replace('C51812dc', 'c51812DC');
      const error = thrown(() => addContact(db, { name: 'x', address: badChecksum }));
      expect(error.code).toBe('INVALID_ADDRESS');
      expect(error.shortMessage).toContain('wrong EIP-55 checksum');
      expect(thrown(() => addContact(db, { name: 'x', address: '0x0000000000000000000000000000000000000000' })).code).toBe('INVALID_ADDRESS');
      expect(listContacts(db)).toEqual([]);
    });
  });
});
