/**
 * Terminal conventions (clig.dev): data on stdout, messages on stderr; colour only when the stream is a
 * TTY and NO_COLOR is unset. Everything the CLI prints goes through here so the rules hold everywhere.
 */
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

export function paint(text: string, color: Color, stream: { isTTY?: boolean } = streams.stderr): string {
  return colorEnabled(stream) ? `\u001b[${codes[color]}m${text}\u001b[0m` : text;
}

/** Data for the user or a script: stdout. */
export function writeData(text: string): void {
  streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** One JSON document on stdout; bigints become decimal strings. */
export function writeJson(value: unknown): void {
  streams.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
}

export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Messages, progress and prompts: stderr. */
export function say(text: string): void {
  streams.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
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
