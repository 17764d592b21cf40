import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-policy-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const lucid = (...argv: string[]) => runCli(argv, { home });

describe('lucid policy', () => {
  test('show: defaults when there is no file, with the file path', async () => {
    const result = await lucid('policy', 'show');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`policy file: ${join(home, 'policy.json')} (not created yet: defaults apply)`);
    expect(result.stdout).toMatch(/maxPerTx\s+none/);
    expect(result.stdout).toMatch(/allowUnlimitedApprovals\s+false/);
  });

  test('set: writes the file; show --json reads it back', async () => {
    expect((await lucid('policy', 'set', 'maxPerTx.ETH', '1')).code).toBe(0);
    expect((await lucid('policy', 'set', 'typedConfirmationAbove.USDC', '1000')).code).toBe(0);
    const result = await lucid('policy', 'show', '--json');
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ path: join(home, 'policy.json'), exists: true, policy: { maxPerTx: { ETH: '1' }, typedConfirmationAbove: { USDC: '1000' } } });
    expect(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')).maxPerTx).toEqual({ ETH: '1' });
    expect((await lucid('policy', 'show')).stdout).toMatch(/maxPerTx\s+1 ETH/);
  });

  test('set: "none" removes a limit', async () => {
    await lucid('policy', 'set', 'maxPerDay.ETH', '3');
    await lucid('policy', 'set', 'maxPerDay.ETH', 'none');
    expect(JSON.parse((await lucid('policy', 'show', '--json')).stdout).policy.maxPerDay).toEqual({});
  });

  describe('errors', () => {
    test('an unknown key is an input error (exit 2) with the known keys as a hint', async () => {
      const result = await lucid('policy', 'set', 'maxPerWeek.ETH', '1');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Unknown policy key "maxPerWeek.ETH"');
      expect(result.stderr).toContain('hint: Keys: maxPerTx.<TOKEN>');
    });

    test('a bad amount is refused and the file is left as it was', async () => {
      await lucid('policy', 'set', 'maxPerTx.ETH', '1');
      const result = await lucid('policy', 'set', 'maxPerTx.ETH', 'lots', '--json');
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).error.code).toBe('POLICY_VALUE_INVALID');
      expect(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')).maxPerTx).toEqual({ ETH: '1' });
    });

    test('an invalid policy file is reported, not crashed on', async () => {
      writeFileSync(join(home, 'policy.json'), '{"maxPerTx": 5}');
      const result = await lucid('policy', 'show');
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
