/**
 * Grounding: the LLM may only restate what the user said, each value in the role the words give it. After
 * the model's answer has passed the intent schema, every value is tied to its place in the user's words;
 * one that is not rejects the whole answer with `LLM_UNGROUNDED`. This is the security boundary of the LLM
 * parser: a model (or a prompt injected into the text) can never introduce an address, a recipient, a token
 * or an amount the user did not type, nor move a value the user typed into another role.
 *
 * The rules, per field (all comparisons case-insensitive; "next to" allows the filler words of an amount,
 * "of", "my", "the", "units", "worth"…):
 * - `amount` (a decimal) stands next to its token: "5 USDC", "5 units of USDC", "USDC 5" — not the "500" of
 *   "he owes me 500". A percentage is "25% of my ETH" or "half my ETH"; "half an ETH" is 0.5, and "half ETH",
 *   which the grammar refuses as two readings, grounds neither; "all" is an all-word near the token;
 *   "previous" needs a word that refers back ("it", "that", "the proceeds"). `amountOut` stands next to
 *   `tokenOut`, `amountUsd` is a dollar amount ("$50", "50 dollars") next to its token.
 * - `token` / `tokenOut`: a known symbol (rewritten to the list's spelling) or a 0x address, in the words
 *   (`$USDC` counts; `ether` is ETH; for wrap/unwrap ETH and WETH ground each other). For a swap the
 *   direction is the words': the sold token comes before "for/to/into" the bought one ("swap X for Y",
 *   "sell X for Y", "X to Y"), or after "with/using" ("buy Y with X"; "buy Y for X").
 * - `to`: a recipient slot, not negated — after "to" (or "for"/"from" for allowances), after the verb
 *   ("pay bob 5 DAI"), or continuing a list of them ("to A, B and C") — and never after "not".
 * - steps: each step claims its own words (two steps may not rest on the same amount and recipient), and
 *   there are no more steps than the words' clauses ("then", "and", commas) allow.
 * - `slippageBps`: the words give it with its unit ("0.5%", "50 bps") near "slippage" (or "slip",
 *   "tolerance"), and not as the amount.
 * - `chain` and `venue`: named in the words (`ethereum` for mainnet, "capital pool" for capital-pool).
 * - `notes`: each is the user's own words. `corrections`: each fixes a word of the text that is not itself a
 *   symbol, to a known symbol or verb one or two letters away; recipients are never corrected.
 */
import { InputError, type Intent, type IntentList } from '../../../kernel/index.js';
import { actionVerbs } from './screen.js';
import { canonicalDecimal, editDistance, findPhrase, readNumbers, readWords, shiftDecimal, type NumberMention, type Word } from './words.js';

export type GroundIntentsParameters = {
  /** The user's words, exactly as given to the model. */
  text: string;
  /** The model's answer, already valid against `intentListSchema`. */
  intents: IntentList;
  /** Symbols the model may use. */
  symbols: readonly string[];
};

export type GroundIntentsErrorType = InputError;

/**
 * Checks every value of the model's answer against its role in the user's words.
 *
 * @returns {@link IntentList} the same intents with symbols in the token list's spelling and addresses and
 * recipients in the user's spelling, with the model's notes and corrections when they too are grounded.
 * @throws InputError `LLM_UNGROUNDED` naming the first field whose value the words do not give in that role.
 */
export function groundIntents({ text, intents: list, symbols }: GroundIntentsParameters): IntentList {
  const reading = new Reading(text, symbols);
  const corrections = reading.applyCorrections(list.corrections ?? []);
  const intents = list.intents.map((intent, index) => reading.groundStep(intent, index));
  reading.checkSteps(list.intents);
  const notes = (list.notes ?? []).map((note) => {
    if (!normalised(text).includes(normalised(note))) ungrounded('notes', note, -1, 'a note that is not in your words');
    return note;
  });
  return {
    intents,
    ...(list.preview ? { preview: true as const } : {}),
    ...(notes.length ? { notes } : {}),
    ...(corrections.length ? { corrections } : {}),
  };
}

