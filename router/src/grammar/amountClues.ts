/**
 * Clues, read only after the productions found no reading, that say why with the contract's code: amounts worked
 * out from the balance, limits and slippage said in words, references to a step that is not in the sentence, and
 * payments told as done. The frame (./frame.ts, `explainRefusal`) tries these before its other soft rules; like
 * them they never make words parse. Patterns use the frame's syntax: `|` lists alternatives, `#` any number, `*`
 * any word.
 */
import { intentErrorCodes, type IntentErrorCode } from '../../../kernel/core.js';

export type Clue = { code: IntentErrorCode; why: string; patterns: readonly string[] };

const tradeNouns = 'swap|trade|transfer|payment|purchase|sale|conversion|deposit|transaction|tx';

export const amountClues: readonly Clue[] = [
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for the balance less an amount, which Lucid does not work out; say the amount to use',
    // "send all but 5 DAI", "everything except 10 USDC", "all my DAI minus 5"
    patterns: ['all|everything but|except|minus|save|bar #', 'all|everything but|except|minus|save for #', 'all of it but|except|minus #', 'all my|the * but|except|minus #'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks to trade with no limit on the price; Lucid always keeps one (say a slippage like 0.5%)',
    patterns: ['without|no|disable|off|zero slippage protection|limit|limits|check|cap|guard', 'without any slippage protection|limit|check', 'turn|switch off slippage', 'unlimited|infinite|any slippage', 'ignore|ignoring slippage'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it does not say how much slippage; say a percentage, like 0.5%',
    patterns: ['low|lower|lowest|tight|tighter|minimal|minimum|small|little|high|higher|reasonable|safe|normal|usual|default|some|medium slippage|slip', 'not too much slippage'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'the slippage is given twice; say it once',
    patterns: ['# % slippage|slip and|or|, #', 'slippage|slip # % and|or|, #', 'slippage|slip of # % and|or|, #'],
  },
  {
    code: intentErrorCodes.ambiguous,
    why: 'it gives a limit, not an amount; say the amount to use',
    patterns: ['up to #', 'upto #', 'a maximum of #', 'max of #', 'at most #'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it tells of a payment already made; say what Lucid should do now',
    // "carol.eth got 6 DAI from me", "alice got 5 dai, bob got 6 dai"
    patterns: ['got|received #'],
  },
  {
    code: intentErrorCodes.unsupported,
    why: 'it asks for advice about where to trade; name a venue or leave the choice to the competition',
    patterns: ['which dex|exchange|venue|pool|protocol|platform|router|aggregator', 'cheapest'],
  },
];

/** Tried after every other soft rule: "undo my last swap" and "my last swap was …" are told by the rules before. */
export const referenceClues: readonly Clue[] = [
  {
    code: intentErrorCodes.ambiguous,
    why: 'it points at an earlier step that is not in this request; say the amount and the token',
    patterns: ['from before', `my|our|that|the last|latest|previous|recent ${tradeNouns}`],
  },
];
