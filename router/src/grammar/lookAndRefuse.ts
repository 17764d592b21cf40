/**
 * Round 7: more ways to ask only to look, and more words that say a sentence is no request, for the frame
 * (./frame.ts). Kept apart so the frame's own lists stay as they were; the frame puts these patterns beside its
 * own (same notation: words separated by spaces, `|` between alternatives in one slot, `#` a number, `*` any word).
 *
 * Only-look phrases here are longer or more specific than the frame's own, so they are tried first. Every
 * refusal list adds to one of the frame's rules and keeps that rule's code and reason.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { damerauLevenshtein } from './distance.js';
import { quote, refusal } from './errors.js';
import { compilePattern, matchAt, type Words } from './phrasePattern.js';
import type { Token } from './tokenize.js';

const objects = 'it|that|this|anything|them';

/**
 * Phrases that ask only to look, consumed wherever they stand (tried before the frame's own). They say what
 * not to do with the request ("but don't actually do it", "no execute", "not make the swap"), name a mode or a
 * label of looking ("read-only:", "in sandbox mode", "for information only", "--dry-run"), or ask for a quote as
 * a wish ("I would like a quotation for").
 */
export const lookPhrases: readonly string[] = [
  // "but just show me, don't do it", "but don't actually do it", "dont actually send it, just show me"
  `but don't|dont actually|really do|execute|send|sign|submit|broadcast|make|run ${objects}`,
  `don't|dont actually|really do|execute|send|sign|submit|broadcast|make|run ${objects}`,
  // Without an object only verbs that say nothing of a step: "don't actually send 5 DAI to bob" is a negation.
  `but don't|dont actually|really execute|sign|submit|broadcast`,
  `don't|dont actually|really execute|sign|submit|broadcast`,
  'do not actually|really do|execute|send|sign|submit|broadcast|make|run it|that|this|anything',
  "but don't|dont do|execute|make|run it|that|this yet", "don't|dont do|execute|make|run it|that|this yet",
  "but don't|dont do|execute|make|run it|that|this",
  "don't|dont do|execute|make|run it|that|this",
  "and don't|dont|never sign|send|execute|broadcast|submit|do it|them|anything|this|that",
  "and don't|dont|never sign|execute|broadcast|submit",
  'and do not sign|send|execute|broadcast|submit|do it|them|anything|this|that',
  'and do not sign|execute|broadcast|submit',
  // "not make the swap", "no execute", "no need to execute", "without actually sending"
  'but not make|do|execute|run|send the|a swap|transfer|trade|transaction|tx',
  'not make|do|execute|run|send the|a swap|transfer|trade|transaction|tx',
  'no execute|exec|executing|execution|submit|submission|signing|sign|broadcast|broadcasting|sending',
  'no need to|2 execute|sign|broadcast|submit', 'no need to|2 do|send|execute|sign it|anything|them|this|that',
  'without actually|really signing|sending|executing|broadcasting|submitting', 'without actually|really doing it|anything',
  // "but just show me" (at the end or before a comma: see {@link isLookTail})
  // modes and labels
  'in sandbox|sim|simulated|paper|read-only|readonly|simulate|test|testing|dry-run|preview mode',
  'sandbox|simulated|paper|read-only|readonly|testing mode',
  'execute|run|do it in simulation|sandbox|dry-run|test|preview|simulate|simulated mode only',
  'execute|run|do it in simulation|sandbox|dry-run|test|preview|simulate|simulated mode',
  'execute|run|do in simulation|sandbox|dry-run|test|preview|simulate|simulated mode only',
  'execute|run|do in simulation|sandbox|dry-run|test|preview|simulate|simulated mode',
  'read-only|readonly :', 'read only :', 'read-only|readonly', 'sim :', 'dryrun :', 'dryrun', 'dry rn :', 'dry rn',
  'for information|info|informational purposes only', 'for informational purposes', 'for info|information only', 'info only', 'informational only',
  '- - dry-run|dryrun|simulate|sim|preview|quote', '- - dry run',
  // "I would like a quotation for …", "gimme a quote on …"
  "i'd|id|we'd like|love a|the quote|quotation|estimate|price|rate for|on|of",
  'i would like|love a|the quote|quotation|estimate|price|rate for|on|of',
  'would like|love a|the quote|quotation|estimate|price|rate for|on|of',
  'gimme a|the quote|quotation|estimate|price|rate for|on|of|to', 'giv|give me a|the quote|quotation|estimate|price|rate for|on|of|to',
  'gimme a|the quote|price|rate', 'just|only the quote|price|rate|estimate|numbers', 'can|could you|u lmk the|a price|rate|quote for|of|on', 'can|could you|u tell|show|give me the|a price|rate|quote for|of|on', 'lmk the|a price|rate|quote for|of|on', 'ballpark for|on|of', 'a ballpark for|on|of',
  // "how much gas would it cost to send 5 DAI to bob": the cost of the step, asked before it
  'how much gas|fee|fees would|will|does it cost|take|be to|for', 'how much in gas|fees would|will|does it cost|take|be to|for',
  // "perform a simulation (no execution) of supplying …": the look noun and its link around a bracketed look
  'run|do|make|perform a|the simulation|dry-run|test-run|preview ( no|without execution|executing|signing|sending|transaction|broadcast|broadcasting ) of|for',
  // "before I do it": the look comes first, nothing is done now
  'before i|we do|execute|sign|send it|that|this|anything', 'before i|we commit|proceed', 'before i|we go ahead', 'before doing|executing|committing it|that|anything',
  // Round 9: "preview staking 3 stETH before committing": the look first, the commitment left for later.
  'before committing|executing|signing|broadcasting|proceeding',
];

