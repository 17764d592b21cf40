/**
 * Questions the frame (./frame.ts) reads as a look at a step, rewriting them as the step to show: whether the user
 * can do it ("can I send 5 DAI to bob?"), a case imagined ("what would happen if I sent …"), a quote ("how much DAI
 * would 0.5 ETH get me", "what's 1 ETH in DAI"), a price asked with a noun ("px 1 ETH in USDC") and a swap said as
 * a noun phrase ("what a 2 ETH to USDC swap looks like"). None of them is ever signed: the frame marks them preview.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { quote, refusal } from './errors.js';
import { hintsFor, isActionVerb, isEnd, matchAny, openingFiller, symbolWords, synthetic, wordOf } from './frameWords.js';
import { verbs } from './lexicon.js';
import { compilePattern, type Words } from './phrasePattern.js';
import type { Token } from './tokenize.js';

const p = compilePattern;

/** Only-look phrases that also name the step: "how much DAI would 0.5 ETH get me" is a swap quote. */
const howMuch = ['how|hw|hoe|hwo much|many|mcuh|muhc|mutch|mch|mny', 'how much|many'].map(p);

/** "what would 2 ETH get me in DAI", "what's 500 DAI in ETH": a quote asked with "what" before the amount. */
const whatAmount = ["what would|will|does|do|is|'s|are #", "what's|whats|wats|wat's #", 'what|wat #', 'what would|will|could|can i|we get|receive for|with'].map(p);

/** "what would happen if I sent …", "what would it look like to swap …": a case imagined, to be shown (only with an only-look phrase). */
const imagined = [
  'what would happen if|when i|we were to', 'what would happen if|when i|we', 'what happens if|when i|we', 'what if i|we', 'would happen if|when i|we',
  'happens if|when i|we', 'will happen if|when i|we',
  'what would it look like if i|we', 'what would it look like to', 'what will happen if|when i|we', 'what will it look like to',
  'what would|will|do i|we get|receive if|when i|we',
].map(p);
/** The only-look frames that ask to see without another only-look phrase ("what would I get if I swap …" asks for a quote). */
const lookingFrames = ['what would it look like to', 'what will it look like to', 'what would|will|do i|we get|receive if|when i|we'].map(p);
/** Past forms after "what would happen if I …", as the request's verb. */
const baseOf: ReadonlyMap<string, string> = new Map([
  ['sent', 'send'], ['swapped', 'swap'], ['swaped', 'swap'], ['wrapped', 'wrap'], ['unwrapped', 'unwrap'], ['staked', 'stake'], ['unstaked', 'unstake'],
  ['approved', 'approve'], ['transferred', 'transfer'], ['transfered', 'transfer'], ['sold', 'sell'], ['bought', 'buy'], ['paid', 'pay'],
  ['supplied', 'supply'], ['withdrew', 'withdraw'], ['converted', 'convert'], ['traded', 'trade'], ['deposited', 'deposit'], ['revoked', 'revoke'],
  ['claimed', 'claim'], ['exchanged', 'exchange'],
]);

/** Questions of the user's own ability, before an action verb. */
const abilityFrames = [
  'can|could|cn|cna|can’t i|we', 'am i able to', 'are we able to', 'would|will i|we be able to', 'is it possible for me|us to', 'is it ok|okay for me|us to',
  'may i', 'am i allowed to', 'are we allowed to',
  // the same question put as a task ("check if I can send 50 USDC to bob").
  'check|see|verify|confirm if|whether i|we can|could', 'check|see|verify|confirm if|whether i|we am|are|is able to',
].map(p);

/**
 * "can I send 5 DAI to bob?", "am I able to stake 2 ETH", "would I be able to …": whether the user can do
 * it is a question; it is answered as a preview (shown, never signed). "can you send …" stays a request.
 * Returns the words to drop, or undefined.
 */
export function abilityQuestion(tokens: readonly Token[], words: Words): { start: number; length: number } | undefined {
  let start = 0;
  while (start < words.length && openingFiller.has(words[start]!)) start++;
  const length = matchAny(words, start, abilityFrames);
  if (!length) return undefined;
  let verb = start + length;
  while (['please', 'pls', 'just', 'also'].includes(words[verb] ?? '')) verb++;
  if (tokens[verb]?.kind !== 'word' || !isActionVerb(words[verb]!)) return undefined;
  return { start, length: verb - start };
}

/**
 * With an only-look phrase ("don't execute", "just simulate") or as a question of how it would look, a
 * case imagined ("what would happen if I sent 5 DAI to bob") is the request to show: the frame is dropped
 * and the past form read as the verb ("send 5 DAI to bob"). Any other subject than "I"/"we", or no only-look
 * phrase, leaves the words alone (then the condition rule refuses them).
 */
