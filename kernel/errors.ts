/**
 * One error base for all of Lucid. Every error a user can meet is a {@link LucidError} with a stable
 * `code` (part of the JSON error envelope), a one-line `shortMessage`, optional `hints` (what to do next)
 * and `details`, and a `kind` that decides the exit code (the table below). Anything that is not a
 * LucidError reaching the top level is a bug in Lucid and is reported as such.
 *
 * This file imports nothing, so the CLI may load it on its startup path (`lucid --help`) without the rest
 * of the kernel (zod): it is the kernel's one named entry besides ./index.ts.
 */

/**
 * The one table of exit codes. README documents the same table; change both together.
 *
 * | code | kind     | meaning                                                        |
 * |------|----------|----------------------------------------------------------------|
 * | 0    | —        | success                                                        |
 * | 1    | chain    | failed on chain: reverted in simulation or after sending        |
 * | 2    | input    | bad input: words that do not parse, unknown token, bad address  |
 * | 3    | refused  | refused by policy, by a safety check, or by the user            |
 * | 4    | infra    | infrastructure: RPC, devnet, database, file system              |
 * | 70   | bug      | an internal error in Lucid (please report it)                   |
 */
export type ErrorKind = 'chain' | 'input' | 'refused' | 'infra' | 'bug';

export const exitCodes = {
  ok: 0,
  chain: 1,
  input: 2,
  refused: 3,
  infra: 4,
  bug: 70,
} as const satisfies Record<ErrorKind | 'ok', number>;

export function exitCodeFor(kind: ErrorKind): number {
  return exitCodes[kind];
}

export type LucidErrorParameters = {
  /** What to do about it, one line each. */
  hints?: string[] | undefined;
  /** Extra facts (numbers, addresses) shown under the message. */
  details?: string | undefined;
  cause?: unknown;
};

/** Marks Lucid's errors across copies of this module (see {@link LucidError}'s `instanceof`). */
const lucidErrorBrand = Symbol.for('lucid.error');

export class LucidError extends Error {
  override name = 'LucidError';
  readonly code: string;
  readonly kind: ErrorKind;
  readonly shortMessage: string;
  readonly hints: string[];
  readonly details: string | undefined;

