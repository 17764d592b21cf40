/**
 * The frame around a request: what the words say about the request rather than what to do. Runs on the
 * tokens before the productions of ./parser.ts and decides three things:
 *
 * - **Preview**: "quote", "preview", "simulate … but don't sign", "dry run", "how much X would Y get me":
 *   the phrases are consumed and the result is marked `preview` (shown, never signed).
 * - **Refusals that no reading can fix**, each with its code: words about words (a quoted command,
 *   "translate", "what does … mean") and negation, conditions and hypotheticals, schedules, requests for
 *   advice, the past or other people's wishes → `UNSUPPORTED_INTENT`; vague amounts ("some", "a bit of") and
 *   alternatives ("1 or 2 ETH", "1-2") → `AMBIGUOUS_INTENT`. The message names the words that decided it.
 * - Everything else is left, token for token, to the productions.
 *
 * The checks read whole words (and short phrases), never substrings, so "someone.eth" is not "some".
 */
import { outputParticiples } from './referenceWords.js';
import { intentErrorCodes, type InputError, type IntentErrorCode } from '../../../kernel/core.js';
import { isReasonAside } from './asides.js';
import { amountClues, referenceClues } from './amountClues.js';
import { explainByShape, refusalCodeClues, refusalCodeRules } from './refusalCodes.js';
import { adviceShorthand, refusalClues, doneMarkers, repeatMarkers, wordsAboutWordsShorthand } from './refusalClues.js';
import { reportedActClues } from './reportedActs.js';
import { damerauLevenshtein } from './distance.js';
import { quote, refusal, type Span } from './errors.js';
import { chainWords, foreignChains, foreignTokens, preambleWords, verbs } from './lexicon.js';
import { politeTailPatterns, reportAsidePatterns, unseenAsidePatterns, vagueWordException } from './noteRules.js';
import { showOnlyPhrases } from './showOnlyPhrases.js';
import { isLookTail, lookHeadSlip, lookTrail, lookLeadIn, lookNoun, lookPhrases, morePatterns, refuseLookThenCommand, refuseMore } from './lookAndRefuse.js';
import { compilePattern, type Pattern, type Words } from './phrasePattern.js';
import { hintsFor, isActionVerb, isEnd, matchAny, openingFiller, symbolWords, wordOf } from './frameWords.js';
import { abilityQuestion, howMuchQuote, imaginedCase, nounStep, valueQuestion } from './quoteQuestions.js';
import type { Token } from './tokenize.js';
import { isVerbPhraseException } from './verbPhrases.js';
import { isPoliteSoftener, opinionHedgePatterns } from './politeAsking.js';

/** Verbs after which "if you could …" is a request: the lexicon's, minus the question words. */
const politeVerbs: ReadonlySet<string> = new Set([...verbs].filter(([, kind]) => kind !== 'balance').map(([word]) => word).concat(['please', 'kindly', 'check', 'show']));

export type Frame = { tokens: Token[]; preview: boolean };

const p = compilePattern;

// ---------------------------------------------------------------- preview

/** Phrases that ask only to look, anywhere in the sentence; consumed. Longest first where they overlap. */
const previewPhrases: readonly Pattern[] = [
  ...lookPhrases,
  // "… but don't execute yet", "get a quote to swap …" (./showOnlyPhrases.ts).
  ...showOnlyPhrases,
  "but don't|dont sign|send|execute|broadcast|submit the tx|transaction|trade|swap",
  'but do not sign|send|execute|broadcast|submit the tx|transaction|trade|swap',
  "don't|dont sign|send|execute|broadcast|submit the tx|transaction|trade|swap",
  'i would appreciate a quote|quotation|estimate for|on|of',
  "i'd appreciate a quote|quotation|estimate for|on|of",
  'provide|give|send|get|want|need a quote|quotation|estimate for|on|of',
  'provide|give|send|get|want|need me a quote|quotation|estimate for|on|of',
  'a quotation for|on|of',
  'quotation for|on|of',
  'quotation',
  'the quote for|on|of',
  'quote for|on|of',
  'check the price|rate|quote of|for|on', 'check price|rate of|for|on', 'get me a|the price|rate for|on|of',
  "what's|whats|what the exchange|going|current|market rate|price for|of|on", 'what is the exchange|going|current|market rate|price for|of|on',
  'quote|quotes|estimate only', 'only quote|preview|simulate|estimate', 'trial run|trial-run of|for', 'do a trial run of|for', 'trial run|trial-run',
  'i just want to see|get the|a quote|price|rate for|on|of', 'i want to see|get the|a quote|price|rate for|on|of', 'just want to see|get the|a quote|price|rate for|on|of',
  'quick|fast price|rate check on|for|of', 'price|rate check on|for|of', 'quick|fast price|rate check', 'rate check',
  "what rate|price would|will|do|can|could i|we get for|on", "what's|whats|what the best rate|price for|on|of", 'what is the best rate|price for|on|of',
  "i'm|im just|only looking", 'i am just|only looking', 'just|only looking|browsing', 'just|only checking',
  'but not do|execute|sign|send it|this|that|anything', 'not do|execute|sign it|this|that|anything',
  'would do',
  'price check',
  "what's|whats|what the rate|price for|of|on",
  'what is the rate|price for|of|on',
  'but do not sign anything|it|them',
  'but do not sign|send|execute|broadcast|submit',
  "but don't sign|send|execute|broadcast|submit anything|it|them",
  "but don't sign|send|execute|broadcast|submit",
  'but dont sign|send|execute|broadcast|submit anything|it|them',
  'but dont sign|send|execute|broadcast|submit',
  'but not sign|send|execute|broadcast anything|it|them',
  'but not sign|send|execute|broadcast',
  'do not sign|send|execute|broadcast|submit anything|it|them',
  'do not sign|execute|broadcast|submit',
  "don't sign|send|execute|broadcast|submit anything|it|them",
  "don't sign|execute|broadcast|submit",
  'dont sign|send|execute|broadcast|submit anything|it|them',
  'dont sign|execute|broadcast|submit',
  "don't|dont do it|that|anything yet", 'do not do it|that|anything yet', "don't|dont do it|that|anything for now",
  'but only simulate|preview it|this|that', 'only simulate|preview it|this|that', 'just simulate|preview it|this|that', 'simulate|preview it only',
  'simulate|simulation|preview only', 'only simulate|preview', 'just simulate|preview', 'simulate|preview it',
  'in a|the dry-run|preview|simulation|test|simulate mode', 'in dry-run|preview|simulation|test|simulate mode', 'dry-run|preview|simulation|test mode',
  'in dry run mode', 'dry run mode', 'in a dry run',
  'run|do|make|perform a|the simulation|dry-run|test-run of|for', 'run|do|make|perform simulation|dry-run|test-run of|for',
  'run|do|make|perform a|the dry|test run of|for', 'make|run|perform dry|test run of|for', 'a simulation of|for', 'simulation of|for', 'simulation',
  'just show|tell me what', 'just show|tell what', 'show|tell what',
  'without signing|sending|executing|broadcasting anything|it',
  'without signing|executing|broadcasting|sending|submitting',
  "and don't|dont sign|send|execute|broadcast|submit it|them|anything", 'and do not sign|send|execute|broadcast|submit it|them|anything',
  'give|tell|show me the|a price|rate for|of|on', 'give|tell|show me price|rate for|of|on',
  'no transaction|transactions|tx|signing|signature|execution|executing|broadcast|broadcasting|sending',
  'would look like',
  'show me a preview of|for',
  'give me a preview of|for',
  'a preview of|for',
  'preview of|for',
  'can you estimate',
  'estimate',
  'do a|the dry-run|dry-run of|for',
  'do a dry run of|for',
  'make a|the preview of|for',
  'make preview of|for',
  'give me a quote for|on|to',
  'get me a quote for|on|to',
  'show me a quote to|for|on',
  'show me what',
  'show me the',
  'just show me the',
  'quote me',
  'a quote for|on|to',
  'dry-run',
  'dry run',
  'test-run',
  'test run',
  'preview',
  'simulate',
  'quote',
  'qoute',
].map(p);

/**
 * Verbs of trying or checking before the step as a gerund ("just check swapping 1 ETH for DAI", "test sending 5
 * DAI to bob") or before "what" ("just check what lending 100 USDC would do"): only look. Without a gerund or "what"
 * after them they are left alone ("check my balance").
 */
const lookBeforeGerund = ['just|only check|test|try|see', 'check|test|try out', 'check|test'].map(p);
const isGerund = (word: string | undefined): boolean => word !== undefined && word.endsWith('ing') && verbs.has(word);

// ---------------------------------------------------------------- refusals

type Rule = { code: IntentErrorCode; why: string; patterns: readonly Pattern[] };

