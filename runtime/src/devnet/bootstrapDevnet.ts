/**
 * Builds the devnet's world on a fresh anvil (see /work/shared/INTENTS.md, "The devnet's world"):
 * Multicall3 at its canonical address (`installMulticall3.ts`), WETH9, the dev tokens USDC (6 decimals), DAI (18) and stETH (18), two independent deployments of the real
 * Uniswap V2 bytecode ("uniswap-v2" and "v2-fork") with competing liquidity, the real Uniswap V3 bytecode
 * ("uniswap-v3", `deployUniswapV3.ts`) with pools at two fee tiers around the same prices, the real Aave V3
 * bytecode ("aave-v3", `deployAaveV3.ts`) with USDC, DAI and WETH markets that are lent and borrowed, the registry contracts (through
 * `registry-contracts/script/deploy.ts`), and the default account (anvil #0) funded with exactly
 * 100 ETH and some of each token. Everything is deployed by anvil #9 from the compiled artifacts in
 * `registry-contracts/generated/artifacts.ts`; anvil's accounts are unlocked, so no key is needed here.
 */
import {
  createTestClient,
  createWalletClient,
  getAddress,
  maxUint256,
  parseEther,
  parseUnits,
  TransactionReceiptNotFoundError,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type Transport,
  type WalletClient,
} from 'viem';
import { deployRegistry, type RegistryDeployment, DevToken, EntryRegistry, UniswapV2Factory, UniswapV2Pair, UniswapV2Router02, WETH9 } from '../../../registry-contracts/artifacts.js';
import {
  createClients,
  DEVNET_ACCOUNT_ADDRESS,
  DEVNET_DEPLOYER_ADDRESS,
  DEVNET_PROTECTION_FUND_ADDRESS,
  lucidHttp,
  type CreateClientsReturnType,
} from '../chain/clients.js';
import { findLucidError, InfraError } from '../../../kernel/index.js';
import { DEPLOYMENT_VERSION, type DevnetDeployment, type DevnetToken } from './deployment.js';
import { deployUniswapV3 } from './deployUniswapV3.js';
import { installMulticall3 } from './installMulticall3.js';
import { deployAaveV3, DEVNET_AAVE_ADMIN_ADDRESS, DEVNET_AAVE_MARKETS, DEVNET_BORROWER_ADDRESS } from './deployAaveV3.js';

export type BootstrapDevnetParameters = {
  rpcUrl: string;
  onProgress?: ((message: string) => void) | undefined;
};

/**
 * Liquidity of the devnet's pools, in human units. "uniswap-v2" prices ETH at 3000 USD; "v2-fork" is four
 * times deeper with ETH at 3020 USDC but 2970 DAI, so which venue is better depends on direction and size.
 */
export const DEVNET_POOLS = {
  uniswapV2: {
    ethUsdc: { eth: '100', token: '300000' },
    ethDai: { eth: '100', token: '300000' },
    usdcDai: { usdc: '500000', dai: '500000' },
    ethSteth: { eth: '500', token: '500' },
  },
  v2Fork: {
    ethUsdc: { eth: '400', token: '1208000' },
    ethDai: { eth: '400', token: '1188000' },
  },
} as const;

/** What the default account holds after the bootstrap, in human units. */
export const DEVNET_ACCOUNT_FUNDS = { ETH: '100', USDC: '10000', DAI: '10000', stETH: '50', WETH: '1' } as const;

/**
 * @returns the {@link DevnetDeployment} record (the caller writes it to disk).
 * @example
 * const deployment = await bootstrapDevnet({ rpcUrl: 'http://127.0.0.1:8545', onProgress: console.error });
 */