  constructor(kind: ErrorKind, code: string, shortMessage: string, parameters: LucidErrorParameters = {}) {
    const lines = [shortMessage];
    const shown = detailsBeyond(shortMessage, parameters.details);
    if (shown) lines.push('', shown);
    if (parameters.hints?.length) lines.push('', ...parameters.hints.map((hint) => `hint: ${hint}`));
    super(lines.join('\n'), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.kind = kind;
    this.code = code;
    this.shortMessage = shortMessage;
    this.hints = parameters.hints ?? [];
    this.details = parameters.details;
    Object.defineProperty(this, lucidErrorBrand, { value: true });
  }

  get exitCode(): number {
    return exitCodeFor(this.kind);
  }

  /**
   * The details a person reads under the message: every line of `details` except those the short message
   * already says word for word ("the plan does something you did not ask for: <the first effect>" is not
   * followed by the first effect again). The JSON envelope keeps `details` whole.
   */
  get shownDetails(): string | undefined {
    return detailsBeyond(this.shortMessage, this.details);
  }

  /**
   * `instanceof` also holds for an error made by another copy of this module: the CLI runs bundled, while an
   * outside agent imports the SDK's own modules (`lucid/sdk`). Such an error is known by its brand, and is an
   * instance of LucidError and of the one kernel class of its kind, never of the subclasses above them.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[lucidErrorBrand] !== true) return false;
    if (!kernelKinds.has(this)) return false;
    const kind = kernelKinds.get(this);
    return kind === undefined || (value as { kind?: unknown }).kind === kind;
  }

  /** The JSON error envelope printed on stdout with `--json`. */
  toJSON(): { error: { code: string; message: string; hints?: string[]; details?: string } } {
    return {
      error: {
        code: this.code,
        message: this.shortMessage,
        ...(this.hints.length ? { hints: this.hints } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

/** `details` without the lines `shortMessage` already says whole (a line of a dozen characters or more). */
function detailsBeyond(shortMessage: string, details: string | undefined): string | undefined {
  if (!details) return undefined;
  const said = (line: string) => line.trim().length >= 12 && shortMessage.includes(line.trim());
  const lines = details.split('\n').filter((line) => !said(line));
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  return lines.length ? lines.join('\n') : undefined;
}

/** Bad input from the user: words, flags, addresses, amounts. Exit 2. */
export class InputError extends LucidError {
  override name = 'InputError';
  constructor(code: string, shortMessage: string, parameters?: LucidErrorParameters) {
    super('input', code, shortMessage, parameters);
  }
}

/** The plan was refused: by policy, by a safety check, or by the user. Exit 3. */
export class RefusedError extends LucidError {
  override name = 'RefusedError';
  constructor(code: string, shortMessage: string, parameters?: LucidErrorParameters) {
    super('refused', code, shortMessage, parameters);
  }
}

/** Something failed on chain: a revert in simulation or after sending. Exit 1. */
export class ChainError extends LucidError {
  override name = 'ChainError';
  constructor(code: string, shortMessage: string, parameters?: LucidErrorParameters) {
    super('chain', code, shortMessage, parameters);
  }
}

/** Infrastructure: RPC, devnet process, database, file system. Exit 4. */
export class InfraError extends LucidError {
  override name = 'InfraError';
  constructor(code: string, shortMessage: string, parameters?: LucidErrorParameters) {
    super('infra', code, shortMessage, parameters);
  }
}

/** The kernel's error classes and the kind each stands for (LucidError: any). */
const kernelKinds = new Map<unknown, ErrorKind | undefined>([
  [LucidError, undefined],
  [InputError, 'input'],
  [RefusedError, 'refused'],
  [ChainError, 'chain'],
  [InfraError, 'infra'],
]);

/** Walks `cause` links to find the first LucidError, so wrapped library errors keep their meaning. */
export function findLucidError(error: unknown): LucidError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current instanceof LucidError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Why words were not turned into intents (all exit 2). `UNPARSEABLE_INTENT`: no reading at all;
 * `AMBIGUOUS_INTENT`: more than one reading, or an amount too vague to act on ("some", "1 or 2 ETH");
 * `UNSUPPORTED_INTENT`: understood, but not something to execute now (negation, a condition or schedule,
 * a hypothetical, advice, the past or other people, words about words); `UNKNOWN_TOKEN` / `UNKNOWN_CHAIN`:
 * a token or chain Lucid does not know, named in the message.
 */
export const intentErrorCodes = {
  unparseable: 'UNPARSEABLE_INTENT',
  ambiguous: 'AMBIGUOUS_INTENT',
  unsupported: 'UNSUPPORTED_INTENT',
  unknownToken: 'UNKNOWN_TOKEN',
  unknownChain: 'UNKNOWN_CHAIN',
} as const;
export type IntentErrorCode = (typeof intentErrorCodes)[keyof typeof intentErrorCodes];

const urlPattern = /\b(?:https?|wss?):\/\/[^\s"'<>`]+/giu;

/**
 * A URL as it may be shown: scheme, host and port only. RPC URLs carry API keys in the path
 * (`/v3/KEY`), the query (`?apikey=`) or the userinfo (`user:pass@`); any of those becomes `/…`.
 *
 * @example
 * redactUrl('https://mainnet.infura.io/v3/abc123') // 'https://mainnet.infura.io/…'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hasMore = parsed.pathname.length > 1 || parsed.search.length > 0 || parsed.hash.length > 0 || parsed.username || parsed.password;
    return `${parsed.protocol}//${parsed.host}${hasMore ? '/…' : ''}`;
  } catch {
    return '[a URL]';
  }
}

/** `text` with every http(s)/ws(s) URL in it redacted by {@link redactUrl}. */
export function redactUrls(text: string): string {
  // A sentence's own punctuation after a URL ("… at http://host:1.") is not part of it.
  return text.replace(urlPattern, (url) => {
    const tail = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? '';
    return redactUrl(url.slice(0, url.length - tail.length)) + tail;
  });
}