/**
 * Lead-ins of a quote question ("lmk how much USDC 2 ETH gets me", "tell me what 2 ETH is worth in DAI",
 * "curious what 5 WETH gets me", "i need to know how much …"): consumed, marking a preview, only when "how
 * much/many" or "what" follows at once (see {@link lookLeadIn}).
 */
const leadIns: readonly string[] = [
  'can|could|would you|u please|pls lmk|check', 'can|could|would you|u please|pls tell|say|show me', 'can|could|would you|u lmk|check',
  'can|could|would you|u tell|say|show me', 'please|pls lmk|check', 'please|pls tell|say|show me', 'lmk', 'let me know', 'tell me', 'say me', 'show me', 'check', 'calculate', 'compute', 'figure out', 'find out',
  'just|only curious', "i'm|im just|only curious", 'i am just|only curious', 'curious', "i'm|im curious", 'i am curious', 'i would like to know', "i'd|id like to know", 'i need|want|wanna to know', 'i need|want|wanna know', 'need|want|wanna to know',
  'i want|wanna|need to see', 'i want|wanna|need see', 'just want|wanna to see', 'just want|wanna see', 'wanna see|know',
  'quick q|question :', 'quick q|question', 'q :', 'question :',
];

/** Nouns of a look at the numbers ("the expected output of", "the fee to", "the gas for"). */
const lookNouns = new Set([
  'output', 'outputs', 'proceeds', 'gas', 'fee', 'fees', 'cost', 'costs', 'result', 'results', 'outcome', 'numbers', 'return', 'returns',
  'estimate', 'estimation', 'quote', 'quotation', 'price', 'rate', 'payout',
]);
/** Words before such a noun that ask to be shown it. */
const lookNounLeads: readonly string[] = [
  "what's|whats|wats the", 'what is|are the', 'what will|would be the', 'show|tell|give|get me the|an|a', 'show|tell|give me', 'gimme the|an|a', 'estimate|calculate|compute the|an|a',
  'provide|give me the|an|a', 'provide the|an|a', 'i want|need to see|know the', 'i want|need the', 'just want|wanna see the', 'i wanna see|know the',
  'check the', 'see the', 'estimate|calculate|compute',
  // Non-native forms without "to" or "it": "i want know the price for …", "is possible see the rate of …"
  'i want|need|wanna see|know the', 'is|its|it\'s possible|posible to|2 see|know|get the', 'is possible|posible see|know|get the', 'is it possible to see|know|get the',
];
const lookNounAdjectives = new Set(['expected', 'estimated', 'projected', 'likely', 'exact', 'total', 'final', 'resulting', 'probable', 'gas', 'network']);
const lookNounLinks = new Set(['of', 'for', 'to', 'on', 'from', 'if']);

