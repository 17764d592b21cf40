import { Command } from 'commander';
import { addOutputOptions, parseOptions } from './options.js';
import { say, writeData, writeJson } from '../output.js';
import type { MachinePolicy, Policy } from '../../../runtime/index.js';
import { InputError } from '../../../kernel/errors.js';
import { policyExplainCommand } from './policyExplain.js';


const examples = `
Examples:
  $ lucid policy show
  $ lucid policy set maxPerTx.ETH 1
  $ lucid policy set typedConfirmationAbove.USDC 1000
  $ lucid policy add blockedContracts 0x000000000000000000000000000000000000dEaD
  $ lucid policy remove blockedContracts 0x000000000000000000000000000000000000dEaD
  $ lucid policy remove maxPerDay.ETH
  $ lucid policy add --mcp allowedActions transfer
  $ lucid policy set --mcp maxPerTx.ETH 0.1`;

const mcpFlag = '--mcp';
const mcpHelp = "the AI assistants' machine policy ($LUCID_HOME/mcp-policy.json: what `lucid mcp` may sign on its own) instead of yours";
const mcpOptionsSchema = (z: Zod) => z.object({ json: z.boolean().default(false), mcp: z.boolean().default(false) });
type Zod = typeof import('zod').z;

export function policyCommand(): Command {
  const policy = new Command('policy')
    .description('the spending rules every plan is checked against before signing ($LUCID_HOME/policy.json)')
    // On the parent, so it means the same before or after the subcommand (`policy --mcp set …`, `policy set … --mcp`).
    .option(mcpFlag, mcpHelp)
    .addHelpText('after', examples);
  policy.addCommand(
    addOutputOptions(new Command('show'))
      .description('print the policy file path and the effective rules')
      .action(async (_raw: unknown, command: Command) => {
        const options = await parseOptions(mcpOptionsSchema, command.optsWithGlobals());
        if (options.mcp) {
          const { path, policy: current, exists } = await readMachinePolicy();
          if (options.json) return writeJson({ path, exists, policy: current });
          return writeData(formatMachinePolicy(current, path, exists));
        }
        const { path, policy: current, exists } = await loadCurrent();
        if (options.json) return writeJson({ path, exists, policy: current });
        writeData(formatPolicy(current, path, exists));
      }),
  );
  policy.addCommand(
    addOutputOptions(new PolicyValueCommand('set'))
      .description('change one rule; "none" removes a limit; a comma list replaces a list (add / remove change one item)')
      .argument('<key>', 'maxPerTx.<TOKEN>, maxPerDay.<TOKEN>, typedConfirmationAbove.<TOKEN>, allowedContracts, blockedContracts, allowedTokens, blockedTokens, allowUnlimitedApprovals (with --mcp: maxPerTx.<TOKEN>, maxPerDay.<TOKEN>, allowedActions, allowedRecipients)')
      .argument('<value>', 'a human amount like 0.5, none, true/false, or a comma list')
      .addHelpText('after', examples)
      .action(async (key: string, value: string, _raw: unknown, command: Command) => changePolicy(key, value, `${key} = ${value.trim()}`, command)),
  );
  policy.addCommand(
    addOutputOptions(new PolicyValueCommand('add'))
      .description('add one item to a list rule (allowedContracts, blockedContracts, allowedTokens, blockedTokens; with --mcp allowedActions, allowedRecipients)')
      .argument('<list>', 'the list rule')
      .argument('<item>', 'a 0x address, a token symbol, or (--mcp allowedActions) an action')
      .addHelpText('after', examples)
      .action(async (list: string, item: string, _raw: unknown, command: Command) => changePolicy(list, `+${item.trim()}`, `${item.trim()} added to ${list}`, command)),
  );
  policy.addCommand(
    addOutputOptions(new PolicyValueCommand('remove'))
      .description('remove one item from a list rule, or a limit (remove maxPerTx.ETH = set maxPerTx.ETH none)')
      .argument('<key>', 'a list rule, or a limit like maxPerTx.ETH')
      .argument('[item]', 'the item to take off the list')
      .addHelpText('after', examples)
      .action(async (key: string, item: string | undefined, _raw: unknown, command: Command) => {
        // A limit key (field.TOKEN) takes no item; a list takes exactly one.
        const isLimit = key.includes('.');
        if (isLimit && item !== undefined)
          throw new InputError('POLICY_VALUE_INVALID', `${key} is a limit: \`lucid policy remove ${key}\` removes it, with nothing after it`);
        if (!isLimit && item === undefined)
          throw new InputError('POLICY_VALUE_INVALID', `name the item to remove from ${key}: lucid policy remove ${key} <item>`);
        return isLimit ? changePolicy(key, 'none', `${key} removed`, command) : changePolicy(key, `-${item!.trim()}`, `${item!.trim()} removed from ${key}`, command);
      }),
  );
  policy.addCommand(policyExplainCommand());
  return policy;
}

