/**
 * The transfer agent: sends ETH or an ERC-20 token. Refuses recipients that would lose the funds for
 * certain (the zero address, token contracts). Sending to oneself is allowed: risk rules flag it.
 */
import { encodeFunctionData, erc20Abi, isAddressEqual, zeroAddress } from 'viem';
import { InputError, formatAmount, resolveAmount, defineAgent, parseParams, isTokenContract, type ExpectedEffect, type PlanCall } from '../sdk/index.js';
import { transferParams } from './schemas.js';

export const transferAgent = defineAgent({
  id: 'transfer',
  description: 'Send ETH or any ERC-20 token to an address.',
  actions: ['transfer'],
  chains: [],
  params: transferParams,
  async plan(ctx, intent) {
    const { token, amount, to, toLabel } = parseParams('transfer', transferParams, intent);
    if (isAddressEqual(to, zeroAddress))
      throw new InputError('ZERO_ADDRESS_RECIPIENT', 'refusing to send to the zero address: the funds would be burned');
    if ((token.address !== 'ETH' && isAddressEqual(to, token.address)) || (await isTokenContract(ctx, to)))
      throw new InputError('RECIPIENT_IS_TOKEN', `refusing to send to ${to}: it is a token contract, and tokens sent there are lost`, {
        hints: ['send to the person’s wallet address, not to the token'],
      });

    const { value, note } = await resolveAmount(ctx, token, amount);
    const call: PlanCall =
      token.address === 'ETH'
        ? { to, data: '0x', value, description: `Send ${formatAmount(value, token)} to ${toLabel ?? to}` }
        : {
            to: token.address,
            data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, value] }),
            value: 0n,
            description: `Transfer ${formatAmount(value, token)} to ${toLabel ?? to}`,
          };
    // Sending to oneself moves nothing: no balance change is expected.
    const self = isAddressEqual(to, ctx.account);
    const expects: ExpectedEffect[] = self
      ? []
      : [{ token: token.address, symbol: token.symbol, decimals: token.decimals, direction: 'out', amount: value, bound: 'exact' }];
    return {
      agentId: 'transfer',
      summary: `Send ${formatAmount(value, token)} to ${toLabel ?? to}${note ? ` (${note})` : ''}${self ? ' — your own address' : ''}`,
      calls: [call],
      expects,
    };
  },
});
