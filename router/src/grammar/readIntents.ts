/**
 * The grammar's reading of a request, before the intent contract checks it: ./index.ts's
 * `parseWithGrammar` checks it with the schema, and router/src/parseIntents.ts (the path of `lucid parse`)
 * with kernel's zod-free `checkIntentList` first. Nothing here loads zod.
 */
import { knownSymbols, InputError } from '../../../kernel/core.js';
import { unparseable } from './errors.js';
import { readForm } from './form.js';
import { readMarkup } from './markup.js';
import { readRecordList } from './recordList.js';
import { readListHeader, readVerblessEach } from './listHeader.js';
import { readRespectively } from './respectively.js';
import { checkDuplicatePayments } from './duplicates.js';
import { explainRefusal, readFrame } from './frame.js';
import { openingFiller } from './frameWords.js';
import { stripFraming } from './framing.js';
import { parseTokens, symbolTable, type SymbolTable } from './parser.js';
import { readLeadingRecipient, readPayoutList } from './payoutList.js';
import { correctWords } from './correctWords.js';
import { reorderWords } from './wordOrder.js';
import { readVerbPhrases } from './verbPhrases.js';
import { readFractions } from './fractions.js';
import { readCurrencyAmounts, readNumberPhrases } from './numberPhrases.js';
import { readRecipientsLists } from './recipientsLists.js';
import { moveAsides } from './middleAsides.js';
import { readFractionWords } from './fractionWords.js';
import { maxInputLength, tokenize, type Token } from './tokenize.js';


export type ParseWithGrammarOptions = {
  /** Token symbols to recognise, spelled as the token list spells them. Default: every known symbol. */
  symbols?: readonly string[] | undefined;
};
/** The reading: an intent list in the contract's field order, not yet checked against it. */
export type ReadWithGrammarReturnType = { intents: Record<string, unknown>[]; preview?: true; notes?: string[]; corrections?: { from: string; to: string }[] };

/**
 * Reads what a person typed into intents, one per step, in order, unchecked (see `parseWithGrammar`).
 *
 * @throws InputError `UNPARSEABLE_INTENT` as `parseWithGrammar` does, for everything but the contract check.
 */
export function readWithGrammar(text: string, options: ParseWithGrammarOptions = {}): ReadWithGrammarReturnType {
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
  return {
    intents: parsed.intents.map(compact),
    ...(frame.preview || form?.preview || isVerblessQuestion(listed) ? { preview: true } : {}),
    ...(parsed.notes.length ? { notes: parsed.notes.slice(0, 8) } : {}),
    ...(parsed.corrections.length ? { corrections: parsed.corrections.slice(0, 8) } : {}),
  };
}

/**
 * "1 eth to dai?", "5 usdc to bob?": no verb, an amount first and a question mark last asks what it would be (a
 * quote, or whether that is right), not for it to be done: shown as a preview, never signed.
 */
function isVerblessQuestion(tokens: readonly Token[]): boolean {
  const words = tokens.filter((token) => token.kind !== 'punct' || token.value === '?');
  const first = words.find((token) => token.kind !== 'punct' && !(token.kind === 'word' && openingFiller.has(token.lower)));
  return (first?.kind === 'number' || first?.kind === 'numberWord') && words[words.length - 1]?.kind === 'punct' && words[words.length - 1]!.value === '?';
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
