/**
 * The intent corpus (router/corpus/intents.jsonl) and how a parser is scored against it. Shared by the
 * eval command (./evalIntents.ts), its vitest gate, and the parse benchmark.
 *
 * Each line is `{"text": …, "expect": {"intents": […]}}` (must parse to exactly that) or
 * `{"text": …, "expectError": "UNPARSEABLE_INTENT"}` (must be refused with that code).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { findLucidError, intentListSchema, type IntentList } from '../../kernel/index.js';

export const corpusCaseSchema = z.union([
  z.object({ text: z.string(), expect: intentListSchema }).strict(),
  z.object({ text: z.string(), expectError: z.string().min(1) }).strict(),
]);
export type CorpusCase = z.infer<typeof corpusCaseSchema> & { line: number };

/** A parser under test: sync (grammar) or async (LLM). */
export type IntentParser = (text: string) => IntentList | Promise<IntentList>;

export type CaseResult = {
  case: CorpusCase;
  /** The bucket it is counted in: its action, "multi" for several steps, "error" for must-fail lines. */
  bucket: string;
  ok: boolean;
  got: IntentList | { error: string; message: string };
};

export type EvalReport = {
  total: number;
  correct: number;
  accuracy: number;
  byBucket: Record<string, { total: number; correct: number; accuracy: number }>;
  misses: CaseResult[];
};

/** Path of the corpus, found from this file both in the source tree and in dist/. */
export function corpusPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'router', 'corpus', 'intents.jsonl');
    if (existsSync(candidate)) return candidate;
    const sibling = join(dir, 'corpus', 'intents.jsonl');
    if (existsSync(sibling) && dir.endsWith('router')) return sibling;
    dir = dirname(dir);
  }
  throw new Error('router/corpus/intents.jsonl not found above ' + fileURLToPath(import.meta.url));
}

/** Reads and validates every line; a malformed line is an error naming its line number. */
export function loadCorpus(path: string = corpusPath()): CorpusCase[] {
  const cases: CorpusCase[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      const parsed = corpusCaseSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
      cases.push({ ...parsed.data, line: index + 1 });
    });
  return cases;
}

/** Runs `parse` over every case and scores it: exact intents for must-parse lines, the error code for must-fail. */
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
    const ok = 'expect' in item ? !('error' in got) && sameIntents(got, item.expect) : 'error' in got && got.error === item.expectError;
    results.push({ case: item, bucket: bucketOf(item), ok, got });
  }
  const byBucket: EvalReport['byBucket'] = {};
  for (const result of results) {
    const entry = (byBucket[result.bucket] ??= { total: 0, correct: 0, accuracy: 0 });
    entry.total++;
    if (result.ok) entry.correct++;
  }
  for (const entry of Object.values(byBucket)) entry.accuracy = entry.correct / entry.total;
  const correct = results.filter((result) => result.ok).length;
  return {
    total: results.length,
    correct,
    accuracy: results.length ? correct / results.length : 0,
    byBucket,
    misses: results.filter((result) => !result.ok),
  };
}

/** Same steps, same fields and values; key order does not matter. */
export function sameIntents(a: IntentList, b: IntentList): boolean {
  return a.intents.length === b.intents.length && a.intents.every((intent, index) => sameRecord(intent, b.intents[index]!));
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => a[key] !== undefined || b[key] !== undefined));
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

function bucketOf(item: CorpusCase): string {
  if (!('expect' in item)) return 'error';
  return item.expect.intents.length > 1 ? 'multi' : item.expect.intents[0]!.action;
}
