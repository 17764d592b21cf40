import { resolvedAmountSchema, tokenInfoSchema, z } from 'lucid/sdk';

/** The resolved-intent fields {{name}} reads. Describe every field: the text is what routers and LLMs read. */
export const params = z
  .object({
    action: z.literal('wrap').describe('Wrap ETH into WETH.'),
    token: tokenInfoSchema.describe('The asset given: ETH.'),
    amount: resolvedAmountSchema.describe('How much ETH to wrap: exact, "all" (keeps a gas reserve) or a percentage.'),
  })
  .describe('Wrap ETH into WETH9.');
