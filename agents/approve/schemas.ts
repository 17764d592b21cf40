import * as z from 'zod';
import { addressSchema, resolvedAmountSchema, tokenInfoSchema } from '../sdk/index.js';

/** What the approval agent reads from a resolved intent. */
export const approveParams = z
  .object({
    action: z.enum(['approve', 'revoke']).describe('approve: let a spender move the token; revoke: set that allowance to 0.'),
    token: tokenInfoSchema.describe('The ERC-20 token (ETH has no allowances).'),
    to: addressSchema.describe('The spender, resolved.'),
    toLabel: z.string().optional().describe('How the user wrote the spender, for the summary.'),
    amount: resolvedAmountSchema.optional().describe('The allowance for approve; absent when unlimited or for revoke.'),
    unlimited: z.literal(true).optional().describe('The user explicitly asked for an unlimited approval.'),
  })
  .describe('Approve a spender for an ERC-20 token, or revoke the approval.');
export type ApproveParams = z.output<typeof approveParams>;