export function imaginedCase(tokens: readonly Token[], words: Words, preview: boolean): Token[] | undefined {
  for (let i = 0; i < words.length; i++) {
    const length = matchAny(words, i, imagined);
    if (!length) continue;
    if (!preview && !matchAny(words, i, lookingFrames)) return undefined;
    // Only politeness and only-look words may stand before the frame.
    if (tokens.slice(0, i).some((token) => token.kind !== 'punct' && !['just', 'please', 'pls', 'so', 'ok', 'okay', 'hey', 'lucid'].includes(wordOf(token)))) return undefined;
    const verb = tokens[i + length];
    if (verb?.kind !== 'word') return undefined;
    const base = baseOf.get(verb.lower) ?? (verbs.has(verb.lower) ? verb.lower : undefined);
    if (base === undefined) return undefined;
    const rewritten: Token = { ...verb, text: base, lower: base, value: base };
    return [rewritten, ...tokens.slice(i + length + 1)];
  }
  return undefined;
}

/** Words a "how much X would Y get me" question may hold besides the two tokens and the amount. */
const howMuchFiller = new Set([
  'would', 'will', 'i', "i'd", 'id', "i'll", "we'd", 'get', 'me', 'receive', 'for', 'in', 'end', 'up', 'with', 'could', 'can', 'fetch', 'be', 'that', 'do', 'does', 'it', 'give', 'return',
  'obtain', 'buy', '?', 'is', 'are', 'to', 'purchase', 'acquire', 'right', 'now', 'currently', 'today', 'using', 'by', 'if', 'swapping', 'selling',
  'trading', 'converting', 'exchanging', 'swap', 'sell', 'trade', 'convert', 'exchange', 'we', 'you', 'u', 'roughly', 'worth', 'at', 'the', 'moment', 'rate',
  // round 7: "how much USDC 2 ETH gets me", "… worth in DAI rn"
  'gets', 'fetches', 'buys', 'returns', 'rn', 'atm',
]);
/** Words that make the question one of cost: how much of the asked token pays for the amount named. */
const costWords: ReadonlySet<string> = new Set(['need', 'needed', 'needs', 'cost', 'costs', 'take', 'takes', 'require', 'required', 'requires', 'spend', 'pay']);
/** Words that stand where "I" would: someone else's quote is no request. */
const modalWords: ReadonlySet<string> = new Set(['would', 'will', 'can', 'could', 'do', 'does', 'did']);
const selfWords: ReadonlySet<string> = new Set(['i', 'we', 'you', 'u', 'it', 'me', 'that', 'this']);

/**
 * "how much DAI would 0.5 ETH get me", "how many LUCID can I get with 50 DAI", "what would 2 ETH get me in
 * DAI": a quote for a swap of the amount named into the token asked about, rewritten as "0.5 ETH -> DAI".
 * "how much DAI do I need to buy 1 ETH", "how much ETH does it take to get 500 DAI": a quote for buying the
 * amount named with the token asked about, rewritten as "buy 1 ETH with DAI". A place after the amount ("on
 * uniswap") is left to the productions. Anything else in the question leaves it alone (then it is a balance
 * question or nothing); a quote for someone else ("how much would alice get") is refused.
 */
