/**
 * A whole guarded send next to Foundry's `cast send` of the same transfer to the same anvil, in the same
 * run: `lucid --yes --json "send 0.001 ETH to 0x…"` (a fresh process: start, parse, route, simulate, check,
 * show, sign, wait for the receipt, compare the outcome) against `cast send --value 0.001ether` from the
 * native binary of the @foundry-rs/cast package, signing locally with the same key. The devnet is warm:
 * started and used once before the timed rounds. Target (performance issue): ≤ 10×, then ≤ 5×.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePair, measureProcesses, type ProcessMeasure } from '../measureProcesses.js';
import type { BenchResult, BenchSuite } from '../types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** LUCID_BENCH_BIN measures another build's entry (e.g. a checkout of main) with this bench. */
const bin = process.env.LUCID_BENCH_BIN ?? join(root, 'bin', 'lucid.js');
const runs = Number(process.env.LUCID_BENCH_SEND_RUNS ?? 5);
const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const target = 10;

export const sendSuite: BenchSuite = {
  name: 'send',
  async run(): Promise<BenchResult[]> {
    const { ANVIL_PUBLIC_TEST_KEY_0 } = await import('../../runtime/testing.js');
    const home = mkdtempSync(join(tmpdir(), 'lucid-bench-send-'));
    const env = { ...process.env, LUCID_HOME: home, NO_COLOR: '1' };
    const lucid = (args: string[]) => {
      const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`lucid ${args.join(' ')} exited ${result.status}: ${result.stdout}${result.stderr}`.slice(-600));
      return result.stdout;
    };
    try {
      const { rpcUrl } = JSON.parse(lucid(['devnet', 'start', '--json'])) as { rpcUrl: string };
      const send = ['--yes', '--json', `send 0.001 ETH to ${recipient}`];
      lucid(send); // warm: the first run also indexes the registry and finds the CLI's frontend entry
      const [whole, cast] = measureProcesses({
        runs,
        commands: [
          { name: 'lucid send', command: process.execPath, args: [bin, ...send], env },
          { name: 'cast send', command: castBinary(), args: ['send', '--rpc-url', rpcUrl, '--private-key', ANVIL_PUBLIC_TEST_KEY_0, recipient, '--value', '0.001ether'], env },
        ],
      }) as [ProcessMeasure, ProcessMeasure];
      const value = whole.p50 / cast.p50;
      return [
        { suite: 'send', name: 'lucid --yes --json "send 0.001 ETH …", whole process', unit: 'ms', p50: whole.p50, p95: whole.p95, samples: whole.ms.length, peakMiB: whole.peakMiBMax },
        { suite: 'send', name: 'cast send of the same transfer', unit: 'ms', p50: cast.p50, p95: cast.p95, samples: cast.ms.length, peakMiB: cast.peakMiBMax },
        { suite: 'send', name: 'whole lucid send ÷ cast send', unit: 'x', value, samples: whole.ms.length, target: `≤ ${target}× (then ≤ 5×)`, ok: value <= target, peakMiB: whole.peakMiBMax, detail: describePair(whole, cast) },
      ];
    } finally {
      spawnSync(process.execPath, [bin, 'devnet', 'stop'], { env, encoding: 'utf8' });
      rmSync(home, { recursive: true, force: true });
    }
  },
};

/** The native cast of @foundry-rs/cast's platform package (its node wrapper would add a node start-up to cast's side). */
function castBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const name = process.platform === 'win32' ? 'cast.exe' : 'cast';
  return createRequire(import.meta.url).resolve(`@foundry-rs/cast-${process.platform}-${arch}/bin/${name}`);
}