function ungrounded(field: string, value: unknown, index: number, why: string): never {
  const where = index < 0 ? '' : ` in step ${index + 1}`;
  throw new InputError('LLM_UNGROUNDED', `The LLM answered ${field} ${display(value)}${where}, ${why}.`, {
    hints: [
      'The LLM parser only accepts values your words give in that role: the amount next to its token, the recipient after "to", a swap in the direction you wrote.',
      'Say it explicitly, for example: swap 1 ETH for USDC, or use --parser grammar.',
    ],
    details: index < 0 ? `field: ${field}` : `field: intents[${index}].${field}`,
  });
}

const amountFillers = new Set(['a', 'an', 'of', 'my', 'the', 'your', 'our', 'units', 'unit', 'coins', 'coin', 'tokens', 'token', 'worth', 'in', 'whole', 'entire', 'full', 'those', 'these', 'more', 'extra']);
/** Words between a share word and its token that make it a share of the balance: "half my ETH", "half of the DAI". */
const balanceWords = new Set(['my', 'the', 'of', 'your', 'our', 'those', 'these']);
const allWords = new Set(['all', 'everything', 'max', 'maximum', 'entire', 'whole', 'full']);
const referenceWords = new Set(['it', 'that', 'those', 'them', 'this', 'proceeds', 'result', 'output', 'same', 'resulting', 'received', 'got', 'bought', 'gained']);
const separators = new Set(['then', 'and', 'also', 'plus', ',', ';', '&', '+', 'afterwards', 'after', 'next', 'finally', 'followed', 'each', 'both']);
const listBreaks = new Set(['then', 'and', ',', ';', '&', 'also', 'plus', 'afterwards', 'after', 'next', 'finally']);
const distributive = new Set(['each', 'both', 'apiece', 'everyone', 'every']);
const clauseBreaks = new Set(['then', ';', 'afterwards', 'after', 'next', 'finally']);
const forwardConnectors = new Set(['for', 'to', 'into', '→', '->', '=>', 'get', 'getting', 'receive', 'buy', 'towards']);
const backwardConnectors = new Set(['with', 'using', 'paying', 'spending', 'via']);
const sellVerbs = new Set(['swapped', 'sold', 'traded', 'converted', 'exchanged', 'turn', 'turned', 'change', 'changed', 'use', 'used', 'flip', 'dump']);
const buyVerbs = new Set(['buy', 'buying', 'purchase', 'acquire', 'get', 'getting', 'obtain']);
const slippageWords = new Set(['slippage', 'slip', 'tolerance', 'max-slippage', 'slippage-tolerance']);
const recipientFillers = new Set([
  'the', 'address', 'wallet', 'account', 'following', 'my', 'friend', 'friends', 'contact', 'buddy', 'pal', 'colleague', ':',
  'named', 'called', 'user', 'his', 'her', 'their', 'our', 'good', 'old', 'mate', 'brother', 'sister', 'mom', 'dad', 'ens', 'name',
]);
const recipientNegations = new Set(['not', "n't", 'never', 'instead', 'rather', 'than', 'except', 'nor']);
const transferVerbs = new Set(['send', 'pay', 'give', 'tip', 'transfer', 'wire', 'forward', 'remit', 'venmo', 'dispatch', 'disburse']);
const slotsByAction: Partial<Record<Intent['action'], { preps: Set<string>; verbs: Set<string> }>> = {
  transfer: { preps: new Set(['to', 'towards', 'unto']), verbs: transferVerbs },
  approve: { preps: new Set(['to', 'for', 'spender']), verbs: new Set(['approve', 'allow', 'let', 'authorize', 'authorise']) },
  revoke: { preps: new Set(['for', 'from', 'to', 'of', 'spender']), verbs: new Set(['revoke']) },
};

const symbolAliases: Record<string, string[]> = {
  ETH: ['ether'],
  WETH: ['wrapped eth', 'wrapped ether'],
  stETH: ['staked eth', 'staked ether'],
};
const chainAliases: Record<string, string[]> = {
  mainnet: ['ethereum'],
  arbitrum: ['arb'],
  anvil: ['devnet', 'local'],
};

