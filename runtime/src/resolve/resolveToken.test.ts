import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../../../kernel/index.js';
import { devnetClient, startTestDevnet, type TestDevnet } from '../../../agents/sdk/testing.js';
import { nearestSymbol, resolveToken } from './resolveToken.js';

let devnet: TestDevnet;
const params = (ref: string) => ({ client: devnetClient(devnet.rpcUrl), chainId: 31337, deploymentTokens: devnet.deployment.tokens, ref });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InputError);

beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('resolveToken', () => {
  test('default: a symbol in any case resolves to the deployment’s address', async () => {
    const usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!;
    expect(await resolveToken(params('usdc'))).toEqual({ ...usdc, verified: true });
    expect(await resolveToken(params('STETH'))).toMatchObject({ symbol: 'stETH', verified: true });
    expect(await resolveToken(params('eth'))).toEqual({ address: 'ETH', symbol: 'ETH', decimals: 18, verified: true });
  });

  test('behavior: a listed address resolves verified; mainnet symbols come from the list', async () => {
    const dai = devnet.deployment.tokens.find((t) => t.symbol === 'DAI')!;
    expect(await resolveToken(params(dai.address.toLowerCase()))).toMatchObject({ symbol: 'DAI', verified: true });
    const onMainnet = await resolveToken({ client: devnetClient(devnet.rpcUrl), chainId: 1, ref: 'wbtc' });
    expect(onMainnet).toMatchObject({ symbol: 'WBTC', decimals: 8, address: '0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599' });
  });

  test('behavior: an address off the list is read from chain and unverified', async () => {
    const dai = devnet.deployment.tokens.find((t) => t.symbol === 'DAI')!;
    const result = await resolveToken({ ...params(dai.address), deploymentTokens: [] , chainId: 31337 });
    expect(result).toEqual({ address: dai.address, symbol: 'DAI', decimals: 18, verified: false });
  });

  test('errors: UNKNOWN_TOKEN suggests the nearest symbol', async () => {
    const error = await failure(resolveToken(params('USCD')));
    expect(error).toBeInstanceOf(InputError);
    expect(error?.code).toBe('UNKNOWN_TOKEN');
    expect(error?.shortMessage).toMatchInlineSnapshot(`"unknown token "USCD" on anvil"`);
    expect(error?.hints).toEqual(['did you mean USDC?']);
    expect(nearestSymbol('zzzzzzzzzz', ['USDC', 'DAI'])).toBeUndefined();
  });

  test('errors: NOT_A_TOKEN for an address with no code and for a contract that is not an ERC-20', async () => {
    const empty = await failure(resolveToken(params('0x000000000000000000000000000000000000dEaD')));
    expect(empty?.code).toBe('NOT_A_TOKEN');
    expect(empty?.shortMessage).toContain('no contract');
    const factory = await failure(resolveToken(params(devnet.deployment.contracts.uniswapV2Factory!)));
    expect(factory?.code).toBe('NOT_A_TOKEN');
  });
});
