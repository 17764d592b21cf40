import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { InfraError, InputError } from '../../../kernel/index.js';
import { loadConfigFile, saveConfigFile } from './file.js';
import { configFilePath, lucidHome } from './home.js';
import { describeConfig, resolveConfig } from './resolve.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-config-'));
  dirs.push(dir);
  return dir;
}
function thrown(fn: () => unknown): Error & { code?: string; shortMessage?: string; hints?: string[]; details?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to throw');
}
const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;

describe('lucidHome', () => {
  test('default: $LUCID_HOME is created with mode 0700', () => {
    const home = join(tempDir(), 'nested', 'lucid');
    expect(lucidHome({ LUCID_HOME: home })).toBe(home);
    expect(statSync(home).isDirectory()).toBe(true);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  test('behavior: without LUCID_HOME it is ~/.lucid under HOME', () => {
    const fakeHome = tempDir();
    const previous = process.env.HOME;
    process.env.HOME = fakeHome;
    try {
      expect(lucidHome({})).toBe(join(fakeHome, '.lucid'));
    } finally {
      process.env.HOME = previous;
    }
  });

  test('HOME_UNUSABLE: LUCID_HOME points at a file', () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    const error = thrown(() => lucidHome({ LUCID_HOME: file }));
    expect(error).toBeInstanceOf(InfraError);
    expect(error.code).toBe('HOME_UNUSABLE');
    expect(error.shortMessage).toContain(file);
  });
});

describe('config file', () => {
  test('default: a missing file is an empty config', () => {
    expect(loadConfigFile(tempDir())).toEqual({});
  });

  test('behavior: saveConfigFile merges, unsets with null, writes atomically with mode 0600', () => {
    const home = tempDir();
    saveConfigFile(home, { rpcUrl: 'http://127.0.0.1:8545', llm: { model: 'm1', timeoutMs: 5000 } });
    const saved = saveConfigFile(home, { parser: 'grammar', account: account.toLowerCase(), llm: { model: null } });
    expect(saved).toEqual({ rpcUrl: 'http://127.0.0.1:8545', parser: 'grammar', account, llm: { timeoutMs: 5000 } });
    expect(loadConfigFile(home)).toEqual(saved);
    expect(statSync(configFilePath(home)).mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual(['config.json']);
    saveConfigFile(home, { llm: { timeoutMs: null }, rpcUrl: null });
    expect(JSON.parse(readFileSync(configFilePath(home), 'utf8'))).toEqual({ parser: 'grammar', account });
  });

  test('behavior: an invalid patch leaves the file unchanged', () => {
    const home = tempDir();
    saveConfigFile(home, { parser: 'llm' });
    const before = readFileSync(configFilePath(home), 'utf8');
    // @ts-expect-error not a parser
    expect(thrown(() => saveConfigFile(home, { parser: 'magic' })).code).toBe('CONFIG_INVALID');
    expect(readFileSync(configFilePath(home), 'utf8')).toBe(before);
    expect(readdirSync(home)).toEqual(['config.json']);
  });

  describe('errors', () => {
    test('CONFIG_INVALID: names the file and the field', () => {
      const home = tempDir();
      writeFileSync(configFilePath(home), JSON.stringify({ parser: 'magic' }));
      const error = thrown(() => loadConfigFile(home));
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.shortMessage).toContain(configFilePath(home));
      expect(error.shortMessage).toContain('"parser"');
    });

    test('CONFIG_INVALID: nested field, unknown field, bad checksum, bad JSON', () => {
      const home = tempDir();
      const path = configFilePath(home);
      writeFileSync(path, JSON.stringify({ llm: { timeoutMs: 'soon' } }));
      expect(thrown(() => loadConfigFile(home)).shortMessage).toContain('"llm.timeoutMs"');
      writeFileSync(path, JSON.stringify({ rpcURL: 'http://x' }));
      expect(thrown(() => loadConfigFile(home)).shortMessage).toContain('rpcURL');
      writeFileSync(path, JSON.stringify({ account: account.replace('f39Fd6', 'F39fD6') }));
      expect(thrown(() => loadConfigFile(home)).shortMessage).toContain('"account"');
      writeFileSync(path, '{"parser": ');
      const error = thrown(() => loadConfigFile(home));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.shortMessage).toBe(`The Lucid config file ${path} is not valid JSON.`);
    });

    test('CONFIG_INVALID: an API key in the file is refused, pointing to OPENAI_API_KEY', () => {
      const home = tempDir();
      writeFileSync(configFilePath(home), JSON.stringify({ llm: { model: 'x', apiKey: 'sk-live-123' } }));
      const error = thrown(() => loadConfigFile(home));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.shortMessage).toContain('"llm.apiKey"');
      expect(error.hints?.join(' ')).toContain('OPENAI_API_KEY');
      expect(error.message).not.toContain('sk-live-123');
      // @ts-expect-error not a field
      expect(thrown(() => saveConfigFile(home, { privateKey: '0x01' })).code).toBe('CONFIG_INVALID');
    });
  });
});

