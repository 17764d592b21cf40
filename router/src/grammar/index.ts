/**
 * The embedded intent parser: offline, deterministic, no model. Words in, {@link IntentList} out, or an
 * `UNPARSEABLE_INTENT` {@link InputError} that quotes the word it could not use and shows where it stands.
 *
 * Pipeline: {@link tokenize} (typed tokens with positions) → {@link parseTokens} (recursive descent, one
 * production per action) → `intentListSchema.parse` (the schema is the contract; nothing leaves unchecked).
 */
import { knownSymbols, InputError, intentListSchema, type IntentList } from '../../../kernel/index.js';
import { unparseable, unparseableCode } from './errors.js';
import { readForm } from './form.js';
import { readMarkup } from './markup.js';
import { readRecordList } from './recordList.js';
import { readListHeader, readVerblessEach } from './listHeader.js';
import { readRespectively } from './respectively.js';
import { readRecipientsLists } from './recipientsLists.js';
import { checkDuplicatePayments } from './duplicates.js';
import { explainRefusal, readFrame } from './frame.js';
import { stripFraming } from './framing.js';
import { moveAsides } from './middleAsides.js';
import { parseTokens, symbolTable, type SymbolTable } from './parser.js';
import { readLeadingRecipient, readPayoutList } from './payoutList.js';
import { correctWords } from './correctWords.js';
import { reorderWords } from './wordOrder.js';
import { readVerbPhrases } from './verbPhrases.js';
import { readFractions } from './fractions.js';
import { readFractionWords } from './fractionWords.js';
import { readCurrencyAmounts, readNumberPhrases } from './numberPhrases.js';
import { maxInputLength, tokenize } from './tokenize.js';

export { damerauLevenshtein, nearest } from './distance.js';
export { examples, unparseableCode } from './errors.js';
export { maxInputLength, tokenize, type Token, type TokenKind } from './tokenize.js';

export type ParseWithGrammarOptions = {
  /** Token symbols to recognise, spelled as the token list spells them. Default: every known symbol. */
  symbols?: readonly string[] | undefined;
};
export type ParseWithGrammarReturnType = IntentList;
export type ParseWithGrammarErrorType = InputError;

/**
 * Parses what a person typed into intents, one per step, in order.
 *
 * @param text - The words, e.g. `swap 1 ETH for USDC then send 50 USDC to alice.eth`.
 * @param options - {@link ParseWithGrammarOptions}.
 * @returns The {@link IntentList}, already checked against `intentListSchema`.
 * @throws InputError `UNPARSEABLE_INTENT` (exit 2) with the word it could not use, a caret line in
 *   `details` and a hint with a sentence that would parse.
 *
 * @example
 * parseWithGrammar('swap 1.5k usdc for eth with 0.5% slippage on base')
 * // { intents: [{ action: 'swap', amount: '1500', token: 'USDC', tokenOut: 'ETH', slippageBps: 50, chain: 'base' }] }
 */
