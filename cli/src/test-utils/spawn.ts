/** Runs lucid as a real child process (no terminal: stdin is a pipe, the child gets its own session). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type SpawnResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

/**
 * @param entry 'bin': the built bin/lucid.js (needs `npm run build:ts`); 'dev': cli/src/test-utils/lucid-dev.ts via tsx.
 */
export function spawnLucid(
  argv: string[],
  options: { home: string; env?: Record<string, string | undefined>; input?: string | undefined; entry?: 'bin' | 'dev'; timeoutMs?: number; devNull?: boolean },
): Promise<SpawnResult> {
  const entry = options.entry ?? 'dev';
  const command = entry === 'bin' ? [process.execPath, 'bin/lucid.js'] : [process.execPath, '--import', 'tsx', 'cli/src/test-utils/lucid-dev.ts'];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LUCID_HOME: options.home, NO_COLOR: '1', ...options.env }))
    if (value !== undefined) env[key] = value;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // detached: a new session without a controlling terminal, so nothing can prompt on /dev/tty.
    // devNull: stdin is /dev/null ('ignore'), as in `lucid < /dev/null`.
    const child = spawn(command[0]!, [...command.slice(1), ...argv], { cwd: repoRoot, env, detached: true, stdio: [options.devNull ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
    if (child.stdin) child.stdin.end(options.input);
  });
}
