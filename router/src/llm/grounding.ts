/**
 * Grounding: the LLM may only restate what the user said. After the model's answer has passed the intent
 * schema, every value that names an asset, a counterparty or a quantity is checked against the user's own
 * words; one value that is not there rejects the whole answer with `LLM_UNGROUNDED`. This is the security
 * boundary of the LLM parser: a model (or a prompt injected into the text) can never introduce an address,
 * a recipient, a token or an amount the user did not type.
 *
 * The rules, per field (all comparisons case-insensitive):
 * - `to`: the value appears in the text as a whole word (`alice` is not grounded by `alice.eth`). Returned
 *   as the user spelled it.
 * - any `0x` address (in `token`, `tokenOut` or `to`): appears in the text. Returned as the user spelled it.
 * - `token` / `tokenOut` symbols: a known symbol (the `symbols` list, by default every token-list symbol),
 *   rewritten to the list's spelling, and mentioned in the text as a word (`$USDC` counts). Aliases: `ether`
 *   for ETH, `wrapped eth(er)` for WETH, `staked eth(er)` for stETH; for `wrap`/`unwrap` a mention of ETH
 *   grounds WETH and the other way round.
 * - `amount` / `amountOut` as a decimal: equal (as a number) to a number in the text. Numbers in the text are
 *   digits with optional `,`/`_` separators (`1,000`, `.5`), the same scaled by a suffix or scale word
 *   (`1.5k`, `2m`, `3bn`, `1.5 million` → 1500, 2000000, 3000000000, 1500000), number words
 *   (`twenty five`, `a hundred`, `two thousand`), `N and a half`, and `half` (0.5) and `quarter` (0.25).
 * - `amount` as a percentage: the text has that number followed by `%`, `percent` or `pct`, or says `half`
 *   (50%), `quarter` (25%) or `three quarters` (75%); `100%` is also grounded by an "all" word.
 * - `amount` `"all"`: the text says all, everything, max/maximum, entire, whole or full (or `100%`).
 * - `slippageBps` N: the text has N (`50 bps`) or N/100 (`0.5%`) as a number.
 * - `chain`: the name, or an alias (`ethereum` for mainnet, `arb` for arbitrum, `devnet`/`local` for anvil),
 *   appears as a word.
 */
import { InputError, type Intent, type IntentList } from '../../../kernel/index.js';

export type GroundIntentsParameters = {
  /** The user's words, exactly as given to the model. */
  text: string;
  /** The model's answer, already valid against `intentListSchema`. */
  intents: IntentList;
  /** Symbols the model may use. */
  symbols: readonly string[];
};

/**
 * Checks every value of the model's answer against the user's words.
 *
 * @returns {@link IntentList} the same intents with symbols in the token list's spelling and addresses and
 * recipients in the user's spelling.
 * @throws InputError `LLM_UNGROUNDED` naming the first field whose value the user did not say.
 */
export function groundIntents({ text, intents, symbols }: GroundIntentsParameters): IntentList {
  const facts = readText(text);
  return { intents: intents.intents.map((intent, index) => groundIntent(intent, index, facts, symbols)) };
}

type TextFacts = {
  text: string;
  /** Canonical decimals the text states or derives (suffixes, words). */
  decimals: Set<string>;
  /** Canonical percentages the text states, without the % sign. */
  percents: Set<string>;
  /** The text says "all" or a synonym. */
  all: boolean;
};

