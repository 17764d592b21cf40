/**
 * The grammar: a recursive-descent parser over the tokens of ./tokenize.ts, one production per action.
 *
 *   sentence   := clause (joiner clause)* joiner?
 *   joiner     := ("," | ";" | "." | "!" | "?" | "then" | "and" | "and then" | "after that" | …)+
 *   clause     := filler* ( transfer | swap | buy | wrap | unwrap | stake | unstake | claim
 *                         | approve | allow | revoke | balance | amount token "->" token ) modifier*
 *   transfer   := ("send"|"transfer"|"pay"|"give") ( amount token ["to"] recipient | recipient amount token )
 *   swap       := ("swap"|"trade"|"exchange"|"convert"|"sell") (amount token | token) ("for"|"to"|"into"|"->")
 *                 ["exactly"] [amount] token
 *   buy        := ("buy"|"get") ( amount token ("with"|"using"|"for") token | token ("with"|"for") amount token )
 *   wrap       := "wrap" amount [token] [("into"|"to") token]          (unwrap alike)
 *   stake      := "stake" amount token                                  (unstake alike)
 *   claim      := "claim" ["my"|"the"|"all"] [token] [rewards]
 *   approve    := "approve" (amount | "unlimited") token ("for"|"to") recipient
 *              |  "approve" recipient ("to spend"|"for") (amount | "unlimited") token
 *   revoke     := "revoke" token ["approval"] ("for"|"from") recipient | "revoke" recipient "from spending" token | …
 *   balance    := a question made of balance words, at most one token and a chain
 *   amount     := number [suffix] ["%"] ["of" ["my"]] | number-word | "all" | "half" | "everything"
 *   modifier   := ("on"|"via") chain | "locally" | slippage | "for me" | "please" | …
 *
 * Each production consumes only what it needs and leaves the rest to its caller, so a word that fits
 * nowhere is reported exactly where it stands.
 */
import { toChecksumAddress as checksumAddress, decimalPattern, percentPattern, type Intent } from '../../../kernel/core.js';
import { compareDecimal, divideDecimal, isZero, scaleDecimal } from './decimal.js';
import { damerauLevenshtein, nearest } from './distance.js';
import { quote, unparseable, type ExampleKey, type Span } from './errors.js';
import { intentErrorCodes, knownSymbols, stepOutput, tokenListChains } from '../../../kernel/core.js';

/** Venues that lend out what is supplied to them ("aave", "aave-v3"): liquidity given to them is a supply. */
const lendingVenues: readonly string[] = ['aave', 'compound', 'morpho', 'spark', 'euler', 'fluid'];
/** Nouns for a place funds go that are never a contact's name on their own: "to my wallet" says not which. */
const placeNouns: ReadonlySet<string> = new Set([
  'wallet', 'address', 'account', 'ledger', 'vault', 'safe', 'multisig', 'treasury', 'recipient', 'spender', 'following', 'other', 'ens', 'name',
  'addy', 'contract', 'acct', 'eoa', 'addr',
]);

/** Plural nouns that announce a list of recipients: "to each of these addresses: …". */
const listIntroNouns: ReadonlySet<string> = new Set([
  'addresses', 'wallets', 'recipients', 'people', 'accounts', 'friends', 'contacts', 'names', 'folks', 'users', 'members', 'persons', 'addys', 'payees',
]);

/** Field names of the recipient after the amount: "…, recipient: bob.eth", "…; destination: 0x…". */
const recipientFieldWords: readonly string[] = ['recipient', 'to', 'beneficiary', 'payee', 'receiver', 'destination', 'dest'];

/** "on any dex", "via the best venue", "through the cheapest route": no venue restriction at all. */
const anyVenuePhrases: readonly (readonly string[])[] = ['on', 'via', 'through', 'using', 'at'].flatMap((preposition) =>
  // "on a dex", "through the dex": one not named is no restriction either.
  [['any'], ['the', 'best'], ['the', 'cheapest'], ['whatever'], ['the', 'best-priced'], ['a'], ['an'], ['the']].flatMap((which) =>
    ['dex', 'venue', 'exchange', 'route', 'aggregator', 'market', 'protocol'].map((noun) => [preposition, ...which, noun]),
  ),
);

/** Words for what lending earns, and for the most of it: "the best yield", "the highest apy". */
const rateNouns: readonly string[] = ['yield', 'interest', 'apy', 'apr', 'rate', 'rates', 'return', 'returns', 'income', 'rewards'];
const superlatives: readonly string[] = ['most', 'best', 'highest', 'max', 'maximum', 'top', 'greatest', 'biggest', 'largest', 'better', 'more'];

/** "(withdraw all the USDC) I lent", "that I supplied", "I have deposited": where the funds are, said of the past. */
const lentClauses: readonly (readonly string[])[] = ['lent', 'supplied', 'deposited', 'loaned', 'parked', 'put', 'lent out'].flatMap((verb) => [
  ['that', 'i', ...verb.split(' ')], ['that', 'we', ...verb.split(' ')], ['i', 'have', ...verb.split(' ')], ["i've", ...verb.split(' ')], ['i', ...verb.split(' ')], ['we', ...verb.split(' ')],
]).sort((a, b) => b.length - a.length);

/** Every symbol of every token list: a symbol real somewhere is never taken for a slip of another. */
let everySymbol: ReadonlySet<string> | undefined;
import { refusal } from './errors.js';
import {
  actionNouns,
  directionVerbs,
  motionVerbs,
  throwVerbs,
  swapParticles,
  transferParticles,
  assistantNames,
  unsupportedVerbs,
  purposeNouns,
  foreignChains,
  foreignTokens,
  lightVerbs,
  phrasalPayVerbs,
  noteStarters,
  purposeVerbs,
  recipientNouns,
  stakingVenues,
  venueNouns,
  venuePhrases,
  approvalNouns,
  balanceMarkers,
  balanceWords,
  chainPhrases,
  chainWords,
  clauseJoiners,
  fuzzyVerbs,
  leadingFiller,
  nativeAliases,
  reservedWords,
  rewardNouns,
  tokenNouns,
  trailingFiller,
  preambleWords,
  tailWords,
  fuzzyFillerWords,
  unlimitedWords,
  verbs,
  type VerbKind,
} from './lexicon.js';
import type { Token } from './tokenize.js';
import { bareAmountIn, noteLabels, noteOpeners, reasonWords } from './asides.js';
import { notFillerSlips } from './politeAsking.js';
import { hashtagsAt, leadingAsideEnd, leadingIdNumber, leadingNoteLabel, leadingNoteOpener, noteChangesRequest, occasionNoun } from './noteRules.js';
import { stepOrderAfterSubordinator } from './stepOrder.js';
import { rateInBasisPoints, slippageBounds, slippageConsentLeads, slippageConsentTails, slippageLeads, slippageNounTails, slippageRateLeads, slippageWordLength } from './slippageWords.js';
import { modifierFieldAt } from './modifierFields.js';
import { inlineStepMarkAt } from './stepMarks.js';
import { objectlessStepEnds, outputAmountNouns, outputParticiples, startsOutputNoun } from './referenceWords.js';
import { gerundBase } from './gerunds.js';

/** Tail words that are filler only beside a stronger one ("appreciate it", "would ya"). */
const weakTailWords: ReadonlySet<string> = new Set(['it', 'you', 'u', 'would', 'will', 'could', 'much', 'very', 'so', 'in', 'a', 'lot', 'and', 'again', 'kind', 'best', 'x', 'pretty', 'now']);

/** Chains Lucid has a token list for; any other named chain is refused by name. */
const listedChains: ReadonlySet<string> = new Set(tokenListChains());

/** Most steps one sentence may hold (the schema's limit). */
export const maxSteps = 16;

/** Symbols the parser recognises, prepared once per list: lower-case spelling → the list's spelling. */
export type SymbolTable = { canonical: ReadonlyMap<string, string>; spellings: readonly string[] };

export function symbolTable(symbols: readonly string[]): SymbolTable {
  const canonical = new Map<string, string>();
  for (const symbol of symbols) if (!canonical.has(symbol.toLowerCase())) canonical.set(symbol.toLowerCase(), symbol);
  if (!canonical.has('eth')) canonical.set('eth', 'ETH');
  return { canonical, spellings: [...canonical.values()] };
}

/** What the productions read: the steps, the notes kept verbatim, and the spelling slips corrected. */
export type ParseTokensReturnType = { intents: Intent[]; notes: string[]; corrections: { from: string; to: string }[] };

/** Parses the tokens of `source` into intents (not yet schema-checked). */
export function parseTokens(source: string, tokens: readonly Token[], symbols: SymbolTable): ParseTokensReturnType {
  const parser = new Parser(source, currencyPrefixesLast(tokens), symbols);
  const intents = parser.sentence();
  return { intents, notes: parser.notes, corrections: parser.corrections };
}

/**
 * "Ξ0.5" and "Ξ 1.5k" are written currency-first; the grammar reads amount-then-token, so the sign moves
 * behind its amount (and its scale suffix). Positions stay the written ones for error carets.
 */
function currencyPrefixesLast(tokens: readonly Token[]): readonly Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length - 1; i++) {
    const sign = out[i]!;
    if (sign.kind !== 'word' || sign.lower !== 'ξ' || out[i + 1]!.kind !== 'number') continue;
    const amountEnd = out[i + 2]?.kind === 'suffix' ? i + 3 : i + 2;
    const amount = out.slice(i + 1, amountEnd);
    out.splice(i, amountEnd - i, ...amount, { ...sign, spaced: true });
    i = amountEnd - 1;
  }
  return out;
}

type Draft = { -readonly [K in keyof Intent]: Intent[K] };
/** An amount as read: a value, or a dollar value (`usd`), or a reference to the step before (`previous`). */
type Amount = { value: string; token: Token; usd?: boolean; resolvedToken?: string; reference?: { symbol?: string; same?: boolean } };

/**
 * The devnet venue a word is a keyboard slip of: two neighbouring letters swapped ("avae", "uniswpa"), a key
 * pressed twice ("aavee", "aaave") or, in a long name, one letter left out ("uniswp"). A changed letter is no
 * slip here ("dave" is a contact, not Aave).
 */
function venueSlip(word: string): string | undefined {
  const found = slipVenues.filter(
    (venue) =>
      (word.length === venue.length && isNeighbourSwap(word, venue)) ||
      (word.length === venue.length + 1 && [...word].some((c, i) => i > 0 && word[i - 1] === c && word.slice(0, i) + word.slice(i + 1) === venue)) ||
      (venue.length >= 6 && word.length === venue.length - 1 && [...venue].some((_, i) => venue.slice(0, i) + venue.slice(i + 1) === word)),
  );
  return found.length === 1 ? found[0] : undefined;
}
const slipVenues: readonly string[] = ['aave', 'uniswap'];

/** Short verbs a slip may still name when two neighbouring letters are swapped (other slips collide with words). */
const shortVerbs: readonly string[] = ['pay', 'buy', 'get', 'lend', 'take', 'send', 'swap', 'sell', 'wrap', 'move', 'give', 'claim'];

function isNeighbourSwap(word: string, verb: string): boolean {
  for (let i = 0; i < word.length - 1; i++)
    if (word[i] !== verb[i]) return word[i] === verb[i + 1] && word[i + 1] === verb[i] && word.slice(i + 2) === verb.slice(i + 2);
  return false;
}

/** The token an Aave receipt symbol stands for ("ausdc" → USDC), when the rest is a symbol of this chain. */
function receiptSymbol(word: string, symbols: SymbolTable): string | undefined {
  if (word.length < 4 || !word.startsWith('a') || symbols.canonical.has(word)) return undefined;
  const underlying = symbols.canonical.get(word.slice(1));
  return underlying === 'ETH' ? 'WETH' : underlying;
}

/** What a step leaves to the next one ("then send it"): the token it produces, if any (the kernel's one table). */
function outputOf(step: Draft): string | undefined {
  return stepOutput(step);
}

const separatorMarks = new Set([',', ';', '.', '!', '?']);
/** Subjects of a clause inside a note ("so I can use it on …"): what follows belongs to that clause. */
const noteSubjects: ReadonlySet<string> = new Set(['i', 'we', 'you', 'u', 'he', 'she', 'they', "i'll", "i'm", "we'll", "they'll"]);
/** Words that thank, closing a request: "thanks", "thx", "cheers", "regards". */
const thanksWords: ReadonlySet<string> = new Set(['thanks', 'thank', 'thx', 'thnx', 'thnks', 'thanx', 'ty', 'tysm', 'thankyou', 'cheers', 'regards']);
/** Words that go with them: "thank you so much", "many thanks", "thanks a lot". */
const thanksCompanions: ReadonlySet<string> = new Set(['many', 'you', 'u', 'so', 'much', 'a', 'lot', 'again', 'very', 'best', 'kind']);

/** Words after which a verb of the lexicon is a noun in an aside: "for a trade", "the refund". */
const noteDeterminers: ReadonlySet<string> = new Set(['a', 'an', 'the', 'my', 'his', 'her', 'our', 'their', 'your', 'this', 'that']);

/** Words that make a comma clause an aside rather than a bare name: "need it for rent", "she's my sister". */
const asideFunctionWords: ReadonlySet<string> = new Set([
  'for', 'it', 'my', 'his', 'her', 'their', 'our', 'the', 'of', 'because', 'since', 'so', 'a', 'an', 'he', 'she', 'they', 'we', 'i', 'me', 'him',
  'them', 'us', "it's", "he's", "she's", "they're", "i'm", 'is', 'was', 'owes', 'owe', "we're", "you're", "that's", 'its', 'this', 'that', 'no',
  'your', 'you',
  // "…, landlord only takes USDC": what a third party accepts or uses, a reason, not another step.
  'takes', 'accepts', 'uses', 'prefers',
]);

/** Names of a step, in "the DAI from that swap". */
const stepNouns: readonly string[] = ['swap', 'trade', 'step', 'conversion', 'exchange', 'unwrap', 'wrap', 'purchase', 'sale', 'one'];

/** Words that stress an amount said plainly: "exactly 5 DAI", "only 5 DAI". */
const exactAmountWords: readonly string[] = ['exactly', 'precisely', 'just', 'only'];

/** After "my"/"the", words for a whole balance: "my entire DAI balance", "the whole USDC". */
const wholeBalanceWords: readonly string[] = ['entire', 'whole', 'full', 'max', 'maximum'];

/** What may stand before a recipient who is the subject: "let carol have …", "make sure bob gets …". */
const subjectLeads: readonly (readonly string[])[] = [
  ['make', 'sure', 'that'], ['make', 'sure'], ['ensure', 'that'], ['ensure'], ['see', 'that'], ['see', 'to', 'it', 'that'], ['let'], ['have'],
  ['i', 'want'], ["i'd", 'like'], ['i', 'would', 'like'], ['id', 'like'], ['we', 'want'], ["we'd", 'like'], ['i', 'need'],
  ['can'], ['could'], ['may'],
];
/** Between the subject and "get": "should", "is to", "to", "should be" (then a participle). */
const subjectModals: readonly (readonly string[])[] = [
  ['should', 'be'], ['must', 'be'], ['shall', 'be'], ['needs', 'to', 'be'], ['is', 'to', 'be'], ['to', 'be'], ['should'], ['must'], ['shall'],
  ['shud'], ['shoud'], ['shld'], ['is', 'to'], ['are', 'to'], ['needs', 'to'], ['need', 'to'], ['has', 'to'], ['have', 'to'], ['to'],
];
const subjectVerbs: readonly (readonly string[])[] = [
  ['gets'], ['get'], ['receives'], ['receive'], ['recieves'], ['recieve'], ['is', 'getting'],
];
/** What a permission is called when it is given: "permission to spend", "access to", "the ok to". */
const permissionNouns: readonly (readonly string[])[] = [
  ['spending', 'permission'], ['spending', 'rights'], ['permission'], ['permissions'], ['permision'], ['permisson'], ['access'], ['the', 'ok'],
  ['the', 'okay'], ['the', 'go-ahead'], ['the', 'go', 'ahead'], ['the', 'green', 'light'], ['rights'], ['the', 'right'], ['clearance'], ['authorization'], ['authorisation'],
];
/** A spender's contract named after its protocol: "uniswap's router", "the uniswap router". */
const spenderNouns: readonly (readonly string[])[] = [['router'], ['contract'], ['spender'], ['protocol']];
/** Leads that ask whether the subject may have it: "can bob have 5 DAI", "could alice get 3 USDC from me". */
const askingLeads: readonly string[] = ['can', 'could', 'may'];
/** A want or a debt told of the subject: a request only with a command to pay after ("bob needs 5 DAI, send it"). */
const subjectWants: readonly (readonly string[])[] = [['needs'], ['wants'], ['deserves'], ['is', 'owed'], ['is', 'due'], ['should', 'have']];
const subjectBaseVerbs: readonly (readonly string[])[] = [['have'], ['get'], ['receive'], ['recieve'], ['keep']];
const subjectPassives: readonly (readonly string[])[] = [['sent'], ['paid'], ['given'], ['transferred'], ['transfered']];

