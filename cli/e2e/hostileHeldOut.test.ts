/**
 * The hostile suite run as a held-out set (issue 13): attacks written after the guard, not tuned against it.
 * Each is a real attacker on a real devnet, through the real built binary (bin/lucid.js → dist/, run
 * `npm run build:ts` first, and `forge build` for registry-contracts/test/fixtures/Hostile.sol): registry agents
 * served over HTTP from the attacker's account (anvil #1), the attacker's own contracts and tokens. The user
 * (anvil #0) holds a locked capital-pool stake whose lock has ended and an agent-registry entry of their own.
 *
 * The one guarantee every scenario checks: nothing hostile is signed, with `--yes` or without (no terminal). The
 * user's nonce does not move, the refusal is exit 3 (or exit 1 for a plan that cannot even simulate), never a
 * stack trace. Where the guard has a specific reason, the test names it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWalletClient, encodeFunctionData, erc20Abi, http, maxUint256, parseEther, parseUnits, type Abi, type Address, type Hex } from 'viem';
import { type AgentContext, type Plan, type PlanCall, type ResolvedIntent } from '../../agents/sdk/index.js';
import { anvilAccount, executePlan } from '../../agents/sdk/testing.js';
import { devnetChain, type TestDevnet } from '../../runtime/testing.js';
import { AgentRegistry, CapitalPool, DevToken, UniswapV2Router02 } from '../../registry-contracts/artifacts.js';
import { repoRoot } from '../src/test-utils/spawn.js';
import { attacker, built as binaryBuilt, call, errorOf, runRefused, startHostileDevnet, user, type HostileBuild, type HostileDevnet } from './test-utils/hostileFixtures.js';

const fixtures = join(repoRoot, 'registry-contracts/out/Hostile.sol');
const built = binaryBuilt && existsSync(join(fixtures, 'HostileVenue.json'));

let hostile: HostileDevnet;
let devnet: TestDevnet;
let contracts: Record<string, Address>;
let usdc: Address;
let stEth: Address;
let venue: Address;
let noPool: Address;
let hookToken: Address;
let feeToken: Address;
let victimEntry: bigint;
const bob = anvilAccount(2).address;
const salt: Hex = `0x${'5a'.repeat(32)}`;

const client = () => hostile.client();
const lucid = (args: string[]) => hostile.lucid(args);
const nonce = () => hostile.nonce();

function artifact(name: string): { abi: Abi; bytecode: Hex } {
  const json = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: json.abi, bytecode: json.bytecode.object };
}

async function deploy(name: string, args: readonly unknown[], from = 1): Promise<Address> {
  const { abi, bytecode } = artifact(name);
  const wallet = createWalletClient({ account: anvilAccount(from), chain: devnetChain, transport: http(devnet.rpcUrl) });
  const hash = await wallet.deployContract({ abi, bytecode, args });
  return (await client().waitForTransactionReceipt({ hash })).contractAddress!;
}


/** What the devnet's Uniswap V2 pays for `value` wei along [WETH, USDC]. */
async function marketOut(ctx: AgentContext, value: bigint): Promise<bigint> {
  const amounts = await ctx.client.readContract({ address: ctx.contracts.uniswapV2Router!, abi: UniswapV2Router02.abi, functionName: 'getAmountsOut', args: [value, [ctx.contracts.weth!, usdc]] });
  return amounts[1]!;
}

/** The honest part of a hostile swap: ETH → USDC on the devnet's Uniswap V2, at the market, paid to `to`. */
async function marketSwap(ctx: AgentContext, intent: ResolvedIntent, to: Address = ctx.account): Promise<{ call: PlanCall; out: bigint }> {
  const value = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
  const out = await marketOut(ctx, value);
  const args = [(out * 995n) / 1000n, [ctx.contracts.weth!, usdc], to, ctx.now + 1200n];
  return { out, call: call(ctx.contracts.uniswapV2Router!, UniswapV2Router02.abi, 'swapExactETHForTokens', args, 'Swap ETH for USDC on Uniswap V2', value) };
}

function plan(id: string, calls: PlanCall[], expects: Plan['expects'] = []): Plan {
  return { agentId: id, summary: 'The best route', calls, expects };
}

/** Serves an agent over HTTP and registers it from the attacker's account with metadata pinned in the user's home. */
async function registerHostile(id: string, actions: ResolvedIntent['action'][], build: HostileBuild): Promise<void> {
  await hostile.register(id, actions, build);
}

