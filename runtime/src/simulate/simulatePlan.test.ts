import { decodeFunctionData, encodeFunctionData, erc20Abi, getAddress, parseEther, parseUnits, zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { createPublicClient, createWalletClient, http } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlanCall, TokenInfo } from '../../../kernel/index.js';
import { UniswapV2Factory, UniswapV2Router02 } from '../../../registry-contracts/index.js';
import { BalanceLens } from '../../../registry-contracts/generated/bytecode/BalanceLens.js';
import { simulatePlan } from './simulatePlan.js';
import { bob, startTestChain, user, type TestChain } from './test-utils/devnet.js';
import { startRpcProxy } from './test-utils/rpcProxy.js';
import { foundry } from 'viem/chains';

let chain: TestChain;
let tokens: TokenInfo[];
const deadline = 2n ** 40n;

beforeAll(async () => {
  chain = await startTestChain();
  tokens = [
    { address: chain.tokens.USDC, symbol: 'USDC', decimals: 6, verified: true },
    { address: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: true },
    { address: chain.tokens.WETH, symbol: 'WETH', decimals: 18, verified: true },
  ];
});
afterAll(async () => {
  await chain?.stop();
});

function approveCall(token: Address, spender: Address, amount: bigint): PlanCall {
  return { to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }), value: 0n, description: 'approve' };
}

function sellUsdcCall(amountIn: bigint, minOut: bigint, to: Address = user): PlanCall {
  return {
    to: chain.contracts.uniswapV2Router,
    data: encodeFunctionData({
      abi: UniswapV2Router02.abi,
      functionName: 'swapExactTokensForETH',
      args: [amountIn, minOut, [chain.tokens.USDC, chain.tokens.WETH], to, deadline],
    }),
    value: 0n,
    description: 'swap USDC for ETH',
  };
}

async function pairAddress(): Promise<Address> {
  return chain.client.readContract({
    address: chain.contracts.uniswapV2Factory,
    abi: UniswapV2Factory.abi,
    functionName: 'getPair',
    args: [chain.tokens.USDC, chain.tokens.WETH],
  });
}

async function quoteEthOut(amountIn: bigint): Promise<bigint> {
  const amounts = await chain.client.readContract({
    address: chain.contracts.uniswapV2Router,
    abi: UniswapV2Router02.abi,
    functionName: 'getAmountsOut',
    args: [amountIn, [chain.tokens.USDC, chain.tokens.WETH]],
  });
  return amounts[1]!;
}

function change(report: Awaited<ReturnType<typeof simulatePlan>>, address: Address, token: Address | 'ETH') {
  return report.balanceChanges.find(
    (c) => getAddress(c.address) === getAddress(address) && (c.token === 'ETH' ? token === 'ETH' : token !== 'ETH' && getAddress(c.token) === getAddress(token)),
  );
}

