/**
 * Requests written as a form rather than a sentence: "Beneficiary: bob.eth / Amount: 20 USDC",
 * "action=swap from=ETH to=DAI amount=1", "{action: swap, from: ETH, to: USDC, amount: 0.5}",
 * "Token: DAI; Qty: 5; To: 0x…". Each field is a known key, a ":" / "=" / " - " and a value; fields are
 * separated by new lines, "/", "|", ";", ",", ". " or braces. The fields are read into the one sentence they
 * say ("send 20 USDC to bob.eth"), which the frame and the productions then read like anything typed, so a
 * vague amount, an unknown token or a negation inside a value is refused exactly as in a sentence.
 *
 * Every word is accounted for: a field, a header naming the action ("Transfer request.", "Send"), greeting
 * or thanks. Any other word, a key said twice, or a time, schedule or condition field is not read as a form
 * (the words go to the sentence grammar) or is refused naming the field.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { quote, refusal } from './errors.js';

export type Form = {
  /** The sentence the fields say. */
  text: string;
  /** A mode field asked only to look ("Mode: dry run", "dry_run=true"). */
  preview: boolean;
};

type Role = 'action' | 'recipient' | 'spender' | 'amount' | 'token' | 'from' | 'buy' | 'to' | 'slippage' | 'chain' | 'venue' | 'note' | 'preview' | 'execute' | 'refuse';

/** Keys, lower-case, with the role of their value. Multi-word keys are written with one space. */
const keys: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...['action', 'type', 'op', 'operation', 'intent', 'command'].map((k) => [k, 'action'] as const),
  ...['recipient', 'beneficiary', 'payee', 'receiver', 'destination', 'dest', 'recipient address', 'to address', 'address', 'send to', 'pay to'].map((k) => [k, 'recipient'] as const),
  ...['spender', 'approve for', 'allow'].map((k) => [k, 'spender'] as const),
  ...['amount', 'qty', 'quantity', 'value', 'sum', 'amt', 'size', 'amount in'].map((k) => [k, 'amount'] as const),
  ...['token', 'asset', 'currency', 'coin'].map((k) => [k, 'token'] as const),
  ...['from', 'sell', 'token in', 'input', 'input token', 'pay with', 'from token', 'sell token'].map((k) => [k, 'from'] as const),
  ...['buy', 'token out', 'output', 'output token', 'to token', 'receive', 'get', 'buy token'].map((k) => [k, 'buy'] as const),
  ['to', 'to'],
  ...['slippage', 'max slippage', 'slippage tolerance'].map((k) => [k, 'slippage'] as const),
  ...['chain', 'network'].map((k) => [k, 'chain'] as const),
  ...['protocol', 'venue', 'platform', 'dex'].map((k) => [k, 'venue'] as const),
  ...['memo', 'note', 'purpose', 'reference', 'ref', 'reason', 'description', 'comment'].map((k) => [k, 'note'] as const),
  ...['mode', 'dry run', 'dry_run', 'dryrun', 'dry-run', 'simulate', 'simulation', 'preview'].map((k) => [k, 'preview'] as const),
  ...['execute', 'broadcast', 'sign', 'submit'].map((k) => [k, 'execute'] as const),
  ...['date', 'when', 'time', 'schedule', 'frequency', 'recurrence', 'repeat', 'condition', 'trigger', 'deadline', 'at', 'on date', 'start', 'interval'].map(
    (k) => [k, 'refuse'] as const,
  ),
]);

/** Words a form may hold outside its fields: a header naming the action, a greeting, thanks. */
const headerActions: ReadonlyMap<string, string> = new Map([
  ['send', 'transfer'], ['transfer', 'transfer'], ['payment', 'transfer'], ['pay', 'transfer'], ['swap', 'swap'], ['trade', 'swap'],
  ['exchange', 'swap'], ['approve', 'approve'], ['approval', 'approve'], ['wrap', 'wrap'], ['unwrap', 'unwrap'], ['stake', 'stake'],
]);
const headerFiller: ReadonlySet<string> = new Set([
  'request', 'order', 'details', 'hi', 'hello', 'hey', 'lucid', 'please', 'pls', 'process', 'thanks', 'thank', 'you', 'thx', 'ty', 'kindly',
  'execute', 'new', 'a', 'the', 'following', 'this', 'form', 'ticket', 'instruction', 'instructions',
  // "send_tokens amount=…", "swap tokens(…)": a tool's name says what it moves.
  'tokens', 'token', 'funds', 'coins', 'erc20',
]);

