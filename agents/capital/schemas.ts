import * as z from 'zod';
import { lockSecondsSchema } from '../../kernel/index.js';
import { resolvedAmountSchema, tokenInfoSchema } from '../sdk/index.js';

/** What the capital-pool agent reads from a resolved intent. */
export const capitalParams = z
  .object({
    action: z
      .enum(['stake', 'unstake', 'claim', 'supply'])
      .describe('stake: deposit the stake token; unstake: withdraw it; claim: collect LUCID rewards; supply: only answered with whether the token fits.'),
    token: tokenInfoSchema.optional().describe('The stake token (stETH on the devnet) for stake and unstake; absent for claim.'),
    amount: resolvedAmountSchema.optional().describe('How much to stake or unstake; "all" unstakes the whole stake.'),
    lockSeconds: lockSecondsSchema
      .optional()
      .describe('For stake: lock the position this long (at most two years) for a reward multiplier of up to 3x.'),
  })
  .describe('Stake in, unstake from, or claim rewards of the Lucid capital pool.');
export type CapitalParams = z.output<typeof capitalParams>;