describe.each(['simulateV1', 'fork'] as const)('simulatePlan (%s)', (mode) => {
  test('default: an ETH transfer moves exactly the value, gas reported apart', async () => {
    const report = await simulatePlan(chain.client, {
      account: user,
      calls: [{ to: bob, data: '0x', value: parseEther('1'), description: 'send 1 ETH' }],
      tokens,
      mode,
      rpcUrl: chain.rpcUrl,
    });
    expect(report.ok).toBe(true);
    expect(report.mode).toBe(mode);
    expect(change(report, user, 'ETH')?.diff).toBe(-parseEther('1'));
    expect(change(report, bob, 'ETH')?.diff).toBe(parseEther('1'));
    expect(report.balanceChanges).toHaveLength(2);
    expect(report.gas.perCall).toEqual([21000n]);
    expect(report.gas.costWei).toBeGreaterThan(0n);
    expect(report.calls[0]?.gasLimit).toBeGreaterThanOrEqual(21000n);
  });

  test('behavior: sending nearly the whole ETH balance simulates (gas is measured without reserving a block of gas)', async () => {
    const balance = await chain.client.getBalance({ address: user });
    const value = balance - parseEther('0.001');
    const report = await simulatePlan(chain.client, { account: user, calls: [{ to: bob, data: '0x', value, description: 'send almost all' }], tokens, mode, rpcUrl: chain.rpcUrl });
    expect(report.ok).toBe(true);
    expect(change(report, user, 'ETH')?.diff).toBe(-value);
  });

  test('behavior: approve then swap runs as one sequence; diffs for the user and the pair', async () => {
    const amountIn = parseUnits('1000', 6);
    const ethOut = await quoteEthOut(amountIn);
    const pair = await pairAddress();

    const alone = await simulatePlan(chain.client, { account: user, calls: [sellUsdcCall(amountIn, 0n)], tokens, mode, rpcUrl: chain.rpcUrl });
    expect(alone.ok).toBe(false);
    expect(alone.calls[0]?.revert?.reason).toBe('TransferHelper: TRANSFER_FROM_FAILED');

    const report = await simulatePlan(chain.client, {
      account: user,
      calls: [approveCall(chain.tokens.USDC, chain.contracts.uniswapV2Router, amountIn), sellUsdcCall(amountIn, 0n)],
      tokens,
      mode,
      rpcUrl: chain.rpcUrl,
    });
    expect(report.ok).toBe(true);
    expect(change(report, user, chain.tokens.USDC)?.diff).toBe(-amountIn);
    expect(change(report, user, 'ETH')?.diff).toBe(ethOut);
    expect(change(report, pair, chain.tokens.USDC)?.diff).toBe(amountIn);
    expect(change(report, pair, chain.tokens.WETH)?.diff).toBe(-ethOut);
    // The exact approval is used up by the swap.
    expect(report.approvals).toEqual([
      expect.objectContaining({ token: chain.tokens.USDC, owner: user, spender: chain.contracts.uniswapV2Router, pre: 0n, post: 0n, symbol: 'USDC' }),
    ]);
    const events = report.calls[1]?.logs.map((log) => log.eventName);
    expect(events).toEqual(expect.arrayContaining(['Transfer', 'Sync', 'Swap', 'Withdrawal']));
  });

  test('behavior: an approval left standing is reported with pre and post', async () => {
    const report = await simulatePlan(chain.client, {
      account: user,
      calls: [approveCall(chain.tokens.DAI, bob, parseUnits('500', 18))],
      tokens,
      mode,
      rpcUrl: chain.rpcUrl,
    });
    expect(report.ok).toBe(true);
    expect(report.approvals).toEqual([
      { token: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: true, owner: user, spender: bob, pre: 0n, post: parseUnits('500', 18) },
    ]);
    expect(report.calls[0]?.logs[0]).toMatchObject({ eventName: 'Approval', args: { owner: user, spender: bob, value: parseUnits('500', 18) } });
    expect(report.balanceChanges).toEqual([]);
  });

  describe('errors', () => {
    test('a router require() reverts with its reason string', async () => {
      const report = await simulatePlan(chain.client, {
        account: user,
        calls: [
          {
            to: chain.contracts.uniswapV2Router,
            data: encodeFunctionData({
              abi: UniswapV2Router02.abi,
              functionName: 'swapExactETHForTokens',
              args: [parseUnits('1000000', 6), [chain.tokens.WETH, chain.tokens.USDC], user, deadline],
            }),
            value: parseEther('1'),
            description: 'swap 1 ETH for at least 1,000,000 USDC',
          },
        ],
        tokens,
        mode,
        rpcUrl: chain.rpcUrl,
      });
      expect(report.ok).toBe(false);
      expect(report.calls[0]?.status).toBe('reverted');
      expect(report.calls[0]?.revert?.reason).toBe('UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT');
      expect(report.calls[0]?.revert?.raw.slice(0, 10)).toBe('0x08c379a0');
      expect(report.balanceChanges).toEqual([]);
    });

    test('a custom error is decoded with its arguments', async () => {
      const report = await simulatePlan(chain.client, {
        account: user,
        calls: [
          {
            to: chain.tokens.USDC,
            data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [bob, parseUnits('20000', 6)] }),
            value: 0n,
            description: 'send 20,000 USDC',
          },
        ],
        tokens,
        mode,
        rpcUrl: chain.rpcUrl,
      });
      expect(report.calls[0]?.revert?.reason).toBe(
        `ERC20InsufficientBalance(sender: ${user}, balance: 10000000000, needed: 20000000000)`,
      );
    });
  });
});

