/**
 * Runs the real `lucid` program in-process on argv, with output captured and LUCID_HOME pointed at a temp
 * directory: the same parse → action → top-level error handling as bin/lucid.js, without a child process.
 */
import { buildProgram, reportError } from '../main.js';
import { captureOutput } from '../captureOutput.js';

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * @param argv arguments after `lucid`.
 */
export async function runCli(argv: string[], options: { home: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  const saved = { ...process.env };
  Object.assign(process.env, { LUCID_HOME: options.home, NO_COLOR: '1' }, options.env ?? {});
  for (const [key, value] of Object.entries(options.env ?? {})) if (value === undefined) delete process.env[key];
  const output = captureOutput();
  const program = buildProgram();
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    code = reportError(error, argv.includes('--json'));
  } finally {
    output.release();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  return { code, stdout: output.stdout, stderr: output.stderr };
}