/** Action words a field's value may name, as the verb of the sentence. */
const actionValues: ReadonlyMap<string, string> = new Map([
  ...['transfer', 'send', 'pay', 'payment'].map((k) => [k, 'transfer'] as const),
  ...['swap', 'trade', 'exchange', 'convert', 'sell'].map((k) => [k, 'swap'] as const),
  ...['approve', 'approval', 'allow'].map((k) => [k, 'approve'] as const),
  ...['wrap', 'unwrap', 'stake', 'unstake', 'supply', 'withdraw'].map((k) => [k, k] as const),
]);

const previewValues: ReadonlySet<string> = new Set(['dry run', 'dry-run', 'dryrun', 'true', 'yes', 'y', '1', 'on', 'simulate', 'simulation', 'simulate only', 'preview', 'preview only', 'test', 'quote', 'only look']);
const liveValues: ReadonlySet<string> = new Set(['false', 'no', 'n', '0', 'off', 'live', 'execute']);

// "Key:" / "key =" / "key -" (a dash needs spaces around it), at the start or after a separator.
// A key of two words may be written as one, in camel or snake case ("tokenIn", "token_in").
const keyAlternatives = [...keys.keys()].sort((a, b) => b.length - a.length).map((k) => k.split(' ').map((w) => w.replace(/[-_]/g, '[-_ ]?')).join('[\\s_-]*')).join('|');
const compactKeys: ReadonlyMap<string, Role> = new Map([...keys].map(([k, role]) => [k.replace(/[\s_-]/g, ''), role]));
const fieldStart = new RegExp(`(^|[\\s,;|/{}(\\[*•-])(${keyAlternatives})\\s*(?::|=|\\s-\\s)`, 'giu');

type Field = { key: string; role: Role; value: string; start: number; end: number };

/**
 * Reads `text` as a form, or returns undefined when it is not one (fewer than two fields, or words
 * outside the fields that are not a header or filler).
 * @throws InputError `UNSUPPORTED_INTENT` for a time, schedule or condition field; `AMBIGUOUS_INTENT` for a
 *   key said twice with different values.
 */
export function readForm(text: string, isSymbol: (word: string) => boolean): Form | undefined {
  if (!/[:=]|\s-\s/.test(text)) return undefined;
  const starts: { key: string; at: number; valueAt: number }[] = [];
  fieldStart.lastIndex = 0;
  for (let match = fieldStart.exec(text); match; match = fieldStart.exec(text)) {
    const at = match.index + match[1]!.length;
    starts.push({ key: match[2]!.toLowerCase().replace(/[-_\s]+/g, ' '), at, valueAt: match.index + match[0].length });
    if (fieldStart.lastIndex === match.index) fieldStart.lastIndex++;
  }
  if (starts.length < 2) return undefined;
  const fields: Field[] = [];
  let outside = text.slice(0, starts[0]!.at);
  for (let k = 0; k < starts.length; k++) {
    const { key, valueAt } = starts[k]!;
    const end = k + 1 < starts.length ? starts[k + 1]!.at : text.length;
    const raw = text.slice(valueAt, end);
    // A value runs to the next field; separators and a closing brace around it are not part of it.
    const value = raw.replace(/^[\s]+/, '').replace(/[\s,;|/{}\]*•—–-]+$/, '').replace(/\.$/, '').trim();
    const role = keys.get(key) ?? keys.get(key.replace(/ /g, '_')) ?? keys.get(key.replace(/ /g, '')) ?? compactKeys.get(key.replace(/ /g, ''));
    if (!role) return undefined;
    if (!value) return undefined;
    fields.push({ key, role, value, start: starts[k]!.at, end });
  }
  // The last value may carry a trailer ("Amount: 5 DAI\nThanks!"): a new line ends a value.
  const last = fields[fields.length - 1]!;
  const newline = last.value.search(/[\r\n]|\.\s|[!?]/);
  if (newline !== -1) {
    outside += ' ' + last.value.slice(newline);
    last.value = last.value.slice(0, newline).trim();
  }
  let headerAction: string | undefined;
  for (const word of outside.toLowerCase().split(/[^a-z]+/).filter(Boolean)) {
    const action = headerActions.get(word);
    if (action) headerAction ??= action;
    else if (!headerFiller.has(word)) return undefined;
  }
  return build(text, fields, headerAction, isSymbol);
}