function groundIntent(intent: Intent, index: number, facts: TextFacts, symbols: readonly string[]): Intent {
  const grounded: Intent = { ...intent };
  const fail = (field: string, value: unknown, why: string): never => {
    throw new InputError('LLM_UNGROUNDED', `The LLM answered ${field} ${display(value)} in step ${index + 1}, ${why}.`, {
      hints: [
        'The LLM parser only accepts tokens, amounts and recipients that appear in your words.',
        'Say it explicitly, for example: swap 1 ETH for USDC, or use --parser grammar.',
      ],
      details: `field: intents[${index}].${field}`,
    });
  };

  for (const field of ['token', 'tokenOut'] as const) {
    const value = intent[field];
    if (value === undefined) continue;
    if (isAddress(value)) {
      const written = findWritten(facts.text, value);
      if (!written) fail(field, value, 'an address that is not in your words');
      grounded[field] = written!;
      continue;
    }
    const symbol = symbols.find((known) => known.toLowerCase() === value.toLowerCase());
    if (!symbol) fail(field, value, 'which is not a known token symbol');
    if (!symbolMentioned(facts.text, symbol!, intent.action)) fail(field, value, 'a token that is not in your words');
    grounded[field] = symbol!;
  }

  if (intent.to !== undefined) {
    const written = isAddress(intent.to) ? findWritten(facts.text, intent.to) : findWord(facts.text, intent.to);
    if (!written) fail('to', intent.to, isAddress(intent.to) ? 'an address that is not in your words' : 'a recipient that is not in your words');
    grounded.to = written!;
  }

  if (intent.amount !== undefined && !amountGrounded(intent.amount, facts)) fail('amount', intent.amount, 'an amount that is not in your words');
  if (intent.amountOut !== undefined && !facts.decimals.has(canonicalDecimal(intent.amountOut)))
    fail('amountOut', intent.amountOut, 'an amount that is not in your words');

  if (intent.slippageBps !== undefined) {
    const bps = String(intent.slippageBps);
    if (!facts.decimals.has(canonicalDecimal(bps)) && !facts.decimals.has(shiftDecimal(bps, -2)))
      fail('slippageBps', intent.slippageBps, 'a slippage that is not in your words');
  }

  if (intent.chain !== undefined) {
    const names = [intent.chain, ...(chainAliases[intent.chain] ?? [])];
    if (!names.some((name) => findWord(facts.text, name))) fail('chain', intent.chain, 'a chain that is not in your words');
  }

  return grounded;
}

function amountGrounded(amount: string, facts: TextFacts): boolean {
  if (amount === 'all') return facts.all || facts.percents.has('100');
  if (amount.endsWith('%')) {
    const percent = canonicalDecimal(amount.slice(0, -1));
    return facts.percents.has(percent) || (percent === '100' && facts.all);
  }
  return facts.decimals.has(canonicalDecimal(amount));
}

const chainAliases: Record<string, string[]> = {
  mainnet: ['ethereum'],
  arbitrum: ['arb'],
  anvil: ['devnet', 'local'],
};

const symbolAliases: Record<string, string[]> = {
  ETH: ['ether'],
  WETH: ['wrapped eth', 'wrapped ether'],
  stETH: ['staked eth', 'staked ether'],
};

function symbolMentioned(text: string, symbol: string, action: Intent['action']): boolean {
  const spellings = [symbol, ...(symbolAliases[symbol] ?? [])];
  // "wrap 1 ETH" and "unwrap 1 ETH" are both natural; the model may name either side of the pair.
  if (action === 'wrap' || action === 'unwrap') {
    if (symbol === 'WETH') spellings.push('ETH', ...(symbolAliases.ETH ?? []));
    if (symbol === 'ETH') spellings.push('WETH', ...(symbolAliases.WETH ?? []));
  }
  return spellings.some((spelling) => findWord(text, spelling, true));
}

function isAddress(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value);
}

/** The text's own spelling of `value` (an address), or undefined. */
function findWritten(text: string, value: string): string | undefined {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  return at === -1 ? undefined : text.slice(at, at + value.length);
}

/**
 * The text's own spelling of `value` where it stands as a whole word: not inside a longer name, so `alice`
 * is not found in `alice.eth`, but `alice.eth.` at the end of a sentence is found.
 */
