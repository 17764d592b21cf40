/**
 * From parsed intent to simulation report, on the devnet, next to the floor: the round trip of one
 * `eth_call` on the same node in the same run. The report includes resolution, every candidate agent's
 * plan simulated in competition, the final sequence simulation with state reads before and after, the
 * checks and policy. Targets (simulate/check/sign issue): p50 within 5× the floor for a transfer and 10×
 * for approve + swap.
 */
import { performance } from 'node:perf_hooks';
import { erc20Abi } from 'viem';
import { percentile, type BenchResult, type BenchSuite } from '../types.js';

const runs = Number(process.env.LUCID_BENCH_RUNS ?? 50);

export const simulationSuite: BenchSuite = {
  name: 'simulation',
  async run(): Promise<BenchResult[]> {
    const { startTestDevnet, countRequests } = await import('../../runtime/testing.js');
    const { openSession, runIntent } = await import('../../runtime/index.js');
    const { parseWithGrammar } = await import('../../router/index.js');
    const devnet = await startTestDevnet();
    const session = await openSession({ settings: { home: devnet.home } });
    try {
      const usdc = devnet.deployment.tokens.find((token) => token.symbol === 'USDC')!.address;
      const floor: number[] = [];
      for (let i = 0; i < runs + 5; i++) {
        const start = performance.now();
        await session.publicClient.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [session.account.address] });
        if (i >= 5) floor.push(performance.now() - start);
      }
      // JSON-RPC traffic between the parsed intent and its report, in the last timed run: HTTP round trips and calls.
      const requests = new Map<string, { roundTrips: number; calls: number }>();
      const measure = async (text: string) => {
        const intents = parseWithGrammar(text);
        const samples: number[] = [];
        const counter = countRequests();
        try {
          for (let i = 0; i < runs + 3; i++) {
            let parsedAt = 0;
            let simulatedAt = 0;
            await runIntent(session, {
              text,
              mode: 'dry-run',
              parse: async () => ({ intents, parser: 'grammar' }),
              confirm: async () => false,
              onStage: (event) => {
                if (event.stage === 'parsed') {
                  parsedAt = performance.now();
                  counter.take();
                }
                if (event.stage === 'simulated') {
                  simulatedAt = performance.now();
                  const { roundTrips, calls } = counter.take();
                  requests.set(text, { roundTrips, calls });
                }
              },
            });
            if (i >= 3) samples.push(simulatedAt - parsedAt);
          }
        } finally {
          counter.restore();
        }
        return samples;
      };
      const transferText = 'send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
      const transfer = await measure(transferText);
      // USDC → DAI needs an approval first, and both V2 venues of the devnet (Uniswap and its fork) compete.
      const swapText = 'swap 100 USDC for DAI';
      const swap = await measure(swapText);
      const floorP50 = percentile(floor, 50);
      const row = (name: string, samples: number[], times: number, text: string): BenchResult[] => {
        const p50 = percentile(samples, 50);
        const traffic = requests.get(text);
        return [
          ...(traffic
            ? [{ suite: 'simulation', name: `${name}: JSON-RPC round trips`, unit: 'requests' as const, value: traffic.roundTrips, samples: 1, detail: `${traffic.calls} calls` }]
            : []),
          { suite: 'simulation', name, unit: 'ms', p50, p95: percentile(samples, 95), samples: samples.length },
          {
            suite: 'simulation',
            name: `${name} ÷ one eth_call`,
            unit: 'x',
            value: p50 / floorP50,
            samples: samples.length,
            target: `≤ ${times}×`,
            ok: p50 / floorP50 <= times,
            detail: `${p50.toFixed(1)} ms vs ${floorP50.toFixed(2)} ms`,
          },
        ];
      };
      return [
        { suite: 'simulation', name: 'eth_call round trip (floor)', unit: 'ms', p50: floorP50, p95: percentile(floor, 95), samples: floor.length },
        ...row('parsed intent → simulation report, transfer', transfer, 5, transferText),
        ...row('same, approve + swap with two competing venues', swap, 10, swapText),
      ];
    } finally {
      await session.close();
      await devnet.stop();
    }
  },
};
