/**
 * What `lucid parse` loads. Its start script (dist/cli/bundle/start.cjs) evaluates a module when the same import
 * in the module tree tsc built would, so the tree is where this is checked: the parse command runs on
 * dist/cli/src/main.js while a module hook records every file Node loads. The grammar's reading is checked by
 * kernel's zod-free checkIntentList, so neither the intent schemas (kernel/intent.ts, which build a few dozen zod
 * schemas when they load) nor the LLM client nor the corpus tools may load for a reading it vouches for; and the
 * output is what the schema-checked path prints (router/src/grammarCheck.test.ts holds that on the whole tuned
 * corpus). Needs `npm run build:ts` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../src/test-utils/spawn.js';

const main = join(repoRoot, 'dist/cli/src/main.js');
const built = existsSync(main);
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'lucid-parse-path-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Runs `lucid <args>` on the module tree; returns its output and the files of Lucid's that it loaded. */
function runOnTree(args: string[]) {
  const log = join(scratch, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = join(scratch, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`,
  );
  const register = join(scratch, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});`);
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(main).href)}); await main(['node', 'lucid', ...${JSON.stringify(args)}]);`], {
    encoding: 'utf8',
    env: { ...process.env, LUCID_HOME: join(scratch, 'home'), NO_COLOR: '1', NODE_OPTIONS: '' },
  });
  const loaded = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  const lucid = loaded.filter((url) => url.startsWith(pathToFileURL(join(repoRoot, 'dist')).href)).map((url) => url.slice(pathToFileURL(join(repoRoot, 'dist')).href.length + 1));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, lucid, packages: loaded.filter((url) => url.includes('/node_modules/')) };
}

describe.skipIf(!built)('the parse path', () => {
  test('a reading the hand check vouches for loads no intent schema, no LLM client and no corpus tool', () => {
    const run = runOnTree(['parse', '--json', 'swap 1 ETH for USDC then send 50 USDC to alice.eth']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      intents: [
        { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' },
        { action: 'transfer', amount: '50', token: 'USDC', to: 'alice.eth' },
      ],
    });
    // It did run the grammar and the hand check (the hook sees the tree), and nothing of the schema's side.
    expect(run.lucid).toContain('router/src/grammar/readIntents.js');
    expect(run.lucid).toContain('kernel/checkIntentList.js');
    expect(run.lucid.filter((file) => /^kernel\/(intent|index)\.js$|^router\/(index\.js|src\/llm\/|eval\/)|^router\/src\/grammar\/index\.js$/.test(file))).toEqual([]);
    expect(run.packages.filter((url) => /\/node_modules\/(@langchain|openai)\//.test(url))).toEqual([]);
  }, 60_000);

  test('a refusal is the grammar\'s, with its exit code, on the same light path', () => {
    const run = runOnTree(['parse', '--json', 'swap 1 ETH for']);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error.code).toBe('UNPARSEABLE_INTENT');
    expect(run.lucid.filter((file) => /^kernel\/intent\.js$|^router\/src\/llm\//.test(file))).toEqual([]);
  }, 60_000);
});
