/**
 * "Put my USDC where it earns the most": supply plans are ranked on the rate Lucid reads for each plan's market
 * (the `supplyRate` reader; in a session, readPlanSupplyRate on chain), a year's interest on what the simulation
 * shows supplied, net of gas — never on the agent's own words; a plan whose rate cannot be read is dropped.
 */
import { parseUnits, type Address } from 'viem';
import { expect, test } from 'vitest';
import { defineAgent, z } from '../../../agents/sdk/index.js';
import type { AgentContext, Plan, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import { selectAgent } from './selectAgent.js';

const user = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
const USDC: TokenInfo = { address: '0xA15BB66138824a1c7167f5E85b957d04Dd34E468', symbol: 'USDC', decimals: 6, verified: true };
const intent: ResolvedIntent = { action: 'supply', token: USDC, amount: { kind: 'exact', value: parseUnits('1000', 6) }, slippageBps: 0 };
const ctx = { chainId: 31337, account: user, client: undefined, contracts: {}, now: 1n, tokens: [USDC] } as unknown as AgentContext;
const RAY = 10n ** 27n;

/** A lending agent whose plan claims `claimed` in its summary; the market is named by its one call's target. */
const lender = (id: string, market: Address, claimed: string) =>
  defineAgent({
    id,
    description: id,
    actions: ['supply'],
    chains: [],
    params: z.object({}).passthrough(),
    plan: async (): Promise<Plan> => ({ agentId: id, summary: `Supply at ${claimed}`, calls: [{ to: market, data: '0x', value: 0n, description: 'supply' }], expects: [] }),
  });
const marketA = '0x00000000000000000000000000000000000000aa' as Address;
const marketB = '0x00000000000000000000000000000000000000bb' as Address;
const marketC = '0x00000000000000000000000000000000000000cc' as Address;
const rates: Record<string, bigint> = { [marketA]: (3n * RAY) / 100n, [marketB]: (5n * RAY) / 100n };

const run = (gasWei: Record<string, bigint> = {}) =>
  selectAgent({
    agents: [lender('low', marketA, '99% APY'), lender('high', marketB, '5% APY'), lender('unreadable', marketC, '1000% APY')],
    intent,
    ctx,
    simulate: async (plan) => ({ ok: true, balanceChanges: [{ address: user, token: USDC.address, diff: -parseUnits('1000', 6) }], gas: { costWei: gasWei[plan.agentId] ?? 0n } }),
    supplyRate: async (plan) => {
      const ray = rates[plan.calls[0]!.to];
      return ray === undefined ? undefined : { rateRay: ray, text: `${Number((ray * 10_000n) / RAY) / 100}% APR`, source: `market ${plan.calls[0]!.to}` };
    },
    // 1 ETH = 3,000 USDC, for gas.
    ethPrice: async (_token, wei) => (wei * 3_000n * 10n ** 6n) / 10n ** 18n,
  });

test('behavior: the plan whose market pays the higher rate read from chain wins, whatever the agents claim; an unreadable rate is dropped', async () => {
  const { winner, candidates, reason } = await run();
  expect(winner.agentId).toBe('high');
  // 1000 USDC at 5% a year: 50 USDC; at 3%: 30 USDC.
  expect(candidates.map((c) => [c.agentId, c.score])).toEqual([
    ['high', parseUnits('50', 6)],
    ['low', parseUnits('30', 6)],
    ['unreadable', undefined],
  ]);
  expect(candidates[0]!.rate).toEqual({ text: '5% APR', source: `market ${marketB}` });
  expect(candidates[2]!.dropped).toMatch(/cannot read a supply rate from chain/);
  expect(reason).toMatch(/high gives the best net outcome: 20 USDC a year at today's rate, net of gas more/);
});

test('behavior: gas counts: a higher rate that costs more in gas than it earns in a year loses', async () => {
  // 0.01 ETH of gas = 30 USDC: "high" nets 20 USDC, "low" 30 USDC.
  const { winner } = await run({ high: 10n ** 16n });
  expect(winner.agentId).toBe('low');
});