/** Words that begin the step after a look noun: an action's gerund or base form, or an amount. */
export type StepStart = (word: string | undefined) => boolean;

/**
 * "estimate the gas for sending 5 DAI to bob", "show me the expected output of swapping 1 WETH to DAI",
 * "what's the fee to swap 1 ETH for DAI": a lead, a look noun and a link, before a step. Returns how many words
 * to consume, or 0.
 */
export function lookNoun(words: Words, i: number, startsStep: StepStart): number {
  for (const lead of compiledNounLeads) {
    if (!matchAt(words, i, lead)) continue;
    let k = i + lead.length;
    // "show me only the quote of …", "just the price for …"
    if (['only', 'just'].includes(words[k] ?? '')) k++;
    if (['the', 'an', 'a'].includes(words[k] ?? '')) k++;
    while (lookNounAdjectives.has(words[k] ?? '') && lookNouns.has(words[k + 1] ?? '')) k++;
    if (!lookNouns.has(words[k] ?? '')) continue;
    k++;
    if (!lookNounLinks.has(words[k] ?? '')) continue;
    k++;
    // "the fee to swap …", "the output if I swap …": a subject before the verb is only "I"/"we".
    if (words[k - 1] === 'if' && (words[k] === 'i' || words[k] === 'we')) k++;
    return startsStep(words[k]) ? k - i : 0;
  }
  return 0;
}

/** A lead-in of a quote question at `i`: its length when "how much/many" or "what" follows at once, else 0. */
export function lookLeadIn(words: Words, i: number): number {
  for (const lead of compiledLeadIns) {
    if (!matchAt(words, i, lead)) continue;
    const next = words[i + lead.length];
    const after = words[i + lead.length + 1];
    const rest = words.slice(i + lead.length);
    // A quote names an amount ("how much USDC 2 ETH gets me"); "show me how much USDC I got" is a balance question.
    if (next === 'how' && (after === 'much' || after === 'many') && rest.some((word) => word === '#' || word === 'all')) return lead.length;
    // "tell me what 2 ETH is worth", "check what 2 ETH would get me": the amount within a word or two of "what".
    if ((next === 'what' || next === "what's" || next === 'whats') && (rest[1] === '#' || (['would', 'will', 'is', 'are', 'does', 'do', 'can', 'could'].includes(rest[1] ?? '') && rest[2] === '#')))
      return lead.length;
  }
  return 0;
}

/** What a look asks about its step, said after it: "gives (me)", "would get me", "looks like". */
const trailPatterns = ['would|will|could|does give|get|yield|return me|us', 'would|will|could|does give|get|yield|return', 'gives|yields|returns|gets me|us', 'gives|yields|returns|gets', 'looks|would|will like', 'looks like'].map(compilePattern);

/**
 * The words a look says after its step, at the end ("show me what swapping 1 ETH for USDC gives", "what a … swap
 * looks like", "show me the numbers for swapping 1 ETH first"): their place in `words`, to drop, or undefined.
 * "first" is dropped only with no command in the words (else "look first, then act" is refused elsewhere).
 */
export function lookTrail(words: Words, isBaseVerb: (word: string) => boolean): { start: number; length: number } | undefined {
  let end = words.length;
  while (end > 0 && ['?', '.', '!', ')'].includes(words[end - 1]!)) end--;
  if (end < 3) return undefined;
  if (words[end - 1] === 'first' && !words.some(isBaseVerb)) return { start: end - 1, length: 1 };
  for (const pattern of trailPatterns) {
    const start = end - pattern.length;
    if (start > 1 && matchAt(words, start, pattern)) return { start, length: pattern.length };
  }
  return undefined;
}

