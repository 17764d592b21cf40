/**
 * {{name}}: an example Lucid agent. It wraps ETH into WETH9. Replace plan() with your protocol's calls.
 *
 * An agent only plans: it returns calls and the balance changes it expects. Lucid simulates the plan,
 * checks the simulation against your expectations and the user's words, and signs only after the user
 * confirms. Your agent never sees a key.
 */
import { defineAgent, encodeFunctionData, ETH, formatAmount, InputError, parseAbi, parseParams, resolveAmount } from 'lucid/sdk';
import { params } from './schemas.js';

const weth9Abi = parseAbi(['function deposit() payable']);

export const agent = defineAgent({
  id: '{{name}}',
  description: 'Wraps ETH into WETH (example agent made by lucid agent init).',
  actions: ['wrap'],
  // Chain ids served; [] means every chain where supports() says yes.
  chains: [],
  params,
  supports: (ctx) => ctx.contracts.weth !== undefined,
  async plan(ctx, intent) {
    const { token, amount } = parseParams('{{name}}', params, intent);
    if (token.address !== 'ETH') throw new InputError('NOT_WRAPPABLE', `{{name}} wraps ETH, not ${token.symbol}`);
    const weth = ctx.contracts.weth;
    if (!weth) throw new InputError('NO_WETH', `no WETH contract on chain ${ctx.chainId}`);
    // "all" and "25%" are resolved against the user's balance now, keeping ETH for gas.
    const { value, note } = await resolveAmount(ctx, ETH, amount);
    return {
      agentId: '{{name}}',
      summary: `Wrap ${formatAmount(value, ETH)} into WETH${note ? ` (${note})` : ''}`,
      calls: [{ to: weth, data: encodeFunctionData({ abi: weth9Abi, functionName: 'deposit' }), value, description: `Wrap ${formatAmount(value, ETH)}` }],
      expects: [
        { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: value, bound: 'exact' },
        { token: weth, symbol: 'WETH', decimals: 18, direction: 'in', amount: value, bound: 'exact' },
      ],
    };
  },
});

export default agent;
