/**
 * Plan bundles through the real program on a real devnet: one LUCID_HOME makes a bundle with --dry-run
 * --save, another (holding the same key as an imported wallet, connected to the same chain with --rpc-url)
 * signs it; a bundle is never signed twice; a tampered, expired or wrong-chain copy is refused with its reason
 * and nothing is signed; a plan whose effects moved since is not signed on --yes alone; the Safe export
 * carries exactly the bundle's calls. Needs `npm run build:ts` first (npm test builds).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, parseAbi, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planBundleHash } from '../../../runtime/index.js';
import { repoRoot, spawnLucid } from '../test-utils/spawn.js';

const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const accountKey = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const recipient: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
// anvil's account 1: moves the market between making and signing a bundle.
const otherKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const env = { OPENAI_API_KEY: '', LUCID_MODEL: '', LUCID_PASSWORD: 'correct horse battery staple' };

let maker: string;
let signer: string;
let dir: string;
let rpcUrl: string;
let contracts: Record<string, Address>;
let usdc: Address;
let client: ReturnType<typeof createPublicClient>;
const lucid = (home: string, args: string[], input?: string) => spawnLucid(args, { home, entry: 'bin', env, input });
const nonce = () => client.getTransactionCount({ address: account });
const signAt = (path: string, extra: string[] = []) => lucid(signer, ['sign', path, '--rpc-url', rpcUrl, '--account', 'main', '--json', ...extra]);

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build:ts` before this test');
  maker = mkdtempSync(join(tmpdir(), 'lucid-maker-'));
  signer = mkdtempSync(join(tmpdir(), 'lucid-signer-'));
  dir = mkdtempSync(join(tmpdir(), 'lucid-bundles-'));
  const started = await lucid(maker, ['devnet', 'start', '--json']);
  expect(started.code, started.stderr).toBe(0);
  const devnet = JSON.parse(started.stdout) as { rpcUrl: string; contracts: Record<string, Address>; tokens: { symbol: string; address: Address }[] };
  ({ rpcUrl, contracts } = devnet);
  usdc = devnet.tokens.find((t) => t.symbol === 'USDC')!.address;
  client = createPublicClient({ transport: http(rpcUrl) });
  const imported = await lucid(signer, ['wallet', 'import', 'main', '--private-key-stdin'], accountKey);
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  if (maker) await lucid(maker, ['devnet', 'stop']);
  for (const path of [maker, signer, dir]) if (path) rmSync(path, { recursive: true, force: true });
});

async function makeBundle(name: string, words: string): Promise<{ path: string; bundle: Record<string, unknown> & { hash: string } }> {
  const path = join(dir, name);
  const before = await nonce();
  const result = await lucid(maker, ['--dry-run', '--json', '--save', path, words]);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout).bundle.path).toBe(path);
  expect(await nonce()).toBe(before);
  return { path, bundle: JSON.parse(readFileSync(path, 'utf8')) };
}

function writeCopy(name: string, bundle: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(bundle, null, 2));
  return path;
}

describe('a bundle made in one LUCID_HOME is signed in another', () => {
  test('behavior: verified, simulated again, signed once (nonce +1, the recipient gets it); a second signing is refused', async () => {
    const { path, bundle } = await makeBundle('send.json', `send 0.1 ETH to ${recipient}`);
    expect(bundle).toMatchObject({ format: 'lucid.plan-bundle', version: 1, chainId: 31337, account, text: `send 0.1 ETH to ${recipient}`, calls: [{ to: recipient, value: '100000000000000000', data: '0x' }] });
    expect(bundle.hash).toBe(planBundleHash(bundle as never));
    const before = { nonce: await nonce(), recipient: await client.getBalance({ address: recipient }) };
    const signed = await signAt(path, ['--yes']);
    expect(signed.code, signed.stderr).toBe(0);
    const json = JSON.parse(signed.stdout);
    expect(json).toMatchObject({ status: 'confirmed', receiptStatus: 'success', bundle: { hash: bundle.hash, changes: { changes: [], beyondBounds: false } } });
    expect(await nonce()).toBe(before.nonce + 1);
    expect((await client.getBalance({ address: recipient })) - before.recipient).toBe(parseEther('0.1'));

    const again = await signAt(path, ['--yes']);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout).error.code).toBe('BUNDLE_STALE');
    expect(await nonce()).toBe(before.nonce + 1);
  }, 120_000);

  test('behavior: a bundle whose second step sends "it" (what the first produced) resolves the step as a fresh run does, and is signed', async () => {
    const { path } = await makeBundle('swap-then-send.json', `buy 100 USDC with ETH then send it to ${recipient}`);
    const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)']);
    const before = { nonce: await nonce(), usdc: await client.readContract({ address: usdc, abi: erc20, functionName: 'balanceOf', args: [recipient] }) };
    // Signed where the devnet's token list is known (the other home reaches the chain by --rpc-url only).
    const signed = await lucid(maker, ['sign', path, '--json', '--yes']);
    expect(signed.code, signed.stderr + signed.stdout).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({ status: 'confirmed', receiptStatus: 'success' });
    expect(await nonce()).toBe(before.nonce + 2);
    expect((await client.readContract({ address: usdc, abi: erc20, functionName: 'balanceOf', args: [recipient] })) - before.usdc).toBe(100_000_000n);
  }, 120_000);

  test('the Safe export carries exactly the bundle calls, in order, as a Transaction Builder batch', async () => {
    const { path, bundle } = await makeBundle('export.json', `send 0.2 ETH to ${recipient}`);
    const result = await lucid(maker, ['export', '--safe', path]);
    expect(result.code, result.stderr).toBe(0);
    const batch = JSON.parse(result.stdout);
    expect(batch).toMatchObject({ version: '1.0', chainId: '31337', meta: { createdFromSafeAddress: account } });
    expect(batch.transactions).toEqual((bundle.calls as { to: string; value: string; data: string }[]).map((c) => ({ to: c.to, value: c.value, data: c.data, contractMethod: null, contractInputsValues: null })));
  }, 60_000);
});

describe('refused bundles: the reason named, nothing signed', () => {
  test('a tampered copy (a larger amount, the hash left as it was) is refused: exit 3, BUNDLE_TAMPERED', async () => {
    const { bundle } = await makeBundle('honest.json', `send 0.1 ETH to ${recipient}`);
    const tampered = structuredClone(bundle) as { calls: { value: string }[]; plans: { calls: { value: string }[] }[] };
    tampered.calls[0]!.value = '5000000000000000000';
    tampered.plans[0]!.calls[0]!.value = '5000000000000000000';
    const before = await nonce();
    const result = await signAt(writeCopy('tampered.json', tampered), ['--yes']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'BUNDLE_TAMPERED', message: expect.stringContaining('no longer matches its hash') });
    expect(await nonce()).toBe(before);
    // The export refuses it too.
    expect((await lucid(maker, ['export', '--safe', join(dir, 'tampered.json')])).code).toBe(3);
  }, 60_000);

  test('an expired bundle is refused (exit 3) and one for another chain is bad input (exit 2)', async () => {
    const { bundle } = await makeBundle('old.json', `send 0.1 ETH to ${recipient}`);
    const rehash = (changed: Record<string, unknown>) => ({ ...changed, hash: planBundleHash(changed as never) });
    const before = await nonce();
    const expired = await signAt(writeCopy('expired.json', rehash({ ...bundle, expiresAt: new Date(Date.now() - 1000).toISOString() })), ['--yes']);
    expect(expired.code).toBe(3);
    expect(JSON.parse(expired.stdout).error.code).toBe('BUNDLE_EXPIRED');
    const wrongChain = await signAt(writeCopy('chain.json', rehash({ ...bundle, chainId: 1 })), ['--yes']);
    expect(wrongChain.code).toBe(2);
    expect(JSON.parse(wrongChain.stdout).error).toMatchObject({ code: 'BUNDLE_WRONG_CHAIN', message: expect.stringContaining('chain 1') });
    const notABundle = await signAt(writeCopy('junk.json', { hello: 'world' }), ['--yes']);
    expect(notABundle.code).toBe(2);
    expect(JSON.parse(notABundle.stdout).error.code).toBe('BUNDLE_INVALID');
    expect(await nonce()).toBe(before);
  }, 60_000);

  test('a plan whose outcome moved since it was made is shown with both sides and not signed on --yes alone', async () => {
    // Named venue: the competing swap below moves a V2 pool (a 1 ETH swap would otherwise go to Uniswap V3).
    const { path, bundle } = await makeBundle('swap.json', 'swap 1 ETH for USDC via the v2 fork with 5% slippage');
    const router = (bundle.calls as { to: Address }[])[0]!.to;
    // Someone else buys USDC in the same pool (about 1% of it): the bundle's swap would now get ~2% less,
    // still inside its 5% slippage bound, so it would not revert — but it is not what was shown.
    const wallet = createWalletClient({ account: privateKeyToAccount(otherKey), transport: http(rpcUrl) });
    const abi = parseAbi(['function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)']);
    const hash = await wallet.writeContract({ chain: null, address: router, abi, functionName: 'swapExactETHForTokens', args: [0n, [contracts.weth!, usdc], wallet.account.address, 2n ** 40n], value: parseEther(router === contracts.forkV2Router ? '4' : '1') });
    await client.waitForTransactionReceipt({ hash });
    const before = await nonce();
    const result = await lucid(maker, ['sign', path, '--yes', '--json']);
    expect(result.code, result.stderr).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('BUNDLE_CHANGED');
    expect(result.stderr).toMatch(/you: \+[\d,.]+ USDC → \+[\d,.]+ USDC/);
    expect(await nonce()).toBe(before);
  }, 120_000);
});
