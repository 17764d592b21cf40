/**
 * The intent corpora (router/corpus/*.jsonl) and how a parser is scored against them. Shared by the eval
 * command (./evalIntents.ts), its vitest gate, and the parse benchmark. The format is documented in
 * router/corpus/README.md.
 *
 * Each line is `{"text": …, "expect": {"intents": […], "preview"?, "notes"?}}` (must parse to exactly that)
 * or `{"text": …, "expectError": "UNSUPPORTED_INTENT"}` (must be refused with that code), optionally with a
 * `phenomenon`, a `style`, and `acceptRefusal: true` (a refusal is as good as the expected reading).
 *
 * Files form splits: `blind.jsonl` and `blind-N.jsonl` are the held-out `blind` split; every other file is `tuned`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { findLucidError, intentListSchema, type IntentList } from '../../kernel/index.js';

const caseMeta = {
  text: z.string(),
  phenomenon: z.string().min(1).optional(),
  style: z.string().min(1).optional(),
};

export const corpusCaseSchema = z.union([
  z.object({ ...caseMeta, expect: intentListSchema, acceptRefusal: z.literal(true).optional() }).strict(),
  z.object({ ...caseMeta, expectError: z.string().min(1) }).strict(),
]);

export type Split = 'tuned' | 'blind';
export const splits: readonly Split[] = ['tuned', 'blind'];

export type CorpusCase = z.infer<typeof corpusCaseSchema> & { line: number; file: string; split: Split };

/** A parser under test: sync (grammar) or async (LLM). */
export type IntentParser = (text: string) => IntentList | Promise<IntentList>;

export type CaseResult = {
  case: CorpusCase;
  /** The action it is counted under: its action, "multi" for several steps, "error" for must-fail lines. */
  bucket: string;
  /** Its phenomenon, or the bucket when the line names none (the original corpus). */
  phenomenon: string;
  ok: boolean;
  got: IntentList | { error: string; message: string };
};

export type Tally = { total: number; correct: number; accuracy: number };

export type EvalReport = Tally & {
  byBucket: Record<string, Tally>;
  byPhenomenon: Record<string, Tally>;
  /** Cases that must be refused (`expectError`): how many were refused at all, and which parsed. */
  mustStay: { total: number; refused: number; parsed: CaseResult[] };
  misses: CaseResult[];
};

/** The corpus directory, found from this file both in the source tree and in dist/. */
export function corpusDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'router', 'corpus');
    if (existsSync(join(candidate, 'intents.jsonl'))) return candidate;
    const sibling = join(dir, 'corpus');
    if (existsSync(join(sibling, 'intents.jsonl')) && dir.endsWith('router')) return sibling;
    dir = dirname(dir);
  }
  throw new Error('router/corpus/intents.jsonl not found above ' + fileURLToPath(import.meta.url));
}

/** Path of the original corpus (router/corpus/intents.jsonl). */
export function corpusPath(): string {
  return join(corpusDir(), 'intents.jsonl');
}

/** The split a corpus file belongs to: `blind.jsonl` and `blind-N.jsonl` are held out, everything else is tuned on. */
export function splitOf(path: string): Split {
  return /^blind(?:-\d+)?\.jsonl$/.test(basename(path)) ? 'blind' : 'tuned';
}

/** Reads and validates every line of one file; a malformed line is an error naming its line number. */
export function loadCorpus(path: string = corpusPath()): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const file = basename(path);
  const split = splitOf(path);
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new Error(`${path}:${index + 1}: not JSON`);
      }
      const parsed = corpusCaseSchema.safeParse(json);
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
      cases.push({ ...parsed.data, line: index + 1, file, split });
    });
  return cases;
}

/** Every `*.jsonl` in the corpus directory (or only those of the given splits), in file-name order. */
export function loadCorpora(options: { dir?: string; splits?: readonly Split[] } = {}): CorpusCase[] {
  const dir = options.dir ?? corpusDir();
  const wanted = options.splits ?? splits;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl') && wanted.includes(splitOf(name)))
    .sort()
    .flatMap((name) => loadCorpus(join(dir, name)));
}

