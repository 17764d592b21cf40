/**
 * The devnet's Uniswap V3 venue ("uniswap-v3"): the real core and periphery bytecode from `@uniswap/v3-core`
 * and `@uniswap/v3-periphery` (factory, SwapRouter, QuoterV2, NonfungiblePositionManager), and pools at two fee
 * tiers placed around the V2 pools' prices. The 0.05% pools hold most of their liquidity in a narrow band around
 * the price (deep for small trades, cheap fee) and a thin full-range position beyond it; the 0.3% pools hold a
 * modest full-range position. So a small trade is best on V3 and a large one on the deeper V2 fork — which one
 * wins is left to the simulated outcomes.
 */
import { getAddress, maxUint256, parseUnits, zeroAddress, type Address } from 'viem';
import { NonfungiblePositionManager, QuoterV2, SwapRouter, UniswapV3Factory, WETH9 } from '../../../registry-contracts/artifacts.js';
import type { DevnetToken } from './deployment.js';

/** The bootstrap's sender: deploys a contract, or writes and waits for the receipt; reads for what it needs next. */
export type DevnetTransactor = {
  deploy(abi: readonly unknown[], bytecode: `0x${string}`, args: readonly unknown[]): Promise<Address>;
  /** Deploys contracts that do not depend on each other, in order, confirming them together (faster). */
  deployAll(contracts: readonly { abi: readonly unknown[]; bytecode: `0x${string}`; args: readonly unknown[] }[]): Promise<Address[]>;
  write(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[], value?: bigint, gas?: bigint): Promise<void>;
  read(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]): Promise<unknown>;
};

type V3Position = { eth: string; widthBps?: number };

/**
 * The V3 pools, ETH against a token, in human units: `price` is tokens per ETH; each position holds about `eth`
 * ETH and the matching tokens, over ±`widthBps` around the price or the full range when no width is given.
 */
export const DEVNET_V3_POOLS: readonly { token: string; fee: number; price: string; positions: readonly V3Position[] }[] = [
  { token: 'USDC', fee: 500, price: '3010', positions: [{ eth: '20', widthBps: 200 }, { eth: '5' }] },
  { token: 'USDC', fee: 3000, price: '3010', positions: [{ eth: '30' }] },
  { token: 'DAI', fee: 500, price: '2990', positions: [{ eth: '20', widthBps: 200 }, { eth: '5' }] },
  { token: 'DAI', fee: 3000, price: '2990', positions: [{ eth: '30' }] },
];

const TICK_SPACING: Record<number, number> = { 500: 10, 3000: 60, 10000: 200 };
const MAX_TICK = 887272;
const Q192 = 2n ** 192n;

export type DeployUniswapV3Parameters = { weth: Address; tokens: readonly DevnetToken[]; deployer: Address; deadline: bigint };

/**
 * @returns the contracts to add to the deployment record: `uniswapV3Factory`, `uniswapV3Router`,
 * `uniswapV3Quoter`, `uniswapV3PositionManager`.
 * @example
 * Object.assign(contracts, await deployUniswapV3(tx, { weth, tokens, deployer, deadline }))
 */
export async function deployUniswapV3(tx: DevnetTransactor, { weth, tokens, deployer, deadline }: DeployUniswapV3Parameters): Promise<Record<string, Address>> {
  const factory = await tx.deploy(UniswapV3Factory.abi, UniswapV3Factory.bytecode, []);
  const router = await tx.deploy(SwapRouter.abi, SwapRouter.bytecode, [factory, weth]);
  const quoter = await tx.deploy(QuoterV2.abi, QuoterV2.bytecode, [factory, weth]);
  // The token descriptor only renders tokenURI; the devnet has no use for it.
  const positions = await tx.deploy(NonfungiblePositionManager.abi, NonfungiblePositionManager.bytecode, [factory, weth, zeroAddress]);

  const ethNeeded = DEVNET_V3_POOLS.flatMap((pool) => pool.positions).reduce((sum, p) => sum + parseUnits(p.eth, 18), 0n);
  await tx.write(weth, WETH9.abi, 'deposit', [], ethNeeded + parseUnits('1', 18));
  const approved = new Set<string>();
  const approve = async (token: Address) => {
    if (approved.has(token)) return;
    approved.add(token);
    await tx.write(token, WETH9.abi, 'approve', [positions, maxUint256]);
  };
  await approve(weth);

  for (const pool of DEVNET_V3_POOLS) {
    const token = tokens.find((t) => t.symbol === pool.token);
    if (!token) throw new Error(`no ${pool.token} to pair with ETH`);
    await approve(token.address);
    const wethIsToken0 = weth.toLowerCase() < token.address.toLowerCase();
    const [token0, token1] = wethIsToken0 ? [weth, token.address] : [token.address, weth];
    // Raw price token1 per token0 in base units, as a fraction.
    const tokenPerEth = { num: parseUnits(pool.price, token.decimals), den: 10n ** 18n };
    const raw = wethIsToken0 ? tokenPerEth : { num: tokenPerEth.den, den: tokenPerEth.num };
    const sqrtPriceX96 = sqrt((raw.num * Q192) / raw.den);
    await tx.write(positions, NonfungiblePositionManager.abi, 'createAndInitializePoolIfNecessary', [token0, token1, pool.fee, sqrtPriceX96]);
    // Explicit gas for the mints: with eth_estimateGas's figure a mint ran out of gas now and then (a pool's
    // observation and tick writes cost more when the mint lands in a later second than the estimate).
    const spacing = TICK_SPACING[pool.fee]!;
    const price = Number(raw.num) / Number(raw.den);
    for (const position of pool.positions) {
      const [tickLower, tickUpper] =
        position.widthBps === undefined
          ? [-Math.floor(MAX_TICK / spacing) * spacing, Math.floor(MAX_TICK / spacing) * spacing]
          : [
              Math.floor(tickAt(price * (1 - position.widthBps / 10_000)) / spacing) * spacing,
              Math.ceil(tickAt(price * (1 + position.widthBps / 10_000)) / spacing) * spacing,
            ];
      const eth = parseUnits(position.eth, 18);
      const tokenAmount = (eth * tokenPerEth.num) / tokenPerEth.den;
      const [amount0, amount1] = wethIsToken0 ? [eth, tokenAmount] : [tokenAmount, eth];
      await tx.write(positions, NonfungiblePositionManager.abi, 'mint', [
        { token0, token1, fee: pool.fee, tickLower, tickUpper, amount0Desired: amount0, amount1Desired: amount1, amount0Min: 0n, amount1Min: 0n, recipient: deployer, deadline },
      ], undefined, 1_000_000n);
    }
  }
  return {
    uniswapV3Factory: getAddress(factory),
    uniswapV3Router: getAddress(router),
    uniswapV3Quoter: getAddress(quoter),
    uniswapV3PositionManager: getAddress(positions),
  };
}

function tickAt(price: number): number {
  return Math.log(price) / Math.log(1.0001);
}

function sqrt(value: bigint): bigint {
  if (value < 2n) return value;
  let x = value;
  let y = (x + 1n) >> 1n;
  while (y < x) {
    x = y;
    y = (x + value / x) >> 1n;
  }
  return x;
}
