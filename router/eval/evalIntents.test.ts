import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseWithGrammar } from '../src/grammar/index.js';
import { evaluate, loadCorpus } from './corpus.js';
import { grammarThreshold, main } from './evalIntents.js';

describe('intent corpus', () => {
  const cases = loadCorpus();

  test('has at least 300 lines, covering every action and must-fail lines', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const actions = new Set(cases.flatMap((item) => ('expect' in item ? item.expect.intents.map((intent) => intent.action) : [])));
    expect([...actions].sort()).toEqual(['approve', 'balance', 'claim', 'revoke', 'stake', 'swap', 'transfer', 'unstake', 'unwrap', 'wrap']);
    const mustFail = cases.filter((item) => 'expectError' in item).length / cases.length;
    expect(mustFail).toBeGreaterThan(0.1);
  });

  test(`grammar accuracy ≥ ${grammarThreshold * 100}%`, async () => {
    const report = await evaluate((text) => parseWithGrammar(text), cases);
    const misses = report.misses.map((miss) => `line ${miss.case.line}: ${miss.case.text}`);
    expect(report.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(grammarThreshold);
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
  test('rejects an unknown --parser', async () => {
    expect(await main(['--parser', 'regex'])).toBe(2);
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
