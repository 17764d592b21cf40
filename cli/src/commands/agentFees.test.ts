/**
 * Issue 17: fees are part of the user's consent, through the real program. A registry agent with a fee plans
 * a swap on its own honest market maker (registry-contracts/test/fixtures/RedPill.sol's `swapUntil`, which
 * pays a fixed 3,300 USDC per ETH until a deadline, in simulation and for real alike):
 *
 * - better than the built-in venues net of its fee, it wins; the review shows the fee on its own line, the
 *   words-vs-simulation check allows exactly that fee, and the fee is paid into the ledger in the same sequence;
 * - with a fee that eats its advantage, it loses to a built-in agent (ranked on the outcome after fees);
 * - the policy's per-transaction limit counts the fee;
 * - fallback: when its plan would be refused (it pays itself more than the fee shown) or needs a person for a
 *   danger flag (a call its swap does not need), it is dropped before the winner is chosen, with the reason.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createTestClient, createWalletClient, encodeFunctionData, erc20Abi, http, parseEther, parseUnits, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveAgent, type ServeAgentReturnType } from '../../../agents/index.js';
import { defineAgent } from '../../../agents/sdk/index.js';
import { anvilAccount, devnetClient, executePlan } from '../../../agents/sdk/testing.js';
import { actionTag, contributorContractsFrom, pinMetadata, registerEntryPlan, updateEntryPlan } from '../../../runtime/index.js';
import { redPillArgs, redPillArtifact, startTestDevnet, usageCallFor, type TestDevnet } from '../../../runtime/testing.js';
import { DevToken, EntryRegistry, UsageLedger } from '../../../registry-contracts/index.js';
import { spawnLucid } from '../test-utils/spawn.js';

const user: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const name = 'fair-maker';
const builder = 4;
/** The maker's fixed price: 3,300 USDC per ETH, ~10% better than the devnet's pools. */
const usdcPerEth = 3_300n;

let devnet: TestDevnet;
let served: ServeAgentReturnType | undefined;
let usdc: Address;
let maker: Address;
let entryId: bigint;
/** How the agent misbehaves in its next plans: pays itself more than its declared fee, or makes a call its swap does not need. */
let misbehave: 'overpays' | 'odd-call' | undefined;

beforeAll(async () => {
  devnet = await startTestDevnet();
  usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!.address;
  const client = devnetClient(devnet.rpcUrl);
  const contracts = contributorContractsFrom(devnet.deployment.contracts);

  // The maker: deployed and funded with USDC (minted by the dev token's owner, impersonated).
  const wallet = createWalletClient({ chain: foundry, transport: http(devnet.rpcUrl), account: anvilAccount(5) });
  const artifact = redPillArtifact();
  const hash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: redPillArgs('SameTime', usdc) });
  maker = (await client.waitForTransactionReceipt({ hash })).contractAddress!;
  const owner = await client.readContract({ address: usdc, abi: DevToken.abi, functionName: 'owner' });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(devnet.rpcUrl) });
  await testClient.impersonateAccount({ address: owner });
  await testClient.setBalance({ address: owner, value: parseEther('10') });
  const minter = createWalletClient({ chain: foundry, transport: http(devnet.rpcUrl), account: owner });
  await client.waitForTransactionReceipt({ hash: await minter.writeContract({ address: usdc, abi: DevToken.abi, functionName: 'mint', args: [maker, parseUnits('100000', 6)] }) });
  await testClient.stopImpersonatingAccount({ address: owner });

  const agent = defineAgent({
    id: name,
    description: 'a fixed-price market maker for ETH → USDC',
    actions: ['swap'],
    chains: [],
    params: z.object({}),
    plan: async (ctx, intent) => {
      if (intent.token?.address !== 'ETH' || intent.tokenOut?.address !== usdc || intent.amount?.kind !== 'exact') throw new Error('only ETH → USDC, exact in');
      const amountIn = intent.amount.value;
      const out = (amountIn * usdcPerEth * 10n ** 6n) / 10n ** 18n;
      return {
        agentId: name,
        summary: `Swap ETH for ${out} USDC units at the maker's fixed price`,
        calls: [
          { to: maker, data: encodeFunctionData({ abi: artifact.abi, functionName: 'swapUntil', args: [out, ctx.now + 3_600n] }), value: amountIn, description: 'swap at the fixed price' },
          ...(misbehave === 'overpays' ? [usageCallFor({ usageLedger: ctx.contracts.usageLedger!, agentRegistryId: entryId, fee: parseEther('0.001') })] : []),
          ...(misbehave === 'odd-call' ? [{ to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [maker, 0n] }), value: 0n, description: 'tidy up' }] : []),
        ],
        expects: [
          // Overpaying, it promises the extra too: its promises hold, and only the user's words can refuse it.
          { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: amountIn + (misbehave === 'overpays' ? parseEther('0.001') : 0n), bound: 'exact' },
          { token: usdc, symbol: 'USDC', decimals: 6, direction: 'in', amount: out, bound: 'exact' },
        ],
      };
    },
  });
  served = await serveAgent(agent, { port: 0, rpcUrl: devnet.rpcUrl });
  const pinned = pinMetadata({ home: devnet.home, metadata: { id: name, kind: 'agent', description: 'a fixed-price market maker for ETH → USDC', actions: ['swap'], chains: [], endpoint: served.url } });
  await executePlan(
    devnet.rpcUrl,
    registerEntryPlan({ kind: 'agent', contracts, name, metadataUri: pinned.uri, contentHash: pinned.contentHash, tags: [actionTag('swap')], endpoint: served.url, feeWei: parseEther('0.001') }),
    builder,
  );
  entryId = await client.readContract({ address: contracts.agentRegistry, abi: EntryRegistry.abi, functionName: 'lastEntryId' });
}, 180_000);

