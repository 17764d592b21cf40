/**
 * zod building blocks for agents' `params` schemas (the resolved-intent fields an agent reads) and the
 * helper that checks an intent against them. Every field is `.describe()`d: the text is what an LLM or a
 * builder reads about the field.
 */
import * as z from 'zod';
import { InputError, intentActions, type ResolvedIntent } from '../../kernel/index.js';

export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x address of 40 hex characters')
  .transform((value) => value as `0x${string}`)
  .describe('A 0x address (40 hex characters).');

export const tokenInfoSchema = z
  .object({
    address: z.union([z.literal('ETH'), addressSchema]).describe('"ETH" for the native asset, else the ERC-20 contract.'),
    symbol: z.string().min(1).max(64).describe('Token symbol as the token list spells it.'),
    decimals: z.number().int().min(0).max(255).describe('Decimals of the token (18 for ETH).'),
    verified: z.boolean().describe('false when the token was read from an unknown address on chain, not from a list.'),
  })
  .describe('A token resolved by the router.');

export const resolvedAmountSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('exact').describe('An exact amount.'), value: z.bigint().positive().describe('Base units.') }),
    z.object({ kind: z.literal('all').describe('The whole balance (ETH keeps a gas reserve).') }),
    z.object({
      kind: z.literal('percent').describe('A share of the balance.'),
      bps: z.number().int().min(1).max(10_000).describe('The share in basis points (25% → 2500).'),
    }),
  ])
  .describe('The amount: exact base units, or a share of the balance resolved by the agent at plan time.');

export const slippageBpsSchema = z
  .number()
  .int()
  .min(0)
  .max(10_000)
  .describe('Slippage limit in basis points (50 = 0.5%).');

/**
 * Checks an intent against an agent's params schema, so an agent reads only fields it declared and a
 * malformed intent (from a buggy router or an HTTP caller) is refused with a clear message, not a crash.
 */
export function parseParams<schema extends z.ZodType>(agentId: string, schema: schema, intent: ResolvedIntent): z.output<schema> {
  const result = schema.safeParse(intent);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'intent';
  throw new InputError('BAD_INTENT', `agent "${agentId}" cannot use this intent: ${where}: ${issue?.message ?? 'invalid'}`);
}

/** A whole resolved intent, in memory (bigints): the params of agents that read every field (HTTP agents). */
export const resolvedIntentSchema = z
  .object({
    action: z.enum(intentActions).describe('What to do.'),
    amount: resolvedAmountSchema.optional().describe('What is sent, sold, wrapped, staked or approved.'),
    amountOut: z.bigint().positive().optional().describe('Exact-output swaps: what must be received, in base units of tokenOut.'),
    token: tokenInfoSchema.optional().describe('The asset sent, sold, wrapped, staked, approved, or asked about.'),
    tokenOut: tokenInfoSchema.optional().describe('For swaps: the asset bought.'),
    to: addressSchema.optional().describe('Recipient (transfer) or spender (approve/revoke), resolved.'),
    toLabel: z.string().optional().describe('How the user wrote `to`.'),
    slippageBps: slippageBpsSchema,
    unlimited: z.literal(true).optional().describe('The user explicitly asked for an unlimited approval.'),
    lockSeconds: z.number().int().positive().optional().describe('For stake: how long to lock the stake, in seconds.'),
  })
  .describe('A resolved intent: tokens and recipients as addresses, amounts in base units.');
