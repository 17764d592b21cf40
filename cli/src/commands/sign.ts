/**
 * `lucid sign <bundle>`: signs a plan bundle made by `lucid --dry-run --save` (here or on another machine
 * holding the key). It refuses a bundle that was changed (hash), expired, or made for another chain or
 * account; otherwise it resolves the words again, simulates again, runs every check and the policy, shows
 * the review and what changed since the bundle was made, and signs after yes. `--yes` signs without asking
 * only when nothing changed beyond the bounds (runtime/src/bundle/comparePlanSimulations.ts).
 */
import { Command } from 'commander';
import { RefusedError } from '../../../kernel/errors.js';
import { addChainOptions, addOutputOptions, parseOptions, txOptionsShape } from './options.js';
import { paint, sanitize, say, writeData, writeJson } from '../output.js';
import type { PlanSimulationChanges, VerifiedPlanBundle } from '../../../runtime/index.js';

export const signOptionsSchema = (z: typeof import('zod').z) => z.object(txOptionsShape(z)).pick({ json: true, yes: true, rpcUrl: true, chain: true, account: true });

export function signCommand(): Command {
  return addOutputOptions(addChainOptions(new Command('sign')))
    .description('verify a saved plan bundle, simulate it again, show what changed, and sign after you agree')
    .argument('<bundle>', 'a file written by `lucid --dry-run --save <file> "…"`')
    .option('-y, --yes', 'sign without asking if nothing changed beyond the bounds since the bundle was made (policy and danger flags still apply)', false)
    .addHelpText('after', '\nExamples:\n  $ lucid --dry-run --save plan.json "send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8"\n  $ lucid sign plan.json')
    .action(async (path: string, raw: unknown) => {
      const options = await parseOptions(signOptionsSchema, raw);
      await signBundleAction(await readBundleFile(path), options);
    });
}

export type SignOptions = { json: boolean; yes: boolean; rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined };

/** Signs a verified bundle as a person: the review and what changed are shown, the one consent rule asks. */
export async function signBundleAction(bundle: VerifiedPlanBundle, options: SignOptions): Promise<void> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings(options);
  const { openSession, signPlanBundle } = await import('../../../runtime/index.js');
  const { renderReview, renderOutcome, outcomeJson } = await import('../render/review.js');
  const { confirmReview } = await import('./run.js');
  const session = await openSession({ settings, onProgress: options.json ? () => {} : (message) => say(paint(message, 'dim')) });
  try {
    const outcome = await signPlanBundle(session, {
      bundle,
      onStage: (event) => {
        if (!options.json && ['sent', 'confirmed'].includes(event.stage)) say(paint(event.message, 'dim'));
      },
      confirm: async (review, changes) => {
        if (!options.json) writeData(renderReview(review, { explain: false }));
        say(renderChanges(changes, bundle));
        const canAsk = Boolean(process.stdin.isTTY && process.stderr.isTTY);
        if (options.yes && changes.beyondBounds && !canAsk)
          throw new RefusedError('BUNDLE_CHANGED', 'not signed: what the plan does changed since the bundle was made, beyond what --yes may accept', {
            details: changes.changes.join('\n'),
            hints: ['run `lucid sign` in a terminal and confirm after reading the changes', 'or make a new bundle with --dry-run --save'],
          });
        return confirmReview(review, { yes: options.yes && !changes.beyondBounds });
      },
    });
    if (options.json) return writeJson({ ...outcomeJson(outcome), bundle: { hash: bundle.bundle.hash, changes: outcome.changes } });
    writeData(renderOutcome(outcome));
  } finally {
    await session.close();
  }
}

/** Reads and verifies a bundle file (format, hash, expiry, calls); the chain and account are checked on signing. */
export async function readBundleFile(path: string): Promise<VerifiedPlanBundle> {
  const { readFile } = await import('node:fs/promises');
  const { InputError } = await import('../../../kernel/errors.js');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InputError('BUNDLE_NOT_FOUND', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}`, { cause: error });
  }
  const { readPlanBundle } = await import('../../../runtime/index.js');
  return readPlanBundle(text, { source: path });
}

function renderChanges(changes: PlanSimulationChanges, bundle: VerifiedPlanBundle): string {
  const header = `bundle ${bundle.bundle.hash.slice(0, 19)}… made ${bundle.bundle.createdAt}, simulated at block ${changes.blocks.before}; simulated again at block ${changes.blocks.after}`;
  if (changes.changes.length === 0) return paint(`${header}: nothing changed`, 'dim');
  const lines = [header, paint(changes.beyondBounds ? 'changed since the bundle was made (beyond the bounds: a person must confirm):' : 'changed since the bundle was made (within bounds):', changes.beyondBounds ? 'yellow' : 'dim')];
  for (const change of changes.changes) lines.push(`  ${sanitize(change, 300)}`);
  return lines.join('\n');
}
