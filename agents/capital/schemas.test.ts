import { describe, expect, test } from 'vitest';
import { intentSchema, MAX_LOCK_SECONDS } from '../../kernel/index.js';
import { capitalParams } from './schemas.js';

/** The intent contract and the capital agent take the same locks: a lock the parser accepts is one the agent plans. */
describe('lockSeconds: one bound for the intent and the capital agent', () => {
  const stake = (lockSeconds: number) => ({ action: 'stake', amount: '10', token: 'stETH', lockSeconds });
  const params = (lockSeconds: number) => ({ action: 'stake', lockSeconds });

  test.each([1, 180 * 86_400, MAX_LOCK_SECONDS])('%i seconds is accepted by both', (seconds) => {
    expect(intentSchema.safeParse(stake(seconds)).success).toBe(true);
    expect(capitalParams.safeParse(params(seconds)).success).toBe(true);
  });

  test.each([0, -1, 1.5, MAX_LOCK_SECONDS + 1])('%d seconds is refused by both', (seconds) => {
    expect(intentSchema.safeParse(stake(seconds)).success).toBe(false);
    expect(capitalParams.safeParse(params(seconds)).success).toBe(false);
  });
});
