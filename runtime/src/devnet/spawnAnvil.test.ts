/**
 * The devnet outlives the command that started it, so whatever it inherits stays readable in
 * /proc/<pid>/environ: it must get the environment it needs to run and none of the caller's secrets.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { devnetPaths } from './paths.js';
import { startDevnet } from './startDevnet.js';
import { stopDevnet } from './stopDevnet.js';
import { ensureCachedWorld } from './testing.js';

const home = mkdtempSync(join(tmpdir(), 'lucid-child-env-'));
afterAll(async () => {
  await stopDevnet({ home, timeoutMs: 5_000 }).catch(() => {});
  rmSync(home, { recursive: true, force: true });
});

const secrets = {
  LUCID_PASSWORD: 'hunter2-password-value',
  OPENAI_API_KEY: 'sk-test-openai-key-value',
  ALCHEMY_TOKEN: 'alchemy-token-value',
  MY_SECRET: 'my-secret-value',
  LUCID_RPC_URL: 'https://rpc.example/v3/rpc-key-value',
  UNRELATED_VARIABLE: 'unrelated-value',
};

test.skipIf(process.platform !== 'linux')('behavior: the spawned devnet sees PATH and HOME but none of the caller’s secrets', async () => {
  const cache = await ensureCachedWorld();
  const paths = devnetPaths(home);
  mkdirSync(paths.dir, { recursive: true });
  copyFileSync(join(cache, 'state.json'), paths.stateFile);
  copyFileSync(join(cache, 'deployment.json'), paths.deploymentFile);

  const saved = { ...process.env };
  Object.assign(process.env, secrets);
  let pid: number;
  try {
    ({ pid } = await startDevnet({ home }));
  } finally {
    for (const key of Object.keys(secrets)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
  const names = environ.split('\0').filter(Boolean).map((entry) => entry.slice(0, entry.indexOf('=')));
  expect(names).toContain('PATH');
  for (const [name, value] of Object.entries(secrets)) {
    expect(names, `${name} reached the devnet`).not.toContain(name);
    expect(environ.includes(value), `the value of ${name} reached the devnet`).toBe(false);
  }
  for (const name of names) expect(name).not.toMatch(/KEY|PASSWORD|SECRET|TOKEN/i);
});