class Parser {
  private pos = 0;
  readonly notes: string[] = [];
  readonly corrections: { from: string; to: string }[] = [];
  /** The steps of the clause before this one (several for a list): what "it", "that", "the same" refer to. */
  private lastGroup: Draft[] = [];
  /** Lending steps that asked for wherever it earns most: a venue named by a later step of the list is not theirs. */
  private readonly anywhereSteps = new WeakSet<Draft>();
  /** The verb of the step being read, as written ("chuck"), for the prepositions only some verbs take ("chuck 10 DAI at bob"). */
  private verbWord: string | undefined;
  /** Whether the clause before was a transfer read recipient-first ("pay bob 3 DAI"): "and carol 2 DAI" may follow. */
  private lastRecipientFirst = false;
  /** Whether the clause before left its verb out (a list's tail): then "it" could mean more than one step. */
  private lastVerbless = false;
  /**
   * The steps joined to the clause before by "and" or a comma, back to the last "then", "after that" or full
   * stop, that one included: "it" after "wrap 1 ETH and swap 10 DAI for USDC, then" could mean either output.
   */
  private lastRun: Draft[] = [];
  private verbless = false;
  /** A token a reference resolved, for productions that read the token after the amount. */
  private pendingToken: string | undefined;
  /** While a withdrawal reads its token, "aUSDC" stands for USDC in Aave (`receiptSeen` says one was read). */
  private receiptTokens = false;
  private receiptSeen = false;
  /** The thanks that closed a step ("… to alice thanks", "…\nThanks,"): no step may follow a closing. */
  private closedBy: Token | undefined;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly symbols: SymbolTable,
  ) {}

  // ---------------------------------------------------------------- sentence and clauses

  sentence(): Intent[] {
    this.joiner();
    if (this.atEnd())
      throw unparseable(this.source, undefined, this.source.trim() ? 'nothing to do: the input has only punctuation' : 'nothing to do: the input is empty', [
        'swap',
        'transfer',
      ]);
    const intents: Draft[] = [];
    // Where the run of steps joined by bare "and" or commas that holds the current clause starts.
    let runStart = 0;
    for (;;) {
      if (intents.length >= maxSteps)
        throw this.fail(this.peek(), `too many steps: at most ${maxSteps} in one sentence`, 'multi');
      const group = this.clause(intents[intents.length - 1]);
      intents.push(...group);
      this.lastGroup = group;
      this.lastRun = intents.slice(runStart);
      this.lastVerbless = this.verbless;
      if (intents.length > maxSteps) throw this.fail(this.peek(), `too many steps: at most ${maxSteps} in one sentence`, 'multi');
      if (this.atEnd()) break;
      const previous = intents[intents.length - 1]!;
      let joined = this.joiner();
      if (!joined) throw this.unexpected(this.peek()!, previous.action);
      while (joined.comma && this.modifiersAll(group)) {
        // "swap 1 ETH for USDC, 1% slippage, on base": each comma introduced more about the same step.
        if (this.atEnd()) break;
        joined = this.joiner();
        if (!joined) throw this.unexpected(this.peek()!, previous.action);
      }
      // "then", "after that", a full stop: the next clause starts a run of its own.
      if (!joined.weak) runStart = intents.length;
      if (this.onlyThanksLeft()) break;
      this.refuseStepAfterClosing();
      // "send 5 USDC to carol.eth, after lunch": a time after the joiner, not a step nor an aside.
      this.refuseTimeClause(this.pos);
      // "…, it's for lunch" or "… to dave.eth. It's my share of the airbnb.": a closing aside, kept as a note.
      if ((joined.comma || joined.stop) && this.commaAside()) break;
      if (this.atEnd()) {
        if (joined.dangling) throw this.fail(joined.dangling, `${quote(joined.dangling.text)} at the end: what should happen next?`, 'multi');
        break;
      }
      if (joined.weak && !this.startsClause())
        throw this.fail(
          this.peek(),
          `${quote(joined.weak.text)} before ${quote(this.peek()!.text)} is ambiguous: give each step its own verb`,
          'multi',
        );
    }
    return intents;
  }

  /**
   * "…, need it for rent", "…, reimbursement for the taxi": after the last step and a comma, a clause to the
   * end that asks nothing is an aside, kept as a note. It has no verb of the lexicon, no amount, token or
   * address, and at least one function word (so a bare name like ", alice too" is not taken for one). An
   * aside that names an amount of a token is refused as ambiguous: it might be meant as the amount.
   */
  private commaAside(): boolean {
    const start = this.pos;
    // "…, same for bob", "…, do the same for carol": the step again, for someone else.
    if (this.startsSameReferenceAt(start) || (this.isWord(this.tokens[start], 'do') && this.startsSameReferenceAt(start + 1))) return false;
    let k = start;
    let functionWord = false;
    let amountAt: Token | undefined;
    // "…, memo: groceries", ". Reason: refund for …": a note's label and its colon (./asides.ts).
    const labelled = this.tokens[k]?.kind === 'word' && noteLabels.has(this.tokens[k]!.lower) && this.isPunct(this.tokens[k + 1], ':');
    if (labelled) k += 2;
    // "…, need native ETH for gas", "…, landlord only takes USDC": a token named with no amount is part of the aside,
    // but not one that adds to the request ("…, ETH too", "…, also DAI").
    let token = false;
    while (k < this.tokens.length) {
      const t = this.tokens[k]!;
      if (t.kind === 'punct' && ['.', '!', '?', 'emoji'].includes(t.value)) break;
      // ":)", ":(": a face after the aside, like an emoji.
      if (this.isPunct(t, ':') && (this.isPunct(this.tokens[k + 1], ')') || this.isPunct(this.tokens[k + 1], '(')) && k + 2 === this.tokens.length) break;
      if (t.kind === 'number' || t.kind === 'numberWord') {
        if (this.tokens[k + 1]?.kind === 'word' && this.symbolOf(this.tokens[k + 1]!) !== undefined) amountAt ??= t;
        else if (!bareAmountIn(this.tokens, Math.max(start, k - 1), k + 2, (w) => this.symbolOf(w) !== undefined) || amountAt) {
          // "…, owe you one", "…, for 2 pizzas": a number that is no amount.
        } else amountAt = t;
      } else if (t.kind === 'word') {
        if (this.symbolOf(t) !== undefined) token = true;
        // "…, need WETH for a trade", ". Reason: the refund …": after a determiner a verb's word is a noun.
        // (". Reason: refund for the order": after a note's label, a verb's word before "for" or "of" names a thing.)
        const noun = (k > start && noteDeterminers.has(this.tokens[k - 1]!.lower)) || (labelled && this.isWord(this.tokens[k + 1], 'for', 'of'));
        if (verbs.has(t.lower) && verbs.get(t.lower) !== 'balance' && !noun) return false;
        if (this.isWord(t, 'too', 'also', 'plus', 'and', 'aswell', 'instead')) return false;
        if (asideFunctionWords.has(t.lower)) functionWord = true;
      } else if (t.kind !== 'punct' || ![',', "'", '-'].includes(t.value)) return false;
      k++;
    }
    if (token && (k - start < 3 || this.symbolOf(this.tokens[labelled ? start + 2 : start]!) !== undefined)) return false;
    // A closing sentence that asks nothing needs no function word ("… to dave. Taxi fare.").
    // After a comma, two words or more with no token are an aside too ("…, birthday present"): a list of names
    // goes on with one word, a list mark or "and" ("…, bob and carol", "…, bob too").
    if (k - start < 2 || (!functionWord && token && !labelled)) return false;
    // Only marks may follow the aside.
    for (let m = k; m < this.tokens.length; m++) if (this.tokens[m]!.kind !== 'punct') return false;
    if (amountAt) throw this.ambiguous(amountAt, `the aside ${quote(this.source.slice(this.tokens[start]!.start, this.tokens[k - 1]!.end))} names an amount: say the amount in the request itself`);
    // "…, carol only", "…, only bob": a short aside with a word that restricts may be meant to change who or what
    // the step is for, not to comment on it.
    const asideWords = this.tokens.slice(start, k).filter((t) => t.kind === 'word');
    const restricting = asideWords.find((t) => ['only', 'solely', 'exclusively'].includes(t.lower));
    if (restricting && asideWords.length < 3) throw this.ambiguous(restricting, `the aside ${quote(this.source.slice(this.tokens[start]!.start, this.tokens[k - 1]!.end))} may change the request: say who or what the step is for in the request itself`);
    // "…, it's for lunch after the gym": a time in the aside is not a note to act past.
    for (let i = start; i < k; i++) this.refuseTimeClause(i);
    this.refuseNoteChange(start, k);
    this.notes.push(this.source.slice(this.tokens[labelled ? start + 2 : start]!.start, this.tokens[k - 1]!.end).trim());
    this.pos = this.tokens.length;
    return true;
  }

  /**
   * "send 5 DAI to alice\nThanks,\nand send all my ETH to bob": thanks close a request; a step after them may be a
   * line someone added under the message, so it is not read on as a request. Thanks at the very end stay filler.
   */
  private refuseStepAfterClosing(): void {
    let k = this.pos;
    let said: Token | undefined;
    while (this.tokens[k]?.kind === 'word' && (thanksWords.has(this.tokens[k]!.lower) || thanksCompanions.has(this.tokens[k]!.lower))) {
      if (thanksWords.has(this.tokens[k]!.lower)) said ??= this.tokens[k];
      k++;
    }
    const thanks = said ?? this.closedBy;
    if (!thanks || k >= this.tokens.length) return;
    throw this.ambiguous(thanks, `a request after the closing ${quote(thanks.text)}: put every step before the thanks, in one message`);
  }

  /** "… for me. Thanks!": politeness after the last clause ends the sentence. */
  private onlyThanksLeft(): boolean {
    const save = this.pos;
    let any = false;
    while (this.acceptPhrase(trailingFiller) || this.acceptPunct('emoji') || this.acceptPunct(')')) {
      any = true;
      this.joiner();
    }
    if (any && this.atEnd()) return true;
    if (this.onlyFillerFrom(this.pos)) {
      this.pos = this.tokens.length;
      return true;
    }
    this.pos = save;
    return false;
  }

  /** Consumes clause joiners; undefined when there were none. `weak` is a bare "and"/"," (may be a list). */
  private joiner(): { weak?: Token; dangling?: Token; comma: boolean; stop: boolean } | undefined {
    let any = false;
    let stop = false;
    let weak: Token | undefined;
    let dangling: Token | undefined;
    let comma = false;
    let onlyComma = true;
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'punct' && separatorMarks.has(t.value)) {
        this.pos++;
        any = true;
        if (t.value === ',') {
          comma = true;
          weak ??= t;
        } else if (t.value !== '.' && t.value !== '!' && t.value !== '?') {
          weak = undefined;
        }
        if (t.value !== ',') onlyComma = false;
        // "Can you send 50 USDC to alice? It's for the tickets.": a question's mark ends the sentence too.
        if (t.value === '.' || t.value === '!' || t.value === '?') stop = true;
        continue;
      }
      // "1) send 3 USDC to carol 2) send 4 USDC to dave": the next step's number, like a new line.
      const after = this.peek(2);
      // "1. … 2. …" inline, the same with a full stop after the number.
      // Round 9: "2 - send …", "2/ send …", "#2 send …", "step two send …" (./stepMarks.ts).
      const marked = this.pos > 0 ? inlineStepMarkAt(this.tokens, this.pos, (w) => w.kind === 'word' && this.verbOf(w) !== undefined) : 0;
      if (marked || (this.pos > 0 && t?.kind === 'number' && (this.isPunct(this.peek(1), ')') || this.isPunct(this.peek(1), '.')) && after?.kind === 'word' && this.verbOf(after) !== undefined)) {
        this.pos += marked || 2;
        any = true;
        onlyComma = false;
        weak = undefined;
        stop = true;
        continue;
      }
      // "wrap 1 eth -> swap 1 weth for usdc": an arrow before a verb orders steps like "then" (./stepOrder.ts).
      if (this.pos > 0 && this.isPunct(t, '->') && this.peek(1)?.kind === 'word' && this.verbOf(this.peek(1)!) !== undefined) {
        this.pos++;
        any = true;
        onlyComma = false;
        weak = undefined;
        stop = false;
        continue;
      }
      const start = this.pos;
      const phrase = this.acceptPhrase(clauseJoiners);
      // "once done" joins only when a step follows; at the end it stays a time clause, refused as one.
      if (phrase?.includes('once')) {
        const verb = this.isPunct(this.peek(), ',') ? this.peek(1) : this.peek();
        if (verb?.kind !== 'word' || this.verbOf(verb) === undefined) {
          this.pos = start;
          this.refuseTimeClause(start + phrase.indexOf('once'));
          break;
        }
      }
      if (phrase) {
        any = true;
        onlyComma = false;
        stop = false;
        dangling = this.tokens[start];
        if (phrase.length === 1 && phrase[0] === 'and') weak ??= this.tokens[start];
        else weak = undefined;
        continue;
      }
      break;
    }
    if (!any) return undefined;
    return { ...(weak ? { weak } : {}), ...(dangling ? { dangling } : {}), comma: comma && onlyComma, stop };
  }

  /** Whether a clause could start here (after filler): a verb, an amount, a token, or "on <chain>". */
  private startsClause(): boolean {
    const save = this.pos;
    this.leadingFiller();
    const t = this.peek();
    const result =
      t !== undefined &&
      (this.subjectFrameAhead() ||
        this.startsAmount(t) ||
        this.startsReference(t) ||
        (this.lastGroup[0]?.action === 'transfer' && (this.isWord(t, 'to') || (this.lastRecipientFirst && this.isRecipientLike(t)))) ||
        (t.kind === 'word' &&
          (this.verbOf(t) !== undefined ||
            t.lower === 'on' ||
            (this.symbolOf(t) !== undefined && this.peek(1)?.kind === 'word' && balanceWords.has(this.peek(1)!.lower)))));
    this.pos = save;
    return result;
  }

  /**
   * One clause: usually one step, several for a list ("send 2 DAI each to alice and bob"). After a transfer,
   * a clause may leave the verb out: "send 10 USDC to bob and 5 DAI to carol", "pay bob 3 DAI and carol 2".
   */
  private clause(previous?: Draft): Draft[] {
    this.leadingFiller();
    if (previous === undefined && this.leadingAside()) this.leadingFiller();
    let chain: { chain: string; token: Token } | undefined;
    let venue: string | undefined;
    // "do it on the v2-fork: swap …", "switch to base and send …": the place first, then the request.
    if (this.isWord(this.peek(), 'do') && this.isWord(this.peek(1), 'it', 'this') && this.isWord(this.peek(2), 'on', 'via', 'using', 'through', 'in') && (this.venueAt(this.pos + 3) || this.chainAt(this.pos + 3))) this.pos += 2;
    if (this.isWord(this.peek(), 'switch', 'change') && this.isWord(this.peek(1), 'to', 'over')) {
      const at = this.pos;
      this.pos += this.isWord(this.peek(2), 'to') ? 3 : 2;
      this.refuseForeignChain(true);
      if (!this.chainAt(this.pos)) this.pos = at;
      else {
        chain = this.chainPhrase()!;
        this.checkListed(chain);
        this.acceptWord('and', 'then');
        this.acceptPunct(',');
        this.acceptWord('then');
        this.leadingFiller();
      }
    }
    if (!chain && this.isWord(this.peek(), 'on', 'in', 'via', 'using', 'through') && this.chainAt(this.pos + 1)) {
      this.pos++;
      chain = this.chainPhrase()!;
      this.checkListed(chain);
      this.acceptPhrase([['please'], ['pls'], ['plz']]);
      this.acceptPunct(',') || this.acceptPunct(':');
      this.leadingFiller();
    } else if (!chain && this.chainLabelAt(this.pos)) {
      // Round 9: "base: swap 1 ETH for USDC", "mainnet - send 5 DAI to bob": the chain as a label, like "aave: …".
      chain = this.chainPhrase()!;
      this.checkListed(chain);
      this.pos++;
      this.leadingFiller();
    } else if (this.isWord(this.peek(), 'on', 'via', 'using', 'through', 'with') && this.venueAt(this.pos + 1)) {
      // "On Uniswap, sell 100 USDC for DAI", "on uniswap pls: 20 USDC to LUCID".
      this.pos++;
      venue = this.venuePhrase()!;
      this.acceptPhrase([['please'], ['pls'], ['plz']]);
      this.acceptPunct(',') || this.acceptPunct(':');
      this.leadingFiller();
    } else if (this.venueBeforeVerbAt(this.pos)) {
      // "aave deposit 40 USDC": the place named first, as a label without its colon.
      venue = this.venuePhrase()!;
    } else if (this.venueLabelAt(this.pos)) {
      // "aave: supply 25 DAI".
      venue = this.venuePhrase()!;
      this.acceptPunct(':');
      this.leadingFiller();
    } else if (this.isWord(this.peek(), 'use') && this.venueAt(this.pos + 1)) {
      // "use uniswap to swap 0.4 ETH for USDC".
      this.pos++;
      venue = this.venuePhrase()!;
      if (!this.acceptWord('to', 'for')) throw this.expected('"to" and what to do on it', 'swap');
    }
    // "set slippage to 1% and swap …": the bound set first, as an instruction. ("with 5% slippage, swap …" stays
    // unread, as round 4 decided: an aside before the request, not a setting.)
    let leadingSlippage: { bps: number; token: Token } | undefined;
    if (previous === undefined && this.isWord(this.peek(), 'set') && this.isSlippageWord(this.peek(1))) {
      const save = this.pos;
      const said = this.slippage();
      if (said && (this.acceptPunct(',') || this.acceptPunct(':') || this.acceptWord('and', 'then'))) {
        this.acceptWord('then');
        this.leadingFiller();
        leadingSlippage = said;
      } else this.pos = save;
    }
    const t = this.peek();
    if (!t) throw this.fail(undefined, 'nothing to do: say what should happen', 'multi');
    let drafts: Draft[];
    this.lastRecipientFirst = false;
    const afterTransfer = previous?.action === 'transfer' && this.lastGroup.every((step) => step.action === 'transfer');
    this.verbless = true;
    if (afterTransfer && this.isWord(t, 'to') && this.isRecipientLike(this.peek(1))) {
      // "send to alice.eth 5 DAI and to bob.eth 10 DAI".
      this.pos++;
      drafts = this.transfer();
    } else if (afterTransfer && this.startsPlainAmount(t)) drafts = this.transfer();
    else if (afterTransfer && this.isRecipientLike(t) && this.recipientFirstFollows()) drafts = this.transfer();
    else if ((previous?.action === 'supply' || previous?.action === 'withdraw') && this.startsPlainAmount(t)) {
      // "earn interest on 500 USDC and 100 DAI", "supply 100 USDC and 50 DAI to aave": the verb shared by the list;
      // a venue named once, at either end, is the list's.
      const draft = this.deposit(previous.action, undefined);
      if (draft.action === previous.action) {
        if (draft.venue === undefined && previous.venue !== undefined && !this.anywhereSteps.has(draft)) draft.venue = previous.venue;
        if (draft.venue !== undefined) for (const step of this.lastGroup) if (step.action === draft.action && step.venue === undefined && !this.anywhereSteps.has(step)) step.venue = draft.venue;
      }
      drafts = [draft];
    }
    else if (this.startsPlainAmount(t)) drafts = [this.swapBody('swap', true)];
    // "usdc 100 -> dai": a terse swap with the token named before its amount, only with an arrow.
    else if (t.kind === 'word' && this.symbolOf(t) !== undefined && this.peek(1)?.kind === 'number' && (this.isPunct(this.peek(2), '->') || this.isPunct(this.peek(2), '>')))
      drafts = [this.swapBody('swap', true)];
    else if (afterTransfer && this.startsSameReference()) drafts = this.transfer();
    else if (afterTransfer && this.isWord(t, 'do') && this.startsSameReferenceAt(this.pos + 1)) {
      // "send 5 DAI to alice and do the same for bob".
      this.pos++;
      drafts = this.transfer();
    }
    else if ((drafts = this.subjectFrame() ?? []).length) this.verbless = false;
    else {
      this.verbless = false;
      const noun = this.actionNoun();
      const verb = noun ?? (t.kind === 'word' ? this.verbOf(t) : undefined);
      if (noun === undefined && (this.isWord(t, 'split', 'divide') || (this.isWord(t, 'distribute') && this.sharedAmongAhead()))) drafts = this.split();
      else
      if (noun === undefined && verb === undefined && t.kind === 'word' && this.symbolOf(t) !== undefined) drafts = this.balance();
      else if (verb === undefined) throw this.unknownAction(t);
      else drafts = this.action(verb, noun === undefined ? t : undefined);
    }
    for (const draft of drafts) {
      if (chain) draft.chain = chain.chain;
      if (venue) this.setVenue(draft, venue, t);
      if (leadingSlippage) {
        if (draft.action !== 'swap') throw this.fail(leadingSlippage.token, `slippage only applies to swaps, not to ${draft.action}`, 'swap');
        draft.slippageBps = leadingSlippage.bps;
      }
    }
    this.modifiersAll(drafts);
    return drafts;
  }

  /**
   * Before the first step, a short clause up to a comma that asks nothing: a purpose ("for gas money, send …")
   * or an aside ("im new here, can i swap …", "i am from brazil, i want …"). Kept as a note. Only words that
   * carry no part of a request qualify: no amount, token, address, place, verb or slippage, and a step with a
   * verb must follow.
   */
  private leadingAside(): boolean {
    const start = this.pos;
    this.refuseTimeClause(start);
    let k = start;
    // "to cover gas, send bob 0.01 ETH": a purpose of "to" and a purpose verb (./lexicon.ts `purposeVerbs`).
    if (this.isWord(this.tokens[k], 'to') && this.tokens[k + 1]?.kind === 'word' && purposeVerbs.has(this.tokens[k + 1]!.lower)) k += 2;
    // "Memo: utilities. Transfer …", "ref: INV-2041, pay …": a note's label first; the note is what follows it.
    const labelled = leadingNoteLabel(this.tokens, k);
    const opened = labelled ? 0 : leadingNoteOpener(this.tokens, k);
    k += labelled + opened;
    while (k < this.tokens.length && k - start < 8 + labelled + opened) {
      const t = this.tokens[k]!;
      // "re: invoice 1187 - pay …", "ticket #4471, send …": a number that identifies, never one that could be the amount.
      if (leadingIdNumber(this.tokens, start, k, (w) => this.symbolOf(w) !== undefined)) {
        k++;
        continue;
      }
      if (t.kind === 'punct') break;
      // "Birthday gift, send …": an occasion's noun before a verb's word makes it a noun.
      if (occasionNoun(this.tokens, start, k)) {
        k++;
        continue;
      }
      if (t.kind !== 'word' || this.symbolOf(t) !== undefined || (this.verbOf(t) !== undefined && !(k > start && noteDeterminers.has(this.tokens[k - 1]!.lower))) || this.isSlippageWord(t) || unlimitedWords.has(t.lower)) return false;
      // "On behalf of my employer, please send …": whom the payment is for, not a place.
      const behalf = k === start && this.isWord(t, 'on') && this.isWord(this.tokens[k + 1], 'behalf') && this.isWord(this.tokens[k + 2], 'of');
      if (!behalf && (this.venueAt(k) || this.chainAt(k) || foreignChains.has(t.lower) || this.isWord(t, 'to', 'with', 'on', 'via', 'using', 'through', 'into', 'and', 'then', 'each', 'all', 'half', 'every'))) return false;
      // "from my savings, …" names where funds come from, which is not a note to drop.
      const next = this.tokens[k + 1];
      if (this.isWord(t, 'from') && (this.isWord(next, 'my', 'our', 'the', 'this', 'that', 'his', 'her') || (next?.kind === 'word' && recipientNouns.has(next.lower)))) return false;
      k++;
    }
    const end = this.tokens[k];
    // "For the rent: send …": a purpose before a colon, when it opens with a word of purpose (a label is skipped elsewhere).
    const colon = this.isPunct(end, ':') && this.tokens[start]?.kind === 'word' && (noteStarters.has(this.tokens[start]!.lower) || reasonWords.has(this.tokens[start]!.lower));
    // "for groceries — send …", "Birthday gift 🎁 send …": a dash set off by spaces or an emoji ends the aside too.
    const set = leadingAsideEnd(this.tokens, k);
    if (k === start + labelled + opened || k - start >= 8 + labelled + opened || !end || end.kind !== 'punct' || !([',', '.', '!'].includes(end.value) || colon || set)) return false;
    const words = this.tokens.slice(start + labelled, k);
    if (words.every((t) => preambleWords.has(t.lower) || tailWords.has(t.lower))) return false;
    let after = k;
    while (this.tokens[after]?.kind === 'punct' && ([',', '.', '!', ':'].includes(this.tokens[after]!.value) || leadingAsideEnd(this.tokens, after))) after++;
    const save = this.pos;
    this.pos = after;
    this.leadingFiller();
    const next = this.peek();
    const verb = next?.kind === 'word' && this.verbOf(next) !== undefined && verbs.get(next.lower) !== 'balance';
    this.pos = save;
    if (!verb) return false;
    // "im free after lunch, …": a time or condition anywhere in the aside is not a note to act past.
    for (let i = start; i < k; i++) this.refuseTimeClause(i);
    this.refuseNoteChange(start, k);
    this.notes.push(this.source.slice(words[0]!.start, words[words.length - 1]!.end));
    this.pos = after;
    return true;
  }

  /** Whether a venue's name stands here followed by a verb that takes a venue ("aave deposit 40 USDC"). */
  private venueBeforeVerbAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.venuePhrase() !== undefined && this.peek()?.kind === 'word' && ['supply', 'deposit', 'withdraw', 'redeem', 'stake', 'unstake', 'swap', 'sell', 'buy'].includes(verbs.get(this.peek()!.lower) ?? '');
    this.pos = save;
    return found;
  }

  /** Whether a venue's name stands here followed by a colon, as a label ("aave: supply 25 DAI"). */
  private venueLabelAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.venuePhrase() !== undefined && this.isPunct(this.peek(), ':');
    this.pos = save;
    return found;
  }

  /**
   * "make a payment of", "carry out a trade of", "requesting a swap of", "do a conversion of": a light verb,
   * an article and an action noun, consumed; returns the verb the noun stands for. Consumes nothing otherwise.
   */
  private actionNoun(): VerbKind | undefined {
    const save = this.pos;
    const light = this.acceptPhrase(lightVerbs);
    this.acceptWord('a', 'an', 'the') || (light && this.acceptWord('some'));
    const t = this.peek();
    const kind = t?.kind === 'word' ? actionNouns.get(t.lower) : undefined;
    const next = this.peek(1);
    // "swap 1 ETH", "transfer 5 DAI": a bare noun that is also a verb stays a verb unless a light verb came first.
    if (kind && (light || this.isWord(next, 'of', 'from')) && !(['deposit', 'withdraw'].includes(t!.lower) && !light && !this.isWord(next, 'of'))) {
      this.pos++;
      // Round 9: "place a swap order for 1 ETH …", "initiate a transfer for 5 DAI …": after a light verb, a noun of the
      // request ("order", "request") and "for" before the amount join the noun to its object as "of" does.
      if (light) {
        if (this.isWord(this.peek(), 'order', 'request') && this.isWord(this.peek(1), 'of', 'for')) this.pos++;
        const amount = this.peek(1);
        if (this.isWord(this.peek(), 'for') && (amount?.kind === 'number' || amount?.kind === 'numberWord')) this.pos++;
      }
      this.acceptWord('of', 'from');
      this.acceptPunct(':');
      return kind;
    }
    // "do swap 1 ETH to DAI", "make swap …": a light verb before a plain verb is only its frame.
    if (light && t?.kind === 'word' && verbs.has(t.lower) && !['do', 'make', 'send'].includes(t.lower) && light[0] !== 'send') return undefined;
    this.pos = save;
    return undefined;
  }

  private action(verb: VerbKind, t: Token | undefined): Draft[] {
    if (verb === 'balance' && t && !verbs.has(t.lower) && ['check', 'show', 'display', 'view'].includes(this.fuzzyVerb(t) ?? '')) {
      // "chek my balance": the slip is corrected and the question read.
      this.noteCorrection(t, verb);
      this.pos++;
      return this.balance();
    }
    if (verb === 'balance' || (t && t.lower === 'give' && this.isWord(this.peek(1), 'me') && !this.startsPlainAmount(this.peek(2) ?? t))) return this.balance();
    if ((verb === 'get' || verb === 'withdraw') && t && ['get', 'withdraw', 'retrieve'].includes(t.lower)) {
      // Round 7: "get my rewards", "withdraw my staking rewards": taking rewards is claiming them.
      this.pos++;
      const rewards = this.rewardObjectAhead();
      this.pos--;
      if (rewards) {
        this.pos++;
        this.acceptWord('in', 'out');
        return [this.claim()];
      }
    }
    if (verb === 'get' && t && this.getsToSomeone()) {
      // "get 5 DAI to bob": getting funds to a person is sending them.
      this.pos++;
      return this.transfer();
    }
    if (verb === 'get' && t && this.yieldObjectAt(this.pos + (this.isWord(this.peek(1), 'me') ? 2 : 1))) {
      // "get (me) the best yield on my USDC": earning on it is supplying it.
      this.pos += this.isWord(this.peek(1), 'me') ? 2 : 1;
      return [this.deposit('supply', { ...t, lower: 'earn' })];
    }
    if (verb === 'get' && t && this.venueSourceAhead() && !this.isWord(this.peek(1), 'me')) {
      // "get my 50 DAI back from aave", "get my USDC back out of aave".
      this.pos++;
      return [this.deposit('withdraw', t)];
    }
    if (verb === 'get' && t) {
      const next = this.isWord(this.peek(1), 'me') ? this.peek(2) : this.peek(1);
      const after = this.isWord(this.peek(1), 'me') ? this.peek(3) : this.peek(2);
      const buys = next && (this.startsAmount(next) || this.isWord(next, 'exactly') || (this.symbolOf(next) !== undefined && this.isWord(after, 'with', 'for', 'using')) ||
        // Round 7: "get me some USDC with 1 ETH": "some" marks the token bought, the amount is the one paid.
        (this.isWord(next, 'some') && after !== undefined && this.symbolOf(after) !== undefined && this.isWord(this.tokens[this.indexOf(after) + 1], 'with', 'using')));
      if (!buys) return this.balance();
    }
    this.verbWord = t?.lower;
    if (t) {
      this.pos++;
      this.noteCorrection(t, verb);
      // "Send please 5 USDC to bob": politeness right after the verb; "swap: 1 ETH -> USDC": a colon.
      this.acceptPhrase([['please'], ['pls'], ['plz'], ['kindly'], ['for', 'me'], ['quickly']]);
      this.acceptPunct(':');
      this.listHeader();
    }
    // "grab my rewards", "redeem my LUCID rewards", "cash in my rewards": taking rewards is claiming them.
    if (t && ['buy', 'redeem', 'swap', 'withdraw'].includes(verb) && ['grab', 'redeem', 'cash', 'pick', 'take', 'pull'].includes(t.lower) && this.rewardObjectAhead()) {
      this.acceptWord('in', 'up', 'out');
      return [this.claim()];
    }
    // "take away the DAI approval from uniswap", "pull uniswap's approval on DAI": taking an approval back revokes it.
    if (t && verb === 'withdraw' && ['take', 'pull'].includes(t.lower) && this.isApprovalAhead()) {
      this.acceptWord('away', 'back', 'off');
      return this.withMoreTokens(this.revoke());
    }
    switch (verb) {
      case 'transfer':
        // "chip in 10 USDC", "cough up 5 DAI": these verbs pay only with their particle.
        if (t && phrasalPayVerbs.has(t.lower) && !this.acceptWord(...phrasalPayVerbs.get(t.lower)!))
          throw this.expected(`${quote(phrasalPayVerbs.get(t.lower)![0]!)} and an amount`, 'transfer');
        // "hand over", "pass along", "fire off", "pass on 9 DAI" (on only before an amount: "send on base …" names a chain).
        this.acceptWord(...transferParticles) || (this.isWord(this.peek(), 'on') && this.peek(1) !== undefined && this.startsAmount(this.peek(1)!) && this.acceptWord('on'));
        // Round 7: "send back 4 USDC to alice", "pay back alice.eth 7 DAI": giving back is giving.
        if (this.isWord(this.peek(), 'back') && this.peek(1) !== undefined && (this.startsPlainAmount(this.peek(1)!) || this.isRecipientLike(this.peek(1)))) this.pos++;
        if (this.isWord(this.peek(), 'up')) this.pos++; // "top up alice.eth with 0.05 ETH" (top is not a verb alone)
        return this.transfer();
      case 'swap':
      case 'sell':
        // "route 5 USDC to alice.eth": a verb of direction with a person after "to" pays them.
        if (t && directionVerbs.has(t.lower) && this.recipientAfterToAhead()) return this.transfer();
        // "cash out my USDC from aave": out of a lending venue is a withdrawal.
        if (t && t.lower === 'cash' && this.venueSourceAhead()) return [this.deposit('withdraw', t)];
        // "ape into LUCID with 1 ETH": into the token bought, paid with what follows "with".
        if (t && t.lower === 'ape' && this.isWord(this.peek(), 'into', 'in') && this.peek(1)?.kind === 'word' && this.symbolOf(this.peek(1)!) !== undefined && this.isWord(this.peek(2), 'with', 'using')) {
          this.pos++;
          return this.buy(t);
        }
        // "swap out of 100 USDC into DAI", "trade in 50 LUCID for USDC", "dump off …".
        if (!this.venueAt(this.pos + 1) && !this.chainAt(this.pos + 1)) this.acceptPhrase([['out', 'of']]) || this.acceptWord(...swapParticles);
        return [this.swapBody(verb)];
      case 'buy':
      case 'get':
        // "pick up 5 LUCID using DAI".
        if (t?.lower === 'pick' && !this.acceptWord('up')) throw this.expected('"up" and what to buy', 'swap');
        // "load up on DAI with 1 ETH".
        if (t?.lower === 'load' && !(this.acceptWord('up') && (this.acceptWord('on') || true))) throw this.expected('"up on" and what to buy', 'swap');
        return this.buy(t ?? this.tokens[this.pos - 1]!);
      case 'wrap':
      case 'unwrap':
        return [this.wrap(verb, t ?? this.tokens[this.pos - 1]!)];
      case 'stake':
      case 'unstake':
        return [this.stake(verb)];
      case 'claim':
        return [this.claim()];
      case 'approve':
      case 'allow':
      case 'grant':
        return this.withMoreTokens(this.approve());
      case 'revoke':
        return this.withMoreTokens(this.revoke());
      case 'remove':
        return this.isApprovalAhead() ? this.withMoreTokens(this.revoke()) : [this.deposit('withdraw', t)];
      case 'supply':
      case 'deposit': {
        const draft = this.deposit('supply', t);
        // "invest 100 USDC in aave": investing is lending only where a venue says so; alone it could buy anything.
        if (t?.lower === 'invest' && draft.venue === undefined && !this.venueAhead())
          throw this.fail(t, `invest in what? name where, like "invest 100 USDC in aave", or say "swap" to buy a token`, ['swap']);
        return [draft];
      }
      case 'withdraw':
      case 'redeem':
        return [this.deposit(verb === 'redeem' ? 'redeem' : 'withdraw', t)];
      case 'use':
        return [this.useToGet()];
    }
  }

  /**
   * "send:\n- 5 USDC to alice\n- 7 USDC to bob", "pay the following:\n…": a verb that heads a list, one item a
   * line (the tokenizer drops the bullets). The line breaks after the header are skipped; each later line is a
   * verbless step after the first, read as any other.
   */
  private listHeader(): void {
    const save = this.pos;
    this.acceptPhrase([['the', 'following'], ['following'], ['these'], ['as', 'follows']]);
    this.acceptPunct(':');
    let lines = 0;
    while (this.peek()?.kind === 'punct' && /^[\r\n]$/.test(this.peek()!.text)) {
      this.pos++;
      lines++;
    }
    if (!lines) this.pos = save;
  }

  /**
   * "revoke uniswap on USDC and DAI", "approve uniswap for 100 USDC and 100 DAI": one spender, several tokens,
   * one step each (an approval's amount goes with its token).
   */
  private withMoreTokens(first: Draft): Draft[] {
    const drafts = [first];
    while (this.isWord(this.peek(), 'and') || (this.isPunct(this.peek(), ',') && first.to !== undefined)) {
      const save = this.pos;
      this.pos++;
      this.acceptWord('and');
      const draft: Draft = { action: first.action, to: first.to! };
      if (first.action === 'approve') {
        const t = this.peek();
        if (!t || !this.startsPlainAmount(t) || this.isWord(t, 'all', 'everything', 'half', 'max') || !this.amountOrUnlimited(draft)) {
          this.pos = save;
          break;
        }
      } else if (this.isWord(this.peek(), 'my', 'the')) this.pos++;
      const symbol = this.peek();
      if (symbol?.kind !== 'word' || this.symbolOf(symbol) === undefined || this.startsClauseAfter(this.pos + 1)) {
        this.pos = save;
        break;
      }
      draft.token = this.amountTokenOr(first.action === 'approve' ? 'approve' : 'revoke');
      this.acceptApprovalNoun();
      drafts.push(draft);
    }
    return drafts;
  }

  /** Whether the token at `index` is followed by words that make it the start of another step ("… and DAI for ETH"). */
  private startsClauseAfter(index: number): boolean {
    return this.isWord(this.tokens[index], 'for', 'to', 'into', 'with', '->');
  }

  /** Whether an approval noun stands within the next few words ("remove the USDC allowance for …"). */
  private isApprovalAhead(): boolean {
    for (let k = 0; k < 4; k++) if (this.isApprovalNoun(this.peek(k)) || this.isWord(this.peek(k), 'access')) return true;
    return false;
  }

  /** "use 3 eth to get dai": a swap of what is used for what is got. */
  private useToGet(): Draft {
    const draft: Draft = { action: 'swap' };
    const amount = this.amount('swap');
    if (!amount) throw this.expected('an amount', 'swap');
    this.setAmount(draft, amount);
    // "…, then use it to buy DAI": a reference carries its token (it had none here, and the pair check threw a TypeError).
    draft.token = amount.resolvedToken ?? (amount.reference ? undefined : this.tokenRef('swap'));
    if (draft.token === undefined) throw this.expected('a token', 'swap');
    // Round 7: "spend 30 DAI on USDC", "spend 0.1 ETH buying DAI": what is spent buys the token named.
    const on = this.acceptPhrase([['on'], ['buying'], ['purchasing'], ['getting']]);
    if (!on && !this.acceptPhrase([['to', 'get'], ['to', 'buy'], ['for'], ['to', 'purchase'], ['to', 'acquire']])) throw this.expected('"to get" and a token', 'swap');
    const target = this.peek();
    const corrected = this.corrections.length;
    const person = on !== undefined && target !== undefined && (target.kind === 'ens' || target.kind === 'address' || (target.kind === 'word' && this.symbolOf(target) === undefined && !foreignTokens.has(target.lower) && this.correctedSymbol(target) === undefined && this.isRecipientLike(target)));
    this.corrections.length = corrected;
    if (person)
      throw this.fail(target!, `spending on ${quote(target.text)} buys no token Lucid knows: to pay someone, say "send"`, ['swap', 'transfer']);
    draft.tokenOut = this.tokenRef('swap');
    return this.pairCheck(draft, amount.token);
  }

  // ---------------------------------------------------------------- productions, one per action

  /**
   * transfer := amount token ("and" amount token)* ["each"] ("to" | "->") ["each of" ["the following"]] recipients ["each"]
   *           | ["each one of"] ["to"] recipients (amount token | "with" amount token | "the same" ["amount"]) ["each"]
   * Several recipients need "each" (one payment per recipient); without it the split is ambiguous.
   */
  private transfer(): Draft[] {
    const t = this.peek();
    if (t && (this.startsAmount(t) || this.startsReference(t))) {
      const pairs: { amount: Amount; token: string }[] = [];
      for (;;) {
        const amount = this.amount('transfer');
        if (!amount) throw this.expected('an amount', 'transfer');
        const before = this.lastGroup[this.lastGroup.length - 1];
        // "send 5 DAI to alice and 3 to bob": a verbless transfer's amount without a token is in the token before.
        const carried = this.verbless && this.isWord(this.peek(), 'to') && before?.action === 'transfer' && before.token !== undefined && !amount.value.endsWith('%') && !amount.usd && decimalPattern.test(amount.value) && amount.token.kind === 'number' ? before.token : undefined;
        pairs.push({ amount, token: amount.resolvedToken ?? carried ?? this.tokenRef('transfer') });
        // "send 0.05 ETH and 20 USDC to bob.eth": two amounts, one recipient.
        // "send 0.1 ETH, 5 USDC and 3 DAI to bob": a comma or ", and" between the pairs too.
        const sep = this.isPunct(this.peek(), ',') && this.isWord(this.peek(1), 'and') ? 2 : this.isWord(this.peek(), 'and') || this.isPunct(this.peek(), ',') ? 1 : 0;
        const next = this.peek(sep);
        if (sep && next && this.startsPlainAmount(next) && (sep === 1 && this.isWord(this.peek(), 'and') ? this.toFollowsPair(this.pos + 1) : this.pairsThenTo(this.pos + sep))) {
          this.pos += sep;
          continue;
        }
        break;
      }
      let each = this.acceptPhrase([['each', 'one'], ['each'], ['apiece']]) !== undefined;
      this.acceptWord('over');
      // "send 6 DAI across to bob", "along to bob".
      if (this.isWord(this.peek(), 'across', 'along') && this.isWord(this.peek(1), 'to')) this.pos++;
      // "send 3 USDC along to carol", "fire 20 USDC off to alice".
      if (this.isWord(this.peek(1), 'to', 'towards') || (this.verbWord !== undefined && motionVerbs.has(this.verbWord) && this.isWord(this.peek(1), 'into'))) this.acceptWord(...transferParticles);
      // "send 2 USDC on to carol".
      if (this.isWord(this.peek(), 'on') && this.isWord(this.peek(1), 'to')) this.pos++;
      this.acceptOwnWallet();
      // "move 60 DAI into aave": moving funds into a venue deposits them there (a staking venue stakes them).
      if (pairs.length === 1 && !each && this.isWord(this.peek(), 'into', 'in', 'inside') && this.venueAt(this.pos + 1)) {
        const at = this.peek()!;
        this.pos++;
        const venue = this.venuePhrase()!;
        const draft: Draft = { action: stakingVenues.has(venue) ? 'stake' : 'supply', token: pairs[0]!.token };
        this.setAmount(draft, pairs[0]!.amount);
        this.setVenue(draft, venue, at);
        return [draft];
      }
      // "move 50 USDC into DAI": moving funds into another token converts them.
      if (pairs.length === 1 && !each && this.verbWord !== undefined && motionVerbs.has(this.verbWord) && this.isWord(this.peek(), 'into') && this.peek(1)?.kind === 'word' && this.symbolOf(this.peek(1)!) !== undefined) {
        this.pos++;
        const draft: Draft = { action: 'swap', token: pairs[0]!.token };
        this.setAmount(draft, pairs[0]!.amount);
        draft.tokenOut = this.tokenRef('swap');
        return [this.pairCheck(draft, this.tokens[this.pos - 1])];
      }
      // "send 100 USDC on base to bob": a chain may stand before the recipient.
      const probe: Draft = { action: 'transfer' };
      // "send 5 dai too alice": "too" misspelling "to" before a name is not the trailing "too" (also) a modifier would drop.
      if (!(this.isWord(this.peek(), 'too') && this.isRecipientLike(this.peek(1)))) this.modifiers(probe, false);
      const next = this.peek();
      let recipients: string[];
      const listStart = this.peek(1);
      // "transfer 9 DAI, recipient alice", "send 5 USDC, to: bob.eth": the recipient as a field after a comma.
      const withAs = this.withRecipientAs();
      if (withAs) recipients = withAs;
      else if (
        ((this.isPunct(this.peek(), ',') || this.isPunct(this.peek(), ';') || (this.isPunct(this.peek(), '.') && this.isPunct(this.peek(2), ':'))) &&
          (this.isWord(this.peek(1), ...recipientFieldWords) || (this.isWord(this.peek(1), 'the') && this.isWord(this.peek(2), ...recipientFieldWords) && this.isWord(this.peek(3), 'is')))) ||
        // "send 0.1 ETH recipient: 0x…": the field straight after the amount.
        (this.isWord(this.peek(), ...recipientFieldWords) && !this.isWord(this.peek(), 'to') && this.isPunct(this.peek(1), ':'))
      ) {
        // "…, the recipient is bob.eth".
        if (this.isWord(this.peek(), ...recipientFieldWords)) this.pos++;
        else this.pos += this.isWord(this.peek(1), 'the') ? 3 : 2;
        this.acceptWord('is');
        this.acceptPunct(':');
        recipients = this.recipientList('transfer');
      } else if (
        this.acceptPhrase([['to', 'the', 'order', 'of']]) ||
        this.acceptWord('to', 'towards', 'too', 'ot') ||
        // "the same for bob": the step before again, with bob as its recipient.
        (pairs.length === 1 && pairs[0]!.amount.reference?.same === true && this.acceptWord('for')) ||
        this.acceptPunct('->') ||
        this.acceptRecipientPreposition() ||
        this.acceptNumeralTo() ||
        // "put 20 DAI into bob's wallet": moved into someone's place, paid to them.
        (this.verbWord !== undefined && motionVerbs.has(this.verbWord) && this.isWord(this.peek(), 'in', 'into') && this.peek(1)?.kind === 'word' &&
          /^[a-z0-9_-]+\x27s$/.test(this.peek(1)!.lower) && this.isWord(this.peek(2), 'wallet', 'account', 'address') && this.acceptWord('in', 'into')) ||
        // "chuck 10 DAI at bob", "yeet 5 USDC at alice.eth": verbs of throwing aim "at" the one paid.
        (this.verbWord !== undefined && throwVerbs.has(this.verbWord) && this.isWord(this.peek(), 'at') && this.isRecipientLike(this.peek(1)) && this.acceptWord('at'))
      ) {
        each = this.acceptEachOf() || each;
        recipients = this.recipientList('transfer');
      } else if (next && (next.kind === 'address' || next.kind === 'ens')) recipients = this.recipientList('transfer');
      else if (this.isWord(next, 'between', 'among', 'amongst'))
        throw this.ambiguous(next, `one amount ${next!.lower} several recipients: say "each", or "split … evenly between …"`);
      else if (this.isWord(next, 'for') && this.forNamesSomeone(this.pos + 1))
        // "send 5 DAI for bob": bob may be who gets it or whom it is for (paid to someone else).
        throw this.ambiguous(next, `${quote(this.source.slice(next!.start, this.tokens[Math.min(this.pos + 3, this.tokens.length - 1)]!.end).trim())} may name who gets it or whom it is for: say "to" and the recipient`);
      else throw this.expected('a recipient (to whom?)', 'transfer');
      each = this.acceptWord('each', 'apiece') || each;
      // "send 5 USDC to alice, bob, and carol, each": "each" set off by a comma at the end of the list.
      if (!each && recipients.length > 1 && this.isPunct(this.peek(), ',') && this.isWord(this.peek(1), 'each', 'apiece') && (!this.peek(2) || this.peek(2)!.kind === 'punct')) {
        this.pos += 2;
        each = true;
      }
      // "send 5 DAI and 6 DAI to alice and bob respectively": the n-th amount to the n-th recipient.
      const respectively = this.acceptRespectively();
      if (respectively) {
        if (pairs.length < 2 || pairs.length !== recipients.length || each)
          throw this.ambiguous(respectively, `${pairs.length} ${pairs.length === 1 ? 'amount' : 'amounts'} and ${recipients.length} recipients cannot be paired one to one: give each recipient their own amount`);
        return pairs.map(({ amount, token }, n) => {
          const draft: Draft = { action: 'transfer', token, to: recipients[n]! };
          this.setAmount(draft, amount);
          if (probe.chain) draft.chain = probe.chain;
          return draft;
        });
      }
      this.checkSplit(recipients, each, pairs.length, listStart);
      return pairs.flatMap(({ amount, token }) =>
        recipients.map((to) => {
          const draft: Draft = { action: 'transfer', token, to };
          this.setAmount(draft, amount);
          if (probe.chain) draft.chain = probe.chain;
          return draft;
        }),
      );
    }
    if (t?.kind === 'word' && this.symbolOf(t) !== undefined && this.peek(1)?.kind === 'number' && this.peek(2)?.kind !== 'percent' && this.isWord(this.peek(this.peek(2)?.kind === 'suffix' ? 3 : 2), 'to')) {
      // "send eth 0.3 to alice": the token named before its amount.
      const token = this.tokenRef('transfer');
      const amount = this.amount('transfer')!;
      this.acceptWord('to');
      const recipients = this.recipientList('transfer');
      this.checkSplit(recipients, false, 1, t);
      return recipients.map((to) => {
        const draft: Draft = { action: 'transfer', token, to };
        this.setAmount(draft, amount);
        return draft;
      });
    }
    if (t?.kind === 'word' && this.symbolOf(t) !== undefined)
      throw this.fail(t, `how much ${this.symbolOf(t)} should be sent? say an amount before ${quote(t.text)}`, 'transfer');
    // "give permission to uniswap to spend 60 DAI": a permission given is an approval.
    // "give approval to bob.eth for 50 DAI": an approval given is one too.
    const approvalGiven = this.isApprovalNoun(this.peek()) && this.isWord(this.peek(1), 'to', 'for');
    if (this.permissionAt(this.pos) || approvalGiven) {
      if (!this.acceptPhrase(permissionNouns)) this.acceptApprovalNoun();
      if (!this.acceptWord('to', 'for')) throw this.expected('"to" and the spender', 'approve');
      const draft: Draft = { action: 'approve', to: this.possessiveSpender() ?? this.recipient('approve') };
      return [this.approveAfterSpender(draft)];
    }
    let each = this.acceptEachOf();
    this.acceptWord('to');
    const listStart = this.peek();
    {
      // "give uniswap permission to spend 100 USDC", "give the v2-fork access to 5 WETH": an approval.
      const save = this.pos;
      let spender: string | undefined;
      try {
        spender = this.possessiveSpender() ?? this.recipient('approve');
        this.acceptPhrase(spenderNouns);
        const u = this.peek();
        // "give uniswap an allowance of 100 USDC".
        const allowance = this.isWord(u, 'an', 'a') && this.isApprovalNoun(this.peek(1)) && this.isWord(this.peek(2), 'of');
        if (!(allowance || this.permissionAt(this.pos) || (u?.kind === 'word' && unlimitedWords.has(u.lower) && this.permissionAt(this.pos + 1)))) spender = undefined;
      } catch {
        spender = undefined;
      }
      if (spender !== undefined) return [this.approveAfterSpender({ action: 'approve', to: spender })];
      this.pos = save;
    }
    const recipients = this.recipientList('transfer', true);
    // "send to bob.eth: 15 DAI".
    if (this.isPunct(this.peek(), ':') && this.peek(1) && this.startsAmount(this.peek(1)!)) this.pos++;
    // "give 0x… an unlimited USDC allowance": giving an allowance is an approval.
    if (this.unlimitedAhead()) {
      const draft: Draft = { action: 'approve', to: recipients[0]! };
      if (recipients.length > 1) throw this.ambiguous(t, 'one approval names one spender');
      this.amountOrUnlimited(draft);
      draft.token = this.tokenRef('approve');
      this.acceptApprovalNoun();
      return [draft];
    }
    // Round 7: "pay bob back 12 USDC", "pay bob out 20 DAI", "send bob over 5 DAI": the verb's particle after the one paid.
    if (this.isWord(this.peek(), 'back', 'out', 'over') && this.peek(1) !== undefined && this.startsPlainAmount(this.peek(1)!)) this.pos++;
    this.acceptWord('with');
    return this.transferTo(recipients, each, listStart);
  }

  /**
   * An even split, one transfer per recipient:
   * split := ("split" | "divide") amount token [even] ("between" | "among" | "amongst") recipients [even]
   *   even := "evenly" | "equally" | "in half" | "fifty-fifty" | "in equal parts|shares" | N "ways"
   * "split 10 USDC evenly between alice and bob" is 5 USDC each. Without a word saying the shares are equal it
   * stays ambiguous (the frame refuses "split 50 USDC between alice and bob"), as does a share that is no
   * finite decimal ("10 USDC three ways"), "N ways" for another number of recipients, and "with bob" (is the
   * user one of the parts?).
   */
  private split(): Draft[] {
    const verb = this.peek()!;
    this.pos++;
    this.acceptPhrase([['please'], ['pls'], ['plz'], ['up']]);
    const amount = this.amount('transfer');
    if (!amount) throw this.expected('an amount to split', 'transfer');
    if (amount.reference || amount.usd || !decimalPattern.test(amount.value))
      throw this.ambiguous(verb, `only a stated amount can be split evenly: say the amount, like "split 10 USDC evenly between alice and bob"`);
    const token = amount.resolvedToken ?? this.tokenRef('transfer');
    const evenWords: readonly (readonly string[])[] = [['evenly'], ['equally'], ['in', 'half'], ['fifty-fifty'], ['fifty', 'fifty'], ['in', 'equal', 'parts'], ['in', 'equal', 'shares'], ['into', 'equal', 'parts']];
    let even = this.acceptPhrase(evenWords);
    let ways: number | undefined;
    const n = this.peek();
    if (!even && (n?.kind === 'number' || n?.kind === 'numberWord') && this.isWord(this.peek(1), 'ways', 'way')) {
      ways = Number(n.value);
      this.pos += 2;
    }
    if (this.isWord(this.peek(), 'unevenly', 'unequally')) throw this.ambiguous(this.peek(), `${quote(this.peek()!.text)} does not say the shares: give each recipient their own amount`);
    if (this.isWord(this.peek(), 'with')) throw this.ambiguous(this.peek(), `"${verb.lower} … with" does not say whether you keep a share: give each recipient their own amount, or say "each"`);
    if (!this.acceptWord('between', 'among', 'amongst', 'across')) throw this.expected('"between" and the recipients', 'transfer');
    const listStart = this.peek();
    const recipients = this.recipientList('transfer');
    even ??= this.acceptPhrase(evenWords);
    if (!even && ways === undefined)
      throw this.ambiguous(verb, `it does not say how to share the amount; give each recipient their own amount, or say "evenly" or "each"`);
    if (recipients.length < 2) throw this.fail(listStart, `a split needs two or more recipients, got ${recipients.length}`, 'transfer');
    if ((ways !== undefined && ways !== recipients.length) || (even?.includes('half') && recipients.length !== 2))
      throw this.ambiguous(verb, `${ways ?? 2} shares and ${recipients.length} recipients (${recipients.join(', ')}): give each recipient their own amount`);
    const share = divideDecimal(amount.value, recipients.length);
    if (share === undefined || isZero(share))
      throw this.ambiguous(verb, `${amount.value} ${token} does not split exactly ${recipients.length} ways: give each recipient their own amount`);
    return recipients.map((to) => ({ action: 'transfer', amount: share, token, to }));
  }

  /** At "get": whether an amount and a token follow, then "to" and a recipient that is no token ("get 5 DAI to bob"). */
  /** Whether an amount, a token, "to" and a person (a name, never an address or a token) stand here, after the verb. */
  private recipientAfterToAhead(): boolean {
    const save = this.pos;
    try {
      const amount = this.amount('transfer');
      if (!amount || amount.reference) return false;
      this.tokenRef('transfer');
      const next = this.peek(1);
      return this.isWord(this.peek(), 'to') && next !== undefined && (next.kind === 'ens' || (next.kind === 'word' && this.isRecipientLike(next) && this.symbolOf(next) === undefined && !foreignTokens.has(next.lower) && !this.chainAt(this.pos + 1) && !this.venueAt(this.pos + 1)));
    } catch {
      return false;
    } finally {
      this.pos = save;
    }
  }

  /**
   * Whether the object here is rewards: [particle] [all|my|the|any|pending …] [a venue or token word] reward noun,
   * with no amount ("grab my rewards", "redeem my LUCID rewards", "cash in my staking rewards").
   */
  private rewardObjectAhead(): boolean {
    for (let k = 0; k < 6; k++) {
      const t = this.peek(k);
      if (!t || t.kind !== 'word') return false;
      if (rewardNouns.has(t.lower)) return !['yield', 'earnings'].includes(t.lower) || k > 0;
      if (!['in', 'up', 'out', 'all', 'my', 'the', 'any', 'of', 'pending', 'accrued', 'unclaimed', 'staking', 'earned', 'capital', 'pool', "pool's"].includes(t.lower) && this.symbolOf(t) === undefined && !this.venueAt(this.pos + k)) return false;
    }
    return false;
  }

  /** Whether "from" / "out of" and a lending venue follow within the next few words ("get my USDC back out of aave"). */
  private venueSourceAhead(): boolean {
    for (let k = 1; k <= 6; k++) {
      const t = this.peek(k);
      if (!t || t.kind === 'punct' || this.isWord(t, 'and', 'then', 'to', 'for', 'into', 'with')) return false;
      const at = this.isWord(t, 'from') ? this.pos + k + 1 : this.isWord(t, 'out') && this.isWord(this.peek(k + 1), 'of') ? this.pos + k + 2 : -1;
      if (at >= 0) {
        const save = this.pos;
        this.pos = at;
        this.acceptWord('the', 'my');
        const venue = this.venuePhrase();
        this.pos = save;
        return venue !== undefined && !stakingVenues.has(venue);
      }
    }
    return false;
  }

  private getsToSomeone(): boolean {
    const save = this.pos;
    try {
      this.pos++;
      const amount = this.amount('transfer');
      if (!amount || amount.reference) return false;
      this.tokenRef('transfer');
      const next = this.peek(1);
      return this.isWord(this.peek(), 'to') && next !== undefined && (next.kind === 'address' || next.kind === 'ens' || (this.isRecipientLike(next) && next.kind === 'word' && !this.chainAt(this.pos + 1) && !this.venueAt(this.pos + 1)));
    } catch {
      return false;
    } finally {
      this.pos = save;
    }
  }

  /** "with bob as the recipient", "with carol.eth as beneficiary": the recipient named as a role. */
  private withRecipientAs(): string[] | undefined {
    if (!this.isWord(this.peek(), 'with') || !this.isRecipientLike(this.peek(1))) return undefined;
    const save = this.pos;
    this.pos++;
    try {
      const list = this.recipientList('transfer');
      if (this.acceptPhrase([['as', 'the', 'recipient'], ['as', 'recipient'], ['as', 'the', 'beneficiary'], ['as', 'beneficiary'], ['as', 'the', 'payee'], ['as', 'payee'], ['as', 'the', 'receiver']])) return list;
    } catch {
      // not this shape
    }
    this.pos = save;
    return undefined;
  }

  /** The amount and token paid to recipients already read ("pay bob 3 DAI", "bob gets 3 DAI"). */
  private transferTo(recipients: readonly string[], each: boolean, listStart: Token | undefined): Draft[] {
    // "send alice and bob each 3 DAI".
    each = (recipients.length > 1 && this.acceptWord('each', 'apiece')) || each;
    let amount = this.amount('transfer');
    if (!amount && this.startsSameReference()) amount = this.amount('transfer');
    // "swap 1 ETH for DAI and send to bob": no object after the recipient, the step before's output.
    amount ??= recipients.length === 1 && !each ? this.impliedOutput(this.tokens[this.pos - 1]) : undefined;
    if (!amount) throw this.expected('an amount', 'transfer');
    const token = amount.resolvedToken ?? this.tokenRef('transfer');
    each = this.acceptWord('each', 'apiece') || each;
    this.checkSplit(recipients, each, 1, listStart);
    this.lastRecipientFirst = true;
    const drafts = recipients.map((to) => {
      const draft: Draft = { action: 'transfer', token, to };
      this.setAmount(draft, amount!);
      return draft;
    });
    // "send bob 0.1 ETH and 5 USDC", "pay bob 5 DAI, 3 USDC": more amounts for the one recipient.
    while (recipients.length === 1 && !each) {
      const sep = this.isPunct(this.peek(), ',') && this.isWord(this.peek(1), 'and') ? 2 : this.isWord(this.peek(), 'and') || this.isPunct(this.peek(), ',') ? 1 : 0;
      const at = this.pos + sep;
      let k = at + 1;
      if (this.tokens[k]?.kind === 'suffix') k++;
      const more = this.tokens[at];
      if (!sep || more?.kind !== 'number' || more.dollar || this.tokens[k]?.kind !== 'word' || this.symbolOf(this.tokens[k]!) === undefined) break;
      if (this.isWord(this.tokens[k + 1], 'to', 'for', 'into', 'each', 'apiece') || this.isPunct(this.tokens[k + 1], '->')) break;
      this.pos = at;
      const next = this.amount('transfer');
      if (!next) break;
      const draft: Draft = { action: 'transfer', token: next.resolvedToken ?? this.tokenRef('transfer'), to: recipients[0]! };
      this.setAmount(draft, next);
      drafts.push(draft);
    }
    return drafts;
  }

  /**
   * The recipient as the subject, the request as what they get:
   * subject := [lead] recipients [modal] receive amount token ["each"] ["from me"]
   *   lead    := "let" | "have" | "make sure" ["that"] | "ensure" ["that"] | "i want" | "i'd like" | "i would like"
   *   modal   := "should" | "must" | "shall" | "is to" | "to" | "needs to" | "should be" … (with "sent", "paid", "given")
   *   receive := "get(s)" | "receive(s)" | "have" | "has" | "be sent" …
   * "bob gets 0.02 ETH", "alice should receive 10 DAI", "let carol have 5 USDC", "I'd like bob to receive 10 DAI".
   * A spender may be the subject of a permission: "uniswap may spend up to 100 USDC" is an approval.
   * "bob would get …" imagines a case and is refused; "bob gets 5 DAI from alice" is someone else paying.
   * Consumes nothing and returns undefined when the words are not this shape.
   */
  private subjectFrame(): Draft[] | undefined {
    const save = this.pos;
    // "let" may already have been read as politeness ("let my friend bob have …").
    // So may "can" ("can bob have 5 DAI").
    const before = this.tokens[this.pos - 1];
    const lead = this.acceptPhrase(subjectLeads) ?? (this.isWord(before, 'let', ...askingLeads) ? [before!.lower] : undefined);
    const listStart = this.peek();
    const subject = this.peek();
    // "carol's getting 3 USDC": the subject and "is" in one word.
    if (subject?.kind === 'word' && /^[a-z0-9_-]+'s$/i.test(subject.text) && this.isWord(this.peek(1), 'getting', 'receiving')) {
      const name = subject.text.slice(0, -2);
      if (!reservedWords.has(name.toLowerCase()) && this.symbols.canonical.has(name.toLowerCase()) === false && !verbs.has(name.toLowerCase())) {
        this.pos += 2;
        return this.transferTo([name], false, subject);
      }
    }
    // "my friend bob gets …": a possessive subject only with a person noun after it ("my DAI" is no recipient).
    const possessive = this.isWord(subject, 'my', 'our') && this.peek(1)?.kind === 'word' && recipientNouns.has(this.peek(1)!.lower);
    if (!this.isRecipientLike(subject) || (lead === undefined && !possessive && this.isWord(subject, 'my', 'our', 'the', 'let', 'have'))) {
      this.pos = save;
      return undefined;
    }
    let recipients: string[];
    try {
      recipients = this.recipientList(this.venueAt(this.pos) ? 'approve' : 'transfer', true);
    } catch {
      this.pos = save;
      return undefined;
    }
    const at = this.peek();
    if (this.isWord(at, 'would', 'could', 'might') && this.isWord(this.peek(1), 'get', 'receive', 'have', 'be')) {
      throw refusal(intentErrorCodes.unsupported, this.source, { start: at!.start, end: this.peek(1)!.end },
        `not done: ${quote(`${at!.text} ${this.peek(1)!.text}`)} — it imagines a case; Lucid acts now, on a plain request (ask for a quote to only look)`,
        ['say what Lucid should do now, like: send 5 DAI to bob']);
    }
    if (lead === undefined || !['let', 'have'].includes(lead[0]!)) {
      // "uniswap may spend up to 100 USDC": the spender as the subject of a permission.
      if (this.acceptPhrase([['may', 'spend'], ['can', 'spend'], ['may', 'use'], ['is', 'allowed', 'to', 'spend'], ['is', 'allowed', 'to', 'use']])) {
        if (recipients.length !== 1) throw this.ambiguous(listStart, 'one approval names one spender');
        const draft: Draft = { action: 'approve', to: recipients[0]! };
        this.acceptPhrase([['up', 'to']]);
        if (!this.amountOrUnlimited(draft)) throw this.expected('an amount or "unlimited"', 'approve');
        draft.token = this.amountTokenOr('approve');
        return [draft];
      }
    }
    // "alice and bob each get 5 USDC", "… should each get …": "each" before the verb of getting.
    const eachFirst = recipients.length > 1 && this.acceptWord('each');
    let modal = this.acceptPhrase(subjectModals);
    const eachAfterModal = !eachFirst && modal !== undefined && recipients.length > 1 && this.acceptWord('each');
    if (eachAfterModal && modal !== undefined && this.isWord(this.peek(), 'be')) (modal = [...modal, 'be']), this.pos++;
    const passive = modal !== undefined && modal[modal.length - 1] === 'be';
    // "has"/"have" is a request only after "let …", "have …" or "… to have"; "bob has 5 DAI" tells, it asks nothing.
    const asked = lead !== undefined && askingLeads.includes(lead[0]!);
    const verb = this.acceptPhrase(passive ? subjectPassives : (lead && ['let', 'have'].includes(lead[0]!)) || asked || modal?.[modal.length - 1] === 'to' || (lead && modal) ? subjectBaseVerbs : subjectVerbs);
    // "bob needs 5 USDC, send it": a want told is a request only when a command to pay follows.
    const told = !verb && !lead && !modal ? this.acceptPhrase(subjectWants) : undefined;
    if (!verb && !told) {
      this.pos = save;
      return undefined;
    }
    let drafts: Draft[];
    try {
      drafts = this.transferTo(recipients, eachFirst || eachAfterModal, listStart);
    } catch (error) {
      if (!told) throw error;
      this.pos = save;
      return undefined;
    }
    if (told) {
      this.acceptPhrase([['by', 'me'], ['from', 'me']]);
      if (!this.acceptPayCommandTail()) {
        this.pos = save;
        return undefined;
      }
      return drafts;
    }
    if (this.isWord(this.peek(), 'from')) {
      const from = this.peek()!;
      if (this.isWord(this.peek(1), 'me', 'myself')) this.pos += 2;
      else if (this.isWord(this.peek(1), 'my')) this.acceptOwnWallet();
      else
        throw refusal(intentErrorCodes.unsupported, this.source, { start: from.start, end: (this.peek(1) ?? from).end },
          `not done: ${quote(this.source.slice(from.start, (this.peek(1) ?? from).end))} — someone else pays; Lucid pays only from your own account`,
          ['say what Lucid should do now, like: send 5 DAI to bob']);
    }
    this.acceptPayCommandTail();
    return drafts;
  }

  /**
   * After a subject frame, the command that confirms it, ending the sentence: ", send it", ", can you send it",
   * "- hook him up", ", pay her please". Consumes it and returns true, or consumes nothing.
   */
  private acceptPayCommandTail(): boolean {
    const save = this.pos;
    if (!this.acceptPunct(',') && !this.acceptPunct(';') && !this.acceptPunct('-')) this.acceptPunct('.');
    while (this.acceptPhrase([['can', 'you'], ['could', 'you'], ['would', 'you'], ['please'], ['pls'], ['plz'], ['so'], ['just'], ['go', 'ahead', 'and'], ['kindly']]));
    const pronoun = ['it', 'them', 'that', 'him', 'her', 'those'];
    const command = this.acceptPhrase([
      ...['send', 'pay', 'transfer', 'give'].flatMap((v) => [[v, 'it', 'over'], [v, 'it'], [v, 'them'], [v, 'that'], [v, 'him'], [v, 'her'], [v, 'those']]),
      ['hook', 'him', 'up'], ['hook', 'her', 'up'], ['hook', 'them', 'up'], ['make', 'it', 'happen'], ['do', 'it'], ['send'], ['pay'],
    ]);
    if (!command || (command.length === 1 && pronoun.includes(this.peek()?.lower ?? ''))) {
      this.pos = save;
      return false;
    }
    while (this.acceptPhrase([['please'], ['pls'], ['plz'], ['thanks'], ['thx'], ['now']]));
    if (!this.atEndAt(this.pos)) {
      this.pos = save;
      return false;
    }
    return true;
  }

  /** Whether a subject frame ("alice gets 2 DAI") starts here; consumes nothing. */
  private subjectFrameAhead(): boolean {
    const save = this.pos;
    try {
      return this.subjectFrame() !== undefined;
    } catch {
      return true;
    } finally {
      this.pos = save;
    }
  }

  /** "from my wallet", "out of my account": where the funds come from is always the user's own account. */
  private acceptOwnWallet(): void {
    this.acceptPhrase([
      ['from', 'my', 'wallet'], ['from', 'my', 'account'], ['from', 'my', 'balance'], ['out', 'of', 'my', 'wallet'], ['out', 'of', 'my', 'account'],
      ['from', 'my', 'main', 'wallet'], ['from', 'my', 'main', 'account'],
    ]);
  }

  /** After "for" at `index`: a person — an address, an ENS name, "my friend …", or a bare name ending the clause. */
  private forNamesSomeone(index: number): boolean {
    let k = index;
    while (this.isWord(this.tokens[k], 'my', 'our')) k++;
    const t = this.tokens[k];
    if (!t) return false;
    if (t.kind === 'address' || t.kind === 'ens') return true;
    if (t.kind === 'word' && recipientNouns.has(t.lower)) return true;
    const after = this.tokens[k + 1];
    return k === index && this.isRecipientLike(t) && !this.isWord(t, 'my', 'our', 'the') && (!after || (after.kind === 'punct' && after.value !== "'"));
  }

  /** ", respectively", "in that order" after a list of recipients: the word, or undefined. */
  private acceptRespectively(): Token | undefined {
    const comma = this.isPunct(this.peek(), ',') ? 1 : 0;
    const t = this.peek(comma);
    if (this.isWord(t, 'respectively', 'respectivly', 'respectfully')) {
      this.pos += comma + 1;
      return t;
    }
    if (this.isWord(t, 'in') && this.isWord(this.peek(comma + 1), 'that', 'this') && this.isWord(this.peek(comma + 2), 'order')) {
      this.pos += comma + 3;
      return t;
    }
    return undefined;
  }

  /** Several recipients without "each" could be one payment split or one each: refuse, asking which. */
  private checkSplit(recipients: readonly string[], each: boolean, amounts: number, at: Token | undefined): void {
    if (recipients.length > 1 && !each)
      throw this.ambiguous(at, `one amount and ${recipients.length} recipients (${recipients.join(', ')}): say "each" to send it to every one of them, or give each their own amount`);
    if (recipients.length > 1 && amounts > 1) throw this.ambiguous(at, 'several amounts and several recipients: give each recipient their own amount');
  }

  /** "each of the following:", "every one of", "each one of", "each": one payment per recipient. */
  private acceptEachOf(): boolean {
    const phrase = this.acceptPhrase([
      ['each', 'of', 'the', 'following'],
      ['every', 'one', 'of'],
      ['each', 'one', 'of'],
      ['everyone', 'of'],
      ['each', 'of'],
      ['all', 'of'],
      ['both', 'of'],
      ['each'],
      ['both'],
    ]);
    // "to each of these addresses: …", "to all three: …", "to these 2 wallets each: …", "to the following
    // addresses: …" — words that announce the list; only "each", "all" or "every" say how the amount is shared.
    const intro = this.acceptListIntro(phrase !== undefined && phrase[phrase.length - 1] === 'of');
    if (phrase || intro.read) this.acceptPunct(':');
    // "to both alice and bob" names two recipients, not how the amount is shared: without "each" it stays ambiguous.
    return (phrase !== undefined && phrase[0] !== 'both') || intro.each;
  }

  /** After "each of" (`afterOf`) or alone before ":": [these | those | the [following] | my] [N] [plural noun] ["each"]. */
  private acceptListIntro(afterOf: boolean): { read: boolean; each: boolean } {
    const save = this.pos;
    const determiner = this.acceptPhrase([['the', 'following'], ['these'], ['those'], ['the'], ['my'], ['all']]);
    const count = this.peek();
    const counted = (count?.kind === 'number' || count?.kind === 'numberWord') && /^\d+$/.test(count.value) && (this.isPunct(this.peek(1), ':') || (this.peek(1)?.kind === 'word' && listIntroNouns.has(this.peek(1)!.lower)));
    if (counted) this.pos++;
    const noun = this.peek()?.kind === 'word' && listIntroNouns.has(this.peek()!.lower) ? this.peek() : undefined;
    if (noun) this.pos++;
    const each = this.acceptWord('each');
    const colon = this.isPunct(this.peek(), ':');
    // Alone, the words must end in ":" ("to these addresses: …", "to all three: …"); after "each of" a noun is enough.
    const read = determiner !== undefined && (colon || (afterOf && noun !== undefined)) && (noun !== undefined || (determiner[0] === 'all' && counted));
    if (!read) {
      this.pos = save;
      return { read: false, each: false };
    }
    return { read: true, each: each || afterOf || determiner[0] === 'all' };
  }

  /** "into wallet 0x…", "on address 0x…": prepositions that name a transfer's destination only before an address. */
  private acceptRecipientPreposition(): boolean {
    if (!this.isWord(this.peek(), 'into', 'on', 'at', 'in')) return false;
    const next = this.peek(1);
    const owned = (next?.kind === 'word' && /'s$/.test(next.lower)) || (next?.kind === 'ens' && this.isWord(this.peek(2), "'s"));
    const noun = this.peek(next?.kind === 'ens' ? 3 : 2);
    if (
      next?.kind === 'address' ||
      (next?.kind === 'word' && ['wallet', 'address', 'account'].includes(next.lower)) ||
      // "into bob's wallet", "in alice.eth's account": a person's own account.
      (owned && noun?.kind === 'word' && ['wallet', 'address', 'account'].includes(noun.lower))
    ) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Whether `amount token` starting at `index` is followed by "to"/"each" (so "and 20 USDC" continues the amounts). */
  /** "distribute 30 USDC equally among …": "between" / "among" comes before any "to". */
  private sharedAmongAhead(): boolean {
    for (let k = this.pos + 1; k < this.tokens.length && k < this.pos + 8; k++) {
      if (this.isWord(this.tokens[k], 'to', 'for', 'each')) return false;
      if (this.isWord(this.tokens[k], 'between', 'among', 'amongst')) return true;
    }
    return false;
  }

  /** Amount-token pairs from `index`, ",", "and" or ", and" apart, then "to" or "each": "5 USDC and 3 DAI to". */
  private pairsThenTo(index: number): boolean {
    let k = index;
    for (;;) {
      const amount = this.tokens[k];
      if (amount?.kind !== 'number' || amount.dollar) return false;
      k++;
      if (this.tokens[k]?.kind === 'suffix') k++;
      const token = this.tokens[k];
      if (token?.kind !== 'word' || this.symbolOf(token) === undefined) return false;
      k++;
      if (this.isWord(this.tokens[k], 'to', 'each')) return true;
      if (this.isPunct(this.tokens[k], ',') && this.isWord(this.tokens[k + 1], 'and')) k += 2;
      else if (this.isPunct(this.tokens[k], ',') || this.isWord(this.tokens[k], 'and')) k++;
      else return false;
    }
  }

  private toFollowsPair(index: number): boolean {
    let k = index + 1;
    if (this.tokens[k]?.kind === 'suffix') k++;
    if (this.tokens[k]?.kind !== 'word') return false;
    k++;
    return this.isWord(this.tokens[k], 'to', 'each');
  }

  /** "an unlimited", "unlimited", "infinite approval", "an allowance of": a transfer verb granting an allowance. */
  private unlimitedAhead(): boolean {
    const a = this.isWord(this.peek(), 'a', 'an') ? 1 : 0;
    const t = this.peek(a);
    return t?.kind === 'word' && (unlimitedWords.has(t.lower) || approvalNouns.has(t.lower));
  }

  /** A list of recipients: "alice, bob and carol", "bob.eth & carol.eth". */
  private recipientList(context: ExampleKey, recipientFirst = false): string[] {
    // "[alice.eth, bob.eth]": a bracketed list is a list like any other.
    const bracket = this.acceptPunct('(');
    const list = [this.recipient(context)];
    for (;;) {
      if (bracket && this.acceptPunct(')')) return list;
      const save = this.pos;
      const comma = this.acceptPunct(',');
      const and = this.acceptWord('and');
      // "to bob's wallet and alice's wallet": a possessive with its place noun is one more name.
      const possessive = and && this.peek()?.kind === 'word' && /^[a-z0-9_-]+\x27s$/.test(this.peek()!.lower) && this.peek(1)?.kind === 'word' && recipientNouns.has(this.peek(1)!.lower);
      if ((comma || and) && (this.isRecipientLike(this.peek()) || possessive) && !this.isWord(this.peek(), 'then') && !this.onlyFillerFrom(this.pos) && (and || this.nameAfterComma(this.pos))) {
        const next = this.peek(1);
        // "pay bob 3 DAI and carol 2 DAI": a name followed by an amount starts the next step, not this list.
        // "send 1 ETH to alice and bob gets 2 ETH": a name followed by a verb of getting starts the next step.
        const getsNext = !recipientFirst && this.isWord(next, 'gets', 'receives', 'should', 'will', 'can', 'must') && this.peek()?.kind !== 'address';
        if (!getsNext && (recipientFirst || !(next && (this.startsPlainAmount(next) || this.startsSameReferenceAt(this.pos + 1))))) {
          list.push(this.recipient(context));
          continue;
        }
      }
      this.pos = save;
      return list;
    }
  }

  /**
   * After a bare comma, whether the words at `index` are one more name of a list ("alice, bob and carol") rather
   * than an aside ("…, my share of the airbnb", "…, birthday present"): an address or ENS name, or one word
   * (after "my friend"-like nouns) that a list mark, "each" or the end follows.
   */
  private nameAfterComma(index: number): boolean {
    let k = index;
    const t = this.tokens[k];
    if (t?.kind === 'address' || t?.kind === 'ens') return true;
    if (this.isWord(t, 'my', 'our', 'the')) {
      k++;
      if (!(this.tokens[k]?.kind === 'word' && recipientNouns.has(this.tokens[k]!.lower))) return false;
    }
    while (this.tokens[k]?.kind === 'word' && recipientNouns.has(this.tokens[k]!.lower) && this.tokens[k + 1]?.kind === 'word') k++;
    const after = this.tokens[k + 1];
    if (!after) return true;
    // "…, memo: groceries": a note's label, not a name.
    if (after.kind === 'punct') return after.value !== "'" && !(after.value === ':' && (noteLabels.has(this.tokens[k]!.lower) || noteOpeners.has(this.tokens[k]!.lower)));
    if (after.kind === 'address' || after.kind === 'ens') return this.isWord(this.tokens[k], 'at');
    return this.isWord(after, 'and', 'each', 'apiece', 'too', 'as', 'both', 'at') || this.startsPlainAmount(after) || this.startsSameReferenceAt(k + 1);
  }

  /** Whether `t` can start a recipient: an address, an ENS name, or a word that is free to be a contact's name. */
  private isRecipientLike(t: Token | undefined): boolean {
    if (!t) return false;
    if (t.kind === 'address' || t.kind === 'ens') return true;
    if (t.kind !== 'word') return false;
    if (['my', 'our', 'the'].includes(t.lower)) return true;
    return (
      !reservedWords.has(t.lower) &&
      this.symbolOf(t) === undefined &&
      !chainWords.has(t.lower) &&
      verbs.get(t.lower) === undefined &&
      /^[A-Za-z0-9_-]+$/.test(t.text) &&
      // "send 5 USDC to carol.eth, after lunch": "after" opens a time clause, it names no one.
      this.timeClauseAt(this.indexOf(t)) === 0
    );
  }

  /** After a recipient-first transfer, "carol 2 DAI" or "carol the same" is another transfer. */
  private recipientFirstFollows(): boolean {
    let k = this.pos;
    while (this.isWord(this.tokens[k], 'my', 'our', 'the') || (this.tokens[k]?.kind === 'word' && recipientNouns.has(this.tokens[k]!.lower))) k++;
    // "send alice.eth: 5 USDC, bob.eth: 7 USDC".
    if (this.isPunct(this.tokens[k + 1], ':')) k++;
    const next = this.tokens[k + 1];
    return next !== undefined && (this.startsPlainAmount(next) || this.startsSameReferenceAt(k + 1));
  }

  /** swap/trade/exchange/convert/sell, and the verbless "1 ETH -> USDC". */
  private swapBody(verb: 'swap' | 'sell', verbless = false): Draft {
    const draft: Draft = { action: 'swap' };
    // "swap on the v2 fork, 1 WETH to USDC", "make swap in uniswap 10 USDC to DAI": the venue before the amount.
    let venue: { name: string; at: Token } | undefined;
    this.refuseForeignChain();
    if (!verbless && this.isWord(this.peek(), 'on', 'in', 'via', 'using', 'through', 'with') && this.venueAt(this.pos + 1)) {
      const at = this.peek()!;
      this.pos++;
      venue = { name: this.venuePhrase()!, at };
      this.acceptPunct(',') || this.acceptPunct(':');
    }
    if (this.isWord(this.peek(), 'exactly', 'exact') && this.peek(1) && this.startsPlainAmount(this.peek(1)!)) this.pos++;
    // "swap for DAI using 1 ETH": the token bought first, then what pays for it.
    if (this.isWord(this.peek(), 'for') && this.peek(1)?.kind === 'word' && this.symbolOf(this.peek(1)!) !== undefined && this.isWord(this.peek(2), 'using', 'with') && this.peek(3) !== undefined && this.startsPlainAmount(this.peek(3)!)) {
      this.pos++;
      draft.tokenOut = this.tokenRef('swap');
      this.pos++;
      const paid = this.amount('swap')!;
      this.setAmount(draft, paid);
      draft.token = paid.resolvedToken ?? this.tokenRef('swap');
      if (venue) this.setVenue(draft, venue.name, venue.at);
      return this.pairCheck(draft, paid.token);
    }
    const t = this.peek();
    let amount: Amount | undefined;
    if (t && (this.startsAmount(t) || this.startsReference(t))) amount = this.amount('swap');
    else if (this.isWord(t, 'from')) {
      this.pos++;
      amount = this.amount('swap');
    }
    if (amount) this.setAmount(draft, amount);
    if (!amount && t?.kind === 'word' && this.symbolOf(t) !== undefined && this.peek(1)?.kind === 'number' && this.peek(2)?.kind !== 'percent') {
      // "swap usdc 100 for dai": the token named before its amount.
      draft.token = this.tokenRef('swap');
      amount = this.amount('swap')!;
      this.setAmount(draft, amount);
    } else {
      // "swap 0.5 from ETH to USDC": the amount, then the token it is in after "from".
      if (amount && amount.resolvedToken === undefined && this.isWord(this.peek(), 'from') && this.peek(1)?.kind === 'word' && this.symbolOf(this.peek(1)!) !== undefined) this.pos++;
      draft.token = amount?.resolvedToken ?? this.tokenRef('swap');
    }
    this.acceptOwnWallet();
    this.acceptWord('back', 'over');
    // "swap my 3 DAI out for USDC", "trade 1 WETH in for DAI": a particle before the preposition ("in DAI" alone is the target).
    if (this.isWord(this.peek(1), 'for', 'to', 'into')) this.acceptWord('out', 'in', 'off', 'away');
    const arrow = this.isPunct(this.peek(), '->') || this.isPunct(this.peek(), '>');
    const target = this.peek(1);
    // an arrow to an address too ("5 USDC → 0x…"), as "to" ("a verbless amount to an ENS name or address … like an arrow").
    if (verbless && amount && !amount.reference && (((arrow || this.isWord(this.peek(), 'to')) && (target?.kind === 'ens' || target?.kind === 'address')))) {
      // "0.1 ETH -> bob.eth", "5 USDC to alice.eth": an amount sent to a name (never a token) is a payment.
      this.pos++;
      const listStart = this.peek();
      const recipients = this.recipientList('transfer');
      const each = this.acceptWord('each', 'apiece');
      this.checkSplit(recipients, each, 1, listStart);
      if (recipients.length > 1) throw this.ambiguous(listStart, 'a step without a verb pays one recipient: say "send … each to …"');
      const transfer: Draft = { action: 'transfer', token: draft.token, to: recipients[0]! };
      this.setAmount(transfer, amount);
      return transfer;
    }
    const preposition = this.peek();
    // "swap 1 eth usdc": terse, the token bought right after the token sold.
    const bare = !verbless && amount !== undefined && preposition?.kind === 'word' && this.symbolOf(preposition) !== undefined;
    if (!(bare || this.acceptWord('for', 'to', 'into', 'in', 'fro', 'fo', 'too', 'against') || this.acceptPunct('->') || this.acceptPunct('>') || this.acceptNumeralTo('token')))
      throw this.expected(verb === 'sell' ? '"for" and the token to receive' : '"for" and the token to get', 'swap');
    // "sell 1 ETH to get DAI", "trade 10 USDC to receive DAI".
    if (this.isWord(preposition, 'to') && this.isWord(this.peek(), 'get', 'receive', 'buy', 'obtain', 'acquire') && this.looksLikeToken(this.peek(1) ?? preposition!)) this.pos++;
    // "swap 1 ETH into some DAI": "some" marks the token bought (./frame.ts lets it stand only after an amount sold).
    if (this.isWord(this.peek(), 'some') && this.looksLikeToken(this.peek(1) ?? preposition!) && (draft.amount !== undefined || draft.amountUsd !== undefined)) this.pos++;
    const exactly = this.acceptWord('exactly', 'exact');
    const out = this.peek();
    // "swap 3 DAI to 0x…": after "to" (or an arrow) an address may be the token to buy or the person to pay; the
    // grammar does not pick one. "for 0x…" and "into 0x…" name only a token (the contract's token may be an address).
    if (out?.kind === 'address' && !this.isWord(preposition, 'for', 'into', 'in', 'fro', 'fo'))
      throw this.ambiguous(out, `${quote(out.text)} after ${quote(preposition!.text)} could be the token to buy or the address to pay: say "swap … for <token>" to trade, or "send … to ${out.text}" to pay`);
    if (out && this.startsPlainAmount(out)) draft.amountOut = this.exactAmount('swap');
    else if (exactly) throw this.expected('the exact amount to get', ['swap', 'buy']);
    draft.tokenOut = this.tokenRef('swap');
    if ((draft.amount !== undefined || draft.amountUsd !== undefined) && draft.amountOut !== undefined)
      throw this.fail(out, 'ambiguous swap: give the amount to sell or the amount to buy, not both', ['swap', 'buy']);
    if (draft.amount === undefined && draft.amountOut === undefined && draft.amountUsd === undefined && !verbless) this.trailingSwapAmount(draft);
    if (draft.amount === undefined && draft.amountOut === undefined && draft.amountUsd === undefined)
      throw this.fail(t, `how much ${draft.token} should be swapped? say an amount before ${quote(t!.text)}`, 'swap');
    const checked = this.pairCheck(draft, out);
    if (venue) this.setVenue(checked, venue.name, venue.at);
    return checked;
  }

  /**
   * Round 7: the pair first, then how much of the token sold: "initiate the swap from ETH to DAI for 0.5 ETH",
   * "swap ETH to USDC, amount 0.5", "swap eth for usdc: 0.5 eth". An amount in the token bought is refused
   * (it could be the amount to get), as is any other token.
   */
  private trailingSwapAmount(draft: Draft): void {
    const save = this.pos;
    const corrected = this.corrections.length;
    this.acceptPunct(',') || this.acceptPunct(':');
    if (!this.acceptWord('for', 'of', 'with', 'using')) {
      this.acceptWord('amount', 'qty', 'quantity');
      this.acceptPunct(':') || this.acceptPunct('=');
    }
    const at = this.peek();
    const amount = at && this.startsPlainAmount(at) ? this.amount('swap') : undefined;
    if (!amount || amount.usd || amount.reference) {
      this.pos = save;
      this.corrections.length = corrected;
      return;
    }
    const next = this.peek();
    const token = amount.resolvedToken ?? (next?.kind === 'word' && this.symbolOf(next) !== undefined ? this.tokenRef('swap') : undefined);
    if (token !== undefined && token !== draft.token)
      throw this.ambiguous(at, `${quote(this.source.slice(at!.start, this.tokens[this.pos - 1]!.end))} is not in ${draft.token}, the token sold: say "swap <amount> ${draft.token} for ${draft.tokenOut}" or "buy <amount> ${draft.tokenOut} with ${draft.token}"`);
    draft.amount = amount.value;
  }

  /**
   * buy/get: exact output when an amount follows the verb ("buy 100 USDC with ETH"), exact input otherwise.
   * Several outputs may share one payment: "buy 100 usdc and 100 dai with eth".
   */
  private buy(verb: Token): Draft[] {
    this.acceptWord('me');
    const thing = this.peek(1);
    if (this.isWord(this.peek(), 'a', 'an') && !this.startsAmount(this.peek()!) && thing?.kind === 'word' && this.symbolOf(thing) === undefined && !reservedWords.has(thing.lower))
      // "buy me a coffee", "buy a house": things, not tokens.
      throw refusal(intentErrorCodes.unsupported, this.source, thing, `Lucid buys tokens, not ${quote(`${this.peek()!.text} ${thing.text}`)}: it can swap for ${this.symbols.spellings.join(', ')}`);
    // "buy some DAI with 0.2 ETH": "some" before the token bought, with the amount paid given.
    if (this.isWord(this.peek(), 'some') && this.peek(1)?.kind === 'word' && this.isWord(this.peek(2), 'with', 'using') && this.peek(3) && this.startsPlainAmount(this.peek(3)!)) this.pos++;
    const exactly = this.acceptWord('exactly', 'exact');
    const t = this.peek();
    const worth = t && !exactly ? this.buyWorth() : undefined;
    if (worth) return [worth];
    if (t && (this.startsPlainAmount(t) || (this.isWord(t, 'a') && this.startsAmount(t)))) {
      const outs: { amountOut: string; tokenOut: string }[] = [];
      for (;;) {
        const amountOut = this.exactAmount('buy');
        outs.push({ amountOut, tokenOut: this.tokenRef('buy') });
        const next = this.peek(1);
        if (this.isWord(this.peek(), 'and') && next && this.startsPlainAmount(next)) {
          this.pos++;
          continue;
        }
        break;
      }
      if (!(this.acceptWord('with', 'using', 'for', 'from') || this.acceptPhrase([['paying', 'with'], ['paying'], ['in', 'exchange', 'for']])))
        throw this.expected(`"with" and the token to pay with`, 'buy');
      const pay = this.peek();
      if (pay && this.startsPlainAmount(pay))
        throw this.fail(pay, 'ambiguous swap: give the amount to buy or the amount to spend, not both', ['buy', 'swap']);
      const token = this.tokenRef('buy');
      return outs.map(({ amountOut, tokenOut }) => this.pairCheck({ action: 'swap', amountOut, token, tokenOut }, t));
    }
    if (exactly) throw this.expected('the exact amount to get', 'buy');
    const draft: Draft = { action: 'swap' };
    draft.tokenOut = this.tokenRef('buy');
    if (!(this.acceptWord('with', 'using', 'for') || this.acceptPhrase([['paying', 'with'], ['paying']])))
      throw this.expected(`"with" and what to pay`, 'buy');
    const amount = this.amount('buy');
    if (!amount) throw this.fail(this.peek(), `how much should ${verb.lower} spend or get? say an amount`, ['buy', 'swap']);
    this.setAmount(draft, amount);
    draft.token = amount.resolvedToken ?? this.tokenRef('buy');
    return [this.pairCheck(draft, t)];
  }

  /**
   * "buy $50 worth of ETH (with USDC)": a dollar value to spend, never an amount to get; "buy 100 USDC worth of ETH":
   * 100 USDC is what is paid (a token's worth of another names the price, not the output). Round 7.
   */
  private buyWorth(): Draft | undefined {
    const save = this.pos;
    const corrected = this.corrections.length;
    const amount = this.amount('buy');
    if (!amount) return undefined;
    if (amount.usd) {
      // the amount production reads "$50 worth of" itself; the token bought follows.
      const tokenOut = this.tokenRef('buy');
      if (!(this.acceptWord('with', 'using') || this.acceptPhrase([['paying', 'with']]))) throw this.expected('"with" and the token to pay with', 'buy');
      const draft: Draft = { action: 'swap', amountUsd: amount.value, token: this.tokenRef('buy'), tokenOut };
      return this.pairCheck(draft, amount.token);
    }
    if (amount.reference || amount.value === 'all' || amount.value.endsWith('%')) {
      this.pos = save;
      this.corrections.length = corrected;
      return undefined;
    }
    const token = amount.resolvedToken ?? (this.peek()?.kind === 'word' ? this.tokenRef('buy') : undefined);
    if (token === undefined || !this.isWord(this.peek(), 'worth') || !this.isWord(this.peek(1), 'of')) {
      this.pos = save;
      this.corrections.length = corrected;
      return undefined;
    }
    this.pos += 2;
    const draft: Draft = { action: 'swap', amount: amount.value, token, tokenOut: this.tokenRef('buy') };
    return this.pairCheck(draft, amount.token);
  }

  /** A swap of a token for itself is refused; ETH ⇄ WETH by amount sold is a wrap or an unwrap. */
  private pairCheck(draft: Draft, at: Token | undefined): Draft {
    if (draft.token!.toLowerCase() === draft.tokenOut!.toLowerCase())
      throw this.fail(at, `cannot swap ${draft.token} for itself: name two different tokens`, 'swap');
    if (draft.amount !== undefined && draft.slippageBps === undefined) {
      if (draft.token === 'ETH' && draft.tokenOut === 'WETH') return { action: 'wrap', amount: draft.amount, token: 'ETH' };
      if (draft.token === 'WETH' && draft.tokenOut === 'ETH') return { action: 'unwrap', amount: draft.amount, token: 'WETH' };
    }
    return draft;
  }

  private wrap(verb: 'wrap' | 'unwrap', t: Token): Draft {
    const amount = this.amount(verb) ?? this.impliedOutput(t);
    if (!amount) throw this.expected('an amount', verb);
    const from = verb === 'wrap' ? 'ETH' : 'WETH';
    const to = verb === 'wrap' ? 'WETH' : 'ETH';
    if (amount.resolvedToken !== undefined && amount.resolvedToken !== from)
      throw this.ambiguous(amount.token, `${quote(amount.token.text)} is ${amount.resolvedToken}, and only ${from} can be ${verb}ped`);
    const next = this.peek();
    if (amount.resolvedToken === undefined && next && this.looksLikeToken(next)) {
      const symbol = this.tokenRef(verb);
      if (symbol !== 'ETH' && symbol !== 'WETH')
        throw this.fail(next, `only ${from} can be ${verb}ped, not ${quote(next.text)}`, verb);
    }
    // "unwrap 0.1 WETH back to ETH": the way back is said by "to".
    if (this.isWord(this.peek(), 'back') && this.isWord(this.peek(1), 'to', 'into') && this.peek(2) && this.looksLikeToken(this.peek(2)!)) this.pos++;
    const after = this.peek(1);
    if (after && this.looksLikeToken(after) && (this.acceptWord('into', 'to', 'for') || this.acceptPunct('->'))) {
      const target = this.peek();
      const symbol = this.tokenRef(verb);
      if (symbol !== to) throw this.fail(target, `${t.lower} turns ${from} into ${to}, not ${quote(target!.text)}`, verb);
    }
    const draft: Draft = { action: verb, token: from };
    this.setAmount(draft, amount);
    return draft;
  }

  private stake(verb: 'stake' | 'unstake'): Draft {
    const amount = this.amount(verb) ?? (verb === 'stake' ? this.impliedOutput(this.tokens[this.pos - 1]) : undefined);
    if (!amount) throw this.expected('an amount', verb);
    const draft: Draft = { action: verb };
    this.setAmount(draft, amount);
    draft.token = amount.resolvedToken ?? this.tokenRef(verb);
    return draft;
  }

  /**
   * supply/lend/deposit/put/add/lock/provide and withdraw/pull/take/redeem: an amount and a token, then where
   * it goes or comes from, which decides the action: WETH from ETH is a wrap (and back an unwrap), a staking
   * venue ("the capital pool", Lido) or "as capital" a stake, anything else lending (supply/withdraw).
   */
  /** Whether "in/into someone's wallet" follows the amount and token ahead ("put 20 DAI into bob's wallet"). */
  private possessivePlaceAhead(): boolean {
    for (let k = 0; k < 5; k++) {
      const t = this.peek(k);
      if (!t || (t.kind === 'punct' && t.value !== '$')) return false;
      const owner = this.peek(k + 1);
      if (this.isWord(t, 'in', 'into') && owner?.kind === 'word' && /^[a-z0-9_-]+\x27s$/.test(owner.lower) && this.isWord(this.peek(k + 2), 'wallet', 'account', 'address'))
        return k >= 2;
    }
    return false;
  }

  private deposit(kind: 'supply' | 'withdraw' | 'redeem', verb: Token | undefined): Draft {
    const inward = kind === 'supply';
    const word = verb?.lower ?? '';
    if (motionVerbs.has(word) && inward && this.possessivePlaceAhead()) {
      // "put 20 DAI into bob's wallet": someone's place, not a venue: a payment to them.
      const drafts = this.transfer();
      if (drafts.length === 1) return drafts[0]!;
      throw this.ambiguous(verb, 'one step per sentence part: give each payment its own verb');
    }
    if (word === 'earn') {
      // "earn yield on 1000 usdc", "earn the best yield on 2k DAI", "earn interest on my WETH".
      const length = this.yieldObjectAt(this.pos);
      if (!length) throw this.expected('"yield" or "interest" and "on" an amount', 'swap');
      this.pos += length;
    }
    this.acceptWord('out');
    if (word === 'lock') this.acceptWord('up', 'away');
    // "draw down 50 DAI from aave": the particle of "draw" (withdraw), before what is taken out.
    if (word === 'draw' && this.isWord(this.peek(), 'down') && this.peek(1) !== undefined && (this.startsAmount(this.peek(1)!) || this.isWord(this.peek(1), 'my', 'from'))) this.pos++;
    // "supply aave with 30 USDC": the venue first, then what goes into it.
    // "deposit into aave 25 DAI", "withdraw from aave 25 DAI": the place first, then the amount.
    let first: { venue: string; at: Token } | undefined;
    {
      const save = this.pos;
      const at = this.peek();
      const before = inward ? this.acceptWord('into', 'in', 'to', 'on', 'at') : this.acceptPhrase([['out', 'of'], ['from']]) !== undefined;
      if (this.venueAt(this.pos)) {
        const venue = this.venuePhrase()!;
        if (before || this.acceptWord('with')) first = { venue, at: at! };
        else this.pos = save;
      } else this.pos = save;
    }
    this.receiptTokens = !inward;
    this.receiptSeen = false;
    let amount: Amount | undefined;
    const draft: Draft = { action: inward ? 'supply' : 'withdraw' };
    try {
      amount = this.amount('swap');
      // "swap 1 ETH for DAI and deposit into aave": no object after the place, the step before's output.
      if (!amount && first && inward) amount = this.impliedOutput(this.tokens[this.pos - 1]);
      if (!amount) throw this.expected('an amount', 'swap');
      this.setAmount(draft, amount);
      draft.token = amount.resolvedToken ?? this.tokenRef('swap');
    } finally {
      this.receiptTokens = false;
    }
    if (first) this.setVenue(draft, first.venue, first.at);
    // Round 7: "take out my USDC deposit from aave", "withdraw my DAI position": what was supplied, named as such.
    if (!inward) this.acceptWord('deposit', 'deposits', 'position', 'supply', 'savings');
    if (this.receiptSeen) this.setVenue(draft, 'aave', amount!.token);
    // "put my 15 USDC to work on aave"; without a venue ("put 100 USDC to work") it supplies wherever it earns.
    const toWork = inward ? this.acceptPhrase([['to', 'work']]) : undefined;
    // "withdraw all the USDC I lent (on aave)": the relative clause says where it is, not a second step.
    if (!inward) this.acceptPhrase(lentClauses);
    this.acceptWord('back');
    if (!this.isWord(this.peek(1), 'of')) this.acceptWord('out');
    let stakeMarked = ['lock', 'provide'].includes(word);
    let target: string | undefined;
    const save = this.pos;
    const outward = this.acceptPhrase([['out', 'of'], ['from'], ['off']]);
    const onward = !outward && (this.acceptWord('into', 'in', 'to', 'on', 'via', 'through', 'using', 'with', 'at', 'inside') || (kind === 'redeem' && this.acceptWord('for')));
    if (outward || onward) {
      if (outward && inward) throw this.fail(this.tokens[save], `${quote(this.tokens[save]!.text)} goes the wrong way for ${quote(verb?.text ?? kind)}`, 'swap');
      if (this.venueAt(this.pos)) this.setVenue(draft, this.venuePhrase()!, this.tokens[save]);
      else if (onward && this.isWord(this.tokens[save], 'to') && inward && (this.peek()?.kind === 'ens' || this.peek()?.kind === 'address' || (this.isRecipientLike(this.peek()) && this.peek()!.kind === 'word' && !this.isWord(this.peek(), 'the', 'my', 'our') && !foreignTokens.has(this.peek()!.lower) && !this.chainAt(this.pos) && (this.atEndAt(this.pos + 1)))))
        // "lend 50 DAI to bob": lending goes into a venue; paying a person is a transfer.
        throw this.fail(this.peek(), `${quote(verb?.text ?? kind)} puts funds into a venue like Aave, not to a person: to pay ${quote(this.peek()!.text)}, say "send"`, 'transfer');
      else if (this.peek() && this.looksLikeToken(this.peek()!) && !this.chainAt(this.pos)) target = this.tokenRef('swap');
      else this.pos = save;
    }
    if (this.acceptPhrase([['as', 'capital'], ['as', 'stake'], ['for', 'staking']])) stakeMarked = true;
    // "provide 200 DAI as liquidity to Aave": what a lending venue takes as liquidity it lends out, so it is supplied.
    if (draft.venue === undefined && this.isWord(this.peek(), 'as') && this.isWord(this.peek(1), 'liquidity') && this.isWord(this.peek(2), 'to', 'into', 'on', 'at') && this.venueAt(this.pos + 3)) {
      const save = this.pos;
      this.pos += 3;
      const venue = this.venuePhrase();
      if (venue !== undefined && lendingVenues.some((name) => venue === name || venue.startsWith(`${name}-`))) this.setVenue(draft, venue, this.tokens[save + 2]);
      else this.pos = save;
    }
    if (this.isWord(this.peek(), 'as', 'for', 'into', 'to') && this.isWord(this.peek(1), 'liquidity', 'lp'))
      throw refusal(intentErrorCodes.unsupported, this.source, this.peek(1), 'providing liquidity is not something Lucid does here: it can swap, stake, lend and send');
    if (!this.isWord(this.peek(1), 'of')) this.acceptWord('out');
    // With a venue named, "for interest" is the reason, kept as a note; without one it says where (anywhere it earns).
    const anywhere = draft.venue !== undefined || !inward ? undefined : this.acceptPhrase([['to', 'earn', 'interest'], ['to', 'earn', 'yield'], ['for', 'yield'], ['for', 'interest']]) ?? this.acceptBestPlace() ?? toWork;
    if (anywhere) this.anywhereSteps.add(draft);
    // "redeem 50 aUSDC for USDC": a receipt token taken back for the token it stands for is the withdrawal itself.
    if (!inward && this.receiptSeen && target === draft.token) target = undefined;
    if (target !== undefined) {
      // "deposit 1 ETH into WETH", "redeem 0.7 WETH for ETH".
      if (inward && draft.token === 'ETH' && target === 'WETH') return this.asAction(draft, 'wrap');
      if (!inward && draft.token === 'WETH' && target === 'ETH') return this.asAction(draft, 'unwrap');
      // "withdraw 1 ETH from WETH": taking ETH out of WETH unwraps it, one for one.
      if (!inward && outward && draft.token === 'ETH' && target === 'WETH') return this.asAction(draft, 'unwrap');
      throw this.fail(this.tokens[this.pos - 1], `cannot ${word || kind} ${draft.token} ${inward ? 'into' : 'for'} ${target}: name a venue, like Aave`, 'swap');
    }
    // "provide 100 USDC to aave": providing to a lending venue supplies it; "as capital" or a staking venue stakes.
    if (word === 'provide' && draft.venue !== undefined && !stakingVenues.has(draft.venue) && !this.tokens.slice(0, this.pos).some((t) => t.lower === 'capital' || t.lower === 'stake' || t.lower === 'staking')) stakeMarked = false;
    if (stakeMarked || (draft.venue !== undefined && stakingVenues.has(draft.venue))) draft.action = inward ? 'stake' : 'unstake';
    if (draft.venue === undefined && !stakeMarked && !anywhere && ['put', 'add', 'take', 'pull', 'redeem', 'remove', 'park'].includes(word))
      throw this.expected(inward ? '"into" and where it should go, like Aave' : '"from" and where it comes from, like Aave', 'swap');
    return draft;
  }

  /**
   * yieldObject := ["the"|"some"] [superlative] rateNoun ("on"|"with"|"from"|"for"): "the best yield on", "some
   * interest on", "the highest apy for". The length in words, 0 when none stands at `index`.
   */
  private yieldObjectAt(index: number): number {
    let k = index;
    if (this.isWord(this.tokens[k], 'the', 'some', 'a', 'an')) k++;
    if (this.isWord(this.tokens[k], ...superlatives)) k++;
    if (!this.isWord(this.tokens[k], ...rateNouns)) return 0;
    k++;
    return this.isWord(this.tokens[k], 'on', 'with', 'from', 'for') ? k + 1 - index : 0;
  }

  /**
   * Where it earns the most, said without naming a venue (so any lending agent competes):
   * ("where" | "wherever") ("it" earnVerb ["the"] superlative [rateNoun] | "the" rateNoun ("is"|"'s") superlative)
   * | ("at" | "for" | "with") "the" superlative rateNoun. Returns the words, or undefined (nothing consumed).
   */
  private acceptBestPlace(): readonly string[] | undefined {
    const start = this.pos;
    const done = () => this.tokens.slice(start, this.pos).map((t) => t.lower);
    if (this.acceptWord('where', 'wherever')) {
      if (this.acceptWord('it') && this.acceptWord('earns', 'gets', 'pays', 'yields', 'makes', 'returns', 'will', "'ll")) {
        this.acceptWord('earn', 'get', 'make', 'pay');
        this.acceptWord('the');
        if (this.acceptWord(...superlatives)) {
          this.acceptWord(...rateNouns);
          return done();
        }
      } else if (this.acceptWord('the') && this.acceptWord(...rateNouns) && this.acceptWord('is', "'s", 'are') && this.acceptWord(...superlatives)) return done();
    } else if (this.acceptWord('at', 'for', 'with') && this.acceptWord('the') && this.acceptWord(...superlatives) && this.acceptWord(...rateNouns)) return done();
    this.pos = start;
    return undefined;
  }

  /** The same amount as another action (a deposit into WETH is a wrap). */
  private asAction(draft: Draft, action: 'wrap' | 'unwrap'): Draft {
    const out: Draft = { action, token: action === 'wrap' ? 'ETH' : 'WETH' };
    if (draft.amount !== undefined) out.amount = draft.amount;
    if (draft.amountUsd !== undefined) out.amountUsd = draft.amountUsd;
    return out;
  }

  private claim(): Draft {
    const draft: Draft = { action: 'claim' };
    this.acceptPhrase([['all', 'of', 'my'], ['all', 'my'], ['all', 'the'], ['all'], ['my'], ['the'], ['any'], ['whatever']]);
    this.acceptWord('pending', 'accrued', 'available', 'unclaimed', 'earned', 'outstanding', 'accumulated', 'remaining');
    // "claim capital-pool rewards", "claim the capital pool's rewards": the venue before the rewards.
    const venueStart = this.pos;
    const venue = this.venuePhrase();
    if (venue !== undefined && this.peek()?.kind === 'word' && rewardNouns.has(this.peek()!.lower)) this.setVenue(draft, venue, this.tokens[venueStart]);
    else this.pos = venueStart;
    this.acceptWord('staking', 'lending', 'farming', 'protocol', 'pool');
    const t = this.peek();
    if (t && this.startsAmount(t) && !this.isWord(t, 'all'))
      throw this.fail(t, `claim takes no amount: it claims everything pending`, 'claim');
    const maybeToken = t?.kind === 'address' || (t?.kind === 'word' && !rewardNouns.has(t.lower) && !reservedWords.has(t.lower));
    if (maybeToken) draft.token = this.tokenRef('claim');
    while (this.peek()?.kind === 'word' && rewardNouns.has(this.peek()!.lower)) this.pos++;
    // "whatever rewards I have", "the rewards of the pool" (no venue named: the pool the rewards come from).
    // "the rewards (that) I have earned/accrued": the perfect before the plain "I have".
    this.acceptPhrase([['that', 'i', 'have', 'earned'], ['i', 'have', 'earned'], ["i've", 'earned'], ['that', 'i', 'have', 'accrued'], ['i', 'have', 'accrued'], ["i've", 'accrued'], ['that', 'i', 'have'], ['i', 'have'], ['i', 'earned'], ['i', 'got'], ['i', 'am', 'owed'], ["i'm", 'owed']]);
    if (this.isWord(this.peek(), 'of', 'from') && !this.venueAt(this.pos + 1)) {
      const k = this.isWord(this.peek(1), 'the', 'my') ? 2 : 1;
      if (this.isWord(this.peek(k), 'pool', 'staking', 'stake', 'protocol')) this.pos += k + 1;
    }
    // "claim my rewards for bob": a claim pays the claimer; it is not a purpose to note but a second reading (bob's
    // rewards, or mine sent to bob).
    const forWhom = this.peek(1);
    if (this.isWord(this.peek(), 'for', 'to') && forWhom !== undefined && (forWhom.kind === 'ens' || forWhom.kind === 'address' || (forWhom.kind === 'word' && this.isRecipientLike(forWhom) && !reservedWords.has(forWhom.lower) && !recipientNouns.has(forWhom.lower))) && this.atEndAt(this.pos + 2))
      throw this.fail(forWhom, `a claim pays your own wallet, not ${quote(forWhom.text)}: to pay them, claim, then "send" what it gave`, 'claim');
    return draft;
  }

  private approve(): Draft {
    const draft: Draft = { action: 'approve' };
    // "set an allowance of 100 USDC for uniswap".
    this.acceptPhrase([['an', 'allowance', 'of'], ['allowance', 'of'], ['an', 'approval', 'of'], ['approval', 'of'], ['a', 'spending', 'limit', 'of'], ['spending', 'limit', 'of']]);
    if (this.isWord(this.peek(), 'my', 'the', 'our') && this.peek(1)?.kind === 'word' && this.symbolOf(this.peek(1)!) !== undefined && this.isApprovalNoun(this.peek(2))) {
      // "set my USDC allowance for uniswap to 100": the token's allowance, its spender, then the amount.
      this.pos++;
      draft.token = this.tokenRef('approve');
      this.acceptApprovalNoun();
      if (!this.acceptWord('for', 'on', 'to')) throw this.expected('"for" and the spender', 'approve');
      draft.to = this.possessiveSpender() ?? this.recipient('approve');
      this.acceptPhrase(spenderNouns);
      return this.allowanceLevel(draft);
    }
    if (this.amountOrUnlimited(draft)) {
      draft.token = this.amountTokenOr('approve');
      this.acceptWord('spending');
      this.acceptApprovalNoun();
      // "approve 50 USDC for spending by 0x…", "… for use by uniswap".
      const by = this.acceptPhrase([['for', 'spending', 'by'], ['for', 'use', 'by'], ['spendable', 'by'], ['usable', 'by']]);
      if (!(by || this.acceptWord('for', 'to') || this.acceptPunct('->'))) throw this.expected('"for" and the spender', 'approve');
      draft.to = this.recipient('approve');
      return draft;
    }
    const first = this.peek();
    if (first?.kind === 'word' && this.symbolOf(first) !== undefined)
      throw this.fail(first, `how much ${this.symbolOf(first)} may be spent? say an amount or "unlimited" before ${quote(first.text)}`, 'approve');
    const owner = this.possessiveSpender();
    // "reset uniswap's USDC allowance to 0", "set uniswap's DAI allowance to 50": the spender's allowance of a token, then its level.
    if (owner !== undefined && this.peek()?.kind === 'word' && this.symbolOf(this.peek()!) !== undefined && this.isApprovalNoun(this.peek(1)) && this.isWord(this.peek(2), 'to', 'at')) {
      draft.to = owner;
      draft.token = this.tokenRef('approve');
      this.acceptApprovalNoun();
      return this.allowanceLevel(draft);
    }
    draft.to = owner ?? this.recipient('approve');
    return this.approveAfterSpender(draft);
  }

  /**
   * "… to 100", "… to unlimited", "… to zero": the level an allowance is set to. Setting it to zero is what a
   * revoke does, so it is one ("set my DAI allowance for uniswap to zero").
   */
  private allowanceLevel(draft: Draft): Draft {
    if (!this.acceptPhrase([['to'], ['at'], ['of']])) throw this.expected('"to" and an amount', 'approve');
    const t = this.peek();
    if (t && (((t.kind === 'number' || t.kind === 'numberWord') && isZero(t.value)) || this.isWord(t, 'zero')) && this.peek(1)?.kind !== 'suffix') {
      this.pos++;
      return { action: 'revoke', token: draft.token!, to: draft.to! };
    }
    if (!this.amountOrUnlimited(draft)) throw this.expected('an amount or "unlimited"', 'approve');
    return draft;
  }

  /**
   * An approval after its spender: ["router"] [unlimited] [permission noun] [link] amount token [", unlimited"].
   * "grant uniswap permission to use 50 DAI", "allow uniswap access to 100 DAI", "give the v2-fork the ok to spend
   * 3 WETH", "let uniswap's router use 100 DAI", "give uniswap unlimited permission to spend my USDC".
   */
  private approveAfterSpender(draft: Draft): Draft {
    this.acceptPhrase(spenderNouns);
    const u = this.peek();
    if (u?.kind === 'word' && unlimitedWords.has(u.lower) && this.permissionAt(this.pos + 1)) {
      this.pos++;
      draft.unlimited = true;
    }
    const noun = this.acceptPhrase(permissionNouns);
    const linked = this.acceptPhrase([
      ['to', 'spend', 'up', 'to'], ['to', 'use', 'up', 'to'], ['to', 'spend'], ['spend', 'up', 'to'], ['use', 'up', 'to'], ['spend'], ['use'],
      ['to', 'use'], ['to', 'move'], ['to', 'access'], ['to', 'transfer'], ['for'], ['to'], ['over'], ['on'],
      ['an', 'allowance', 'of'], ['allowance', 'of'], ['an', 'approval', 'of'], ['approval', 'for'], ['up', 'to'],
    ]);
    if (!linked && !noun && !draft.unlimited && !this.unlimitedAhead()) throw this.expected('"to spend" and an amount', 'approve');
    if (draft.unlimited) this.acceptPhrase([['all', 'of', 'my'], ['all', 'my'], ['my'], ['the'], ['our']]);
    else if (!this.amountOrUnlimited(draft)) throw this.expected('an amount or "unlimited"', 'approve');
    if (this.acceptApprovalNoun()) this.acceptWord('on', 'for', 'of');
    draft.token = this.amountTokenOr('approve');
    this.acceptWord('spending');
    this.acceptApprovalNoun();
    // "…, unlimited", "… without a limit": no cap on what was named as "my DAI".
    const save = this.pos;
    this.acceptPunct(',');
    if (this.acceptPhrase([['unlimited'], ['no', 'limit'], ['without', 'a', 'limit'], ['without', 'limit'], ['with', 'no', 'limit'], ['no', 'cap']])) {
      if (draft.amount !== undefined && draft.amount !== 'all') throw this.ambiguous(this.tokens[save], 'an amount and "unlimited" name two different approvals');
      delete draft.amount;
      draft.unlimited = true;
    } else this.pos = save;
    return draft;
  }

  /** Whether a permission noun ("permission", "access", "the ok") stands at `index`. */
  private permissionAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.acceptPhrase(permissionNouns) !== undefined;
    this.pos = save;
    return found;
  }

  /** "uniswap's …", "bob.eth's …": the possessor, as a spender (a known venue in its contract spelling). */
  private possessiveSpender(): string | undefined {
    const t = this.peek();
    if (t?.kind === 'ens' && this.isWord(this.peek(1), "'s")) {
      this.pos += 2;
      return t.text;
    }
    if (t?.kind !== 'word' || !/'s$/.test(t.lower)) return undefined;
    const name = t.text.slice(0, -2);
    const venue = venuePhrases.find((phrase) => phrase.words.length === 1 && phrase.words[0] === name.toLowerCase());
    if (!venue && (!/^[A-Za-z0-9_-]+$/.test(name) || reservedWords.has(name.toLowerCase()) || this.symbols.canonical.has(name.toLowerCase()))) return undefined;
    this.pos++;
    return venue ? venue.venue : name;
  }

  /** The token a reference already resolved ("approve it for …"), or the token named here. */
  private amountTokenOr(context: ExampleKey): string {
    const resolved = this.pendingToken;
    this.pendingToken = undefined;
    return resolved ?? this.tokenRef(context);
  }

  /** "unlimited"/"infinite"/"max" → unlimited; otherwise an amount. Returns whether either was read. */
  private amountOrUnlimited(draft: Draft): boolean {
    const save = this.pos;
    this.acceptWord('an', 'a');
    if (this.peek()?.kind === 'word' && unlimitedWords.has(this.peek()!.lower)) {
      this.pos++;
      // "grant unlimited approval of USDC to …": the approval's noun between "unlimited" and its token.
      this.acceptPhrase([['amount', 'of'], ['of'], ['approval', 'of'], ['allowance', 'of'], ['approval', 'for'], ['allowance', 'for'], ['spending', 'of']]);
      draft.unlimited = true;
      return true;
    }
    this.pos = save;
    const t = this.peek();
    if (t && (this.startsAmount(t) || this.startsReference(t))) {
      const amount = this.amount('approve')!;
      if (amount.usd) throw this.fail(t, 'an approval is in tokens, not dollars: say the amount of the token', 'approve');
      draft.amount = amount.value;
      this.pendingToken = amount.resolvedToken;
      return true;
    }
    return false;
  }

  private revoke(): Draft {
    const draft: Draft = { action: 'revoke' };
    this.acceptPhrase([['all', 'of', 'the'], ['all', 'the'], ['all'], ['the'], ['my']]);
    this.acceptWord('token');
    const spenderLink = [
      ['that', 'i', 'gave', 'to'], ['that', 'i', 'gave'], ['i', 'gave', 'to'], ['i', 'gave'], ['i', 'granted', 'to'], ['i', 'granted'],
      ['given', 'to'], ['granted', 'to'], ['for'], ['from'], ['to'], ['of'], ['on'],
    ] as const;
    const first = this.peek();
    if (first && this.startsAmount(first) && !this.isWord(first, 'all'))
      throw this.fail(first, 'revoke takes no amount: it sets the allowance to zero', 'revoke');
    const owner = this.possessiveSpender();
    if (owner !== undefined) {
      // "uniswap's allowance on WETH", "uniswap's access to my USDC", "uniswap's DAI allowance".
      draft.to = owner;
      // "Uniswap's permission to spend my USDC", "uniswap's right to use my DAI".
      if (this.acceptPhrase([['permission', 'to', 'spend'], ['permission', 'to', 'use'], ['permission', 'to', 'move'], ['right', 'to', 'spend'], ['right', 'to', 'use']])) {
        this.acceptWord('my', 'the');
        draft.token = this.tokenRef('revoke');
        return draft;
      }
      if (this.acceptApprovalNoun() || this.acceptWord('access')) {
        if (!this.acceptWord('on', 'for', 'to', 'of', 'over')) throw this.expected('"on" and a token', 'revoke');
        this.acceptWord('my', 'the');
        draft.token = this.tokenRef('revoke');
      } else {
        draft.token = this.tokenRef('revoke');
        if (!this.acceptApprovalNoun()) this.acceptWord('access');
      }
      return draft;
    }
    if (first?.kind === 'word' && approvalNouns.has(first.lower)) {
      // revoke approval for USDC from 0x…; revoke all token approvals granted to Uniswap for DAI
      this.pos++;
      // "the allowance for uniswap on USDC": a spender (not a token) after "for", then the token.
      const spender = this.peek(1);
      const spenderFor = this.isWord(this.peek(), 'for') && (spender?.kind === 'ens' || spender?.kind === 'address' || (spender?.kind === 'word' && this.symbolOf(spender) === undefined && !reservedWords.has(spender.lower))) && this.isWord(this.peek(2), 'on', 'for', 'of', 'over');
      // "the allowance uniswap has on my USDC": the spender as the holder, then the token.
      if (this.isWord(this.peek(1), 'has', 'holds') && this.isRecipientLike(this.peek()) && !(this.peek()!.kind === 'word' && this.symbolOf(this.peek()!) !== undefined)) {
        draft.to = this.recipient('revoke');
        this.pos++;
        if (!this.acceptWord('on', 'for', 'over', 'to', 'of')) throw this.expected('"on" and a token', 'revoke');
        this.acceptWord('my', 'the', 'our');
        draft.token = this.tokenRef('revoke');
        return draft;
      }
      const granted = this.acceptPhrase([['granted', 'to'], ['given', 'to'], ['to']]) ?? (spenderFor ? this.acceptPhrase([['for']]) : undefined);
      if (granted) {
        draft.to = this.recipient('revoke');
        if (!this.acceptWord('for', 'on', 'of')) throw this.expected('"for" and a token', 'revoke');
        draft.token = this.tokenRef('revoke');
        return draft;
      }
      this.acceptWord('for', 'of', 'on');
      draft.token = this.tokenRef('revoke');
      this.acceptApprovalNoun();
      if (!this.acceptPhrase(spenderLink)) throw this.expected('"for" and the spender', 'revoke');
      draft.to = this.recipient('revoke');
      return draft;
    }
    const second = this.peek(1);
    const tokenFirst =
      (first?.kind === 'word' && this.symbolOf(first) !== undefined) ||
      (first?.kind === 'address' &&
        (this.isApprovalNoun(second) || (this.isWord(second, 'for', 'from', 'to', 'on', 'of') && !this.isWord(this.peek(2), 'spending', 'using'))));
    if (tokenFirst) {
      // revoke USDC approval for 0x…; "revoke usdc uniswap": the spender right after the token
      draft.token = this.tokenRef('revoke');
      const noun = this.acceptApprovalNoun();
      if (!this.acceptPhrase(spenderLink) && !(!noun && this.isRecipientLike(this.peek()) && !this.isWord(this.peek(), 'my', 'our', 'the')))
        throw this.expected('"for" and the spender', 'revoke');
      draft.to = this.recipient('revoke');
      return draft;
    }
    // revoke 0x… from spending USDC / revoke uniswap's access to USDC / revoke 0x… USDC approval
    draft.to = this.recipient('revoke');
    if (this.acceptPhrase([['from', 'spending'], ['from', 'using'], ['from', 'moving'], ['access', 'to'], ['approval', 'for'], ['allowance', 'for'], ['approval', 'on'], ['allowance', 'on'], ['on'], ['for']])) {
      this.acceptWord('my', 'the');
      draft.token = this.tokenRef('revoke');
      return draft;
    }
    const next = this.peek();
    if (next && this.looksLikeToken(next)) {
      draft.token = this.tokenRef('revoke');
      this.acceptApprovalNoun();
      return draft;
    }
    throw this.expected('"from spending" and a token', 'revoke');
  }

  /** A balance question: balance words, at most one token, and a chain, in any order. */
  private balance(): Draft[] {
    const draft: Draft = { action: 'balance' };
    let marked = false;
    const start = this.peek();
    const asks = this.isWord(start, 'what', "what's", 'whats', 'how');
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'punct' && separatorMarks.has(t.value)) break;
      if (t.kind === 'word' && (t.lower === 'then' || t.lower === 'and')) break;
      if (t.kind === 'word' && this.onlyFillerFrom(this.pos)) {
        // "gimme my balances fam", "what's my steth lol".
        this.pos = this.tokens.length;
        break;
      }
      if (t.kind === 'word' && (t.lower === 'on' || t.lower === 'via') && this.chainAt(this.pos + 1)) {
        this.pos++;
        this.setChain(draft, this.chainPhrase()!);
        continue;
      }
      if (t.kind === 'word' && t.lower === 'locally') {
        this.pos++;
        this.setChain(draft, { chain: 'anvil', token: t });
        continue;
      }
      if (t.kind === 'word' && balanceWords.has(t.lower) && this.symbolOf(t) === undefined && t.text !== 'BAL') {
        // "bal" is shorthand for balance; "BAL", written as a symbol, is a token.
        this.pos++;
        if (balanceMarkers.has(t.lower) || t.lower === 'bal' || t.lower === 'gimme') marked = true;
        continue;
      }
      if (this.isWord(t, 'on', 'in', 'via')) this.refuseForeignChain();
      if (t.kind === 'word' && t.lower.length >= 5 && nearest(t.lower, [...balanceMarkers], 1) !== undefined && this.symbolOf(t) === undefined) {
        // "balnce", "portfolo": one slip in the word that makes it a balance question.
        this.pos++;
        marked = true;
        continue;
      }
      if (this.isWord(t, "'s")) {
        this.pos++;
        continue;
      }
      if (t.kind === 'address' || (t.kind === 'word' && this.symbolOf(t) !== undefined)) {
        if (draft.token !== undefined)
          throw this.fail(t, `ask about one token at a time: ${quote(t.text)} is a second one (or leave tokens out for all)`, 'balance');
        draft.token = this.tokenRef('balance');
        continue;
      }
      if (t.kind === 'word' && trailingFiller.some((phrase) => phrase[0] === t.lower)) {
        if (this.acceptPhrase(trailingFiller)) continue;
      }
      if (t.kind === 'word' && !reservedWords.has(t.lower)) {
        const corrected = draft.token === undefined ? this.correctedSymbol(t) : undefined;
        if (corrected) {
          this.pos++;
          draft.token = corrected;
          continue;
        }
        if (foreignTokens.has(t.lower) || /^[A-Z][A-Z0-9]{1,9}$/.test(t.text))
          throw refusal(intentErrorCodes.unknownToken, this.source, t, `unknown token ${quote(t.text)}: it is not in the token list of this chain`);
      }
      if (t.kind === 'ens') throw this.fail(t, `balance shows your own account, not ${quote(t.text)}`, 'balance');
      throw this.fail(t, `did not understand ${quote(t.text)} in a balance question`, 'balance');
    }
    // "what's my stETH", "how's my DAI": a question about a token is a balance question.
    if (asks && draft.token !== undefined && this.tokens.slice(this.pos).every((token) => token.kind === 'punct')) marked = true;
    if (!marked)
      throw this.fail(
        start,
        `did not understand ${quote(start ? this.source.slice(start.start, this.tokens[this.pos - 1]?.end ?? start.end) : '')}: ask for a balance, or start with a verb`,
        ['balance', 'swap'],
      );
    return [draft];
  }

  // ---------------------------------------------------------------- modifiers

  /** Modifiers for every step of a clause: read on the last, then a chain or venue said once holds for all. */
  private modifiersAll(drafts: Draft[]): boolean {
    const last = drafts[drafts.length - 1]!;
    const any = this.modifiers(last);
    for (const draft of drafts) {
      if (draft === last) continue;
      if (last.chain !== undefined && draft.chain === undefined) draft.chain = last.chain;
      if (last.venue !== undefined && draft.venue === undefined) draft.venue = last.venue;
      if (last.slippageBps !== undefined && draft.slippageBps === undefined && draft.action === 'swap') draft.slippageBps = last.slippageBps;
    }
    return any;
  }

  /**
   * Chain, venue, slippage, trailing politeness and (when `notes`) purpose or aside clauses after a clause;
   * returns whether anything was read.
   */
  private modifiers(draft: Draft, notes = true): boolean {
    let any = false;
    for (;;) {
      const t = this.peek();
      if (!t) return any;
      if (t.kind === 'word' && this.onlyFillerFrom(this.pos)) {
        this.pos = this.tokens.length;
        return true;
      }
      // "…, thanks for the help": the thanks says what for, so it is a note, not only politeness.
      if (notes && this.isWord(t, 'thanks', 'thank', 'thx') && this.startsNote(draft)) {
        this.note(false);
        any = true;
        continue;
      }
      if (notes && this.hashtags()) {
        any = true;
        continue;
      }
      const filler = this.acceptPhrase(trailingFiller);
      if (filler || this.acceptPunct('emoji')) {
        if (filler?.some((word) => thanksWords.has(word))) this.closedBy ??= t;
        any = true;
        continue;
      }
      if (this.isWord(t, 'on', 'via', 'over', 'using', 'in', 'through') && this.chainAt(this.pos + 1)) {
        this.pos++;
        this.setChain(draft, this.chainPhrase()!);
        any = true;
        continue;
      }
      // "(venue: uniswap)", ", protocol: uniswap-v2", ". Network: base": a modifier said as a field (./modifierFields.ts).
      if (this.modifierField(draft)) {
        any = true;
        continue;
      }
      if (this.isWord(t, 'locally')) {
        this.pos++;
        this.setChain(draft, { chain: 'anvil', token: t });
        any = true;
        continue;
      }
      const venueStart = this.pos;
      if (this.acceptPhrase([['route', 'it'], ['routed'], ['route'], ['routing', 'it'], ['routing'], ['and', 'route', 'it']])) {
        if (!this.isWord(this.peek(), 'through', 'via', 'on', 'using', 'with')) throw this.expected('"through" and a venue', 'swap');
      }
      // "only on uniswap", "exclusively via the v2 fork": the restriction is the venue's.
      if (this.isWord(this.peek(), 'only', 'exclusively', 'just', 'strictly') && this.isWord(this.peek(1), 'on', 'via', 'using', 'through', 'with') && this.venueAt(this.pos + 2)) this.pos++;
      // "swap 1 ETH for DAI @ uniswap": "@" for "on"; "@ solana" is a chain Lucid does not know.
      if (this.isPunct(this.peek(), '@') && this.peek(1)?.kind === 'word' && foreignChains.has(this.peek(1)!.lower))
        throw refusal(intentErrorCodes.unknownChain, this.source, this.peek(1), `unknown chain ${quote(this.peek(1)!.text)}: Lucid knows the chains mainnet, base, arbitrum, optimism, polygon, sepolia and anvil`);
      if (this.isPunct(this.peek(), '@') && this.venueAt(this.pos + 1)) {
        const at = this.peek()!;
        this.pos++;
        this.setVenue(draft, this.venuePhrase()!, at);
        any = true;
        continue;
      }
      // "…, use uniswap", "… and use uniswap for it": the venue said after the step, as an instruction.
      if ((this.isPunct(this.peek(), ',') || this.isWord(this.peek(), 'and')) && this.isWord(this.peek(1), 'use', 'using') && this.venueAt(this.pos + 2)) {
        const save = this.pos;
        const at = this.peek(1)!;
        this.pos += 2;
        const venue = this.venuePhrase()!;
        this.acceptPhrase([['for', 'it'], ['for', 'this'], ['for', 'that'], ['for', 'the', 'swap'], ['for', 'this', 'swap'], ['for', 'the', 'trade'], ['to', 'do', 'it']]);
        if (this.atEnd() || (this.isPunct(this.peek(), '.') || this.isPunct(this.peek(), '!')) || this.onlyFillerFrom(this.pos)) {
          this.setVenue(draft, venue, at);
          any = true;
          continue;
        }
        this.pos = save;
      }
      // "supply 100 usdc aave", "stake 3 steth capital pool": a terse step names its venue last, with no preposition.
      if (bareVenueActions.has(draft.action) && draft.venue === undefined && this.venueAt(this.pos)) {
        const at = this.peek()!;
        const venue = this.venuePhrase()!;
        if (this.atEnd() || this.isPunct(this.peek(), '.') || this.isPunct(this.peek(), '!') || this.onlyFillerFrom(this.pos)) {
          this.setVenue(draft, venue, at);
          any = true;
          continue;
        }
        this.pos = venueStart;
      }
      // "on any dex", "via the best venue": no restriction; every agent competes, as without the words.
      if (this.acceptPhrase(anyVenuePhrases)) {
        any = true;
        continue;
      }
      if (this.isWord(this.peek(), 'on', 'via', 'using', 'through', 'with', 'into', 'in', 'to', 'from', 'at', 'inside', 'by') && this.venueAt(this.pos + 1)) {
        const at = this.peek()!;
        this.pos++;
        this.setVenue(draft, this.venuePhrase()!, at);
        // "on uniswap and balancer": two venues for one step is two readings.
        if (this.isWord(this.peek(), 'and', '&') && this.venueAt(this.pos + 1)) throw this.ambiguous(this.peek(1), `two venues for one step (${quote(at.text)} … ${quote(this.peek(1)!.text)}): name one`);
        any = true;
        continue;
      }
      if (this.acceptPhrase([['out', 'of']]) && this.venueAt(this.pos)) {
        this.setVenue(draft, this.venuePhrase()!, t);
        any = true;
        continue;
      }
      if (this.isWord(this.peek(), 'via', 'through', 'using') && this.unknownVenueAt(this.pos + 1)) {
        // "via Balancer", "through PancakeSwap": a venue Lucid may not serve; kept by name for the runtime to refuse.
        const at = this.peek()!;
        this.pos++;
        this.setVenue(draft, this.unknownVenue(), at);
        any = true;
        continue;
      }
      this.pos = venueStart;
      this.refuseForeignChain();
      if (t.kind === 'punct' && t.value === '(') {
        // "(1% slippage)", "(on base)": modifiers in parentheses; "(just testing)": a note in parentheses.
        const save = this.pos;
        this.pos++;
        // "(uniswap)": a venue alone in brackets restricts the step like "on uniswap".
        if (this.venueAt(this.pos)) {
          const venue = this.venuePhrase()!;
          if (this.acceptPunct(')')) {
            this.setVenue(draft, venue, t);
            any = true;
            continue;
          }
          this.pos = save + 1;
        }
        if (this.modifiers(draft, false) && this.acceptPunct(')')) {
          any = true;
          continue;
        }
        this.pos = save + 1;
        if (notes && this.note(true)) {
          // "(uniswap, curve)": a note naming a venue would drop a restriction the user set; refused instead.
          for (let k = save + 1; k < this.pos; k++)
            if (this.venueAt(k)) throw this.ambiguous(this.tokens[k], `${quote(this.tokens[k]!.text)} in brackets names a venue beside other words: say the one venue, like "on uniswap"`);
          any = true;
          continue;
        }
        this.pos = save;
        return any;
      }
      const slippage = this.slippage();
      if (slippage) {
        if (draft.action !== 'swap') throw this.fail(slippage.token, `slippage only applies to swaps, not to ${draft.action}`, 'swap');
        if (draft.slippageBps !== undefined) throw this.fail(slippage.token, 'slippage is given twice: say it once', 'swap');
        draft.slippageBps = slippage.bps;
        any = true;
        continue;
      }
      if (notes && this.startsNote(draft)) {
        if (t.kind === 'punct') this.pos++;
        if (t.kind === 'punct') this.acceptPunct('-');
        const noteStart = this.pos;
        this.note(false);
        // "— use uniswap v2", ", prefer uniswap": an aside naming a venue would drop a restriction the user
        // set (or only wished for); refused like a bracket naming a venue beside other words, never kept as a note.
        // Only an aside that opens as a venue choice ("use …", "via …", "prefer …"); "so I can use it on uniswap" is a purpose.
        if (draft.action !== 'transfer' && this.isWord(this.tokens[noteStart], 'use', 'using', 'via', 'through', 'prefer', 'preferably', 'on', 'only', 'with'))
          for (let k = noteStart; k < this.pos; k++)
            if (this.tokens[k]?.kind === 'word' && venuePhrases.some((phrase) => phrase.words.length === 1 && phrase.words[0] === this.tokens[k]!.lower))
              throw this.ambiguous(this.tokens[k], `the aside names the venue ${quote(this.tokens[k]!.text)}: say it as part of the request, like "on ${this.tokens[k]!.lower}"`);
        any = true;
        continue;
      }
      if (this.isWord(t, 'on') && this.peek(1)?.kind === 'word' && !this.isWord(this.peek(1), 'the') && !recipientNouns.has(this.peek(1)!.lower))
        throw refusal(
          intentErrorCodes.unknownChain,
          this.source,
          this.peek(1),
          `unknown chain or venue ${quote(this.peek(1)!.text)}: Lucid knows the chains mainnet, base, arbitrum, optimism, polygon, sepolia and anvil`,
        );
      return any;
    }
  }

  /** "#rent", "#rent #march" after a step are a note; a tag naming a time ("#every-week") is a schedule, refused. */
  private hashtags(): boolean {
    const tags = hashtagsAt(this.tokens, this.pos);
    if (!tags) return false;
    if (tags.schedule)
      throw refusal(intentErrorCodes.unsupported, this.source, tags.schedule, `not done: the tag ${quote(`#${tags.schedule.text}`)} asks for a time or a schedule; Lucid acts now, once`, ['leave the tag out to send it now']);
    this.notes.push(this.source.slice(this.tokens[this.pos]!.start, this.tokens[tags.end - 1]!.end));
    this.pos = tags.end;
    return true;
  }

  /** "on solana", "on the Solana network", "in Sui network", "on the Cosmos Hub": a chain outside Lucid's world. */
  private refuseForeignChain(bare = false): void {
    const t = this.peek();
    if (!bare && !this.isWord(t, 'on', 'in', 'via', 'over', 'to', 'using')) return;
    let k = bare ? 0 : 1;
    if (this.isWord(this.peek(k), 'the', 'my')) k++;
    const name = this.peek(k);
    if (name?.kind !== 'word') return;
    const after = this.peek(k + 1);
    const chainNoun = this.isWord(after, 'network', 'chain', 'blockchain', 'hub', 'mainnet', 'testnet', 'l2', 'rollup');
    if (foreignChains.has(name.lower) || (chainNoun && this.symbolOf(name) === undefined && !this.venueAt(this.pos + k) && (bare || !this.isWord(t, 'to'))))
      throw refusal(
        intentErrorCodes.unknownChain,
        this.source,
        { start: name.start, end: (chainNoun ? after! : name).end },
        `unknown chain ${quote(chainNoun ? `${name.text} ${after!.text}` : name.text)}: Lucid works on mainnet, base, arbitrum, optimism, polygon, sepolia and its anvil devnet`,
        ['leave the chain out to use the devnet'],
      );
  }

  /**
   * Whether a purpose or aside clause starts here, with the step complete: "for the rent", "so he can pay
   * gas", "as a tip", "to test the pool", "just testing", "— testing the new wallet". A "for" before an
   * amount, a token or an address is not a purpose, and neither is "to" before anything but a purpose verb.
   */
  private startsNote(draft: Draft): boolean {
    const t = this.peek();
    if (!t) return false;
    // "- reimbursing dinner", "-- testing the new wallet".
    if (t.kind === 'punct') {
      // "…; for the raffle", "…; it covers the venue": a semicolon before a note sets it off like a dash.
      if (t.value === ';' && this.peek(1)?.kind === 'word') {
        this.pos++;
        const note = this.startsNote(draft);
        this.pos--;
        return note;
      }
      const k = this.isPunct(this.peek(1), '-') ? 2 : 1;
      // "- 0x…", "- bob.eth": an address after a dash may be the recipient meant; never a note.
      if (t.value === '-' && (this.peek(k)?.kind === 'address' || this.peek(k)?.kind === 'ens'))
        throw this.ambiguous(this.peek(k), `${quote(this.peek(k)!.text)} after the request may be the recipient meant: say it after "to"`);
      return t.value === '-' && this.peek(k) !== undefined && this.peek(k)!.kind === 'word';
    }
    if (t.kind === 'word' && !noteStarters.has(t.lower) && (noteOpeners.has(t.lower) || reasonWords.has(t.lower))) return this.opensNote(t);
    // "with memo: design work", "w/ the note …", "with reference 42": a note said to go with the payment.
    if (this.isWord(t, 'with', 'w') && this.noteLabelAfterWith() !== undefined) return true;
    if (t.kind !== 'word' || !noteStarters.has(t.lower)) return false;
    const next = this.peek(1);
    if (!next) return false;
    switch (t.lower) {
      case 'for':
        // "for 5 coffees" is a note; "for 10 USDC" too, refused by note() as naming an amount of a token.
        if (next.kind === 'address' || next.kind === 'ens' || (this.startsPlainAmount(next) && next.kind !== 'number')) return false;
        if (next.kind === 'word' && this.symbolOf(next) !== undefined) return false;
        // Round 7: "supply 100 USDC for bob", "put 100 USDC to work for bob.eth": what the step makes may be meant for
        // bob (Aave supplies on someone's behalf), or bob is whom it is for; only a step that pays someone has a note here.
        if (['swap', 'supply', 'stake', 'wrap', 'unwrap', 'withdraw', 'unstake'].includes(draft.action) && this.forNamesSomeone(this.pos + 1) && !purposeNouns.has((this.isWord(next, 'my', 'our') ? this.peek(2) ?? next : next).lower))
        {
          const who = this.isWord(next, 'my', 'our') ? `${next.text} ${this.peek(2)?.text ?? ''}`.trim() : next.text;
          throw this.ambiguous(next, `${quote(`for ${who}`)} may name who should get what this ${draft.action} makes: Lucid keeps it in your wallet; to pay them, add "then send it to ${who}"`);
        }
        return draft.action !== 'approve' || draft.to !== undefined;
      case 'to':
        return next.kind === 'word' && purposeVerbs.has(next.lower);
      case 'on':
        // "on behalf of bob": whom the payment is for, not where it goes.
        return this.isWord(next, 'behalf', 'account') && this.isWord(this.peek(2), 'of');
      case 'in':
        return (this.isWord(next, 'order') && this.isWord(this.peek(2), 'to')) || (this.isWord(next, 'payment', 'return', 'exchange', 'lieu', 'memory', 'honor', 'honour', 'celebration', 'settlement', 'repayment', 'respect', 'recognition', 'appreciation', 'support', 'lieu') && this.isWord(this.peek(2), 'of', 'for'));
      case 'thanks':
      case 'thank':
      case 'thx':
        return this.isWord(next, 'for') || (this.isWord(next, 'you') && this.isWord(this.peek(2), 'for'));
      case 'just':
        return next.kind === 'word' && ['testing', 'to', 'a', 'for', 'checking', 'trying', 'because'].includes(next.lower);
      case "it's":
      case 'its':
      case "that's":
      case 'thats':
        return next.kind === 'word' && ['for', 'a', 'an', 'the', 'my', 'our', 'his', 'her', 'to', 'because', 'rent', 'payment'].includes(next.lower);
      case 'which':
        // "… which covers the rent", "… which includes the tip": a clause about the payment with its own verb.
        if (next.kind === 'word' && /[^s]s$/.test(next.lower) && !verbs.has(next.lower) && this.symbolOf(next) === undefined && this.peek(2)?.kind === 'word') return true;
      // falls through
      case 'it':
      case 'this':
        return this.isWord(next, 'is', 'was', "'s") && this.isWord(this.peek(2), 'for', 'a', 'an', 'the', 'my', 'our', 'his', 'her', 'to', 'because');
      default:
        return true;
    }
  }

  /** After "with" (or "w/"): the index of the note label it introduces ("with the memo"), if one follows. */
  private noteLabelAfterWith(): number | undefined {
    let k = this.pos + 1;
    if (this.isWord(this.peek(), 'w') && this.isPunct(this.tokens[k], '/')) k++;
    if (this.isWord(this.tokens[k], 'the', 'a', 'this', 'my')) k++;
    const label = this.tokens[k];
    return label?.kind === 'word' && noteLabels.has(label.lower) && this.tokens[k + 1] !== undefined ? k : undefined;
  }

  /**
   * Round 7 openers of a note (./asides.ts `noteOpeners`): "per our call", "re: invoice #42", "ref INV-2041",
   * "being the refund for …", "happy birthday", "memo: groceries" (a label only before a colon or dash).
   */
  private opensNote(t: Token): boolean {
    const next = this.peek(1);
    if (!next) return false;
    if (this.isPunct(next, ':') || this.isPunct(next, '-')) return this.peek(2) !== undefined;
    switch (t.lower) {
      case 'per':
        // "per month" is a schedule (the frame refuses it); "per person" and "per cent" share an amount.
        return next.kind === 'word' && !this.isWord(next, 'person', 'head', 'each', 'cent', 'recipient', 'wallet', 'address', 'contact');
      case 're':
      case 'ref':
      case 'reference':
      case 'regarding':
      case 'concerning':
        return next.kind === 'word' || this.isPunct(next, '#');
      case 'fyi':
      case 'being':
      case 'happy':
      case 'merry':
        return next.kind === 'word';
      case 'congrats':
      case 'congratulations':
        return true;
      default:
        // "becuase i owe him", "bcoz he paid dinner": a reason word, however spelled.
        return reasonWords.has(t.lower) && next.kind === 'word';
    }
  }

  /**
   * A note, kept as written, up to the end of its clause (a mark, "then", or the closing parenthesis when
   * `parenthesized`). A note that carries an amount of a token is refused: it might be meant as the amount.
   */
  private note(parenthesized: boolean): boolean {
    const first = this.peek();
    if (!first) return false;
    let last: Token | undefined;
    const start = this.pos;
    // "(and eve too)", "- also half my ETH to eve", "as well as eve": an aside that adds to the request is
    // another step or recipient, not a note.
    if (this.isWord(first, 'and', 'also', 'plus') || (this.isWord(first, 'as') && this.isWord(this.peek(1), 'well')) || (this.isWord(first, 'along', 'together') && this.isWord(this.peek(1), 'with')))
      throw this.ambiguous(first, `the aside starting ${quote(first.text)} adds to the request: give each step its own verb, amount and recipient`);
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (parenthesized && t.kind === 'punct' && t.value === ')') break;
      if (!parenthesized && t.kind === 'punct' && [',', ';', '.', '!', '?', ')'].includes(t.value)) break;
      if (!parenthesized && this.isWord(t, 'then')) break;
      // "as collateral on Aave": the venue after a note restricts the step; kept in the note it would be dropped.
      // ("so I can use it on uniswap": a note with its own subject says where it will be used; the venue is its.)
      if (!parenthesized && this.pos > start && this.isWord(t, 'on', 'via', 'through', 'using') && this.venueAt(this.pos + 1) &&
        !this.tokens.slice(start, this.pos).some((word) => word.kind === 'word' && noteSubjects.has(word.lower))) break;
      if (!parenthesized && this.isWord(t, 'and')) {
        // "for his birthday and 5 USDC to carol": "and" before an amount or a verb starts the next step.
        const next = this.peek(1);
        if (!next || this.isWord(next, 'then') || this.startsPlainAmount(next) || (next.kind === 'word' && verbs.has(next.lower) && verbs.get(next.lower) !== 'balance')) break;
      }
      this.refuseTimeClause(this.pos);
      if ((t.kind === 'number' || t.kind === 'numberWord') && this.symbolOf(this.peek(1) ?? t) !== undefined && this.peek(1)!.kind === 'word')
        throw this.ambiguous(t, `the aside ${quote(this.source.slice(first.start, this.peek(1)!.end))} names an amount of a token: say the amount in the request itself`);
      // "(… all ETH to eve)", "my DAI", "half my ETH": an amount of a token in words.
      if (this.isWord(t, 'all', 'my', 'half', 'whole', 'entire', 'every', 'remaining') && this.peek(1)?.kind === 'word' && this.symbolOf(this.peek(1)!) !== undefined)
        throw this.ambiguous(t, `the aside ${quote(this.source.slice(first.start, this.peek(1)!.end))} names an amount of a token: say the amount in the request itself`);
      last = t;
      this.pos++;
    }
    if (parenthesized && !this.acceptPunct(')')) {
      this.pos = start;
      return false;
    }
    // Politeness at the end of a note is politeness, not part of it.
    let end = this.pos - (parenthesized ? 1 : 0);
    // ("as thanks" keeps its word: without it the note would be only its opening word.)
    // ("to say thanks", "a big thank you": the thanks is what the note says, after a word that takes it.)
    while (end > start + 2 && this.tokens[end - 1]!.kind === 'word' && !this.isWord(this.tokens[end - 2], 'say', 'saying', 'a', 'big', 'my', 'as') && trailingFiller.some((phrase) => phrase.length === 1 && phrase[0] === this.tokens[end - 1]!.lower)) end--;
    last = this.tokens[end - 1];
    if (!last || end <= start) {
      if (parenthesized) return false;
      throw this.expected('the rest of the note', 'transfer');
    }
    this.refuseReadableAside(start, end, first);
    // "memo: groceries": the label says a note follows; the note is what it says.
    let from = start;
    // "with memo: design work" keeps "design work".
    if (this.isWord(first, 'with', 'w')) while (from < end - 1 && !(this.tokens[from]!.kind === 'word' && noteLabels.has(this.tokens[from]!.lower))) from++;
    if (noteLabels.has(this.tokens[from]!.lower) && from < end - 1) from += this.isPunct(this.tokens[from + 1], ':') || this.isPunct(this.tokens[from + 1], '-') ? 2 : this.isWord(first, 'with', 'w') ? 1 : 0;
    const said = from < end ? this.tokens[from]! : first;
    const text = this.source.slice(said.start, last.end).trim();
    if (text) this.notes.push(text.length > 120 ? text.slice(0, 120) : text);
    return true;
  }

  /**
   * An aside (`tokens[start, end)`) that could be read as part of the request is refused, never kept as a
   * note: a bare number ("he owes me 500", "note: send 20"), an address or an ENS name (./asides.ts).
   */
  private refuseReadableAside(start: number, end: number, first: Token): void {
    const amount = bareAmountIn(this.tokens, start, end, (t) => this.symbolOf(t) !== undefined);
    const named = this.tokens.slice(start, end).find((t) => t.kind === 'address' || t.kind === 'ens');
    const at = amount ?? named;
    if (at)
      throw this.ambiguous(at, `the aside ${quote(this.source.slice(first.start, this.tokens[end - 1]!.end))} names ${amount ? 'an amount' : 'an address'}: say ${amount ? 'the amount' : 'the recipient'} in the request itself, or leave it out of the note`);
    this.refuseNoteChange(start, end);
  }

  /** ./noteRules.ts: a note that adds a recipient or a step, or dates the payment, is refused, never kept. */
  private refuseNoteChange(start: number, end: number): void {
    const found = noteChangesRequest(this.tokens, start, end, (t) => ['transfer', 'swap', 'sell', 'buy'].includes(verbs.get(t.lower) ?? ''));
    if (!found) return;
    const aside = quote(this.source.slice(this.tokens[start]!.start, this.tokens[end - 1]!.end));
    if (found.code === 'ambiguous') throw this.ambiguous(found.at, `the aside ${aside} ${found.why}`);
    throw refusal(intentErrorCodes.unsupported, this.source, found.at, `not done: the aside ${aside} ${found.why}`, ['say what Lucid should do now, like: send 5 DAI to bob for the rent']);
  }

  private setChain(draft: Draft, chain: { chain: string; token: Token }): void {
    this.checkListed(chain);
    if (draft.chain !== undefined && draft.chain !== chain.chain)
      throw this.fail(chain.token, `two chains in one step (${draft.chain} and ${chain.chain}): name one`, 'swap');
    draft.chain = chain.chain;
  }

  /** "on Polygon", "on Optimism": a chain viem knows but Lucid has no token list for is outside its world. */
  private checkListed(chain: { chain: string; token: Token }): void {
    if (!listedChains.has(chain.chain))
      throw refusal(
        intentErrorCodes.unknownChain,
        this.source,
        { start: chain.token.start, end: Math.max(chain.token.end, this.tokens[this.pos - 1]?.end ?? 0) },
        `unknown chain ${quote(this.source.slice(chain.token.start, Math.max(chain.token.end, this.tokens[this.pos - 1]?.end ?? 0)))}: Lucid has token lists only for ${[...listedChains].join(', ')}`,
        ['leave the chain out to use the devnet'],
      );
  }

  /** Whether a chain phrase ("base", "the devnet") starts at `index`. */
  /** "venue: uniswap", "chain=base", after a mark or none; false (consuming nothing) when no such field is here. */
  private modifierField(draft: Draft): boolean {
    const save = this.pos;
    const start = modifierFieldAt(this.tokens, this.pos);
    if (!start) return false;
    this.pos = start.value;
    if (start.kind === 'chain' && this.chainAt(this.pos)) {
      this.setChain(draft, this.chainPhrase()!);
      return true;
    }
    if (start.kind === 'venue' && this.venueAt(this.pos)) {
      this.setVenue(draft, this.venuePhrase()!, this.tokens[start.value - 2]);
      return true;
    }
    if (start.kind === 'venue' && this.unknownVenueAt(this.pos)) {
      this.setVenue(draft, this.unknownVenue(), this.tokens[start.value - 2]);
      return true;
    }
    this.pos = save;
    return false;
  }

  /** A chain's name and a colon or dash before a request ("base: swap …"). */
  private chainLabelAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.chainPhrase() !== undefined && (this.isPunct(this.peek(), ':') || this.isPunct(this.peek(), '-')) && this.requestAt(this.pos + 1);
    this.pos = save;
    return found;
  }

  private chainAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.chainPhrase() !== undefined;
    this.pos = save;
    return found;
  }

  private chainPhrase(): { chain: string; token: Token } | undefined {
    const save = this.pos;
    this.acceptWord('the', 'my', 'our');
    const token = this.peek();
    // "on layer 1": Ethereum's first layer, said with the number.
    if (this.isWord(token, 'layer') && this.peek(1)?.kind === 'number' && this.peek(1)!.value === '1') {
      this.pos += 2;
      return { chain: 'mainnet', token: token! };
    }
    for (const { words, chain } of chainPhrases) {
      if (this.acceptPhrase([words])) {
        // "on base mainnet", "on my anvil node": the chain's network said after its name.
        this.acceptWord('chain', 'network', 'testnet', 'node', 'mainnet');
        return { chain, token: token! };
      }
    }
    this.pos = save;
    return undefined;
  }

  /**
   * "with 1% slippage", "slippage 0.5%", "max slippage 30 bps", "at 1% slippage", "slippage of 1%".
   * Returns undefined (consuming nothing) when no slippage phrase starts here.
   */
  private slippage(): { bps: number; token: Token } | undefined {
    const save = this.pos;
    // "w/ 1% slip", "w 1% slippage": the shorthand of "with".
    if (this.isWord(this.peek(), 'w') && (this.isPunct(this.peek(1), '/') || this.peek(1)?.kind === 'number' || this.isSlippageWord(this.peek(1)))) {
      this.pos++;
      this.acceptPunct('/');
    } else if (!this.acceptPhrase(slippageConsentLeads)) {
      // "… and tolerate 1% slippage": the lead joined to the step by "and".
      if (this.isWord(this.peek(), 'and') && this.isWord(this.peek(1), ...slippageLeads)) this.pos++;
      if (!this.boundBeforeSlippage()) this.acceptWord(...slippageLeads);
    }
    this.acceptPhrase([['up', 'to']]);
    // ./slippageWords.ts: "with at most 2% price impact" — a bound said before the rate.
    this.acceptPhrase(slippageBounds);
    this.acceptWord('a', 'an', 'the', 'my');
    this.acceptWord('max', 'maximum', 'max.');
    const t = this.peek();
    if (t && this.isSlippageWord(t)) {
      this.pos += slippageWordLength(this.tokens, this.pos);
      this.acceptWord(...slippageNounTails);
      this.acceptPhrase([['at', 'most'], ['up', 'to'], ['no', 'more', 'than'], ['not', 'to', 'exceed'], ['not', 'exceeding'], ['not', 'more', 'than'], ['not', 'over'], ['not', 'above']]);
      this.acceptWord('of', 'at', 'to', 'is', 'set', 'under', 'below', 'within');
      // "slippage set at 0.5%", "slippage protection of 1%".
      if (this.isWord(this.tokens[this.pos - 1], 'set', 'protection')) this.acceptWord('at', 'to', 'of');
      this.acceptPunct('<');
      if (!this.acceptPunct(':')) this.acceptPunct('=');
      this.acceptWord(...slippageRateLeads);
      const rate = this.rate();
      if (!rate) throw this.expected('a slippage like 1% or 30 bps', 'swap');
      // ./slippageWords.ts: "slippage of 1% is fine".
      this.acceptPhrase(slippageConsentTails);
      return { bps: rate, token: t };
    }
    const rateStart = this.peek();
    const rate = rateStart?.kind === 'number' || rateStart?.kind === 'numberWord' ? this.rate(false) : undefined;
    if (rate !== undefined) {
      this.acceptWord('max', 'maximum');
      // "2% of slippage".
      if (this.isWord(this.peek(), 'of') && this.isSlippageWord(this.peek(1))) this.pos++;
      const word = this.peek();
      if (word && this.isSlippageWord(word)) {
        this.pos += slippageWordLength(this.tokens, this.pos);
        this.acceptWord('tolerance', 'limit', 'max');
        this.acceptPhrase(slippageConsentTails);
        return { bps: rate, token: rateStart! };
      }
      // "with 50 bps", "100bps": basis points name nothing but a slippage in a request.
      if (rateInBasisPoints(this.tokens, this.tokens.indexOf(rateStart!))) return { bps: rate, token: rateStart! };
    }
    this.pos = save;
    return undefined;
  }

  /** "at most 2% price impact" with no "with" before it; consumes the bound only when a rate follows. */
  private boundBeforeSlippage(): boolean {
    const save = this.pos;
    if (this.acceptPhrase(slippageBounds) && (this.peek()?.kind === 'number' || this.peek()?.kind === 'numberWord')) return true;
    this.pos = save;
    return false;
  }

  private isSlippageWord(t: Token | undefined): boolean {
    if (t !== undefined && slippageWordLength(this.tokens, this.tokens.indexOf(t)) === 2) return true;
    return t?.kind === 'word' && (t.lower === 'slippage' || t.lower === 'slip' || damerauLevenshtein(t.lower, 'slippage') <= 2);
  }

  /** "1%", "0.5 percent", "30 bps", "30 basis points" → basis points. */
  private rate(unitRequired = true): number | undefined {
    const t = this.peek();
    // "one percent", "half a percent" is not read: a number word only as a whole rate.
    if (t?.kind !== 'number' && t?.kind !== 'numberWord') return undefined;
    const unit = this.peek(1);
    const hasUnit = unit?.kind === 'percent' || (unit?.kind === 'word' && ['bps', 'bp', 'bip', 'bips', 'basis'].includes(unit.lower));
    if (!hasUnit && !unitRequired) return undefined;
    this.pos++;
    let bps: string;
    if (this.peek()?.kind === 'percent') {
      this.pos++;
      bps = scaleDecimal(t.value, 2);
    } else if (this.acceptWord('bps', 'bp', 'bip', 'bips') || this.acceptPhrase([['basis', 'points'], ['basis', 'point']])) {
      bps = t.value;
    } else {
      throw this.fail(this.peek() ?? t, `slippage needs a unit: say ${t.text}% or ${t.text} bps`, 'swap');
    }
    const said = quote(this.source.slice(t.start, this.tokens[this.pos - 1]!.end));
    if (bps.includes('.')) throw this.fail(t, `slippage ${said} is finer than one basis point (0.01%)`, 'swap');
    // More than 100% is understood but never done (the contract's UNSUPPORTED_INTENT, like "150% of my DAI").
    if (compareDecimal(bps, '10000') > 0)
      throw refusal(intentErrorCodes.unsupported, this.source, { start: t.start, end: this.tokens[this.pos - 1]!.end }, `slippage ${said} is more than 100%: say at most 100%, like 0.5%`);
    return Number(bps);
  }

  // ---------------------------------------------------------------- amounts, tokens, recipients

  /** A number, a number word, or all/everything/half/max: what may start a step without a verb. */
  private startsPlainAmount(t: Token): boolean {
    return t.kind === 'number' || t.kind === 'numberWord' || (t.kind === 'word' && ['all', 'everything', 'half', 'max'].includes(t.lower));
  }

  /**
   * "half ETH", "a quarter DAI": a share said straight before a token has two readings — of one unit ("half an ETH",
   * 0.5) or of the balance ("half my ETH", 50%) — and the difference can be the whole balance, so neither is guessed.
   * "of", "my", "the", "your" after the share say the balance; "half an ETH" is read before this.
   */
  private refuseBareFraction(start: Token, words: readonly string[]): void {
    const next = this.peek();
    if (next?.kind !== 'word' || this.symbolOf(next) === undefined) return;
    const quarter = words.includes('quarter');
    const unit = quarter ? '0.25' : '0.5';
    throw this.ambiguous(start, `${quote(this.source.slice(start.start, next.end))} could be ${unit} ${next.text} or ${quarter ? '25%' : '50%'} of your ${next.text}: say "${unit} ${next.text}" or "${quarter ? 'a quarter' : 'half'} of my ${next.text}"`);
  }

  /** Anything an amount may start with inside a step: also "my 1 ETH", "my DAI" (all of it), "a quarter of". */
  /** "USD 25 of DAI", "USD 100 worth of ETH": the currency code written before a dollar amount, as "$" is. */
  private usdBeforeNumber(t: Token | undefined): boolean {
    if (!t || !this.isWord(t, 'usd')) return false;
    const at = this.indexOf(t);
    const number = this.tokens[at + 1];
    return number?.kind === 'number' && !number.dollar && this.isWord(this.tokens[at + 2], 'of', 'worth');
  }

  private startsAmount(t: Token): boolean {
    if (this.startsPlainAmount(t)) return true;
    const next = this.after(t);
    // "exactly 5 DAI", "only 5 DAI": the amount said plainly, stressed.
    if (this.isWord(t, ...exactAmountWords) && next && this.startsPlainAmount(next)) return true;
    // "a dozen USDC", "my entire DAI balance", "the max amount of USDC".
    if (this.isWord(t, 'a', 'one') && this.isWord(next, 'dozen', 'third', 'sixth')) return true;
    if (this.isWord(t, 'my', 'the') && this.isWord(next, ...wholeBalanceWords)) return true;
    if (this.isWord(t, 'maximum')) return true;
    if (this.usdBeforeNumber(t)) return true;
    if (this.isWord(t, 'my') && next) return this.startsPlainAmount(next) || (next.kind === 'word' && this.symbolOf(next) !== undefined);
    if (this.isWord(t, 'a', 'the', 'one') && this.isWord(next, 'quarter', 'half')) return true;
    // "send bob the 5 USDC": the amount already agreed, with its article.
    if (this.isWord(t, 'the') && (next?.kind === 'number' || next?.kind === 'numberWord')) return true;
    // "a hundred DAI", "a single ETH", "point five ETH", "the entirety of my DAI", "every last stETH".
    if (this.isWord(t, 'a') && next?.kind === 'suffix' && Number(next.value) >= 2) return true;
    if ((this.isWord(t, 'a') || t.lower === 'one') && this.isWord(next, 'single')) return true;
    if (this.isWord(t, 'point') && next?.kind === 'numberWord') return true;
    // "oh point two five ETH": "oh" said for the zero before a spoken decimal point.
    if (this.isWord(t, 'oh') && this.isWord(next, 'point') && this.tokens[this.indexOf(t) + 2]?.kind === 'numberWord') return true;
    if (this.isWord(t, 'the', 'entirety', 'every', 'each')) {
      const at = this.indexOf(t);
      const words = this.tokens.slice(at, at + 3).map((token) => token.lower).join(' ');
      if (/^(the entirety of|entirety of|the whole of|every last|each and every)/.test(words)) return true;
    }
    // "the amount of 5 USDC", "a total of 5 USDC".
    if (this.isWord(t, 'a', 'an', 'the') && this.isWord(next, 'amount', 'sum', 'total') && this.isWord(this.tokens[this.indexOf(t) + 2], 'of')) return true;
    return this.isWord(t, 'quarter');
  }

  /** "it", "that", "the proceeds", "the same", "whatever I get", "those DAI": an earlier step's output. */
  private startsReference(t: Token | undefined): boolean {
    if (!t || t.kind !== 'word') return false;
    const at = this.indexOf(t);
    const next = this.tokens[at + 1];
    if (['it', 'them', 'whatever', 'em'].includes(t.lower)) return true;
    // "sell 1 ETH for USDC, send proceeds to bob": the output named without "the", only after a step.
    if ((t.lower === 'proceeds' || t.lower === 'output') && this.lastGroup.length > 0) return true;
    if (t.lower === 'what' && this.isWord(next, 'i', 'you', 'we', 'comes')) return true;
    // "everything I got", "all I received": the whole output of the step before.
    if ((t.lower === 'everything' || t.lower === 'all') && this.isWord(next, 'i', 'you', 'we') && this.isWord(this.tokens[at + 2], 'got', 'get', 'received', 'receive', 'bought'))
      return true;
    // "that amount", "those tokens", "the whole amount", "the amount received" (./referenceWords.ts).
    if (startsOutputNoun(this.tokens, at)) return true;
    if (['that', 'this', 'those', 'these'].includes(t.lower)) return !next || next.kind !== 'word' || this.symbolOf(next) !== undefined || reservedWords.has(next.lower);
    if (t.lower === 'the' || t.lower === 'same')
      return (
        this.startsSameReferenceAt(at) ||
        this.isWord(next, 'proceeds', 'output', 'result', 'resulting', 'unwrapped', 'wrapped', 'received', 'new', 'bought', 'purchased', 'swapped') ||
        (next?.kind === 'word' &&
          this.symbolOf(next) !== undefined &&
          (this.isWord(this.tokens[at + 2], 'i', 'you', 'we') ||
            // "wrap 1 ETH and send the WETH to bob": the token the step before produced, named with "the".
            (this.lastGroup.length === 1 && !this.lastVerbless && outputOf(this.lastGroup[0]!) === this.symbolOf(next)) ||
            // "swap 1 ETH for DAI then send the USDC to bob": a token the step before does not produce is refused
            // by reference() as ambiguous, not read as a recipient.
            (t.lower === 'the' &&
              this.lastGroup.length === 1 &&
              !this.lastVerbless &&
              outputOf(this.lastGroup[0]!) !== undefined &&
              this.lastRun.filter((step) => outputOf(step) !== undefined).length === 1 &&
              this.isWord(this.tokens[at + 2], 'to'))))
      );
    return false;
  }

  private startsSameReference(): boolean {
    return this.startsSameReferenceAt(this.pos);
  }

  /** "the same", "the same amount", "same amount". */
  private startsSameReferenceAt(index: number): boolean {
    const t = this.tokens[index];
    if (this.isWord(t, 'same')) return true;
    return this.isWord(t, 'the') && this.isWord(this.tokens[index + 1], 'same');
  }

  /** An amount, or undefined (consuming nothing) when none starts here. */
  private amount(context: ExampleKey): Amount | undefined {
    if (this.startsReference(this.peek())) return this.reference();
    if (this.isWord(this.peek(), 'my') && this.peek(1) && this.startsPlainAmount(this.peek(1)!)) this.pos++;
    if (this.isWord(this.peek(), 'a', 'an', 'the') && this.isWord(this.peek(1), 'amount', 'sum', 'total') && this.isWord(this.peek(2), 'of')) {
      const save = this.pos;
      this.pos += 3;
      if (!this.peek() || !this.startsPlainAmount(this.peek()!)) this.pos = save;
    }
    if (this.isWord(this.peek(), 'the') && (this.peek(1)?.kind === 'number' || this.peek(1)?.kind === 'numberWord')) this.pos++;
    if (this.isWord(this.peek(), ...exactAmountWords) && this.peek(1) && this.startsPlainAmount(this.peek(1)!)) this.pos++;
    const usdFirst = this.usdBeforeNumber(this.peek());
    if (usdFirst) this.pos++;
    const t = this.peek();
    if (!t || !this.startsAmount(t)) return undefined;
    // "my entire DAI balance", "my whole USDC", "the max amount of USDC", "everything I have in DAI": all of it.
    if (!this.isWord(this.peek(2), 'of') && this.acceptPhrase([['my', 'entire'], ['my', 'whole'], ['my', 'full'], ['the', 'entire'], ['the', 'whole'], ['the', 'full']])) {
      const token = this.tokenRef('transfer');
      this.acceptWord('balance', 'stack', 'bag', 'holdings', 'position', 'amount');
      return { value: 'all', token: t, resolvedToken: token };
    }
    if (this.acceptPhrase([['the', 'max', 'amount', 'of'], ['the', 'maximum', 'amount', 'of'], ['max', 'amount', 'of'], ['maximum', 'amount', 'of'], ['the', 'max'], ['the', 'maximum'], ['maximum'],
      ['everything', 'i', 'have', 'in'], ['everything', 'i', 'have', 'of'], ['all', 'i', 'have', 'in'], ['all', 'i', 'have', 'of'], ['everything', 'i', 'hold', 'in']])) {
      this.acceptWord('my', 'the', 'your');
      return { value: 'all', token: t };
    }
    // "half an ETH", "half a WETH": half of one unit, not half of the balance.
    if (this.isWord(t, 'half') && this.isWord(this.peek(1), 'a', 'an') && this.peek(2)?.kind === 'word' && this.symbolOf(this.peek(2)!) !== undefined) {
      this.pos += 2;
      return { value: '0.5', token: t };
    }
    // "a dozen USDC" is 12, "half a dozen" 6.
    const dozen = this.acceptPhrase([['half', 'a', 'dozen'], ['a', 'dozen'], ['one', 'dozen']]);
    if (dozen) return { value: dozen[0] === 'half' ? '6' : '12', token: t };
    // "three quarters of my USDC" is 75%; "a third of my DAI" has no exact percentage.
    if (this.acceptPhrase([['three', 'quarters', 'of'], ['3', 'quarters', 'of']])) {
      this.acceptWord('my', 'the', 'your');
      return { value: '75%', token: t };
    }
    const third = this.acceptPhrase([['a', 'third'], ['one', 'third'], ['two', 'thirds'], ['a', 'sixth'], ['one', 'sixth']]);
    if (third) throw this.ambiguous(t, `${quote(third.join(' '))} has no exact percentage: say the percentage you mean, like 33%`);
    if (this.isWord(t, 'my')) {
      // "sell my usdc for eth": all of it. The token is read by the caller.
      this.pos++;
      return { value: 'all', token: t };
    }
    if (this.isWord(t, 'all', 'everything') && this.isWord(this.peek(1), 'of') && this.startsReference(this.peek(2))) {
      // "all of it", "all of the proceeds": all the step before produced.
      this.pos += 2;
      return this.reference();
    }
    if ((this.isWord(t, 'half', 'quarter') || (this.startsPlainAmount(t) && this.peek(1)?.kind === 'percent')) && this.lastGroup.length) {
      // "half of it", "50% of the proceeds": a part of the step before's output, which no amount can say yet.
      const k = this.isWord(t, 'half', 'quarter') ? 1 : 2;
      if (this.isWord(this.peek(k), 'of') && this.startsReference(this.peek(k + 1)))
        throw this.ambiguous(t, `a part of what the step before produces cannot be said yet: give the amount, like "send 50 USDC to bob"`);
    }
    const fraction = this.acceptPhrase([['a', 'quarter'], ['one', 'quarter'], ['the', 'quarter'], ['quarter'], ['a', 'half'], ['the', 'half'], ['one', 'half']]);
    if (fraction) {
      this.refuseBareFraction(t, fraction);
      this.acceptWord('of');
      this.acceptWord('my', 'the', 'your');
      return { value: fraction.includes('quarter') ? '25%' : '50%', token: t };
    }
    const fraction2 = this.fraction();
    if (fraction2) return fraction2;
    // "the entirety of my DAI", "every last stETH", "the whole of my USDC": all of it.
    if (this.acceptPhrase([['the', 'entirety', 'of'], ['entirety', 'of'], ['the', 'whole', 'of'], ['every', 'last'], ['each', 'and', 'every']])) {
      this.acceptWord('my', 'the', 'your');
      return { value: 'all', token: t };
    }
    const spoken = this.spokenNumber();
    if (spoken === undefined) this.pos++;
    let value: string;
    let usd = false;
    if (t.kind === 'word' && spoken === undefined) {
      if (t.lower === 'half') this.refuseBareFraction(t, ['half']);
      value = t.lower === 'half' ? '50%' : 'all';
    } else {
      value = spoken ?? t.value;
      const suffix = this.peek();
      if (spoken === undefined && (suffix?.kind === 'suffix' || this.isSpacedK(suffix))) {
        this.pos++;
        value = scaleDecimal(value, suffix!.kind === 'suffix' ? Number(suffix!.value) : 3);
        if (value.replace('.', '').length > 60) throw this.fail(t, `${quote(t.text)} is too large to be an amount`, context);
      }
      // "2 and a half ETH", "1 and a quarter WETH".
      const part = spoken === undefined && !value.includes('.') ? this.acceptPhrase([['and', 'a', 'half'], ['and', 'a', 'quarter']]) : undefined;
      if (part) value = `${value}.${part[2] === 'half' ? '5' : '25'}`;
      if (isZero(value)) throw this.fail(t, `amount ${quote(t.text)} must be greater than zero`, context);
      // "10 per cent".
      const perCent = this.isWord(this.peek(), 'per') && this.isWord(this.peek(1), 'cent');
      if (this.peek()?.kind === 'percent' || perCent) {
        this.pos += perCent ? 2 : 1;
        if (compareDecimal(value, '100') > 0)
          throw refusal(intentErrorCodes.unsupported, this.source, t, `${quote(`${t.text}%`)} is more than all of the balance: at most 100%`);
        value = `${value}%`;
        if (!percentPattern.test(value)) throw this.fail(t, `${quote(t.text)} is not a percentage`, context);
      } else if (!decimalPattern.test(value)) {
        throw this.fail(t, `${quote(t.text)} is not an amount`, context);
      }
      // "$50 worth of ETH", "$20 of ETH", "300 dollars worth of ETH", "50 USD worth of ETH".
      const dollarWord = !t.dollar && (usdFirst || this.acceptWord('dollars', 'dollar', 'usd', 'bucks'));
      // "$50 usdc": a dollar sign on an amount of a token is only the currency sign of a stablecoin amount.
      const signOnToken = t.dollar && this.peek()?.kind === 'word' && this.symbolOf(this.peek()!) !== undefined;
      if ((t.dollar && !signOnToken) || dollarWord) {
        if (value.endsWith('%')) throw this.fail(t, `${quote(t.text)} is not an amount`, context);
        const worth = this.acceptWord('worth');
        if (!this.acceptWord('of', 'in') && !worth)
          throw this.fail(t, `a dollar amount needs the token to use: say "$${value} worth of ETH"`, context);
        usd = true;
      }
      this.acceptPhrase([['units', 'of'], ['unit', 'of'], ['pieces', 'of']]);
    }
    this.acceptWord('of');
    this.acceptWord('my', 'the', 'your');
    return usd ? { value, token: t, usd } : { value, token: t };
  }

  /** A "k" written apart from its number ("5 k USDC", "ten k DAI"), before a token. */
  private isSpacedK(t: Token | undefined): boolean {
    if (!this.isWord(t, 'k')) return false;
    const next = this.tokens[this.indexOf(t!) + 1];
    return next?.kind === 'word' && this.symbolOf(next) !== undefined;
  }

  /**
   * Numbers said in words: "one hundred and fifty", "twenty five", "a hundred", "ten k", "one point five",
   * "point two", "two and a half", "a single". Consumes the words and returns the decimal, or undefined
   * (consuming nothing) when the amount is not spoken.
   */
  private spokenNumber(): string | undefined {
    const start = this.pos;
    const t = this.peek();
    const next = this.peek(1);
    if ((this.isWord(t, 'a') || (t?.kind === 'numberWord' && t.lower === 'one')) && this.isWord(next, 'single')) {
      this.pos += 2;
      return '1';
    }
    const digit = (token: Token | undefined) => token?.kind === 'numberWord' && /^\d$/.test(token.value);
    if (this.isWord(t, 'point') && digit(next)) return this.spokenDecimals('0');
    if (this.isWord(t, 'oh') && this.isWord(next, 'point') && digit(this.peek(2))) {
      this.pos++;
      return this.spokenDecimals('0');
    }
    const article = this.isWord(t, 'a') && next?.kind === 'suffix' && Number(next.value) >= 2;
    if (t?.kind !== 'numberWord' && !article) return undefined;
    let total = 0n;
    let current = article ? 1n : BigInt(t!.value);
    let last: 'unit' | 'tens' | 'teen' | 'scale' = article ? 'unit' : BigInt(t!.value) >= 20n && BigInt(t!.value) % 10n === 0n ? 'tens' : BigInt(t!.value) >= 10n ? 'teen' : 'unit';
    this.pos++;
    let words = 1;
    for (;;) {
      const w = this.peek();
      if (w?.kind === 'suffix' || this.isSpacedK(w)) {
        const power = w!.kind === 'suffix' ? Number(w!.value) : 3;
        if (power === 2) current = (current === 0n ? 1n : current) * 100n;
        else {
          total += (current === 0n ? 1n : current) * 10n ** BigInt(power);
          current = 0n;
        }
        this.pos++;
        last = 'scale';
        continue;
      }
      const joined = this.isWord(w, 'and') && last === 'scale' && this.peek(1)?.kind === 'numberWord' ? 1 : 0;
      const n = this.peek(joined);
      if (n?.kind === 'numberWord') {
        const v = BigInt(n.value);
        // "twenty five", "hundred (and) fifty", "thousand two hundred": each word fills a smaller place.
        const fits = last === 'scale' ? v < 100n : last === 'tens' && v > 0n && v < 10n;
        if (!fits) break;
        current += v;
        last = v >= 20n && v % 10n === 0n ? 'tens' : v >= 10n ? 'teen' : 'unit';
        this.pos += 1 + joined;
        words++;
        continue;
      }
      break;
    }
    const whole = total + current;
    if (this.isWord(this.peek(), 'point') && digit(this.peek(1))) return this.spokenDecimals(whole.toString());
    const part = this.acceptPhrase([['and', 'a', 'half'], ['and', 'a', 'quarter']]);
    if (part) return `${whole}.${part[2] === 'half' ? '5' : '25'}`;
    if (words === 1 && this.pos === start + 1) {
      // A lone number word is read by the caller as before.
      this.pos = start;
      return undefined;
    }
    return whole.toString();
  }

  /** "point two five": the digits after a spoken decimal point. */
  private spokenDecimals(whole: string): string {
    this.pos++;
    let digits = '';
    while (this.peek()?.kind === 'numberWord' && /^\d$/.test(this.peek()!.value)) {
      digits += this.peek()!.value;
      this.pos++;
    }
    return `${whole}.${digits}`;
  }

  /**
   * "3/4 of my stETH", "1/2 of the DAI": a fraction of a balance, as the percentage it is. A fraction with no
   * exact percentage to two decimals ("1/3") is refused as ambiguous: say the percentage meant.
   */
  private fraction(): Amount | undefined {
    const t = this.peek()!;
    const bar = this.peek(1);
    const below = this.peek(2);
    if (t.kind !== 'number' || bar?.kind !== 'punct' || bar.value !== '/' || below?.kind !== 'number' || !this.isWord(this.peek(3), 'of')) return undefined;
    if (t.value.includes('.') || below.value.includes('.') || BigInt(below.value) === 0n || BigInt(t.value) > BigInt(below.value) || BigInt(t.value) === 0n)
      throw this.fail(t, `${quote(this.source.slice(t.start, below.end))} is not a share of the balance: say a percentage, like 75%`, 'transfer');
    const scaled = BigInt(t.value) * 1_000_000n;
    const whole = BigInt(below.value);
    if (scaled % whole !== 0n || ((scaled / whole) % 100n) !== 0n)
      throw this.ambiguous(t, `${quote(this.source.slice(t.start, below.end))} has no exact percentage: say the percentage you mean, like 33%`);
    const percent = scaleDecimal(String(scaled / whole / 100n), -2);
    this.pos += 4;
    this.acceptWord('my', 'the', 'your');
    return { value: `${percent}%`, token: t };
  }

  /**
   * A step said with no object after a step that produced something ("swap 1 ETH for stETH, then stake",
   * "wrap 2 ETH and send to bob", "… and deposit into aave"): what the step before produced, as "it" would say.
   * Only where nothing else stands for the object: the end, a mark, a joiner, or the preposition of a recipient,
   * venue or chain. With no producing step before it stays undefined, and the caller asks for the amount.
   */
  private impliedOutput(at: Token | undefined): Amount | undefined {
    if (!at || !objectlessStepEnds(this.peek())) return undefined;
    const group = this.lastGroup;
    if (group.length !== 1 || this.lastVerbless) return undefined;
    const out = outputOf(group[0]!);
    if (out === undefined) return undefined;
    this.refuseSeveralOutputs(at, at.text, undefined);
    return { value: 'previous', token: at, resolvedToken: out, reference: {} };
  }

  /**
   * A reference to the step before: "it", "them", "that WBTC", "the proceeds", "the USDC I just bought",
   * "whatever I get", "the same (amount)". Resolves to that step's output ("previous") or, for "the same",
   * its amount and token; refused as ambiguous when there is no such step or more than one could be meant.
   */
  private reference(): Amount {
    const t = this.peek()!;
    if (this.acceptPhrase([['the', 'same', 'amount', 'of'], ['the', 'same', 'amount'], ['the', 'same'], ['same', 'amount'], ['same']])) {
      let symbol: string | undefined;
      if (this.peek() && this.symbolOf(this.peek()!) !== undefined) symbol = this.tokenRef('transfer');
      const group = this.lastGroup;
      const step = group.length === 1 ? group[0] : undefined;
      if (!step || (step.amount === undefined && step.amountUsd === undefined) || step.amount === 'previous' || step.token === undefined)
        throw this.ambiguous(t, `${quote(this.spanText(t))} refers to the amount of a step before, and there is ${group.length ? 'more than one, or none with an amount' : 'none'}`);
      if (symbol !== undefined && symbol !== step.token) throw this.ambiguous(t, `the step before moved ${step.token}, not ${symbol}`);
      return step.amountUsd !== undefined
        ? { value: step.amountUsd, token: t, usd: true, resolvedToken: step.token, reference: { same: true } }
        : { value: step.amount!, token: t, resolvedToken: step.token, reference: { same: true } };
    }
    let symbol: string | undefined;
    if (this.acceptWord('it', 'them', 'em')) {
      // "it", "them", "'em"; "send them DAI to alice": the word and the token it stands for; "them all".
      if (this.isWord(this.peek(), 'all') && !this.isWord(this.peek(1), 'of', 'my', 'the')) this.pos++;
      const next = this.peek();
      if (next?.kind === 'word' && this.symbolOf(next) !== undefined && this.lastGroup.length === 1) symbol = this.tokenRef('multi');
    } else if (this.acceptPhrase([['whatever', 'comes', 'out'], ['whatever', 'comes', 'back'], ['what', 'comes', 'out'], ['whatever', 'is', 'left'], ['whatever', 'results']])) {
      // "ship whatever comes out to alice".
    } else if (this.acceptPhrase([['whatever'], ['what'], ['everything'], ['all']])) {
      if (!this.acceptWord('i', 'you', 'we')) throw this.expected('"I get"', 'multi');
      this.acceptWord('just');
      if (!this.acceptPhrase([['end', 'up', 'with'], ['get'], ['got'], ['receive'], ['received'], ['bought'], ['make']])) throw this.expected('"get"', 'multi');
    } else {
      this.acceptWord('the', 'that', 'this', 'those', 'these');
      // "the whole amount", "that amount", "the full sum" (./referenceWords.ts).
      const noun = this.acceptPhrase(outputAmountNouns);
      const described = this.acceptWord('proceeds', 'output', 'result', 'resulting', 'unwrapped', 'wrapped', 'received', 'new', 'bought', 'purchased', 'swapped');
      // "the resulting tokens", "the received coins", "those tokens": the output said with a noun for tokens.
      if ((described || !noun) && this.peek()?.kind === 'word' && tokenNouns.has(this.peek()!.lower)) this.pos++;
      else if (described && this.acceptPhrase(outputAmountNouns)) {
        // "the received amount".
      }
      const next = this.peek();
      if (!noun && next && next.kind === 'word' && this.symbolOf(next) !== undefined) symbol = this.tokenRef('multi');
      // "the USDC received", "the amount obtained", "the stETH you got out": the output described after its noun.
      if (this.acceptWord(...outputParticiples)) this.acceptWord('back', 'out');
      if (this.acceptWord('i', 'you', 'we')) {
        this.acceptWord('just');
        this.acceptPhrase([['end', 'up', 'with'], ['get'], ['got'], ['receive'], ['received'], ['bought'], ['obtained'], ['swapped', 'for'], ['made']]);
      }
      // "the WETH from before", "the LUCID from that swap": the step it came from, named.
      if (this.isWord(this.peek(), 'from') && (this.isWord(this.peek(1), 'before', 'above') || (this.isWord(this.peek(1), 'the', 'that', 'this') && this.isWord(this.peek(2), ...stepNouns))))
        this.pos += this.isWord(this.peek(1), 'before', 'above') ? 2 : 3;
    }
    const said = this.spanText(t);
    const group = this.lastGroup;
    if (!group.length) throw this.ambiguous(t, `${quote(said)} refers to an earlier step, and there is none: say the amount and the token`);
    if (group.length > 1 || this.lastVerbless)
      throw this.ambiguous(t, `${quote(said)} could be the output of more than one step before: say the amount and the token`);
    this.refuseSeveralOutputs(t, said, symbol);
    const out = outputOf(group[0]!);
    if (out === undefined)
      throw this.ambiguous(t, `${quote(said)} refers to the ${group[0]!.action} before, which produces nothing to use: say the amount and the token`);
    if (symbol !== undefined && symbol !== out) throw this.ambiguous(t, `the step before produces ${out}, not ${symbol}: say which amount you mean`);
    return { value: 'previous', token: t, resolvedToken: out, reference: symbol ? { symbol } : {} };
  }

  /**
   * "wrap 1 ETH and swap 10 DAI for USDC, then send it": steps joined by "and" form one group, and when more
   * than one of them produces something, "it" could be either. Named by a token only the step just before
   * produces ("then send the USDC"), it is that step's; anything else is refused naming the candidates.
   */
  private refuseSeveralOutputs(t: Token, said: string, symbol: string | undefined): void {
    const candidates = this.lastRun.filter((step) => outputOf(step) !== undefined);
    if (candidates.length < 2) return;
    const last = this.lastGroup[0]!;
    if (symbol !== undefined && candidates.filter((step) => outputOf(step) === symbol).length === 1 && outputOf(last) === symbol) return;
    const named = candidates.map((step) => `the ${outputOf(step)} from the ${step.action}`);
    const list = named.length === 2 ? `${named[0]} or ${named[1]}` : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
    throw this.ambiguous(t, `${quote(said)} could be ${list}: say the amount and the token`);
  }

  /** The words from `t` to the last one consumed. */
  private spanText(t: Token): string {
    return this.source.slice(t.start, this.tokens[this.pos - 1]?.end ?? t.end);
  }

  /** Puts an amount on a step: a dollar value as `amountUsd`, anything else as `amount`. */
  private setAmount(draft: Draft, amount: Amount): void {
    if (amount.usd) draft.amountUsd = amount.value;
    else draft.amount = amount.value;
  }

  /** A decimal amount for the exact output of a swap: "all" and percentages make no sense there. */
  private exactAmount(context: ExampleKey): string {
    const amount = this.amount(context)!;
    if (amount.value === 'all' || amount.value.endsWith('%'))
      throw this.fail(amount.token, `${quote(amount.token.text)} cannot be the amount to get: say a number, like 100`, context);
    return amount.value;
  }

  /** Whether `t` is where a token reference would stand (so optional tokens can be tried). */
  private looksLikeToken(t: Token): boolean {
    if (t.kind === 'address') return true;
    if (t.kind !== 'word') return false;
    return this.symbolOf(t) !== undefined || !reservedWords.has(t.lower);
  }

  /** The symbol a word names, in the list's spelling, or undefined. */
  private symbolOf(t: Token): string | undefined {
    if (t.kind !== 'word') return undefined;
    if (nativeAliases.has(t.lower)) return 'ETH';
    const direct = this.symbols.canonical.get(t.lower);
    if (direct) return direct;
    // Round 7: "redeem 100 aUSDC", "withdraw my aDAI": Aave's receipt for a token, read only while a withdrawal reads it.
    if (this.receiptTokens && receiptSymbol(t.lower, this.symbols) !== undefined) {
      this.receiptSeen = true;
      return receiptSymbol(t.lower, this.symbols);
    }
    // "usdcs", "eths": a plural of a symbol.
    if (t.lower.length > 2 && t.lower.endsWith('s')) {
      const singular = t.lower.slice(0, -1);
      if (nativeAliases.has(singular)) return 'ETH';
      return this.symbols.canonical.get(singular);
    }
    return undefined;
  }

  /**
   * A one-letter slip in a symbol ("usdcc", "steht", "LUCDI"): the one symbol at distance 1, recorded as a
   * correction. Never for short words, reserved words, or tokens known to exist elsewhere ("USDT" is not "USDC").
   */
  private correctedSymbol(t: Token): string | undefined {
    if (t.kind !== 'word' || t.lower.length < 3 || reservedWords.has(t.lower) || foreignTokens.has(t.lower) || verbs.has(t.lower)) return undefined;
    // "aUSDC" is Aave's receipt for USDC, another token: never a slip of "USDC" (a withdrawal reads it, see symbolOf).
    if (receiptSymbol(t.lower, this.symbols) !== undefined) return undefined;
    if ((everySymbol ??= new Set(knownSymbols().map((symbol) => symbol.toLowerCase()))).has(t.lower)) return undefined;
    const guess = nearest(t.lower, this.symbols.spellings, 1);
    if (guess === undefined) return undefined;
    this.corrections.push({ from: t.text, to: guess });
    return guess;
  }

  /** A token: a symbol in the list's spelling, or a 0x address as written. */
  private tokenRef(context: ExampleKey): string {
    this.acceptWord('my', 'the', 'your');
    const t = this.peek();
    if (!t) throw this.expected('a token', context);
    if (t.kind === 'address') {
      this.checkChecksum(t, context);
      this.pos++;
      return t.text;
    }
    if (t.kind === 'word' && foreignTokens.has(t.lower) && this.symbolOf(t) === undefined)
      throw refusal(intentErrorCodes.unknownToken, this.source, t, `unknown token ${quote(t.text)}: it is not in the token list of this chain`, [
        `known tokens: ${this.symbols.spellings.join(', ')}`,
      ]);
    // "native ETH", "plain ether": the chain's own coin, named as such.
    if (this.isWord(t, 'native', 'plain', 'raw') && this.peek(1)?.kind === 'word' && nativeAliases.has(this.peek(1)!.lower) && this.symbolOf(this.peek(1)!) !== undefined) {
      this.pos++;
      return this.tokenRef(context);
    }
    if (this.isWord(t, 'wrapped') && this.peek(1)?.kind === 'word' && nativeAliases.has(this.peek(1)!.lower) && this.symbols.canonical.has('weth')) {
      // "wrapped ether": WETH by its name.
      this.pos += 2;
      return this.symbols.canonical.get('weth')!;
    }
    const symbol = this.symbolOf(t) ?? this.correctedSymbol(t);
    if (symbol) {
      this.pos++;
      if (this.peek()?.kind === 'word' && tokenNouns.has(this.peek()!.lower)) this.pos++;
      return symbol;
    }
    if (t.kind === 'word' && !reservedWords.has(t.lower) && !this.venueAt(this.pos))
      throw refusal(intentErrorCodes.unknownToken, this.source, t, `unknown token ${quote(t.text)}: it is not in the token list of this chain`, [
        `known tokens: ${this.symbols.spellings.join(', ')}`,
      ]);
    if (t.kind === 'ens') throw this.fail(t, `${quote(t.text)} is a name, not a token`, context);
    throw this.expected('a token', context);
  }

  /**
   * A recipient or spender with what is said around it: "the address 0x…", "wallet 0x…", "the following
   * address: 0x…", "my friend bob", "Bob at 0x…", "Carol's wallet 0x…". The nouns and a name given before
   * an address are labels; the address (or ENS name, or contact) is the recipient.
   */
  private recipient(context: ExampleKey): string {
    let labelled = false;
    for (;;) {
      const t = this.peek();
      const next = this.peek(1);
      if (this.isWord(t, 'the', 'this', 'my', 'our', 'a', 'his', 'her', 'their')) {
        this.pos++;
        continue;
      }
      if (t?.kind === 'punct' && t.value === ':') {
        this.pos++;
        continue;
      }
      // "to @alice": a handle's sign on a name.
      if (t?.kind === 'punct' && t.value === '@' && (next?.kind === 'word' || next?.kind === 'ens') && !next.spaced) {
        this.pos++;
        continue;
      }
      if (t?.kind === 'word' && recipientNouns.has(t.lower) && next !== undefined && !(next.kind === 'punct' && next.value !== ':')) {
        if (next.kind === 'word' && this.symbolOf(next) !== undefined) break;
        this.pos++;
        labelled = true;
        continue;
      }
      if (t?.kind === 'word' && /'s$/.test(t.lower) && next?.kind === 'word' && recipientNouns.has(next.lower)) {
        let k = 1;
        while (this.peek(k)?.kind === 'word' && recipientNouns.has(this.peek(k)!.lower)) k++;
        if (this.isWord(this.peek(k), 'at')) k++;
        const target = this.peek(k);
        if (target?.kind === 'address' || target?.kind === 'ens') {
          // "Carol's wallet 0x…": the possessor labels the address.
          this.pos += k;
          continue;
        }
        // "Bob's wallet": the possessor is the recipient.
        const name = t.text.replace(/'s$/i, '');
        if (!/^[A-Za-z0-9_-]+$/.test(name) || reservedWords.has(name.toLowerCase())) throw this.expected('a recipient', context);
        this.pos += k;
        return name;
      }
      // "my cold wallet 0x…", "the destination address 0x…": a word describing the place the address names.
      if (t?.kind === 'word' && next?.kind === 'word' && placeNouns.has(next.lower) && !reservedWords.has(t.lower) && this.symbolOf(t) === undefined && this.addressAfterNouns(1)) {
        this.pos++;
        continue;
      }
      // "the wallet ending in b906 (0x…)": the ending must be the address's own.
      if (labelled && this.isWord(t, 'ending', 'ends')) {
        const ending = this.addressEnding();
        if (ending) return ending;
      }
      if (labelled && this.isWord(t, 'at', 'of') && next && (next.kind === 'address' || next.kind === 'ens')) {
        this.pos++;
        continue;
      }
      // "the contact named dave", "my friend called erin".
      if (labelled && this.isWord(t, 'named', 'called') && this.isRecipientLike(next)) {
        this.pos++;
        continue;
      }
      break;
    }
    const value = this.recipientCore(context);
    // "alice (alice.eth)", "carol (0x…)": the name labelled with its address or ENS name in brackets. Two names
    // that may disagree ("bob (alice.eth)", "alice.eth (0x…)") are refused, never one kept as a note.
    // "bob (address: 0x…)", the label of the address inside the brackets.
    const labelWords = this.isWord(this.peek(1), 'address', 'addr', 'wallet') && this.isPunct(this.peek(2), ':') ? 2 : 0;
    const inner = this.peek(1 + labelWords);
    if (this.isPunct(this.peek(), '(') && (inner?.kind === 'address' || inner?.kind === 'ens') && this.isPunct(this.peek(2 + labelWords), ')')) {
      if (/^0x/.test(value) || value.includes('.') || (inner.kind === 'ens' && inner.text.split('.')[0]!.toLowerCase() !== value.toLowerCase()))
        throw this.ambiguous(inner, `${quote(value)} and ${quote(inner.text)} may name two recipients: give one`);
      this.pos += 1 + labelWords;
      const labelled = this.recipientCore(context);
      this.pos++;
      return labelled;
    }
    // "bob.eth at 0x…": an ENS name and an address that may disagree.
    if (value.includes('.') && this.isWord(this.peek(), 'at') && this.peek(1)?.kind === 'address')
      throw this.ambiguous(this.peek(1)!, `${quote(value)} and ${quote(this.peek(1)!.text)} may name two recipients: give one`);
    if (!/^0x/.test(value) && !value.includes('.')) {
      // "Bob at 0x…", "Ivan at ivan.eth", "my cousin Priya at 0x…": the name labels the address.
      const at = this.peek();
      const next = this.peek(1);
      if (this.isWord(at, 'at') && next && (next.kind === 'address' || next.kind === 'ens')) {
        this.pos++;
        return this.recipientCore(context);
      }
      // "bob, address 0x…": the name labelled with its address after a comma.
      if (this.isPunct(at, ',') && this.isWord(next, 'address', 'wallet', 'addr') && this.peek(2)?.kind === 'address') {
        this.pos += 2;
        return this.recipientCore(context);
      }
      // "carol at address 0x…".
      const target = this.peek(2);
      if (this.isWord(at, 'at') && this.isWord(next, 'address', 'wallet', 'account', 'addr') && target && (target.kind === 'address' || target.kind === 'ens')) {
        this.pos += 2;
        return this.recipientCore(context);
      }
    }
    return value;
  }

  /** Whether an address or ENS name follows the recipient nouns from `offset` on ("… wallet (at) 0x…"). */
  private addressAfterNouns(offset: number): boolean {
    let k = offset;
    while (this.peek(k)?.kind === 'word' && recipientNouns.has(this.peek(k)!.lower)) k++;
    if (this.isWord(this.peek(k), 'at')) k++;
    const target = this.peek(k);
    return target?.kind === 'address' || target?.kind === 'ens';
  }

  /**
   * At "ending (in|with) b906 (0x…)" or "ending b906, 0x…": the address, when it ends with those hex digits;
   * one that does not is refused as two recipients. Undefined when no address follows.
   */
  private addressEnding(): string | undefined {
    let k = 1;
    if (this.isWord(this.peek(k), 'in', 'with')) k++;
    let digits = '';
    let last: Token | undefined;
    while (this.peek(k) && (this.peek(k)!.kind === 'word' || this.peek(k)!.kind === 'number' || this.isPunct(this.peek(k), '.')) && digits.length <= 40) {
      const t = this.peek(k)!;
      if (digits && t.spaced) break;
      digits += t.kind === 'punct' ? '' : t.text;
      last = t;
      k++;
    }
    if (!last || !/^[0-9a-f]{2,40}$/i.test(digits)) return undefined;
    const open = this.isPunct(this.peek(k), '(');
    if (open || this.isPunct(this.peek(k), ',') || this.isPunct(this.peek(k), ':')) k++;
    const target = this.peek(k);
    if (target?.kind !== 'address' || (open && !this.isPunct(this.peek(k + 1), ')'))) return undefined;
    if (!target.text.toLowerCase().endsWith(digits.toLowerCase()))
      throw this.ambiguous(target, `the wallet ending in ${quote(digits)} is not ${quote(target.text)}: give one`);
    this.pos += k;
    const address = this.recipientCore('transfer');
    if (open) this.pos++;
    return address;
  }

  private recipientCore(context: ExampleKey): string {
    const t = this.peek();
    if (t?.kind === 'word' && placeNouns.has(t.lower))
      throw this.fail(t, `which ${t.lower}? give its address or ENS name, like "to ${t.lower} 0x…"`, context);
    if (!t) throw this.expected(context === 'transfer' ? 'a recipient' : 'a spender', context);
    // "each to alice, bob and the others", "… and the rest": a group named by no one's name.
    if (t.kind === 'word' && ['others', 'rest'].includes(t.lower))
      throw this.ambiguous(t, `${quote(this.isWord(this.tokens[this.pos - 1], 'the') ? `the ${t.text}` : t.text)} names no one in particular: give each recipient by name`);
    // "to my friend", "to the recipient": a role with no name is nobody in particular.
    if (t.kind === 'word' && recipientNouns.has(t.lower) && this.isWord(this.tokens[this.pos - 1], 'my', 'our', 'his', 'her', 'their', 'the', 'a'))
      throw this.fail(t, `which ${t.lower}? give their contact name, ENS name or address, like "to my ${t.lower} bob"`, context);
    if (t.kind === 'address') {
      this.checkChecksum(t, context);
      this.pos++;
      return t.text;
    }
    if (t.kind === 'ens' && /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/.test(t.text)) {
      this.pos++;
      if (this.isWord(this.peek(), "'s")) {
        // "alice.eth's wallet": the name's own account; "vitalik.eth's brother" is someone else, unnamed.
        const whose = this.peek(1);
        if (whose?.kind === 'word' && recipientNouns.has(whose.lower) && !placeNouns.has(whose.lower) && !['ens', 'name', 'main', 'cold', 'new', 'hardware', 'savings', 'trezor', 'metamask'].includes(whose.lower))
          throw this.fail(whose, `which ${whose.lower} of ${t.text}? give their contact name, ENS name or address`, context);
        this.pos++;
        while (this.peek()?.kind === 'word' && recipientNouns.has(this.peek()!.lower)) this.pos++;
      } else if (this.isWord(this.peek(), 'wallet', 'account', 'address')) this.pos++; // "alice.eth wallet"
      return t.text;
    }
    if (t.kind === 'word' && this.isWord(this.peek(1), 'dot') && this.isWord(this.peek(2), 'eth') && /^[a-z0-9_-]+$/i.test(t.text) && !reservedWords.has(t.lower)) {
      // "alice dot eth": an ENS name spelled out.
      this.pos += 3;
      return `${t.text}.${this.tokens[this.pos - 1]!.text}`;
    }
    if (context !== 'transfer' && this.venueAt(this.pos)) {
      // "approve Uniswap …", "… to the v2-fork": a known venue as a spender, in its contract spelling.
      return this.venuePhrase()!;
    }
    if (t.kind === 'word') {
      if (this.symbolOf(t) !== undefined)
        throw this.fail(t, `${quote(t.text)} is a token, not a ${context === 'transfer' ? 'recipient' : 'spender'}`, context);
      if (chainWords.has(t.lower)) throw this.fail(t, `${quote(t.text)} names a chain, not a ${context === 'transfer' ? 'recipient' : 'spender'}`, context);
      if (!reservedWords.has(t.lower) && /^[A-Za-z0-9_-]+$/.test(t.text)) {
        this.pos++;
        return t.text;
      }
    }
    throw this.expected(context === 'transfer' ? 'a recipient (an address, ENS name or contact)' : 'a spender (an address, ENS name or contact)', context);
  }

  /** Mixed-case addresses must pass EIP-55; all-lower and all-upper carry no checksum and pass. */
  private checkChecksum(t: Token, context: ExampleKey): void {
    const hex = t.text.slice(2);
    if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return;
    if (checksumAddress(`0x${hex.toLowerCase()}`) !== `0x${hex}`)
      throw this.fail(t, `address ${quote(t.text)} has an invalid EIP-55 checksum: check it for a typo and copy it again from its source`, context);
  }

  // ---------------------------------------------------------------- token-stream helpers

  /** The index of a token of this sentence: the current one or one of the next few (the usual case), else a search. */
  private indexOf(t: Token): number {
    for (let k = this.pos; k < Math.min(this.tokens.length, this.pos + 4); k++) if (this.tokens[k] === t) return k;
    return this.tokens.indexOf(t);
  }

  private after(t: Token): Token | undefined {
    return this.tokens[this.indexOf(t) + 1];
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  /** Whether nothing but marks stands from `index` on. */
  private atEndAt(index: number): boolean {
    for (let k = index; k < this.tokens.length; k++) if (this.tokens[k]!.kind !== 'punct') return false;
    return true;
  }

  private atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  private isWord(t: Token | undefined, ...words: string[]): boolean {
    return t?.kind === 'word' && words.includes(t.lower);
  }

  private isPunct(t: Token | undefined, mark: string): boolean {
    return t?.kind === 'punct' && t.value === mark;
  }

  /** "send 0.3 ETH 2 0x…", "swap 1 WETH 2 DAI": "2" standing for "to" (and "4" for "for" in a swap) between a complete amount and what follows. */
  private acceptNumeralTo(target: 'recipient' | 'token' = 'recipient'): boolean {
    const t = this.peek();
    const next = this.peek(1);
    // "swp 1 eth 4 dai": "4" stands for "for" only before the token bought (an amount there too would be two amounts).
    if (t?.kind !== 'number' || !(t.text === '2' || (target === 'token' && t.text === '4')) || !next) return false;
    // "2 wallet 0x…", "2 the address 0x…": a place noun before the address is still an address.
    const place = this.isWord(next, 'the') ? 2 : 1;
    const placed = target === 'recipient' && this.peek(place)?.kind === 'word' && placeNouns.has(this.peek(place)!.lower) && this.peek(place + 1)?.kind === 'address';
    const fits = target === 'recipient' ? next.kind === 'address' || next.kind === 'ens' || placed : next.kind === 'word' && this.symbolOf(next) !== undefined && !this.isWord(this.peek(2), 'for', 'to', 'with');
    if (!fits) return false;
    this.pos++;
    return true;
  }

  private isApprovalNoun(t: Token | undefined): boolean {
    return t?.kind === 'word' && approvalNouns.has(t.lower);
  }

  private acceptApprovalNoun(): boolean {
    if (!this.isApprovalNoun(this.peek())) return false;
    this.pos++;
    return true;
  }

  private acceptWord(...words: string[]): boolean {
    if (!this.isWord(this.peek(), ...words)) return false;
    this.pos++;
    return true;
  }

  private acceptPunct(mark: string): boolean {
    const t = this.peek();
    if (t?.kind !== 'punct' || t.value !== mark) return false;
    this.pos++;
    return true;
  }

  /** Consumes the first phrase (a list of lower-case words) that matches here. */
  private acceptPhrase(phrases: readonly (readonly string[])[]): readonly string[] | undefined {
    outer: for (const phrase of phrases) {
      for (let k = 0; k < phrase.length; k++) {
        const t = this.tokens[this.pos + k];
        if (t === undefined || (t.kind !== 'word' && t.kind !== 'numberWord') || t.lower !== phrase[k]) continue outer;
      }
      this.pos += phrase.length;
      return phrase;
    }
    return undefined;
  }

  /** "please", "can you", "hey," … (a comma may follow a greeting). */
  private leadingFiller(): void {
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'punct' && [',', ':', '!', '.', '-', '@', 'emoji', '(', ')', '*', '#'].includes(t.value)) {
        this.pos++;
        continue;
      }
      if (this.acceptPhrase(leadingFiller)) continue;
      // "Hey Lucid, …", "Claude: …", "@lucid send …", "yo lucid swap …": the assistant addressed by name.
      if (t?.kind === 'word' && assistantNames.has(t.lower)) {
        const next = this.peek(1);
        const place = this.isWord(next, 'on', 'via', 'using', 'through') && (this.venueAt(this.pos + 2) || this.chainAt(this.pos + 2));
        if (next === undefined || next.kind === 'punct' || place || (next.kind === 'word' && (this.verbOf(next) !== undefined || leadingFiller.some((phrase) => phrase[0] === next.lower)))) {
          if (next === undefined) return;
          this.pos++;
          continue;
        }
      }
      if (this.label() || this.preamble() || this.stepNumber() || this.greetingAside()) continue;
      // "after you stake 1 stETH, claim too": the first step, then the next.
      if (this.isWord(t, 'after') && this.isWord(this.peek(1), 'you', 'u') && this.peek(2)?.kind === 'word' && this.verbOf(this.peek(2)!) !== undefined) {
        this.pos += 2;
        continue;
      }
      // "do swap 1 ETH", "please do send …": "do" before a verb only stresses it.
      if (this.isWord(t, 'do', 'make') && this.peek(1)?.kind === 'word' && !this.isWord(this.peek(1), 'i', 'you', 'we', 'a', 'an', 'the', 'me') && verbs.has(this.peek(1)!.lower) && !actionNouns.has(this.peek(1)!.lower)) {
        this.pos++;
        continue;
      }
      return;
    }
  }

  /** "step 1:", "1)", "2." before a step: its number in a list, not an amount. */
  private stepNumber(): boolean {
    // Round 9: "1 - wrap …", "1/ swap …", "#1 wrap …", "step one swap …" (./stepMarks.ts).
    const marked = inlineStepMarkAt(this.tokens, this.pos, (w) => w.kind === 'word' && this.verbOf(w) !== undefined);
    if (marked) {
      this.pos += marked;
      return true;
    }
    let k = this.isWord(this.peek(), 'step') ? 1 : 0;
    const number = this.peek(k);
    if (number?.kind !== 'number' && number?.kind !== 'numberWord') return false;
    const mark = this.peek(k + 1);
    // "1. wrap 1 ETH": a list's number before its first step, when a verb follows it.
    const numbered = k === 0 && this.pos === 0 && this.isPunct(mark, '.') && this.peek(2)?.kind === 'word' && this.verbOf(this.peek(2)!) !== undefined;
    if (!mark || mark.kind !== 'punct' || !((k === 1 && [':', '.', '-', ')'].includes(mark.value)) || mark.value === ')' || numbered)) return false;
    k += 2;
    this.pos += k;
    return true;
  }

  /**
   * "Dear wallet assistant,", "hey crypto bot,", "hi there team,": a greeting and up to three words that
   * address the assistant, up to a comma. Skipped only when none of the words is a verb, a token, a place or
   * an amount.
   */
  private greetingAside(): boolean {
    const greetings = ['dear', 'hey', 'hi', 'hello', 'yo', 'greetings'];
    const after = this.pos > 0 && this.isWord(this.tokens[this.pos - 1], ...greetings);
    if (!after && !this.isWord(this.peek(), ...greetings)) return false;
    const from = after ? 0 : 1;
    for (let k = from; k <= from + 3; k++) {
      const t = this.peek(k);
      if (t === undefined) return false;
      if (this.isPunct(t, ',') || this.isPunct(t, ':')) {
        if (k === from) return false;
        this.pos += k + 1;
        return true;
      }
      if (t.kind !== 'word' || this.verbOf(t) !== undefined || (this.symbolOf(t) !== undefined && !assistantNames.has(t.lower)) || this.venueAt(this.pos + k) || this.chainAt(this.pos + k)) return false;
      if (reservedWords.has(t.lower) && !assistantNames.has(t.lower) && !preambleWords.has(t.lower)) return false;
    }
    return false;
  }

  /**
   * "intent:", "IMPORTANT:", "quick favour:", "please execute:": a label of one to three words before a colon,
   * skipped when a request follows it. A label holding an action verb ("swap: …") is not skipped. Every word
   * of it must be accounted for: a word about the words ("summarize:", "rephrase this:") refuses the request
   * as `UNSUPPORTED_INTENT`, a time ("after lunch:") as well; a field name ("Recipient:", "Amount:") is left
   * to the productions that read forms; any other word is no label ("banana:") and is refused by name where
   * the request should have started.
   */
  private label(): boolean {
    for (let length = 1; length <= 6; length++) {
      const colon = this.tokens[this.pos + length];
      if (colon === undefined) return false;
      const word = this.tokens[this.pos + length - 1]!;
      // "two things:", "3 steps please:": the count may stand before the colon's word (see isLabelWord).
      const count = word.kind === 'numberWord' || (word.kind === 'number' && /^\d$/.test(word.value));
      if (count && this.isPunct(colon, ':')) return false;
      if (count) continue;
      if (word.kind !== 'word' || this.symbolOf(word) !== undefined) return false;
      // "on uniswap pls:", "aave:", "on anvil:": a place named before the colon is not a label to skip.
      const place = (index: number) => this.venueAt(index) || this.chainAt(index);
      if ((this.isWord(word, 'on', 'via', 'using', 'through', 'in') && place(this.pos + length)) || place(this.pos + length - 1)) return false;
      // A verb just before the colon heads a list ("send:"); one inside a longer label ("action the following:") is a label word.
      if (colon.kind !== 'punct' || colon.value !== ':') {
        if (length === 1 && verbs.get(word.lower) !== undefined && verbs.get(word.lower) !== 'balance' && !labelWords.has(word.lower)) return false;
        continue;
      }
      if (verbs.get(word.lower) !== undefined && verbs.get(word.lower) !== 'balance') return false;
      const save = this.pos;
      this.pos += length + 1;
      const request = !this.atEnd() && this.startsClause();
      this.pos = save;
      if (!request) return false;
      const words = this.tokens.slice(save, save + length);
      for (let i = 0; i < length; i++) this.refuseTimeClause(save + i);
      const meta = words.find((t) => metaLabelWords.has(t.lower));
      if (meta) {
        const span: Span = { start: words[0]!.start, end: colon.end };
        throw refusal(
          intentErrorCodes.unsupported,
          this.source,
          span,
          `not done: ${quote(this.source.slice(span.start, span.end))} asks for something about the words (${meta.lower}), not for the request to be carried out`,
          ['to run it, type the request itself, without the label'],
        );
      }
      // "Amount: 10 DAI", "Recipient: bob.eth": a form's field, read by the productions for forms, not a label.
      if (formFields.has(word.lower) || (recipientNouns.has(word.lower) && word.lower !== 'following') || !words.every((t) => this.isLabelWord(t))) return false;
      for (const t of words) {
        const fixed = assistantNames.has(t.lower) || verbs.has(t.lower) ? undefined : this.labelWordOf(t);
        if (fixed !== undefined && fixed !== t.lower) this.corrections.push({ from: t.text, to: fixed });
      }
      this.pos += length + 1;
      return true;
    }
    return false;
  }

  /** Whether a request could start at `index` (see {@link startsClause}). */
  private requestAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = !this.atEnd() && this.startsClause();
    this.pos = save;
    return found;
  }

  /** Whether `t` is a word a label may hold: ./parser.ts `labelWords`, closed-class filler, the assistant's name, or a slip of one. */
  private isLabelWord(t: Token): boolean {
    // "two things:", "3 steps please:": a count of what follows, in a label ending in a word.
    if (t.kind === 'numberWord' || (t.kind === 'number' && /^\d$/.test(t.value))) return true;
    // "just show me:": a question verb in a label is allowed, as it was before labels were checked word by word.
    return t.kind === 'word' && (assistantNames.has(t.lower) || verbs.get(t.lower) === 'balance' || this.labelWordOf(t) !== undefined);
  }

  private labelWordOf(t: Token): string | undefined {
    if (labelWords.has(t.lower)) return t.lower;
    const filler = this.fillerWord(t, preambleWords) ?? this.fillerWord(t, tailWords);
    if (filler !== undefined) return filler;
    if (t.lower.length < 5 || metaLabelWords.has(t.lower)) return undefined;
    return nearest(t.lower, labelWordList, 1);
  }

  /**
   * "I should like to", "me want", "need make", "Please, I request you to", "ok so basically", "thankss, now":
   * a run of closed-class words (./lexicon.ts `preambleWords`, or a slip of a longer one) skipped when an
   * action verb follows it. The longest such run is taken; nothing is skipped otherwise.
   */
  private preamble(): boolean {
    let end = this.pos;
    while (end < this.tokens.length && end - this.pos < 16) {
      const t = this.tokens[end]!;
      if (t.kind === 'punct' && [',', '!', '.', '-', 'emoji'].includes(t.value)) end++;
      else if (t.kind === 'word' && this.fillerWord(t, preambleWords) !== undefined) end++;
      else break;
    }
    for (let at = end; at > this.pos; at--) {
      const t = this.tokens[at];
      if (t?.kind !== 'word') continue;
      // "I'd like to make a payment of …": stop at the light verb that carries an action noun.
      const article = this.isWord(this.tokens[at + 1], 'a', 'an', 'the') ? 1 : 0;
      const noun = this.tokens[at + 1 + article];
      const light = this.isWord(t, 'make', 'do') && noun?.kind === 'word' && actionNouns.has(noun.lower);
      if (!light && (preambleWords.has(t.lower) && at < end || this.verbOf(t) === undefined)) continue;
      // "as a gift, send …", "as a tip, …": a verb's word between an article and a comma is a noun, no verb to start at.
      if (!light && this.isWord(this.tokens[at - 1], 'a', 'an', 'the') && this.isPunct(this.tokens[at + 1], ',')) continue;
      for (let i = this.pos; i < at; i++) {
        const word = this.tokens[i]!;
        if (word.kind === 'word' && !preambleWords.has(word.lower)) this.corrections.push({ from: word.text, to: this.fillerWord(word, preambleWords)! });
      }
      this.pos = at;
      return true;
    }
    return false;
  }

  /** The closed-class word `t` is, allowing a held key ("sooo", "heyyy") or a slip in a word of ≥ 5 letters ("plaese", "kindy"). */
  private fillerWord(t: Token, words: ReadonlySet<string>): string | undefined {
    if (words.has(t.lower)) return t.lower;
    if (reservedWords.has(t.lower) || this.symbolOf(t) !== undefined || verbs.has(t.lower) || notFillerSlips.has(t.lower)) return undefined;
    const collapsed = t.lower.replace(/(.)\1+/g, '$1');
    if (words.has(collapsed)) return collapsed;
    const trimmed = t.lower.replace(/(.)\1+$/, '$1');
    if (words.has(trimmed)) return trimmed;
    if (t.lower.length < 5) return undefined;
    const guess = nearest(t.lower, fuzzyFillerWords, t.lower.length >= 7 ? 2 : 1);
    return guess !== undefined && words.has(guess) ? guess : undefined;
  }

  /** Whether everything from `index` on is trailing politeness ("appreciate it", "thx!!", "would ya", "lol"). */
  private onlyFillerFrom(index: number): boolean {
    let strong = false;
    for (let i = index; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind === 'punct') continue;
      if (t.kind !== 'word') return false;
      const word = this.fillerWord(t, tailWords);
      if (word === undefined) return false;
      if (!weakTailWords.has(word)) strong = true;
    }
    return strong;
  }

  /** The verb a word is, allowing one slip of the keyboard in longer verbs ("sned", "aprove"). */
  private verbOf(t: Token): VerbKind | undefined {
    const exact = verbs.get(t.lower);
    if (exact) return exact;
    // Round 9: "forwarding 5 DAI to bob.eth", "tipping bob 2 DAI": the gerund of a known verb (./gerunds.ts).
    const base = t.kind === 'word' ? gerundBase(t.lower, (word) => verbs.get(word)) : undefined;
    if (base !== undefined) return verbs.get(base);
    const guess = this.fuzzyVerb(t);
    return guess === undefined ? undefined : verbs.get(guess);
  }

  /** The verb a slip stands for ("sned" → send), or undefined. */
  private fuzzyVerb(t: Token): string | undefined {
    if (t.kind !== 'word' || t.lower.length < 3 || reservedWords.has(t.lower) || this.symbolOf(t) !== undefined) return undefined;
    // Round 7: "pya", "lned", "tkae": two neighbouring keys swapped in a short verb, which makes no other word.
    const swapped = shortVerbs.find((verb) => verb.length === t.lower.length && isNeighbourSwap(t.lower, verb));
    if (swapped !== undefined) return swapped;
    if (t.lower.length < 4) return undefined;
    // "buyy", "swapp": a doubled key on a short verb.
    const collapsed = t.lower.replace(/(.)\1+/g, '$1');
    if (collapsed !== t.lower && verbs.has(collapsed) && verbs.get(collapsed) !== 'balance') return collapsed;
    return nearest(t.lower, fuzzyVerbs, 1);
  }

  /** Records the verb's spelling slip, if it was one. */
  private noteCorrection(t: Token, verb: VerbKind): void {
    if (verbs.has(t.lower) || verb === undefined || gerundBase(t.lower, (word) => verbs.get(word)) !== undefined) return;
    const guess = this.fuzzyVerb(t);
    if (guess !== undefined) this.corrections.push({ from: t.text, to: guess });
  }

  /** A refusal for two readings or a vague amount. */
  private ambiguous(at: Token | undefined, message: string) {
    return refusal(intentErrorCodes.ambiguous, this.source, at ?? this.endSpan(), message, ['say exactly one amount, token and recipient per step']);
  }

  // ---------------------------------------------------------------- venues

  /** Whether a known venue phrase ("uniswap v3", "the capital pool", "my aave position") starts at `index`. */
  /** Whether a venue is named after a place word later in the step ("… on aave", "… via the capital pool"). */
  private venueAhead(): boolean {
    for (let k = this.pos; k < this.tokens.length && !this.isWord(this.tokens[k], 'then', 'and'); k++)
      if (this.isWord(this.tokens[k], 'on', 'in', 'into', 'via', 'through', 'using', 'at', 'with') && (this.venueAt(k + 1) || (this.isWord(this.tokens[k + 1], 'the') && this.venueAt(k + 2)))) return true;
    return false;
  }

  private venueAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.venuePhrase() !== undefined;
    this.pos = save;
    return found;
  }

  private venuePhrase(): string | undefined {
    const save = this.pos;
    this.acceptWord('the', 'my', 'our', 'a');
    const t = this.peek();
    const glued = this.peek(1);
    if (t?.kind === 'number' && glued?.kind === 'word' && !glued.spaced) {
      // "1inch": a name that starts with a digit is lexed as a number and a word.
      const name = this.source.slice(t.start, glued.end).toLowerCase();
      const known = venuePhrases.find((phrase) => phrase.words.length === 1 && phrase.words[0] === name);
      if (known) {
        this.pos += 2;
        return this.venueTail(known.venue);
      }
    }
    if (t?.kind === 'word' && t.lower.endsWith("'s")) {
      // "uniswap's router".
      const known = venuePhrases.find((phrase) => phrase.words.length === 1 && phrase.words[0] === t.lower.slice(0, -2));
      if (known) {
        this.pos++;
        return this.venueTail(known.venue);
      }
    }
    for (const { words, venue } of venuePhrases) {
      if (this.acceptPhrase([words])) return this.venueTail(venue);
    }
    // Round 7: "on avae", "from aaave", "on uniswpa": a keyboard slip of a venue the devnet has.
    const slip = t?.kind === 'word' && !reservedWords.has(t.lower) && this.symbolOf(t) === undefined && !chainWords.has(t.lower) ? venueSlip(t.lower) : undefined;
    if (slip !== undefined) {
      this.pos++;
      if (!this.corrections.some((c) => c.from === t!.text)) this.corrections.push({ from: t!.text, to: slip });
      return this.venueTail(slip);
    }
    this.pos = save;
    return undefined;
  }

  /** What may follow a venue's name: a version ("uniswap v4" → "uniswap-v4") and nouns ("pool", "protocol"). */
  private venueTail(venue: string): string {
    let name = venue;
    const version = this.peek();
    if (!/-v\d+$/.test(name) && version?.kind === 'word' && /^v\d{1,2}$/.test(version.lower)) {
      this.pos++;
      name = `${name}-${version.lower}`;
    }
    while (this.peek()?.kind === 'word' && venueNouns.has(this.peek()!.lower)) this.pos++;
    return name;
  }

  /** After "via"/"through"/"using": a single unknown name ("Balancer"), not a token, chain, or reserved word. */
  private unknownVenueAt(index: number): boolean {
    let t = this.tokens[index];
    if (this.isWord(t, 'the')) t = this.tokens[index + 1];
    return (
      t !== undefined &&
      (t.kind === 'word' || t.kind === 'ens') &&
      !reservedWords.has(t.lower) &&
      this.symbolOf(t) === undefined &&
      !chainWords.has(t.lower) &&
      !foreignChains.has(t.lower) &&
      /^[a-z0-9][a-z0-9.-]*$/i.test(t.text)
    );
  }

  private unknownVenue(): string {
    this.acceptWord('the');
    const t = this.peek()!;
    this.pos++;
    while (this.peek()?.kind === 'word' && venueNouns.has(this.peek()!.lower)) this.pos++;
    return t.lower.replace(/\./g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  /** A venue narrows who may serve a step; plain transfers, allowances and balances have none. */
  private setVenue(draft: Draft, venue: string, at: Token | undefined): void {
    if (['transfer', 'approve', 'revoke', 'balance'].includes(draft.action))
      throw this.fail(at, `a ${draft.action} does not go through a venue like ${quote(venue)}: leave it out`, draft.action === 'balance' ? 'balance' : 'transfer');
    if (draft.venue !== undefined && draft.venue !== venue)
      throw this.ambiguous(at, `two venues in one step (${draft.venue} and ${venue}): name one`);
    draft.venue = venue;
  }

  // ---------------------------------------------------------------- errors

  private fail(at: Token | undefined, message: string, example: ExampleKey | readonly ExampleKey[]) {
    return unparseable(this.source, at ?? this.endSpan(), message, example);
  }

  /** "expected X after "Y"" at the current token, or "…, got "Z"" when something else stands there. */
  private expected(what: string, example: ExampleKey | readonly ExampleKey[]) {
    const t = this.peek();
    const previous = this.tokens[this.pos - 1];
    const after = previous ? ` after ${quote(previous.text)}` : '';
    if (!t) return this.fail(undefined, `expected ${what}${after}`, example);
    return this.fail(t, `expected ${what}${after}, got ${quote(t.text)}`, example);
  }

  private unexpected(t: Token, action: Intent['action']): ReturnType<typeof unparseable> {
    this.refuseTimeClause(this.indexOf(t));
    if (this.isWord(t, 'or')) return this.fail(t, '"or" makes this ambiguous: say exactly one thing to do', action === 'swap' ? 'swap' : 'multi');
    const key: ExampleKey = action in { transfer: 1, swap: 1, wrap: 1, unwrap: 1, stake: 1, unstake: 1, claim: 1, approve: 1, revoke: 1, balance: 1 } ? (action as ExampleKey) : 'swap';
    return this.fail(t, `did not understand ${quote(t.text)} after the ${action} step`, key);
  }

  private unknownAction(t: Token) {
    this.refuseTimeClause(this.indexOf(t));
    if (t.kind === 'word' && this.isPunct(this.after(t), ':') && !verbs.has(t.lower) && this.fuzzyVerb(t) === undefined && !formFields.has(t.lower) && !recipientNouns.has(t.lower) && this.requestAt(this.indexOf(t) + 2))
      return this.fail(t, `unknown label ${quote(t.text + ':')}: Lucid does not act past a word it cannot account for; start with the request itself`, ['swap', 'transfer']);
    if (t.kind === 'word' && unsupportedVerbs.has(t.lower))
      return refusal(intentErrorCodes.unsupported, this.source, t, `Lucid cannot ${t.lower} here: it can send, swap, wrap, stake, lend, claim, approve, revoke and show balances`);
    if (t.kind === 'word') {
      const close = t.lower.length >= 4 ? nearest(t.lower, fuzzyVerbs, 1) : undefined;
      if (close) return this.fail(t, `unknown action ${quote(t.text)} — did you mean "${close}"?`, ['swap', 'transfer']);
      return this.fail(
        t,
        `unknown action ${quote(t.text)}: start with a verb like send, swap, buy, wrap, stake, claim, approve, revoke or balance`,
        ['swap', 'transfer'],
      );
    }
    return this.fail(t, `did not understand ${quote(t.text)}: start with a verb like send or swap`, ['swap', 'transfer']);
  }

  /**
   * The number of words of a time or condition subordinator at `index` ("after", "once", "as soon as", "by the
   * time", "the moment"), 0 when none stands there. It must open something ("after lunch", "once the market
   * opens"): a bare "once" at the end is not one. Step order is not a time: "after that", "after which",
   * "after you stake …" join steps; "at once", "while you're at it" are filler.
   */
  private timeClauseAt(index: number): number {
    const word = (k: number) => {
      const t = this.tokens[k];
      return t?.kind === 'word' ? t.lower : undefined;
    };
    let first = word(index);
    // "afer lunch", "befor bed": a slip in the two commonest, only in a word that is nothing else.
    const typed = this.tokens[index];
    if (first !== undefined && !timeSubordinatorFirsts.has(first) && first.length >= 4 && !reservedWords.has(first) && this.symbolOf(typed!) === undefined && verbs.get(first) === undefined)
      first = ['after', 'before'].find((w) => damerauLevenshtein(first!, w) === 1) ?? first;
    if (first === undefined || !timeSubordinatorFirsts.has(first)) return 0;
    const phrase = timeSubordinators.find((words) => words.every((w, k) => (k === 0 ? first : word(index + k)) === w));
    if (!phrase) return 0;
    // ./stepOrder.ts: "once done", "when that's complete" order the steps; they wait for nothing.
    const done = phrase.length === 1 ? stepOrderAfterSubordinator(first, (k) => word(index + 1 + k)) : 0;
    if (done) {
      // Only when a step follows ("once done, send …"); "… once done" at the end or "once done with it" stay a time clause.
      let at = index + 1 + done;
      if (this.isPunct(this.tokens[at], ',')) at++;
      const verb = this.tokens[at];
      if (verb?.kind === 'word' && this.verbOf(verb) !== undefined) return 0;
    }
    const next = this.tokens[index + phrase.length];
    if (next === undefined || (next.kind !== 'word' && next.kind !== 'number' && next.kind !== 'numberWord' && next.kind !== 'address' && next.kind !== 'ens')) return 0;
    // "right after that", "soon after which": the step before, said with how soon; still only step order.
    if (phrase.length === 2 && phrase[1] === 'after' && ['right', 'straight', 'immediately', 'directly'].includes(phrase[0]!) && this.isWord(next, 'that', 'this', 'which')) return 0;
    const lone = phrase.length === 1 ? first : undefined;
    if ((lone === 'after' || lone === 'before') && this.isWord(next, 'that', 'this', 'which', 'wards')) return 0;
    if ((lone === 'after' || lone === 'before') && this.isWord(next, 'you', 'u', 'i', 'we')) {
      const verb = this.tokens[index + 2];
      if (verb?.kind === 'word' && this.verbOf(verb) !== undefined) return 0;
    }
    if (lone === 'once' && this.isWord(this.tokens[index - 1], 'at', 'all')) return 0;
    if ((lone === 'while' || lone === 'whilst') && this.isWord(next, 'you', "you're", 'youre', 'ur', 'u', "u're") ) {
      const rest = [1, 2, 3, 4].map((k) => word(index + k)).join(' ');
      if (/\bat it\b/.test(rest)) return 0;
    }
    return phrase.length;
  }

  /** Refuses a time or condition clause at `index` (see {@link timeClauseAt}) as `UNSUPPORTED_INTENT`, naming it. */
  private refuseTimeClause(index: number): void {
    const length = this.timeClauseAt(index);
    if (!length) return;
    const first = this.tokens[index]!;
    // The clause runs to a mark, at most four words on, and stops before the request's own verb ("after lunch send it …").
    const stops = (k: number) => {
      const t = this.tokens[k]!;
      const next = this.tokens[k + 1];
      return t.kind === 'punct' || (t.kind === 'word' && this.verbOf(t) !== undefined && next !== undefined && (this.startsAmount(next) || this.startsReference(next)));
    };
    let last = index + length - 1;
    while (last + 1 < this.tokens.length && !stops(last + 1) && last - (index + length - 1) < 4) last++;
    const span: Span = { start: first.start, end: this.tokens[last]!.end };
    throw refusal(
      intentErrorCodes.unsupported,
      this.source,
      span,
      `not done: ${quote(this.source.slice(span.start, span.end))} makes the request wait for a time or an event; Lucid acts now, once, in the order the steps are written`,
      ['say what Lucid should do now, like: wrap 1 ETH'],
    );
  }

  private endSpan(): Span {
    const end = this.source.trimEnd().length;
    return { start: end, end: end + 1 };
  }
}

/**
 * Words that open a clause of time or condition: what follows says when (or whether) to act, which Lucid cannot
 * wait for. Longest first where they share a word.
 */
const timeSubordinators: readonly (readonly string[])[] = [
  ['as', 'soon', 'as'], ['as', 'long', 'as'], ['so', 'long', 'as'], ['by', 'the', 'time'], ['the', 'moment'], ['the', 'minute'],
  ['the', 'instant'], ['right', 'after'], ['right', 'before'], ['soon', 'after'], ['shortly', 'after'], ['shortly', 'before'],
  ['just', 'after'], ['just', 'before'], ['immediately', 'after'], ['directly', 'after'], ['prior', 'to'], ['every', 'time'],
  ['each', 'time'], ['any', 'time'], ['next', 'time'], ['in', 'case'], ['only', 'if'], ['as', 'of'],
  ['after'], ['before'], ['once'], ['while'], ['whilst'], ['during'], ['until'], ['till'], ['til'], ['whenever'], ['when'], ['upon'],
  ['unless'], ['if'], ['anytime'],
];
const timeSubordinatorFirsts: ReadonlySet<string> = new Set(timeSubordinators.map((words) => words[0]!));

/**
 * Words a label before a colon may hold besides closed-class filler ("request:", "urgent task:", "tx:"): they
 * say what kind of text follows and nothing about what to do, so they are skipped, not kept as notes.
 */
const labelWords: ReadonlySet<string> = new Set([
  'request', 'requests', 'task', 'tasks', 'intent', 'intents', 'action', 'actions', 'required', 'needed', 'command', 'commands', 'cmd', 'instruction',
  'instructions', 'todo', 'to-do', 'urgent', 'important', 'priority', 'high', 'top', 'note', 'nb', 'order', 'orders', 'memo', 'tx', 'txn',
  'transaction', 'quick', 'quickie', 'favour', 'favor', 'tiny', 'small', 'simple', 'easy', 'ask', 'please', 'pls', 'plz', 'execute', 'run',
  'hit', 'me', 'up', 'asap', 'new', 'next', 'one', 'final', 'my', 'the', 'a', 'ps', 'fyi', 'heads', 'job', 'ticket', 'update', 'pending',
  'another', 'also', 'first', 'finally', 'lastly', 'main', 'real', 'actual', 'live', 'now', 'go', 'here', "here's", 'goes', 'thing',
  'in', 'sequence', 'to', 'self', 'steps', 'following', 'plan', 'payment', 'payments', 'item', 'req', 'objective', 'goal', 'operation',
  'op', 'ops', 'message', 'msg', 'critical', 'immediate', 'routine', 'normal', 'medium', 'low', 'errand', 'chore', 'mission', 'batch',
  'more', 'additionally', 'today', 'heads-up', 'reminder', 'only', 'just', 'done', 'fast', 'quickly', 'this', 'rush', 'hurry',
  // "Query: …", "Your task: …", "Please perform the following action: …", "Please carry out the following: …".
  'query', 'your', 'perform', 'carry', 'out',
  // "two things:", "do the following in order:", "do these:".
  'things', 'stuff', 'do', 'these', 'step',
]);
/** Actions whose venue a terse step may name last without a preposition ("supply 100 usdc aave"). */
const bareVenueActions: ReadonlySet<string> = new Set(['swap', 'supply', 'withdraw', 'stake', 'unstake']);
const labelWordList: readonly string[] = [...labelWords].filter((word) => word.length >= 4);

/**
 * Words that ask for something done to the words rather than with them ("summarize: send 1 ETH to bob",
 * "rephrase this: wrap 1 ETH"): before a colon they make the request one not to carry out.
 */
const metaLabelWords: ReadonlySet<string> = new Set([
  'summarize', 'summarise', 'summary', 'tldr', 'tl;dr', 'rewrite', 'rephrase', 'paraphrase', 'reword', 'reformulate', 'parse', 'parsing', 'format',
  'reformat', 'proofread', 'correct', 'corrected', 'review', 'analyse', 'analyze', 'analysis', 'describe', 'description', 'classify', 'classification',
  'categorize', 'categorise', 'category', 'tag', 'label', 'extract', 'translate', 'translation', 'interpret', 'tokenize', 'tokenise', 'annotate',
  'grade', 'evaluate', 'rate', 'score', 'simplify', 'shorten', 'expand', 'improve', 'edit', 'fix', 'spellcheck', 'transcribe', 'echo', 'repeat',
  'quote', 'cite', 'output', 'input', 'prompt', 'completion', 'response', 'reply', 'answer', 'explain', 'explanation', 'meaning', 'define',
  'polish', 'shorter', 'longer', 'formal', 'informal', 'politer', 'convert', 'json', 'yaml', 'csv', 'sql', 'regex', 'code',
]);

/** Field names of a form-style request ("Amount: 10 DAI / To: bob.eth"): never a label to skip or refuse as one. */
const formFields: ReadonlySet<string> = new Set([
  'amount', 'amt', 'qty', 'quantity', 'value', 'sum', 'token', 'asset', 'currency', 'coin', 'to', 'from', 'type', 'recipient', 'beneficiary',
  'payee', 'destination', 'dest', 'receiver', 'spender', 'purpose', 'reason', 'mode', 'chain', 'network', 'venue', 'protocol', 'slippage',
  'status', 'sender', 'source', 'address', 'wallet', 'account', 'body', 'subject', 'details', 'description',
]);