export async function bootstrapDevnet({ rpcUrl, onProgress }: BootstrapDevnetParameters): Promise<DevnetDeployment> {
  const progress = onProgress ?? (() => {});
  const { publicClient, chain } = createClients({ rpcUrl, timeoutMs: 30_000, pollingIntervalMs: 20 });
  const transport = lucidHttp(rpcUrl, 30_000);
  const walletClient = createWalletClient({ account: DEVNET_DEPLOYER_ADDRESS, chain, transport });
  const testClient = createTestClient({ mode: 'anvil', chain, transport });
  const tx = transactor({ publicClient, chain }, walletClient);

  // First, like on a real chain where it has been there for years: Multicall3 at its canonical address.
  await installMulticall3({ publicClient, testClient });

  progress('deploying WETH9 and the dev tokens…');
  const weth = await tx.deploy(WETH9.abi, WETH9.bytecode, []);
  const usdc = await tx.deploy(DevToken.abi, DevToken.bytecode, ['USD Coin (devnet)', 'USDC', 6, DEVNET_DEPLOYER_ADDRESS]);
  const dai = await tx.deploy(DevToken.abi, DevToken.bytecode, ['Dai Stablecoin (devnet)', 'DAI', 18, DEVNET_DEPLOYER_ADDRESS]);
  const steth = await tx.deploy(DevToken.abi, DevToken.bytecode, ['Staked Ether (devnet)', 'stETH', 18, DEVNET_DEPLOYER_ADDRESS]);

  progress('deploying Uniswap V2…');
  const uniswapV2Factory = await tx.deploy(UniswapV2Factory.abi, UniswapV2Factory.bytecode, [DEVNET_DEPLOYER_ADDRESS]);
  const uniswapV2Router = await tx.deploy(UniswapV2Router02.abi, UniswapV2Router02.bytecode, [uniswapV2Factory, weth]);
  const forkV2Factory = await tx.deploy(UniswapV2Factory.abi, UniswapV2Factory.bytecode, [DEVNET_DEPLOYER_ADDRESS]);
  const forkV2Router = await tx.deploy(UniswapV2Router02.abi, UniswapV2Router02.bytecode, [forkV2Factory, weth]);

  progress('minting tokens and adding liquidity…');
  const pools = DEVNET_POOLS;
  const usdcUnits = (amount: string) => parseUnits(amount, 6);
  const mintForDeployer = {
    usdc: usdcUnits('10000000'),
    dai: parseEther('10000000'),
    steth: parseEther('10000'),
  };
  await tx.write(usdc, DevToken.abi, 'mint', [DEVNET_DEPLOYER_ADDRESS, mintForDeployer.usdc]);
  await tx.write(dai, DevToken.abi, 'mint', [DEVNET_DEPLOYER_ADDRESS, mintForDeployer.dai]);
  await tx.write(steth, DevToken.abi, 'mint', [DEVNET_DEPLOYER_ADDRESS, mintForDeployer.steth]);
  for (const router of [uniswapV2Router, forkV2Router]) {
    for (const token of [usdc, dai, steth]) await tx.write(token, DevToken.abi, 'approve', [router, maxUint256]);
  }
  const addEth = (router: Address, token: Address, tokenAmount: bigint, eth: string) =>
    tx.write(
      router,
      UniswapV2Router02.abi,
      'addLiquidityETH',
      [token, tokenAmount, tokenAmount, parseEther(eth), DEVNET_DEPLOYER_ADDRESS, maxUint256],
      parseEther(eth),
    );
  await addEth(uniswapV2Router, usdc, usdcUnits(pools.uniswapV2.ethUsdc.token), pools.uniswapV2.ethUsdc.eth);
  await addEth(uniswapV2Router, dai, parseEther(pools.uniswapV2.ethDai.token), pools.uniswapV2.ethDai.eth);
  await addEth(uniswapV2Router, steth, parseEther(pools.uniswapV2.ethSteth.token), pools.uniswapV2.ethSteth.eth);
  const usdcDai = [usdcUnits(pools.uniswapV2.usdcDai.usdc), parseEther(pools.uniswapV2.usdcDai.dai)] as const;
  await tx.write(uniswapV2Router, UniswapV2Router02.abi, 'addLiquidity', [
    usdc, dai, usdcDai[0], usdcDai[1], usdcDai[0], usdcDai[1], DEVNET_DEPLOYER_ADDRESS, maxUint256,
  ]);
  await addEth(forkV2Router, usdc, usdcUnits(pools.v2Fork.ethUsdc.token), pools.v2Fork.ethUsdc.eth);
  await addEth(forkV2Router, dai, parseEther(pools.v2Fork.ethDai.token), pools.v2Fork.ethDai.eth);

  // Warm every pair's price accumulators (0 → non-zero) now. Otherwise the first swap on a pair pays two
  // extra 20k-gas storage writes when it lands in a later second than the pair's last update, but not when
  // eth_estimateGas ran in the same second: estimates come out short and the swap fails out of gas at random.
  const pairs: Address[] = [];
  for (const [factory, tokenA, tokenB] of [
    [uniswapV2Factory, weth, usdc],
    [uniswapV2Factory, weth, dai],
    [uniswapV2Factory, weth, steth],
    [uniswapV2Factory, usdc, dai],
    [forkV2Factory, weth, usdc],
    [forkV2Factory, weth, dai],
  ] as const) {
    pairs.push(await publicClient.readContract({ address: factory, abi: UniswapV2Factory.abi, functionName: 'getPair', args: [tokenA, tokenB] }));
  }
  await testClient.increaseTime({ seconds: 1 });
  // Explicit gas: eth_estimateGas would itself hit the cliff described above.
  for (const pair of pairs) await tx.write(pair, UniswapV2Pair.abi, 'sync', [], undefined, 200_000n);

  const contracts: Record<string, Address> = { weth, uniswapV2Factory, uniswapV2Router, forkV2Factory, forkV2Router };
  const tokens: DevnetToken[] = [
    { symbol: 'WETH', address: weth, decimals: 18 },
    { symbol: 'USDC', address: usdc, decimals: 6 },
    { symbol: 'DAI', address: dai, decimals: 18 },
    { symbol: 'stETH', address: steth, decimals: 18 },
  ];

  // The lending market is built by its own accounts (admin #6, borrower #7) while the deployer (#9) goes on
  // with Uniswap V3 and the registry: the two run side by side (most of a bootstrap is waiting on round trips),
  // and since each account sends in its own fixed order, every address is the same on every bootstrap.
  const aaveAdmin = DEVNET_AAVE_ADMIN_ADDRESS;
  const aaveSupply = (symbol: string) =>
    parseUnits(DEVNET_AAVE_MARKETS.find((m) => m.symbol === symbol)!.supplied, tokens.find((t) => t.symbol === symbol)!.decimals);
  await tx.write(usdc, DevToken.abi, 'mint', [aaveAdmin, aaveSupply('USDC')]);
  await tx.write(dai, DevToken.abi, 'mint', [aaveAdmin, aaveSupply('DAI')]);
  const aaveTx = transactor({ publicClient, chain }, createWalletClient({ account: aaveAdmin, chain, transport }));
  const borrowerTx = transactor({ publicClient, chain }, createWalletClient({ account: DEVNET_BORROWER_ADDRESS, chain, transport }));
  progress('deploying Uniswap V3, Aave V3 and the registry contracts…');
  const [aave, registry] = await Promise.all([
    deployAaveV3(aaveTx, { weth, tokens, admin: aaveAdmin, borrowerTx, borrower: DEVNET_BORROWER_ADDRESS }),
    (async () => {
      Object.assign(contracts, await deployUniswapV3(tx, { weth, tokens, deployer: DEVNET_DEPLOYER_ADDRESS, deadline: maxUint256 }));
      return deployRegistryContracts(walletClient, publicClient, steth);
    })(),
  ]);
  Object.assign(contracts, aave, registry);
  const lucidDecimals = await publicClient.readContract({ address: registry.rewardToken, abi: DevToken.abi, functionName: 'decimals' });
  tokens.push({ symbol: 'LUCID', address: registry.rewardToken, decimals: lucidDecimals });
  // The CLI is the devnet's frontend from the start, registered by the deployer: routing to a registry agent
  // later never has to sign a registration with the user's account (see registry/cliFrontend.ts).
  const { cliFrontendMetadata } = await import('../registry/cliFrontend.js');
  const { metadataBytes } = await import('../registry/metadata.js');
  const cli = metadataBytes(cliFrontendMetadata);
  // Registering locks the registry's refundable bond (EntryRegistry.REGISTRATION_BOND).
  const bond = await publicClient.readContract({ address: registry.frontendRegistry, abi: EntryRegistry.abi, functionName: 'REGISTRATION_BOND' });
  await tx.write(registry.frontendRegistry, EntryRegistry.abi, 'register', [cli.uri, cli.contentHash, [], '', 0n], bond);

  progress('funding the default account…');
  const funds = DEVNET_ACCOUNT_FUNDS;
  await tx.write(usdc, DevToken.abi, 'mint', [DEVNET_ACCOUNT_ADDRESS, usdcUnits(funds.USDC)]);
  await tx.write(dai, DevToken.abi, 'mint', [DEVNET_ACCOUNT_ADDRESS, parseEther(funds.DAI)]);
  await tx.write(steth, DevToken.abi, 'mint', [DEVNET_ACCOUNT_ADDRESS, parseEther(funds.stETH)]);
  await tx.write(weth, WETH9.abi, 'deposit', [], parseEther(funds.WETH));
  await tx.write(weth, WETH9.abi, 'transfer', [DEVNET_ACCOUNT_ADDRESS, parseEther(funds.WETH)]);
  // Last, so nothing above can change it: the default account starts with exactly 100 ETH.
  await testClient.setBalance({ address: DEVNET_ACCOUNT_ADDRESS, value: parseEther(funds.ETH) });

  const bootstrapBlock = Number(await publicClient.getBlockNumber());
  return {
    chainId: 31337,
    contracts,
    tokens,
    deployer: DEVNET_DEPLOYER_ADDRESS,
    account: DEVNET_ACCOUNT_ADDRESS,
    bootstrapBlock,
    version: DEPLOYMENT_VERSION,
  };
}

