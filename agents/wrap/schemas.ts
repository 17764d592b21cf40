import * as z from 'zod';
import { resolvedAmountSchema, tokenInfoSchema } from '../sdk/index.js';

/** What the WETH agent reads from a resolved intent. */
export const wrapParams = z
  .object({
    action: z.enum(['wrap', 'unwrap']).describe('wrap: ETH → WETH; unwrap: WETH → ETH.'),
    token: tokenInfoSchema.describe('The asset given: ETH to wrap, WETH to unwrap (either spelling is accepted for both).'),
    amount: resolvedAmountSchema.describe('How much is wrapped or unwrapped.'),
  })
  .describe('Wrap ETH into WETH9 or unwrap WETH9 back into ETH.');
export type WrapParams = z.output<typeof wrapParams>;