describe('resolveConfig', () => {
  const file = {
    rpcUrl: 'http://file:8545',
    chain: 'base',
    account,
    parser: 'llm' as const,
    llm: { baseUrl: 'http://file-llm/v1', model: 'file-model', timeoutMs: 1000 },
  };
  const env = {
    LUCID_RPC_URL: 'http://env:8545',
    LUCID_PARSER: 'grammar',
    LUCID_MODEL: 'env-model',
    OPENAI_BASE_URL: 'http://env-llm/v1',
    OPENAI_API_KEY: 'sk-env',
  };

  test('default: nothing set gives the defaults', () => {
    const { config, sources } = resolveConfig({});
    expect(config).toEqual({
      rpcUrl: undefined,
      chain: undefined,
      account: undefined,
      parser: 'auto',
      llm: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 15_000, apiKey: undefined },
    });
    expect(Object.values(sources).every((s) => s.source === 'default')).toBe(true);
  });

  test('behavior: flags > env > file > defaults, with the source of each value', () => {
    const { config, sources } = resolveConfig({
      flags: { rpcUrl: 'http://flag:8545', model: 'flag-model' },
      env,
      file,
      filePath: '/h/config.json',
    });
    expect(config).toEqual({
      rpcUrl: 'http://flag:8545',
      chain: 'base',
      account,
      parser: 'grammar',
      llm: { baseUrl: 'http://env-llm/v1', model: 'flag-model', timeoutMs: 1000, apiKey: 'sk-env' },
    });
    expect(sources).toEqual({
      rpcUrl: { source: 'flag', name: '--rpc-url' },
      chain: { source: 'file', name: '/h/config.json' },
      account: { source: 'file', name: '/h/config.json' },
      parser: { source: 'env', name: 'LUCID_PARSER' },
      'llm.baseUrl': { source: 'env', name: 'OPENAI_BASE_URL' },
      'llm.model': { source: 'flag', name: '--model' },
      'llm.timeoutMs': { source: 'file', name: '/h/config.json' },
      'llm.apiKey': { source: 'env', name: 'OPENAI_API_KEY' },
    });
  });

  test('behavior: empty env values count as unset', () => {
    const { config, sources } = resolveConfig({ env: { LUCID_RPC_URL: '', LUCID_CHAIN: '  ' }, file });
    expect(config.rpcUrl).toBe('http://file:8545');
    expect(sources.chain.source).toBe('file');
  });

  test('behavior: describeConfig never shows the API key', () => {
    const rows = describeConfig(resolveConfig({ env, file }));
    expect(JSON.stringify(rows)).not.toContain('sk-env');
    expect(rows.find((r) => r.key === 'llm.apiKey')).toEqual({ key: 'llm.apiKey', value: '(set)', source: 'env', from: 'OPENAI_API_KEY' });
    expect(rows.find((r) => r.key === 'rpcUrl')).toEqual({ key: 'rpcUrl', value: 'http://env:8545', source: 'env', from: 'LUCID_RPC_URL' });
  });

  describe('errors', () => {
    test('CONFIG_INVALID: names the flag or the variable at fault', () => {
      const flagError = thrown(() => resolveConfig({ flags: { parser: 'magic' } }));
      expect(flagError.code).toBe('CONFIG_INVALID');
      expect(flagError.shortMessage).toContain('--parser');
      const envError = thrown(() => resolveConfig({ env: { LUCID_RPC_URL: 'not a url' } }));
      expect(envError.shortMessage).toBe('Invalid value for LUCID_RPC_URL: must be an http(s):// or ws(s):// URL.');
      expect(envError.details).toBe('got "not a url"');
    });
  });
});
