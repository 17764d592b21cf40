/**
 * `lucid agent test <dir>`: runs a builder's tests with Node's own test runner, `.ts` loaded by the tsx that
 * ships with Lucid, so the builder's folder needs nothing installed (the tests import `lucid/sdk/testing`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InfraError, InputError } from '../../kernel/index.js';

export type RunAgentTestsParameters = {
  /** The agent's folder, one of its files (its folder's tests run), or one test file. */
  path: string;
  /** Receives the runner's output (its report on stdout, and stderr) as it comes. */
  onOutput?: ((chunk: string, stream: 'stdout' | 'stderr') => void) | undefined;
  /** Stop the run after this long (default 10 minutes). */
  timeoutMs?: number | undefined;
};
export type RunAgentTestsReturnType = { dir: string; files: string[]; passed: boolean; exitCode: number | null };
export type RunAgentTestsErrorType = InputError | InfraError;

const testFile = /\.test\.(?:[cm]?ts|[cm]?js)$/;

/**
 * @returns which files ran and whether every test passed; a failing test is `passed: false`, not a throw.
 * @throws InputError `AGENT_NOT_FOUND` (no such path), `NO_AGENT_TESTS` (no `*.test.ts` in the folder).
 * @throws InfraError `AGENT_TESTS_TIMEOUT`, `AGENT_TESTS_FAILED_TO_START`.
 *
 * @example
 * const { passed } = await runAgentTests({ path: './tip-jar', onOutput: (chunk) => process.stdout.write(chunk) })
 */
export async function runAgentTests({ path, onOutput, timeoutMs = 600_000 }: RunAgentTestsParameters): Promise<RunAgentTestsReturnType> {
  const target = resolve(path);
  if (!existsSync(target)) throw new InputError('AGENT_NOT_FOUND', `no agent folder or file at ${target}`);
  const single = statSync(target).isFile() && testFile.test(target);
  const dir = statSync(target).isDirectory() ? target : dirname(target);
  const files = single ? [target] : findTestFiles(dir);
  if (files.length === 0)
    throw new InputError('NO_AGENT_TESTS', `no test files (*.test.ts) in ${dir}`, {
      hints: ['`lucid agent init <name>` writes an agent.test.ts to start from'],
    });

  // tsx's loader from Lucid's own dependencies: resolved here, not from the builder's folder.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, '--test', '--test-reporter=spec', ...files], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => onOutput?.(chunk, 'stdout'));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => onOutput?.(chunk, 'stderr'));
  const exitCode = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new InfraError('AGENT_TESTS_TIMEOUT', `the tests in ${dir} ran longer than ${Math.round(timeoutMs / 1000)} s and were stopped`));
    }, timeoutMs);
    child.once('error', (cause) => {
      clearTimeout(timer);
      fail(new InfraError('AGENT_TESTS_FAILED_TO_START', `cannot start the test runner: ${cause.message}`, { cause }));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
  return { dir, files: files.map((file) => (single ? basename(file) : file.slice(dir.length + 1))), passed: exitCode === 0, exitCode };
}

/** `*.test.ts` (and .js) files under `dir`, sorted, skipping node_modules and dot folders. */
function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.isFile() && testFile.test(entry.name)) found.push(full);
  }
  return found.sort();
}
