import * as z from 'zod';
import { resolvedAmountSchema, tokenInfoSchema } from '../sdk/index.js';

/** What the Aave V3 agent reads from a resolved intent. */
export const lendingParams = z
  .object({
    action: z
      .enum(['supply', 'withdraw'])
      .describe('supply: lend the token to the market and receive its aToken; withdraw: burn aTokens and get the token back.'),
    token: tokenInfoSchema.describe('The underlying asset supplied or withdrawn (USDC, DAI, WETH …), never the aToken itself.'),
    amount: resolvedAmountSchema.describe(
      'supply: how much of the wallet balance to lend ("all" and "%" are of the wallet); withdraw: how much of the position ("all" is the whole position, interest included).',
    ),
  })
  .describe('Supply to, or withdraw from, an Aave V3 market.');
export type LendingParams = z.output<typeof lendingParams>;
