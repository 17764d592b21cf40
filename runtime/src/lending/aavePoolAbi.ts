/**
 * The aToken functions Lucid reads, as human-readable ABI: written out rather than imported from the generated
 * artifacts so the readers need no contract build, and decode exactly the fields they trust.
 */
import { parseAbi } from 'viem';

/** An aToken: an ERC-20 whose balance is the underlying value, interest included. */
export const aaveATokenAbi = parseAbi([
  'function balanceOf(address account) view returns (uint256)',
  'function scaledBalanceOf(address account) view returns (uint256)',
  'function UNDERLYING_ASSET_ADDRESS() view returns (address)',
  'function POOL() view returns (address)',
  'function decimals() view returns (uint8)',
  'function symbol() view returns (string)',
]);

/** The Pool's ABI and Aave's rate units live with the Aave agent, one layer down: one copy for every reader. */
export { aavePoolAbi, RAY, SECONDS_PER_YEAR } from '../../../agents/index.js';