/**
 * A policy subcommand whose values may start with '-' (`-0x…`, the list-removal form of `policy set`): commander
 * would read one as an unknown option and say only that. Words after the key that start with a single '-'
 * and are no option of this command are refused with what was probably meant; `--json` and other long
 * options keep commander's own handling (and its suggestions).
 */
class PolicyValueCommand extends Command {
  /** The first word after the command that starts with a single '-' and is not one of its options. */
  private dashValue: string | undefined;

  constructor(name: string) {
    super(name);
    // After the arguments are read, so the refusal can name the key the value was meant for.
    this.hook('preAction', (command) => {
      if (this.dashValue === undefined) return;
      const value = this.dashValue;
      const key = command.args[0] ?? '<list>';
      const item = value.slice(1);
      throw new InputError('POLICY_VALUE_LOOKS_LIKE_OPTION', `"${value}" starts with '-', so it reads as an option of \`lucid policy ${this.name()}\`, not as a value`, {
        hints: [
          `to take ${item} off ${key}: lucid policy remove ${key} ${item}`,
          // Only `set` has a value form that starts with '-' (a list item to remove).
          ...(this.name() === 'set' ? [`or put -- before the value: lucid policy set ${key} -- ${value}`] : []),
        ],
      });
    });
  }

  override parseOptions(argv: string[]): ReturnType<Command['parseOptions']> {
    const parsed = super.parseOptions(argv);
    const first = parsed.unknown[0];
    this.dashValue = first !== undefined && /^-[^-]/.test(first) ? first : undefined;
    // Read as the operand it was meant to be, so commander reaches the refusal above instead of its own error.
    return this.dashValue === undefined ? parsed : { operands: [...parsed.operands, ...parsed.unknown], unknown: [] };
  }
}

/** Applies one change to the person's policy or (--mcp) the machine policy, and says what changed. */
async function changePolicy(key: string, value: string, said: string, command: Command): Promise<void> {
  const options = await parseOptions(mcpOptionsSchema, command.optsWithGlobals());
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings({});
  const runtime = await import('../../../runtime/index.js');
  if (options.mcp) {
    const { path, policy: next } = await runtime.setMachinePolicyValue(settings.home, key, value);
    if (options.json) return writeJson({ path, policy: next });
    return say(`machine policy updated: ${said} (${path})`);
  }
  const next = await runtime.setPolicyValue(settings.home, key, value);
  if (options.json) return writeJson({ path: runtime.policyPath(settings.home), policy: next });
  say(`policy updated: ${said} (${runtime.policyPath(settings.home)})`);
}

async function readMachinePolicy(): Promise<{ path: string; policy: MachinePolicy; exists: boolean }> {
  const { loadSettings } = await import('../settings.js');
  const { home } = await loadSettings({});
  const { loadMachinePolicy, machinePolicyFileName } = await import('../../../runtime/index.js');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const path = join(home, machinePolicyFileName);
  return { path, exists: existsSync(path), policy: await loadMachinePolicy(home) };
}

/** The machine policy as plain text lines, for `lucid policy show --mcp`. */
export function formatMachinePolicy(policy: MachinePolicy, path: string, exists: boolean): string {
  const lines = [`machine policy file: ${path}${exists ? '' : ' (not created yet: the assistant signs nothing on its own)'}`];
  const limits = (name: string, map: Record<string, string>) => {
    const entries = Object.entries(map);
    lines.push(`${name.padEnd(18)} ${entries.length ? entries.map(([token, amount]) => `${amount} ${token}`).join(', ') : 'none'}`);
  };
  lines.push(`${'allowedActions'.padEnd(18)} ${policy.allowedActions.length ? policy.allowedActions.join(', ') : 'none'}`);
  limits('maxPerTx', policy.maxPerTx);
  limits('maxPerDay', policy.maxPerDay);
  lines.push(`${'allowedRecipients'.padEnd(18)} ${policy.allowedRecipients.length ? policy.allowedRecipients.join(', ') : 'none'}`);
  return lines.join('\n');
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