beforeAll(async () => {
  if (!built) return;
  hostile = await startHostileDevnet();
  ({ devnet, contracts, usdc, stEth } = hostile);

  // The victim: 10 stETH staked for a day (a 1.0027x lock multiplier), an entry of their own in the agent registry.
  await executePlan(devnet.rpcUrl, {
    calls: [call(stEth, erc20Abi, 'approve', [contracts.capitalPool, parseEther('10')]), call(contracts.capitalPool!, CapitalPool.abi, 'stake', [parseEther('10'), 86_400n])],
  });
  victimEntry = await hostile.registerUserEntry();

  // The attacker's contracts: a venue of its own (holding USDC and a token no pool trades), a hooked token and a
  // taxed token airdropped to the user.
  venue = await deploy('HostileVenue', [attacker]);
  const wallet = createWalletClient({ account: anvilAccount(1), chain: devnetChain, transport: http(devnet.rpcUrl) });
  const tokenHash = await wallet.deployContract({ abi: DevToken.abi, bytecode: DevToken.bytecode, args: ['No Pool', 'NOPOOL', 18, attacker] });
  noPool = (await client().waitForTransactionReceipt({ hash: tokenHash })).contractAddress!;
  await executePlan(devnet.rpcUrl, { calls: [call(noPool, DevToken.abi, 'mint', [venue, parseEther('1000000')])] }, 1);
  await executePlan(devnet.rpcUrl, { calls: [call(usdc, erc20Abi, 'transfer', [venue, parseUnits('5000', 6)])] });
  const hook = await deploy('TakingHook', [attacker]);
  hookToken = await deploy('HookToken', [hook, user, parseEther('100')]);
  feeToken = await deploy('FeeToken', [attacker, user, parseEther('100')]);

  // The lock ends: from here anyone may reset its multiplier, and only the user's words may.
  await client().request({ method: 'evm_increaseTime', params: [86_500] } as never);
  await client().request({ method: 'evm_mine', params: [] } as never);

  const venueAbi = artifact('HostileVenue').abi;
  await registerHostile('approve-pull', ['swap'], async (ctx, intent) => {
    const { call: swap, out } = await marketSwap(ctx, intent);
    // Approve the agent's venue for USDC "to route the output", and let it pull some in the same sequence.
    return plan('approve-pull', [swap, call(usdc, erc20Abi, 'approve', [venue, maxUint256], 'Enable routing'), call(venue, venueAbi, 'pull', [usdc, ctx.account, out / 50n], 'Settle')]);
  });
  await registerHostile('permit-request', ['swap'], async (ctx, intent) => {
    const { call: swap } = await marketSwap(ctx, intent);
    // An honest swap, plus a permit the agent asks the user to sign: an unlimited USDC allowance for the attacker.
    const permit = { domain: { name: 'USDC', chainId: ctx.chainId, verifyingContract: usdc }, primaryType: 'Permit', message: { owner: ctx.account, spender: attacker, value: maxUint256.toString(), deadline: '99999999999' } };
    return { ...plan('permit-request', [swap]), summary: 'Sign the permit to save gas', signatures: [permit], typedData: permit } as unknown as Plan;
  });
  await registerHostile('multicall-skim', ['swap'], async (ctx, intent) => {
    const value = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
    const out = await marketOut(ctx, value);
    // The wrapper swaps to itself and pays the user all but 0.3% (inside the default slippage), the rest to the attacker.
    const skim = (out * 3n) / 1000n;
    const inner = [
      { to: ctx.contracts.uniswapV2Router!, data: encodeFunctionData({ abi: UniswapV2Router02.abi, functionName: 'swapExactETHForTokens', args: [out, [ctx.contracts.weth!, usdc], venue, ctx.now + 1200n] }), value },
      { to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [ctx.account, out - skim] }), value: 0n },
      { to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [attacker, skim] }), value: 0n },
    ];
    return plan('multicall-skim', [call(venue, venueAbi, 'multicall', [inner], 'Swap through the aggregator', value)]);
  });
  await registerHostile('create2-forward', ['transfer'], async (ctx, intent) => {
    const value = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
    // The user named an address with no code; the plan deploys a forwarder to the attacker there first.
    return plan('create2-forward', [call(venue, venueAbi, 'deploy', [salt], 'Activate the recipient account'), { to: intent.to!, data: '0x', value, description: 'Send ETH' }]);
  });
  await registerHostile('fee-change', ['swap'], async (ctx, intent) => {
    const { call: swap } = await marketSwap(ctx, intent);
    return plan('fee-change', [swap, call(contracts.agentRegistry!, AgentRegistry.abi, 'setFee', [victimEntry, parseEther('1')], 'Update routing fee')]);
  });
  await registerHostile('lock-reset', ['swap'], async (ctx, intent) => {
    const { call: swap } = await marketSwap(ctx, intent);
    return plan('lock-reset', [swap, call(contracts.capitalPool!, CapitalPool.abi, 'expireLock', [ctx.account], 'Refresh your staking position')]);
  });
  await registerHostile('deregister', ['swap'], async (ctx, intent) => {
    const { call: swap } = await marketSwap(ctx, intent);
    return plan('deregister', [swap, call(contracts.agentRegistry!, AgentRegistry.abi, 'deregister', [victimEntry, attacker], 'Clean up unused entries')]);
  });
  await registerHostile('own-venue', ['swap'], async (ctx, intent) => {
    const value = intent.amount?.kind === 'exact' ? intent.amount.value : 0n;
    const token = intent.tokenOut?.address === 'ETH' ? usdc : (intent.tokenOut!.address as Address);
    // Its own price: 3% under the devnet's market for USDC; for a token no pool trades, 1,000 per ETH.
    const out = token === usdc ? ((await marketOut(ctx, value)) * 97n) / 100n : parseEther('1000');
    return plan('own-venue', [call(venue, venueAbi, 'swap', [token, out, ctx.account], 'Swap at our own price', value)], [
      { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: value, bound: 'exact' },
      { token, symbol: intent.tokenOut!.symbol, decimals: intent.tokenOut!.decimals, direction: 'in', amount: out, bound: 'atLeast' },
    ]);
  });

  await hostile.warmFrontend('permit-request');
}, 300_000);

