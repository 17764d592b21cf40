/**
 * The one consent rule: how a person may agree to a review, for every front end (the headless CLI, the
 * interactive UI, the contributor commands). A front end asks `decideConsent` what it may do, shows the
 * review, and, when the policy wants an amount typed, checks the answer with `typedConsentMatches`.
 *
 * - Nobody can be asked (no terminal): without `--yes` nothing is signed; `--yes` agrees to what the
 *   simulation shows, but never to a danger flag nor to an amount the policy wants typed — those need a person.
 * - Somebody can be asked: above the policy's typed-confirmation threshold they type the amount, otherwise
 *   yes/no; `--yes` skips the question unless there is a danger flag or an amount to type.
 */
import { RefusedError } from '../../../kernel/index.js';
import type { Review } from './types.js';

/** One thing the person must type: an amount over its policy threshold, or a lookalike recipient's full address. */
export type TypedEntry = { kind: 'amount'; text: string; symbol?: string | undefined } | { kind: 'address'; text: string };

export type Consent =
  /** `--yes` said it already: sign. */
  | { kind: 'given' }
  /** Ask yes or no. */
  | { kind: 'ask' }
  /**
   * The person must type every entry, each on its own (the policy's typed amounts, every one over its
   * threshold, and the full address of a recipient that looks like one they know). `amount` is the first entry.
   */
  | { kind: 'type'; amount: string; entries: TypedEntry[] };

export type DecideConsentParameters = {
  /** The user passed `--yes`. */
  yes: boolean;
  /** A person is there to answer (a terminal, or the interactive UI). */
  canAsk: boolean;
};

/**
 * @throws RefusedError `DANGER_NEEDS_A_PERSON`, `TYPED_CONFIRMATION_REQUIRED` or `CONFIRMATION_REQUIRED` when
 *   the review needs a person and nobody can be asked (exit 3, nothing signed).
 */
export function decideConsent(review: Pick<Review, 'policy' | 'risks'>, { yes, canAsk }: DecideConsentParameters): Consent {
  const entries = typedEntries(review);
  const typed = entries.length ? entries[0]!.text : review.policy.decision === 'confirm-typed' ? (review.policy.typedConfirmation ?? '') : undefined;
  const dangers = review.risks.filter((risk) => risk.level === 'danger');
  if (yes && dangers.length && !canAsk)
    throw new RefusedError('DANGER_NEEDS_A_PERSON', `not signed: ${dangers[0]!.message}`, {
      details: dangers.map((risk) => `danger: ${risk.message}`).join('\n'),
      hints: ['run it in a terminal and confirm after reading the warning', '--dry-run shows the full simulation'],
    });
  if (yes && typed === undefined && !dangers.length) return { kind: 'given' };
  if (!canAsk) {
    if (typed !== undefined)
      throw new RefusedError('TYPED_CONFIRMATION_REQUIRED', `policy requires typing "${typed}" to confirm, and there is no terminal to type it on`, {
        hints: ['run it in a terminal, or raise typedConfirmationAbove with `lucid policy set`'],
      });
    throw new RefusedError('CONFIRMATION_REQUIRED', 'not signed: no terminal to ask for confirmation', {
      hints: ['pass --yes to sign after the simulation without asking', 'or --dry-run to only simulate'],
    });
  }
  return typed !== undefined ? { kind: 'type', amount: typed, entries } : { kind: 'ask' };
}

/** Everything that must be typed: every amount over its threshold, then every lookalike recipient (danger). */
export function typedEntries(review: Pick<Review, 'policy' | 'risks'>): TypedEntry[] {
  const entries: TypedEntry[] = [];
  if (review.policy.decision === 'confirm-typed') {
    const amounts = review.policy.typedConfirmations?.length
      ? review.policy.typedConfirmations.map((c) => ({ kind: 'amount' as const, text: c.text, symbol: c.symbol }))
      : review.policy.typedConfirmation
        ? [{ kind: 'amount' as const, text: review.policy.typedConfirmation }]
        : [];
    entries.push(...amounts);
  }
  for (const risk of review.risks)
    if (risk.code === 'ADDRESS_LOOKALIKE' && risk.level === 'danger' && risk.address && !entries.some((e) => e.kind === 'address' && e.text.toLowerCase() === risk.address!.toLowerCase()))
      entries.push({ kind: 'address', text: risk.address });
  return entries;
}

/**
 * Whether what the person typed is the amount the policy asked for: "1.5", "1.50" and "1.5 ETH" all match
 * "1.5", "2,500" matches "2500"; a symbol, if given, must be one the review moves.
 * Anything else, an empty line or "y" included, does not.
 */
export function typedConsentMatches(review: Pick<Review, 'policy' | 'simulation'>, typed: string, entry?: TypedEntry): boolean {
  if (entry?.kind === 'address') return /^0x[0-9a-fA-F]{40}$/.test(typed.trim()) && typed.trim().toLowerCase() === entry.text.toLowerCase();
  const target = entry ? entry.text : review.policy.decision === 'confirm-typed' ? (review.policy.typedConfirmation ?? '') : '';
  const [amount, symbol, ...rest] = typed.trim().split(/\s+/u);
  if (!amount || rest.length > 0 || !target) return false;
  if (symbol !== undefined && entry?.kind === 'amount' && entry.symbol !== undefined && symbol.toLowerCase() !== entry.symbol.toLowerCase()) return false;
  if (symbol !== undefined && !review.simulation.balanceChanges.some((change) => change.symbol.toLowerCase() === symbol.toLowerCase())) return false;
  return normalizeDecimal(amount) !== undefined && normalizeDecimal(amount) === normalizeDecimal(target.trim().split(/\s+/u)[0] ?? '');
}

function normalizeDecimal(text: string): string | undefined {
  const plain = text.replace(/,/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(plain)) return undefined;
  const [integer = '0', fraction = ''] = plain.split('.');
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}
