import { erc20Abi, parseEther, parseUnits, zeroAddress, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError, type AgentContext, type ResolvedIntent, type TokenInfo } from '../../kernel/index.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from '../sdk/testing.js';
import { transferAgent } from './agent.js';

const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };
const bob: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

let devnet: TestDevnet;
let ctx: AgentContext;
const token = (symbol: string): TokenInfo => ({ ...devnet.deployment.tokens.find((t) => t.symbol === symbol)!, verified: true });
const balanceOf = (asset: TokenInfo, owner: Address) =>
  asset.address === 'ETH'
    ? ctx.client.getBalance({ address: owner })
    : ctx.client.readContract({ address: asset.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
const transfer = (token: TokenInfo, amount: ResolvedIntent['amount'], to: Address): ResolvedIntent => ({ action: 'transfer', token, amount, to, slippageBps: 50 });
const codeOf = (error: unknown) => (error instanceof InputError ? error.code : String(error));

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
});
afterAll(async () => {
  await devnet?.stop();
});

describe('transfer on the devnet', () => {
  test('default: sends 1.5 ETH and the recipient receives exactly that', async () => {
    const plan = await transferAgent.plan(ctx, transfer(ETH, { kind: 'exact', value: parseEther('1.5') }, bob));
    expect(plan.calls).toEqual([{ to: bob, data: '0x', value: parseEther('1.5'), description: `Send 1.5 ETH to ${bob}` }]);
    expect(plan.expects).toEqual([{ token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: parseEther('1.5'), bound: 'exact' }]);
    const before = await balanceOf(ETH, bob);
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(ETH, bob)) - before).toBe(parseEther('1.5'));
  });

  test('ERC-20: sends 250 USDC with transfer(to, amount)', async () => {
    const usdc = token('USDC');
    const plan = await transferAgent.plan(ctx, { ...transfer(usdc, { kind: 'exact', value: parseUnits('250', 6) }, bob), toLabel: 'bob.eth' });
    expect(plan.summary).toBe('Send 250 USDC to bob.eth');
    expect(plan.calls[0]!.to).toBe(usdc.address);
    const before = { bob: await balanceOf(usdc, bob), me: await balanceOf(usdc, ctx.account) };
    await executePlan(devnet.rpcUrl, plan);
    expect((await balanceOf(usdc, bob)) - before.bob).toBe(parseUnits('250', 6));
    expect(before.me - (await balanceOf(usdc, ctx.account))).toBe(parseUnits('250', 6));
  });

  test('amount: "all" DAI sends the whole balance; "all" ETH keeps 0.01 ETH for gas', async () => {
    const dai = token('DAI');
    const all = await transferAgent.plan(ctx, transfer(dai, { kind: 'all' }, bob));
    await executePlan(devnet.rpcUrl, all);
    expect(await balanceOf(dai, ctx.account)).toBe(0n);
    const eth = await transferAgent.plan(ctx, transfer(ETH, { kind: 'all' }, bob));
    expect(eth.calls[0]!.value).toBe((await balanceOf(ETH, ctx.account)) - parseEther('0.01'));
    expect(eth.summary).toContain('keeping 0.01 ETH for gas');
    const quarter = await transferAgent.plan(ctx, transfer(token('USDC'), { kind: 'percent', bps: 2500 }, bob));
    expect(quarter.calls[0]!.data.endsWith(((await balanceOf(token('USDC'), ctx.account)) / 4n).toString(16).padStart(64, '0'))).toBe(true);
  });

  test('behavior: sending to yourself is allowed and expects no balance change', async () => {
    const plan = await transferAgent.plan(ctx, transfer(ETH, { kind: 'exact', value: 1n }, ctx.account));
    expect(plan.expects).toEqual([]);
    expect(plan.summary).toContain('your own address');
  });
});

describe('errors', () => {
  test('ZERO_ADDRESS_RECIPIENT', async () => {
    const error = await transferAgent.plan(ctx, transfer(ETH, { kind: 'exact', value: 1n }, zeroAddress)).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('ZERO_ADDRESS_RECIPIENT');
  });

  test('RECIPIENT_IS_TOKEN: a known token, the token itself, and an unknown ERC-20 found by decimals()', async () => {
    const usdc = token('USDC');
    expect(codeOf(await transferAgent.plan(ctx, transfer(ETH, { kind: 'exact', value: 1n }, usdc.address as Address)).catch((e: unknown) => e))).toBe(
      'RECIPIENT_IS_TOKEN',
    );
    expect(codeOf(await transferAgent.plan(ctx, transfer(usdc, { kind: 'exact', value: 1n }, usdc.address as Address)).catch((e: unknown) => e))).toBe(
      'RECIPIENT_IS_TOKEN',
    );
    // Without a token list the chain itself answers: DAI's contract answers decimals().
    const bare = { ...ctx, tokens: [] };
    const error = await transferAgent.plan(bare, transfer(ETH, { kind: 'exact', value: 1n }, token('DAI').address as Address)).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('RECIPIENT_IS_TOKEN');
    expect((error as InputError).shortMessage).toContain('token contract');
  });

  test('behavior: a contract that is not a token (the router) is allowed: risk rules warn about it', async () => {
    const plan = await transferAgent.plan({ ...ctx, tokens: [] }, transfer(ETH, { kind: 'exact', value: 1n }, devnet.deployment.contracts.uniswapV2Factory!));
    expect(plan.calls).toHaveLength(1);
  });

  test('ZERO_AMOUNT: "all" of an empty balance', async () => {
    const empty = { ...ctx, account: '0x000000000000000000000000000000000000dEaD' as Address };
    const error = await transferAgent.plan(empty, transfer(token('stETH'), { kind: 'all' }, bob)).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('ZERO_AMOUNT');
  });
});
