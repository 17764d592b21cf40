/**
 * Refusals that must carry the contract's code (router/corpus/README.md, "Refusal codes"), in shapes other people
 * write them: advice asked with the subject first ("you sure I should …", "your take on …"), hedges around a bare
 * command ("… i think", "probably …"), self-corrections after a hesitation ("…, err carol"),
 * the past opened by a time phrase or a label ("In the past I …", "Previously: …"), messages relayed ("Forwarding
 * from alice: …", "<bob> …"), words about words with a verb the grammar does not know ("write the intent for …",
 * "turn this into a transaction: …"), templates ("<amount>", "[recipient]", "$AMOUNT", "x DAI"), questions whether a
 * request would work, repeat counts ("x3", "3 times over") and bridged symbols ("USDC.e").
 *
 * Three parts, each read where the frame reads its own (./frame.ts):
 * - `refusalCodeRules`: refused wherever they stand, before the productions (they could otherwise parse);
 * - `refusalCodeClues`: asked only after the productions failed, and only change the code of that refusal;
 * - `explainByShape`: after a failed reading, shapes a phrase pattern cannot say (a placeholder in brackets, a
 *   repeat count glued to its "x", a yes/no question whose last word asks whether it works).
 * None of them makes words parse. Patterns use the frame's syntax: `|` alternatives, `#` any number, `*` any word.
 */
import { intentErrorCodes, knownSymbols, type InputError } from '../../../kernel/core.js';
import type { Clue } from './amountClues.js';
import { quote, refusal } from './errors.js';
import type { Token } from './tokenize.js';

const symbols = [...new Set(knownSymbols().map((symbol) => symbol.toLowerCase()).concat(['ether']))].join('|');
const units = 'minutes|hours|days|weeks|months|years|mins|hrs';
const hesitations = 'err|erm|er|uh|uhh|um|umm|uhm|hmm';
const undecided = 'it is not decided (a hedge, a thought, a joke); say plainly what Lucid should do now';
const advice = 'it asks for advice; Lucid carries out requests and does not judge them';
const others = 'it tells of the past or of what someone else wants; say what Lucid should do now';
const aboutWords = 'these are words about a request (a template, a rewrite, a format), not a request to act on';
const schedule = 'it asks for a time or a schedule; Lucid acts now, once';
const imagined = 'it imagines a case; Lucid acts now, on a plain request (ask for a quote to only look)';
const alternatives = 'it corrects itself or offers alternatives, so two requests are on the table; say the one meant, once';

