/**
 * More ways to ask only to look, read by the frame beside its own only-look phrases (same pattern syntax:
 * words separated by spaces, `|` between alternatives). Each says the step is to be shown, not carried out:
 * "… but don't execute yet", "…, dont actually send", "get a quote to swap …", "i want see quote for …".
 * A look followed by a later command is still refused by the frame's look-then-act rules.
 */
export const showOnlyPhrases: readonly string[] = [
  // "swap 1 eth for usdc but don't execute yet": not yet is not at all, for this request.
  "but don't|dont execute|sign|send|submit|broadcast|do it|this|that yet",
  'but do not execute|sign|send|submit|broadcast|do it|this|that yet',
  "don't|dont execute|sign|send|submit|broadcast|do it|this|that yet",
  'do not execute|sign|send|submit|broadcast|do it|this|that yet',
  "but don't|dont execute|sign|send|submit|broadcast yet",
  "don't|dont execute|sign|send|submit|broadcast yet",
  'do not execute|sign|send|submit|broadcast yet',
  // "…, dont actually send", "but don't actually sign it".
  "but don't|dont actually send|sign|execute|submit|broadcast|do it|them|anything",
  "but don't|dont actually send|sign|execute|submit|broadcast|do",
  "don't|dont actually send|sign|execute|submit|broadcast|do it|them|anything",
  "don't|dont actually send|sign|execute|submit|broadcast|do",
  'do not actually send|sign|execute|submit|broadcast|do it|them|anything',
  'do not actually send|sign|execute|submit|broadcast|do',
  // "Get a quote to swap 1 ETH for USDC": the quote's step said as an infinitive.
  'get|give|want|need|provide|request me a|the quote|quotation|estimate to',
  'get|give|want|need|provide|request a|the quote|quotation|estimate to',
  // "how much gas to send 5 DAI to bob", "how much will it cost to swap …": the cost of a step, shown.
  'how much gas|fee|fees would|will|does it cost|take to|for',
  'how much gas|fee|fees to|for',
  'how much would|will|does it cost me to',
  'how much would|will|does it cost to',
  "what's|whats|what the price impact of|for",
  'what is|would be the price impact of|for',
  // "i want see quote for 2 eth in dai": the non-native form of "I want to see a quote for".
  'i want|wanna see|get quote|price|rate for|on|of',
  'i want|wanna see|get a|the quote|price|rate for|on|of',
  // Round 9: "…; do not broadcast the transaction", "don't submit this tx": the step's own transaction, not sent.
  'do not sign|send|execute|broadcast|submit the|this|that|my tx|transaction|trade|swap|transfer',
  "don't|dont sign|send|execute|broadcast|submit this|that|my tx|transaction|trade|swap|transfer",
  // "what rate would I get swapping 1 ETH for USDC": the rate of the step said after it, as a gerund.
  // The gerund is taken with the look; the verbless rest ("1 ETH for USDC") is the swap. "… get for 2 ETH to USDC" is read as before.
  'what rate|price|quote would|will|do|can i|we get swapping|selling|trading|converting|exchanging',
  // "(dry_run=true)", "simulate: yes", "preview = 1": a tool's flag for looking, set.
  'dry_run|dry-run|dryrun|simulate|simulation|preview|sim|dry_run_only|simulate_only = true|yes|1|on',
  'dry_run|dry-run|dryrun|simulate|simulation|preview|sim|dry_run_only|simulate_only : true|yes|1|on',
];
