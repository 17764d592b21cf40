/**
 * The JSON contract between Lucid and an external agent over HTTP (`POST <endpoint>/plan`). bigint values
 * travel as decimal strings; these zod schemas parse the JSON back into the in-memory types, and
 * `plan.schema.json` (beside this file) is their published JSON Schema (./writePlanSchema.ts).
 */
import * as z from 'zod';
import { intentActions, type AgentContext, type Plan, type ResolvedIntent } from '../../kernel/index.js';

const uint = z
  .string()
  .regex(/^(?:0|[1-9]\d{0,77})$/, 'a non-negative integer as a decimal string')
  .transform((value) => BigInt(value))
  .describe('A non-negative integer (base units or wei) as a decimal string.');
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x address')
  .transform((value) => value as `0x${string}`)
  .describe('A 0x address.');
const hexData = z
  .string()
  .regex(/^0x(?:[0-9a-fA-F]{2})*$/, 'hex bytes starting with 0x')
  .max(262_146)
  .transform((value) => value as `0x${string}`)
  .describe('Calldata as 0x-prefixed hex bytes.');
const text = (max: number) => z.string().max(max);

export const wireTokenSchema = z
  .object({
    address: z.union([z.literal('ETH'), address]).describe('"ETH" for the native asset, else the ERC-20 contract.'),
    symbol: text(64).min(1).describe('Token symbol.'),
    decimals: z.number().int().min(0).max(255).describe('Token decimals.'),
    verified: z.boolean().describe('false when read from an unknown address on chain.'),
  })
  .strict()
  .describe('A token.');

export const wireAmountSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('exact'), value: uint.describe('The amount in base units.') }).strict(),
    z.object({ kind: z.literal('all') }).strict(),
    z.object({ kind: z.literal('percent'), bps: z.number().int().min(1).max(10_000).describe('Share of the balance in bps.') }).strict(),
  ])
  .describe('The amount: exact base units, the whole balance, or a share of it.');

export const wireIntentSchema = z
  .object({
    action: z.enum(intentActions).describe('What to do.'),
    amount: wireAmountSchema.optional().describe('What is sent, sold, wrapped, staked or approved.'),
    amountOut: uint.optional().describe('Exact-output swaps: what must be received, in base units of tokenOut.'),
    token: wireTokenSchema.optional().describe('The asset sent, sold, wrapped, staked, approved, or asked about.'),
    tokenOut: wireTokenSchema.optional().describe('For swaps: the asset bought.'),
    to: address.optional().describe('Recipient (transfer) or spender (approve/revoke), resolved.'),
    toLabel: text(255).optional().describe('How the user wrote `to`.'),
    slippageBps: z.number().int().min(0).max(10_000).describe('Slippage limit in basis points.'),
    unlimited: z.literal(true).optional().describe('The user explicitly asked for an unlimited approval.'),
    lockSeconds: z.number().int().positive().optional().describe('For stake: how long to lock the stake, in seconds.'),
  })
  .strict()
  .describe('The intent, resolved: tokens to addresses, recipients to addresses, amounts to base units.');

export const wireContextSchema = z
  .object({
    chainId: z.number().int().positive().describe('The chain the plan is for.'),
    account: address.describe('The user’s address: the `from` of every call.'),
    contracts: z.record(z.string().max(64), address).describe('Protocol contracts on this chain, by name.'),
    now: uint.describe('Block timestamp (seconds) the plan is built against, for deadlines.'),
    tokens: z.array(wireTokenSchema).max(1000).optional().describe('Tokens known on this chain.'),
  })
  .strict()
  .describe('What the agent may know about the chain and the user. Never a key.');

export const planRequestSchema = z
  .object({ intent: wireIntentSchema, context: wireContextSchema })
  .strict()
  .describe('POST <endpoint>/plan request body.');

const wireCallSchema = z
  .object({
    to: address.describe('The contract or account called.'),
    data: hexData,
    value: uint.describe('Wei sent with the call.'),
    description: text(500).describe('Plain-language line shown to the user.'),
  })
  .strict()
  .describe('One transaction of the plan.');

const wireEffectSchema = z
  .object({
    token: z.union([z.literal('ETH'), address]).describe('The asset whose balance changes.'),
    symbol: text(64).describe('Its symbol.'),
    decimals: z.number().int().min(0).max(255).describe('Its decimals.'),
    direction: z.enum(['out', 'in']).describe('out: the user’s balance falls; in: it rises.'),
    amount: uint.describe('By how much, in base units.'),
    bound: z.enum(['exact', 'atLeast', 'atMost']).describe('How the simulation must compare the change with amount.'),
  })
  .strict()
  .describe('A balance change the agent promises.');

export const planResponseSchema = z
  .object({
    agentId: z.string().min(2).max(64).describe('The id of the agent that made the plan.'),
    summary: text(500).min(1).describe('One line: what the plan does.'),
    calls: z.array(wireCallSchema).max(16).describe('The transactions, in order.'),
    expects: z.array(wireEffectSchema).max(64).describe('The balance changes the plan promises.'),
    quote: z
      .object({
        venue: text(64).optional(),
        route: z.array(text(64)).max(8).optional(),
        priceImpactBps: z.number().int().min(0).max(10_000).optional(),
        amountIn: uint.optional(),
        amountOut: uint.optional(),
      })
      .strict()
      .optional()
      .describe('Venue and quote facts for display and ranking.'),
    readOnly: z
      .object({
        balances: z
          .array(
            z
              .object({
                symbol: text(64),
                address: z.union([z.literal('ETH'), address]),
                decimals: z.number().int().min(0).max(255),
                balance: uint,
                usd: z.number().optional(),
                position: z.object({ venue: text(32), asset: text(64), rate: text(64) }).strict().optional(),
              })
              .strict(),
          )
          .max(1000),
      })
      .strict()
      .optional()
      .describe('A read-only answer (balances) for plans with no calls.'),
  })
  .strict()
  .describe('POST <endpoint>/plan response body: the plan.');

/** Health answer: GET <endpoint>/health. */
export const healthResponseSchema = z
  .object({
    id: z.string().describe('Agent id.'),
    description: z.string().optional().describe('What the agent does.'),
    actions: z.array(z.enum(intentActions)).describe('Intent actions served.'),
    chains: z.array(z.number().int()).describe('Chain ids served; empty means every chain.'),
  })
  .describe('GET <endpoint>/health response body.');

/** JSON text with bigints as decimal strings, `undefined` fields dropped. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** The request body for a plan: the intent and the parts of the context an external agent may see. */
export function planRequestBody(ctx: AgentContext, intent: ResolvedIntent): string {
  return toWireJson({
    intent,
    context: { chainId: ctx.chainId, account: ctx.account, contracts: ctx.contracts, now: ctx.now, tokens: ctx.tokens },
  });
}

export type PlanRequest = z.output<typeof planRequestSchema>;
// Compile-time check that the wire schemas produce the in-memory types.
const _planCheck: (value: z.output<typeof planResponseSchema>) => Plan = (value) => value;
const _intentCheck: (value: z.output<typeof wireIntentSchema>) => ResolvedIntent = (value) => value;
void _planCheck;
void _intentCheck;
