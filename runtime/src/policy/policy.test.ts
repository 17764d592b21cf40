import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Address } from 'viem';
import { encodeFunctionData, erc20Abi, maxUint256, parseEther, parseUnits } from 'viem';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LucidError, type PlanCall, type ResolvedIntent, type TokenInfo } from '../../../kernel/index.js';
import { applyPolicyValue, defaultPolicy, loadPolicy, parsePolicy, policyPath, savePolicy, setPolicyValue, type Policy } from './policy.js';
import { evaluatePolicy, type EvaluatePolicyParameters } from './evaluatePolicy.js';
import { PolicyViolationError } from './errors.js';

const usdc: TokenInfo = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'USDC', decimals: 6, verified: true };
const dai: TokenInfo = { address: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', symbol: 'DAI', decimals: 18, verified: true };
const router: Address = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
const bob: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const evil: Address = '0x000000000000000000000000000000000000dEaD';
const fakeUsdc: Address = '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9';

const sendEth = (value: bigint, to: Address = bob): PlanCall => ({ to, data: '0x', value, description: 'send ETH' });
const transfer = (token: Address, amount: bigint, to: Address = bob): PlanCall => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
  value: 0n,
  description: 'transfer',
});
const approve = (token: Address, spender: Address, amount: bigint): PlanCall => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
  value: 0n,
  description: 'approve',
});
const swapCall: PlanCall = { to: router, data: '0x7ff36ab5', value: parseEther('1'), description: 'swap' };

function check(policy: Partial<Policy>, calls: PlanCall[], extra: Partial<EvaluatePolicyParameters> = {}) {
  return evaluatePolicy({
    policy: parsePolicy({ ...policy }),
    plan: { calls },
    intents: [],
    spentToday: {},
    tokens: [usdc, dai],
    ...extra,
  });
}