/** Runs `parse` over every case and scores it (see {@link scoreCase}). */
export async function evaluate(
  parse: IntentParser,
  cases: readonly CorpusCase[],
  options: { abortOn?: (error: unknown) => boolean } = {},
): Promise<EvalReport> {
  const results: CaseResult[] = [];
  for (const item of cases) {
    let got: CaseResult['got'];
    try {
      got = await parse(item.text);
    } catch (error) {
      // Infrastructure failures (model unreachable) say nothing about the parser: stop instead of scoring them.
      if (options.abortOn?.(error)) throw error;
      const lucid = findLucidError(error);
      got = { error: lucid?.code ?? 'CRASH', message: lucid?.shortMessage ?? String(error) };
    }
    const bucket = bucketOf(item);
    results.push({ case: item, bucket, phenomenon: item.phenomenon ?? bucket, ok: scoreCase(item, got), got });
  }
  return summarize(results);
}

/**
 * Whether a result is right: a must-parse line parses to the same intents, the same `preview`, and (when
 * the line expects notes) the same notes, compared loosely; with `acceptRefusal` a refusal also counts.
 * A must-fail line is refused with exactly its code. A crash (not a Lucid error) is never right.
 */
export function scoreCase(item: CorpusCase, got: CaseResult['got']): boolean {
  if ('expectError' in item) return 'error' in got && got.error === item.expectError;
  if ('error' in got) return item.acceptRefusal === true && got.error !== 'CRASH';
  if (!sameIntents(got, item.expect)) return false;
  if ((got.preview ?? false) !== (item.expect.preview ?? false)) return false;
  if (item.expect.notes && !sameNotes(got.notes ?? [], item.expect.notes)) return false;
  return true;
}

/** Same steps, same fields and values; key order does not matter. */
export function sameIntents(a: IntentList, b: IntentList): boolean {
  return a.intents.length === b.intents.length && a.intents.every((intent, index) => sameRecord(intent, b.intents[index]!));
}

/** The same set of notes, ignoring case, punctuation and spacing. */
export function sameNotes(a: readonly string[], b: readonly string[]): boolean {
  const norm = (notes: readonly string[]) => [...new Set(notes.map(looseText).filter(Boolean))].sort().join('\n');
  return norm(a) === norm(b);
}

function looseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => a[key] !== undefined || b[key] !== undefined));
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

function summarize(results: readonly CaseResult[]): EvalReport {
  const byBucket: Record<string, Tally> = {};
  const byPhenomenon: Record<string, Tally> = {};
  for (const result of results) {
    for (const [table, key] of [
      [byBucket, result.bucket],
      [byPhenomenon, result.phenomenon],
    ] as const) {
      const entry = (table[key] ??= { total: 0, correct: 0, accuracy: 0 });
      entry.total++;
      if (result.ok) entry.correct++;
    }
  }
  for (const entry of [...Object.values(byBucket), ...Object.values(byPhenomenon)]) entry.accuracy = entry.correct / entry.total;
  const correct = results.filter((result) => result.ok).length;
  const mustFail = results.filter((result) => 'expectError' in result.case);
  return {
    total: results.length,
    correct,
    accuracy: results.length ? correct / results.length : 0,
    byBucket,
    byPhenomenon,
    mustStay: {
      total: mustFail.length,
      refused: mustFail.filter((result) => 'error' in result.got).length,
      parsed: mustFail.filter((result) => !('error' in result.got)),
    },
    misses: results.filter((result) => !result.ok),
  };
}

function bucketOf(item: CorpusCase): string {
  if (!('expect' in item)) return 'error';
  return item.expect.intents.length > 1 ? 'multi' : item.expect.intents[0]!.action;
}
