import { Command } from 'commander';
import { addOutputOptions, outputOptionsSchema, parseOptions } from './options.js';
import { say, writeData, writeJson } from '../output.js';
import type { Store } from '../../../runtime/store.js';

/** Contacts need no chain: the store alone, opened for the one command. */
async function withStore<value>(fn: (store: Store) => value): Promise<value> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings({});
  const { openStore } = await import('../../../runtime/store.js');
  const store = openStore(settings.home);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export function contactsCommand(): Command {
  const contacts = new Command('contacts')
    .description('saved names for addresses, usable as recipients ("send 5 USDC to bob")')
    .addHelpText('after', '\nExamples:\n  $ lucid contacts add bob 0x70997970C51812dc3A010C7d01b50e0d17dc79C8\n  $ lucid contacts list --json\n  $ lucid contacts remove bob');
  contacts.addCommand(
    addOutputOptions(new Command('add'))
      .description('save an address under a name')
      .argument('<name>', 'letters, digits, _ and -')
      .argument('<address>', '0x address (EIP-55 checksum checked when mixed-case)')
      .action(async (name: string, address: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { addContact } = await import('../../../runtime/store.js');
        const { checkedAddress } = await import('../../../kernel/index.js');
        const contact = await withStore((store) => addContact(store.db, { name, address: checkedAddress(address) }));
        if (options.json) return writeJson({ contact });
        say(`saved ${contact.name} → ${contact.address}`);
      }),
  );
  contacts.addCommand(
    addOutputOptions(new Command('remove'))
      .description('forget a saved name')
      .argument('<name>')
      .action(async (name: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { removeContact } = await import('../../../runtime/store.js');
        await withStore((store) => removeContact(store.db, name));
        if (options.json) return writeJson({ removed: name });
        say(`removed ${name}`);
      }),
  );
  contacts.addCommand(
    addOutputOptions(new Command('list'))
      .description('list saved names')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { listContacts } = await import('../../../runtime/store.js');
        const list = await withStore((store) => listContacts(store.db));
        if (options.json) return writeJson({ contacts: list });
        if (list.length === 0) return say('no contacts yet: lucid contacts add <name> <0x address>');
        for (const contact of list) writeData(`${contact.name.padEnd(16)} ${contact.address}`);
      }),
  );
  return contacts;
}
