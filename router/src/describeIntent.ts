import type { Intent } from '../../kernel/core.js';

/** One plain-language line for a parsed intent, e.g. "swap 1 ETH for USDC (slippage 0.5%)". */
export function describeIntent(intent: Intent): string {
  const amount = intent.amount === 'all' ? 'all' : intent.amount;
  const extras: string[] = [];
  if (intent.slippageBps !== undefined) extras.push(`slippage ${intent.slippageBps / 100}%`);
  if (intent.chain) extras.push(`on ${intent.chain}`);
  const suffix = extras.length ? ` (${extras.join(', ')})` : '';
  switch (intent.action) {
    case 'transfer':
      return `send ${amount} ${intent.token} to ${intent.to}${suffix}`;
    case 'swap':
      return intent.amountOut
        ? `buy exactly ${intent.amountOut} ${intent.tokenOut} with ${intent.token}${suffix}`
        : `swap ${amount} ${intent.token} for ${intent.tokenOut}${suffix}`;
    case 'approve':
      return `approve ${intent.unlimited ? 'unlimited' : amount} ${intent.token} for ${intent.to}${suffix}`;
    case 'revoke':
      return `revoke ${intent.to}'s ${intent.token} allowance${suffix}`;
    case 'balance':
      return `show ${intent.token ? `${intent.token} balance` : 'balances'}${suffix}`;
    case 'claim':
      return `claim ${intent.token ?? 'rewards'}${suffix}`;
    default:
      return `${intent.action} ${amount} ${intent.token}${suffix}`;
  }
}