describe('evaluatePolicy', () => {
  test('default: an empty policy allows a plain plan', () => {
    expect(check({}, [sendEth(parseEther('5'))])).toMatchObject({ decision: 'allow', violations: [] });
  });

  test('maxPerTx: ETH value over the limit is denied, at the limit allowed', () => {
    expect(check({ maxPerTx: { ETH: '1' } }, [sendEth(parseEther('1'))]).decision).toBe('allow');
    const result = check({ maxPerTx: { ETH: '1' } }, [sendEth(parseEther('0.6')), sendEth(parseEther('0.5'))]);
    expect(result.decision).toBe('deny');
    expect(result.violations).toMatchObject([{ rule: 'maxPerTx', message: 'The plan can move 1.1 ETH; your limit per transaction is 1 ETH.' }]);
  });

  test('maxPerTx: ERC-20 transfer calldata counts, keyed by symbol or address', () => {
    expect(check({ maxPerTx: { USDC: '100' } }, [transfer(usdc.address as Address, parseUnits('100.000001', 6))]).violations[0]?.rule).toBe('maxPerTx');
    expect(check({ maxPerTx: { [usdc.address]: '100' } }, [transfer(usdc.address as Address, parseUnits('101', 6))]).decision).toBe('deny');
    expect(check({ maxPerTx: { usdc: '100' } }, [transfer(usdc.address as Address, parseUnits('99', 6))]).decision).toBe('allow');
  });

  test('maxPerTx: the simulated outflow counts even when the calldata shows nothing', () => {
    // A swap whose router pulls DAI: the calls carry no DAI amount, the simulation does.
    const report = { balanceChanges: [{ token: dai.address, symbol: 'DAI', decimals: 18, diff: -parseEther('600') }] };
    const result = check({ maxPerTx: { DAI: '500' } }, [{ to: router, data: '0x38ed1739', value: 0n, description: 'swap' }], { report });
    expect(result.decision).toBe('deny');
    expect(result.violations[0]?.message).toContain('600 DAI');
  });

  test('maxPerTx: a fake token using a limited symbol gets that limit', () => {
    const report = { balanceChanges: [{ token: fakeUsdc, symbol: 'USDC', decimals: 6, diff: -parseUnits('5000', 6) }] };
    expect(check({ maxPerTx: { USDC: '100' } }, [swapCall], { report }).violations.map((v) => v.rule)).toContain('maxPerTx');
  });

  test('maxPerDay: gross outflows count, not the net change (buy 900 USDC and send 900 USDC moves 900 out)', () => {
    // The swap brings 900 USDC in through the router; the transfer sends 900 out: the net change is 0.
    const report = {
      balanceChanges: [{ token: 'ETH' as const, symbol: 'ETH', decimals: 18, diff: -parseEther('0.3') }],
      outflows: [{ token: usdc.address as Address, amount: parseUnits('900', 6), symbol: 'USDC', decimals: 6 }],
    };
    const result = check({ maxPerDay: { USDC: '1000' } }, [swapCall], { report, spentToday: { [usdc.address.toLowerCase()]: parseUnits('200', 6) } });
    expect(result.decision).toBe('deny');
    expect(result.exposures.find((e) => e.symbol === 'USDC')?.outflow).toBe(parseUnits('900', 6));
    // Approvals are exposure, not outflow: an approval alone reserves nothing.
    const approval = check({}, [approve(usdc.address as Address, router, parseUnits('50', 6))]);
    expect(approval.exposures[0]).toMatchObject({ amount: parseUnits('50', 6), outflow: 0n });
  });

  test('maxPerDay: adds what was spent today', () => {
    const policy = { maxPerDay: { ETH: '3' } };
    expect(check(policy, [sendEth(parseEther('1'))], { spentToday: { ETH: parseEther('2') } }).decision).toBe('allow');
    const result = check(policy, [sendEth(parseEther('1'))], { spentToday: { ETH: parseEther('2.5') } });
    expect(result.violations).toMatchObject([
      {
        rule: 'maxPerDay',
        message: 'With 2.5 ETH already spent today, the plan would bring the day to 3.5 ETH; your daily limit is 3 ETH.',
      },
    ]);
  });

  test('blockedContracts: calling or approving a blocked contract is denied', () => {
    expect(check({ blockedContracts: [router] }, [swapCall]).violations).toMatchObject([
      { rule: 'blockedContracts', message: `Call 1 goes to ${router}, which your policy blocks.` },
    ]);
    expect(check({ blockedContracts: [router] }, [approve(usdc.address as Address, router, 5n)]).violations[0]?.rule).toBe('blockedContracts');
    // Revoking an approval of a blocked contract is fine.
    expect(check({ blockedContracts: [router] }, [approve(usdc.address as Address, router, 0n)]).decision).toBe('allow');
  });

  test('allowedContracts: only listed contracts may be called', () => {
    const policy = { allowedContracts: [router, usdc.address as Address] };
    expect(check(policy, [swapCall, approve(usdc.address as Address, router, 1n)]).decision).toBe('allow');
    expect(check(policy, [{ to: evil, data: '0x12345678', value: 0n, description: 'x' }]).violations[0]?.rule).toBe('allowedContracts');
    expect(check(policy, [approve(usdc.address as Address, evil, 1n)]).violations[0]?.message).toContain('approves');
  });

  test('unlimited approval: refused unless allowed and asked for', () => {
    const calls = [approve(usdc.address as Address, router, maxUint256)];
    const denied = check({}, calls);
    expect(denied.decision).toBe('deny');
    expect(denied.violations[0]).toMatchObject({
      rule: 'allowUnlimitedApprovals',
      message: 'The plan gives an unlimited approval of USDC; your policy does not allow unlimited approvals.',
    });
    expect(check({ allowUnlimitedApprovals: true }, calls).violations[0]?.message).toContain('did not ask for');
    const intent: ResolvedIntent = { action: 'approve', token: usdc, to: router, slippageBps: 0, unlimited: true };
    expect(check({ allowUnlimitedApprovals: true }, calls, { intents: [intent] }).decision).toBe('allow');
    // An unlimited approval seen only in the simulation (e.g. set by a contract the plan calls) counts too.
    const report = { balanceChanges: [], approvals: [{ token: usdc.address as Address, spender: router, amount: maxUint256 }] };
    expect(check({}, [swapCall], { report }).violations[0]?.rule).toBe('allowUnlimitedApprovals');
  });

  test('approvals count toward maxPerTx', () => {
    expect(check({ maxPerTx: { USDC: '100' } }, [approve(usdc.address as Address, router, parseUnits('1000', 6))]).violations[0]?.rule).toBe('maxPerTx');
    // Every ERC-20 call that moves or approves counts, whichever of them (selectors told apart before decoding).
    const increaseAllowance = encodeFunctionData({ abi: [{ type: 'function', name: 'increaseAllowance', stateMutability: 'nonpayable', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [{ type: 'bool' }] }], args: [router, parseUnits('1000', 6)] });
    const transferFrom = encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [bob, router, parseUnits('1000', 6)] });
    for (const data of [increaseAllowance, transferFrom])
      expect(check({ maxPerTx: { USDC: '100' } }, [{ to: usdc.address as Address, data, value: 0n, description: 'erc20' }]).violations[0]?.rule).toBe('maxPerTx');
    expect(check({ maxPerTx: { USDC: '100' } }, [{ ...swapCall, to: usdc.address as Address, value: 0n }]).decision).toBe('allow');
  });

  test('tokens: blocked and allowed lists; an unlisted token cannot pass an allowlist by symbol', () => {
    expect(check({ blockedTokens: ['DAI'] }, [transfer(dai.address as Address, 1n)]).violations[0]?.rule).toBe('blockedTokens');
    expect(check({ allowedTokens: ['ETH', 'USDC'] }, [transfer(usdc.address as Address, 1n), sendEth(1n)]).decision).toBe('allow');
    expect(check({ allowedTokens: ['ETH', 'USDC'] }, [transfer(dai.address as Address, 1n)]).violations[0]?.rule).toBe('allowedTokens');
    const report = { balanceChanges: [{ token: fakeUsdc, symbol: 'USDC', decimals: 6, diff: -1n }] };
    const fake = check({ allowedTokens: ['ETH', 'USDC'] }, [swapCall], { report });
    expect(fake.violations).toMatchObject([{ rule: 'allowedTokens', message: `The plan moves or approves USDC (${fakeUsdc}, not a listed token), which is not in your allowed tokens.` }]);
  });

  test('typedConfirmationAbove: above the threshold asks for the typed amount', () => {
    const policy = { typedConfirmationAbove: { ETH: '0.5' } };
    expect(check(policy, [sendEth(parseEther('0.5'))]).decision).toBe('allow');
    const result = check(policy, [sendEth(parseEther('1.25'))]);
    expect(result.decision).toBe('confirm-typed');
    expect(result.confirmations).toEqual([{ token: 'ETH', symbol: 'ETH', decimals: 18, amount: parseEther('1.25'), text: '1.25', threshold: '0.5' }]);
    // What the person must type then is checked by the one consent rule (pipeline/consent.ts).
    // A deny wins over a typed confirmation.
    expect(check({ ...policy, maxPerTx: { ETH: '1' } }, [sendEth(parseEther('1.25'))]).decision).toBe('deny');
  });

  test('errors: a deny becomes RefusedError POLICY_VIOLATION naming the rule', () => {
    const result = check({ maxPerTx: { ETH: '1' }, blockedContracts: [bob] }, [sendEth(parseEther('2'))]);
    expect(result.decision).toBe('deny');
    const error: LucidError = new PolicyViolationError(result.violations);
    expect(error?.code).toBe('POLICY_VIOLATION');
    expect(error?.exitCode).toBe(3);
    expect(error?.shortMessage).toMatchInlineSnapshot(`"Refused by policy (blockedContracts): Call 1 goes to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, which your policy blocks."`);
    expect(error?.details).toContain('maxPerTx');
  });

  test('behavior: every violation explains itself: the rule, its value, what the plan did, the command to change it', () => {
    const result = check({ maxPerTx: { ETH: '1' }, maxPerDay: { eth: '3' } }, [sendEth(parseEther('2'))], { spentToday: { ETH: parseEther('1.5') } });
    expect(result.violations.map(({ rule, key, limit, actual, fix }) => ({ rule, key, limit, actual, fix }))).toEqual([
      { rule: 'maxPerTx', key: 'maxPerTx.ETH', limit: '1 ETH per transaction', actual: '2 ETH', fix: 'lucid policy set maxPerTx.ETH 2  (or ask for at most 1 ETH)' },
      {
        rule: 'maxPerDay',
        key: 'maxPerDay.eth',
        limit: '3 ETH per day',
        actual: '3.5 ETH today (1.5 ETH already spent + this plan)',
        fix: 'lucid policy set maxPerDay.eth 3.5  (or wait until earlier spends are more than a day old)',
      },
    ]);
    const json = new PolicyViolationError(result.violations).toJSON();
    expect(json.error.violations[0]).toMatchObject({ rule: 'maxPerTx', limit: '1 ETH per transaction', actual: '2 ETH', fix: expect.stringContaining('lucid policy set maxPerTx.ETH 2') });
  });
});