describe('simulatePlan: fork fallback', () => {
  test('behavior: gives the same diffs as eth_simulateV1 and executes nothing on the node', async () => {
    const amountIn = parseUnits('250', 6);
    const calls = [approveCall(chain.tokens.USDC, chain.contracts.uniswapV2Router, amountIn), sellUsdcCall(amountIn, 1n)];
    const blockBefore = await chain.client.getBlockNumber({ cacheTime: 0 });
    const nonceBefore = await chain.client.getTransactionCount({ address: user });
    const ethBefore = await chain.client.getBalance({ address: user });
    const usdcBefore = await chain.client.readContract({ address: chain.tokens.USDC, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    // Everything the fallback asks the node: state reads only.
    const proxy = await startRpcProxy({ target: chain.rpcUrl });
    try {
      const viaV1 = await simulatePlan(chain.client, { account: user, calls, tokens, mode: 'simulateV1' });
      const viaFork = await simulatePlan(chain.client, { account: user, calls, tokens, mode: 'fork', rpcUrl: proxy.url });
      expect(viaFork.mode).toBe('fork');
      expect(viaFork.balanceChanges.map(({ pre, post, ...rest }) => rest)).toEqual(viaV1.balanceChanges.map(({ pre, post, ...rest }) => rest));
      expect(viaFork.approvals).toEqual(viaV1.approvals);
      expect(viaFork.blockNumber).toBe(viaV1.blockNumber);
      expect(proxy.methods.length).toBeGreaterThan(0);
      expect(proxy.methods.filter((m) => /^(evm_|anvil_|hardhat_)|sendTransaction|sendRawTransaction|eth_simulateV1/.test(m))).toEqual([]);
    } finally {
      await proxy.close();
    }
    expect(await chain.client.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
    expect(await chain.client.getTransactionCount({ address: user })).toBe(nonceBefore);
    expect(await chain.client.getBalance({ address: user })).toBe(ethBefore);
    expect(await chain.client.readContract({ address: chain.tokens.USDC, abi: erc20Abi, functionName: 'balanceOf', args: [user] })).toBe(usdcBefore);
  });

  test("mode 'auto': falls back to a local fork when the node does not know eth_simulateV1", async () => {
    const proxy = await startRpcProxy({
      target: chain.rpcUrl,
      answer: (request) => (request.method === 'eth_simulateV1' ? { error: { code: -32601, message: 'the method eth_simulateV1 does not exist/is not available' } } : undefined),
    });
    try {
      const client = createPublicClient({ chain: foundry, transport: http(proxy.url) }) as PublicClient;
      const report = await simulatePlan(client, { account: user, calls: [{ to: bob, data: '0x', value: parseEther('2'), description: 'send 2 ETH' }], tokens, rpcUrl: proxy.url });
      expect(report.mode).toBe('fork');
      expect(change(report, bob, 'ETH')?.diff).toBe(parseEther('2'));
      await expect(simulatePlan(client, { account: user, calls: [{ to: bob, data: '0x', value: 1n, description: '' }], tokens, mode: 'simulateV1' })).rejects.toMatchObject({
        code: 'SIMULATION_UNSUPPORTED',
      });
    } finally {
      await proxy.close();
    }
  });

  test('errors: a plan sending more ETH than the account holds is refused by the node with a clear code', async () => {
    await expect(
      simulatePlan(chain.client, { account: user, calls: [{ to: bob, data: '0x', value: parseEther('1000000'), description: '' }], tokens, mode: 'simulateV1' }),
    ).rejects.toMatchObject({ code: 'SIMULATION_REJECTED' });
  });
});

describe('simulatePlan: parties and tokens', () => {
  test('behavior: a token that is not on the list is diffed from its Transfer logs and marked unverified', async () => {
    const onlyUsdc = tokens.filter((token) => token.symbol === 'USDC');
    const carol = getAddress('0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc');
    const report = await simulatePlan(chain.client, {
      account: user,
      calls: [
        {
          to: chain.tokens.DAI,
          data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [carol, parseUnits('7', 18)] }),
          value: 0n,
          description: 'send 7 DAI',
        },
      ],
      tokens: onlyUsdc,
      watch: [bob],
    });
    expect(report.balanceChanges).toEqual([
      expect.objectContaining({ address: user, token: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: false, diff: -parseUnits('7', 18) }),
      expect.objectContaining({ address: carol, token: chain.tokens.DAI, verified: false, diff: parseUnits('7', 18) }),
    ]);
    expect(report.tokens).toContainEqual({ address: chain.tokens.DAI, symbol: 'DAI', decimals: 18, verified: false });
  });

  test('args: blockNumber pins the state the plan runs on', async () => {
    const pinned = await chain.client.getBlockNumber({ cacheTime: 0 });
    const balanceAtPin = await chain.client.getBalance({ address: user });
    const wallet = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: user });
    const hash = await wallet.sendTransaction({ to: bob, value: parseEther('3') });
    await chain.client.waitForTransactionReceipt({ hash });

    const calls = [{ to: bob, data: '0x' as const, value: 1n, description: 'send 1 wei' }];
    const report = await simulatePlan(chain.client, { account: user, calls, tokens, blockNumber: pinned, mode: 'simulateV1' });
    expect(report.blockNumber).toBe(pinned);
    expect(change(report, user, 'ETH')?.pre).toBe(balanceAtPin);
    const viaFork = await simulatePlan(chain.client, { account: user, calls, tokens, blockNumber: pinned, mode: 'fork', rpcUrl: chain.rpcUrl });
    expect(change(viaFork, user, 'ETH')?.pre).toBe(balanceAtPin);
  });
});

