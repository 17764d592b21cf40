/**
 * What the words ask for before any model reads them: a request to do something now, a request only to
 * look, or something that must never become a transaction. The LLM parser runs this first; a model can
 * neither execute what the words refuse (a negated request, a condition or schedule, a statement about
 * the past or about someone else, words about words, two readings of one amount) nor sign
 * what the words only ask to see (a preview, a quote, a hypothetical or a request for advice).
 */
import { InputError, intentErrorCodes } from '../../../kernel/index.js';
import { readNumbers, readWords, type Word } from './words.js';

export type ScreenWordsReturnType = {
  /** The words ask only to look: the reading is shown and never signed. */
  preview: boolean;
};

export type ScreenWordsErrorType = InputError;

/** Verbs (and their common forms) that ask for a step; used to find what a negation or a quote governs. */
export const actionVerbs = new Set([
  'send', 'sending', 'transfer', 'transferring', 'pay', 'paying', 'give', 'giving', 'tip', 'move', 'moving', 'wire', 'forward',
  'dispatch', 'remit', 'disburse', 'swap', 'swapping', 'sell', 'selling', 'buy', 'buying', 'trade', 'trading', 'convert',
  'converting', 'exchange', 'purchase', 'wrap', 'wrapping', 'unwrap', 'unwrapping', 'stake', 'staking', 'unstake', 'unstaking',
  'claim', 'approve', 'approving', 'revoke', 'withdraw', 'deposit', 'supply', 'lend', 'redeem', 'bridge', 'spend',
]);
const signVerbs = new Set(['sign', 'signing', 'execute', 'executing', 'broadcast', 'broadcasting', 'submit', 'submitting', 'confirm', 'run']);
const negations = new Set(['not', "n't", 'never', 'no', 'cancel', 'stop', 'dont', 'didnt', 'wont', 'without']);

/**
 * @throws InputError `UNSUPPORTED_INTENT` (`AMBIGUOUS_INTENT` for two readings) naming the words that make the request one Lucid will not run.
 *
 * @example
 * screenWords("don't send 5 DAI to bob") // throws: a negated request
 * screenWords('quote me a swap of 1 ETH for USDC') // { preview: true }
 */