afterAll(async () => {
  await served?.close();
  await devnet?.stop();
});

type RunJson = {
  status?: string;
  steps?: { agent: string; candidates: { agentId: string; dropped?: string; outcome?: string; feeWei?: string }[] }[];
  fees?: { step: number; payee: string; entryId: string; name?: string; amount: string }[];
  error?: { code: string; message: string };
};
async function lucid(argv: string[]) {
  const result = await spawnLucid(argv, { home: devnet.home, entry: 'bin', timeoutMs: 120_000 });
  let json: RunJson = {};
  try {
    json = JSON.parse(result.stdout) as RunJson;
  } catch {
    // not JSON
  }
  return { ...result, json };
}

async function feesOwed(): Promise<bigint> {
  const contracts = contributorContractsFrom(devnet.deployment.contracts);
  return devnetClient(devnet.rpcUrl).readContract({ address: contracts.usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [0, entryId] });
}

async function setFee(fee: bigint) {
  const contracts = contributorContractsFrom(devnet.deployment.contracts);
  await executePlan(devnet.rpcUrl, updateEntryPlan({ kind: 'agent', contracts, entryId, feeWei: fee }), builder);
}

describe('fees are part of the consent (issue 17)', () => {
  test('behavior: a paid agent better net of its fee wins; the review shows the fee line; the fee is paid into the ledger in the same sequence', async () => {
    const shown = await lucid(['--dry-run', '--explain', 'swap 1 ETH for USDC']);
    expect(shown.code, shown.stderr).toBe(0);
    const text = shown.stdout + shown.stderr;
    expect(text).toContain(`agent registry:${name}:`);
    expect(text).toContain(`Fee to the agent registry:${name} (#${entryId}): 0.001 ETH`);
    expect(text).toMatch(/registry:fair-maker\s+net [\d,.]+ USDC, gas [\d.]+ ETH, fees 0\.001 ETH/);

    const client = devnetClient(devnet.rpcUrl);
    const [owedBefore, usdcBefore] = await Promise.all([feesOwed(), client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [user] })]);
    const run = await lucid(['--yes', '--json', 'swap 1 ETH for USDC']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.json.status).toBe('confirmed');
    expect(run.json.steps?.[0]?.agent).toBe(`registry:${name}`);
    expect(run.json.fees).toEqual([{ step: 1, payee: 'agent', entryId: entryId.toString(), name: `registry:${name}`, amount: parseEther('0.001').toString() }]);
    // The ledger keeps 90% for the agent (10% protocol cut): read from the contract, not from Lucid.
    expect((await feesOwed()) - owedBefore).toBe(parseEther('0.001') - parseEther('0.001') / 10n);
    expect((await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [user] })) - usdcBefore).toBe(usdcPerEth * 10n ** 6n);
  }, 240_000);

  test('behavior: a paid agent whose fee eats its advantage loses to a built-in agent, ranked on the outcome after fees', async () => {
    // ~3,300 vs ~3,005 USDC: about 0.09 ETH better before fees; a 0.2 ETH fee makes it worse.
    await setFee(parseEther('0.2'));
    try {
      const run = await lucid(['--dry-run', '--json', '--explain', 'swap 1 ETH for USDC']);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      const step = run.json.steps![0]!;
      expect(step.agent).not.toBe(`registry:${name}`);
      const paid = step.candidates.find((c) => c.agentId === `registry:${name}`)!;
      expect(paid).toMatchObject({ feeWei: parseEther('0.2').toString() });
      expect(paid.dropped).toBeUndefined();
      expect(run.json.fees).toEqual([]);
    } finally {
      await setFee(parseEther('0.001'));
    }
  }, 240_000);

  test.each([
    ['overpays', /refused by the checks: it does something you did not ask for: .*sends at most 0\.5 ETH, plus 0\.001 ETH in the usage fees shown.*you send 0\.502 ETH/],
    ['odd-call', /needs a person to accept a danger flag another agent's plan does not raise: .*approve/],
  ] as const)('behavior: fallback — the better plan that %s is dropped before the choice, with the reason, and the next agent signs', async (mode, reason) => {
    misbehave = mode;
    try {
      const run = await lucid(['--yes', '--json', '--explain', 'swap 0.5 ETH for USDC']);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.json.status).toBe('confirmed');
      const step = run.json.steps![0]!;
      expect(step.agent).not.toBe(`registry:${name}`);
      expect(step.candidates.find((c) => c.agentId === `registry:${name}`)?.dropped).toMatch(reason);
    } finally {
      misbehave = undefined;
    }
  }, 240_000);

  test('behavior: the per-transaction limit counts the fee: 1 ETH plus its fee is over a 1 ETH limit', async () => {
    const policy = join(devnet.home, 'policy.json');
    expect((await lucid(['policy', 'set', 'maxPerTx.ETH', '1'])).code).toBe(0);
    try {
      const run = await lucid(['--dry-run', '--json', '--agent', `registry:${name}`, 'swap 1 ETH for USDC']);
      expect(run.code, run.stderr + run.stdout).toBe(3);
      expect(run.json.error?.code).toBe('POLICY_VIOLATION');
      const free = await lucid(['--dry-run', '--json', '--agent', 'uniswap-v2', 'swap 1 ETH for USDC']);
      expect(free.code, free.stderr + free.stdout).toBe(0);
    } finally {
      rmSync(policy, { force: true });
    }
  }, 240_000);
});

describe("Lucid's own registry-entry token (issue 17)", () => {
  test('behavior: registering shows the entry token Lucid deployed without the "not on the token list" warning', async () => {
    const run = await lucid(['frontend', 'register', 'my-ui', '--fee', '0.0001', '--dry-run', '--json']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const { risks, simulation } = JSON.parse(run.stdout) as { risks: { code: string }[]; simulation: { balanceChanges: { token: string; verified: boolean }[] } };
    // The entry token is minted to the user and is not on the token list...
    const registry = devnet.deployment.contracts.frontendRegistry!.toLowerCase();
    expect(simulation.balanceChanges.some((change) => change.token.toLowerCase() === registry && !change.verified)).toBe(true);
    // ...yet it is the deployment's own contract, so it is not flagged as a possible fake.
    expect(risks.map((risk) => risk.code)).not.toContain('TOKEN_UNVERIFIED');
  }, 120_000);
});
