import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from '../src/grammar/index.js';
import { evaluate, loadCorpora } from './corpus.js';
import { grammarThreshold, main } from './evalIntents.js';

describe('intent corpus, tuned split', () => {
  // The blind split is measured by `npm run eval:intents` in CI, never here, so tuning never sees its misses.
  const cases = loadCorpora({ splits: ['tuned'] });

  test('has at least 1,000 lines, covering every action and must-fail lines', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const actions = new Set(cases.flatMap((item) => ('expect' in item ? item.expect.intents.map((intent) => intent.action) : [])));
    expect([...actions].sort()).toEqual([
      'approve', 'balance', 'claim', 'revoke', 'stake', 'supply', 'swap', 'transfer', 'unstake', 'unwrap', 'withdraw', 'wrap',
    ]);
    const mustFail = cases.filter((item) => 'expectError' in item).length / cases.length;
    expect(mustFail).toBeGreaterThan(0.1);
  });

  test(`grammar accuracy ≥ ${grammarThreshold * 100}%`, async () => {
    const report = await evaluate((text) => parseWithGrammar(text), cases);
    const misses = report.misses.map((miss) => `${miss.case.file}:${miss.case.line}: ${miss.case.text}`);
    expect(report.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(grammarThreshold);
  });

  test('no must-stay refusal parses', async () => {
    const report = await evaluate((text) => parseWithGrammar(text), cases);
    expect(report.mustStay.parsed.map((miss) => miss.case.text)).toEqual([]);
  });

  test('behavior: a parser that refuses everything scores only the must-fail lines', async () => {
    const report = await evaluate(() => {
      throw new Error('no');
    }, cases);
    expect(report.accuracy).toBeLessThan(grammarThreshold);
    expect(report.byBucket['error']?.accuracy).toBe(0);
  });
});

describe('evalIntents command', () => {
  test('rejects an unknown --parser or --split', async () => {
    expect(await main(['--parser', 'regex'])).toBe(2);
    expect(await main(['--split', 'held-out'])).toBe(2);
  });
  test('exits 0 at or above the threshold and 1 below it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lucid-eval-'));
    try {
      const good = join(dir, 'good.jsonl');
      const bad = join(dir, 'bad.jsonl');
      const line = (text: string, amount: string) =>
        JSON.stringify({ text, expect: { intents: [{ action: 'wrap', amount, token: 'ETH' }] } });
      writeFileSync(good, `${line('wrap 1 eth', '1')}\n`);
      writeFileSync(bad, `${line('wrap 1 eth', '2')}\n`);
      expect(await main(['--corpus', good])).toBe(0);
      expect(await main([`--corpus=${bad}`])).toBe(1);
      // A must-stay refusal that parses fails the run even when accuracy is above the threshold.
      const many = Array.from({ length: 60 }, () => line('wrap 1 eth', '1'));
      const leak = join(dir, 'leak.jsonl');
      writeFileSync(leak, `${[...many, JSON.stringify({ text: 'wrap 1 eth', expectError: 'UNSUPPORTED_INTENT' })].join('\n')}\n`);
      expect(await main(['--corpus', leak])).toBe(1);
      // A refusal is accepted only where the line says so.
      const lenient = join(dir, 'lenient.jsonl');
      const refused = { text: 'hello there', expect: { intents: [{ action: 'wrap', amount: '1', token: 'ETH' }] } };
      writeFileSync(lenient, `${JSON.stringify({ ...refused, acceptRefusal: true })}\n`);
      expect(await main(['--corpus', lenient])).toBe(0);
      writeFileSync(lenient, `${JSON.stringify(refused)}\n`);
      expect(await main(['--corpus', lenient])).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