/** "swap 1 ETH for DAI but just show me", "…, just show me": a request to be shown, at the end or before a comma. */
export function isLookTail(words: Words, i: number): number {
  const length = matchAt(words, i, compiledShowMe[0]!) ? 4 : matchAt(words, i, compiledShowMe[1]!) ? 3 : 0;
  if (!length) return 0;
  const next = words[i + length];
  return next === undefined || [',', '.', '!', ';', '?', ')'].includes(next) || next === 'what' ? length : 0;
}
const compiledShowMe = ['but just|only show me', 'just|only show me'].map(compilePattern);

/** The head words of a look, within one slip of their spelling ("simmulate", "qoute", "estimte"). */
const lookHeads = ['quote', 'simulate', 'estimate', 'preview'];
/**
 * A slip of a look's head word, read as that word ("simmulate sending 3 DAI" is "simulate sending …"); never a
 * word that is known otherwise (`isKnown`), and only words of five letters or more.
 */
export function lookHeadSlip(word: string, isKnown: (word: string) => boolean): string | undefined {
  if (word.length < 5 || !/^[a-z]+$/.test(word) || lookHeads.includes(word) || isKnown(word)) return undefined;
  // Same first letter ("review" is no slip of "preview"), and no inflection ("quoted text:" talks about a quote).
  const near = lookHeads.filter((head) => head[0] === word[0] && !(word.length > head.length && word.startsWith(head.slice(0, -1))) && damerauLevenshtein(word, head) === 1);
  return near.length === 1 ? near[0] : undefined;
}

const pastActions = 'sent|swapped|transferred|paid|wrapped|unwrapped|staked|unstaked|sold|bought|approved|revoked|claimed|supplied|withdrew|traded|converted|exchanged|moved|wired';
const progressive =
  'sending|swapping|paying|transferring|buying|selling|moving|wrapping|unwrapping|staking|unstaking|supplying|lending|withdrawing|approving|revoking|claiming|converting|exchanging|trading|depositing|wiring';

/** Extra patterns for the frame's refusal rules, by rule; each keeps its rule's code and reason. */
export const morePatterns = {
  /** Words about words: how-to questions, examples and usage lines, counting the words. */
  words: [
    'like this|so :', 'as an example', 'ex :', 'eg', 'eg :', 'e.g :', 'usage :', 'usage', 'tutorial', 'steps to|for', 'the steps to|for', 'hwo|hw|howw do|can|would i|you',
    'how would i go', 'how would i|we|you', 'how does one', 'how can one', 'the way to', 'the procedure|process|syntax for|to', 'what is the procedure|process|syntax',
    'count the', 'how many words|letters|characters', 'teach me', 'instructions for|on|to', 'walk me through', 'guide me through', 'show me how to',
  ],
  /** Hedges, wishes and what might have been: nothing is decided. */
  hedge: ['i|we wish i|we|that|it|bob|alice|he|she|they|you', 'wish i|we could|had', 'if only', '( maybe|perhaps|possibly|probably', 'maybe|perhaps|possibly|probably )', 'could|would|should|might have', "could've|would've|should've|coulda|woulda|shoulda", 'i|we hope to'],
  /** Imagined cases. */
  imagined: [
    'alternate|alternative|parallel universe|world|reality|timeline|dimension', 'in my|a dream|dreams', 'picture me|us|this', 'assume', 'imagining', 'fantasy',
    'in a perfect|ideal world',
  ],
  /** Asking for an opinion. */
  advice: [
    'shall we', 'thoughts on', 'your thoughts', 'what would you|u do', 'a good|bad|smart|dumb trade|swap|deal|time|move|play', 'is it wize|wice|wyse',
    // "tell me the best token to swap my ETH into": choosing what to buy is a judgement.
    'best|better|top token|tokens|coin|coins|asset|assets|pair|pairs to|for',
  ],
  /** Telling what one is doing now ("I'm sending 5 DAI to bob"): a report, like "we are sending". */
  report: [
    `i'm|im|we're|you're|youre|they're|theyre|he's|hes|she's|shes ${progressive}`, `i am ${progressive}`, `u r ${progressive}`,
    // "is it possible that I sent …": a report asked about.
    `possible|true|likely|sure|certain|confirm that i|we|you ${pastActions}`,
  ],
  /** Taking a request back: "…, cancel", "nevermind". */
  negation: [
    ',|-|— cancel|abort', 'cancel|abort that|it|this ,|.', 'nevermind', 'never mind', 'nvm', 'scrap that|it|this',
    // "send 5 DAI to anyone but bob": the one named is the one not to pay.
    'anyone|anybody|everyone|everybody|someone|somebody but|except|besides', 'anyone|anybody|everyone|everybody|someone|somebody other than|apart from',
  ],
  /** Acting after only looking: "dry run first, then send …", "preview …, then confirm". */
  actAfterLook: ['first , then|and', 'first then|and', 'then|and confirm|proceed|commit|finalize|finalise', 'confirm it|them|that', 'and if it works|succeeds|passes|looks'],
};