function build(text: string, fields: readonly Field[], headerAction: string | undefined, isSymbol: (word: string) => boolean): Form | undefined {
  const by = new Map<Role, Field>();
  for (const field of fields) {
    if (field.role === 'refuse')
      throw refusal(intentErrorCodes.unsupported, text, field, `not done: ${quote(text.slice(field.start, field.end).trim())} — a time, schedule or condition; Lucid acts now, once, on a plain request`, [
        'leave the field out to act now, like: Recipient: bob.eth / Amount: 20 USDC',
      ]);
    const seen = by.get(field.role);
    if (seen && seen.value.toLowerCase() !== field.value.toLowerCase())
      throw refusal(intentErrorCodes.ambiguous, text, field, `not done: ${quote(seen.key)} is given twice (${quote(seen.value)} and ${quote(field.value)}); say exactly one`, [
        'give each field once',
      ]);
    by.set(field.role, field);
  }
  const get = (role: Role) => by.get(role)?.value;
  let preview = false;
  const mode = get('preview')?.toLowerCase();
  if (mode !== undefined) {
    if (previewValues.has(mode)) preview = true;
    else if (!liveValues.has(mode)) return undefined;
  }
  const execute = get('execute')?.toLowerCase();
  if (execute !== undefined) {
    if (liveValues.has(execute) && execute !== 'execute') preview = true;
    else if (!['true', 'yes', 'y', '1', 'now'].includes(execute))
      throw refusal(intentErrorCodes.unsupported, text, by.get('execute')!, `not done: ${quote(by.get('execute')!.key)} is ${quote(execute)}; say yes to act, or "dry run" to only look`);
  }
  const named = get('action')?.toLowerCase();
  let action = named === undefined ? headerAction : actionValues.get(named);
  // "action: bridge": a verb the form does not know is said as the sentence's verb with every field, so the
  // sentence grammar refuses it by name ("bridge" is outside what Lucid does, "yeet" an unknown action).
  const unknownVerb = named !== undefined && action === undefined;
  if (unknownVerb) {
    if (!/^[a-z]+$/.test(named)) return undefined;
    action = named;
  }
  const recipient = get('recipient');
  const from = get('from');
  const buy = get('buy');
  const spender = get('spender');
  let to = get('to');
  action ??= spender ? 'approve' : from || buy ? 'swap' : recipient || to ? 'transfer' : undefined;
  if (!action) return undefined;
  // "to" is the token bought in a swap and the recipient of anything else.
  let tokenOut = buy;
  let payee = recipient;
  if (to !== undefined) {
    if (action === 'swap') {
      if (tokenOut !== undefined) return undefined;
      tokenOut = to;
    } else if (action === 'approve' && !spender) {
      payee = to;
    } else {
      if (payee !== undefined && payee.toLowerCase() !== to.toLowerCase())
        throw refusal(intentErrorCodes.ambiguous, text, by.get('to')!, `not done: two recipients (${quote(payee)} and ${quote(to)}); say exactly one`);
      payee = to;
    }
    to = undefined;
  }
  const amount = get('amount') ?? '';
  const amountToken = /\s([A-Za-z][\w.]*)$/.exec(amount)?.[1];
  const token = action === 'swap' ? from ?? get('token') : get('token') ?? from;
  let amountText = amount;
  if (token !== undefined) {
    if (amountToken !== undefined && isSymbol(amountToken.toLowerCase()) && amountToken.toLowerCase() !== token.toLowerCase())
      throw refusal(intentErrorCodes.ambiguous, text, by.get('amount')!, `not done: the amount names ${quote(amountToken)} but the token field says ${quote(token)}; say exactly one`);
    if (amountToken === undefined || !isSymbol(amountToken.toLowerCase())) amountText = `${amount} ${token}`.trim();
  }
  const parts: string[] = [];
  switch (action) {
    case 'transfer':
      parts.push('send', amountText);
      if (payee !== undefined) parts.push('to', payee);
      break;
    case 'swap':
      parts.push('swap', amountText);
      if (tokenOut !== undefined) parts.push('for', tokenOut);
      break;
    case 'approve': {
      const who = spender ?? payee;
      if (who !== undefined) parts.push('approve', who, 'to spend', amountText);
      else parts.push('approve', amountText);
      break;
    }
    default:
      parts.push(action, amountText);
      if ((payee !== undefined || tokenOut !== undefined) && !unknownVerb) return undefined;
      if (payee !== undefined) parts.push('to', payee);
      if (tokenOut !== undefined) parts.push('for', tokenOut);
  }
  const slippage = get('slippage');
  if (slippage !== undefined) parts.push('with', /%|bps|percent/.test(slippage) ? slippage : `${slippage}%`, 'slippage');
  const venue = get('venue');
  if (venue !== undefined) parts.push('on', venue);
  const chain = get('chain');
  if (chain !== undefined) parts.push('on', chain);
  const note = get('note');
  if (note !== undefined) parts.push(`(${note.replace(/[()]/g, ' ')})`);
  return { text: parts.filter(Boolean).join(' '), preview };
}