type Span = { start: number; end: number };

/** The user's words, read once, and what each step has claimed of them so far. */
class Reading {
  private words: Word[];
  private numbers: NumberMention[];
  private readonly claims = new Map<string, Set<number>>();
  private readonly signatures: string[] = [];

  constructor(
    private readonly text: string,
    private readonly symbols: readonly string[],
  ) {
    this.words = readWords(text);
    this.numbers = readNumbers(this.words);
  }

  /** Applies the model's spelling corrections to the words, after checking each one is a slip. */
  applyCorrections(corrections: readonly { from: string; to: string }[]): { from: string; to: string }[] {
    const accepted: { from: string; to: string }[] = [];
    for (const correction of corrections) {
      const from = correction.from.toLowerCase();
      const to = correction.to.toLowerCase();
      const symbol = this.symbols.find((known) => known.toLowerCase() === to);
      const isVerb = actionVerbs.has(to);
      const at = this.words.findIndex((word) => word.text === from);
      const slip = from !== to && editDistance(from, to) <= (Math.min(from.length, to.length) >= 5 ? 2 : 1);
      const fromIsSymbol = this.symbols.some((known) => known.toLowerCase() === from);
      if (at < 0 || !slip || fromIsSymbol || !(symbol || isVerb))
        ungrounded('corrections', correction, -1, 'a correction that is not a spelling slip of a word you wrote into a known token or verb');
      for (const word of this.words) if (word.text === from) word.text = to;
      accepted.push({ from: this.words[at]!.written, to: symbol ?? to });
    }
    if (accepted.length) this.numbers = readNumbers(this.words);
    return accepted;
  }

  groundStep(intent: Intent, index: number): Intent {
    const grounded: Intent = { ...intent };
    const fail = (field: string, value: unknown, why: string): never => ungrounded(field, value, index, why);
    const mentions: Partial<Record<'token' | 'tokenOut', Span[]>> = {};

    for (const field of ['token', 'tokenOut'] as const) {
      const value = intent[field];
      if (value === undefined) continue;
      if (isAddress(value)) {
        const spans = this.find(value.toLowerCase());
        if (!spans.length) fail(field, value, 'an address that is not in your words');
        grounded[field] = this.words[spans[0]!.start]!.written;
        mentions[field] = spans;
        continue;
      }
      const symbol = this.symbols.find((known) => known.toLowerCase() === value.toLowerCase());
      if (!symbol) fail(field, value, 'which is not a known token symbol');
      const spans = this.symbolSpans(symbol!, intent.action);
      if (!spans.length) fail(field, value, 'a token that is not in your words');
      grounded[field] = symbol!;
      mentions[field] = spans;
    }

    const signature: (string | number)[] = [intent.action, intent.token ?? '', intent.tokenOut ?? ''];
    if (intent.amount !== undefined) {
      const at = this.amountAt(intent.amount, mentions.token ?? [], intent.action, index);
      if (at === undefined) fail('amount', intent.amount, mentions.token ? `an amount your words do not give next to ${intent.token}` : 'an amount that is not in your words');
      signature.push(`amount@${at}`);
    }
    if (intent.amountOut !== undefined) {
      const at = this.decimalNextTo(intent.amountOut, mentions.tokenOut ?? [], 'amountOut');
      if (at === undefined) fail('amountOut', intent.amountOut, `an amount your words do not give next to ${intent.tokenOut}`);
      signature.push(`amountOut@${at}`);
    }
    if (intent.amountUsd !== undefined) {
      const at = this.dollarsNextTo(intent.amountUsd, mentions.token ?? []);
      if (at === undefined) fail('amountUsd', intent.amountUsd, `a dollar amount your words do not give for ${intent.token}`);
      signature.push(`amountUsd@${at}`);
    }
    if (intent.action === 'swap' && mentions.token && mentions.tokenOut && !this.swapDirection(mentions.token, mentions.tokenOut))
      fail('token', intent.token, `the reverse of your words: they sell ${intent.tokenOut} rather than ${intent.token}, or name no direction`);

    if (intent.to !== undefined) {
      const spans = isAddress(intent.to) ? this.find(intent.to.toLowerCase()) : this.find(intent.to.toLowerCase(), true);
      if (!spans.length) fail('to', intent.to, isAddress(intent.to) ? 'an address that is not in your words' : 'a recipient that is not in your words');
      const slot = spans.find((span) => this.isRecipientSlot(span.start, intent.action) && !this.claimed('to', span.start)) ?? spans.find((span) => this.isRecipientSlot(span.start, intent.action));
      if (!slot) fail('to', intent.to, 'a name your words do not give as the recipient (it is not after "to", or it is negated)');
      this.claim('to', slot!.start);
      grounded.to = this.words[slot!.start]!.written;
      signature.push(`to@${slot!.start}`);
      // The amount goes with its own recipient: "1 ETH to bob and 2 ETH to alice" never pays alice 1 ETH.
      const amountAt = signature.find((part) => String(part).startsWith('amount@'));
      if (amountAt !== undefined && !this.sameClause(Number(String(amountAt).split('@')[1]), slot!.start))
        fail('to', intent.to, `a recipient your words give to another amount than ${intent.amount ?? intent.amountUsd}`);
    }

    if (intent.slippageBps !== undefined && !this.slippageSaid(intent.slippageBps))
      fail('slippageBps', intent.slippageBps, 'a slippage your words do not state (a percentage or bps next to "slippage")');

    if (intent.chain !== undefined) {
      const names = [intent.chain, ...(chainAliases[intent.chain] ?? [])];
      if (!names.some((name) => this.find(name.toLowerCase()).length)) fail('chain', intent.chain, 'a chain that is not in your words');
    }
    if (intent.venue !== undefined && !this.venueSaid(intent.venue)) fail('venue', intent.venue, 'a venue that is not in your words');

    const key = signature.join('|');
    if (this.signatures.includes(key)) fail('intents', `step ${index + 1}`, 'a repeat of an earlier step that your words say once');
    this.signatures.push(key);
    return grounded;
  }