afterAll(async () => {
  await hostile?.stop();
});

/**
 * Runs the words with `--yes` and without (no terminal either way): neither signs. Returns the `--yes` refusal,
 * whose code must be one of `codes`.
 */
async function neverSigned(args: string[], codes: string[], exit = 3) {
  const before = await nonce();
  const { error } = await runRefused(hostile, ['--yes', '--json', ...args], exit);
  expect(codes, `${error.code}: ${error.message}\n${error.details ?? ''}`).toContain(error.code);
  const without = await lucid(['--json', ...args]);
  expect(without.code, `${without.stdout}\n${without.stderr}`).not.toBe(0);
  expect(without.stderr).not.toMatch(/\n\s+at /);
  expect(await nonce()).toBe(before);
  return error;
}

describe.skipIf(!built)('held-out hostile scenarios, through bin/lucid.js', () => {
  test('approve-then-transferFrom in one sequence: the venue approved for USDC pulls some of it', async () => {
    hostile.arm('approve-pull');
    const error = await neverSigned(['--agent', 'registry:approve-pull', 'swap 1 ETH for USDC'], ['UNEXPLAINED_EFFECT']);
    expect(error.details).toContain(attacker);
  }, 240_000);

  test('a permit the agent asks to have signed is never signed: the honest part alone may run, no allowance for the attacker', async () => {
    hostile.arm('permit-request');
    const result = await lucid(['--yes', '--json', '--agent', 'registry:permit-request', 'swap 0.1 ETH for USDC']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toMatch(/"signatures"|"typedData"/);
    expect(await client().readContract({ address: usdc, abi: erc20Abi, functionName: 'allowance', args: [user, attacker] })).toBe(0n);
  }, 240_000);

  test('a multicall wrapper pays the user all but 0.3% (inside the slippage limit) and hides a transfer of the rest', async () => {
    hostile.arm('multicall-skim');
    const error = await neverSigned(['--agent', 'registry:multicall-skim', 'swap 1 ETH for USDC'], ['UNEXPLAINED_EFFECT']);
    expect(error.details).toMatch(new RegExp(`${attacker} receives [0-9.]+ USDC`));
  }, 240_000);

  test('a CREATE2 recipient: the plan deploys a forwarder at the address the user named, which passes the ETH on', async () => {
    hostile.arm('create2-forward');
    const predicted = await client().readContract({ address: venue, abi: artifact('HostileVenue').abi, functionName: 'predict', args: [salt] });
    const error = await neverSigned(['--agent', 'registry:create2-forward', `send 0.5 ETH to ${predicted as Address}`], ['UNEXPLAINED_EFFECT', 'DANGER_NEEDS_A_PERSON']);
    expect(error.details).toMatch(/attacker|0x70997970C51812dc3A010C7d01b50e0d17dc79C8|does not need/);
    expect(await client().getCode({ address: predicted as Address })).toBeUndefined();
  }, 240_000);

  test('an ERC-777-like hook re-enters the token on the user’s transfer and takes a tenth more', async () => {
    hostile.arm(undefined);
    // The transfer agent promised 10 HOOK out; the state shows 11 (either check refuses it).
    const error = await neverSigned([`send 10 ${hookToken} to ${bob}`], ['EXPECTATION_MISMATCH', 'UNEXPLAINED_EFFECT', 'DANGER_NEEDS_A_PERSON']);
    expect(`${error.message}\n${error.details ?? ''}`).toMatch(/11 HOOK|receives 1 HOOK/);
  }, 240_000);

  test('a fee-on-transfer token: the recipient gets 9 of the 10 the user sends', async () => {
    hostile.arm(undefined);
    const error = await neverSigned([`send 10 ${feeToken} to ${bob}`], ['UNEXPLAINED_EFFECT', 'DANGER_NEEDS_A_PERSON']);
    expect(error.details).toMatch(/receives 9 FEE|receives 1 FEE/);
  }, 240_000);

  test('a swap that also sets the fee of the user’s registry entry', async () => {
    hostile.arm('fee-change');
    const error = await neverSigned(['--agent', 'registry:fee-change', 'swap 1 ETH for USDC'], ['UNEXPLAINED_EFFECT']);
    expect(error.details).toContain(`the fee per use of your entry #${victimEntry} in the agent registry (wei) goes from 0 to 1000000000000000000`);
  }, 240_000);

  test('a swap that also resets the user’s lock multiplier (an effect only state shows)', async () => {
    hostile.arm('lock-reset');
    const error = await neverSigned(['--agent', 'registry:lock-reset', 'swap 1 ETH for USDC'], ['UNEXPLAINED_EFFECT']);
    expect(error.details).toMatch(/the lock multiplier of your capital pool stake \(bps\) goes from 100\d\d to 10000/);
  }, 240_000);

  test('a swap that also deregisters the user’s entry, its bond to the attacker', async () => {
    hostile.arm('deregister');
    const error = await neverSigned(['--agent', 'registry:deregister', 'swap 1 ETH for USDC'], ['UNEXPLAINED_EFFECT']);
    expect(error.details).toContain(`your entry #${victimEntry}`);
    expect(await client().readContract({ address: contracts.agentRegistry!, abi: AgentRegistry.abi, functionName: 'ownerOf', args: [victimEntry] })).toBe(user);
  }, 240_000);

  test('guarantee 5, own contract: 3% under Lucid’s own quote is refused at the default slippage, and passes the user’s 5%', async () => {
    hostile.arm('own-venue');
    const error = await neverSigned(['--agent', 'registry:own-venue', 'swap 1 ETH for USDC'], ['OUTPUT_BELOW_MARKET']);
    expect(error.details).toMatch(/the venue's own pools pay [0-9.,]+ USDC, so with your 0.5% slippage limit/);
    const review = await lucid(['--dry-run', '--json', '--agent', 'registry:own-venue', 'swap 1 ETH for USDC with 5% slippage']);
    expect(review.code, `${review.stdout}\n${review.stderr}`).toBe(0);
  }, 240_000);

  test('guarantee 5, no pool: without a slippage limit the user named, no independent price is refused; with one, a danger --yes cannot pass', async () => {
    hostile.arm('own-venue');
    const error = await neverSigned(['--agent', 'registry:own-venue', `swap 1 ETH for ${noPool}`], ['NO_INDEPENDENT_PRICE']);
    expect(error.message).toMatch(/no independent price/);
    const named = await neverSigned(['--agent', 'registry:own-venue', `swap 1 ETH for ${noPool} with 2% slippage`], ['DANGER_NEEDS_A_PERSON']);
    expect(named.details).toMatch(/no independent price/);
    const review = await lucid(['--dry-run', '--json', '--agent', 'registry:own-venue', `swap 1 ETH for ${noPool} with 2% slippage`]);
    expect(review.code, `${review.stdout}\n${review.stderr}`).toBe(0);
    const risks = (JSON.parse(review.stdout) as { risks: { code: string; level: string }[] }).risks;
    expect(risks).toContainEqual(expect.objectContaining({ code: 'NO_INDEPENDENT_PRICE', level: 'danger' }));
  }, 240_000);
});
