/**
 * The approval agent: ERC-20 `approve(spender, amount)` — the amount asked, or the maximum only when the
 * user said "unlimited" — and revoke as `approve(spender, 0)`.
 */
import { encodeFunctionData, erc20Abi, isAddressEqual, maxUint256, zeroAddress } from 'viem';
import { InputError, formatAmount, resolveAmount, defineAgent, parseParams } from '../sdk/index.js';
import { approveParams } from './schemas.js';

export const approveAgent = defineAgent({
  id: 'approve',
  description: 'Approve a spender for an ERC-20 token (exact amount, or unlimited only when asked), or revoke it.',
  actions: ['approve', 'revoke'],
  chains: [],
  params: approveParams,
  async plan(ctx, intent) {
    const { action, token, to, toLabel, amount, unlimited } = parseParams('approve', approveParams, intent);
    if (token.address === 'ETH') throw new InputError('NOT_AN_ERC20', 'ETH has no allowances: only ERC-20 tokens can be approved');
    if (isAddressEqual(to, zeroAddress)) throw new InputError('ZERO_ADDRESS_SPENDER', 'refusing to approve the zero address');
    const spender = toLabel ?? to;

    let value: bigint;
    let shown: string;
    if (action === 'revoke') {
      value = 0n;
      shown = '';
    } else if (unlimited) {
      value = maxUint256;
      shown = `unlimited ${token.symbol}`;
    } else if (amount) {
      value = (await resolveAmount(ctx, token, amount)).value;
      shown = formatAmount(value, token);
    } else throw new InputError('BAD_INTENT', 'approve needs an amount, or "unlimited" said explicitly');

    const description = action === 'revoke' ? `Revoke ${spender}’s allowance for ${token.symbol}` : `Approve ${spender} to spend ${shown}`;
    return {
      agentId: 'approve',
      summary: description,
      calls: [{ to: token.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [to, value] }), value: 0n, description }],
      // An approval moves no balance: the runtime checks the allowance change itself.
      expects: [],
    };
  },
});
