/**
 * The builder's journey (issue 17), through the real program (bin/lucid.js spawned) on a fresh devnet, with every
 * number read back from the contracts' views:
 *   agent init → the builder writes a swap agent that splits an ETH sale across both V2 venues → agent test →
 *   agent serve → agent register with a fee → a user's words routed to it on the simulated outcome net of fees →
 *   the fee paid into the UsageLedger in the user's own transaction sequence → devnet advance → emissions
 *   distribute → the builder's LUCID claimed and its ETH fees withdrawn.
 * Beside it, the same code registered with a fee larger than its edge is better before fees, worse after them:
 * it loses to a built-in and earns nothing.
 * Needs the build (`npm run build:ts`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEventLog, erc20Abi, parseEther, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { devnetClient } from '../../../agents/sdk/testing.js';
import { UsageLedger } from '../../../registry-contracts/index.js';
import { startTestDevnet, type TestDevnet } from '../../../runtime/testing.js';
import { repoRoot, spawnLucid, type SpawnResult } from '../test-utils/spawn.js';

// anvil's public test account #1: the builder (the user is the devnet's account #0).
const BUILDER_KEY = '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const BUILDER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const USER: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const PASSWORD = 'correct horse battery staple';
const FEE = parseEther('0.001');
/**
 * The user's trade: large enough that Uniswap V3's concentrated liquidity (thin outside ±2%) loses to the V2 pools,
 * so the builder's V2 split competes with the best venue there.
 */
const TRADE = '60';
/** More than the split's edge over the best single venue for 60 ETH (about 3,800 USDC, 1.3 ETH): worse net. */
const PRICEY_FEE = parseEther('3');
const AGENT_POOL = 0; // UsageLedger pool of agents

let devnet: TestDevnet;
let scratch: string;
const servers: ChildProcessWithoutNullStreams[] = [];

