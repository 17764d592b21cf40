import { Command } from 'commander';
import { addChainOptions, addOutputOptions, parseOptions } from './options.js';
import { signOptionsSchema } from './sign.js';

/**
 * `lucid approve <plan id>`: the person's answer to an assistant's "needs your confirmation". Shows the same
 * review for the plan the assistant simulated over MCP (simulated again, every check and policy again, what
 * changed since) and signs after yes.
 */
export function approveCommand(): Command {
  return addOutputOptions(addChainOptions(new Command('approve')))
    .description('review and sign a plan an AI assistant prepared over MCP (`lucid mcp`) that needs your confirmation')
    .argument('<plan-id>', 'the plan id the assistant was given (16 hex digits)')
    .option('-y, --yes', 'sign without asking if nothing changed beyond the bounds (policy and danger flags still apply)', false)
    .addHelpText('after', '\nExamples:\n  $ lucid approve 3f9a0c1b2d4e5f60')
    .action(async (planId: string, raw: unknown) => {
      const options = await parseOptions(signOptionsSchema, raw);
      const { loadSettings } = await import('../settings.js');
      const settings = await loadSettings(options);
      const { readMcpPlan, readPlanBundle, removeMcpPlan } = await import('../../../runtime/index.js');
      const bundle = readPlanBundle(await readMcpPlan(settings.home, planId), { source: `plan ${planId}` });
      const { signBundleAction } = await import('./sign.js');
      await signBundleAction(bundle, options);
      await removeMcpPlan(settings.home, planId);
    });
}
