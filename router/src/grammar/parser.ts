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
import { toChecksumAddress as checksumAddress, decimalPattern, percentPattern, type Intent } from '../../../kernel/index.js';
import { compareDecimal, isZero, scaleDecimal } from './decimal.js';
import { damerauLevenshtein, nearest } from './distance.js';
import { quote, unparseable, type ExampleKey, type Span } from './errors.js';
import {
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
  unlimitedWords,
  verbs,
  type VerbKind,
} from './lexicon.js';
import type { Token } from './tokenize.js';

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

/** Parses the tokens of `source` into intents (not yet schema-checked). */
export function parseTokens(source: string, tokens: readonly Token[], symbols: SymbolTable): Intent[] {
  return new Parser(source, currencyPrefixesLast(tokens), symbols).sentence();
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
type Amount = { value: string; token: Token };

const separatorMarks = new Set([',', ';', '.', '!', '?']);

class Parser {
  private pos = 0;

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
    for (;;) {
      if (intents.length === maxSteps)
        throw this.fail(this.peek(), `too many steps: at most ${maxSteps} in one sentence`, 'multi');
      intents.push(this.clause(intents[intents.length - 1]));
      if (this.atEnd()) break;
      const previous = intents[intents.length - 1]!;
      const joined = this.joiner();
      if (!joined) throw this.unexpected(this.peek()!, previous.action);
      if (joined.comma && this.modifiers(previous)) {
        // "swap 1 ETH for USDC, 1% slippage": the comma introduced more about the same step.
        if (this.atEnd()) break;
        if (!this.joiner()) throw this.unexpected(this.peek()!, previous.action);
      }
      if (this.onlyThanksLeft()) break;
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

  /** "… for me. Thanks!": politeness after the last clause ends the sentence. */
  private onlyThanksLeft(): boolean {
    const save = this.pos;
    let any = false;
    while (this.acceptPhrase([['thank', 'you'], ['thanks'], ['thx'], ['cheers'], ['please']])) {
      any = true;
      this.joiner();
    }
    if (any && this.atEnd()) return true;
    this.pos = save;
    return false;
  }

  /** Consumes clause joiners; undefined when there were none. `weak` is a bare "and"/"," (may be a list). */
  private joiner(): { weak?: Token; dangling?: Token; comma: boolean } | undefined {
    let any = false;
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
        continue;
      }
      const start = this.pos;
      const phrase = this.acceptPhrase(clauseJoiners);
      if (phrase) {
        any = true;
        onlyComma = false;
        dangling = this.tokens[start];
        if (phrase.length === 1 && phrase[0] === 'and') weak ??= this.tokens[start];
        else weak = undefined;
        continue;
      }
      break;
    }
    if (!any) return undefined;
    return { ...(weak ? { weak } : {}), ...(dangling ? { dangling } : {}), comma: comma && onlyComma };
  }

  /** Whether a clause could start here (after filler): a verb, an amount, a token, or "on <chain>". */
  private startsClause(): boolean {
    const save = this.pos;
    this.leadingFiller();
    const t = this.peek();
    const result =
      t !== undefined &&
      (this.startsAmount(t) ||
        (t.kind === 'word' &&
          (this.verbOf(t) !== undefined ||
            t.lower === 'on' ||
            (this.symbolOf(t) !== undefined && this.peek(1)?.kind === 'word' && balanceWords.has(this.peek(1)!.lower)))));
    this.pos = save;
    return result;
  }

  /** One step. After a transfer, a step may leave the verb out: "send 10 USDC to bob and 5 DAI to carol". */
  private clause(previous?: Draft): Draft {
    this.leadingFiller();
    let chain: { chain: string; token: Token } | undefined;
    if (this.isWord(this.peek(), 'on') && this.chainAt(this.pos + 1)) {
      this.pos++;
      chain = this.chainPhrase()!;
      this.acceptPunct(',');
      this.leadingFiller();
    }
    const t = this.peek();
    if (!t) throw this.fail(undefined, 'nothing to do: say what should happen', 'multi');
    let draft: Draft;
    if (this.startsAmount(t) && previous?.action === 'transfer') draft = this.transfer();
    else if (this.startsAmount(t)) draft = this.swapBody('swap');
    else {
      const verb = t.kind === 'word' ? this.verbOf(t) : undefined;
      if (verb === undefined && t.kind === 'word' && this.symbolOf(t) !== undefined) draft = this.balance();
      else if (verb === undefined) throw this.unknownAction(t);
      else draft = this.action(verb, t);
    }
    if (chain) draft.chain = chain.chain;
    this.modifiers(draft);
    return draft;
  }

  private action(verb: VerbKind, t: Token): Draft {
    if (verb === 'balance') return this.balance();
    if (verb === 'get') {
      const next = this.isWord(this.peek(1), 'me') ? this.peek(2) : this.peek(1);
      if (!next || !(this.startsAmount(next) || this.isWord(next, 'exactly'))) return this.balance();
    }
    this.pos++;
    switch (verb) {
      case 'transfer':
        return this.transfer();
      case 'swap':
      case 'sell':
        return this.swapBody(verb);
      case 'buy':
      case 'get':
        return this.buy(t);
      case 'wrap':
      case 'unwrap':
        return this.wrap(verb, t);
      case 'stake':
      case 'unstake':
        return this.stake(verb);
      case 'claim':
        return this.claim();
      case 'approve':
      case 'allow':
        return this.approve();
      case 'revoke':
        return this.revoke();
    }
  }

  // ---------------------------------------------------------------- productions, one per action

  private transfer(): Draft {
    const draft: Draft = { action: 'transfer' };
    const t = this.peek();
    if (t && this.startsAmount(t)) {
      draft.amount = this.amount('transfer')!.value;
      draft.token = this.tokenRef('transfer');
      // "send 100 USDC on base to bob": a chain may stand before the recipient.
      this.modifiers(draft);
      const next = this.peek();
      if (this.acceptWord('to', 'towards') || this.acceptPunct('->')) draft.to = this.recipient('transfer');
      else if (next && (next.kind === 'address' || next.kind === 'ens')) draft.to = this.recipient('transfer');
      else throw this.expected('a recipient (to whom?)', 'transfer');
      return draft;
    }
    if (t?.kind === 'word' && this.symbolOf(t) !== undefined)
      throw this.fail(t, `how much ${this.symbolOf(t)} should be sent? say an amount before ${quote(t.text)}`, 'transfer');
    draft.to = this.recipient('transfer');
    const amount = this.amount('transfer');
    if (!amount) throw this.expected('an amount', 'transfer');
    draft.amount = amount.value;
    draft.token = this.tokenRef('transfer');
    return draft;
  }

  /** swap/trade/exchange/convert/sell, and the verbless "1 ETH -> USDC". */
  private swapBody(verb: 'swap' | 'sell'): Draft {
    const draft: Draft = { action: 'swap' };
    const t = this.peek();
    if (t && this.startsAmount(t)) draft.amount = this.amount('swap')!.value;
    draft.token = this.tokenRef('swap');
    if (!(this.acceptWord('for', 'to', 'into') || this.acceptPunct('->')))
      throw this.expected(verb === 'sell' ? '"for" and the token to receive' : '"for" and the token to get', 'swap');
    const exactly = this.acceptWord('exactly', 'exact');
    const out = this.peek();
    if (out && this.startsAmount(out)) draft.amountOut = this.exactAmount('swap');
    else if (exactly) throw this.expected('the exact amount to get', ['swap', 'buy']);
    draft.tokenOut = this.tokenRef('swap');
    if (draft.amount !== undefined && draft.amountOut !== undefined)
      throw this.fail(
        out,
        'ambiguous swap: give the amount to sell or the amount to buy, not both',
        ['swap', 'buy'],
      );
    if (draft.amount === undefined && draft.amountOut === undefined)
      throw this.fail(t, `how much ${draft.token} should be swapped? say an amount before ${quote(t!.text)}`, 'swap');
    return this.pairCheck(draft, out);
  }

  /** buy/get: exact output when an amount follows the verb ("buy 100 USDC with ETH"), exact input otherwise. */
  private buy(verb: Token): Draft {
    const draft: Draft = { action: 'swap' };
    this.acceptWord('me');
    const exactly = this.acceptWord('exactly', 'exact');
    const t = this.peek();
    if (t && this.startsAmount(t)) {
      draft.amountOut = this.exactAmount('buy');
      draft.tokenOut = this.tokenRef('buy');
      if (!(this.acceptWord('with', 'using', 'for', 'from') || this.acceptPhrase([['paying', 'with'], ['paying'], ['in', 'exchange', 'for']])))
        throw this.expected(`"with" and the token to pay with`, 'buy');
      const pay = this.peek();
      if (pay && this.startsAmount(pay))
        throw this.fail(pay, 'ambiguous swap: give the amount to buy or the amount to spend, not both', ['buy', 'swap']);
      draft.token = this.tokenRef('buy');
      return this.pairCheck(draft, t);
    }
    if (exactly) throw this.expected('the exact amount to get', 'buy');
    draft.tokenOut = this.tokenRef('buy');
    if (!(this.acceptWord('with', 'using', 'for') || this.acceptPhrase([['paying', 'with'], ['paying']])))
      throw this.expected(`"with" and what to pay`, 'buy');
    const amount = this.amount('buy');
    if (!amount) throw this.fail(this.peek(), `how much should ${verb.lower} spend or get? say an amount`, ['buy', 'swap']);
    draft.amount = amount.value;
    draft.token = this.tokenRef('buy');
    return this.pairCheck(draft, t);
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
    const amount = this.amount(verb);
    if (!amount) throw this.expected('an amount', verb);
    const from = verb === 'wrap' ? 'ETH' : 'WETH';
    const to = verb === 'wrap' ? 'WETH' : 'ETH';
    const next = this.peek();
    if (next && this.looksLikeToken(next)) {
      const symbol = this.tokenRef(verb);
      if (symbol !== 'ETH' && symbol !== 'WETH')
        throw this.fail(next, `only ${from} can be ${verb}ped, not ${quote(next.text)}`, verb);
    }
    const after = this.peek(1);
    if (after && this.looksLikeToken(after) && (this.acceptWord('into', 'to', 'for') || this.acceptPunct('->'))) {
      const target = this.peek();
      const symbol = this.tokenRef(verb);
      if (symbol !== to) throw this.fail(target, `${t.lower} turns ${from} into ${to}, not ${quote(target!.text)}`, verb);
    }
    return { action: verb, amount: amount.value, token: from };
  }

  private stake(verb: 'stake' | 'unstake'): Draft {
    const amount = this.amount(verb);
    if (!amount) throw this.expected('an amount', verb);
    return { action: verb, amount: amount.value, token: this.tokenRef(verb) };
  }

  private claim(): Draft {
    const draft: Draft = { action: 'claim' };
    this.acceptPhrase([['all', 'of', 'my'], ['all', 'my'], ['all', 'the'], ['all'], ['my'], ['the'], ['any']]);
    this.acceptWord('pending', 'accrued', 'available', 'unclaimed', 'earned');
    const t = this.peek();
    if (t && this.startsAmount(t) && !this.isWord(t, 'all'))
      throw this.fail(t, `claim takes no amount: it claims everything pending`, 'claim');
    const maybeToken = t?.kind === 'address' || (t?.kind === 'word' && !rewardNouns.has(t.lower) && !reservedWords.has(t.lower));
    if (maybeToken) draft.token = this.tokenRef('claim');
    while (this.peek()?.kind === 'word' && rewardNouns.has(this.peek()!.lower)) this.pos++;
    return draft;
  }

  private approve(): Draft {
    const draft: Draft = { action: 'approve' };
    if (this.amountOrUnlimited(draft)) {
      draft.token = this.tokenRef('approve');
      if (!(this.acceptWord('for', 'to') || this.acceptPunct('->'))) throw this.expected('"for" and the spender', 'approve');
      draft.to = this.recipient('approve');
      return draft;
    }
    const first = this.peek();
    if (first?.kind === 'word' && this.symbolOf(first) !== undefined)
      throw this.fail(first, `how much ${this.symbolOf(first)} may be spent? say an amount or "unlimited" before ${quote(first.text)}`, 'approve');
    draft.to = this.recipient('approve');
    if (!this.acceptPhrase([['to', 'spend', 'up', 'to'], ['to', 'spend'], ['to', 'use'], ['to', 'move'], ['for'], ['to']]))
      throw this.expected('"to spend" and an amount', 'approve');
    if (!this.amountOrUnlimited(draft)) throw this.expected('an amount or "unlimited"', 'approve');
    draft.token = this.tokenRef('approve');
    return draft;
  }

  /** "unlimited"/"infinite"/"max" → unlimited; otherwise an amount. Returns whether either was read. */
  private amountOrUnlimited(draft: Draft): boolean {
    const save = this.pos;
    this.acceptWord('an', 'a');
    if (this.peek()?.kind === 'word' && unlimitedWords.has(this.peek()!.lower)) {
      this.pos++;
      this.acceptPhrase([['amount', 'of'], ['of']]);
      draft.unlimited = true;
      return true;
    }
    this.pos = save;
    const t = this.peek();
    if (t && this.startsAmount(t)) {
      draft.amount = this.amount('approve')!.value;
      return true;
    }
    return false;
  }

  private revoke(): Draft {
    const draft: Draft = { action: 'revoke' };
    this.acceptPhrase([['all', 'of', 'the'], ['all', 'the'], ['all'], ['the'], ['my']]);
    const spenderLink = [['given', 'to'], ['granted', 'to'], ['for'], ['from'], ['to'], ['of'], ['on']] as const;
    const first = this.peek();
    if (first && this.startsAmount(first) && !this.isWord(first, 'all'))
      throw this.fail(first, 'revoke takes no amount: it sets the allowance to zero', 'revoke');
    if (first?.kind === 'word' && approvalNouns.has(first.lower)) {
      // revoke approval for USDC from 0x…
      this.pos++;
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
      // revoke USDC approval for 0x…
      draft.token = this.tokenRef('revoke');
      this.acceptApprovalNoun();
      if (!this.acceptPhrase(spenderLink)) throw this.expected('"for" and the spender', 'revoke');
      draft.to = this.recipient('revoke');
      return draft;
    }
    // revoke 0x… from spending USDC / revoke uniswap's access to USDC / revoke 0x… USDC approval
    draft.to = this.recipient('revoke');
    if (this.acceptPhrase([['from', 'spending'], ['from', 'using'], ['from', 'moving'], ['access', 'to'], ['approval', 'for'], ['allowance', 'for'], ['approval', 'on'], ['allowance', 'on']])) {
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
  private balance(): Draft {
    const draft: Draft = { action: 'balance' };
    let marked = false;
    const start = this.peek();
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'punct' && separatorMarks.has(t.value)) break;
      if (t.kind === 'word' && (t.lower === 'then' || t.lower === 'and')) break;
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
      if (t.kind === 'word' && balanceWords.has(t.lower) && this.symbolOf(t) === undefined) {
        this.pos++;
        if (balanceMarkers.has(t.lower)) marked = true;
        continue;
      }
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
        const suggestion = nearest(t.text, this.symbols.spellings);
        if (suggestion) throw this.fail(t, `unknown token ${quote(t.text)} — did you mean ${suggestion}?`, 'balance');
      }
      if (t.kind === 'ens') throw this.fail(t, `balance shows your own account, not ${quote(t.text)}`, 'balance');
      throw this.fail(t, `did not understand ${quote(t.text)} in a balance question`, 'balance');
    }
    if (!marked)
      throw this.fail(
        start,
        `did not understand ${quote(start ? this.source.slice(start.start, this.tokens[this.pos - 1]?.end ?? start.end) : '')}: ask for a balance, or start with a verb`,
        ['balance', 'swap'],
      );
    return draft;
  }

  // ---------------------------------------------------------------- modifiers

  /** Chain, slippage and trailing politeness after a clause; returns whether anything was read. */
  private modifiers(draft: Draft): boolean {
    let any = false;
    for (;;) {
      const t = this.peek();
      if (!t) return any;
      if (this.acceptPhrase(trailingFiller)) {
        any = true;
        continue;
      }
      if (this.isWord(t, 'on', 'via', 'over', 'using', 'in') && this.chainAt(this.pos + 1)) {
        this.pos++;
        this.setChain(draft, this.chainPhrase()!);
        any = true;
        continue;
      }
      if (this.isWord(t, 'locally')) {
        this.pos++;
        this.setChain(draft, { chain: 'anvil', token: t });
        any = true;
        continue;
      }
      if (t.kind === 'punct' && t.value === '(') {
        // "(1% slippage)", "(on base)": modifiers in parentheses.
        const save = this.pos;
        this.pos++;
        if (this.modifiers(draft) && this.acceptPunct(')')) {
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
      if (this.isWord(t, 'on') && this.peek(1)?.kind === 'word' && !this.isWord(this.peek(1), 'the'))
        throw this.fail(this.peek(1), `unknown chain ${quote(this.peek(1)!.text)}: use mainnet, base, arbitrum or anvil`, 'swap');
      return any;
    }
  }

  private setChain(draft: Draft, chain: { chain: string; token: Token }): void {
    if (draft.chain !== undefined && draft.chain !== chain.chain)
      throw this.fail(chain.token, `two chains in one step (${draft.chain} and ${chain.chain}): name one`, 'swap');
    draft.chain = chain.chain;
  }

  /** Whether a chain phrase ("base", "the devnet") starts at `index`. */
  private chainAt(index: number): boolean {
    const save = this.pos;
    this.pos = index;
    const found = this.chainPhrase() !== undefined;
    this.pos = save;
    return found;
  }

  private chainPhrase(): { chain: string; token: Token } | undefined {
    const save = this.pos;
    this.acceptWord('the');
    const token = this.peek();
    for (const { words, chain } of chainPhrases) {
      if (this.acceptPhrase([words])) {
        this.acceptWord('chain', 'network', 'testnet');
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
    this.acceptWord('with', 'at', 'using', 'allowing', 'allow');
    this.acceptWord('a', 'an');
    this.acceptWord('max', 'maximum', 'max.');
    const t = this.peek();
    if (t && this.isSlippageWord(t)) {
      this.pos++;
      this.acceptWord('tolerance', 'limit');
      this.acceptWord('of', 'at', 'to', 'is', 'set');
      if (!this.acceptPunct(':')) this.acceptPunct('=');
      this.acceptWord('max', 'maximum', 'to');
      const rate = this.rate();
      if (!rate) throw this.expected('a slippage like 1% or 30 bps', 'swap');
      return { bps: rate, token: t };
    }
    const rateStart = this.peek();
    const rate = rateStart?.kind === 'number' ? this.rate(false) : undefined;
    if (rate !== undefined) {
      this.acceptWord('max', 'maximum');
      const word = this.peek();
      if (word && this.isSlippageWord(word)) {
        this.pos++;
        this.acceptWord('tolerance', 'limit', 'max');
        return { bps: rate, token: rateStart! };
      }
    }
    this.pos = save;
    return undefined;
  }

  private isSlippageWord(t: Token): boolean {
    return t.kind === 'word' && (t.lower === 'slippage' || damerauLevenshtein(t.lower, 'slippage') <= 2);
  }

  /** "1%", "0.5 percent", "30 bps", "30 basis points" → basis points. */
  private rate(unitRequired = true): number | undefined {
    const t = this.peek();
    if (t?.kind !== 'number') return undefined;
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
    if (compareDecimal(bps, '10000') > 0) throw this.fail(t, `slippage ${said} is more than 100%`, 'swap');
    return Number(bps);
  }

  // ---------------------------------------------------------------- amounts, tokens, recipients

  private startsAmount(t: Token): boolean {
    return t.kind === 'number' || t.kind === 'numberWord' || (t.kind === 'word' && ['all', 'everything', 'half', 'max'].includes(t.lower));
  }

  /** An amount, or undefined (consuming nothing) when none starts here. */
  private amount(context: ExampleKey): Amount | undefined {
    const t = this.peek();
    if (!t || !this.startsAmount(t)) return undefined;
    this.pos++;
    let value: string;
    if (t.kind === 'word') {
      value = t.lower === 'half' ? '50%' : 'all';
    } else {
      value = t.value;
      const suffix = this.peek();
      if (suffix?.kind === 'suffix') {
        this.pos++;
        value = scaleDecimal(value, Number(suffix.value));
        if (value.replace('.', '').length > 60) throw this.fail(t, `${quote(t.text)} is too large to be an amount`, context);
      }
      if (isZero(value)) throw this.fail(t, `amount ${quote(t.text)} must be greater than zero`, context);
      if (this.peek()?.kind === 'percent') {
        this.pos++;
        if (compareDecimal(value, '100') > 0) throw this.fail(t, `${quote(`${t.text}%`)} is more than 100% of the balance`, context);
        value = `${value}%`;
        if (!percentPattern.test(value)) throw this.fail(t, `${quote(t.text)} is not a percentage`, context);
      } else if (!decimalPattern.test(value)) {
        throw this.fail(t, `${quote(t.text)} is not an amount`, context);
      }
      if (t.dollar && this.isWord(this.peek(), 'worth'))
        throw this.fail(t, `amounts in dollars are not supported: say the amount of the token, like "send 20 USDC"`, context);
    }
    this.acceptWord('of');
    this.acceptWord('my', 'the', 'your');
    return { value, token: t };
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
    // "usdcs", "eths": a plural of a symbol.
    if (t.lower.length > 2 && t.lower.endsWith('s')) {
      const singular = t.lower.slice(0, -1);
      if (nativeAliases.has(singular)) return 'ETH';
      return this.symbols.canonical.get(singular);
    }
    return undefined;
  }

  /** A token: a symbol in the list's spelling, or a 0x address as written. */
  private tokenRef(context: ExampleKey): string {
    this.acceptWord('my', 'the');
    const t = this.peek();
    if (!t) throw this.expected('a token', context);
    if (t.kind === 'address') {
      this.checkChecksum(t, context);
      this.pos++;
      return t.text;
    }
    const symbol = this.symbolOf(t);
    if (symbol) {
      this.pos++;
      if (this.peek()?.kind === 'word' && tokenNouns.has(this.peek()!.lower)) this.pos++;
      return symbol;
    }
    if (t.kind === 'word' && !reservedWords.has(t.lower)) {
      const suggestion = nearest(t.text, this.symbols.spellings);
      throw this.fail(t, `unknown token ${quote(t.text)}${suggestion ? ` — did you mean ${suggestion}?` : ''}`, context);
    }
    if (t.kind === 'ens') throw this.fail(t, `${quote(t.text)} is a name, not a token`, context);
    throw this.expected('a token', context);
  }

  /** A recipient or spender: a 0x address, an ENS name, or a contact's name, as written. */
  private recipient(context: ExampleKey): string {
    const t = this.peek();
    if (!t) throw this.expected(context === 'transfer' ? 'a recipient' : 'a spender', context);
    if (t.kind === 'address') {
      this.checkChecksum(t, context);
      this.pos++;
      return t.text;
    }
    if (t.kind === 'ens' && /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/.test(t.text)) {
      this.pos++;
      return t.text;
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

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  private isWord(t: Token | undefined, ...words: string[]): boolean {
    return t?.kind === 'word' && words.includes(t.lower);
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
    while (this.acceptPhrase(leadingFiller)) this.acceptPunct(',');
  }

  /** The verb a word is, allowing one slip of the keyboard in longer verbs ("sned", "aprove"). */
  private verbOf(t: Token): VerbKind | undefined {
    const exact = verbs.get(t.lower);
    if (exact) return exact;
    if (t.lower.length < 4 || reservedWords.has(t.lower) || this.symbolOf(t) !== undefined) return undefined;
    const guess = nearest(t.lower, fuzzyVerbs, 1);
    return guess === undefined ? undefined : verbs.get(guess);
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
    if (this.isWord(t, 'or')) return this.fail(t, '"or" makes this ambiguous: say exactly one thing to do', action === 'swap' ? 'swap' : 'multi');
    const key: ExampleKey = action in { transfer: 1, swap: 1, wrap: 1, unwrap: 1, stake: 1, unstake: 1, claim: 1, approve: 1, revoke: 1, balance: 1 } ? (action as ExampleKey) : 'swap';
    return this.fail(t, `did not understand ${quote(t.text)} after the ${action} step`, key);
  }

  private unknownAction(t: Token) {
    if (t.kind === 'word') {
      const close = t.lower.length >= 3 ? nearest(t.lower, [...verbs.keys()].filter((v) => v.length >= 3), 1) : undefined;
      if (close) return this.fail(t, `unknown action ${quote(t.text)} — did you mean "${close}"?`, ['swap', 'transfer']);
      return this.fail(
        t,
        `unknown action ${quote(t.text)}: start with a verb like send, swap, buy, wrap, stake, claim, approve, revoke or balance`,
        ['swap', 'transfer'],
      );
    }
    return this.fail(t, `did not understand ${quote(t.text)}: start with a verb like send or swap`, ['swap', 'transfer']);
  }

  private endSpan(): Span {
    const end = this.source.trimEnd().length;
    return { start: end, end: end + 1 };
  }
}
