/**
 * Clues read after the productions found no reading, that give the contract's code to words that were
 * refused as merely unparseable: limits said after the amount or with a comparison ("2 ETH max", "less than 2 ETH"),
 * vague amounts ("his share", "everything I have", "tens of"), the balance less something unnamed ("all my ETH
 * except gas"), a memory or someone else's decision ("I remember sending …", "my team decided to …"), words about
 * words ("reply with the json for …", "the word swap"), a wait before acting, and a "skip" or a trailing "no".
 * Like the frame's other soft rules (./frame.ts, `explainRefusal`) they never make words parse. Patterns use the
 * frame's syntax: `|` alternatives, `#` any number, `*` any word.
 */
import { intentErrorCodes, knownSymbols } from '../../../kernel/core.js';
import type { Clue } from './amountClues.js';

const symbols = [...new Set(knownSymbols().map((symbol) => symbol.toLowerCase()).concat(['ether']))].join('|');
const limit = 'it gives a limit, not an amount; say the amount to use';
const vague = 'the amount is too vague to act on; say a number, "all", "half" or a percentage';

/** Advice asked in chat shorthand, read by the frame wherever it stands ("wdyt, swap 1 ETH for DAI?"). */
export const adviceShorthand: readonly string[] = ['wdyt', 'wdyth', 'thoughts ?', 'yay or nay', 'good or bad', 'smart or', 'or nah', 'should you|u'];

/**
 * Asking whether a request is written right, or to work on its wording, read by the frame wherever it stands: words
 * about words ("is this right: send …", "does this look correct?", "draft: …", "make this sound better: …").
 */
export const wordsAboutWordsShorthand: readonly string[] = [
  'is|was this|that right|correct|valid|ok|okay|proper|accurate|fine', 'does|do this|that look|sound right|correct|ok|okay|good|fine', 'draft|comment|comments :',
  'make this|it sound', 'document this|it',
];

/** A request marked as done ("done: swap …", "… - done", "… (done)"): a report, read by the frame wherever it stands. */
export const doneMarkers: readonly string[] = ['done|completed|finished :', '- done|completed|finished', '( done|completed|finished )'];

/** "… (again)": a repeat set off in brackets is still a repeat, never a note. */
export const repeatMarkers: readonly string[] = ['( again|resend|repeat )', '- again', ', again'];

export const refusalClues: readonly (Clue & { atStart?: boolean })[] = [
  {
    code: intentErrorCodes.ambiguous,
    why: limit,
    // "send 2 ETH max", "2 ETH at most", "less than 2 ETH", "min 2 ETH", "under 2 ETH".
    patterns: [
      '# * max|maximum|tops|minimum|min', '# * at most|least', '# * or less|more|fewer|under|over|below|above|lower|higher', 'less|fewer than #',
      'no|not more|less|fewer than #', '>|<|≥|≤|>=|<= #', '> = #', '< = #', 'at least #', 'a minimum of #', 'min|minimum #', `under|below # ${symbols}`,
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for the balance less an amount, which Lucid does not work out; say the amount to use',
    // "send all my ETH except gas", "everything but the dust".
    patterns: ['all my * except|minus|leaving|keeping|save|bar|but', 'everything except|minus|leaving|keeping|save|bar|but', 'all * except|minus|leaving|keeping'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: vague,
    // "his share", "the amount we agreed", "everything I have", "tens of USDC", "send max to bob" (which token?).
    patterns: [
      'his|her|their share|cut|portion', 'the amount|sum|figure|price we|you|i|he|she|they agreed|discussed|said|mentioned|talked',
      'what we|you agreed|discussed', 'everything|all i|we have|own|hold|got to|for|into', 'tens|dozens|hundreds|thousands|millions of', 'remaining|leftover|left-over', 'the last of', 'random', "whatever's|whatevers", 'max|maximum|all to|for|into',
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of the past or of what someone else wants; say what Lucid should do now',
    atStart: true,
    // "I remember sending 5 DAI to bob", "my team decided to stake 2 ETH".
    patterns: [
      'i|we remember|recall|remembered|recalled|recollect|forgot|noticed|saw',
      'my|our|the|his|her|their * decided|chose|voted|proposed|suggested|suggests|recommended|recommends|demands|demanded|prefers|expects|expected|requests|required|requires',
    ],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'these are words about a request (a format, a word, a reply), not a request to carry out',
    // "reply with the json for …", "convert to json: …", "the word swap in …".
    patterns: ['reply|respond|answer with|in', 'json|yaml|xml|csv|regex|markdown|html|sql', 'the word|words|phrase|term|sentence|string|verb|noun|keyword'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for a time or a schedule; Lucid acts now, once',
    // "wait 5 minutes then send …", "wait until …".
    patterns: ['wait|pause|sleep|hold # *', 'wait|pause|sleep until|till|for|a|an'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for a time or a schedule; Lucid acts now, once',
    // "send 5 DAI to bob today", "… by eod", "… shortly", "… from time to time".
    patterns: ['shortly', 'eod|eow|eom|cob|l8r|tmrw|tmr', 'by|before end of day|week|month|business', 'from time to time'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it depends on a price or a condition; Lucid acts now, at the market (ask for a quote to only look)',
    patterns: ['at the top|bottom|peak|high|low'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of a plan, not a request; say what Lucid should do now',
    atStart: true,
    // "I'll send 5 DAI to bob", "I'm going to swap …", "I plan to swap …": the speaker's own plan, told.
    patterns: ["i'll|i’ll|ill|we'll|we’ll", "i'm|im|i’m|we're|we’re going|gonna|planning|about", 'i|we plan|intend|planned|intended to', 'i|we am|are|was|were going|planning|about'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it passes on what someone else wrote; say what Lucid should do now',
    atStart: true,
    // "alice wrote: send …", "message from bob: …", "from bob: …".
    patterns: ['* wrote|writes|texted|messaged|emailed|forwarded|dmed|sent', 'message|text|email|mail|note|dm|request from', 'from * :'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it offers alternatives; say exactly one',
    // "…, alternatively alice.eth".
    patterns: ['alternatively|alternately'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it points at an earlier request, and Lucid keeps none to repeat; say the amount, the token and the recipient',
    patterns: ['another #', 'like always|usual'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it says what not to do; say only what should happen',
    // "skip sending 5 DAI to bob", "send 5 DAI to bob? no."
    patterns: ['skip|abort|scrap', '?|.|! no|nope|nah|not'],
  },
];