export function parseWithGrammar(text: string, options: ParseWithGrammarOptions = {}): ParseWithGrammarReturnType {
  if (typeof text !== 'string') throw unparseable('', undefined, 'nothing to do: the input is not text');
  const table = tableFor(options.symbols);
  // "/pay 10 USDC bob.eth", "**Send** …", "User: …", {"action": "swap", …}: the marks other tools wrap a request in.
  // [{"to": "alice.eth", "amount": 5, …}, …], a table, CSV lines: one payment a record (./recordList.ts).
  if (text.length <= maxInputLength) text = readRecordList(text, (word) => table.canonical.has(word)) ?? text;
  if (text.length <= maxInputLength) text = readMarkup(text);
  // "Beneficiary: bob.eth / Amount: 20 USDC": a form's fields are read into the sentence they say.
  const form = text.length <= maxInputLength ? readForm(text, (word) => table.canonical.has(word)) : undefined;
  if (form) text = form.text;
  // "50$ of ETH", "€50 of ETH", "1.000,50": amounts the tokenizer cannot say why it refuses (./numberPhrases.ts).
  if (text.length <= maxInputLength) text = readCurrencyAmounts(text);
  // "three quarters of an ETH", "half a dozen": fractions said in words (./fractionWords.ts).
  if (text.length <= maxInputLength) text = readFractionWords(text);
  const corrected = correctWords(tokenizeOrExplain(text), (word) => table.canonical.has(word));
  // "send 1/2 eth", "split 10 dai 50/50 between …": a fraction written with a slash is one amount.
  // "two dozen", "a tenth of my", "five (5)": number phrases said in the parser's shapes (./numberPhrases.ts).
  const numbered = readNumberPhrases(text, readFractions(text, corrected.tokens), (word) => table.canonical.has(word));
  // "bob, his address is 0x…", "…, receiver bob.eth", "5 DAI per person", "send DAI:\n0x…,5\n…" (./recipientsLists.ts).
  const tokens = readRecipientsLists(numbered, (word) => table.canonical.has(word));
  const frame = tokens.some((token) => token.kind !== 'punct') ? readFrame(text, tokens) : { tokens: [], preview: false };
  if (!frame.tokens.some((token) => token.kind !== 'punct'))
    throw unparseable(text, undefined, text.trim() ? 'nothing to do: say what should happen' : 'nothing to do: the input is empty', ['swap', 'transfer']);
  // "Subject: …", "Regards,\nDana": the message around the request, after the frame checked every word of it.
  const request = stripFraming({ tokens: frame.tokens, isSymbol: (word) => table.canonical.has(word) });
  // "max send my DAI …", "send 7 USDC bob's way": a plain request said in another order (./wordOrder.ts).
  // "send 800 USDC (rent) to …", "…: rent": an aside inside a step or after a colon goes to its clause's end (./middleAsides.ts).
  const framed = moveAsides({ tokens: reorderWords(request.some((token) => token.kind !== 'punct') ? request : frame.tokens), isSymbol: (word) => table.canonical.has(word), source: text });
  // "payouts: alice.eth 40 usdc, bob.eth 25 usdc": a verbless list of payments says "send … to … and …".
  // "Recipient: carol.eth. Please send 20 DAI.": the recipient said first goes after the request.
  // "Please make the following payments:" says "send:" before a list (./listHeader.ts).
  const headed0 = readListHeader(framed) ?? readVerblessEach(framed, (word) => table.canonical.has(word) || word === 'eth') ?? framed;
  // "send alice and bob 3 and 4 DAI respectively": the n-th amount to the n-th recipient (./respectively.ts).
  const headed = readRespectively(text, headed0, (word) => table.canonical.has(word)) ?? headed0;
  const listed = readPayoutList(headed, (word) => table.canonical.has(word)) ?? readLeadingRecipient(headed) ?? readVerbPhrases(headed);
  let parsed: ReturnType<typeof parseTokens>;
  try {
    parsed = parseTokens(text, listed, table);
  } catch (error) {
    // Words no production could read: say why when a clue shows they are no request ("bob is asking for …").
    throw (error instanceof InputError && explainRefusal(text, listed, error)) || error;
  }
  // "send 5 DAI to alice and 5 DAI to alice": a recipient paid twice in one token is a slip or two readings.
  checkDuplicatePayments(parsed.intents as Parameters<typeof checkDuplicatePayments>[0]);
  parsed.corrections.unshift(...corrected.corrections);
  // jitless: the same checks without zod's compiled fast path, whose build (new Function, which the start
  // script's code cache cannot keep) costs a one-shot `lucid parse` more than the one parse it speeds up.
  const checked = intentListSchema.safeParse(
    {
      intents: parsed.intents.map(compact),
      ...(frame.preview || form?.preview ? { preview: true } : {}),
      ...(parsed.notes.length ? { notes: parsed.notes.slice(0, 8) } : {}),
      ...(parsed.corrections.length ? { corrections: parsed.corrections.slice(0, 8) } : {}),
    },
    { jitless: true },
  );
  if (!checked.success) {
    // The grammar should never build an intent the schema refuses; if it does, say what, not a stack trace.
    const issue = checked.error.issues[0];
    throw new InputError(unparseableCode, `could not build an intent: ${issue?.path.join('.') || 'intent'} ${issue?.message ?? 'is invalid'}`, {
      hints: ['try: swap 1 ETH for USDC'],
    });
  }
  return checked.data;
}

/** Tokenizes `text`; a character the tokenizer refuses may still say why ("~5 DAI" is approximate). */
function tokenizeOrExplain(text: string): ReturnType<typeof tokenize> {
  try {
    return tokenize(text);
  } catch (error) {
    throw (error instanceof InputError && explainRefusal(text, [], error)) || error;
  }
}

let defaultTable: SymbolTable | undefined;
const tables = new WeakMap<readonly string[], SymbolTable>();

/** Symbol tables are built once per list (the default list, or each list a caller passes). */
function tableFor(symbols: readonly string[] | undefined): SymbolTable {
  if (symbols === undefined) return (defaultTable ??= symbolTable(knownSymbols()));
  let table = tables.get(symbols);
  if (!table) tables.set(symbols, (table = symbolTable(symbols)));
  return table;
}

/** Drops undefined fields, in the contract's field order, so JSON output is stable. */
function compact(intent: Record<string, unknown>): Record<string, unknown> {
  const order = ['action', 'amount', 'amountUsd', 'amountOut', 'token', 'tokenOut', 'to', 'slippageBps', 'chain', 'venue', 'unlimited'];
  const out: Record<string, unknown> = {};
  for (const key of order) if (intent[key] !== undefined) out[key] = intent[key];
  return out;
}
