import { z } from 'zod';
import { resolvedAmountSchema, slippageBpsSchema, tokenInfoSchema } from '../sdk/index.js';

/** What the V3 swap agent reads from a resolved intent. Exactly one of `amount` (exact-in) or `amountOut` (exact-out). */
export const swapParams = z
  .object({
    action: z.literal('swap').describe('Swap one asset for another.'),
    token: tokenInfoSchema.describe('The asset sold: ETH or an ERC-20.'),
    tokenOut: tokenInfoSchema.describe('The asset bought: ETH or an ERC-20.'),
    amount: resolvedAmountSchema.optional().describe('Exact-in: how much is sold ("all" and "25%" resolve against the balance).'),
    amountOut: z.bigint().positive().optional().describe('Exact-out: how much must be bought, in base units of tokenOut.'),
    slippageBps: slippageBpsSchema,
    unlimited: z.literal(true).optional().describe('Approve the router for an unlimited amount instead of the exact amount sold.'),
  })
  .refine((params) => (params.amount === undefined) !== (params.amountOut === undefined), {
    message: 'a swap needs exactly one of amount (sold) or amountOut (bought)',
    path: ['amount'],
  })
  .describe('Swap on a Uniswap V3 venue, exact-in or exact-out, with a slippage limit.');
export type SwapParams = z.output<typeof swapParams>;