export function screenWords(text: string): ScreenWordsReturnType {
  const words = readWords(text);
  const lower = words.map((word) => word.text);
  const refuse = (what: string, phrase: string, hint: string): never => {
    const code = what.startsWith('two readings') ? intentErrorCodes.ambiguous : intentErrorCodes.unsupported;
    throw new InputError(code, `${what} ("${phrase}"): Lucid only runs a request to do something now, stated plainly`, {
      hints: [hint, 'nothing was signed'],
    });
  };
  const span = (start: number, end: number) => words.slice(Math.max(0, start), end).map((word) => word.written).join(' ');
  // A hypothetical or a request for advice is answered as a dry run; its "if" is part of the question.
  const hypothetical = lower.some(
    (word, i) => (word === 'what' && ['if', 'would'].includes(lower[i + 1] ?? '')) || (['should', 'would', 'could'].includes(word) && ['i', 'we'].includes(lower[i + 1] ?? '')) || word === 'hypothetically',
  );
  let preview = hypothetical;

  for (let i = 0; i < lower.length; i++) {
    const word = lower[i]!;
    // A negation governing a step's verb refuses the request; one governing signing asks only to look.
    if (actionVerbs.has(word) || signVerbs.has(word)) {
      const before = lower.slice(Math.max(0, i - 3), i);
      const negated = before.some((w) => negations.has(w)) && !(before.includes('not') && before.at(-1) === 'only');
      if (negated && (signVerbs.has(word) || before.includes('without'))) preview = true;
      else if (negated && !(word === 'send' && lower[i + 1] === 'it' && lower[i + 2] === 'yet')) refuse('a negated request', span(i - 3, i + 1), 'say what to do, e.g. "send 5 DAI to bob"');
      else if (negated) preview = true;
    }
    if (word === 'if' && !hypothetical && !isPoliteIf(lower, i)) refuse('a condition', span(i, i + 3), 'Lucid does not run conditional or scheduled requests; run it when you want it done');
    if (['when', 'whenever', 'unless', 'until', 'once'].includes(word) && !(word === 'once' && i === lower.length - 1))
      refuse('a condition', span(i, i + 3), 'Lucid does not run conditional or scheduled requests; run it when you want it done');
    if (['tomorrow', 'tonight', 'later', 'daily', 'weekly', 'monthly', 'every', 'schedule', 'scheduled', 'recurring'].includes(word))
      refuse('a schedule', span(i, i + 2), 'Lucid does not run conditional or scheduled requests; run it when you want it done');
    if (word === 'next' && ['week', 'month', 'year', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].includes(lower[i + 1] ?? ''))
      refuse('a schedule', span(i, i + 2), 'Lucid does not run conditional or scheduled requests; run it when you want it done');
    if (['already', 'yesterday', 'ago'].includes(word) || (word === 'last' && ['week', 'night', 'month', 'year', 'time'].includes(lower[i + 1] ?? '')))
      refuse('a statement about the past', span(i - 1, i + 2), 'say what to do now, e.g. "send 5 DAI to bob"');
    if (['told', 'asked', 'wants', 'wanted', 'said', 'says'].includes(word) && ['me', 'us', 'to', 'i', 'that'].includes(lower[i + 1] ?? ''))
      refuse("someone else's request", span(i - 1, i + 2), 'say what you want done, in your own words');
    if (isClauseStart(lower, i) && ['i', 'we', "i've", 'ive'].includes(word) && isPastAction(lower[i + 1], lower[i + 2]))
      refuse('a statement about the past', span(i, i + 2), 'say what to do now, e.g. "send 5 DAI to bob"');
    if (['translate', 'translation', 'mean', 'means', 'meaning', 'define', 'explain'].includes(word))
      refuse('a question about words', span(i, i + 1), 'type the request itself, not a question about it');
    if (['preview', 'quote', 'simulate', 'simulation', 'estimate'].includes(word)) preview = true;
    if (word === 'dry' && lower[i + 1] === 'run') preview = true;
    if (word === 'dry-run') preview = true;
  }

  // Two readings of one amount or one token: "1 or 2 ETH", "ETH or WETH".
  const numbers = readNumbers(words);
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] !== 'or') continue;
    const left = numbers.some((n) => n.end === i);
    const right = numbers.some((n) => n.start === i + 1);
    if (left && right) refuse('two readings of one amount', span(i - 1, i + 2), 'name one amount');
  }
  if (/["“”`]/.test(text) && quotedCommand(text)) refuse('a quoted command', quotedCommand(text)!, 'type the request itself, without quotes');
  return { preview };
}

/** "if possible", "if you can", "if you don't mind": politeness, not a condition. */
function isPoliteIf(lower: readonly string[], i: number): boolean {
  const next = `${lower.slice(i + 1, i + 4).join(' ')} `;
  return ['possible ', 'you can ', 'you could ', "you do n't ", 'you would ', "you'd ", "that's ", 'that is ', 'ok ', 'you please '].some((polite) => next.startsWith(polite));
}

function isClauseStart(lower: readonly string[], i: number): boolean {
  return i === 0 || [',', ';', ':', '.', 'and', 'but', 'so'].includes(lower[i - 1]!);
}

const pastActions = new Set(['sent', 'swapped', 'sold', 'bought', 'transferred', 'paid', 'gave', 'traded', 'converted', 'wrapped', 'unwrapped', 'staked', 'approved', 'revoked', 'claimed', 'did', 'have', 'had']);
function isPastAction(next: string | undefined, after: string | undefined): boolean {
  if (!next) return false;
  if (next === 'have' || next === 'had') return after !== undefined && pastActions.has(after) && after !== 'have';
  if (next === 'just') return after !== undefined && pastActions.has(after);
  return pastActions.has(next) && next !== 'have' && next !== 'had';
}

/** A quoted stretch that holds an action verb: a command being talked about, not given. */
function quotedCommand(text: string): string | undefined {
  for (const match of text.matchAll(/["“`]([^"”`]{1,200})["”`]/g)) {
    const inner: Word[] = readWords(match[1]!);
    if (inner.some((word) => actionVerbs.has(word.text))) return match[1]!.trim().slice(0, 60);
  }
  return undefined;
}
