import { expect, test } from 'vitest';
import { judgeOutcome } from './outcome.js';

const usdc = '0xA15BB66138824a1c7167f5E85b957d04Dd34E468' as const;
const spender = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const change = (token: typeof usdc | 'ETH', diff: bigint) => ({ token, symbol: token === 'ETH' ? 'ETH' : 'USDC', decimals: token === 'ETH' ? 18 : 6, diff });

test('behavior: better than simulated is fine; worse only within the slippage accepted on a swap output', () => {
  const simulated = [change('ETH', -(10n ** 18n)), change(usdc, 3_000_000_000n)];
  expect(judgeOutcome({ simulated, actual: [change('ETH', -(10n ** 18n)), change(usdc, 3_100_000_000n)] })).toEqual([]);
  const slippage = [{ token: usdc, bps: 50 }];
  expect(judgeOutcome({ simulated, actual: [change('ETH', -(10n ** 18n)), change(usdc, 2_990_000_000n)], slippage })).toEqual([]);
  expect(judgeOutcome({ simulated, actual: [change('ETH', -(10n ** 18n)), change(usdc, 2_900_000_000n)], slippage })).toEqual([
    'USDC: simulated 3000 USDC, real 2900 USDC (100 USDC less for you)',
  ]);
  // No slippage on what the user pays: a single wei more is a difference.
  expect(judgeOutcome({ simulated, actual: [change('ETH', -(10n ** 18n) - 1n), change(usdc, 3_000_000_000n)], slippage })).toHaveLength(1);
});

test('behavior: an allowance left higher than simulated is a difference', () => {
  const approval = { token: usdc, spender, symbol: 'USDC', decimals: 6, post: 0n };
  expect(judgeOutcome({ simulated: [], actual: [], approvals: [{ ...approval, actual: 0n }] })).toEqual([]);
  expect(judgeOutcome({ simulated: [], actual: [], approvals: [{ ...approval, actual: 5_000_000n }] })).toEqual([`USDC allowance of ${spender}: simulated 0, real 5`]);
});
