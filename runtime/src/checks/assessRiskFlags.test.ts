import { encodeFunctionData, erc20Abi, getAddress, parseEther, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { maxUint256, type Plan, type PlanCall, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { simulatePlan } from '../simulate/simulatePlan.js';
import { bob, startTestChain, user, type TestChain } from '../simulate/test-utils/devnet.js';
import { assessRiskFlags, type AssessRiskFlagsParameters } from './assessRiskFlags.js';
import { findLookalike, highlightDifferences } from './lookalike.js';

let chain: TestChain;
let tokens: TokenInfo[];
let USDC: TokenInfo;
const ETH: TokenInfo = { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true };

beforeAll(async () => {
  chain = await startTestChain();
  USDC = { address: chain.tokens.USDC, symbol: 'USDC', decimals: 6, verified: true };
  tokens = [USDC, { address: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: true }, { address: chain.tokens.WETH, symbol: 'WETH', decimals: 18, verified: true }];
});
afterAll(async () => {
  await chain?.stop();
});

async function risks(calls: PlanCall[], intents: ResolvedIntent[], extra: Partial<AssessRiskFlagsParameters> = {}) {
  const report = await simulatePlan(chain.client, { account: user, calls, tokens });
  const plan: Plan = { agentId: 'test', summary: 'test', calls, expects: [], ...(extra.plan ? { quote: extra.plan.quote } : {}) };
  return assessRiskFlags({
    report,
    intents,
    plan,
    account: user,
    knownProtocolContracts: Object.values(chain.contracts),
    knownTokens: tokens,
    pastRecipients: [bob],
    client: chain.client,
    ...extra,
    ...(extra.plan ? { plan: { ...plan, quote: extra.plan.quote } } : {}),
  });
}

const approveCall = (spender: Address, amount: bigint): PlanCall => ({
  to: chain.tokens.USDC,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
  value: 0n,
  description: 'approve',
});
const usdcTransfer = (to: Address, amount: bigint): PlanCall => ({
  to: chain.tokens.USDC,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
  value: 0n,
  description: 'transfer',
});
const transferIntent = (to: Address, amount: bigint): ResolvedIntent => ({ action: 'transfer', amount: { kind: 'exact', value: amount }, token: USDC, to, slippageBps: 0 });

describe('assessRiskFlags', () => {
  test('default: a transfer to a known account raises nothing', async () => {
    expect(await risks([usdcTransfer(bob, parseUnits('1', 6))], [transferIntent(bob, parseUnits('1', 6))])).toEqual([]);
  });

  test('behavior: unlimited approval to a plain account is flagged unlimited (warning) and EOA spender (danger)', async () => {
    const flags = await risks([approveCall(bob, maxUint256)], [{ action: 'approve', unlimited: true, token: USDC, to: bob, slippageBps: 0 }]);
    expect(flags.map((flag) => [flag.code, flag.level])).toEqual([
      ['APPROVAL_SPENDER_EOA', 'danger'],
      ['UNLIMITED_APPROVAL', 'warning'],
    ]);
    expect(flags[0]!.message).toBe(`The spender ${bob.slice(0, 6)}…${bob.slice(-4)} is a plain account, not a contract: approving unlimited USDC lets its owner take it.`);
  });

  test('behavior: an approval to an unknown contract is a warning, to the known router nothing', async () => {
    const toRouter = await risks([approveCall(chain.contracts.uniswapV2Router, 5n)], []);
    expect(toRouter).toEqual([]);
    const toDai = await risks([approveCall(chain.tokens.DAI, 5n)], []);
    expect(toDai.map((flag) => flag.code)).toEqual(['APPROVAL_SPENDER_UNKNOWN']);
  });

  test('behavior: sending tokens to a token contract is danger', async () => {
    const flags = await risks([usdcTransfer(chain.tokens.USDC, parseUnits('1', 6))], [transferIntent(chain.tokens.USDC, parseUnits('1', 6))]);
    expect(flags.map((flag) => [flag.code, flag.level])).toEqual([
      ['RECIPIENT_IS_TOKEN', 'danger'],
      ['RECIPIENT_NEW', 'warning'],
    ]);
  });

  test('behavior: sending tokens to a protocol contract the deployment knows (the router, the factory) is danger, not just a new recipient', async () => {
    for (const protocol of [chain.contracts.uniswapV2Router, chain.contracts.uniswapV2Factory]) {
      const flags = await risks([usdcTransfer(protocol, parseUnits('1', 6))], [transferIntent(protocol, parseUnits('1', 6))]);
      expect(flags.map((flag) => [flag.code, flag.level])).toEqual([
        ['RECIPIENT_IS_PROTOCOL', 'danger'],
        ['RECIPIENT_NEW', 'warning'],
      ]);
    }
  });

  test('behavior: a recipient that looks like a past recipient at both ends is danger, at one end a warning', async () => {
    const lookalike = getAddress(`0x${bob.slice(2, 6)}${'0'.repeat(32)}${bob.slice(-4)}`);
    const flags = await risks([usdcTransfer(lookalike, 1n)], [transferIntent(lookalike, 1n)]);
    const flag = flags.find((f) => f.code === 'ADDRESS_LOOKALIKE');
    expect(flag).toMatchObject({ level: 'danger', address: lookalike });
    expect(flag?.message).toBe(`${lookalike} looks like ${bob}, an address you know, but it is a different address.`);
    expect(flags.map((f) => f.code)).toContain('RECIPIENT_NEW');

    const startOnly = getAddress(`0x${bob.slice(2, 6)}${'1'.repeat(36)}`);
    const flags2 = await risks([usdcTransfer(startOnly, 1n)], [transferIntent(startOnly, 1n)]);
    expect(flags2.find((f) => f.code === 'ADDRESS_LOOKALIKE')?.level).toBe('warning');
  });

  test('behavior: a swap paying another address is danger', async () => {
    const call: PlanCall = {
      to: chain.contracts.uniswapV2Router,
      data: encodeFunctionData({
        abi: UniswapV2Router02.abi,
        functionName: 'swapExactETHForTokens',
        args: [0n, [chain.tokens.WETH, chain.tokens.USDC], bob, 2n ** 40n],
      }),
      value: parseEther('1'),
      description: 'swap',
    };
    const flags = await risks([call], [{ action: 'swap', amount: { kind: 'exact', value: parseEther('1') }, token: ETH, tokenOut: USDC, slippageBps: 50 }]);
    expect(flags.filter((f) => f.code === 'SWAP_OUTPUT_NOT_TO_USER').map((f) => f.level)).toEqual(['danger', 'danger']);
  });

  test('behavior: price impact, slippage, unverified tokens and a changed ENS name', async () => {
    const unknownToken: TokenInfo = { address: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: false };
    const flags = await risks(
      [usdcTransfer(bob, 1n)],
      [{ action: 'swap', amount: { kind: 'exact', value: 1n }, token: USDC, tokenOut: unknownToken, slippageBps: 2500 }],
      {
        marketImpactBps: 1500,
        ensResolution: { name: 'bob.eth', address: bob, previousAddress: user },
      },
    );
    const byCode = Object.fromEntries(flags.map((flag) => [flag.code, flag.level]));
    expect(byCode).toMatchObject({ PRICE_IMPACT: 'warning', SLIPPAGE: 'danger', TOKEN_UNVERIFIED: 'warning', ENS_CHANGED: 'warning' });
    expect(flags.find((f) => f.code === 'PRICE_IMPACT')?.message).toBe('Price impact 15%: you get much less than the market price.');
  });
});

describe('lookalike', () => {
  const known: Address = '0x1234567890abcdef1234567890abcdef12345678';
  test('both ends equal', () => {
    expect(findLookalike('0x1234000000000000000000000000000000005678', [known])?.match).toBe('both');
  });
  test('one end equal', () => {
    expect(findLookalike('0x1234000000000000000000000000000000000000', [known])?.match).toBe('start');
    expect(findLookalike('0x0000000000000000000000000000000000005678', [known])?.match).toBe('end');
  });
  test('same address or nothing in common is no lookalike', () => {
    expect(findLookalike(known, [known])).toBeUndefined();
    expect(findLookalike('0xffff00000000000000000000000000000000ffff', [known])).toBeUndefined();
  });
  test('differences highlighted', () => {
    const real: Address = `0x1234${'a'.repeat(32)}5678`;
    expect(highlightDifferences(`0x1234${'b'.repeat(32)}5678`, real)).toBe(`0x1234[${'b'.repeat(32)}]5678`);
    expect(highlightDifferences(`0x1234${'a'.repeat(15)}b${'a'.repeat(16)}5679`, real)).toBe(`0x1234${'a'.repeat(15)}[b]${'a'.repeat(16)}567[9]`);
  });
});
