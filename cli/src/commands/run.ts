import { Command } from 'commander';
import { addRunOptions, joinWords, parseOptions, runOptionsSchema, type RunOptions } from './options.js';
import { paint, say, writeData, writeJson } from '../output.js';
import { RefusedError } from '../../../kernel/errors.js';
import type { Review } from '../../../runtime/index.js';

export const runExamples = `
Examples:
  $ lucid "send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
  $ lucid --yes --json "swap 1 ETH for USDC"
  $ lucid --dry-run --explain "swap 1000 USDC for DAI with 0.3% slippage"
  $ lucid "buy 100 USDC with ETH then send 50 USDC to bob"`;

export function runCommand(): Command {
  return addRunOptions(new Command('run'))
    .description('run an intent: parse, pick an agent, simulate, show, and sign after you agree')
    .argument('<intent...>', 'what you want, in plain words')
    .addHelpText('after', runExamples)
    .action(async (words: string[], raw: unknown) => runAction(joinWords(words), await parseOptions(runOptionsSchema, raw)));
}

/** Shared by `lucid run …` and the bare `lucid "<intent>"`. */
export async function runAction(text: string, options: RunOptions): Promise<void> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings(options);
  const { openSession } = await import('../../../runtime/index.js');
  const { parseIntents } = await import('../../../router/index.js');
  const { runIntent } = await import('../../../runtime/index.js');
  const { renderReview, renderOutcome, outcomeJson } = await import('../render/review.js');
  const progress = options.json ? () => {} : (message: string) => say(paint(message, 'dim'));

  const session = await openSession({ settings, onProgress: progress });
  try {
    const outcome = await runIntent(session, {
      text,
      mode: options.dryRun ? 'dry-run' : 'execute',
      forcedAgentId: options.agent,
      parse: (words) => parseIntents(words, { parser: settings.parser, llm: settings.llm }),
      onStage: (event) => {
        if (!options.json && ['sent', 'confirmed'].includes(event.stage)) say(paint(event.message, 'dim'));
      },
      confirm: async (review) => {
        if (!options.json) writeData(renderReview(review, { explain: options.explain }));
        return confirmReview(review, options);
      },
    });
    if (options.json) return writeJson(outcomeJson(outcome));
    if (outcome.status === 'simulated' || outcome.status === 'read-only') writeData(renderReview(outcome.review, { explain: options.explain }));
    if (outcome.status === 'simulated') say('dry run: nothing was signed');
    else if (outcome.status !== 'read-only') writeData(renderOutcome(outcome));
  } finally {
    await session.close();
  }
}

/**
 * The only way past a review. `--yes` agrees for the user (unless policy asks for a typed amount); on a
 * terminal we ask; anywhere else we refuse, because nobody saw the simulation.
 */
export async function confirmReview(review: Review, options: Pick<RunOptions, 'yes'>): Promise<boolean> {
  const typed = review.policy.decision === 'confirm-typed' ? review.policy.typedConfirmation : undefined;
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const dangers = review.risks.filter((risk) => risk.level === 'danger');
  // --yes agrees to what the simulation shows, not to a danger nobody looked at: a person must confirm those.
  if (options.yes && dangers.length && !interactive)
    throw new RefusedError('DANGER_NEEDS_A_PERSON', `not signed: ${dangers[0]!.message}`, {
      details: dangers.map((risk) => `danger: ${risk.message}`).join('\n'),
      hints: ['run it in a terminal and confirm after reading the warning', '--dry-run shows the full simulation'],
    });
  if (options.yes && !typed && !dangers.length) return true;
  if (!interactive) {
    if (typed)
      throw new RefusedError('TYPED_CONFIRMATION_REQUIRED', `policy requires typing "${typed}" to confirm, and there is no terminal to type it on`, {
        hints: ['run it in a terminal, or raise typedConfirmationAbove with `lucid policy set`'],
      });
    throw new RefusedError('CONFIRMATION_REQUIRED', 'not signed: no terminal to ask for confirmation', {
      hints: ['pass --yes to sign after the simulation without asking', 'or --dry-run to only simulate'],
    });
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    if (typed) {
      const answer = await rl.question(paint(`Type ${typed} to sign, anything else to cancel: `, 'yellow'));
      return answer.trim() === typed;
    }
    const answer = await rl.question(paint('Sign and send? [y/N] ', 'bold'));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

