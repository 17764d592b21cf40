/**
 * The intent: what a person asked for, in typed form. This zod schema is the single source of truth;
 * the public JSON contract of `lucid parse --json` (shared/INTENTS.md) is exactly its output. Both the
 * grammar parser and the LLM parser produce it, and nothing downstream accepts anything else.
 *
 * Values stay as the user wrote them (symbols, names, human-unit decimals): resolving them to addresses
 * and base units is the runtime's job (runtime/src/resolve), against the chain's token list and the contacts,
 * never the parser's.
 */
import * as z from 'zod';

import {
  MAX_LOCK_SECONDS,
  chainPattern,
  decimalPattern,
  intentActions,
  percentPattern,
  recipientRefPattern,
  tokenRefPattern,
  venuePattern,
} from './intentFields.js';

export { intentActions, MAX_LOCK_SECONDS, decimalPattern, percentPattern, type IntentAction } from './intentFields.js';

/** A stake's lock in whole seconds, 1 ≤ N ≤ two years: the one bound the intent and the capital agent share. */
export const lockSecondsSchema = z.number().int().min(1).max(MAX_LOCK_SECONDS);

const decimalAmount = z
  .string()
  .regex(decimalPattern, 'a decimal number in human units, like "0.5" or "1000"')
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero');

export const amountSchema = z
  .union([
    decimalAmount,
    z.literal('all'),
    // "then send it to bob": the amount the previous step produced, resolved after that step is simulated.
    z.literal('previous'),
    z.string().regex(percentPattern, 'a percentage of the balance, like "25%"').refine((v) => v !== '0%', 'must be greater than zero'),
  ])
  .describe(
    'Amount in human units ("0.5", "1000"), "all", a percentage of the balance ("25%"), or "previous" for what the step before produced.',
  );

/** A venue or protocol as the user named it, lower-case and hyphenated: "uniswap", "capital-pool", "rocket-pool". */
export const venueSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(venuePattern, 'a lower-case, hyphenated venue name like "uniswap" or "capital-pool"')
  .describe('The protocol or venue the user named ("uniswap", "capital-pool", "aave"); only agents serving it compete.');

/** A token as the user named it: a symbol from the token list, or a 0x address as written. */
export const tokenRefSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(tokenRefPattern, 'a token symbol like "USDC" or a 0x address')
  .describe('Token symbol as the token list spells it ("ETH", "USDC", "stETH"), or a 0x address as written.');

/** A recipient or spender as the user named it: 0x address, ENS name, or a saved contact's name. */
export const recipientRefSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(recipientRefPattern, 'a 0x address, an ENS name or a contact name')
  .describe('Recipient or spender: a 0x address, an ENS name ("alice.eth") or a saved contact name, as written.');

