/** A realistic Review for UI tests: 1 ETH swapped for USDC on the devnet account, one warning. */
import type { Review } from '../../../runtime/index.js';

export const testAccount = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const usdc = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const;
const router = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0' as const;

export function makeReview(overrides: Partial<Review> = {}): Review {
  return {
    runId: 7,
    text: 'swap 1 ETH for USDC',
    chainId: 31337,
    account: testAccount,
    intents: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } as Review['intents'],
    steps: [
      {
        agentId: 'uniswap-v2',
        reason: 'best simulated output',
        summary: 'Swap 1 ETH for ≥ 2,985.1 USDC on Uniswap V2',
        candidates: [
          { agentId: 'uniswap-v2', description: 'Uniswap V2', outcome: '2,998.5', unit: 'USDC' },
          { agentId: 'v2-fork', description: 'V2 fork', outcome: '2,950.2', unit: 'USDC' },
        ],
      },
    ],
    calls: [{ to: router, data: '0x7ff36ab5000000000000000000000000000000000000000000000000000000000000', value: 10n ** 18n, description: 'Swap 1 ETH for USDC on Uniswap V2' }],
    plans: [],
    simulation: {
      ok: true,
      mode: 'simulateV1',
      account: testAccount,
      blockNumber: 12n,
      calls: [],
      balanceChanges: [
        { address: testAccount, token: 'ETH', symbol: 'ETH', decimals: 18, verified: true, pre: 100n * 10n ** 18n, post: 99n * 10n ** 18n, diff: -(10n ** 18n) },
        { address: testAccount, token: usdc, symbol: 'USDC', decimals: 6, verified: true, pre: 0n, post: 2_998_500_000n, diff: 2_998_500_000n },
      ],
      approvals: [],
      gas: { total: 120_000n, perCall: [120_000n], limits: [150_000n], maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n, baseFee: 10n ** 9n, costWei: 240_000n * 10n ** 9n, maxCostWei: 300_000n * 10n ** 9n },
      tokens: [],
    },
    risks: [{ code: 'PRICE_IMPACT', level: 'warning', message: 'Price impact 1.2% on Uniswap V2' }],
    policy: { decision: 'allow', violations: [] },
    labels: { [router.toLowerCase()]: 'Uniswap V2 router' },
    ...overrides,
  };
}