/**
 * The registry contracts' deployment code is owned by registry-contracts (`script/deploy.ts`); the devnet
 * calls it with stETH as the stake token, anvil #8 as the protection fund and the deployer as owner.
 */
async function deployRegistryContracts(
  walletClient: WalletClient<Transport, Chain, Account>,
  publicClient: CreateClientsReturnType['publicClient'],
  stakeToken: Address,
): Promise<RegistryDeployment> {
  try {
    return await deployRegistry(walletClient, publicClient, {
      stakeToken,
      protectionFund: DEVNET_PROTECTION_FUND_ADDRESS,
      owner: DEVNET_DEPLOYER_ADDRESS,
    });
  } catch (error) {
    const cause = findLucidError(error);
    throw new InfraError('DEVNET_BOOTSTRAP_FAILED', 'The devnet bootstrap failed while deploying the registry contracts.', {
      details: cause?.shortMessage ?? (error instanceof Error ? error.message.split('\n')[0] : String(error)),
      hints: ['Run `lucid devnet reset` and try again; if it persists, this is a bug in Lucid.'],
      cause: error,
    });
  }
}

/**
 * Sends from the deployer and confirms each transaction. anvil automines, so the receipt appears within
 * milliseconds of `eth_sendTransaction` returning; polling for it every 10 ms instead of viem's block
 * watching keeps the bootstrap (~40 transactions) fast.
 */