const compiledLeadIns = leadIns.map(compilePattern);
const compiledNounLeads = lookNounLeads.map(compilePattern);

/** Signs that mark words as wrong or forbidden ("❌ send 5 DAI to bob" in a list of what not to type). */
const noSigns: ReadonlySet<string> = new Set(['❌', '🚫', '⛔', '✖', '✖️', '🙅', '🛑']);
/** People named by their relation to someone ("bob's friend"): no name of their own. */
const relations: ReadonlySet<string> = new Set([
  'friend', 'friends', 'buddy', 'pal', 'mate', 'sister', 'brother', 'mom', 'mum', 'dad', 'mother', 'father', 'wife', 'husband', 'colleague', 'coworker',
  'roommate', 'flatmate', 'cousin', 'boss', 'partner', 'son', 'daughter', 'uncle', 'aunt', 'landlord', 'girlfriend', 'boyfriend', 'client', 'kid', 'niece',
  'nephew', 'grandma', 'grandpa', 'neighbour', 'neighbor', 'accountant', 'employee', 'teammate', 'family', 'parents', 'kids',
]);

/**
 * Refusals read from the words as a whole, before the productions:
 * - a sign of "wrong" or "don't" beside the words ("❌ send …"): negation;
 * - a template's blank ("send 5 DAI to ___"): words about a request;
 * - a question that opens with "should …" or "do I …" before an action verb ("should send 5 DAI to bob?"): advice;
 * - a chain set off in brackets or after a dash ("send 5 USDC to bob (polygon)", "… - optimism"): never a note, since the
 *   payment would then go out on another chain than the one named; one Lucid has no token list for is refused by name,
 *   one it has ("(base)") is asked to be said as "on base";
 * - a person named only by their relation to someone else ("to bob's friend", "pay alice's brother 10 USDC"): no
 *   recipient to pay, never the one named first.
 * @throws InputError with the contract's code, naming the words.
 */