const env = { LUCID_PASSWORD: PASSWORD, OPENAI_API_KEY: '', LUCID_MODEL: '', OPENAI_BASE_URL: '' };
const lucid = (args: string[], input?: string): Promise<SpawnResult> => spawnLucid(args, { home: devnet.home, entry: 'bin', env, input, timeoutMs: 240_000 });
async function lucidJson<value = Record<string, unknown>>(args: string[], input?: string): Promise<value> {
  const result = await lucid([...args, '--json'], input);
  if (result.code !== 0) throw new Error(`lucid ${args.join(' ')} → exit ${result.code}\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout) as value;
}

beforeAll(async () => {
  devnet = await startTestDevnet(); // its home is LUCID_HOME: the CLI uses this running devnet
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'lucid-journey-')));
});
afterAll(async () => {
  for (const server of servers) server.kill('SIGKILL');
  await devnet?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('journey: a builder scaffolds, tests, serves and registers a paid agent; users are routed to it when it is better net of its fee; it is paid and earns LUCID', async () => {
  const client = devnetClient(devnet.rpcUrl);
  const { usageLedger, rewardToken } = devnet.deployment.contracts as Record<string, Address>;
  const usdc = devnet.deployment.tokens.find((token) => token.symbol === 'USDC')!.address;
  const imported = await lucid(['wallet', 'import', 'builder', '--private-key-stdin'], BUILDER_KEY);
  expect(imported.code, imported.stderr).toBe(0);

  // 1. Scaffold, then write the agent (what a builder does with the template), and run the builder's tests.
  const entries: Record<string, { id: bigint; url: string }> = {};
  for (const [name, fee] of [['split-swap', FEE], ['split-swap-pricey', PRICEY_FEE]] as const) {
    const dir = join(scratch, name);
    expect((await lucid(['agent', 'init', name, '--dir', dir])).code).toBe(0);
    writeFileSync(join(dir, 'schemas.ts'), schemasSource);
    writeFileSync(join(dir, 'agent.ts'), agentSource(name));
    writeFileSync(join(dir, 'agent.test.ts'), testSource(name));
    if (name === 'split-swap') {
      const tested = await lucid(['agent', 'test', dir]);
      expect(tested.stdout).toMatch(/✔ split-swap sells 10 ETH across both venues for more USDC than the best single venue/);
      expect(tested.code, tested.stderr).toBe(0);
    }

    // 2. Serve it, and register the served endpoint with its fee, from the builder's own wallet.
    const url = await serve(join(dir, 'agent.ts'));
    const registered = await lucidJson<{ status: string; entryId: string }>(['agent', 'register', url, '--fee', formatEth(fee), '--account', 'builder', '--yes']);
    expect(registered.status).toBe('confirmed');
    entries[name] = { id: BigInt(registered.entryId), url };
    const shown = await lucidJson<{ name: string; owner: string; feeWei: string; endpoint: string }>(['agent', 'show', registered.entryId]);
    expect(shown).toMatchObject({ name, owner: BUILDER, feeWei: fee.toString(), endpoint: url });
  }
  const split = entries['split-swap']!;
  const pricey = entries['split-swap-pricey']!;

  // 3. A user's words: every agent competes on the simulated outcome net of gas and fees. The split's legs each
  // carry their own minimum; the guard holds their sum to Lucid's own bound for the whole trade.
  const usdcBefore = await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [USER] });
  const run = await lucidJson<RunDocument>(['--yes', '--explain', `swap ${TRADE} ETH for USDC`]);
  expect(run.status).toBe('confirmed');
  const [step] = run.steps;
  expect(step!.agent, JSON.stringify(step!.candidates, null, 1)).toBe('registry:split-swap');
  const ranked = step!.candidates.filter((candidate) => !candidate.dropped).map((candidate) => candidate.agentId);
  // Better than the best venue by more than its fee: first. The same plan with a fee above that edge: below it.
  expect(ranked[0]).toBe('registry:split-swap');
  expect(ranked.indexOf('v2-fork')).toBeGreaterThan(-1);
  expect(ranked.indexOf('registry:split-swap-pricey')).toBeGreaterThan(ranked.indexOf('v2-fork'));

  // The fee went into the ledger in the user's own transaction sequence, beside the swap.
  const receipts = await Promise.all(run.transactions.map((tx) => client.getTransactionReceipt({ hash: tx.hash })));
  expect(receipts.every((receipt) => receipt.status === 'success' && receipt.from.toLowerCase() === USER.toLowerCase())).toBe(true);
  const usage = receipts.flatMap((receipt) => receipt.logs).filter((log) => log.address.toLowerCase() === usageLedger.toLowerCase()).flatMap((log) => {
    try {
      const event = decodeEventLog({ abi: UsageLedger.abi, data: log.data, topics: log.topics });
      return event.eventName === 'UsageRecorded' ? [event.args as { user: Address; agentId: bigint; paid: bigint }] : [];
    } catch {
      return [];
    }
  });
  expect(usage).toEqual([expect.objectContaining({ user: USER, agentId: split.id, paid: FEE })]);
  expect((await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [USER] })) - usdcBefore).toBeGreaterThan(0n);
  const protocolBps = await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'protocolFeeBps' });
  const owed = await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [AGENT_POOL, split.id] });
  expect(owed).toBe(FEE - (FEE * BigInt(protocolBps)) / 10_000n);
  expect(await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [AGENT_POOL, pricey.id] })).toBe(0n);

  // 4. Anyone distributes the emissions in the epoch of use; once that epoch has closed, the builder's share of
  // the code bucket is claimable (emission belongs to the epoch distribute runs in).
  expect((await lucidJson<{ status: string }>(['emissions', 'distribute', '--yes'])).status).toBe('confirmed');
  expect(await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [AGENT_POOL, split.id] })).toBe(0n);
  expect((await lucid(['devnet', 'advance', '1d'])).code).toBe(0);
  const claimable = await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [AGENT_POOL, split.id] });
  expect(claimable).toBeGreaterThan(0n);
  expect(await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [AGENT_POOL, pricey.id] })).toBe(0n);
  const shown = await lucidJson<{ usageCount: number; earnings: Record<string, string> }>(['agent', 'show', split.id.toString()]);
  expect(shown.usageCount).toBe(1);
  expect(shown.earnings).toMatchObject({ claimableRewards: claimable.toString(), feesOwedWei: owed.toString() });

  // 5. The builder claims the LUCID and withdraws the ETH: exactly what the views said.
  const lucidBefore = await client.readContract({ address: rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [BUILDER] });
  expect((await lucidJson<{ status: string }>(['agent', 'claim', split.id.toString(), '--account', 'builder', '--yes'])).status).toBe('confirmed');
  expect((await client.readContract({ address: rewardToken, abi: erc20Abi, functionName: 'balanceOf', args: [BUILDER] })) - lucidBefore).toBe(claimable);

  const ethBefore = await client.getBalance({ address: BUILDER });
  const withdrawn = await lucidJson<{ status: string; transactions: { hash: Hex }[] }>(['agent', 'withdraw', split.id.toString(), '--account', 'builder', '--yes']);
  expect(withdrawn.status).toBe('confirmed');
  const gasPaid = (await Promise.all(withdrawn.transactions.map((tx) => client.getTransactionReceipt({ hash: tx.hash })))).reduce((sum, receipt) => sum + receipt.gasUsed * receipt.effectiveGasPrice, 0n);
  expect((await client.getBalance({ address: BUILDER })) - ethBefore).toBe(owed - gasPaid);
  expect(await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'feesOwed', args: [AGENT_POOL, split.id] })).toBe(0n);
  expect(await client.readContract({ address: usageLedger, abi: UsageLedger.abi, functionName: 'claimableRewards', args: [AGENT_POOL, split.id] })).toBe(0n);

  // 6. The served agents stop cleanly.
  for (const server of servers.splice(0)) {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
}, 1_500_000);

type RunDocument = {
  status: string;
  steps: { agent: string; candidates: { agentId: string; dropped?: string; outcome?: string }[] }[];
  transactions: { hash: Hex; status: string }[];
};

function formatEth(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const fraction = (wei % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** `lucid agent serve <file>` in the background; resolves with the URL it prints. */
function serve(file: string): Promise<string> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/lucid.js'), 'agent', 'serve', file], {
    cwd: scratch,
    env: { ...process.env, ...env, LUCID_HOME: devnet.home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as unknown as ChildProcessWithoutNullStreams;
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`agent serve printed no URL; stderr: ${err}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0]!.trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`agent serve exited ${code}; stderr: ${err}`)));
  });
}