  /** No more steps than the words have clauses. */
  checkSteps(intents: readonly Intent[]): void {
    const clauses = 1 + this.words.filter((word) => separators.has(word.text)).length;
    if (intents.length > clauses)
      ungrounded('intents', `${intents.length} steps`, -1, `more steps than your words ask for (they have room for at most ${clauses})`);
  }

  private claimed(kind: string, at: number): boolean {
    return this.claims.get(kind)?.has(at) ?? false;
  }

  private claim(kind: string, at: number): void {
    if (!this.claims.has(kind)) this.claims.set(kind, new Set());
    this.claims.get(kind)!.add(at);
  }

  /** Spans where `phrase` (words, or one address/name) stands as whole words. */
  private find(phrase: string, whole = false): Span[] {
    const parts = whole ? [phrase] : phrase.split(/\s+/);
    return findPhrase(this.words, parts.join(' ')).map((start) => ({ start, end: start + parts.length }));
  }

  private symbolSpans(symbol: string, action: Intent['action']): Span[] {
    const spellings = [symbol, ...(symbolAliases[symbol] ?? [])];
    // "wrap 1 ETH" and "unwrap 1 ETH" are both natural; the model may name either side of the pair.
    if (action === 'wrap' || action === 'unwrap') {
      if (symbol === 'WETH') spellings.push('ETH', ...(symbolAliases.ETH ?? []));
      if (symbol === 'ETH') spellings.push('WETH', ...(symbolAliases.WETH ?? []));
    }
    return spellings.flatMap((spelling) => this.find(spelling.toLowerCase())).sort((a, b) => a.start - b.start);
  }

  /** Whether the words between `from` and `to` are all fillers (or there are none). */
  private fillersBetween(from: number, to: number, fillers: Set<string>, max = 3): boolean {
    if (to < from || to - from > max) return false;
    for (let i = from; i < to; i++) if (!fillers.has(this.words[i]!.text)) return false;
    return true;
  }

