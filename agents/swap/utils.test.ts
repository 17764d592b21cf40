import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import type { TokenInfo } from '../sdk/index.js';
import { routeSymbols, swapEnds, swapExpects, swapLimits, swapPaths } from './utils.js';

const weth: Address = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const usdc: TokenInfo = { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', decimals: 6, verified: true };
const dai: TokenInfo = { address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', symbol: 'DAI', decimals: 18, verified: true };
const eth: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const ctx = { chainId: 1, tokens: [eth, usdc, dai] };

describe('swapLimits', () => {
  test('default: the minimum out rounds down and the maximum in rounds up, so slippage never widens past the asked bps', () => {
    expect(swapLimits({ exactIn: true, amountIn: 1001n, amountOut: 1000n }, 50)).toEqual({ exactIn: true, amountIn: 1001n, amountOut: 1000n, minOut: 995n, maxIn: 1007n });
    expect(swapLimits({ exactIn: false, amountIn: 10_000n, amountOut: 7n }, 0)).toMatchObject({ minOut: 7n, maxIn: 10_000n });
  });
});

describe('swapEnds', () => {
  test('default: ETH trades as the venue’s WETH', () => {
    expect(swapEnds({ token: eth, tokenOut: usdc }, weth)).toEqual({ from: weth, to: usdc.address });
  });

  test('errors: ETH for WETH is the same token on the venue, refused with the hint to wrap', () => {
    const wethToken: TokenInfo = { address: weth, symbol: 'WETH', decimals: 18, verified: true };
    expect(() => swapEnds({ token: eth, tokenOut: wethToken }, weth)).toThrowError(expect.objectContaining({ code: 'SAME_TOKEN', hints: ['to turn ETH into WETH or back, wrap or unwrap it'] }));
  });
});

describe('swapPaths and routeSymbols', () => {
  test('behavior: the direct path, then one path per intermediate that is neither end, each once', () => {
    const paths = swapPaths(ctx, { weth, intermediates: ['WETH', 'USDC', 'usdc', 'DAI'] }, dai.address as Address, usdc.address as Address);
    expect(paths).toEqual([[dai.address, usdc.address], [dai.address, weth, usdc.address]]);
    expect(routeSymbols(ctx, weth, paths[1]!, { token: dai, tokenOut: usdc })).toEqual(['DAI', 'WETH', 'USDC']);
  });
});

describe('swapExpects', () => {
  test('behavior: exact-in promises all of the input out and at least the minimum in; exact-out the reverse', () => {
    const limits = swapLimits({ exactIn: true, amountIn: 10n ** 18n, amountOut: 3_000_000_000n }, 100);
    expect(swapExpects({ token: eth, tokenOut: usdc }, limits)).toEqual([
      { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: 10n ** 18n, bound: 'exact' },
      { token: usdc.address, symbol: 'USDC', decimals: 6, direction: 'in', amount: 2_970_000_000n, bound: 'atLeast' },
    ]);
    const out = swapExpects({ token: eth, tokenOut: usdc }, { ...limits, exactIn: false });
    expect(out.map((effect) => [effect.direction, effect.amount, effect.bound])).toEqual([['out', limits.maxIn, 'atMost'], ['in', 3_000_000_000n, 'exact']]);
  });
});
