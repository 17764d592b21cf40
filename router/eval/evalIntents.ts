/**
 * `npm run eval:intents [-- --parser grammar|llm] [--corpus file]`: scores a parser against router/corpus/intents.jsonl,
 * prints accuracy per action as a table, one JSON line, and every miss. Exits 1 when the grammar scores
 * below {@link grammarThreshold}. Also runs from source: `npx tsx router/eval/evalIntents.ts`.
 */
import { pathToFileURL } from 'node:url';
import { findLucidError, type IntentList } from '../../kernel/index.js';
import { parseWithGrammar } from '../src/grammar/index.js';
import { evaluate, loadCorpus, type EvalReport, type IntentParser } from './corpus.js';

/** The grammar must get at least this share of the corpus right. */
export const grammarThreshold = 0.98;

type ParserName = 'grammar' | 'llm';

export async function main(argv: readonly string[]): Promise<number> {
  const parser = parserFlag(argv);
  if (!parser) {
    console.error('usage: evalIntents [--parser grammar|llm]');
    return 2;
  }
  const parse = parser === 'grammar' ? (text: string) => parseWithGrammar(text) : await llmParser();
  if (!parse) {
    console.log('llm parser not configured');
    return 0;
  }
  const corpus = flagValue(argv, '--corpus');
  const cases = loadCorpus(corpus);
  const report = await evaluate(parse, cases, { abortOn: (error) => findLucidError(error)?.kind === 'infra' });
  print(parser, report);
  return parser === 'grammar' && report.accuracy < grammarThreshold ? 1 : 0;
}

function parserFlag(argv: readonly string[]): ParserName | undefined {
  const value = flagValue(argv, '--parser') ?? 'grammar';
  return value === 'grammar' || value === 'llm' ? value : undefined;
}

/** `--name value` or `--name=value`. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  return argv[index]!.includes('=') ? argv[index]!.slice(name.length + 1) : argv[index + 1];
}

/**
 * The LLM parser is another module (router/src/llm) and needs a configured model; when either is missing
 * the eval says so and skips instead of failing.
 */
async function llmParser(): Promise<IntentParser | undefined> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../src/llm/index.js')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const parseWithLlm = mod['parseWithLlm'];
  if (typeof parseWithLlm !== 'function') return undefined;
  let config: unknown;
  for (const name of ['llmConfigFromEnv', 'loadLlmConfig', 'resolveLlmConfig', 'readLlmConfig']) {
    const loader = mod[name];
    if (typeof loader === 'function') {
      try {
        config = await (loader as (env?: NodeJS.ProcessEnv) => unknown)(process.env);
      } catch {
        return undefined;
      }
      if (config === undefined || config === null) return undefined;
      break;
    }
  }
  return (text: string) => (parseWithLlm as (text: string, config: unknown) => Promise<IntentList>)(text, config);
}

function print(parser: ParserName, report: EvalReport): void {
  const rows = Object.entries(report.byBucket).sort(([a], [b]) => a.localeCompare(b));
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(`intent eval: ${parser} parser, ${report.total} cases`);
  console.log(`${'action'.padEnd(10)} ${'correct'.padStart(9)} ${'accuracy'.padStart(9)}`);
  for (const [bucket, entry] of rows)
    console.log(`${bucket.padEnd(10)} ${`${entry.correct}/${entry.total}`.padStart(9)} ${pct(entry.accuracy).padStart(9)}`);
  console.log(`${'total'.padEnd(10)} ${`${report.correct}/${report.total}`.padStart(9)} ${pct(report.accuracy).padStart(9)}`);
  console.log(
    JSON.stringify({
      parser,
      total: report.total,
      correct: report.correct,
      accuracy: Number(report.accuracy.toFixed(4)),
      byAction: Object.fromEntries(rows.map(([bucket, entry]) => [bucket, Number(entry.accuracy.toFixed(4))])),
    }),
  );
  if (report.misses.length) console.log(`misses (${report.misses.length}):`);
  for (const miss of report.misses) {
    const expected = 'expect' in miss.case ? JSON.stringify(miss.case.expect.intents) : `error ${miss.case.expectError}`;
    const got = 'error' in miss.got ? `error ${miss.got.error}: ${miss.got.message}` : JSON.stringify(miss.got.intents);
    console.log(`  line ${miss.case.line}: ${JSON.stringify(miss.case.text)}\n    expected ${expected}\n    got      ${got}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const lucid = findLucidError(error);
      console.error(lucid ? `${lucid.code}: ${lucid.shortMessage}` : error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