export function howMuchQuote(source: string, tokens: readonly Token[], words: Words): Token[] | undefined {
  let at = words.findIndex((_, i) => matchAny(words, i, howMuch) > 0);
  let asked: Token | undefined;
  let from: number;
  if (at !== -1) {
    from = at + 2;
    if (tokens[from]?.kind === 'word' && symbolWords().has(words[from]!)) asked = tokens[from++];
  } else {
    at = words.findIndex((_, i) => matchAny(words, i, whatAmount) > 0);
    if (at === -1) return undefined;
    from = at + matchAny(words, at, whatAmount) - 1;
  }
  let amount: Token[] | undefined;
  let cost = false;
  let verb: string | undefined;
  let tail: Token[] = [];
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = wordOf(token);
    const startsAmount = word === '#' || ((word === 'all' || word === 'my') && (tokens[i + 1]?.kind === 'word' || wordOf(tokens[i + 1] ?? token) === '#'));
    if (startsAmount && !amount) {
      let k = i;
      while (['all', 'of', 'my'].includes(words[k] ?? '')) k++;
      if (words[k] === '#') k++;
      if (tokens[k]?.kind === 'suffix') k++;
      const symbol = tokens[k];
      if (symbol?.kind !== 'word' || !symbolWords().has(symbol.lower)) return undefined;
      amount = tokens.slice(i, k + 1);
      i = k;
      continue;
    }
    if (word === '#') return undefined;
    // "how much would I get for swapping 1 ETH to DAI": the token asked for named after the amount.
    if ((word === 'in' || (['to', 'into', 'for'].includes(word) && amount)) && tokens[i + 1]?.kind === 'word' && symbolWords().has(words[i + 1]!)) {
      if (asked) return undefined;
      asked = tokens[++i];
      continue;
    }
    if (['on', 'via', 'through'].includes(word) && amount) {
      tail = tokens.slice(i);
      break;
    }
    // "how much ETH to get 500 DAI": the asked token pays for the amount named after it.
    if (word === 'to' && asked && !amount && ['get', 'buy', 'purchase', 'acquire', 'receive'].includes(words[i + 1] ?? '')) {
      cost = true;
      continue;
    }
    // "how many DAI I take for 1 ETH": what I take is what I get; "how much ETH does it take" is a cost.
    if ((word === 'take' || word === 'takes') && ['i', 'we'].includes(words[i - 1] ?? '')) continue;
    if (costWords.has(word)) {
      cost = true;
      continue;
    }
    if (['staking', 'stake', 'wrapping', 'wrap'].includes(word)) {
      verb = word.startsWith('stak') ? 'stake' : 'wrap';
      continue;
    }
    if (howMuchFiller.has(word) || word === ',' || word === '.' || word === '!' || word === 'emoji') continue;
    if (token.kind === 'word' && modalWords.has(words[i - 1] ?? '') && !selfWords.has(word) && !symbolWords().has(word)) {
      throw refusal(intentErrorCodes.unsupported, source, token, `not done: ${quote(token.text)} — a quote for someone else; say what Lucid should show you`, hintsFor(intentErrorCodes.unsupported));
    }
    return undefined;
  }
  if (!amount) return undefined;
  if (!asked) {
    if (verb) return [synthetic(verb, amount[0]!), ...amount, ...tail];
    throw refusal(intentErrorCodes.unparseable, source, tokens[at], 'a quote needs the token to get: say which, like "how much DAI would 1 ETH get me"', ['try: how much DAI would 1 ETH get me']);
  }
  if (verb === 'stake' || verb === 'wrap') return [synthetic(verb, amount[0]!), ...amount, ...tail];
  if (cost) return [synthetic('buy', amount[0]!), ...amount, synthetic('with', asked), asked, ...tail];
  // "@lucid how much …", "lucid what's …": the assistant addressed before the question is dropped with it.
  // "ok so like how much …": "like" before the question is a filler of speech.
  const lead = tokens.slice(0, at).every((token, k) => openingFiller.has(wordOf(token)) || wordOf(token) === '@' || (wordOf(token) === 'like' && k === at - 1)) ? [] : tokens.slice(0, at);
  return [...lead, ...amount, { ...synthetic('->', asked), kind: 'punct' }, asked, ...tail];
}

/** Nouns of a swap said after its amount and tokens ("a 2 ETH to USDC swap"). */
const swapNouns: ReadonlySet<string> = new Set(['swap', 'trade', 'conversion', 'exchange']);

/**
 * In a look, a swap said as a noun phrase ("show me what a 2 ETH to USDC swap looks like"): the amount, the token
 * sold, "to"/"for"/"into" and the token bought before the noun, and nothing after. Returns the step as a command.
 */
export function nounStep(tokens: readonly Token[], words: Words): Token[] | undefined {
  let k = 0;
  while (k < words.length && (openingFiller.has(words[k]!) || ['a', 'an', 'the'].includes(words[k]!))) k++;
  const at = k;
  if (words[k] !== '#') return undefined;
  k++;
  if (tokens[k]?.kind === 'suffix') k++;
  if (!symbolWords().has(words[k] ?? '') || !['to', 'for', 'into', '->'].includes(words[k + 1] ?? '') || !symbolWords().has(words[k + 2] ?? '')) return undefined;
  const noun = k + 3;
  if (!swapNouns.has(words[noun] ?? '') || !words.slice(noun + 1).every(isEnd)) return undefined;
  return [synthetic('swap', tokens[at]!), ...tokens.slice(at, noun), ...tokens.slice(noun + 1)];
}

/** Nouns of a token's price. */
const valueNouns: ReadonlySet<string> = new Set(['value', 'price', 'worth', 'px']);

/**
 * A price asked for with a noun: "what's the USDC value of 1.5 ETH" (the token asked about before the noun) or
 * "px 1 ETH in USDC?", "price of 2 ETH in DAI" (the noun first). Returns the words as "what's 1.5 ETH in USDC", a
 * quote question, or undefined.
 */
export function valueQuestion(tokens: readonly Token[], words: Words): Token[] | undefined {
  let k = 0;
  while (k < words.length && openingFiller.has(words[k]!)) k++;
  const at = k;
  let asked: Token | undefined;
  if (["what's", 'whats', 'wats'].includes(words[k]!) || (words[k] === 'what' && words[k + 1] === 'is')) {
    k += words[k] === 'what' ? 2 : 1;
    if (words[k] !== 'the' || !symbolWords().has(words[k + 1] ?? '') || !valueNouns.has(words[k + 2] ?? '') || !['of', 'for'].includes(words[k + 3] ?? '')) return undefined;
    asked = tokens[k + 1];
    k += 4;
  } else if (valueNouns.has(words[k] ?? '')) {
    k++;
    if (['of', 'for'].includes(words[k] ?? '')) k++;
  } else return undefined;
  if (words[k] !== '#') return undefined;
  const rest = tokens.slice(k);
  return [synthetic("what's", tokens[at]!), ...rest, ...(asked ? [synthetic('in', asked), asked] : [])];
}
