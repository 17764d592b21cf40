import { Command } from 'commander';
import { addOutputOptions, outputOptionsSchema, parseOptions } from './options.js';
import { say, writeData, writeJson } from '../output.js';


async function withStore<value>(fn: (db: import('../../../runtime/src/store/db.js').StoreDb) => value): Promise<value> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings({});
  const { openStore } = await import('../../../runtime/src/store/db.js');
  const store = openStore(settings.home);
  try {
    return fn(store.db);
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
        const { addContact } = await import('../../../runtime/src/store/contacts.js');
        const { checkedAddress } = await import('../../../kernel/index.js');
        const contact = await withStore((db) => addContact(db, { name, address: checkedAddress(address) }));
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
        const { removeContact } = await import('../../../runtime/src/store/contacts.js');
        await withStore((db) => removeContact(db, name));
        if (options.json) return writeJson({ removed: name });
        say(`removed ${name}`);
      }),
  );
  contacts.addCommand(
    addOutputOptions(new Command('list'))
      .description('list saved names')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { listContacts } = await import('../../../runtime/src/store/contacts.js');
        const list = await withStore((db) => listContacts(db));
        if (options.json) return writeJson({ contacts: list });
        if (list.length === 0) return say('no contacts yet: lucid contacts add <name> <0x address>');
        for (const contact of list) writeData(`${contact.name.padEnd(16)} ${contact.address}`);
      }),
  );
  return contacts;
}
