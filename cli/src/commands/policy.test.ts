import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.js';
import { spawnLucid } from '../test-utils/spawn.js';

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

  test('add / remove: one list item, an address removed without `--`; remove takes a limit off', async () => {
    const dead = '0x000000000000000000000000000000000000dEaD';
    const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    for (const argv of [['add', 'blockedContracts', dead], ['add', 'blockedContracts', other], ['set', 'maxPerDay.ETH', '2']]) {
      const result = await lucid('policy', ...argv);
      expect(result.code, result.stderr).toBe(0);
    }
    // the installed program, as a person types it
    const removed = await spawnLucid(['policy', 'remove', 'blockedContracts', dead], { home, entry: 'bin' });
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain(`${dead} removed from blockedContracts`);
    expect((await lucid('policy', 'remove', 'maxPerDay.ETH')).code).toBe(0);
    const policy = JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8'));
    expect(policy.blockedContracts).toEqual([other]);
    expect(policy.maxPerDay).toEqual({});
    // a list needs the item; a limit takes none
    const noItem = await lucid('policy', 'remove', 'blockedContracts', '--json');
    expect(noItem.code).toBe(2);
    expect(JSON.parse(noItem.stdout).error.message).toContain('lucid policy remove blockedContracts <item>');
    expect((await lucid('policy', 'remove', 'maxPerTx.ETH', '1')).code).toBe(2);
    expect(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')).blockedContracts).toEqual([other]);
  }, 120_000);

  test('--mcp: the machine policy is set, added to, shown and read back; a bad value leaves it as it was', async () => {
    const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect((await lucid('policy', 'show', '--mcp')).stdout).toContain('not created yet: the assistant signs nothing on its own');
    // the installed program once, the flag before the subcommand
    const first = await spawnLucid(['policy', '--mcp', 'set', 'maxPerTx.ETH', '0.1'], { home, entry: 'bin' });
    expect(first.code, first.stderr).toBe(0);
    for (const argv of [['set', 'maxPerDay.ETH', '0.5', '--mcp'], ['add', 'allowedActions', 'transfer', '--mcp'], ['add', '--mcp', 'allowedActions', 'swap'], ['add', '--mcp', 'allowedRecipients', recipient], ['remove', '--mcp', 'allowedActions', 'swap']]) {
      const result = await lucid('policy', ...argv);
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const path = join(home, 'mcp-policy.json');
    const expected = { allowedActions: ['transfer'], maxPerTx: { ETH: '0.1' }, maxPerDay: { ETH: '0.5' }, allowedRecipients: [recipient] };
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(expected);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await lucid('policy', 'show', '--mcp', '--json')).stdout)).toEqual({ path, exists: true, policy: expected });
    expect((await lucid('policy', 'show', '--mcp')).stdout).toMatch(/allowedActions\s+transfer\n.*maxPerTx\s+0\.1 ETH/s);
    // the person's policy is a different file, untouched
    expect(existsSync(join(home, 'policy.json'))).toBe(false);
    for (const argv of [['add', '--mcp', 'allowedActions', 'transferr'], ['add', '--mcp', 'allowedRecipients', 'bob'], ['set', '--mcp', 'maxPerTx.ETH', 'lots'], ['set', '--mcp', 'blockedContracts', 'none']]) {
      const result = await lucid('policy', ...argv, '--json');
      expect(result.code, argv.join(' ')).toBe(2);
      expect(JSON.parse(result.stdout).error.code).toMatch(/^MACHINE_POLICY_(VALUE_INVALID|KEY_UNKNOWN)$/);
    }
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(expected);
  }, 120_000);

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

    test('a value with a leading "-" (read as an option): exit 2 naming it, with `policy remove` and `--` as hints; the file unchanged', async () => {
      const dead = '0x000000000000000000000000000000000000dEaD';
      await lucid('policy', 'add', 'blockedContracts', dead);
      const before = readFileSync(join(home, 'policy.json'), 'utf8');
      // the installed program, as a person types it
      const result = await spawnLucid(['policy', 'set', 'blockedContracts', `-${dead}`], { home, entry: 'bin' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`lucid: "-${dead}" starts with '-', so it reads as an option of \`lucid policy set\`, not as a value`);
      expect(result.stderr).toContain(`hint: to take ${dead} off blockedContracts: lucid policy remove blockedContracts ${dead}`);
      expect(result.stderr).toContain(`hint: or put -- before the value: lucid policy set blockedContracts -- -${dead}`);
      expect(result.stderr).not.toContain('unknown option');
      expect(readFileSync(join(home, 'policy.json'), 'utf8')).toBe(before);

      const json = await lucid('policy', 'remove', 'blockedTokens', '-USDC', '--json');
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'POLICY_VALUE_LOOKS_LIKE_OPTION', hints: ['to take USDC off blockedTokens: lucid policy remove blockedTokens USDC'] });

      // The hints work: after `--` the same value is the list-removal form of `set`.
      const removed = await lucid('policy', 'set', 'blockedContracts', '--', `-${dead}`);
      expect(removed.code, removed.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(home, 'policy.json'), 'utf8')).blockedContracts).toEqual([]);
      // A mistyped long option still gets commander's suggestion.
      expect((await lucid('policy', 'show', '--jsn')).stderr).toMatch(/unknown option '--jsn'[\s\S]*--json/);
    });

    test('an invalid policy file is reported, not crashed on', async () => {
      writeFileSync(join(home, 'policy.json'), '{"maxPerTx": 5}');
      const result = await lucid('policy', 'show');
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
