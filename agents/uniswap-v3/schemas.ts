import type { z } from 'zod';
import { swapParams as swapIntentParams } from '../swap/schemas.js';

/**
 * What the V3 swap agent reads from a resolved intent: the same swap parameters as the V2 agents (exactly one of
 * `amount`, exact-in, or `amountOut`, exact-out), so both kinds of venue compete on one reading of the words.
 */
export const swapParams = swapIntentParams.describe('Swap on a Uniswap V3 venue, exact-in or exact-out, with a slippage limit.');
export type SwapParams = z.output<typeof swapParams>;
