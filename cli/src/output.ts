/**
 * Terminal conventions (clig.dev): data on stdout, messages on stderr; colour only when the stream is a
 * TTY and NO_COLOR is unset. Everything the CLI prints goes through here so the rules hold everywhere.
 */
import { redactUrls } from '../../kernel/errors.js';

export type Streams = { stdout: NodeJS.WritableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream & { isTTY?: boolean } };

const defaultStreams: Streams = { stdout: process.stdout, stderr: process.stderr };
let streams: Streams = defaultStreams;

/** Tests redirect output to buffers. */
export function setStreams(next: Streams | undefined): void {
  streams = next ?? defaultStreams;
}

export function colorEnabled(stream: { isTTY?: boolean } = streams.stderr): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

const codes = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof codes;

/**
 * Colours are marked, not written: `paint` wraps text in private-use marks that only the writers below turn
 * into escape sequences, after every control character from elsewhere has been made visible. So the only
 * escape sequences that reach the terminal are Lucid's own colours.
 */
export function paint(text: string, color: Color, stream: { isTTY?: boolean } = streams.stderr): string {
  return colorEnabled(stream) ? `${markOpen}${codes[color]}${markClose}${text}${markOpen}0${markClose}` : text;
}

const markOpen = '\ue000';
const markClose = '\ue001';
const allowedCodes = new Set(['0', ...Object.values(codes).map(String)]);
const markPattern = /\ue000(\d{1,2})\ue001/g;

/** Text for the terminal: outside control/bidi characters made visible, then Lucid's colour marks applied. */
export function forTerminal(text: string): string {
  return neutralize(text).replace(markPattern, (mark, code: string) => (allowedCodes.has(code) ? `\u001b[${code}m` : ''));
}

/**
 * Control and bidirectional-override characters become visible `\u{…}` text: C0/C1 controls except
 * newline (ESC, BEL, CSI…), U+061C, U+200E/F, U+202A–202E, U+2066–2069. An agent, RPC, token contract or
 * LLM cannot clear the screen, move the cursor, forge a line or reorder what the user reads.
 */
export function neutralize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

/** {@link neutralize} on every string inside a JSON-able value (keys included). */
export function neutralizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return neutralize(value);
  if (Array.isArray(value)) return value.map(neutralizeDeep);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [neutralize(key), neutralizeDeep(child)]));
  return value;
}

/** Data for the user or a script: stdout. */
export function writeData(text: string): void {
  const safe = forTerminal(text);
  streams.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

/** One JSON document on stdout; bigints become decimal strings; control and bidi characters are made visible. */
export function writeJson(value: unknown): void {
  streams.stdout.write(`${JSON.stringify(neutralizeDeep(JSON.parse(JSON.stringify(value, jsonReplacer) ?? 'null')), undefined, 2)}\n`);
}

export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Messages, progress and prompts: stderr. */
export function say(text: string): void {
  const safe = forTerminal(text);
  streams.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

/** An error's text as it may be shown anywhere: URLs cut to their host (they may hold keys), controls made visible. */
export function errorText(text: string): string {
  return neutralize(redactUrls(text));
}

/**
 * Removes terminal control sequences and other control characters from text that came from outside
 * (token symbols, agent metadata, revert strings): they are attacker-controlled and must not be able to
 * rewrite what the user sees.
 */
export function sanitize(text: string, maxLength = 200): string {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}
