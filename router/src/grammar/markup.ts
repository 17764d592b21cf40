/**
 * The wrapping other tools put around a request, taken off before the words are read: a chat command's slash
 * ("/pay 10 USDC bob.eth"), markdown emphasis, block quotes and headings ("**Send** 5 USDC", "> swap …",
 * "## Task"), a numbered list starting on the first line ("1. wrap 1 eth\n2. swap …"), the speaker of a chat
 * log ("User: send …"), a letter's greeting line and signature ("Dear Lucid,\n…\nBest regards,\nMark"), JSON's
 * quotes around keys and values ({"action": "swap", …}) and a tool call's parentheses
 * ("swap(amount=1, from=ETH, to=USDC)", "send_tokens amount=0.1 …").
 *
 * Only marks are taken off, never words that could change what is asked: a heading becomes a label ("Task:"),
 * which the parser skips only when it knows the word and refuses by name otherwise; code blocks and inline
 * code are left as they are (a quoted command is words about words, refused by the frame); an assistant's
 * line in a chat log is left as it is (refused as a role the text tries to speak in).
 */

export type ReadMarkupReturnType = string;

// "/pay …", "/balance": a chat command's slash before its verb.
const slashCommand = /^(\s*)\/(?=[A-Za-z])/;
// "**send**", "__swap 1 eth__": emphasis around words, never across lines.
const strong = /(\*\*|__)(?=\S)([^*_\n]{1,200}?)(?<=\S)\1/g;
// "> send 2 dai to alice": a quoted block's mark at a line start (an arrow "->" is not at a line start).
const blockQuote = /^([ \t]*)>[ \t]+/gm;
// "## Task": a heading, read as a label before a colon.
const heading = /^[ \t]*#{1,6}[ \t]+([^\n#:]{1,40}?)[ \t]*:?[ \t]*(?:\r?\n|$)/gm;
// "1. wrap 1 eth" on the first line, when the next lines go on numbering: the tokenizer takes the marks of the others.
const firstNumbered = /^\s*1[.)][ \t]+(?=[A-Za-z])/;
const laterNumbered = /\n[ \t]*2[.)][ \t]+\S/;
// "User: send …", "Human: …": who speaks in a chat log, at the start.
// Round 9: the same role said in square brackets, as chat logs write it: "[user] send …", "[User]: send …".
const speaker = /^\s*(?:\[(?:user|human|customer|client)\][ \t]*:?|(?:user|human|customer|client)[ \t]*:)[ \t]*/i;
// "Dear Lucid,\n", "Hello,\n\n": a greeting on a line of its own joins the sentence after it.
const greetingLine = /^(\s*(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening))\b[^\n]{0,30}?[,!.]?)[ \t]*(?:\r?\n)+/i;
// "\nBest regards,\nMark": a letter's closing and the name under it.
const signOff =
  /(?:\r?\n)+[ \t]*(?:(?:best|kind|warm|warmest|many)[ \t]+(?:regards|wishes|thanks)|regards|sincerely|yours[ \t]+(?:sincerely|truly|faithfully)|cheers|thanks|thank[ \t]+you|best)[ \t]*[,.!]?(?:[ \t]*(?:\r?\n)+[ \t]*[A-Z][A-Za-z.'-]{0,30}(?:[ \t]+[A-Z][A-Za-z.'-]{0,30})?)?[ \t]*$/i;
// {"action": "swap", "amount": "1"}: quotes around a key before ":" or "=", and around the value after it.
const quotedKey = /"([A-Za-z][\w -]{0,30})"(?=\s*[:=])/g;
const quotedValue = /([:=]\s*)"([^"\n]{0,80})"/g;
// "swap(amount=1, from=ETH)", "transfer(to: bob.eth, …);": a tool call, its name and its arguments.
const toolCall = /^\s*([A-Za-z][A-Za-z_]{1,40})\s*\(([^()]*[:=][^()]*)\)\s*;?\s*$/;
// "send_tokens", "swap_exact_tokens": a function's name in snake case, read as words.
const snakeName = /^\s*([a-z]+(?:_[a-z0-9]+)+)(?=\s+\w+\s*[:=])/i;

/**
 * Takes the wrapping marks off `text` (see the module comment); returns `text` itself when it has none.
 *
 * @example
 * readMarkup('/pay 10 USDC bob.eth') // 'pay 10 USDC bob.eth'
 * readMarkup('{"action": "swap", "amount": "1", "from": "ETH", "to": "DAI"}') // '{action: swap, amount: 1, from: ETH, to: DAI}'
 */
export function readMarkup(text: string): ReadMarkupReturnType {
  if (text.length > 2000) return text;
  let out = text;
  out = out.replace(slashCommand, '$1');
  if (out.includes('**') || out.includes('__')) out = out.replace(strong, '$2');
  if (out.includes('>')) out = out.replace(blockQuote, '$1');
  // A heading with nothing after it is the message itself ("# swap 1 eth for dai"): only its marks go.
  if (out.includes('#'))
    out = out.replace(heading, (whole: string, title: string, at: number, all: string) => (all.slice(at + whole.length).trim() ? `${title}: ` : title));
  if (firstNumbered.test(out) && laterNumbered.test(out)) out = out.replace(firstNumbered, '');
  out = out.replace(speaker, '');
  out = out.replace(greetingLine, '$1 ');
  out = out.replace(signOff, '');
  // JSON: only when two keys at least are quoted, so a quoted command ("Example: \"send …\"") keeps its quotes.
  if ((out.match(quotedKey) ?? []).length >= 2) out = out.replace(quotedKey, '$1').replace(quotedValue, '$1$2');
  const call = toolCall.exec(out);
  if (call) out = `${call[1]!.replace(/_/g, ' ')} ${call[2]!.trim().replace(quotedValue, '$1$2')}`;
  out = out.replace(snakeName, (name: string) => name.replace(/_/g, ' '));
  return out;
}