function transactor(clients: CreateClientsReturnType, walletClient: WalletClient<Transport, Chain, Account>) {
  const { publicClient } = clients;
  const sender = walletClient.account.address;
  const confirm = async (hash: Hash, what: string) => {
    const receipt = await waitForReceipt(publicClient, hash);
    if (receipt.status !== 'success') {
      throw new InfraError('DEVNET_BOOTSTRAP_FAILED', `The devnet bootstrap failed: ${what} reverted.`, {
        details: `transaction ${hash}`,
        hints: ['Run `lucid devnet reset` and try again; if it persists, this is a bug in Lucid.'],
      });
    }
    return receipt;
  };
  const send = (abi: Abi, bytecode: Hex, args: readonly unknown[]) =>
    walletClient.deployContract({
      abi,
      bytecode,
      args,
      account: sender,
      // null: no eth_chainId round trip before every send (the bootstrap's clients are built for this chain).
      chain: null,
    });
  const deployed = async (hash: Hash) => {
    const receipt = await confirm(hash, 'a contract deployment');
    if (!receipt.contractAddress) {
      throw new InfraError('DEVNET_BOOTSTRAP_FAILED', 'The devnet bootstrap failed: a deployment created no contract.');
    }
    return getAddress(receipt.contractAddress);
  };
  return {
    async deploy(abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> {
      return deployed(await send(abi, bytecode, args));
    },
    async deployAll(contracts: readonly { abi: Abi; bytecode: Hex; args: readonly unknown[] }[]): Promise<Address[]> {
      // Sent one after the other (so nonces, hence addresses, follow the list's order) without waiting for
      // each receipt: anvil mines them meanwhile, and the receipts are then collected together.
      const hashes: Hash[] = [];
      for (const { abi, bytecode, args } of contracts) hashes.push(await send(abi, bytecode, args));
      return Promise.all(hashes.map(deployed));
    },
    async write(address: Address, abi: Abi, functionName: string, args: readonly unknown[], value?: bigint, gas?: bigint): Promise<void> {
      const hash = await walletClient.writeContract({
        address,
        abi,
        functionName,
        args,
        value,
        gas,
        account: sender,
        chain: null,
      });
      await confirm(hash, functionName);
    },
    async read(address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<unknown> {
      return publicClient.readContract({ address, abi, functionName, args });
    },
  };
}

async function waitForReceipt(publicClient: CreateClientsReturnType['publicClient'], hash: Hash) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await publicClient.getTransactionReceipt({ hash });
    } catch (error) {
      if (!(error instanceof TransactionReceiptNotFoundError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