/** Every word some pattern of the list can start with: positions starting with another word are skipped at once. */
function firstWords(patterns: readonly Pattern[]): ReadonlySet<string> {
  const words = new Set<string>();
  for (const pattern of patterns) for (const word of pattern[0] === '*' ? [] : pattern[0]!) words.add(word);
  return words;
}

const timeUnits = 'second|seconds|sec|secs|minute|minutes|min|mins|hour|hours|hr|hrs|day|days|week|weeks|month|months|year|years';
const weekdays = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekend|weekends';
const months = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const actionPast =
  'sent|spent|received|swapped|swaped|transferred|transfered|wrapped|unwrapped|staked|unstaked|withdrew|withdrawn|approved|revoked|sold|bought|paid|traded|exchanged|converted|claimed|supplied|lent|deposited|bridged|gave|moved|wired';

/** Every action verb of the lexicon, as one slot of a pattern. */
const actionVerbSlot = [...verbs].filter(([word, kind]) => kind !== 'balance' && /^[a-z]+$/.test(word)).map(([word]) => word).join('|');

const rules: readonly Rule[] = [
  {
    code: intentErrorCodes.unsupported,
    why: 'it tries to change the rules Lucid follows (a role, a mode, earlier instructions); only the request itself counts',
    patterns: [
      'ignore|disregard|forget|override|bypass|overrule all|any|the|your|previous|prior|earlier|above|safety|those|these|everything',
      'previous|prior|earlier|above|original|new|updated|system|hidden|your instructions|instruction|rules|prompt',
      'system prompt', 'system message', 'system override', 'developer|admin|god|debug|sudo|root|dan|unrestricted mode', 'jailbreak', 'jailbroken',
      'system|developer|admin|administrator|sudo|root :', 'assistant : sure|ok|okay|certainly|done|sending|swapping|understood|i|i\'ll|ill|i\'m|im|i\'ve|will|let|here|alright|yes|absolutely|got', '[ system|admin|developer|sys|inst|assistant ]', '< system|admin|developer >',
      'as the|an|your admin|administrator|owner|developer|operator|root|creator|superuser', 'i authorize|authorise you|u', 'you are now', "you're now",
      'i am your|the admin|administrator|developer|owner|operator|creator', 'the user wants|asked|asks|says|said|requests|requested you|u',
      'skip|disable|bypass|ignore|override|circumvent|deactivate the|all|any|your safety|checks|check|guard|guards|limits|limit|policy|policies|confirmation|simulation|review',
      'turn|switch off the|all|any|your safety|checks|guard|guards|limits|policy|confirmation', 'without confirmation|confirming|checks|checking|review|simulation',
      'skip|disable|bypass|ignore|circumvent|deactivate safety|checks|guard|guards|limits|policy|policies|confirmation|confirmations',
      'override policy|limits|safety|checks', 'secretly', 'quietly', 'silently', 'covertly', 'without telling', "don't tell|show", 'dont tell|show', 'do not tell|show', ...unseenAsidePatterns,
    ].map(p),
  },
  // hesitations before a correction, hedges around a bare command, "you sure …", "3 times over" (./refusalCodes.ts).
  ...refusalCodeRules.map(({ code, why, patterns }) => ({ code, why, patterns: patterns.map(p) })),
  {
    code: intentErrorCodes.ambiguous,
    why: 'it corrects itself, so two requests are on the table; say the one meant, once',
    patterns: [', i mean|meant', '.|;|-|— i mean|meant', ', sorry i mean|meant', ', sorry ,', ', or rather', 'or rather', ', no wait', 'no wait ,', ', wait no', ', or was it', 'or was it'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it is not decided (a hedge, a thought, a joke); say plainly what Lucid should do now',
    patterns: [
      'i|we might|may', "i'm|im|i am|we're|we are thinking|considering|contemplating|pondering", 'thinking of|about', 'considering', 'i|we wonder', 'wondering whether|if',
      'just kidding', 'kidding', 'joking', 'jk', 'j/k', 'maybe|perhaps|mayb ' + actionVerbSlot,
      // "I would send 5 DAI to bob", "I'd swap …": what the user would do, not what to do ("I'd like to …" asks).
      "i'd|id|we'd " + actionVerbSlot, 'i|we would|wud ' + actionVerbSlot, ...morePatterns.hedge, ...opinionHedgePatterns,
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'these are words about a request (a translation, an explanation, an example), not a request to act on',
    patterns: [
      'translate', 'translation', 'what does', 'what do * mean', 'mean', 'means', 'meaning', 'how do you say', 'how would i phrase',
      'how should i phrase', 'phrase', 'explain', 'example', 'examples', 'repeat after me', 'difference between', 'grammatically',
      'grammar', 'tweet', 'write a', 'spell check', 'spellcheck', 'spell-check', 'valid command', 'the docs', 'documentation',
      'in french', 'in spanish', 'in german', 'to spanish', 'to french', 'to german', 'how do i', 'how do you', 'how can i', 'how to',
      'how should i', 'what is the command', 'what can you do', 'what command', 'what commands', 'which commands', 'commands',
      'do you understand', 'define', 'definition', 'the term', 'poem', 'story', 'song', 'joke', 'write me', "what's|whats|wats|what a|an",
      'what is a|an', 'sample', 'samples', 'e.g', 'e.g.', 'for instance', 'for example', ...morePatterns.words, ...wordsAboutWordsShorthand,
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it says what not to do; say only what should happen',
    patterns: ['under no circumstances', 'no circumstances', "don't", 'dont', 'do not', 'never', 'not', 'avoid', 'avoiding', 'scratch that', 'actually no', "won't", "shouldn't", 'no', 'instead', "doesn't", "didn't", "isn't", 'nothing', 'refrain', 'hold off', 'no circumstances', 'stop', 'except on|via|through|using|with|at', 'excluding', 'anything but', ...morePatterns.negation].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it depends on a condition or imagines a case; Lucid acts now, on a plain request (ask for a quote to only look)',
    patterns: [
      'if', 'iff', 'when', 'wen', 'whenever', 'unless', 'until', 'as soon as', 'in case', 'provided', 'providing', 'assuming', 'suppose',
      'supposing', 'imagine', 'hypothetically', 'hypothetical', 'in theory', 'theoretically', 'what would', 'what happens', 'what if',
      "let's say", 'lets say', 'say i', 'once the|my|it|eth|gas|price|he|she|they|bob|alice', 'drops below', 'goes above', 'goes below',
      'should the|it|eth|gas|prices|lucid', 'go|goes|went up|down', 'rises', 'rise above', 'falls', 'fall below', 'dips', 'pumps', 'hits #', 'reaches',
      'pretend', 'pretending', 'in a world', 'make believe', 'given that', 'in the event', 'in event of', 'on condition', 'on the condition',
      'only after', 'but only after', 'at # or better|lower|higher|less|more|above|below|cheaper', 'were i|we to', 'buy the dip', 'buy dips', 'on a|the dip', 'at a|the price|rate|limit of',
      ...morePatterns.imagined,
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for a time or a schedule; Lucid acts now, once',
    patterns: [
      'tomorrow', 'tmrw', 'tmr', 'tommorow', 'tomorow', 'tommorrow', '# morrow', '# moro', 'tonight', 'payday', 'everyday', 'evry ' + timeUnits, 'evry ' + weekdays, 'later', 'daily', 'weekly', 'monthly', 'hourly', 'yearly', 'annually', 'midnight', 'noon',
      'schedule', 'scheduled', 'scheduling', 'recurring', 'remind', 'reminder', 'dca', 'every ' + timeUnits, 'every ' + weekdays, 'every other', 'each ' + weekdays,
      'each ' + timeUnits, weekdays, 'next ' + timeUnits, 'next ' + weekdays, 'in a|an|one|# ' + timeUnits, 'in a few ' + timeUnits,
      'after # ' + timeUnits, 'after a|an|one|two|three|few ' + timeUnits, '# am|pm', 'end of the ' + timeUnits,
      'end of ' + timeUnits, months + ' #', '# st|nd|rd|th of', 'this evening', 'this afternoon', 'in the morning', 'in the evening',
      'in the afternoon|night', 'every|each # ' + timeUnits, 'every|each few|couple ' + timeUnits, 'twice|thrice a|per|every|each ' + timeUnits,
      'once a|per|every|each ' + timeUnits, '# times a|per|every|each ' + timeUnits, 'per ' + timeUnits, 'fortnightly', 'biweekly', 'bi-weekly',
      'bimonthly', 'bi-monthly', 'quarterly', 'semiannually', 'nightly', 'standing order', 'standing orders', 'autopay', 'auto-pay',
      'automate', 'automated', 'automatically', 'dollar cost|cost-average', 'dollar-cost', 'cost average|averaging', 'in a bit|while|moment|jiffy',
      "# o'clock", "o'clock", '# - # - #', 'at some point|time|stage', 'some day|time|point', 'someday', 'sometime',
      'for the next|coming|following|remaining # ' + timeUnits, 'for the next|coming|following|rest|remaining ' + timeUnits, 'for # more ' + timeUnits,
      // "stake my ETH for a month", "send 5 DAI to bob for 2 weeks": a duration, which a note would silently drop.
      'for a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|# ' + timeUnits, 'for a few|couple ' + timeUnits, 'for a couple of ' + timeUnits,
      'from now on', 'going forward', 'henceforth', 'at sunrise|sunset|dawn|dusk', 'set a|up a timer', 'a timer',
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for advice; Lucid carries out requests and does not judge them',
    patterns: [
      'should i', 'should we', 'should * get|receive|have|be', 'shall i', 'do you think', 'you think', 'recommend', 'recommendation', 'suggest', 'suggestion', 'advice', 'advise',
      'good idea', 'bad idea', 'good time', 'right time', 'worth it', 'is it worth', 'make sense', 'makes sense', 'is it smart', 'smart to',
      'wise', 'which is better', 'is it better', 'better to', "what is|what's|whats|which's better|best|smarter|wiser", 'which is best|smarter|wiser', 'best thing', 'best move', 'reckon', 'or hold', 'or keep', 'good move', 'smart move',
      'best way', 'best time', 'worth doing', 'good deal', 'opinion', 'shld i', 'shud i', 'shd i', 'should u', 'do u think', 'u think',
      'is it dumb|stupid|safe|risky|smart|wise|ok|okay|fine|good|bad', 'is it a good|bad|smart|dumb', 'safe ?', 'cheaper', 'will pump', 'pump', 'will moon', 'gonna moon', 'mooning', 'a buy',
      'a good buy', 'nfa', 'dyor', 'good moment', 'right moment', 'best moment', 'smartest', "what's|whats|wats|what the best", 'what is the best',
      'which is the best', 'worth buying', 'good investment',
      'which pays|gives|earns|offers|yields more|better|most|higher|the', 'which one pays|gives|earns|offers|yields|is', 'a good|better|safe|safer place|platform|protocol|option|choice', 'the best|safest place|platform|protocol|option|choice',
      'where should i|we', 'help me decide', 'decide whether|if', 'better for|than', 'better option|choice', ...morePatterns.advice, ...adviceShorthand,
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of the past or of what someone else wants; say what Lucid should do now',
    patterns: [
      'already', 'alredy', 'allready', 'yesterday', 'last ' + timeUnits, 'last night', 'ago', 'earlier', 'this morning', 'told me|us|him|her',
      'asked me|us', 'asks me', 'wants me|us', 'want me', 'wanted me', 'said to', 'says to', 'said i', 'is going to', 'are going to',
      'was going to', 'did it arrive', 'did i', 'did you', 'wants to', 'wanted to', 'said', 'told', 'asked',
      'did my|the|it|that|this|he|she|they|we|those|these|your', 'wants|wanted|requested|requests #', 'wants|wanted a|an|the|his|her|their',
      'says|thinks|believes|claims|reckons|insists', 'is|are sending|swapping|paying|transferring|buying|selling|moving|wrapping|staking', 'did * get|receive|send|swap|pay|make|buy|sell',
      ...morePatterns.report, ...reportAsidePatterns, ...doneMarkers,
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it is outside what Lucid does here: it sends, swaps, wraps, stakes, lends, claims, approves, revokes and shows balances',
    patterns: [
      'venmo', 'paypal', 'cashapp', 'cash app', 'zelle', 'revolut', 'bank account', 'my|the|a bank', 'bank transfer', 'iban', 'credit card',
      'debit card', 'to|onto|up|load|fund|charge|credit|topup|top-up my|the|your|a card|cards', 'my card|cards', 'fiat', 'tax', 'taxes', 'nft', 'nfts', 'cryptopunk', 'cryptopunks', 'bored ape', 'jpeg', 'jpegs', 'chart', 'charts',
      'limit order', 'limit orders', 'stop loss', 'stop-loss', 'take profit', 'a loan of|against|from', 'take out a|the loan', 'get a loan', 'take a loan', 'loans', 'take credit', 'borrow', 'borrowing', 'borow',
      'bridge', 'bridging', 'leverage', 'leveraged', 'margin', 'liquidate', 'flashloan', 'flash loan', 'airdrop', 'health factor',
    ].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'the amount is too vague to act on; say a number, "all", "half" or a percentage',
    patterns: [
      'some', 'a bit', 'a little', 'a few', 'few', 'a portion', 'portion', 'a handful', 'handful', 'a small amount', 'small amount', 'a chunk',
      'chunk', 'most of', 'several', 'a bunch', 'bunch', 'part of', 'a lot', 'lots of', 'tiny bit', 'a couple', 'couple of', 'a fraction',
      'approximately', 'approx', 'roughly', 'around #', 'about #', 'at least', 'more or less', 'as much', 'as many', 'or so', 'ish', 'whatever amount',
      'to someone', 'to somebody', 'to anyone', 'to anybody', 'to everyone', 'to everybody', 'to whoever', 'to people', 'someone', 'somebody',
      'som', 'enough', 'reasonable', 'appropriate', 'sufficient', 'suitable', 'decent', 'certain amount', 'lil', 'a tad', 'tad', 'smidge',
      'all my contacts|friends', 'my contacts', 'all contacts', 'every contact', 'each contact',
      '~', 'nearly', 'almost', 'circa', 'give or take', 'just under|over|below|above', 'no|not more|less than',
      'plenty', 'an amount of', 'a|some small sum', 'small sum', 'between # and|- #', 'like #', "what's|whats left", 'what is left',
      'whatever is|remains left', 'a modest|moderate amount|sum', 'modest|moderate amount|sum', 'the remainder', 'the remaining', 'leftover', 'leftovers',
    ].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it tells of another share beside the request; give each step its own verb, amount and recipient',
    // "send 10 DAI to alice, the other 10 goes to bob", "…, the other half to carol": a second share told, not asked for.
    patterns: ['the other|remaining|rest # goes|go|to|is|should|will|for', 'the other|remaining half|part|share|rest|portion goes|go|to|is|should|will|for'].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it points at an earlier request, and Lucid keeps none to repeat; say the amount, the token and the recipient',
    patterns: [
      'the same thing', 'do it|that again', 'same again', 'repeat', 'the last transaction|one|swap|transfer|payment|trade', 'the rest', 'last time',
      'like before', 'as before', 'the usual', 'twice|double|triple|thrice that|it|what|the|as', 'x2', ...repeatMarkers,
    ].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it does not say how to share the amount; give each recipient their own amount, or say "each"',
    patterns: ['split # * between|among', 'split * between|among', 'divide', 'divided'].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it offers alternatives; say exactly one',
    patterns: ['or', 'either', 'whichever', 'one of them', 'and/or', '# - #', '# / #', 'maybe #', '# maybe', 'perhaps #'].map(p),
  },
];

/** Thanks said in advance, at the end: recognised filler. */
const politeTails: readonly Pattern[] = [
  "that|it would|will be great|awesome|nice|lovely|perfect|appreciated|amazing|helpful|wonderful|fantastic", "that'd|thatd be great|awesome|nice|lovely|perfect|appreciated|amazing|helpful",
  'would be great|appreciated|awesome|lovely', "that's|thats all|it", 'much appreciated', ...politeTailPatterns,
].map(p);
const politeTailFirsts = firstWords(politeTails);
/** Whether "i've got", "I have", "we hold", "i currently own" stands at `i`: the user's holdings. */
function ownsAt(words: Words, i: number): boolean {
  let k = i;
  if (["i've", "we've", 'ive'].includes(words[k] ?? '')) k++;
  else if (['i', 'we'].includes(words[k] ?? '')) {
    k++;
    if (['currently', 'still', 'now'].includes(words[k] ?? '')) k++;
    if (['have', "'ve"].includes(words[k] ?? '') && words[k + 1] === 'got') k++;
  } else return false;
  return ['have', 'got', 'own', 'hold', 'left'].includes(words[k] ?? '');
}
/** Politeness that may stand before a negation opening the sentence ("please do not …"). */
const politeOpeners: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'kindly']);

/** Words that say a split's shares are equal ("split 10 USDC evenly between …"), which the parser then reads. */
const evenSplitWords: ReadonlySet<string> = new Set(['evenly', 'equally', 'half', 'fifty-fifty', 'equal', 'ways']);

const previewFirsts = firstWords(previewPhrases);
const ruleFirsts = new Map<Rule, ReadonlySet<string>>();

/**
 * Reads the frame of `tokens`: strips only-look phrases (and remembers them), refuses what must be refused.
 * @throws InputError with the rule's code, naming the words.
 */
export function readFrame(source: string, tokens: readonly Token[]): Frame {
  refuseQuotedCommand(source);
  refuseMore(source, tokens, tokens.map(wordOf), isActionVerb, (word) => openingFiller.has(word), chainOf);
  let preview = false;
  const kept: Token[] = [];
  // "simmulate sending …", "qoute 1 ETH …": a slip of a look's head word is read as it.
  const words = tokens.map((token) => lookHeadSlip(wordOf(token), isKnownWord) ?? wordOf(token));
  for (let i = 0; i < tokens.length; ) {
    // "estimate the gas for sending …" (before the shorter "estimate"), "lmk how much …", "…, but just show me" (./lookAndRefuse.ts).
    let length = lookNoun(words, i, startsStep) || (previewFirsts.has(words[i]!) ? matchAny(words, i, previewPhrases) : 0);
    if (!length) length = lookLeadIn(words, i) || isLookTail(words, i);
    if (!length) {
      const look = matchAny(words, i, lookBeforeGerund);
      if (look && isGerund(words[i + look])) length = look;
      else if (look && words[i + look] === 'what' && isGerund(words[i + look + 1])) length = look + 1;
    }
    // "don't send anything to bob" opens with the negation: nothing stands before it to be only looked at.
    // "don't execute, just show me: …" does: the phrase is set off from the request that follows it.
    // "show me what i've got in usdc", "tell me what I hold": what the user owns is a balance question, not a look at a step.
    if (length && words[i + length - 1] === 'what' && ownsAt(words, i + length)) length = 0;
    // ("Please do not execute any transfers to bob.eth": politeness before it is no request either.)
    if (length && ['do', "don't", 'dont', 'no', 'not', 'never', 'without'].includes(words[i]!) && !kept.some((token) => token.kind !== 'punct' && !politeOpeners.has(wordOf(token))) && ![',', ':', ';', '-', '.', 'just', 'only'].includes(words[i + length] ?? '')) length = 0;
    // "… and don't send anything to bob", "then don't send it to bob": a negated step with its recipient, no look (round 7, merged).
    if (length && words.slice(i, i + length).some((word) => ["don't", 'dont', 'not', 'never'].includes(word)) && ['to', '2', '->', 'into'].includes(words[i + length] ?? '')) length = 0;
    if (length) {
      preview = true;
      i += length;
      // "swap 1 ETH for DAI - preview only", "…, quote only": a mark left dangling before the phrase at the end.
      if (i >= tokens.length && kept[kept.length - 1]?.kind === 'punct' && ['-', '—', '–', ',', ':'].includes(kept[kept.length - 1]!.value)) kept.pop();
      // "swap 50 DAI to USDC (dry run)": the brackets held only the phrase.
      if (kept[kept.length - 1]?.kind === 'punct' && kept[kept.length - 1]!.value === '(' && words[i] === ')') {
        kept.pop();
        i++;
      }
      continue;
    }
    // "…, that would be great": thanks said in advance, recognised filler.
    const tail = politeTailFirsts.has(words[i]!) ? matchAny(words, i, politeTails) : 0;
    if (tail && words.slice(i + tail).every(isEnd)) {
      i += tail;
      continue;
    }
    // "send it back to alice": the direction back is said by "to"; "send exactly 5 DAI": the number is exact anyway;
    if ((words[i] === 'back' && ['it', 'them', 'that', 'this', 'those', 'these'].includes(words[i - 1] ?? '') && words[i + 1] === 'to') ||
      (['exactly', 'precisely'].includes(words[i]!) && words[i + 1] === '#') ||
      // "send 5 DAI to bob without fail": an idiom of certainty, no negation; "… over on op mainnet": "over" only leads the place.
      (words[i] === 'fail' && words[i - 1] === 'without') || (words[i] === 'without' && words[i + 1] === 'fail' && isEnd(words[i + 2])) ||
      (words[i] === 'over' && words[i + 1] === 'on' && i > 0 && !isEnd(words[i - 1])) ||
      // "send 3 whole eth": whole units are what a whole number counts anyway (only between it and a token).
      (['whole', 'full'].includes(words[i]!) && words[i - 1] === '#' && /^\d+$/.test(tokens[i - 1]!.value) && symbolWords().has(words[i + 1] ?? '')) ||
      // "could you perhaps wrap …": a softener of the asking.
      (['maybe', 'perhaps', 'possibly'].includes(words[i]!) && ['you', 'u'].includes(words[i - 1] ?? '') && isActionVerb(words[i + 1] ?? ''))) {
      i++;
      continue;
    }
    kept.push(tokens[i]!);
    i++;
  }
  let keptWords = kept.map(wordOf);
  // "what would happen if I sent 5 DAI to bob, don't execute": the imagined case is the request to show.
  const seen = imaginedCase(kept, keptWords, preview);
  if (seen) {
    preview = true;
    kept.splice(0, kept.length, ...seen);
    keptWords = kept.map(wordOf);
  }
  // "can I send 5 DAI to bob?": a question whether the user can, answered by showing it, never by signing.
  const asked = abilityQuestion(kept, keptWords);
  if (asked) {
    preview = true;
    kept.splice(asked.start, asked.length);
    keptWords = kept.map(wordOf);
  }
  for (const rule of rules) {
    let firsts = ruleFirsts.get(rule);
    if (!firsts) ruleFirsts.set(rule, (firsts = firstWords(rule.patterns)));
    for (let i = 0; i < kept.length; i++) {
      if (!firsts.has(keptWords[i]!)) continue;
      const length = matchAny(keptWords, i, rule.patterns);
      if (!length || isException(keptWords, i, length)) continue;
      const span: Span = { start: kept[i]!.start, end: kept[i + length - 1]!.end };
      // "buy some PEPE": a token outside every list is the first thing to say, before how vague the amount is.
      const named = rule.code === intentErrorCodes.ambiguous ? kept.slice(i + length, i + length + 2).find((token) => token.kind === 'word' && foreignTokens.has(token.lower)) : undefined;
      if (named) throw refusal(intentErrorCodes.unknownToken, source, named, `unknown token ${quote(named.text)}: it is not in the token list of this chain`);
      throw refusal(rule.code, source, span, `not done: ${quote(source.slice(span.start, span.end))} — ${rule.why}`, hintsFor(rule.code));
    }
  }
  if (preview) refuseLookThenAct(source, kept, keptWords);
  if (preview) refuseLookThenCommand(source, kept, keptWords, (word) => isActionVerb(word) && !word.endsWith('ing'));
  // "show me what swapping 1 ETH for USDC gives", "… looks like", "… first": the look's own words after its step.
  if (preview) {
    const trail = lookTrail(keptWords, (word) => isActionVerb(word) && !word.endsWith('ing'));
    if (trail) {
      kept.splice(trail.start, trail.length);
      keptWords = kept.map(wordOf);
    }
    const step = nounStep(kept, keptWords);
    if (step) {
      kept.splice(0, kept.length, ...step);
      keptWords = kept.map(wordOf);
    }
  }
  refusePastAndOthers(source, kept, keptWords);
  // "whats the usdc value of 1.5 eth", "px 1 eth in usdc?": a price asked for, said as "what's 1.5 ETH in USDC".
  const valued = valueQuestion(kept, keptWords);
  if (valued) {
    kept.splice(0, kept.length, ...valued);
    keptWords = kept.map(wordOf);
  }
  const quoted = howMuchQuote(source, kept, keptWords);
  // "what's 1 ETH in DAI? swap it": a command after the quote question asks to act after looking.
  if (quoted) refuseLookThenCommand(source, kept, keptWords, (word) => isActionVerb(word) && !word.endsWith('ing'));
  if (quoted) return { tokens: quoted, preview: true };
  return { tokens: kept, preview };
}

/** After an only-look phrase, words that ask to act after all: "dry run then execute: …", "simulate it, then send it for real". */
const actAfterLook: readonly Pattern[] = [
  'execute', 'executing', 'for real', 'go ahead', 'do it', 'then sign|broadcast|submit', 'and sign|broadcast|submit', 'sign|broadcast|submit it|them',
  'afterwards|after|then run|do it|that', 'send|swap it for real', 'actually send|swap|do|execute|sign|submit|broadcast|run|wrap|stake|supply|transfer',
  ...morePatterns.actAfterLook,
].map(p);

/** Only looking and acting in one request contradict each other: refuse, naming the words that ask to act. */
function refuseLookThenAct(source: string, tokens: readonly Token[], words: Words): void {
  for (let i = 0; i < words.length; i++) {
    const length = matchAny(words, i, actAfterLook);
    if (!length) continue;
    const span: Span = { start: tokens[i]!.start, end: tokens[i + length - 1]!.end };
    throw refusal(
      intentErrorCodes.unsupported,
      source,
      span,
      `not done: ${quote(source.slice(span.start, span.end))} asks to act, and the rest only to look; ask for one: the preview first, then the request on its own`,
      ['to only look: simulate swap 1 ETH for DAI', 'to act: swap 1 ETH for DAI'],
    );
  }
}

/** Words that look like a rule's but mean something else where they stand. */
function isException(words: Words, i: number, length: number): boolean {
  const word = words[i]!;
  if (vagueWordException(words, i, symbolWords())) return true;
  // "if you don't mind": a softener of the asking, no condition or negation (./politeAsking.ts).
  if (isPoliteSoftener(words, i)) return true;
  const before = words[i - 1];
  // "stop lending my DAI", "airdrop 1 DAI to bob.eth", "I need 1 ETH wrapped" (./verbPhrases.ts).
  if (isVerbPhraseException(words, i)) return true;
  // "I'd like 5 DAI sent to bob": a wish, not a hedge on the amount.
  if (word === 'like' && ["i'd", 'id', 'would', "we'd", "you'd", 'd'].includes(before ?? '')) return true;
  // "so like how much USDC would I get for 3 ETH": a filler before the question, not a hedge on the amount.
  if (word === 'like' && ['how', 'what', "what's", 'whats'].includes(words[i + 1] ?? '')) return true;
  // "what's 0.5 WETH worth in USDC if I swap": the quote's own case, at its end, not a condition.
  if (word === 'if' && ['i', 'we'].includes(words[i + 1] ?? '') && quoteCaseVerbs.has(words[i + 2] ?? '') && words.slice(i + 3).every((w) => isEnd(w) || ['it', 'them', 'that', 'now'].includes(w)) &&
    words.slice(0, i).some((w, k) => w === 'worth' || (w === 'how' && ['much', 'many'].includes(words[k + 1] ?? ''))))
    return true;
  // "divide 1 ETH equally between …": the shares are said to be equal; the parser's split production reads it.
  if ((word === 'divide' || word === 'split') && length <= 4 && words.slice(i + 1, i + 14).some((w) => evenSplitWords.has(w))) return true;
  // "no" only refuses at the start of a sentence or after a comma ("no, don't …"), not in "no more than".
  if (word === 'no' && length === 1 && before !== undefined && before !== ',' && before !== ';' && before !== '-') return true;
  // "…, no limit", "no cap": an approval without a ceiling, not a refusal.
  if (word === 'no' && length === 1 && ['limit', 'cap', 'ceiling'].includes(words[i + 1] ?? '') && isEnd(words[i + 2])) return true;
  // "what would 2 ETH get me in DAI", "what does 1 ETH get me": a quote, asked before the amount.
  if (word === 'what' && ['would', 'will', 'does', 'do'].includes(words[i + 1] ?? '') && words[i + 2] === '#') return true;
  // "what would I receive for 1 ETH in DAI": a quote (with no "if" after, which the condition rule reads).
  if (word === 'what' && ['would', 'will'].includes(words[i + 1] ?? '') && ['i', 'we'].includes(words[i + 2] ?? '') && ['get', 'receive'].includes(words[i + 3] ?? '') &&
    ['for', 'with'].includes(words[i + 4] ?? '') && !words.includes('if'))
    return true;
  // "estimate how much DAI I'd get for 1 ETH", "what I would receive": the amount asked about in a quote, not a hedge.
  if (["i'd", 'id', "we'd", 'i', 'we'].includes(word) && ['get', 'receive'].includes((word === 'i' || word === 'we' ? words[i + 2] : words[i + 1]) ?? '') &&
    (before === 'what' || words.slice(Math.max(0, i - 6), i).some((w, k, near) => w === 'much' && near[k - 1] === 'how')))
    return true;
  // "could you maybe transfer …": a softener of the asking, not a hedge of the act.
  if ((word === 'maybe' || word === 'perhaps') && ['you', 'u', 'please', 'pls'].includes(before ?? '')) return true;
  // "thanks a lot" is gratitude, not an amount.
  if (word === 'a' && ['lot', 'bunch', 'ton', 'million'].includes(words[i + 1] ?? '') && (before === 'thanks' || before === 'thank' || before === 'thx' || before === 'you')) return true;
  if (['bunch', 'ton'].includes(word) && before === 'a' && ['thanks', 'thank', 'thx', 'you'].includes(words[i - 2] ?? '')) return true;
  // "(it would be great) if you could send …": a polite request; the "if" governs the asking, not the act.
  if (word === 'if' && words[i + 1] === 'you' && (words[i + 2] === 'could' || words[i + 2] === 'can' || words[i + 2] === 'would') && politeVerbs.has(words[i + 3] ?? ''))
    return true;
  // "(I just) wanted to ask you to …" is a polite request, not a report of a past wish.
  if (word === 'wanted' && words[i + 1] === 'to' && words[i + 2] === 'ask') return true;
  // "if possible", "if you can", "when you can": politeness, not a condition.
  if (word === 'if' && (words[i + 1] === 'possible' || (words[i + 1] === 'you' && (words[i + 2] === 'can' || words[i + 2] === 'could') && isEnd(words[i + 3]))))
    return true;
  if (word === 'when' && words[i + 1] === 'you' && (words[i + 2] === 'can' || words[i + 2] === 'get') && (words[i + 2] === 'get' || isEnd(words[i + 3]))) return true;
    // "I'd appreciate it if you could …" is politeness, not a condition.
  if (word === 'if' && before === 'it' && words[i - 2] === 'appreciate') return true;
  // "check if I have any stETH left", "see whether": a balance question, not a condition.
  if (word === 'if' && ['check', 'see', 'know', 'tell', 'checking', 'wondering'].includes(before ?? '') && ['i', 'we'].includes(words[i + 1] ?? '')) return true;
  // "buy some DAI with 0.2 ETH": the amount is the one paid, "some" only marks what is bought.
  if (word === 'some' && length === 1 && ['with', 'using'].includes(words[i + 2] ?? '') && words[i + 3] === '#') return true;
  // "swap 1 ETH into some DAI": the amount is the one sold, "some" only marks what is bought.
  if (word === 'some' && length === 1 && ['into', 'for', 'to'].includes(before ?? '') && words.slice(Math.max(0, i - 4), i - 1).includes('#') && !words.slice(0, i).includes('some'))
    return true;
  // "do some swapping of 10 USDC": "some" before an action noun says nothing of the amount.
  if (word === 'some' && length === 1 && isGerund(words[i + 1])) return true;
  // "earn some yield on 500 USDC": "some" qualifies the yield, not the amount.
  if (word === 'some' && length === 1 && ['yield', 'interest', 'returns', 'apy', 'income'].includes(words[i + 1] ?? '')) return true;
  // "liquidate 50 LUCID into USDC", "liquidate all my LUCID for DAI": selling an amount of a token for another is a swap;
  // liquidating a position or a loan is not something Lucid does.
  if (word === 'liquidate' && length === 1 && ['#', 'all', 'half', 'my'].includes(words[i + 1] ?? '') && words.slice(i + 2, i + 6).some((w) => ['into', 'for', 'to'].includes(w)) &&
    !words.slice(i + 1, i + 6).some((w) => ['position', 'positions', 'loan', 'loans', 'debt', 'collateral', 'vault', 'account', 'him', 'her', 'them'].includes(w)))
    return true;
  // "kind enough to", "good enough": politeness, not an amount.
  if (word === 'enough' && ['kind', 'good', 'nice'].includes(before ?? '')) return true;
  // "3/4 of my stETH": a fraction of a balance, not two alternatives.
  if (word === '#' && words[i + 1] === '/' && words[i + 3] === 'of') return true;
  // Round 9: "with no more than 1% slippage", "under 0.5% slippage": a bound on the slippage before its rate, not a
  // vague amount (./slippageWords.ts); the rate and the slippage noun must follow at once.
  if (words.slice(i, i + length).every((w) => slippageBoundWords.has(w)) && words[i + length] === '#' && words.slice(i + length + 1, i + length + 3).some(isSlippageLike)) return true;
  // "slippage not to exceed 0.5%", "slippage not more than 1%": a cap, not a negation.
  if (word === 'not' && words.slice(Math.max(0, i - 3), i).some(isSlippageLike) && ['to', 'exceeding', 'more', 'over', 'above'].includes(words[i + 1] ?? ''))
    return true;
  // "send 10 DAI to bob for the translation", "… for the weekly groceries", "… for the tax advice": a noun or
  // adjective of the purpose names what is paid for. An adjective must stand before its noun ("for rent
  // monthly" keeps the schedule).
  if (length === 1 && noteNouns.has(word) && isInNoteAfterFor(words, i) && words.slice(Math.max(0, i - 4), i).some((w) => noteDeterminers.has(w))) return true;
  if (length === 1 && noteAdjectives.has(word) && isInNoteAfterFor(words, i) && /^[a-z]+$/.test(words[i + 1] ?? '') && !symbolWords().has(words[i + 1]!)) return true;
  // "send carol 20 DAI for dinner last night": the time belongs to the purpose, not to the request.
  if ((word === 'last' || word === 'yesterday' || word === 'earlier') && isInNoteAfterFor(words, i)) return true;
  // "… for the coffee she got me earlier": further back in the same purpose, with no mark between.
  if ((word === 'yesterday' || word === 'earlier') && isEnd(words[i + length]) && words.slice(Math.max(0, i - 8), i).includes('for') &&
    !words.slice(words.lastIndexOf('for', i), i).some((w) => isEnd(w) || w === '#') && isInNoteAfterFor(words, words.lastIndexOf('for', i) + 1)) return true;
  // "invoice 2024-031", "#2024-031": a number of a document, not a range.
  if (word === '#' && words[i + 1] === '-' && ['invoice', 'inv', 'order', 'ticket', 'ref', 'reference', 'no', 'number', '#', 'id', 'po'].includes(before ?? '')) return true;
  // "wrap 1 ETH so I can trade it later": the time belongs to the purpose clause.
  if (word === 'later' && words.slice(Math.max(0, i - 8), i).includes('so')) return true;
  // "just send bob the 5 USDC already": impatience at the end of a command, not a report of the past.
  if (word === 'already' && length === 1 && words.slice(i + 1).every(isEnd) && !pastCopulas.has(before ?? '') && words.slice(0, i).some(isActionVerb)) return true;
  return false;
}

/** The act a quote imagines at its end ("… worth in USDC if I swap"). */
const quoteCaseVerbs: ReadonlySet<string> = new Set(['swap', 'sell', 'trade', 'convert', 'exchange', 'swapped', 'sold', 'traded', 'converted', 'exchanged']);

/** Rule words that, inside a purpose ("for the …"), name what is paid for: nouns anywhere in it. */
const noteNouns: ReadonlySet<string> = new Set([
  'translation', 'explanation', 'example', 'examples', 'definition', 'documentation', 'advice', 'recommendation', 'suggestion', 'tax', 'taxes',
  'nft', 'nfts', 'sample', 'samples', 'poem', 'story', 'song', 'joke', 'tweet', 'chart', 'charts', 'opinion', 'grammar',
]);
/** Before a purpose's noun: "for the translation", not "for example". */
const noteDeterminers: ReadonlySet<string> = new Set(['the', 'my', 'a', 'an', 'his', 'her', 'their', 'our', 'your', 'this', 'that', 'those', 'these']);
/** Rule words that, inside a purpose, describe its noun ("the weekly groceries"): only before a noun. */
const noteAdjectives: ReadonlySet<string> = new Set(['weekly', 'daily', 'monthly', 'yearly', 'hourly', 'annually', 'nightly', 'quarterly', 'biweekly', 'fortnightly']);

/** Words before "already" that make it a report of the past ("I have already", "it was already"). */
const pastCopulas: ReadonlySet<string> = new Set(['i', 'we', 'you', 'he', 'she', 'they', 'have', 'has', 'had', 'is', 'was', 'are', 'were', 'been', 'it', "i've", "we've"]);

/** A word known to the grammar otherwise, never read as a slip of a look's head word. */
function isKnownWord(word: string): boolean {
  return verbs.has(word) || preambleWords.has(word) || symbolWords().has(word);
}

/** Whether a step can start at this word: an action verb (or its gerund), or an amount. */
function startsStep(word: string | undefined): boolean {
  return word !== undefined && (word === '#' || isActionVerb(word) || isGerund(word) || word === 'all' || word === 'my');
}

/** A chain's name: one with a token list here ("base"), one without ("polygon", "solana"), or none. */
function chainOf(word: string): 'listed' | 'unlisted' | undefined {
  if (['mainnet', 'base', 'arbitrum'].includes(word)) return 'listed';
  if (foreignChains.has(word) || (chainWords.has(word) && !['anvil', 'devnet', 'localhost'].includes(word))) return 'unlisted';
  return undefined;
}

/** Words that bound a slippage before its rate ("no more than", "under", "less than"). */
const slippageBoundWords: ReadonlySet<string> = new Set(['no', 'not', 'more', 'less', 'than', 'under', 'below', 'within', 'up', 'to', 'at', 'most']);

function isSlippageLike(word: string): boolean {
  return word === 'slippage' || word === 'slip' || word === 'slipage';
}

/** Whether position `i` stands in a purpose note: "for" before it (within four words) followed by a plain noun. */
function isInNoteAfterFor(words: Words, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (words[k] !== 'for') continue;
    const noun = words[k + 1] ?? '';
    return /^[a-z]+$/.test(noun) && !symbolWords().has(noun) && !['the', 'my', 'a', 'an'].includes(noun) ? true : ['the', 'my', 'a', 'an'].includes(noun) && /^[a-z]+$/.test(words[k + 2] ?? '') && !symbolWords().has(words[k + 2]!);
  }
  return false;
}

/**
 * "I already sent 5 USDC", "erin.eth sent 30 USDC", "my friend swapped …": a past-tense action verb that is
 * not part of a reference to an earlier step ("the USDC I just bought", "the unwrapped ETH").
 */
/** Words before "I bought" that still make it a reference: "the ETH that I bought", "swap what's left of it I got". */
const referenceOwners: ReadonlySet<string> = new Set(['that', 'the', 'to', 'for', 'with', 'of', 'on', 'in', 'it', 'this', 'a', 'an']);

/** Verbs of thinking and saying before "I sent": the report goes on, it is no reference. */
const reportVerbs: ReadonlySet<string> = new Set([
  'think', 'thought', 'guess', 'believe', 'suppose', 'reckon', 'know', 'knew', 'remember', 'swear', 'bet', 'feel', 'fear', 'suspect', 'realize',
  'realise', 'realized', 'realised', 'forgot', 'forget', 'sure', 'certain', 'say', 'said', 'tell', 'told', 'guessing', 'pretty', 'hope', 'because',
  'since', 'cause', 'cuz', 'coz', 'but', 'yeah', 'yes', 'and', 'so', 'ok', 'okay', 'well', 'oh', 'hmm',
]);

function refusePastAndOthers(source: string, tokens: readonly Token[], words: Words): void {
  const past = new Set(actionPast.split('|'));
  for (let i = 0; i < words.length; i++) {
    if ((!past.has(words[i]!) && !isPastOfVerb(words[i]!)) || isVerbPhraseException(words, i)) continue;
    let j = i - 1;
    while (j >= 0 && ['just', 'already', 'have', 'has', 'had', 'recently'].includes(words[j]!)) j--;
    const subject = words[j];
    // "send 5 DAI to bob for the pizza he bought": the past belongs to the purpose note.
    if (isInNoteAfterFor(words, i - 1) && ['he', 'she', 'they', 'we', 'i', 'you'].includes(subject ?? '')) continue;
    // "… because she paid for the tickets", "…, he covered parking", "… for the 10 DAI he lent me": a reason after
    // the request is an aside (./asides.ts); the parser keeps it as a note, or refuses one naming an amount.
    if (isReasonAside(words, j, isActionVerb)) continue;
    if (subject === 'the' || subject === 'that' || subject === 'those' || subject === 'what' || subject === 'whatever') continue;
    // "the USDC received", "the amount obtained": a participle after a noun with its determiner describes an earlier
    // step's output (./referenceWords.ts); "the DAI bob received" has a subject of its own and stays a report.
    if (outputParticiples.includes(words[i]!) && j === i - 1 && ['the', 'that', 'this', 'those', 'these'].includes(words[j - 1] ?? '') &&
      (symbolWords().has(subject ?? '') || ['amount', 'sum', 'tokens', 'coins', 'funds'].includes(subject ?? ''))) continue;
    // "alice should be sent 6 USDC", "bob is to be paid": a passive request, not a report.
    if (subject === 'be' && ['should', 'must', 'shall', 'to', 'will', 'needs'].includes(words[j - 1] ?? '') && ['sent', 'paid', 'transferred', 'transfered'].includes(words[i]!)) continue;
    // "…, routed via Uniswap V3": a participle naming the venue of the step, not a report.
    if (words[i] === 'routed' && ['via', 'through', 'on', 'using', 'over'].includes(words[i + 1] ?? '')) continue;
    // "convert 1 ETH to wrapped ether": a participle naming a token, not a report.
    if ((words[i] === 'wrapped' || words[i] === 'staked') && ['ether', 'eth', 'ethereum'].includes(words[i + 1] ?? '') && ['to', 'into', 'for', 'of', 'my', 'some', 'your', '#'].includes(subject ?? ''))
      continue;
    if (subject === 'i' || subject === 'you' || subject === 'we') {
      const owner = words[j - 1];
      // "the USDC I just bought", "what I got", "the ETH you get": a reference to an earlier step.
      // "so yeah I sent …", "ok I swapped …": a discourse word before the subject is no such owner.
      // "I think I sent …", "pretty sure we swapped …": a verb of thinking or saying is no such owner either.
      if (owner !== undefined && tokens[j - 1]!.kind === 'word' && !reportVerbs.has(owner) && !(preambleWords.has(owner) && !referenceOwners.has(owner))) continue;
    }
    const span: Span = { start: tokens[Math.max(0, j)]!.start, end: tokens[i]!.end };
    throw refusal(
      intentErrorCodes.unsupported,
      source,
      span,
      `not done: ${quote(source.slice(span.start, span.end))} tells of something done, not something to do now`,
      hintsFor(intentErrorCodes.unsupported),
    );
  }
}

/** "dumped", "flipped", "yeeted": the past form of an action verb of the lexicon (regular -ed forms). */
function isPastOfVerb(word: string): boolean {
  if (word.length < 5 || !word.endsWith('ed')) return false;
  const stems = [word.slice(0, -2), word.slice(0, -1)];
  if (word[word.length - 3] === word[word.length - 4]) stems.push(word.slice(0, -3));
  return stems.some((stem) => {
    // Only verbs that move funds: "approvals granted to uniswap" names an approval, it tells nothing done.
    const kind = verbs.get(stem);
    return kind === 'transfer' || kind === 'swap' || kind === 'sell' || kind === 'buy';
  });
}

/**
 * `"swap 1 ETH for USDC" — is that valid?`, `explain what 'unwrap 1 WETH' does`: a command in quotes is
 * being talked about, not given. A single quoted word ("USDC") carries no such meaning and passes.
 */
function refuseQuotedCommand(source: string): void {
  // A code block ("```send 5 DAI to bob```") is text shown, not a request typed.
  const fence = source.indexOf('```');
  if (fence !== -1)
    throw refusal(intentErrorCodes.unsupported, source, { start: fence, end: fence + 3 }, 'not done: a code block is text talked about, not a request', ['to run it, type the command itself, without the block']);
  const pattern = /(^|[\s(:,])(["“”'‘’`])([^"“”'‘’`]*\s[^"“”'‘’`]*)(["“”'‘’`])(?=$|[\s?.,!:;)—-])/gu;
  let quoted: RegExpExecArray | null;
  while ((quoted = pattern.exec(source)) !== null && !isQuotedCommand(source, quoted)) pattern.lastIndex = quoted.index + quoted[0].length;
  if (!quoted) return;
  const start = quoted.index + quoted[1]!.length;
  const span = { start, end: start + quoted[2]!.length + quoted[3]!.length + quoted[4]!.length };
  throw refusal(
    intentErrorCodes.unsupported,
    source,
    span,
    `not done: ${quote(source.slice(span.start, span.end))} is a quoted command, talked about rather than given`,
    ['to run it, type the command itself, without quotes'],
  );
}

/**
 * Whether a quoted span is a command talked about. Quotes around the whole message stay one: the words may be
 * a command shown, not given. Inline code around a part of the request with no verb in it ("swap `1 ETH` for
 * `USDC`") is markdown for a value, not a quoted command.
 */
function isQuotedCommand(source: string, quoted: RegExpExecArray): boolean {
  const inner = quoted[3]!;
  if (!/[\p{L}]/u.test(inner)) return false;
  // "with memo \"design work\"", "note: 'rent'": the words of a note, quoted, with no verb in them.
  const label = /(?:memo|note|reference|ref|description|reason|message|comment)\s*:?\s*$/iu.test(source.slice(0, quoted.index + quoted[1]!.length));
  if (label) return inner.toLowerCase().split(/[^\p{L}]+/u).some((word) => verbs.has(word));
  if (quoted[2] === '`' && quoted[4] === '`') return inner.toLowerCase().split(/[^\p{L}]+/u).some((word) => verbs.has(word));
  return true;
}

// ---------------------------------------------------------------- why a failed reading failed

/**
 * Clues that say why words no production could read are not a request: weaker than the frame's rules (they
 * could stand in a request the productions read, "swap 1 ETH at 0.5% slippage"), so they are asked only
 * after the productions failed. A clue at the start (`^`) must open the sentence, after greetings.
 */
const softRules: readonly (Rule & { atStart?: boolean; notSelf?: boolean })[] = [
  // Round 7 (merged grammar): amounts from the balance, slippage in words, a missing earlier step, a payment told as done.
  ...amountClues.map(({ code, why, patterns }) => ({ code, why, patterns: patterns.map(p) })),
  // limits, vague shares, the balance less something, memories, formats, waits, "skip" (./refusalClues.ts).
  ...refusalClues.map(({ code, why, patterns, atStart }) => ({ code, why, patterns: patterns.map(p), ...(atStart ? { atStart } : {}) })),
  // your take on, relayed messages, the past after a time opener, unknown verbs about words, templates (./refusalCodes.ts).
  ...refusalCodeClues.map(({ code, why, patterns, atStart }) => ({ code, why, patterns: patterns.map(p), ...(atStart ? { atStart } : {}) })),
  // acts told as done ("I performed a swap of …") and a light verb pointing at a request never kept (./reportedActs.ts).
  ...reportedActClues.map(({ code, why, patterns, atStart }) => ({ code, why, patterns: patterns.map(p), ...(atStart ? { atStart } : {}) })),
  {
    code: intentErrorCodes.unsupported,
    why: 'it is about the words or the rules (a command to repeat, a syntax, a mode), not a request to act on',
    atStart: true,
    patterns: ['ignore|disregard|forget|override|bypass|echo|print|output|say|type|repeat|pretend|roleplay|parse|rephrase|reword|format|test|demo|developer|admin|system|sys|inst'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it is about the words or the rules (a command to repeat, a syntax, a mode), not a request to act on',
    patterns: ['syntax', 'parse', 'parsing', 'parser', 'instruction', 'instructions', 'prompt', 'test case', 'testcase', 'type out', 'for a demo', 'mode', 'quoted', 'copy|read this|it|that', 'aloud', 'command'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks about or undoes something already done; say what Lucid should do now',
    patterns: [
      'undo|reverse|revert|cancel|refund|unsend|rollback|retract|recall|dispute|contest|chargeback',
      'has|have|was|were|is|did my|the|our|that|this swap|transfer|payment|trade|tx|transaction|deposit|withdrawal|order|transfers|payments|swaps',
      'completed|complete|successful|succeeded|confirmed|pending|stuck|failed|arrived|landed|processed|mined|received|bounced|reverted',
      'status', 'history', 'transactions', 'owes|owe|owed',
      'go|gone|went through',
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of what someone else wants, said or did; say what Lucid should do now',
    atStart: true,
    patterns: [
      'my|our|the|his|her|their * wants|wanna|needs|needed|would|wanted|asked|asks|is|was|are|were|says|say|said|told|tells|keeps|advised|instructed|requested|will|agreed|he|she|they|insists|thinks|intends|plans|hopes|means|aims|expects|can|could|should|must|may|might',
      '* * has|had asked|requested|told|said|instructed|wanted|advised|agreed',
      'my|our|the|his|her|their * * wants|wanna|needs|would|wanted|asked|is|was|says|said|told|keeps|advised|instructed|requested|will|agreed|he|she|they',
      'he|she|they|he’s|he\'s|she\'s|they\'re|his|her|their',
      '* is|was|are|were|will|would|needs|wants|wanna|keeps|says|said|asked|told|agreed|plans|planning|insists',
      // "Bob should send me 10 USDC": what someone else ought to do ("alice should receive 10 DAI" asks Lucid to pay her).
      '* should|must|shall|needs|has|ought send|pay|give|transfer|swap|wire|move|return|refund|repay|to',
      '* has|had asked|requested|told|said|instructed|wanted|advised|agreed',
      '* and * agreed|want|wants|said|asked|will|would|need|needs',
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of what someone else may or should do; say what Lucid should do now',
    atStart: true,
    notSelf: true,
    // "bob can send 5 DAI to alice", "alice should swap 1 ETH for DAI": someone else's act, not a request.
    patterns: ['* can|could|should|must|shall|might|may|intends|plans|hopes|means ' + actionVerbSlot, '* intends|plans|hopes|means|aims|wants to ' + actionVerbSlot].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of what someone else wants, said or did; say what Lucid should do now',
    patterns: [
      'ask|tell|make|have|let|get * to|send|pay|swap|give|transfer', 'can|could|will|would * send|pay|give|transfer|swap', 'request|invoice|charge|bill',
      // "how much is bob going to send me", "send 10 USDC from alice to bob": someone else's plan or someone else's funds.
      'is|was|are * going to send|pay|give|transfer|swap', 'send|transfer|pay|give|move|wire # * from *',
      'take|get|pull|collect|request|grab # * from *', 'from * wallet|account', 'from her|his|their|its wallet|account|address', "bob's|alice's|carol's request|wish|order|idea", 'according to', 'saying', 'a message|text|email|dm|mail'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for advice; Lucid carries out requests and does not judge them',
    patterns: ['safe', 'going up|down', 'tips', 'tip on|for|about', 'idea', 'is now', 'risky', 'hurt', 'the time to', 'apy', 'apr', 'whether', 'ought', 'pros and cons', 'pros', 'do|should|must i|we have to', 'have to', 'be smart|wise|good|profitable|worth|safe|better|clever', 'profitable', 'worthwhile'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it imagines a case; Lucid acts now, on a plain request (ask for a quote to only look)',
    patterns: ['were i|we', 'would it succeed|work|fail|go', 'how would that|it go|work'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it depends on a price or a condition; Lucid acts now, at the market (ask for a quote to only look)',
    patterns: ['at a|the|market price|rate|limit|open|close', 'at the best|lowest|highest|right|good|better', 'otherwise', 'low', 'high', 'cheap', 'cheaper', 'at # or better|lower|higher|less|more|above|below|less', 'dip', 'dips', 'trigger|triggered|triggers', 'limit', 'price|rate is|hits|reaches'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for a time or a schedule; Lucid acts now, once',
    patterns: [
      'every', 'each *', 'twice|thrice', 'a|an ' + timeUnits, "# : #", '# am|pm', 'on|by the #', 'on|by #', '# st|nd|rd|th', 'sunrise|sunset|dawn|dusk',
      'in|at|by|on|during the afternoon|morning|evening|night|weekend', 'this|tomorrow|tmrw|at|by afternoon|morning|evening|night|midnight', 'tonite', 'new year|year’s|years|year\'s', 'christmas|birthday|payday', 'start|beginning of', 'over # ' + timeUnits,
      'eventually', 'soon', 'sooner', 'in the future', 'first|last|middle of the', 'delay', 'delayed', '# times', 'again and again', 'repeatedly',
      'repeat', 'subscribe', 'subscription', 'auto-send', 'autosend', 'periodically', 'regularly', 'semi-monthly', 'semimonthly', 'onwards', 'starting',
      'cron', 'half|quarter past|to #', '@ #', 'auto', 'rebalance', 'rebalancing', 'maintain', 'compound', 'compounding', 'keep',
    ].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it depends on a price or a condition; Lucid acts now, at the market (ask for a quote to only look)',
    patterns: ['at #', 'above|below|under|over # usd|usdc|dollars|bucks|k'].map(p),
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it is outside what Lucid does here: it sends, swaps, wraps, stakes, lends, claims, approves, revokes and shows balances',
    // Round 7: borrowing's words (a debt, a loan, collateral) name what Lucid has no agent for.
    patterns: ['liquidity', 'lp', 'long', 'short', 'mint', 'vote', 'gift card', 'perp', 'perps', 'futures', 'options', 'collateral', 'debt', 'debts', 'a|my|the|aave|flash loan|loans'].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'the amount is too vague to act on; say a number, "all", "half" or a percentage',
    // "send all my tokens to …", "swap everything for ETH": no token is named, so which balance is meant is open.
    patterns: ['my|all|the tokens|coins|assets|holdings|crypto', 'everything for|to|into', 'fair|generous|good|big|large|nice|huge|significant|modest amount|share|sum|chunk', 'a percentage', 'double|triple|twice the', 'money', 'funds', 'cash', 'sum', 'little', 'plenty', 'many', 'more', 'loads', 'load', 'tons', 'heaps', 'modest', 'nominal', 'ish', 'whatever', 'like #', 'like a|an|half',
      // "send up to 5 DAI to bob": a ceiling is no amount to send (an approval's "up to" is read before this).
      'up to #'].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it points at an earlier request, and Lucid keeps none to repeat; say the amount, the token and the recipient',
    patterns: ['again', 'retry', 'resend', 'redo', 'same as', 'the same for'].map(p),
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it offers alternatives; say exactly one',
    patterns: ['# to # *', 'between # and #', 'from # to #', '# , # *', 'any of', 'one of', 'whatever', 'stables', 'stablecoin', 'stablecoins', 'a stable'].map(p),
  },
  ...referenceClues.map(({ code, why, patterns }) => ({ code, why, patterns: patterns.map(p) })),
];

/** Words near a date or time that a failed reading misspelled: "yestrday", "tomorow". */
const timeWords = ['yesterday', 'tomorrow', 'tonight', 'already', 'earlier', 'weekly', 'monthly', 'recurring', 'schedule'];

/**
 * After the productions failed (`error`, `UNPARSEABLE_INTENT`, or an unknown token that is a common word of
 * a clue, "buy the dip"), says why with a specific code when a clue of the rules above shows the words are
 * not a request: the past or someone else, a time, a price, words about words, a vague amount or two
 * readings. Returns the error to throw instead, or undefined to keep `error`. Never makes words parse.
 */
export function explainRefusal(source: string, tokens: readonly Token[], error: { code: string; shortMessage?: string; message: string }): InputError | undefined {
  const unknownToken = error.code === intentErrorCodes.unknownToken ? /unknown token "([^"]+)"/.exec(error.shortMessage ?? error.message)?.[1] : undefined;
  if (error.code !== intentErrorCodes.unparseable && !(unknownToken && unknownToken === unknownToken.toLowerCase())) return undefined;
  const words = tokens.map(wordOf);
  let start = 0;
  while (start < words.length && (openingFiller.has(words[start]!) || tokens[start]!.kind === 'punct' || ['claude', 'please', 'pls'].includes(words[start]!))) start++;
  for (const rule of softRules) {
    for (let i = rule.atStart ? start : 0; i < (rule.atStart ? start + 1 : words.length); i++) {
      const length = matchAny(words, i, rule.patterns);
      if (!length || (rule.atStart && isActionVerb(words[i]!) && !['say', 'type', 'print', 'echo', 'repeat', 'test'].includes(words[i]!))) continue;
      if (rule.notSelf && ['i', 'we', 'you', 'u', 'lucid', 'claude', 'assistant', 'please', 'pls'].includes(words[i]!)) continue;
      // "how are you?": small talk asks nothing of anyone; it stays words the grammar cannot use.
      if (['how', "how's", 'hows'].includes(words[i]!) && ['you', 'u', 'ya', 'things', 'it'].includes(words[i + length] ?? words[i + 1] ?? '')) continue;
      // An unknown token is explained only by a clue that names it.
      if (unknownToken && !words.slice(i, i + length).includes(unknownToken.toLowerCase())) continue;
      const span: Span = { start: tokens[i]!.start, end: tokens[i + length - 1]!.end };
      return refusal(rule.code, source, span, `not done: ${quote(source.slice(span.start, span.end))} — ${rule.why}`, hintsFor(rule.code));
    }
  }
  // "bob's balance", "alice's wallet: send …": someone else's account opens the words.
  const opener = words[start];
  if (opener !== undefined && /^[a-z0-9.]+['’]s$/.test(opener) && !["it's", "that's", "what's", "here's", "let's", "there's", "he's", "she's", "who's", "how's", "where's"].includes(opener.replace('’', "'")))
    return refusal(intentErrorCodes.unsupported, source, tokens[start], `not done: ${quote(tokens[start]!.text)} — it is about someone else's account; say what Lucid should do with yours`, hintsFor(intentErrorCodes.unsupported));
  if (/~\s*\d/.test(source) || /(\d\s*-?|-)ish\b/i.test(source))
    return refusal(intentErrorCodes.ambiguous, source, undefined, 'not done: "~" or "-ish" makes the amount approximate; say the exact number', hintsFor(intentErrorCodes.ambiguous));
  if (unknownToken) return undefined;
  // A template's blank, a repeat count, a question whether it works, a bridged symbol (./refusalCodes.ts).
  const shaped = explainByShape(source, tokens, words);
  if (shaped) return shaped;
  // "swap 1 ETH for DAI/USDC": two tokens offered for one place.
  for (let i = 1; i + 1 < words.length; i++) {
    // "DAI/USDC", "bob.eth / alice.eth": two tokens or two recipients (names of more than a letter: "w/ 1%" is "with").
    const side = (token: Token): boolean => token.kind !== 'punct' && token.kind !== 'number' && token.kind !== 'numberWord' && wordOf(token).length >= 2;
    if (words[i] !== '/' || !side(tokens[i - 1]!) || !side(tokens[i + 1]!)) continue;
    const span: Span = { start: tokens[i - 1]!.start, end: tokens[i + 1]!.end };
    return refusal(intentErrorCodes.ambiguous, source, span, `not done: ${quote(source.slice(span.start, span.end))} — it offers alternatives; say exactly one`, hintsFor(intentErrorCodes.ambiguous));
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.length < 6 || tokens[i]!.kind !== 'word') continue;
    const near = timeWords.find((time) => damerauLevenshtein(word, time) <= (time.length >= 8 ? 2 : 1));
    if (near === undefined) continue;
    return refusal(intentErrorCodes.unsupported, source, tokens[i], `not done: ${quote(tokens[i]!.text)} (${near}?) — it tells of another time than now; say what Lucid should do now`, hintsFor(intentErrorCodes.unsupported));
  }
  return undefined;
}

// ---------------------------------------------------------------- matching