  /** A number mention of `value` next to one of `tokens`, preferring one no earlier step used; its index. */
  private pickNextTo(candidates: NumberMention[], tokens: Span[], kind: string): number | undefined {
    const fits = candidates.filter((mention) =>
      tokens.some((token) => this.fillersBetween(mention.end, token.start, amountFillers) || token.end === mention.start),
    );
    const chosen = fits.find((mention) => !this.claimed(kind, mention.start)) ?? fits[0];
    if (chosen) this.claim(kind, chosen.start);
    return chosen?.start;
  }

  private decimalNextTo(amount: string, tokens: Span[], kind: string): number | undefined {
    const value = canonicalDecimal(amount);
    return this.pickNextTo(
      this.numbers.filter((n) => n.value === value && !n.percent && !n.bps && (!n.share || this.shareOf(n, tokens) === 'unit')),
      tokens,
      kind,
    );
  }

  /**
   * What a share word ("half", "a quarter") is a share of, as the grammar reads it: of one unit when an article
   * stands between it and the token ("half an ETH"), of the balance when a possessive, "the" or "of" does ("half my
   * ETH", "a quarter of the DAI"), and undecided when nothing does ("half ETH"): the grammar refuses that as two
   * readings, so the model may not pick one.
   */
  private shareOf(mention: NumberMention, tokens: Span[]): 'unit' | 'balance' | undefined {
    const token = tokens.find((t) => this.fillersBetween(mention.end, t.start, amountFillers));
    if (!token) return undefined;
    const between = this.words.slice(mention.end, token.start).map((word) => word.text);
    if (between.some((word) => word === 'a' || word === 'an')) return 'unit';
    if (between.some((word) => balanceWords.has(word))) return 'balance';
    return undefined;
  }

  private dollarsNextTo(amount: string, tokens: Span[]): number | undefined {
    const value = canonicalDecimal(amount);
    const dollars = this.numbers.filter((n) => n.value === value && n.dollar);
    const after = this.pickNextTo(dollars, tokens, 'amount');
    if (after !== undefined) return after;
    // "ETH worth $50"
    const before = dollars.find((n) => tokens.some((t) => t.end <= n.start && this.words.slice(t.end, n.start).some((w) => w.text === 'worth') && n.start - t.end <= 3));
    return before?.start;
  }

  /** Where the words give `amount` for the token at `tokens`; undefined when they do not. */
  private amountAt(amount: string, tokens: Span[], action: Intent['action'], index: number): number | undefined {
    if (amount === 'previous') {
      if (index === 0) return undefined;
      const at = this.words.findIndex((word) => referenceWords.has(word.text));
      return at < 0 ? undefined : at;
    }
    if (amount === 'all') {
      const percent = this.numbers.find((n) => n.percent && n.value === '100' && tokens.some((t) => this.fillersBetween(n.end, t.start, amountFillers)));
      if (percent) return percent.start;
      for (const [at, word] of this.words.entries()) {
        if (!allWords.has(word.text)) continue;
        if (tokens.some((t) => this.fillersBetween(at + 1, t.start, amountFillers) || (t.end <= at && at - t.end <= 3))) return at;
      }
      return undefined;
    }
    if (amount.endsWith('%')) {
      const percent = canonicalDecimal(amount.slice(0, -1));
      const fraction = shiftDecimal(percent, -2);
      const candidates = this.numbers.filter(
        (n) => (n.percent && n.value === percent) || (!!n.share && n.value === fraction && this.shareOf(n, tokens) === 'balance'),
      );
      return this.pickNextTo(candidates, tokens, 'amount');
    }
    void action;
    return this.decimalNextTo(amount, tokens, 'amount');
  }

  /** The words sell a token at `sold` for one at `bought`: "swap X for Y", "X to Y", "buy Y with X". */
  private swapDirection(sold: Span[], bought: Span[]): boolean {
    for (const a of sold) {
      for (const b of bought) {
        const [first, second] = a.start < b.start ? [a, b] : [b, a];
        const between = this.words.slice(first.end, second.start).map((word) => word.text);
        if (between.some((word) => clauseBreaks.has(word)) || between.length > 8) continue;
        const verb = this.verbBefore(first.start);
        const buying = verb !== undefined && buyVerbs.has(verb);
        if (a.start < b.start) {
          const forward = between.some((word) => forwardConnectors.has(word) && !(word === 'for' && buying));
          const backward = between.some((word) => backwardConnectors.has(word));
          if (forward && !backward) return true;
        } else {
          const backward = between.some((word) => backwardConnectors.has(word) || (word === 'for' && buying));
          if (backward) return true;
        }
      }
    }
    return false;
  }

