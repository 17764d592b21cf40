/**
 * A list of payments written as records, one payment a record: a JSON array of objects
 * (`[{"to": "alice.eth", "amount": "5", "token": "USDC"}, …]`, also under one key, `{"payments": […]}`),
 * key=value records a line or a ";" / "|" apart ("to=alice.eth amount=5 token=usdc; to=bob.eth …"), a
 * markdown table with a header row ("| to | amount |\n| alice.eth | 5 DAI |"), CSV lines under a header
 * ("address,amount,token\nalice.eth,5,USDC") or without one when every line is name, amount, token, and
 * the columns said once ("recipients: alice, bob; amounts: 5, 6; token: dai", paired in order).
 *
 * Each record is read by the form reader (./form.ts) into the sentence it says, and the sentences are
 * joined with "and", so what a field holds is checked exactly as typed words are: a vague amount, an
 * unknown token, a time field or a bad address in one record refuses the whole list. A record the form
 * reader cannot read refuses the list naming the record (never dropped, never guessed). Words before the
 * records may only be a header ("send these:", "pay this csv:", "Please process the following payments:");
 * words after them are kept, after a full stop, for the sentence grammar to judge.
 */
import { intentErrorCodes } from '../../../kernel/core.js';
import { quote, refusal } from './errors.js';
import { readForm } from './form.js';

export type ReadRecordListReturnType = string | undefined;

/** Words a header before the records may hold. */
const headerWords: ReadonlySet<string> = new Set([
  'send', 'pay', 'transfer', 'execute', 'process', 'make', 'do', 'run', 'handle', 'disburse', 'submit', 'please', 'pls', 'kindly',
  'the', 'these', 'this', 'following', 'below', 'list', 'batch', 'table', 'csv', 'json', 'payments', 'payment', 'payouts', 'payout',
  'transfers', 'transactions', 'records', 'rows', 'data', 'hi', 'hey', 'lucid', 'can', 'you', 'could', 'out', 'carry', 'of', 'all',
]);

/** Column keys a CSV header or table header may use (each must be one the form reader knows). */
const columnKeys: ReadonlySet<string> = new Set([
  'to', 'recipient', 'address', 'wallet', 'beneficiary', 'payee', 'receiver', 'destination', 'dest', 'amount', 'qty', 'quantity', 'value',
  'token', 'asset', 'currency', 'coin', 'memo', 'note', 'reference', 'ref', 'when', 'date', 'time', 'chain', 'network',
]);
/** A column key the form reader spells another way. */
const formKey = (key: string) => (key === 'wallet' ? 'recipient' : key);

/** A name, an amount and a token, comma-separated: a CSV line without a header. */
const bareCsvLine = /^\s*((?:0x[0-9a-fA-F]+)|(?:[a-z0-9-]+\.)+eth)\s*,\s*(\d[\d.]*)\s*,\s*([A-Za-z][A-Za-z0-9]{1,10})\s*$/i;

/**
 * The sentence a list of payment records says, or undefined when `text` is not one.
 * @throws InputError `UNPARSEABLE_INTENT` naming a record that cannot be read; `AMBIGUOUS_INTENT` when
 *   columns said once do not pair one to one; whatever the form reader throws for a record's fields.
 */
export function readRecordList(text: string, isSymbol: (word: string) => boolean): ReadRecordListReturnType {
  if (text.length > 4000) return undefined;
  return readJsonArray(text, isSymbol) ?? readTable(text, isSymbol) ?? readCsv(text, isSymbol) ?? readColumns(text) ?? readKeyValueLines(text, isSymbol);
}

/** Joins what each record says; `records` are [label, form text] pairs. */
function sentences(text: string, records: readonly { label: string; form: string }[], rest: string, isSymbol: (word: string) => boolean): string {
  const said = records.map(({ label, form }) => {
    const read = readForm(form, isSymbol);
    if (!read || read.preview) throw unreadable(text, label);
    return read.text;
  });
  const tail = rest.trim();
  return said.join(' and ') + (tail ? `. ${tail}` : '');
}

function unreadable(text: string, label: string) {
  return refusal(intentErrorCodes.unparseable, text, undefined, `not done: the payment ${quote(label.trim().slice(0, 80))} does not say a recipient, an amount and a token; fix it or leave it out`, [
    'give every record a recipient, an amount and a token, like: [{"to": "alice.eth", "amount": "5", "token": "USDC"}, …]',
  ]);
}