describe('policy file', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'lucid-policy-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  test('default: missing file gives defaults', async () => {
    expect(await loadPolicy(home)).toEqual(defaultPolicy());
    expect(defaultPolicy().allowUnlimitedApprovals).toBe(false);
  });

  test('behavior: set, save, load round-trip', async () => {
    await setPolicyValue(home, 'maxPerTx.ETH', '1');
    await setPolicyValue(home, 'maxPerDay.USDC', '5000');
    await setPolicyValue(home, 'blockedContracts', `${router.toLowerCase()}, ${evil}`);
    await setPolicyValue(home, 'allowedTokens', 'ETH,USDC');
    await setPolicyValue(home, 'allowedTokens', '+DAI');
    await setPolicyValue(home, 'allowedTokens', '-usdc');
    const policy = await setPolicyValue(home, 'allowUnlimitedApprovals', 'true');
    expect(policy).toMatchObject({
      maxPerTx: { ETH: '1' },
      maxPerDay: { USDC: '5000' },
      blockedContracts: [router, evil],
      allowedTokens: ['ETH', 'DAI'],
      allowUnlimitedApprovals: true,
    });
    expect(await loadPolicy(home)).toEqual(policy);
    expect((await setPolicyValue(home, 'maxPerTx.eth', 'none')).maxPerTx).toEqual({});
  });

  test('behavior: numbers in the file are read as decimals', async () => {
    await writeFile(policyPath(home), JSON.stringify({ maxPerTx: { ETH: 0.5 } }));
    expect((await loadPolicy(home)).maxPerTx).toEqual({ ETH: '0.5' });
  });

  test('errors: invalid file names the field', async () => {
    await writeFile(policyPath(home), JSON.stringify({ maxPerTx: { ETH: '-1' } }));
    await expect(loadPolicy(home)).rejects.toMatchObject({ code: 'POLICY_INVALID', shortMessage: expect.stringContaining('maxPerTx.ETH') });
    await writeFile(policyPath(home), JSON.stringify({ maxPerTX: { ETH: '1' } }));
    const typo = (await loadPolicy(home).catch((e: unknown) => e)) as LucidError;
    expect(typo.code).toBe('POLICY_INVALID');
    expect(typo.details).toContain('maxPerTX');
    await writeFile(policyPath(home), '{ nope');
    await expect(loadPolicy(home)).rejects.toMatchObject({ code: 'POLICY_INVALID' });
    await writeFile(policyPath(home), JSON.stringify({ blockedContracts: ['0x70997970C51812dc3A010C7d01b50e0d17dc79c8'] }));
    await expect(loadPolicy(home)).rejects.toMatchObject({ code: 'POLICY_INVALID', details: expect.stringContaining('checksum') });
  });

  test.each([
    ['maxPerTx', '1', 'POLICY_KEY_INVALID'],
    ['maxPerTx.ETH', 'lots', 'POLICY_VALUE_INVALID'],
    ['maxPerTx.ETH', '1e3', 'POLICY_VALUE_INVALID'],
    ['maxPerHour.ETH', '1', 'POLICY_KEY_UNKNOWN'],
    ['allowUnlimitedApprovals', 'yes', 'POLICY_VALUE_INVALID'],
    ['blockedContracts', '0x1234', 'POLICY_VALUE_INVALID'],
    ['allowedTokens.x', 'ETH', 'POLICY_KEY_UNKNOWN'],
  ])('errors: set %s %s → %s', (key, value, code) => {
    expect(() => applyPolicyValue(defaultPolicy(), key, value)).toThrow(expect.objectContaining({ code }));
  });

  test('behavior: savePolicy writes readable JSON', async () => {
    await savePolicy(home, { ...defaultPolicy(), maxPerTx: { ETH: '2' } });
    expect(JSON.parse(await readFile(policyPath(home), 'utf8')).maxPerTx).toEqual({ ETH: '2' });
  });
});
