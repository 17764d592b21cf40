import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-config-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const clean = { LUCID_RPC_URL: undefined, LUCID_CHAIN: undefined, LUCID_ACCOUNT: undefined, LUCID_PARSER: undefined, LUCID_MODEL: undefined, OPENAI_BASE_URL: undefined, LUCID_LLM_TIMEOUT_MS: undefined, OPENAI_API_KEY: undefined };
const lucid = (argv: string[], env: Record<string, string | undefined> = {}) => runCli(argv, { home, env: { ...clean, ...env } });

describe('lucid config', () => {
  test('show: every value with its source; defaults on a fresh home', async () => {
    const result = await lucid(['config', 'show']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`config file: ${join(home, 'config.json')}`);
    expect(result.stdout).toMatch(/rpcUrl\s+\(local devnet\)\s+default/);
    expect(result.stdout).toMatch(/parser\s+auto\s+default/);
  });

  test('set then show: the file value, and an environment variable overriding it, named', async () => {
    expect((await lucid(['config', 'set', 'parser', 'grammar'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ parser: 'grammar' });
    expect((await lucid(['config', 'show'])).stdout).toMatch(/parser\s+grammar\s+file/);
    const overridden = await lucid(['config', 'show', '--json'], { LUCID_PARSER: 'llm' });
    const rows = JSON.parse(overridden.stdout).settings as { key: string; value: string; source: string; from?: string }[];
    expect(rows.find((row) => row.key === 'parser')).toEqual({ key: 'parser', value: 'llm', source: 'env', from: 'LUCID_PARSER' });
  });

  test('set: nested llm keys, and "none" removes them', async () => {
    await lucid(['config', 'set', 'llm.timeoutMs', '5000']);
    await lucid(['config', 'set', 'llm.model', 'gpt-4o']);
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ llm: { timeoutMs: 5000, model: 'gpt-4o' } });
    await lucid(['config', 'set', 'llm.model', 'none']);
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ llm: { timeoutMs: 5000 } });
  });

  test('behavior: the API key is shown only as set / not set', async () => {
    const result = await lucid(['config', 'show'], { OPENAI_API_KEY: 'sk-test-secret-value' });
    expect(result.stdout).toMatch(/llm\.apiKey\s+\(set\)\s+env/);
    expect(result.stdout + result.stderr).not.toContain('sk-test-secret-value');
  });

  describe('errors', () => {
    test('the API key cannot be set in the file', async () => {
      const result = await lucid(['config', 'set', 'llm.apiKey', 'sk-nope']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Unknown config key "llm.apiKey"');
      expect(result.stderr).toContain('OPENAI_API_KEY');
      expect(result.stderr).not.toContain('sk-nope');
    });

    test('an invalid value is refused with exit 2', async () => {
      const result = await lucid(['config', 'set', 'rpcUrl', 'not a url', '--json']);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).error.code).toBe('CONFIG_INVALID');
    });
  });
});