/** True when `words` are only a header ("send these", "Please process the following payments"), or nothing. */
function isHeader(words: string): boolean {
  const list = words.toLowerCase().replace(/[:,.!]/g, ' ').split(/\s+/).filter(Boolean);
  return list.every((word) => headerWords.has(word));
}

/** `[{…}, {…}]`, possibly inside `{"payments": […]}` and after a header. */
function readJsonArray(text: string, isSymbol: (word: string) => boolean): string | undefined {
  const open = text.indexOf('[');
  if (open === -1 || !/^\s*\{/.test(text.slice(open + 1))) return undefined;
  let before = text.slice(0, open);
  // {"payments": [ … ]}: one key around the array.
  const wrapped = /\{\s*"?([A-Za-z_]+)"?\s*:\s*$/.exec(before);
  if (wrapped) before = before.slice(0, wrapped.index) + ' ' + wrapped[1];
  if (!isHeader(before)) return undefined;
  const objects: { label: string; form: string }[] = [];
  let depth = 0;
  let start = -1;
  let i = open + 1;
  let expectComma = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{') {
      if (depth === 0) {
        if (expectComma) throw refusal(intentErrorCodes.unparseable, text, undefined, 'not done: the records are not separated by commas; a list of payments must be read exactly or not at all');
        start = i;
      }
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) {
        const body = text.slice(start, i + 1);
        objects.push({ label: body, form: body.replace(/"([^"\n]{0,80})"/g, '$1') });
        expectComma = true;
      }
    } else if (depth === 0) {
      if (c === ']') break;
      if (c === ',') expectComma = false;
      else if (!/\s/.test(c)) return undefined;
    }
  }
  // One record is a form of its own (./form.ts reads it); an unclosed array is no list.
  if (i >= text.length || objects.length < 2) return undefined;
  let after = text.slice(i + 1);
  if (wrapped) {
    const close = /^\s*\}/.exec(after);
    if (!close) return undefined;
    after = after.slice(close[0].length);
  }
  return sentences(text, objects, after, isSymbol);
}

/** Splits a table or CSV line into its cells. */
const cells = (line: string, sep: string) => line.split(sep).map((cell) => cell.trim());

/** A markdown table: a header row of known keys, an optional rule row, then one payment a row. */
function readTable(text: string, isSymbol: (word: string) => boolean): string | undefined {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => /^\s*\|.*\|\s*$/.test(line));
  if (first === -1 || !isHeader(lines.slice(0, first).join(' '))) return undefined;
  let end = first;
  while (end < lines.length && /^\s*\|/.test(lines[end]!)) end++;
  const rows = lines.slice(first, end).map((line) => cells(line.trim().replace(/^\|/, '').replace(/\|$/, ''), '|'));
  const header = rows[0]!.map((cell) => cell.toLowerCase());
  if (header.length < 2 || !header.every((key) => columnKeys.has(key))) return undefined;
  const body = rows.slice(1).filter((row) => !row.every((cell) => /^:?-{2,}:?$/.test(cell)));
  if (body.length < 1) return undefined;
  const records = body.map((row, n) => {
    const line = lines.slice(first, end).filter((l) => !/^\s*\|(\s*:?-{2,}:?\s*\|)+\s*$/.test(l))[n + 1] ?? '';
    if (row.length !== header.length) throw unreadable(text, line);
    return { label: line, form: header.map((key, k) => `${formKey(key)}: ${row[k]}`).join('; ') };
  });
  return sentences(text, records, lines.slice(end).join('\n'), isSymbol);
}

/** CSV lines: a header of known keys, then rows with as many cells; or every line name, amount, token. */
function readCsv(text: string, isSymbol: (word: string) => boolean): string | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const rows = lines.filter(Boolean);
  if (rows.length < 2) return undefined;
  if (rows.every((row) => bareCsvLine.test(row))) {
    const records = rows.map((row) => {
      const [, name, amount, token] = bareCsvLine.exec(row)!;
      return { label: row, form: `to: ${name}; amount: ${amount}; token: ${token}` };
    });
    return sentences(text, records, '', isSymbol);
  }
  const headerAt = rows.findIndex((row) => /^[a-z_ ]+(?:\s*,\s*[a-z_ ]+)+$/i.test(row));
  if (headerAt === -1 || !isHeader(rows.slice(0, headerAt).join(' '))) return undefined;
  const header = cells(rows[headerAt]!.toLowerCase(), ',');
  if (header.length < 2 || !header.every((key) => columnKeys.has(key))) return undefined;
  const body = rows.slice(headerAt + 1);
  if (body.length < 1 || !body.every((row) => row.includes(','))) return undefined;
  const records = body.map((row) => {
    const values = cells(row, ',');
    if (values.length !== header.length) throw unreadable(text, row);
    return { label: row, form: header.map((key, k) => `${formKey(key)}: ${values[k]}`).join('; ') };
  });
  return sentences(text, records, '', isSymbol);
}