/** Refused wherever they stand: without them these words parse (or get a weaker code from an earlier rule). */
export const refusalCodeRules: readonly Clue[] = [
  {
    code: intentErrorCodes.ambiguous,
    why: alternatives,
    // "send 5 DAI to bob, err carol", "…, uh, carol", "… to bob erm carol.eth", "… bob sorry i mean 7".
    patterns: [`, ${hesitations}`, `to * ${hesitations}`, `# * ${hesitations}`, 'sorry i|i’d mean|meant', 'wait actually', 'but wait', 'actually make it|that'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: undecided,
    // "probably swap …", "possibly stake 2 ETH", "kinda want to swap …". ("… i guess" stays filler, as retired-blind-3.jsonl:64 reads it.)
    patterns: ['probably', 'possibly', 'presumably', 'kinda|sorta want|wanna|like|feel', 'kind|sort of want|wanna|feel like'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: advice,
    // "u sure i should swap 2 ETH?", "are you sure I should stake …": asking for a judgement of the request.
    patterns: ['u|you|ya|yu sure', 'r|are u|you|ya sure', 'you’re|youre|you\'re sure'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: others,
    // "a few weeks back I sent …", "a couple of days ago …": the past, before "a few" is read as a vague amount.
    patterns: [`a|# few|couple ${units} back|ago|earlier`, `a couple of ${units} back|ago|earlier`, `# ${units} back`],
  },
  {
    code: intentErrorCodes.unsupported,
    why: schedule,
    // "send 5 DAI to bob, 3 times over", "… twice over", "… 3 times in a row".
    patterns: ['# times over', 'times over', 'twice|thrice over', '# times in a row', 'in a row'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it passes on what someone else wrote; say what Lucid should do now',
    // "Note from bob - send 5 DAI to bob.eth": someone else's message, not a note of the user's own.
    patterns: ['note|message|text|email|e-mail|mail|dm|request|instructions|instruction|memo from * -|:|—|–|,'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: aboutWords,
    // "turn this into a transaction: send …", "convert this to JSON: …": "this" points at the words after the colon.
    patterns: ['turn|convert|transform|change|make this|that into|to * :', 'turn|convert|transform|change|make this|that into|to * * :'],
  },
];

/** Asked only after the productions failed; `atStart` clues must open the sentence (after greetings). */
export const refusalCodeClues: readonly (Clue & { atStart?: boolean })[] = [
  {
    code: intentErrorCodes.unsupported,
    why: advice,
    // "I'd love your take on swapping …", "your view on supplying …", "is 1 ETH too much to send", "is 0.5% ok for …".
    patterns: [
      'your|ur|yr take|view|views|input|opinion|thoughts|feedback|verdict|read on|about|:', 'take|view|input on', 'too much|little|many|few|high|low|risky|early|late',
      'ok|okay|fine|enough|good|alright for a|an|the|my', 'prudent|advisable|sensible|recommended|wise', 'y / n', 'yes or no', 'i should',
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: undecided,
    // "send 5 DAI to bob i think", "I reckon swap …", "send 5 DAI to bob maybe".
    patterns: ['i|we think|reckon|believe', 'not sure', 'maybe|perhaps|mayb'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: others,
    atStart: true,
    // "Forwarding from alice: …", "fwd: …", "Quoting bob: …", "<bob> send …" (a chat log's speaker), "In the past I …",
    // "Previously: …", "Last month's payment: …", "a while back I …", "In 2023 I staked …", "I promised bob 5 DAI".
    patterns: [
      'forwarding|forwarded|fwd|fw|relaying|relayed|quoting|passing|reposting', '< * >', 'in the past|beginning', 'previously|formerly|historically|once|originally',
      "last|previous|yesterday's|yesterdays * 's|’s", "last|previous|yesterday's|yesterdays|today's|todays|this|that * 's|’s|'s", 'last|previous month’s|month\'s|week’s|week\'s|year’s|year\'s|night’s|night\'s',
      'a|some while|time back|ago', 'back in|then|when', 'in # , i|we', 'in # i|we', 'i|we promised|pledged|owed|committed|offered|lent|loaned|gifted|donated',
      '* just|also|then wrote|texted|messaged|emailed|sent|dmed|said|asked',
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: others,
    // "my frend want that i send him 5 USDC", "Payment to bob of 5 DAI was made.", "bob has been waiting for his 5 DAI".
    patterns: [
      'want|wants|wanted that i|we|you', 'was|were|been made|sent|done|completed|paid|transferred|executed|processed|settled|swapped|received',
      'has|have|had been waiting|asking|expecting|begging|hoping|chasing',
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: others,
    atStart: true,
    // "Dave requested: send …", "Per dave: …", "Via alice: …", "Bob (via text): …", "From: …", "Receipt: 5 DAI to bob.eth".
    patterns: ['* requested|asked|said|instructed|says|asks|requests|wants|needs :', 'per|via|cc|attn * :', '* ( via|from|by', 'from :', 'receipt|receipts|confirmation|log|logs|history|ledger :'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: schedule,
    atStart: true,
    // "Queue a transfer of 5 DAI to bob", "Plan a swap of …": for later, not now.
    patterns: ['queue|enqueue|plan|pencil a|an|the'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: schedule,
    // "send 5 DAI to bob within the hour" ("in 5" alone may end a name: "the wallet ending in 1234").
    patterns: ['within the|an|a|#|24|one'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: aboutWords,
    atStart: true,
    // "write the intent for …", "Generate a test intent: …", "compose an intent that …", "list the fields in: …".
    patterns: ['write|wrte|rite|generate|compose|create|draft|produce|construct|list|label|extract|tag|annotate|classify|rewrite|rephrase|template|templates|spell'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: aboutWords,
    // "is send spelled right in: …", "give me 3 ways to say …", "convert to calldata: …", "wrte the comand for …".
    patterns: [
      'spelled|spelt|spelling|typo|typos', 'ways to say|write|phrase|put', 'to say', 'calldata|abi|bytecode|hex', 'intent|intents for|that|to|:|like', 'comand|commmand|cmd',
      'template|templates|placeholder|placeholders', `x|n|tbd|tba|xx|xxx|nn|amt|amount ${symbols}`, 'field|fields',
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it says what not to do; say only what should happen',
    // "swap without using any ETH", "swap 1 ETH to anything except DAI", "dnt send …".
    patterns: ['without using|any|a|the|touching', 'anything|everything|whatever except|but|besides|other', 'dnt|dun|donot|dontt'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'the amount is too vague to act on; say a number, "all", "half" or a percentage',
    // "a sliver of my USDC", "a sizable amount of ETH", "abit of ETH".
    patterns: ['sliver|smidgen|smattering|abit|sizable|sizeable|hefty|substantial|considerable|bit of'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: alternatives,
    // "send 5 DAI (6?) to bob", "…, correction 6 DAI".
    patterns: ['( # ? )', '( # ?', 'correction|corrected|amended'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it could be a share of one unit or of the whole balance; say the amount ("0.75 ETH") or the share ("75% of my ETH")',
    // "send three quarters ETH to bob", "two thirds DAI": like "half ETH" (router/corpus/README.md, round 8).
    patterns: [`# quarters|quarter|thirds|third|fifths|fifth|tenths|tenth ${symbols}`],
  },
];

/** The last word of a yes/no question whether a request would go through: "would sending 5 DAI to bob work?". */
const worksWords: ReadonlySet<string> = new Set(['work', 'works', 'succeed', 'succeeds', 'fail', 'fails', 'revert', 'reverts', 'pass', 'bounce', 'through']);
const questionOpeners: ReadonlySet<string> = new Set(['would', 'will', 'could', 'can', 'does', 'do', 'wud', 'wld', 'might', 'is']);

/**
 * After a failed reading: shapes the phrase patterns cannot say. `words` are the tokens as the frame matches them
 * (lower-case, "#" for numbers). Returns the refusal to throw instead, or undefined.
 */
export function explainByShape(source: string, tokens: readonly Token[], words: readonly string[]): InputError | undefined {
  // "send <amount> USDC to <address>", "send [amount] DAI", "{amount}", "$AMOUNT": a template's blank, not a value.
  const blank = /[<[{(]\s*(?:amount|amt|qty|quantity|value|recipient|address|addr|to|token|symbol|name|x|n)\s*[>\]})]|\$[A-Z][A-Z_]{2,}\b|\{\{?\s*\w+\s*\}?\}/.exec(source);
  if (blank) return refusal(intentErrorCodes.unsupported, source, { start: blank.index, end: blank.index + blank[0].length }, `not done: ${quote(blank[0])} is a blank to fill in — ${aboutWords}`);
  // "send 5 DAI to bob x3", "… 3x", "… ×2": a repeat count.
  const count = /(?:^|\s)(?:[x×]\s?[1-9]\d*|[1-9]\d*\s?[x×])(?=$|[\s,.!?)])/i.exec(source);
  if (count) return refusal(intentErrorCodes.unsupported, source, { start: count.index, end: count.index + count[0].length }, `not done: ${quote(count[0].trim())} — ${schedule}`);
  // "swap 1 ETH for DAI|USDC": two tokens offered for one place.
  const pipe = /[\p{L}\d]\s*\|\s*[\p{L}]/u.exec(source);
  if (pipe) return refusal(intentErrorCodes.ambiguous, source, { start: pipe.index, end: pipe.index + pipe[0].length }, `not done: ${quote(pipe[0])} — it offers alternatives; say exactly one`);
  // "swap 1 ETH for USDC.e": a bridged token's symbol, which no token list here has.
  const bridged = /(?:^|[\s(])([a-z]{2,8}\.e)(?=$|[\s,.!?)])/i.exec(source);
  if (bridged) {
    const start = bridged.index + bridged[0].length - bridged[1]!.length;
    return refusal(intentErrorCodes.unknownToken, source, { start, end: start + bridged[1]!.length }, `unknown token ${quote(bridged[1]!)}: it is not in the token list of this chain`);
  }
  // "<bob> send 5 DAI to bob.eth": a chat log's speaker, someone else's words ("<system>" is refused by the frame).
  const speaker = /^\s*<([\p{L}\d_.-]+)>(?=\s+\p{L})/u.exec(source);
  if (speaker) return refusal(intentErrorCodes.unsupported, source, { start: speaker.index, end: speaker.index + speaker[0].length }, `not done: ${quote(speaker[0].trim())} — it passes on what someone else wrote; say what Lucid should do now`);
  // "would sending 5 DAI to bob work?", "will staking 2 ETH fail": whether it would go through is a case imagined.
  const content = words.filter((word) => /[\p{L}#]/u.test(word));
  if (content.length >= 3 && questionOpeners.has(content[0]!) && worksWords.has(content[content.length - 1]!)) {
    const last = [...tokens].reverse().find((token) => /[\p{L}]/u.test(token.text));
    return refusal(intentErrorCodes.unsupported, source, last, `not done: ${quote(last?.text ?? '')} — ${imagined}`);
  }
  return undefined;
}