// The builder's code: written as a builder would, against the public SDK only.
const schemasSource = `import { resolvedAmountSchema, slippageBpsSchema, tokenInfoSchema, z } from 'lucid/sdk';

export const params = z
  .object({
    action: z.literal('swap').describe('Swap one asset for another.'),
    token: tokenInfoSchema.describe('The asset sold: ETH.'),
    tokenOut: tokenInfoSchema.describe('The token bought.'),
    amount: resolvedAmountSchema.describe('How much ETH is sold: an exact amount.'),
    slippageBps: slippageBpsSchema,
  })
  .describe('Sell ETH for a token across the Uniswap V2 venues, split where the output is highest.');
`;

const agentSource = (id: string) => `import { defineAgent, encodeFunctionData, formatAmount, InputError, parseAbi, parseParams, type Address } from 'lucid/sdk';
import { params } from './schemas.js';

const routerAbi = parseAbi([
  'function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)',
]);
const STEPS = 20n; // the split is searched in 5% steps

export const agent = defineAgent({
  id: '${id}',
  description: 'Sells ETH for a token across both Uniswap V2 venues, split where the output is highest.',
  actions: ['swap'],
  chains: [],
  params,
  supports: (ctx) => Boolean(ctx.contracts.weth && ctx.contracts.uniswapV2Router && ctx.contracts.forkV2Router),
  async plan(ctx, intent) {
    const { token, tokenOut, amount, slippageBps } = parseParams('${id}', params, intent);
    if (token.address !== 'ETH' || tokenOut.address === 'ETH') throw new InputError('ETH_IN_ONLY', '${id} sells ETH for a token');
    if (amount.kind !== 'exact') throw new InputError('EXACT_AMOUNT_ONLY', '${id} needs an exact amount of ETH');
    const routers = [ctx.contracts.uniswapV2Router!, ctx.contracts.forkV2Router!];
    const path: Address[] = [ctx.contracts.weth!, tokenOut.address];
    const quote = async (router: Address, value: bigint) =>
      value === 0n ? 0n : (await ctx.client.readContract({ address: router, abi: routerAbi, functionName: 'getAmountsOut', args: [value, path] })).at(-1)!;
    let best = { parts: [0n, 0n], outs: [0n, 0n], total: -1n };
    for (let step = 0n; step <= STEPS; step++) {
      const parts = [(amount.value * step) / STEPS, amount.value - (amount.value * step) / STEPS];
      const outs = await Promise.all(parts.map((value, i) => quote(routers[i]!, value)));
      const total = outs[0]! + outs[1]!;
      if (total > best.total) best = { parts, outs, total };
    }
    const legs = routers.map((router, i) => ({ router, value: best.parts[i]!, min: (best.outs[i]! * BigInt(10_000 - slippageBps)) / 10_000n })).filter((leg) => leg.value > 0n);
    const least = legs.reduce((sum, leg) => sum + leg.min, 0n);
    return {
      agentId: '${id}',
      summary: \`Sell \${formatAmount(amount.value, token)} for about \${formatAmount(best.total, tokenOut)} across \${legs.length} venue(s)\`,
      calls: legs.map((leg) => ({
        to: leg.router,
        value: leg.value,
        data: encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokens', args: [leg.min, path, ctx.account, ctx.now + 1200n] }),
        description: \`Sell \${formatAmount(leg.value, token)} on the router at \${leg.router}\`,
      })),
      expects: [
        { token: 'ETH', symbol: 'ETH', decimals: 18, direction: 'out', amount: amount.value, bound: 'exact' },
        { token: tokenOut.address, symbol: tokenOut.symbol, decimals: tokenOut.decimals, direction: 'in', amount: least, bound: 'atLeast' },
      ],
    };
  },
});

export default agent;
`;