describe('simulatePlan: one pass when the gas is known', () => {
  // A proxy in front of the node counts the eth_simulateV1 passes.
  async function counted<T>(run: (client: PublicClient) => Promise<T>): Promise<{ result: T; passes: number }> {
    const proxy = await startRpcProxy({ target: chain.rpcUrl });
    try {
      const client = createPublicClient({ chain: foundry, transport: http(proxy.url) }) as PublicClient;
      const result = await run(client);
      return { result, passes: proxy.methods.filter((method) => method === 'eth_simulateV1').length };
    } finally {
      await proxy.close();
    }
  }

  test('behavior: a plain ETH send to an account is simulated once, with the limits two passes give', async () => {
    const calls = [{ to: bob, data: '0x' as const, value: parseEther('1'), description: 'send 1 ETH' }];
    const { result: report, passes } = await counted((client) => simulatePlan(client, { account: user, calls, tokens }));
    expect(passes).toBe(1);
    expect(report.ok).toBe(true);
    expect(report.gas.perCall).toEqual([21_000n]);
    expect(report.gas.limits).toEqual([37_300n]); // gasLimitFor(21,000), as measuring first gives
    expect(change(report, bob, 'ETH')?.diff).toBe(parseEther('1'));
  });

  test('behavior: a plain ETH send to a contract is measured: the guess of 21,000 is not trusted', async () => {
    // The test chain's tokens have no receive(): the send runs their code and reverts, above 21,000 gas.
    const calls = [{ to: chain.tokens.USDC, data: '0x' as const, value: parseEther('1'), description: 'send to a token' }];
    const { result: report } = await counted((client) => simulatePlan(client, { account: user, calls, tokens }));
    expect(report.ok).toBe(false);
    expect(report.calls[0]?.status).toBe('reverted');
    expect(report.gas.perCall[0]).toBeGreaterThan(21_000n);
    expect(report.gas.limits[0]).toBe((report.gas.perCall[0]! * 13n) / 10n + 10_000n);
    expect(change(report, user, 'ETH')).toBeUndefined();
  });

  test('behavior: a memo of the same kind of plan saves the measuring pass, and a wrong memo is not believed', async () => {
    const amountIn = parseUnits('50', 6);
    const calls = [approveCall(chain.tokens.USDC, chain.contracts.uniswapV2Router, amountIn), sellUsdcCall(amountIn, 0n)];
    const plain = await counted((client) => simulatePlan(client, { account: user, calls, tokens }));
    const memo = new Map();
    const first = await counted((client) => simulatePlan(client, { account: user, calls, tokens, memo }));
    const second = await counted((client) => simulatePlan(client, { account: user, calls, tokens, memo }));
    expect(plain.passes).toBeGreaterThanOrEqual(2);
    expect(first.passes).toBe(plain.passes);
    expect(second.passes).toBe(1);
    // The same report as measuring first: gas, limits, every change (the pair's found from its logs included).
    expect(second.result.gas.limits).toEqual(plain.result.gas.limits);
    expect(second.result.balanceChanges).toEqual(plain.result.balanceChanges);
    expect(second.result.approvals).toEqual(plain.result.approvals);
    // A memo that lies about the gas (a hostile contract's earlier behaviour, say) only costs a pass.
    const [key, value] = [...memo.entries()][0]!;
    memo.set(key, { ...value, gasUsed: value.gasUsed.map(() => 30_000n) });
    const lied = await counted((client) => simulatePlan(client, { account: user, calls, tokens, memo }));
    expect(lied.passes).toBeGreaterThanOrEqual(2);
    expect(lied.result.gas.limits).toEqual(plain.result.gas.limits);
    expect(lied.result.ok).toBe(true);
  });
});

