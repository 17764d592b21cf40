import * as z from 'zod';
import { addressSchema, resolvedAmountSchema, tokenInfoSchema } from '../sdk/index.js';

/** What the transfer agent reads from a resolved intent. */
export const transferParams = z
  .object({
    action: z.literal('transfer').describe('Send an asset to someone.'),
    token: tokenInfoSchema.describe('The asset sent: ETH or an ERC-20.'),
    amount: resolvedAmountSchema.describe('How much is sent: exact base units, "all", or a share of the balance.'),
    to: addressSchema.describe('The recipient, already resolved from an address, ENS name or contact.'),
    toLabel: z.string().optional().describe('How the user wrote the recipient, for the summary.'),
  })
  .describe('Send ETH or an ERC-20 token to an address.');
export type TransferParams = z.output<typeof transferParams>;