export function refuseMore(
  source: string,
  tokens: readonly Token[],
  words: Words,
  isActionVerb: (word: string) => boolean,
  isFiller: (word: string) => boolean,
  chainOf: (word: string) => 'listed' | 'unlisted' | undefined,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const chain = chainOf(words[i] ?? '');
    if (chain && setOff(words, i)) {
      if (chain === 'unlisted')
        throw refusal(intentErrorCodes.unknownChain, source, token, `unknown chain ${quote(token.text)}: Lucid has no token list for it here; leave the chain out to use the devnet`, ['leave the chain out to use the devnet']);
      throw refusal(intentErrorCodes.ambiguous, source, token, `not done: ${quote(token.text)} stands apart from the request: say "on ${token.lower}" if the request is meant for that chain`, [`… on ${token.lower}`]);
    }
    // "send 5 DAI to bob on base and arbitrum": two chains for one step; "on gnosis chain swap …": a chain outside Lucid's world named first.
    if (words[i] === 'on' && chainOf(words[i + 1] ?? '')) {
      const other = ['and', 'or', '&', ',', '/', '+'].includes(words[i + 2] ?? '') ? chainOf(words[i + 3] ?? '') : undefined;
      if (other) {
        const span = { start: tokens[i + 1]!.start, end: tokens[i + 3]!.end };
        throw refusal(intentErrorCodes.ambiguous, source, span, `not done: ${quote(source.slice(span.start, span.end))} names two chains for one step; say one, or give each chain its own step`, ['send 5 DAI to bob on base']);
      }
      if (chainOf(words[i + 1]!) === 'unlisted' && words.slice(0, i).every((word) => isFiller(word) || [',', ':', '@', '-'].includes(word)))
        throw refusal(intentErrorCodes.unknownChain, source, tokens[i + 1]!, `unknown chain ${quote(tokens[i + 1]!.text)}: Lucid has no token list for it here; leave the chain out to use the devnet`, ['leave the chain out to use the devnet']);
    }
    // "send 5+ DAI to bob": at least five, no exact amount.
    if (token.kind === 'number' && tokens[i + 1]?.kind === 'punct' && tokens[i + 1]!.value === '+' && tokens[i + 1]!.start === token.end && tokens[i + 2]?.kind !== 'number' && tokens[i + 2]?.kind !== 'numberWord') {
      const span = { start: token.start, end: tokens[i + 1]!.end };
      throw refusal(intentErrorCodes.ambiguous, source, span, `not done: ${quote(source.slice(span.start, span.end))} — the amount is too vague to act on; say a number, "all", "half" or a percentage`, ['send 5 DAI to bob']);
    }
    const text = source.slice(token.start, token.end);
    if (token.kind === 'punct' && noSigns.has(text))
      throw refusal(intentErrorCodes.unsupported, source, token, `not done: ${quote(text)} marks the words as what not to do; say only what should happen`, hints);
    if (token.kind === 'word' && /^_{2,}$/.test(text))
      throw refusal(intentErrorCodes.unsupported, source, token, `not done: ${quote(text)} is a blank to fill in — these are words about a request (a template), not a request to act on`, hints);
    const owner = /^(.+)'s$/.exec(words[i] ?? '');
    if (owner && relations.has(words[i + 1] ?? '') && (isNameEnd(words[i + 2]) || words[i + 2] === '#'))
      throw refusal(intentErrorCodes.unparseable, source, { start: token.start, end: tokens[i + 1]!.end }, `which ${words[i + 1]} of ${owner[1]}? give their contact name, ENS name or address, like "to ${owner[1]}'s ${words[i + 1]} carol"`, ['send 5 DAI to carol.eth']);
  }
  let start = 0;
  while (start < words.length && (isFiller(words[start]!) || [',', ':', '@', '-'].includes(words[start]!))) start++;
  const opener = words[start];
  const verbAt = opener === 'do' && ['i', 'we'].includes(words[start + 1] ?? '') ? start + 2 : ['should', 'shud', 'shld', 'shuold'].includes(opener ?? '') ? start + 1 : -1;
  if (verbAt > 0 && isActionVerb(words[verbAt] ?? '')) {
    const span = { start: tokens[start]!.start, end: tokens[verbAt - 1]!.end };
    throw refusal(intentErrorCodes.unsupported, source, span, `not done: ${quote(source.slice(span.start, span.end))} — it asks for advice; Lucid carries out requests and does not judge them`, hints);
  }
}

const hints = ['say what Lucid should do now, like: swap 1 ETH for USDC (or "quote …" to only look)'];

function isNameEnd(word: string | undefined): boolean {
  return word === undefined || ['.', ',', '!', '?', ';', 'for', 'on', 'and', 'please', 'pls', 'now', 'asap', 'thanks', 'with', 'via', 'from'].includes(word);
}