const testSource = (id: string) => `import { erc20Abi, parseAbi, parseEther } from 'lucid/sdk';
import { after, assert, before, devnetContext, executePlan, startTestDevnet, test, type TestDevnet } from 'lucid/sdk/testing';
import { agent } from './agent.js';

let devnet: TestDevnet;
before(async () => {
  devnet = await startTestDevnet();
});
after(async () => {
  await devnet?.stop();
});

test('${id} sells 10 ETH across both venues for more USDC than the best single venue', async () => {
  const ctx = await devnetContext(devnet);
  const usdc = devnet.deployment.tokens.find((t) => t.symbol === 'USDC')!;
  const value = parseEther('10');
  const abi = parseAbi(['function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)']);
  const single = await Promise.all(
    [ctx.contracts.uniswapV2Router!, ctx.contracts.forkV2Router!].map(async (router) => (await ctx.client.readContract({ address: router, abi, functionName: 'getAmountsOut', args: [value, [ctx.contracts.weth!, usdc.address]] }))[1]!),
  );
  const plan = await agent.plan(ctx, { action: 'swap', token: { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true }, tokenOut: { ...usdc, verified: true }, amount: { kind: 'exact', value }, slippageBps: 50 });
  const balance = () => ctx.client.readContract({ address: usdc.address, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
  const start = await balance();
  await executePlan(devnet.rpcUrl, plan);
  const received = (await balance()) - start;
  assert.ok(received > single[0]! && received > single[1]!, \`\${received} vs \${single.join(', ')}\`);
});
`;