/** Keys of columns said once for every payment. */
const columnFields: ReadonlyMap<string, 'names' | 'amounts' | 'token'> = new Map([
  ...['recipients', 'addresses', 'wallets', 'payees', 'to'].map((k) => [k, 'names'] as const),
  ...['amounts', 'amount', 'values', 'qty', 'quantities'].map((k) => [k, 'amounts'] as const),
  ...['token', 'asset', 'currency'].map((k) => [k, 'token'] as const),
]);

/**
 * "recipients: alice, bob; amounts: 5, 6; token: dai": a column of names and a column of amounts, paired
 * in order. Fields are a line or ";" apart; names and amounts are "," or "and" apart. One amount with
 * "each" goes to every name; one amount without it is left to the sentence grammar ("send 5 DAI to alice
 * and bob", which it refuses as two readings).
 */
function readColumns(text: string): string | undefined {
  const fields = text.split(/\r?\n|;/).map((part) => part.trim()).filter(Boolean);
  if (fields.length < 2 || fields.length > 3) return undefined;
  const by = new Map<string, string>();
  for (const field of fields) {
    const match = /^([a-z]+)\s*[:=]\s*(.+?)\.?$/i.exec(field);
    const role = match && columnFields.get(match[1]!.toLowerCase());
    if (!match || !role || by.has(role)) return undefined;
    by.set(role, match[2]!.trim());
  }
  const names = by.get('names');
  const amounts = by.get('amounts');
  if (!names || !amounts || !/^recipients|^addresses|^wallets|^payees/i.test(fields.find((f) => /^(recipients|addresses|wallets|payees|to)\b/i.test(f)) ?? '')) return undefined;
  const split = (list: string) => list.split(/\s*,\s*(?:and\s+)?|\s+and\s+/i).map((item) => item.trim()).filter(Boolean);
  const nameList = split(names);
  if (nameList.length < 2) return undefined;
  const token = by.get('token');
  const withToken = (amount: string) => (token && !/[a-z]{2,}\s*$/i.test(amount.replace(/\beach\b/i, '').trim()) ? `${amount.replace(/\s*\beach\b/i, '')} ${token}${/\beach\b/i.test(amount) ? ' each' : ''}` : amount);
  const amountList = split(amounts);
  if (amountList.length === 1) return `send ${withToken(amountList[0]!)} to ${nameList.join(' and ')}`;
  if (amountList.length !== nameList.length)
    throw refusal(intentErrorCodes.ambiguous, text, undefined, `not done: ${amountList.length} amounts and ${nameList.length} recipients cannot be paired one to one: give each recipient their own amount`);
  // "5, 6 dai": the token said once, after the last amount, is every amount's.
  const lastToken = /\s([A-Za-z][A-Za-z0-9]*)$/.exec(amountList[amountList.length - 1]!)?.[1];
  return amountList
    .map((amount, n) => {
      const full = /^[\d.,]+[kmb]?$/i.test(amount) && !token && lastToken ? `${amount} ${lastToken}` : withToken(amount);
      return `send ${full} to ${nameList[n]}`;
    })
    .join(' and ');
}

/** key=value records, a line, ";" or "|" apart, each with two fields at least. */
function readKeyValueLines(text: string, isSymbol: (word: string) => boolean): string | undefined {
  if (!text.includes('=')) return undefined;
  const parts = text.split(/\r?\n|;|\s\|\s/).map((part) => part.trim()).filter(Boolean);
  if (parts.length < 2 || !parts.every((part) => (part.match(/\b[a-z_]+\s*=/gi) ?? []).length >= 2)) return undefined;
  // Each record names a recipient; else the parts are one form's fields.
  if (!parts.every((part) => /\b(to|recipient|dest|destination|address|payee|beneficiary)\s*=/i.test(part))) return undefined;
  return sentences(text, parts.map((part) => ({ label: part, form: part.replace(/,\s*(?=[a-z_]+\s*=)/gi, ' ') })), '', isSymbol);
}
