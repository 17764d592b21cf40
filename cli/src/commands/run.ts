import { Command } from 'commander';
import { addRunOptions, joinWords, parseOptions, runOptionsSchema, type RunOptions } from './options.js';
import { forTerminal, paint, say, writeData, writeJson } from '../output.js';
import { InputError, InfraError } from '../../../kernel/errors.js';
import { markPhase } from '../../../kernel/timing.js';
import type { Review } from '../../../runtime/index.js';
import type { IntentList } from '../../../kernel/index.js';

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
    .option('--save <file>', 'with --dry-run: write the simulated plan as a bundle to sign later (`lucid sign <file>`)')
    .addHelpText('after', runExamples)
    .action(async (words: string[], raw: unknown) => runAction(joinWords(words), await parseOptions(runOptionsSchema, raw), saveOption(raw)));
}

/** `--save <file>` (plan bundles), read beside the shared run options. */
export function saveOption(raw: unknown): { save?: string | undefined } {
  const save = (raw as { save?: unknown } | null)?.save;
  return typeof save === 'string' ? { save } : {};
}

/** Shared by `lucid run …` and the bare `lucid "<intent>"`. */
/** What a command adds to the parsed words: `lockSeconds` for every stake step (`lucid stake … --lock 180d`), `save` for plan bundles. */
export type RunOverrides = { lockSeconds?: number; save?: string | undefined };

export async function runAction(text: string, options: RunOptions, overrides: RunOverrides = {}): Promise<void> {
  if (overrides.save !== undefined && !options.dryRun)
    throw new InputError('BAD_OPTION', '--save needs --dry-run: a bundle holds a plan that was simulated, not signed', {
      hints: ['lucid --dry-run --save plan.json "<what you want>", then: lucid sign plan.json'],
    });
  // A key or recovery phrase in the words is refused before anything else happens with them.
  const { checkForSecrets } = await import('../../../router/index.js');
  checkForSecrets(text);
  markPhase('router loaded, secrets checked');
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings(options);
  markPhase('settings loaded');
  const { openSession, recordFailedParse, runIntent } = await import('../../../runtime/index.js');
  const { parseIntents } = await import('../../../router/index.js');
  const { renderReview, renderOutcome, outcomeJson } = await import('../render/review.js');
  markPhase('runtime loaded');
  const progress = options.json ? () => {} : (message: string) => say(paint(message, 'dim'));

  // The words are parsed before any chain is touched: words no parser understands (or a mistyped command,
  // `lucid tokens`) fail at once, recorded in history with only the store opened, and no devnet is started.
  let parsed: Awaited<ReturnType<typeof parseIntents>>;
  try {
    parsed = withLockSeconds(await parseIntents(text, { parser: settings.parser, llm: settings.llm }), overrides.lockSeconds);
  } catch (error) {
    // The parser's error is the one the user must see: a store that cannot take the record does not replace it.
    await recordFailedParse({ settings, text, error }).catch(() => undefined);
    throw error;
  }

  markPhase('words parsed');
  const session = await openSession({ settings, onProgress: progress });
  markPhase('session open');
  try {
    const outcome = await runIntent(session, {
      text,
      mode: options.dryRun ? 'dry-run' : 'execute',
      forcedAgentId: options.agent,
      parse: async () => parsed,
      onStage: (event) => {
        if (!options.json && ['sent', 'confirmed'].includes(event.stage)) say(paint(event.message, 'dim'));
      },
      confirm: async (review) => {
        if (!options.json) writeData(renderReview(review, { explain: options.explain }));
        return confirmReview(review, options);
      },
    });
    const saved =
      overrides.save !== undefined && outcome.status === 'simulated'
        ? await saveBundle(outcome.review, overrides.save, await session.publicClient.getTransactionCount({ address: session.account.address, blockTag: 'pending' }))
        : undefined;
    markPhase('intent run');
    if (options.json) return writeJson(saved ? { ...outcomeJson(outcome), bundle: saved } : outcomeJson(outcome));
    if (outcome.status === 'simulated' || outcome.status === 'preview' || outcome.status === 'read-only') writeData(renderReview(outcome.review, { explain: options.explain }));
    if (outcome.status === 'simulated') say('dry run: nothing was signed');
    else if (outcome.status === 'preview') say('preview: nothing was signed');
    if (saved) say(`plan saved to ${saved.path} (${saved.hash}, expires ${saved.expiresAt}); sign it with: lucid sign ${saved.path}`);
    else if (overrides.save !== undefined) say('nothing to save: this request only reads the chain');
    else if (outcome.status !== 'read-only') writeData(renderOutcome(outcome));
  } finally {
    await session.close();
    markPhase('output written, session closed');
  }
}

/**
 * The only way past a review in the terminal: what may be asked is the runtime's one consent rule
 * (`decideConsent`: `--yes`, a terminal to ask on, danger flags, the policy's typed amount); this asks it.
 */
export async function confirmReview(review: Review, options: Pick<RunOptions, 'yes'>): Promise<boolean> {
  const { decideConsent, typedConsentMatches } = await import('../../../runtime/index.js');
  const consent = decideConsent(review, { yes: options.yes, canAsk: Boolean(process.stdin.isTTY && process.stderr.isTTY) });
  if (consent.kind === 'given') return true;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    if (consent.kind === 'type') {
      // Every entry is asked and must match: typing the first amount does not sign the others.
      const entries = consent.entries.length ? consent.entries : [{ kind: 'amount' as const, text: consent.amount }];
      for (const entry of entries) {
        const question =
          entry.kind === 'address'
            ? `The recipient looks like an address you know. Type its full address (${entry.text}) to sign, anything else to cancel: `
            : `Type ${entry.text}${entry.symbol ? ` ${entry.symbol}` : ''} to sign, anything else to cancel: `;
        const answer = await rl.question(forTerminal(paint(question, 'yellow')));
        if (!typedConsentMatches(review, answer, entry)) return false;
      }
      return true;
    }
    const answer = await rl.question(forTerminal(paint('Sign and send? [y/N] ', 'bold')));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}


/** `lucid stake … --lock 180d`: the command's lock applies to every stake step the words asked for. */
function withLockSeconds<parsed extends { intents: IntentList }>(parsed: parsed, lockSeconds: number | undefined): parsed {
  if (lockSeconds === undefined) return parsed;
  const intents = parsed.intents.intents.map((intent) => (intent.action === 'stake' ? { ...intent, lockSeconds } : intent));
  return { ...parsed, intents: { ...parsed.intents, intents } };
}

/** Writes the bundle of a simulated review to `path` (0600: it names your account and what you plan to do). */
async function saveBundle(review: Review, path: string, nonce: number): Promise<{ path: string; hash: string; expiresAt: string }> {
  const { createPlanBundle, serializePlanBundle } = await import('../../../runtime/index.js');
  const { writeFile } = await import('node:fs/promises');
  const bundle = createPlanBundle(review, { nonce });
  try {
    await writeFile(path, serializePlanBundle(bundle), { mode: 0o600 });
  } catch (error) {
    throw new InfraError('BUNDLE_WRITE_FAILED', `cannot write the plan bundle to ${path}`, { cause: error });
  }
  return { path, hash: bundle.hash, expiresAt: bundle.expiresAt };
}
