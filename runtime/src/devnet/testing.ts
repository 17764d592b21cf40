/**
 * The shared integration-test fixture: a real, bootstrapped devnet on its own port and temp home.
 *
 * ```ts
 * import { startTestDevnet, type TestDevnet } from '../../runtime/src/devnet/testing.js';
 *
 * let devnet: TestDevnet;
 * beforeAll(async () => { devnet = await startTestDevnet(); });
 * afterAll(async () => { await devnet?.stop(); });
 *
 * test('…', async () => {
 *   const { publicClient } = createClients({ rpcUrl: devnet.rpcUrl });
 *   const usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!.address;
 * });
 * ```
 *
 * What you get: `home` (a temp `$LUCID_HOME` under os.tmpdir(), deleted by `stop()`), `rpcUrl` (anvil on a
 * free 127.0.0.1 port, chain id 31337, automining), and `deployment` (the same {@link DevnetDeployment}
 * `lucid` writes: WETH, USDC/DAI/stETH, both Uniswap V2 venues with liquidity, Uniswap V3, the Aave V3
 * lending market (USDC/DAI/WETH, lent and borrowed; `listLendingMarkets(deployment)`), registry contracts when
 * deployed; anvil #0 holds 100 ETH, 10,000 USDC, 10,000 DAI, 50 stETH, 1 WETH). Each call is an
 * independent chain, so tests in different files never see each other's transactions; within a file,
 * share one devnet and use `testClient.snapshot()/revert()` (viem) if tests must not interact.
 *
 * Speed: the world is bootstrapped once per machine into a cache under
 * `os.tmpdir()/lucid-devnet-cache/<hash>`, keyed by a hash of the artifacts, the bootstrap code, the
 * registry deploy script and the anvil package version, so it rebuilds itself when any of them changes.
 * Each fixture copies the cached state into its temp home and starts anvil on it: ~0.3 s instead of ~2 s
 * for a bootstrap. Concurrent workers building the cache wait on one lock. Delete the cache directory to
 * force a rebuild. The restored chain mines one block on start, so `latest` carries the current time.
 *
 * Cleanup: `stop()` stops anvil (SIGTERM, then SIGKILL) and removes the temp home; it is idempotent. As a
 * safety net every anvil started here is SIGKILLed when the test process exits.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPLOYMENT_VERSION, type DevnetDeployment } from './deployment.js';
import { lockDevnet } from './lockDevnet.js';
import { devnetPaths } from './paths.js';
import { startDevnet } from './startDevnet.js';
import { stopDevnet } from './stopDevnet.js';

export type TestDevnet = {
  home: string;
  rpcUrl: string;
  deployment: DevnetDeployment;
  pid: number;
  stop(): Promise<void>;
};

export type StartTestDevnetParameters = {
  /** Skip the cache and bootstrap from scratch (tests of the bootstrap itself). */
  fresh?: boolean | undefined;
};

export async function startTestDevnet({ fresh = false }: StartTestDevnetParameters = {}): Promise<TestDevnet> {
  const home = mkdtempSync(join(tmpdir(), 'lucid-test-home-'));
  try {
    if (!fresh) {
      const cache = await ensureCachedWorld();
      const paths = devnetPaths(home);
      mkdirSync(paths.dir, { recursive: true });
      copyFileSync(join(cache, 'state.json'), paths.stateFile);
      copyFileSync(join(cache, 'deployment.json'), paths.deploymentFile);
    }
    const started = await startDevnet({ home });
    livePids.add(started.pid);
    let stopped = false;
    return {
      home,
      rpcUrl: started.rpcUrl,
      deployment: started.deployment,
      pid: started.pid,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await stopDevnet({ home, timeoutMs: 5_000 });
        } catch {
          killQuietly(started.pid);
        } finally {
          livePids.delete(started.pid);
          rmSync(home, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

/** The cache directory holding `state.json` and `deployment.json` of a freshly bootstrapped world. */
export async function ensureCachedWorld(): Promise<string> {
  const root = join(tmpdir(), 'lucid-devnet-cache');
  const dir = join(root, cacheKey());
  if (isComplete(dir)) return dir;
  mkdirSync(root, { recursive: true });
  const release = await lockDevnet({ lockFile: `${dir}.lock`, timeoutMs: 180_000 });
  try {
    if (isComplete(dir)) return dir;
    const home = mkdtempSync(join(tmpdir(), 'lucid-cache-build-'));
    try {
      const started = await startDevnet({ home });
      livePids.add(started.pid);
      await stopDevnet({ home });
      livePids.delete(started.pid);
      const paths = devnetPaths(home);
      const staging = `${dir}.staging-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      copyFileSync(paths.stateFile, join(staging, 'state.json'));
      copyFileSync(paths.deploymentFile, join(staging, 'deployment.json'));
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      pruneOldEntries(root, dir);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    return dir;
  } finally {
    release();
  }
}

/** Everything the bootstrapped world depends on; a change to any of them means a new cache entry. */
function cacheKey(): string {
  const hash = createHash('sha256').update(`v${DEPLOYMENT_VERSION}\n`);
  const files = [
    '../../../registry-contracts/generated/abis.ts',
    '../../../registry-contracts/generated/artifacts.ts',
    '../../../registry-contracts/script/deploy.ts',
    './bootstrapDevnet.ts',
    './deployUniswapV3.ts',
    './deployAaveV3.ts',
    './installMulticall3.ts',
    './startDevnet.ts',
  ];
  try {
    hash.update(readFileSync(createRequire(import.meta.url).resolve('@foundry-rs/anvil/package.json')));
  } catch {
    // no package.json to hash: the other inputs still key the cache
  }
  for (const relative of files) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    hash.update(`${relative}\n`);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Entries for old artifacts or bootstrap code pile up (~2 MB each); drop those unused for a day. */
function pruneOldEntries(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path === keep || name.includes('.')) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // another worker pruned it first
    }
  }
}

function isComplete(dir: string): boolean {
  return existsSync(join(dir, 'state.json')) && existsSync(join(dir, 'deployment.json'));
}

const livePids = new Set<number>();
let exitHookInstalled = false;
installExitHook();

/** A failed test or a forgotten stop() must never leave anvil running after the worker exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of livePids) killQuietly(pid);
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