  /** The step verb governing the words at `at`: the nearest one before it in the same clause. */
  private verbBefore(at: number): string | undefined {
    for (let i = at - 1; i >= 0; i--) {
      const word = this.words[i]!.text;
      if (clauseBreaks.has(word)) return undefined;
      if (actionVerbs.has(word) || buyVerbs.has(word) || sellVerbs.has(word)) return word;
    }
    return undefined;
  }

  /** Whether the word at `at` stands where the recipient (or spender) of `action` does, and is not negated. */
  private isRecipientSlot(at: number, action: Intent['action']): boolean {
    const slots = slotsByAction[action];
    if (!slots) return false;
    let i = at - 1;
    while (i >= 0 && recipientFillers.has(this.words[i]!.text)) i--;
    // "to Bob at 0x…": the address stands in the slot of the name before it.
    if (i >= 1 && this.words[i]!.text === 'at') {
      i -= 2;
      while (i >= 0 && recipientFillers.has(this.words[i]!.text)) i--;
    }
    if (i < 0) return false;
    const word = this.words[i]!.text;
    const negated = (from: number) => this.words.slice(Math.max(0, from - 2), from).some((w) => recipientNegations.has(w.text));
    if (slots.preps.has(word) || slots.verbs.has(word)) return !negated(i);
    // "to A, B and C", "send A 1 ETH and B 2 ETH": a list continues a slot the words opened earlier.
    if ((word === 'and' || word === ',' || word === '&') && !negated(i)) {
      for (let k = i - 1; k >= 0; k--) {
        const earlier = this.words[k]!.text;
        if (clauseBreaks.has(earlier)) break;
        if (slots.preps.has(earlier) || slots.verbs.has(earlier)) return !negated(k);
      }
    }
    return false;
  }

  /** No list or clause break between two words — unless the words share one amount out ("2 DAI each to A, B and C"). */
  private sameClause(a: number, b: number): boolean {
    if (this.words.some((word) => distributive.has(word.text))) return true;
    const [from, to] = a < b ? [a, b] : [b, a];
    return !this.words.slice(from + 1, to).some((word) => listBreaks.has(word.text));
  }

  private slippageSaid(bps: number): boolean {
    const percent = shiftDecimal(String(bps), -2);
    return this.numbers.some(
      (n) =>
        ((n.percent && n.value === percent) || (n.bps && n.value === String(bps))) &&
        !this.claimed('amount', n.start) &&
        this.words.slice(Math.max(0, n.start - 4), n.end + 4).some((word) => slippageWords.has(word.text)),
    );
  }

  private venueSaid(venue: string): boolean {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${venue.split('-').join('[\\s-]?')}(?![\\p{L}\\p{N}])`, 'iu');
    return pattern.test(this.words.map((word) => word.text).join(' ')) || pattern.test(this.text);
  }
}

function isAddress(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value);
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function display(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  // Model output is untrusted: keep it to one short printable line.
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}

/** What the text states, for tests: canonical decimals, percentages (without %), and whether it says "all". */
export function readText(text: string): { decimals: Set<string>; percents: Set<string>; all: boolean } {
  const words = readWords(text);
  const numbers = readNumbers(words);
  const percents = new Set<string>();
  for (const n of numbers) {
    if (n.percent) percents.add(n.value);
    const named = words.slice(n.start, n.end).map((w) => w.text);
    if (named.includes('half')) percents.add('50');
    if (named.some((w) => w.startsWith('quarter'))) percents.add(shiftDecimal(n.value, 2));
  }
  return { decimals: new Set(numbers.map((n) => n.value)), percents, all: words.some((word) => allWords.has(word.text)) };
}
