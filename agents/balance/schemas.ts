import * as z from 'zod';
import { tokenInfoSchema } from '../sdk/index.js';

/** What the balance agent reads from a resolved intent. */
export const balanceParams = z
  .object({
    action: z.literal('balance').describe('Show balances.'),
    token: tokenInfoSchema.optional().describe('Only this asset; absent for ETH and every known token.'),
  })
  .describe('Show the balance of ETH and every known token, with a USD value where a pool prices it.');
export type BalanceParams = z.output<typeof balanceParams>;
