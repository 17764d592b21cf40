import { Command, Option } from 'commander';
import { addOutputOptions, outputOptionsSchema, parseOptions } from './options.js';
import { say, writeData, writeJson } from '../output.js';
import { InputError } from '../../../kernel/errors.js';

const importSchema = (z: typeof import('zod').z) =>
  z
    .object({
      json: z.boolean().default(false),
      privateKeyStdin: z.boolean().default(false),
      mnemonicStdin: z.boolean().default(false),
      hdPath: z.string().min(1).optional(),
    })
    .refine((o) => o.privateKeyStdin !== o.mnemonicStdin, { message: 'give exactly one of --private-key-stdin or --mnemonic-stdin', path: ['privateKeyStdin'] });

const examples = `
Examples:
  $ lucid wallet create main
  $ pbpaste | lucid wallet import main --private-key-stdin
  $ LUCID_PASSWORD=… lucid wallet import cold --mnemonic-stdin < phrase.txt
  $ lucid wallet list --json
  $ lucid wallet export-address main

Secrets are read from stdin (or a hidden prompt), never from arguments: arguments end up in your shell
history and in \`ps\`. The password comes from LUCID_PASSWORD or a hidden prompt on the terminal.`;

export function walletCommand(): Command {
  const wallet = new Command('wallet').description('encrypted keystore wallets in $LUCID_HOME/keystores').addHelpText('after', examples);
  wallet.addCommand(
    addOutputOptions(new Command('create'))
      .description('generate a new key, stored encrypted with your password')
      .argument('<name>', 'letters, digits, _ and -')
      .action(async (name: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const home = await homeDir();
        const { createWallet } = await import('../../../runtime/index.js');
        const password = await readPassword({ confirm: true, message: `New password for ${name}: ` });
        const created = await createWallet({ home, name, password });
        report(options.json, created, 'created');
      }),
  );
  wallet.addCommand(
    addOutputOptions(new Command('import'))
      .description('store an existing private key or recovery phrase, encrypted (read from stdin, never from arguments)')
      .argument('<name>', 'letters, digits, _ and -')
      .option('--private-key-stdin', 'read a 64-hex-digit private key from stdin', false)
      .option('--mnemonic-stdin', 'read a BIP-39 recovery phrase from stdin', false)
      .addOption(new Option('--hd-path <path>', "derivation path for --mnemonic-stdin (default m/44'/60'/0'/0/0)"))
      .addHelpText('after', examples)
      .action(async (name: string, raw: unknown) => {
        const options = await parseOptions(importSchema, raw);
        const home = await homeDir();
        const wallets = await import('../../../runtime/index.js');
        const secret = await readSecret(options.privateKeyStdin ? 'Private key: ' : 'Recovery phrase: ');
        const password = await readPassword({ confirm: true, message: `New password for ${name}: ` });
        const imported = options.privateKeyStdin
          ? await wallets.importPrivateKey({ home, name, privateKey: secret, password })
          : await wallets.importMnemonic({ home, name, mnemonic: secret, password, path: options.hdPath });
        report(options.json, imported, 'imported');
      }),
  );
  wallet.addCommand(
    addOutputOptions(new Command('list'))
      .description('list wallets by name and address (nothing is decrypted)')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { listWallets } = await import('../../../runtime/index.js');
        const list = await listWallets({ home: await homeDir() });
        if (options.json) return writeJson({ wallets: list });
        if (list.length === 0) return say('no wallets yet: lucid wallet create <name> (the devnet uses its own test account)');
        for (const entry of list) writeData(`${entry.name.padEnd(16)} ${entry.address}`);
      }),
  );
  wallet.addCommand(
    addOutputOptions(new Command('export-address'))
      .description("print a wallet's address (never its key)")
      .argument('<name>')
      .action(async (name: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { exportAddress } = await import('../../../runtime/index.js');
        const address = await exportAddress({ home: await homeDir(), name });
        if (options.json) return writeJson({ name, address });
        writeData(address);
      }),
  );
  return wallet;
}

async function homeDir(): Promise<string> {
  const { lucidHome } = await import('../config/index.js');
  return lucidHome(process.env);
}

function report(json: boolean, wallet: { name: string; address: string }, verb: string): void {
  if (json) return writeJson({ wallet });
  say(`${verb} wallet ${wallet.name}`);
  writeData(wallet.address);
}

/** The secret: piped stdin (whole input, trimmed), or a hidden prompt when stdin is a terminal. */
async function readSecret(message: string): Promise<string> {
  if (process.stdin.isTTY) {
    const { passwordFrom } = await import('../../../runtime/index.js');
    // env {} so LUCID_PASSWORD is never mistaken for the key; the prompt hides what is typed.
    return passwordFrom({ env: {}, prompt: { message } });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const secret = Buffer.concat(chunks).toString('utf8').trim();
  for (const chunk of chunks) chunk.fill(0);
  if (!secret) throw new InputError('SECRET_MISSING', 'Nothing was read from stdin.', { hints: ['Pipe the key or phrase in, e.g. `pbpaste | lucid wallet import main --private-key-stdin`.'] });
  return secret;
}

/**
 * LUCID_PASSWORD, else a hidden prompt on the terminal. When stdin carried the secret, the prompt reads the
 * controlling terminal (/dev/tty) instead; with no terminal at all this is PASSWORD_REQUIRED.
 */
async function readPassword(prompt: { confirm: boolean; message: string }): Promise<string> {
  const { passwordFrom, passwordEnvVar } = await import('../../../runtime/index.js');
  if (process.env[passwordEnvVar] || process.stdin.isTTY) return checked(await passwordFrom({ prompt }));
  const tty = await openTty();
  if (!tty) return passwordFrom({ prompt: false });
  try {
    return checked(await passwordFrom({ prompt: { ...prompt, input: tty } }));
  } finally {
    tty.destroy();
  }
}

function checked(password: string): string {
  if (!password) throw new InputError('PASSWORD_REQUIRED', 'The password is empty.');
  return password;
}

async function openTty(): Promise<import('node:tty').ReadStream | undefined> {
  try {
    const { openSync } = await import('node:fs');
    const { ReadStream } = await import('node:tty');
    return new ReadStream(openSync('/dev/tty', 'r'));
  } catch {
    return undefined;
  }
}
