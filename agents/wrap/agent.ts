/**
 * The WETH agent: wrap ETH into WETH9 (`deposit()`) and unwrap it back (`withdraw(wad)`), on any chain
 * whose deployment names a `weth` contract.
 */
import { encodeFunctionData, parseAbi } from 'viem';
import { InputError, formatAmount, resolveAmount, defineAgent, parseParams, ETH, type TokenInfo } from '../sdk/index.js';
import { wrapParams } from './schemas.js';

export const weth9Abi = parseAbi(['function deposit() payable', 'function withdraw(uint256 wad)']);

export const wrapAgent = defineAgent({
  id: 'weth',
  description: 'Wrap ETH into WETH, or unwrap WETH into ETH (WETH9).',
  actions: ['wrap', 'unwrap'],
  chains: [],
  params: wrapParams,
  supports: (ctx) => ctx.contracts.weth !== undefined,
  async plan(ctx, intent) {
    const { action, token, amount } = parseParams('weth', wrapParams, intent);
    const wethAddress = ctx.contracts.weth;
    if (!wethAddress) throw new InputError('NO_WETH', `there is no WETH contract known on chain ${ctx.chainId}`);
    if (!['ETH', 'WETH'].includes(token.symbol.toUpperCase()))
      throw new InputError('NOT_WRAPPABLE', `only ETH can be wrapped and WETH unwrapped, not ${token.symbol}`);
    const weth: TokenInfo = { address: wethAddress, symbol: 'WETH', decimals: 18, verified: true };

    if (action === 'wrap') {
      const { value, note } = await resolveAmount(ctx, ETH, amount);
      return {
        agentId: 'weth',
        summary: `Wrap ${formatAmount(value, ETH)} into WETH${note ? ` (${note})` : ''}`,
        calls: [{ to: wethAddress, data: encodeFunctionData({ abi: weth9Abi, functionName: 'deposit' }), value, description: `Wrap ${formatAmount(value, ETH)}` }],
        expects: [
          { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: value, bound: 'exact' },
          { token: wethAddress, symbol: 'WETH', decimals: 18, direction: 'in', amount: value, bound: 'exact' },
        ],
      };
    }
    const { value, note } = await resolveAmount(ctx, weth, amount);
    return {
      agentId: 'weth',
      summary: `Unwrap ${formatAmount(value, weth)} into ETH${note ? ` (${note})` : ''}`,
      calls: [
        {
          to: wethAddress,
          data: encodeFunctionData({ abi: weth9Abi, functionName: 'withdraw', args: [value] }),
          value: 0n,
          description: `Unwrap ${formatAmount(value, weth)}`,
        },
      ],
      expects: [
        { token: wethAddress, symbol: 'WETH', decimals: 18, direction: 'out', amount: value, bound: 'exact' },
        { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'in', amount: value, bound: 'exact' },
      ],
    };
  },
});
