import { Command } from 'commander';
import { addOutputOptions, outputOptionsSchema, parseOptions } from './options.js';
import { say, writeData, writeJson } from '../output.js';
import type { Policy } from '../../../runtime/index.js';
import { policyExplainCommand } from './policyExplain.js';


const examples = `
Examples:
  $ lucid policy show
  $ lucid policy set maxPerTx.ETH 1
  $ lucid policy set typedConfirmationAbove.USDC 1000
  $ lucid policy set blockedContracts +0x000000000000000000000000000000000000dEaD
  $ lucid policy set maxPerDay.ETH none`;

export function policyCommand(): Command {
  const policy = new Command('policy')
    .description('the spending rules every plan is checked against before signing ($LUCID_HOME/policy.json)')
    .addHelpText('after', examples);
  policy.addCommand(
    addOutputOptions(new Command('show'))
      .description('print the policy file path and the effective rules')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { path, policy: current, exists } = await loadCurrent();
        if (options.json) return writeJson({ path, exists, policy: current });
        writeData(formatPolicy(current, path, exists));
      }),
  );
  policy.addCommand(
    addOutputOptions(new Command('set'))
      .description('change one rule; "none" removes a limit, +X / -X add to or remove from a list')
      .argument('<key>', 'maxPerTx.<TOKEN>, maxPerDay.<TOKEN>, typedConfirmationAbove.<TOKEN>, allowedContracts, blockedContracts, allowedTokens, blockedTokens, allowUnlimitedApprovals')
      .argument('<value>', 'a human amount like 0.5, none, true/false, or a comma list / +item / -item')
      .addHelpText('after', examples)
      .action(async (key: string, value: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { loadSettings } = await import('../settings.js');
        const settings = await loadSettings({});
        const { setPolicyValue, policyPath } = await import('../../../runtime/index.js');
        const next = await setPolicyValue(settings.home, key, value);
        if (options.json) return writeJson({ path: policyPath(settings.home), policy: next });
        say(`policy updated: ${key} = ${value.trim()} (${policyPath(settings.home)})`);
      }),
  );
  policy.addCommand(policyExplainCommand());
  return policy;
}

async function loadCurrent(): Promise<{ path: string; policy: Policy; exists: boolean }> {
  const { loadSettings } = await import('../settings.js');
  return readPolicy((await loadSettings({})).home);
}

/** The effective policy of `home`, its file path, and whether the file exists (else defaults apply). */
export async function readPolicy(home: string): Promise<{ path: string; policy: Policy; exists: boolean }> {
  const { loadPolicy, policyPath } = await import('../../../runtime/index.js');
  const { existsSync } = await import('node:fs');
  const path = policyPath(home);
  return { path, exists: existsSync(path), policy: await loadPolicy(home) };
}

/** The policy as plain text lines, for `lucid policy show` and the UI's /policy. */
export function formatPolicy(policy: Policy, path: string, exists: boolean): string {
  const lines = [`policy file: ${path}${exists ? '' : ' (not created yet: defaults apply)'}`];
  const limits = (name: string, map: Record<string, string>) => {
    const entries = Object.entries(map);
    lines.push(`${name.padEnd(24)} ${entries.length ? entries.map(([token, amount]) => `${amount} ${token}`).join(', ') : 'none'}`);
  };
  const list = (name: string, items: readonly string[], empty: string) => lines.push(`${name.padEnd(24)} ${items.length ? items.join(', ') : empty}`);
  limits('maxPerTx', policy.maxPerTx);
  limits('maxPerDay', policy.maxPerDay);
  limits('typedConfirmationAbove', policy.typedConfirmationAbove);
  list('allowedContracts', policy.allowedContracts, 'any');
  list('blockedContracts', policy.blockedContracts, 'none');
  list('allowedTokens', policy.allowedTokens, 'any');
  list('blockedTokens', policy.blockedTokens, 'none');
  lines.push(`${'allowUnlimitedApprovals'.padEnd(24)} ${policy.allowUnlimitedApprovals}`);
  return lines.join('\n');
}