function findWord(text: string, value: string, allowDollar = false): string | undefined {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const before = allowDollar ? '(?<![\\p{L}\\p{N}_.-])\\$?' : '(?<![\\p{L}\\p{N}_.$-])';
  const pattern = new RegExp(`${before}(${escaped})(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}_-])`, 'iu');
  return pattern.exec(text)?.[1];
}

function display(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  // Model output is untrusted: keep it to one short printable line.
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}

// ---------------------------------------------------------------------------------------------------------
// Reading numbers out of the text. Kept deliberately generous about formats (the grammar accepts them and
// a person writes them) and strict about values: only numbers derivable from the words count.

const scaleSuffixes: Record<string, number> = { k: 3, thousand: 3, m: 6, mm: 6, mil: 6, million: 6, b: 9, bn: 9, billion: 9 };
const allWords = new Set(['all', 'everything', 'max', 'maximum', 'entire', 'whole', 'full']);
const units: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const scales: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

/** Exported for tests. */
export function readText(text: string): TextFacts {
  const lower = text.toLowerCase();
  const decimals = new Set<string>();
  const percents = new Set<string>();

  const numeric = /(?<![\w.])(\d[\d,_]*(?:\.\d+)?|\.\d+)(?:\s*(k|mm|mil|million|m|bn|billion|b|thousand)(?![a-z]))?(\s*(?:%|percent(?![a-z])|pct(?![a-z])))?/g;
  for (const match of lower.matchAll(numeric)) {
    const raw = match[1]!.replace(/[,_]/g, '');
    if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(raw)) continue;
    const value = canonicalDecimal(raw.startsWith('.') ? `0${raw}` : raw);
    decimals.add(value);
    if (match[2]) decimals.add(canonicalDecimal(shiftDecimal(value, scaleSuffixes[match[2]]!)));
    if (match[3]) percents.add(value);
  }

  const words = lower.split(/[^a-z]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'half') {
      decimals.add('0.5');
      percents.add('50');
    }
    if (words[i] === 'quarter' || words[i] === 'quarters') {
      if (words[i - 1] === 'three') {
        decimals.add('0.75');
        percents.add('75');
      } else {
        decimals.add('0.25');
        percents.add('25');
      }
    }
    const read = readNumberWords(words, i);
    if (!read) continue;
    decimals.add(String(read.value));
    if (words[read.end] === 'and' && words[read.end + 1] === 'a' && words[read.end + 2] === 'half') decimals.add(canonicalDecimal(`${read.value}.5`));
    if (words[read.end] === 'percent' || words[read.end] === 'pct') percents.add(String(read.value));
    i = read.end - 1;
  }

  return { text, decimals, percents, all: words.some((word) => allWords.has(word)) };
}

/** Reads a run of number words from `start` ("two hundred and fifty", "a thousand"); undefined if none. */
function readNumberWords(words: string[], start: number): { value: number; end: number } | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  let i = start;
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word in units) {
      current += units[word]!;
      seen = true;
    } else if (word in scales && (seen || (i === start + 1 && (words[start] === 'a' || words[start] === 'an')))) {
      const scale = scales[word]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      seen = true;
    } else if ((word === 'a' || word === 'an') && i === start && words[i + 1]! in scales) {
      continue;
    } else if (word === 'and' && seen && words[i + 1]! in units) {
      continue;
    } else break;
  }
  if (!seen) return undefined;
  return { value: total + current, end: i };
}

/** "007.50" → "7.5"; "1.0" → "1". */
function canonicalDecimal(value: string): string {
  const [int = '0', fraction = ''] = value.split('.');
  const whole = int.replace(/^0+(?=\d)/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** Multiplies a decimal string by 10^places (negative places divide), exactly. */
function shiftDecimal(value: string, places: number): string {
  const [int = '0', fraction = ''] = value.split('.');
  let digits = int + fraction;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  return canonicalDecimal(`${digits.slice(0, point) || '0'}.${digits.slice(point)}`);
}