export const intentSchema = z
  .object({
    action: z.enum(intentActions).describe('What to do.'),
    amount: amountSchema
      .optional()
      .describe('What is sent, sold, wrapped, staked or approved; absent for exact-output swaps.'),
    amountUsd: decimalAmount
      .optional()
      .describe('A US-dollar value the user gave instead of an amount ("$50 worth of ETH"); then amount is absent.'),
    amountOut: decimalAmount
      .optional()
      .describe('Exact output of a swap ("buy 100 USDC with ETH"); then amount is absent.'),
    token: tokenRefSchema.optional().describe('The asset sent, sold, wrapped, staked, approved, or asked about.'),
    tokenOut: tokenRefSchema.optional().describe('For swaps: the asset bought.'),
    to: recipientRefSchema.optional().describe('Transfer recipient, or approve/revoke spender.'),
    slippageBps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .describe('Slippage limit in basis points, only when the user said it (0.5% → 50).'),
    chain: z
      .string()
      .regex(chainPattern)
      .optional()
      .describe('Lower-case viem chain name, only when the user named one ("mainnet", "base", "anvil").'),
    venue: venueSchema.optional(),
    unlimited: z
      .literal(true)
      .optional()
      .describe('For approve: the user explicitly asked for an unlimited approval; then amount is absent.'),
    lockSeconds: lockSecondsSchema
      .optional()
      .describe('For stake: lock the stake for this many seconds (at most two years) for a reward multiplier.'),
  })
  .strict()
  .superRefine((intent, ctx) => {
    const need = (field: keyof typeof intent, why: string) => {
      if (intent[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${intent.action} needs ${why}` });
    };
    const needAmount = () => {
      if ((intent.amount === undefined) === (intent.amountUsd === undefined))
        ctx.addIssue({ code: 'custom', path: ['amount'], message: `${intent.action} needs an amount (or a dollar value)` });
    };
    const forbid = (field: keyof typeof intent) => {
      if (intent[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} does not apply to ${intent.action}` });
    };
    switch (intent.action) {
      case 'transfer':
        needAmount();
        need('token', 'a token');
        need('to', 'a recipient');
        forbid('tokenOut');
        forbid('amountOut');
        break;
      case 'swap':
        need('token', 'the token sold');
        need('tokenOut', 'the token bought');
        if ([intent.amount, intent.amountOut, intent.amountUsd].filter((v) => v !== undefined).length !== 1)
          ctx.addIssue({
            code: 'custom',
            path: ['amount'],
            message: 'swap needs exactly one of amount (sold), amountOut (bought) or amountUsd',
          });
        forbid('to');
        break;
      case 'wrap':
      case 'unwrap':
      case 'stake':
      case 'unstake':
      case 'supply':
      case 'withdraw':
        needAmount();
        need('token', 'a token');
        forbid('tokenOut');
        forbid('amountOut');
        forbid('to');
        break;
      case 'approve':
        need('token', 'a token');
        need('to', 'a spender');
        if ((intent.amount === undefined) === (intent.unlimited === undefined))
          ctx.addIssue({ code: 'custom', path: ['amount'], message: 'approve needs an amount, or "unlimited" said explicitly' });
        break;
      case 'revoke':
        need('token', 'a token');
        need('to', 'a spender');
        forbid('amount');
        forbid('amountUsd');
        break;
      case 'claim':
      case 'balance':
        forbid('amount');
        forbid('amountUsd');
        forbid('amountOut');
        forbid('tokenOut');
        forbid('to');
        break;
    }
    if (intent.action !== 'approve') forbid('unlimited');
    if (intent.action !== 'stake') forbid('lockSeconds');
    if (intent.action === 'approve') forbid('amountUsd');
    // A venue narrows who may serve the step; it means nothing for a plain transfer, an allowance or a balance.
    if (['transfer', 'approve', 'revoke', 'balance'].includes(intent.action)) forbid('venue');
    if (intent.action !== 'swap') forbid('amountOut');
  });

export type Intent = z.infer<typeof intentSchema>;

export const intentListSchema = z
  .object({
    intents: z.array(intentSchema).min(1).max(16).describe('One object per step, in the order the user gave them.'),
    preview: z
      .literal(true)
      .optional()
      .describe('The user asked only to look ("quote", "preview", "simulate but don\'t sign"): show, never sign.'),
    notes: z
      .array(z.string().min(1).max(120))
      .max(8)
      .optional()
      .describe('Purpose or aside clauses kept as the user wrote them ("for the rent", "just testing").'),
    corrections: z
      .array(z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) }).strict())
      .max(8)
      .optional()
      .describe('Spelling slips the parser corrected ("swpa" → "swap"), shown to the user with the reading.'),
  })
  .strict()
  .superRefine((list, ctx) => {
    if (list.intents[0]?.amount === 'previous')
      ctx.addIssue({ code: 'custom', path: ['intents', 0, 'amount'], message: 'the first step has no previous step to refer to' });
  });
export type IntentList = z.infer<typeof intentListSchema>;