/** Words that join a later step to the look before it ("quote …, then swap …", "what's 1 ETH in DAI? swap it"). */
const laterJoiners = [', then', 'and then', 'then', '?', '.', '!', ', and', 'and', 'after that', 'afterwards', ';'].map(compilePattern);
/** A look's head as a label over every step ("dry run: …", "preview - …", "simulate: …"): then later steps are looked at too. */
// Round 9: also after a name and a comma ("Lucid, preview this for me: …"), and as a mode field on its own line
// ("mode: simulate\n…"): every step after it is looked at, none signed.
const lookLabel = /^\W*(?:(?:hey|ok|okay|hi)\W+)?(?:[a-z]+\s*,\s*)?(?:just\s+|only\s+|please\s+)?(?:a\s+)?(?:preview|dry[\s-]?run|simulat\w*|quote|test[\s-]?run|trial[\s-]?run|estimate|sim|read[\s-]?only|sandbox)(?:\s+(?:only|mode|this|these|the following|it all|all of this))?(?:\s+for\s+me)?(?:\s+(?:please|pls))?\s*(?::|-|—|–)|^\W*mode\s*[:=]\s*(?:preview|dry[\s-]?run|simulat\w*|sim|test|read[\s-]?only|sandbox)\s*(?:\n|;|\.|,)/i;

/**
 * A look that takes its step as object ("quote 1 ETH to DAI", "simulate sending 5 DAI to bob", "show me the quote")
 * followed by a later step in the form of a command ("…, then swap 1 ETH for DAI", "…? swap it") asks to look, then
 * act: refused like "…, then do it". Gerunds go on with the look ("simulate wrapping 1 ETH then staking it"), and a
 * look said as a label over all the steps ("dry run: swap …, then send it to bob") looks at every step. "(preview
 * first)", "quote first" say the same: look first, then act.
 * @throws InputError `UNSUPPORTED_INTENT` naming the later command.
 */
export function refuseLookThenCommand(source: string, tokens: readonly Token[], words: Words, isBaseVerb: (word: string) => boolean): void {
  for (let i = 0; i < words.length; i++) {
    // Only beside a command: "show me the numbers for swapping 1 ETH first" acts on nothing.
    if (words[i] === 'first' && (isNameEnd(words[i + 1]) || words[i + 1] === ')') && i > 0 && words.some(isBaseVerb)) {
      throw refusal(intentErrorCodes.unsupported, source, tokens[i], `not done: ${quote(source.slice(tokens[i]!.start, tokens[i]!.end))} — looking first means acting after; ask for one: the preview first, then the request on its own`, lookHints);
    }
  }
  if (lookLabel.test(source)) return;
  // Round 8: from 0 too — "dry run then send 5 USDC to bob": the look had no step of its own (it was taken off
  // before these words), so the step after "then" is what is to be done after looking. A full stop or a question
  // mark right after the look stays for the rules before ("dry run. send …" reads as a heading).
  for (let i = 0; i < words.length; i++) {
    for (const joiner of laterJoiners) {
      const head = joiner[0];
      if (i === 0 && head !== undefined && head !== '*' && ['?', '.', '!', ';'].some((mark) => head.has(mark))) continue;
      if (!matchAt(words, i, joiner)) continue;
      let k = i + joiner.length;
      while (['please', 'pls', 'just', 'also', 'now', 'actually'].includes(words[k] ?? '')) k++;
      if (!isBaseVerb(words[k] ?? '')) break;
      const span = { start: tokens[i]!.start, end: tokens[k]!.end };
      throw refusal(intentErrorCodes.unsupported, source, span, `not done: ${quote(source.slice(span.start, span.end))} asks to act after the look; ask for one: the preview first, then the request on its own`, lookHints);
    }
  }
}
const lookHints = ['to only look: simulate swap 1 ETH for DAI', 'to act: swap 1 ETH for DAI'];

/** A word set off from the request: in brackets alone, or after a dash at the end. */
function setOff(words: Words, i: number): boolean {
  const before = words[i - 1];
  const after = words[i + 1];
  if ((before === '(' && after === ')') || (before === '[' && after === ']')) return true;
  return ['-', '—', '–', '|', '/'].includes(before ?? '') && (after === undefined || ['.', '!', ';'].includes(after));
}