describe('simulatePlan: a plan that runs no code', () => {
  const balancesSelector = encodeFunctionData({ abi: BalanceLens.abi, functionName: 'balances', args: [[], []] }).slice(0, 10);
  // The tokens each lens read of balances asked for (before the plan by eth_call, after it in the lens block).
  async function lensTokens(calls: PlanCall[]) {
    const asked: (readonly Address[])[] = [];
    const note = (data: unknown) => {
      if (typeof data === 'string' && data.startsWith(balancesSelector))
        asked.push(decodeFunctionData({ abi: BalanceLens.abi, data: data as Hex }).args[0] as readonly Address[]);
    };
    const proxy = await startRpcProxy({
      target: chain.rpcUrl,
      answer: (request) => {
        if (request.method === 'eth_call') note((request.params?.[0] as { data?: unknown }).data);
        if (request.method === 'eth_simulateV1')
          for (const block of (request.params?.[0] as { blockStateCalls: { calls: { data?: unknown }[] }[] }).blockStateCalls) for (const call of block.calls) note(call.data);
        return undefined;
      },
    });
    try {
      const client = createPublicClient({ chain: foundry, transport: http(proxy.url) }) as PublicClient;
      const report = await simulatePlan(client, { account: user, calls, tokens, watch: [chain.contracts.uniswapV2Router] });
      return { report, asked };
    } finally {
      await proxy.close();
    }
  }

  test('behavior: ETH sent without data to an account reads only ETH balances; the report still lists every known token', async () => {
    const { report, asked } = await lensTokens([{ to: bob, data: '0x', value: parseEther('1'), description: 'send 1 ETH' }]);
    expect(asked).toEqual([[zeroAddress], [zeroAddress]]);
    expect(report.ok).toBe(true);
    expect(change(report, bob, 'ETH')?.diff).toBe(parseEther('1'));
    expect(report.balanceChanges.map((c) => c.token)).toEqual(['ETH', 'ETH']);
    // The outcome after sending is compared on these: a token no read was needed for is still watched there.
    expect(report.tokens.map((token) => token.address)).toEqual(['ETH', ...tokens.map((token) => token.address)]);
  });

  test('behavior: ETH sent without data to a contract runs its code: every known token is read, and what it moves shows', async () => {
    // A contract whose every call wraps the ETH it gets (WETH.deposit, value forwarded): WETH's Deposit event,
    // no Transfer. Its WETH balance is what shows the effect.
    const wrapper = getAddress('0x00000000000000000000000000000000c0de1901');
    const code = `0x63d0e30db060e01b60005260006000600460003473${chain.tokens.WETH.slice(2).toLowerCase()}5af15000` as Hex;
    await chain.client.request({ method: 'anvil_setCode', params: [wrapper, code] } as never);
    const { report, asked } = await lensTokens([{ to: wrapper, data: '0x', value: parseEther('1'), description: 'send 1 ETH to a contract' }]);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((read) => read.length === tokens.length + 1)).toBe(true);
    expect(report.ok).toBe(true);
    expect(change(report, wrapper, chain.tokens.WETH)?.diff).toBe(parseEther('1'));
    expect(change(report, user, 'ETH')?.diff).toBe(-parseEther('1'));
  });

  test('behavior: a call with data to an account without code is read in full (only a call without data is known to run nothing)', async () => {
    const { asked } = await lensTokens([{ to: bob, data: '0x12345678', value: 1n, description: 'data to an account' }]);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((read) => read.length === tokens.length + 1)).toBe(true);
  });
});
