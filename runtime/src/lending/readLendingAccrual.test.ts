/**
 * The tolerance a lending plan's real outcome gets over its simulation, on a devnet with Aave V3: it covers the
 * interest really accrued between the simulated block and inclusion, and goes to the market's own aToken and
 * asset (by address), never to a token that only shares the asset's symbol.
 */
import { createTestClient, createWalletClient, erc20Abi, http, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aaveAgent } from '../../../agents/index.js';
import { anvilAccount, devnetContext, executePlan } from '../../../agents/sdk/testing.js';
import type { AgentContext, ResolvedIntent, TokenInfo } from '../../../kernel/index.js';
import * as artifacts from '../../../registry-contracts/artifacts.js';
import { devnetChain } from '../chain/clients.js';
import { listLendingMarkets, type LendingMarket } from '../devnet/deployment.js';
import { startTestDevnet, type TestDevnet } from '../devnet/testing.js';
import type { BalanceChange } from '../simulate/types.js';
import { readLendingAccrual } from './readLendingAccrual.js';

let devnet: TestDevnet;
let ctx: AgentContext;
let market: LendingMarket;
let usdc: TokenInfo;
let fakeUsdc: TokenInfo;
let simulatedBlock: bigint;
let toBlock: bigint;
let grown: bigint;

const balanceOf = (token: Address, blockNumber: bigint) => ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account], blockNumber });
const withdrawAll = (token: TokenInfo): ResolvedIntent => ({ action: 'withdraw', token, amount: { kind: 'all' }, slippageBps: 0 });
const change = (token: Address, symbol: string, diff: bigint): BalanceChange => ({ address: ctx.account, token, symbol, decimals: 6, verified: false, pre: 0n, post: diff, diff });

beforeAll(async () => {
  devnet = await startTestDevnet();
  ctx = await devnetContext(devnet);
  market = listLendingMarkets(devnet.deployment).find((m) => m.symbol === 'USDC')!;
  usdc = ctx.tokens!.find((t) => t.symbol === 'USDC')!;
  // The attacker's token: a contract that calls itself USDC, at its own address.
  const wallet = createWalletClient({ account: anvilAccount(3), chain: devnetChain, transport: http(devnet.rpcUrl) });
  const hash = await wallet.deployContract({ abi: artifacts.DevToken.abi, bytecode: artifacts.DevToken.bytecode, args: ['USD Coin', 'USDC', 6, anvilAccount(3).address] });
  fakeUsdc = { address: (await ctx.client.waitForTransactionReceipt({ hash })).contractAddress!, symbol: 'USDC', decimals: 6, verified: false };

  await executePlan(devnet.rpcUrl, await aaveAgent.plan(ctx, { action: 'supply', token: usdc, amount: { kind: 'exact', value: parseUnits('1000', 6) }, slippageBps: 0 }));
  simulatedBlock = await ctx.client.getBlockNumber({ cacheTime: 0 });
  // Inclusion a day later: the position has earned a day's interest that no simulation at `simulatedBlock` saw.
  const testClient = createTestClient({ mode: 'anvil', chain: devnetChain, transport: http(devnet.rpcUrl) });
  await testClient.increaseTime({ seconds: 86_400 });
  await testClient.mine({ blocks: 1 });
  toBlock = await ctx.client.getBlockNumber({ cacheTime: 0 });
  grown = (await balanceOf(market.aToken, toBlock)) - (await balanceOf(market.aToken, simulatedBlock));
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('readLendingAccrual', () => {
  test('default: "withdraw all" of the market\'s asset covers the interest really accrued since the simulated block, on the aToken and the asset', async () => {
    expect(grown).toBeGreaterThan(0n);
    const position = await balanceOf(market.aToken, simulatedBlock);
    const accrual = await readLendingAccrual(ctx.client, {
      markets: listLendingMarkets(devnet.deployment),
      account: ctx.account,
      calls: [{ to: market.pool }],
      simulation: { blockNumber: simulatedBlock, balanceChanges: [change(market.aToken, 'aUSDC', -position), change(usdc.address as Address, 'USDC', position)] },
      intents: [withdrawAll(usdc)],
      toBlock,
    });
    // Every market of the Pool called gets its aToken's tolerance (others' positions are empty here: 2 units).
    const aTokens = listLendingMarkets(devnet.deployment).map((m) => m.aToken);
    expect(new Set(accrual.map((a) => a.token))).toEqual(new Set([...aTokens, market.asset]));
    for (const { upTo } of accrual.filter((a) => a.token === market.aToken || a.token === market.asset)) {
      expect(upTo).toBeGreaterThanOrEqual(grown);
      // …and not a blank cheque: within a few minutes' interest of what really accrued over the day.
      expect(upTo).toBeLessThan(grown * 2n);
    }
  });

  test('guarantee: a token that only shares the asset\'s symbol gets no tolerance, whether it is in the simulation or is what "withdraw all" names', async () => {
    const position = await balanceOf(market.aToken, simulatedBlock);
    const parameters = {
      markets: listLendingMarkets(devnet.deployment),
      account: ctx.account,
      calls: [{ to: market.pool }],
      // The hostile USDC moves in the simulation, listed before the real one.
      simulation: { blockNumber: simulatedBlock, balanceChanges: [change(fakeUsdc.address as Address, 'USDC', position), change(market.aToken, 'aUSDC', -position)] },
      toBlock,
    };
    const hostile = (accrual: { token: Address }[]) => accrual.filter((a) => a.token.toLowerCase() === (fakeUsdc.address as string).toLowerCase());
    const real = await readLendingAccrual(ctx.client, { ...parameters, intents: [withdrawAll(usdc)] });
    expect(hostile(real)).toEqual([]);
    expect(real.find((a) => a.token === market.aToken)!.upTo).toBeGreaterThanOrEqual(grown);
    // "withdraw all my USDC" resolved to the lookalike: no market is its, so neither it nor the real USDC is excused.
    const lookalike = await readLendingAccrual(ctx.client, { ...parameters, intents: [withdrawAll(fakeUsdc)] });
    expect(new Set(lookalike.map((a) => a.token))).toEqual(new Set(listLendingMarkets(devnet.deployment).map((m) => m.aToken)));
  });

  test('behavior: a plan that calls no lending Pool gets no tolerance', async () => {
    const accrual = await readLendingAccrual(ctx.client, {
      markets: listLendingMarkets(devnet.deployment),
      account: ctx.account,
      calls: [{ to: usdc.address as Address }],
      simulation: { blockNumber: simulatedBlock, balanceChanges: [] },
      intents: [withdrawAll(usdc)],
      toBlock,
    });
    expect(accrual).toEqual([]);
  });
});
