/**
 * `npm run eval:intents [-- --parser grammar|llm] [--corpus file] [--split tuned|blind] [--show-blind] [--report-only blind]`:
 * scores a parser against every router/corpus/*.jsonl, split into `tuned` (what the grammar was tuned on)
 * and `blind` (blind.jsonl, held out). Prints accuracy per split and per phenomenon, the must-stay refusals
 * apart, one JSON line, and every miss on the tuned split (blind misses only with `--show-blind`, so tuning
 * never sees them). Exits 1 when a split scores below {@link grammarThreshold} or any must-stay refusal
 * parses. Also runs from source: `npx tsx router/eval/evalIntents.ts`.
 */
import { pathToFileURL } from 'node:url';
import { findLucidError, type IntentList } from '../../kernel/index.js';
import { parseWithGrammar } from '../src/grammar/index.js';
import { evaluate, loadCorpora, loadCorpus, splits, type CaseResult, type EvalReport, type IntentParser, type Split } from './corpus.js';

/** Each split must get at least this share right. */
export const grammarThreshold = 0.98;

type ParserName = 'grammar' | 'llm';

export async function main(argv: readonly string[]): Promise<number> {
  const parser = parserFlag(argv);
  const only = flagValue(argv, '--split');
  if (!parser || (only !== undefined && !splits.includes(only as Split))) {
    console.error('usage: evalIntents [--parser grammar|llm] [--corpus file] [--split tuned|blind] [--show-blind] [--report-only blind]');
    return 2;
  }
  const parse = parser === 'grammar' ? (text: string) => parseWithGrammar(text) : await llmParser();
  if (!parse) {
    console.log('llm parser not configured');
    return 0;
  }
  const corpus = flagValue(argv, '--corpus');
  const cases = corpus ? loadCorpus(corpus) : loadCorpora(only ? { splits: [only as Split] } : {});
  const showBlind = argv.includes('--show-blind');
  // `--report-only blind`: print a split's score and say it misses the gate, without failing the run. CI uses it
  // for the blind split while its score is below the gate (issue 18 stays open until it is not).
  const reportOnly = new Set((flagValue(argv, '--report-only') ?? '').split(',').filter(Boolean));
  let failed = false;
  const summary: Record<string, unknown> = { parser };
  for (const split of splits) {
    const part = cases.filter((item) => item.split === split);
    if (!part.length) continue;
    const report = await evaluate(parse, part, { abortOn: (error) => findLucidError(error)?.kind === 'infra' });
    print(split, report, split === 'tuned' || showBlind);
    summary[split] = {
      total: report.total,
      correct: report.correct,
      accuracy: round(report.accuracy),
      mustStay: { total: report.mustStay.total, refused: report.mustStay.refused, parsed: report.mustStay.parsed.length },
      byPhenomenon: Object.fromEntries(Object.entries(report.byPhenomenon).map(([key, entry]) => [key, round(entry.accuracy)])),
    };
    const missesGate = report.mustStay.parsed.length > 0 || (parser === 'grammar' && report.accuracy < grammarThreshold);
    if (missesGate && reportOnly.has(split))
      console.log(`${split} split misses the gate (≥ ${grammarThreshold * 100}%, no must-stay refusal parsed): reported, not enforced`);
    else if (missesGate) failed = true;
  }
  console.log(JSON.stringify(summary));
  return failed ? 1 : 0;
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

const round = (value: number) => Number(value.toFixed(4));
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function print(split: Split, report: EvalReport, showMisses: boolean): void {
  const rows = Object.entries(report.byPhenomenon).sort(([a], [b]) => a.localeCompare(b));
  console.log(`\n${split} split: ${report.correct}/${report.total} = ${pct(report.accuracy)}`);
  console.log(`${'phenomenon'.padEnd(16)} ${'correct'.padStart(9)} ${'accuracy'.padStart(9)}`);
  for (const [key, entry] of rows)
    console.log(`${key.padEnd(16)} ${`${entry.correct}/${entry.total}`.padStart(9)} ${pct(entry.accuracy).padStart(9)}`);
  console.log(`${'total'.padEnd(16)} ${`${report.correct}/${report.total}`.padStart(9)} ${pct(report.accuracy).padStart(9)}`);
  const stay = report.mustStay;
  console.log(`must-stay refusals: ${stay.refused}/${stay.total} refused, ${stay.parsed.length} parsed`);
  if (!showMisses) {
    if (report.misses.length) console.log(`${report.misses.length} misses (not shown; --show-blind shows them)`);
    return;
  }
  for (const miss of stay.parsed) console.log(`  MUST-STAY PARSED ${where(miss)}: ${JSON.stringify(miss.case.text)}`);
  if (report.misses.length) console.log(`misses (${report.misses.length}):`);
  for (const miss of report.misses) {
    const expected =
      'expect' in miss.case
        ? `${JSON.stringify(miss.case.expect)}${miss.case.acceptRefusal ? ' (or a refusal)' : ''}`
        : `error ${miss.case.expectError}`;
    const got = 'error' in miss.got ? `error ${miss.got.error}: ${miss.got.message}` : JSON.stringify(miss.got);
    console.log(`  ${where(miss)} [${miss.phenomenon}]: ${JSON.stringify(miss.case.text)}\n    expected ${expected}\n    got      ${got}`);
  }
}

function where(result: CaseResult): string {
  return `${result.case.file}:${result.case.line}`;
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
