/**
 * The words explain a lending step's effects and nothing else: a supply's receipt (the market's aToken) must
 * reach the user; a withdrawal burns at most what was asked of the user's receipt and pays the asset to the user.
 */
import { parseUnits, type Address } from 'viem';
import { describe, expect, test } from 'vitest';
import type { ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import type { SimulationReport } from '../simulate/types.js';
import { checkIntentEffects, type LendingReceipt } from './checkIntentEffects.js';

const user = '0x00000000000000000000000000000000000000a1' as Address;
const attacker = '0x00000000000000000000000000000000000000b2' as Address;
const pool = '0x00000000000000000000000000000000000000c3' as Address;
const USDC: TokenInfo = { address: '0x00000000000000000000000000000000000000d4', symbol: 'USDC', decimals: 6, verified: true };
const aUSDC = '0x00000000000000000000000000000000000000e5' as Address;
const receipts: LendingReceipt[] = [{ token: aUSDC, underlying: USDC.address as Address, symbol: 'aUSDC' }];
const usdc = (n: string) => parseUnits(n, 6);

/** A report with only the balance changes given (each `[who, token, diff, pre]`). */
function report(changes: [Address, Address, bigint, bigint?][]): SimulationReport {
  return {
    calls: [{ index: 0, to: pool, status: 'success', logs: [] }],
    approvals: [],
    balanceChanges: changes.map(([address, token, diff, pre = usdc('5000')]) => ({
      address,
      token,
      symbol: token === aUSDC ? 'aUSDC' : 'USDC',
      decimals: 6,
      verified: true,
      pre,
      post: pre + diff,
      diff,
    })),
  } as unknown as SimulationReport;
}
const supply = (amount: bigint): ResolvedIntent => ({ action: 'supply', token: USDC, amount: { kind: 'exact', value: amount }, slippageBps: 0 });
const withdraw = (amount: ResolvedIntent['amount']): ResolvedIntent => ({ action: 'withdraw', token: USDC, amount, slippageBps: 0 });
const kinds = (r: SimulationReport, intent: ResolvedIntent, known = receipts) => checkIntentEffects(r, [intent], user, [], known).unexplained.map((u) => u.kind);

describe('checkIntentEffects: lending', () => {
  test('default: supplying 100 USDC for 100 aUSDC (±2 base units of rounding) is explained', () => {
    expect(kinds(report([[user, USDC.address as Address, -usdc('100')], [user, aUSDC, usdc('100') - 1n]]), supply(usdc('100')))).toEqual([]);
  });

  test('guarantee: a supply whose aUSDC goes to someone else is unexplained, naming who receives it', () => {
    const r = report([[user, USDC.address as Address, -usdc('100')], [attacker, aUSDC, usdc('100')]]);
    const result = checkIntentEffects(r, [supply(usdc('100'))], user, [], receipts);
    expect(result.unexplained.map((u) => u.kind)).toEqual(['supply-receipt-elsewhere']);
    expect(result.unexplained[0]!.message).toContain(attacker);
  });

  test('guarantee: a supply of more than asked, or through a market with no known receipt, is unexplained', () => {
    expect(kinds(report([[user, USDC.address as Address, -usdc('150')], [user, aUSDC, usdc('150')]]), supply(usdc('100')))).toEqual(['decrease-exceeds-intent']);
    expect(kinds(report([[user, USDC.address as Address, -usdc('100')]]), supply(usdc('100')), [])).toEqual(['supply-receipt-elsewhere']);
  });

  test('default: withdrawing 50 burns 50 aUSDC and pays 50 USDC; "all" burns the whole position and pays at least it', () => {
    expect(kinds(report([[user, aUSDC, -usdc('50')], [user, USDC.address as Address, usdc('50')]]), withdraw({ kind: 'exact', value: usdc('50') }))).toEqual([]);
    expect(kinds(report([[user, aUSDC, -usdc('1001.2')], [user, USDC.address as Address, usdc('1001.2')]]), withdraw({ kind: 'all' }))).toEqual([]);
  });

  test('guarantee: burning more of the position than asked, or paying the withdrawal to someone else, is unexplained', () => {
    expect(kinds(report([[user, aUSDC, -usdc('80')], [user, USDC.address as Address, usdc('80')]]), withdraw({ kind: 'exact', value: usdc('50') }))).toEqual(['decrease-exceeds-intent']);
    const elsewhere = report([[user, aUSDC, -usdc('1000')], [attacker, USDC.address as Address, usdc('1000')]]);
    const result = checkIntentEffects(elsewhere, [withdraw({ kind: 'all' })], user, [], receipts);
    expect(result.unexplained.map((u) => u.kind)).toEqual(['withdrawal-elsewhere']);
    expect(result.unexplained[0]!.message).toContain(attacker);
  });

  test('guarantee: a receipt burnt with no withdrawal asked is an unexpected decrease', () => {
    expect(kinds(report([[user, aUSDC, -usdc('10')]]), { action: 'swap', token: USDC, tokenOut: USDC, amount: { kind: 'exact', value: 1n }, slippageBps: 50 })).toContain('unexpected-decrease');
  });
});
