/**
 * Reading and writing `$LUCID_HOME/config.json`. Reads validate with `configSchemas().configFileSchema` and name the
 * file and the field on error; writes go to a temp file that is renamed over the old one, so a crash never
 * leaves half a config.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { toChecksumAddress as getAddress, InfraError, InputError } from '../../../kernel/core.js';
import type { z } from 'zod';
import { configFilePath } from './home.js';
import { configSchemas, type ConfigFile } from './schema.js';

/** Keys that would hold a secret, wherever they appear in the file. */
const SECRET_KEYS = /^(api_?key|openai_?api_?key|private_?key|mnemonic|seed(_?phrase)?|password|secret)$/i;

/**
 * Reads and validates the config file; a missing file is an empty config.
 *
 * @param home - the Lucid home (see `lucidHome()`).
 * @throws {@link InputError} `CONFIG_INVALID` naming the file and the field.
 * @throws {@link InfraError} `CONFIG_UNREADABLE` if the file exists but cannot be read.
 */
export function loadConfigFile(home: string): ConfigFile {
  const path = configFilePath(home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new InfraError('CONFIG_UNREADABLE', `Cannot read the Lucid config file ${path}.`, {
      details: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  if (text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError('CONFIG_INVALID', `The Lucid config file ${path} is not valid JSON.`, {
      details: error instanceof Error ? error.message : String(error),
      hints: ['Fix the syntax, or delete the file to start from the defaults.'],
    });
  }
  return parseConfigFile(raw, path);
}

/**
 * Validates an already-parsed config object (exported for `saveConfigFile` and tests).
 *
 * @throws {@link InputError} `CONFIG_INVALID`.
 */
export function parseConfigFile(raw: unknown, path: string): ConfigFile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError('CONFIG_INVALID', `The Lucid config file ${path} must hold a JSON object.`, {
      hints: ['Example: {"rpcUrl": "http://127.0.0.1:8545", "parser": "grammar"}'],
    });
  assertNoSecretKeys(raw, path, []);
  const result = configSchemas().configFileSchema.safeParse(raw);
  if (!result.success) throw configInvalid(path, result.error);
  const config = result.data;
  if (config.account) config.account = getAddress(config.account);
  return config;
}

/** A change to the config file: a value sets the field, `null` removes it. */
export type ConfigFilePatch = {
  rpcUrl?: string | null;
  chain?: string | null;
  account?: string | null;
  parser?: ConfigFile['parser'] | null;
  llm?: { baseUrl?: string | null; model?: string | null; timeoutMs?: number | null } | null;
};

/**
 * Applies `patch` to the current file and writes it atomically (temp file in the same directory, fsync,
 * rename), mode 0600.
 *
 * @returns the config now on disk.
 * @throws {@link InputError} `CONFIG_INVALID` if the result would not validate (the file is left unchanged).
 * @throws {@link InfraError} `CONFIG_WRITE_FAILED`.
 */
export function saveConfigFile(home: string, patch: ConfigFilePatch): ConfigFile {
  const path = configFilePath(home);
  const current = loadConfigFile(home) as Record<string, unknown>;
  const merged = applyPatch(current, patch as Record<string, unknown>);
  const config = parseConfigFile(merged, path);
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new InfraError('CONFIG_WRITE_FAILED', `Cannot write the Lucid config file ${path}.`, {
      details: error instanceof Error ? error.message : String(error),
      hints: [code === 'ENOSPC' ? 'The disk is full; free some space.' : 'Check that the Lucid home directory is writable.'],
      cause: error,
    });
  }
  return config;
}

// Shallow merge with one nested level (llm); null deletes; an emptied llm object is dropped.
function applyPatch(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete next[key];
      continue;
    }
    if (key === 'llm' && typeof value === 'object' && !Array.isArray(value)) {
      const llm = applyPatch((next.llm as Record<string, unknown> | undefined) ?? {}, value as Record<string, unknown>);
      if (Object.keys(llm).length) next.llm = llm;
      else delete next.llm;
      continue;
    }
    next[key] = value;
  }
  return next;
}

// Checked before the schema so the message says "move it to the environment", not just "unknown field".
function assertNoSecretKeys(value: unknown, path: string, at: string[]): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = [...at, key].join('.');
    if (SECRET_KEYS.test(key)) {
      const isApiKey = /api_?key/i.test(key);
      throw new InputError('CONFIG_INVALID', `The Lucid config file ${path} must not contain "${field}": secrets are never read from it.`, {
        hints: isApiKey
          ? ['Remove the field and set the key in the environment instead: export OPENAI_API_KEY=…']
          : ['Remove the field. Lucid never stores keys, mnemonics or passwords in files it writes or reads.'],
      });
    }
    assertNoSecretKeys(child, path, [...at, key]);
  }
}

function configInvalid(path: string, error: z.ZodError): InputError {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(top level)';
  const lines = error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  return new InputError('CONFIG_INVALID', `The Lucid config file ${path} has an invalid field "${field}": ${issue?.message ?? 'invalid'}.`, {
    details: lines.length > 1 ? lines.join('\n') : undefined,
    hints: ['Fix or remove the field; see the config.json example in README.'],
  });
}
